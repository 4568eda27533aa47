//! How well each synthesised cue stands out of gym music: `bench/run`
//! runs this and BENCHMARKS.md keeps its table.
//!
//!     cargo run --release --example tones
//!
//! Each tone is set to one overall level (the same RMS for every tone, as
//! if the volume were the same), and so is a music-like noise, then both
//! are played through a laptop's speaker (little below 400 Hz). The noise: pink noise (seeded,
//! so every run is the same) whose loudness swings at 2 beats a second,
//! with a kick under every beat, rolling off above 3 kHz as music does.
//! Both go through the same octave-band filters (250 Hz to 8 kHz); the
//! table gives each tone's loudest band and how far it stands above the
//! noise there, in dB, with the noise as loud overall as the tone, and
//! every band where the tone is louder than the noise (more bands: more
//! chances to be heard when one is masked). Alarm guidance asks a signal
//! to stand well above the noise in at least one octave band.

use std::f32::consts::TAU;

use repcadence::audio::RATE;
use repcadence::audio::cues::{Bank, Cue};

/// The octave bands' centre frequencies, in Hz.
const BANDS: [f32; 6] = [250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0];

/// The tones, as the README names them.
const TONES: [(&str, Cue); 9] = [
    ("lift", Cue::Lift),
    ("hold", Cue::Hold),
    ("lower (--voice off)", Cue::Lower),
    ("tick", Cue::Tick),
    ("pip", Cue::Pip),
    ("rest", Cue::Rest),
    ("done", Cue::Done),
    ("partner", Cue::Partner),
    ("past the plan", Cue::Extra),
];

/// A band-pass filter one octave wide around `centre` (a biquad, RBJ's
/// constant 0 dB peak gain form).
struct Band {
    b: [f32; 3],
    a: [f32; 2],
    x: [f32; 2],
    y: [f32; 2],
}

impl Band {
    fn new(centre: f32) -> Band {
        let w = TAU * centre / RATE as f32;
        // One octave: Q = sqrt(2) / (2 - 1) for edges at f/sqrt2 and f*sqrt2.
        let q = std::f32::consts::SQRT_2;
        let alpha = w.sin() / (2.0 * q);
        let a0 = 1.0 + alpha;
        Band {
            b: [alpha / a0, 0.0, -alpha / a0],
            a: [-2.0 * w.cos() / a0, (1.0 - alpha) / a0],
            x: [0.0; 2],
            y: [0.0; 2],
        }
    }

    fn next(&mut self, x: f32) -> f32 {
        let y = self.b[0] * x + self.b[1] * self.x[0] + self.b[2] * self.x[1]
            - self.a[0] * self.y[0]
            - self.a[1] * self.y[1];
        self.x = [x, self.x[0]];
        self.y = [y, self.y[0]];
        y
    }
}

fn rms(s: &[f32]) -> f32 {
    (s.iter().map(|x| x * x).sum::<f32>() / s.len().max(1) as f32).sqrt()
}

/// The level of `s` in each band, in dB (its RMS in the band).
fn band_levels(s: &[f32]) -> Vec<f32> {
    BANDS
        .iter()
        .map(|&f| {
            let mut band = Band::new(f);
            let out: Vec<f32> = s.iter().map(|x| band.next(*x)).collect();
            20.0 * rms(&out).max(1e-9).log10()
        })
        .collect()
}

/// Ten seconds of music-like noise: seeded pink noise (Paul Kellet's
/// filter over a xorshift generator) swinging at 2 beats a second, with a
/// 60 Hz kick on every beat.
fn music() -> Vec<f32> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut white = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    };
    let mut b = [0.0f32; 7];
    let mut tilt = LowPass::new(3000.0);
    let n = RATE as usize * 10;
    (0..n)
        .map(|i| {
            let w = white();
            b[0] = 0.99886 * b[0] + w * 0.0555179;
            b[1] = 0.99332 * b[1] + w * 0.0750759;
            b[2] = 0.96900 * b[2] + w * 0.153_852;
            b[3] = 0.86650 * b[3] + w * 0.3104856;
            b[4] = 0.55000 * b[4] + w * 0.5329522;
            b[5] = -0.7616 * b[5] - w * 0.0168980;
            let pink = b.iter().sum::<f32>() + w * 0.5362;
            b[6] = w * 0.115926;
            let t = i as f32 / RATE as f32;
            let beat = (t * 2.0).fract();
            let swing = 0.6 + 0.4 * (TAU * 2.0 * t).cos();
            let kick = (-beat * 12.0).exp() * (TAU * 60.0 * t).sin() * 3.0;
            // Music's spectrum falls faster than pink noise's above a few
            // kHz: a gentle first-order roll-off from 3 kHz.
            tilt.next(pink * swing + kick)
        })
        .collect()
}

/// A first-order low-pass (6 dB an octave) from `corner` Hz.
struct LowPass {
    k: f32,
    y: f32,
}

impl LowPass {
    fn new(corner: f32) -> LowPass {
        LowPass {
            k: 1.0 - (-TAU * corner / RATE as f32).exp(),
            y: 0.0,
        }
    }

    fn next(&mut self, x: f32) -> f32 {
        self.y += self.k * (x - self.y);
        self.y
    }
}

/// What a laptop's speaker plays of `s`: little below 400 Hz (a
/// second-order high-pass there).
fn laptop(s: &[f32]) -> Vec<f32> {
    let w = TAU * 400.0 / RATE as f32;
    let alpha = w.sin() / std::f32::consts::SQRT_2;
    let (cos, a0) = (w.cos(), 1.0 + alpha);
    let b = [
        (1.0 + cos) / 2.0 / a0,
        -(1.0 + cos) / a0,
        (1.0 + cos) / 2.0 / a0,
    ];
    let a = [-2.0 * cos / a0, (1.0 - alpha) / a0];
    let (mut x1, mut x2, mut y1, mut y2) = (0.0, 0.0, 0.0, 0.0);
    s.iter()
        .map(|&x| {
            let y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
            (x2, x1, y2, y1) = (x1, x, y1, y);
            y
        })
        .collect()
}

fn main() {
    let bank = Bank::new();
    // One overall level as sent to the speaker (the same volume), then
    // what a laptop's speaker plays of each.
    let sent = music();
    let noise_rms = rms(&sent);
    let noise = laptop(&sent);
    println!("| tone | loudest band | above the music there | bands above the music |");
    println!("|---|---|---|---|");
    for (name, cue) in TONES {
        let tone = bank.get(cue);
        let scale = noise_rms / rms(tone).max(1e-9);
        let tone: Vec<f32> = laptop(&tone.iter().map(|x| x * scale).collect::<Vec<_>>());
        let t = band_levels(&tone);
        let m = band_levels(&noise);
        let (best, _) =
            t.iter().enumerate().fold(
                (0, f32::MIN),
                |(bi, bv), (i, v)| if *v > bv { (i, *v) } else { (bi, bv) },
            );
        let above = t[best] - m[best];
        let over: Vec<String> = t
            .iter()
            .zip(&m)
            .zip(BANDS)
            .filter(|((t, m), _)| t > m)
            .map(|(_, f)| format!("{}k", f / 1000.0))
            .collect();
        println!(
            "| {name} | {} Hz | {above:+.1} dB | {} |",
            BANDS[best],
            over.join(", ")
        );
    }
}
