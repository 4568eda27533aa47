//! The sounds: short, click-free cues synthesised in code, the recorded
//! number words, and which cues each engine event plays.

use std::f32::consts::TAU;
use std::io::Cursor;
use std::sync::OnceLock;

use crate::timing::engine::EventKind;
use crate::timing::plan::Phase;

use super::RATE;

/// A sound the stream can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Start of a lift: two rising notes.
    Lift,
    /// Start of a hold (a pause at the top or bottom): one soft note.
    Hold,
    /// Start of the lowering: a long falling sweep, the most distinctive.
    Lower,
    /// A whole second of the lowering: a soft, short tick.
    Tick,
    /// One of the last three seconds before a set: a short pip.
    Pip,
    /// Start of a rest: two gentle falling notes.
    Rest,
    /// End of the session: three rising notes.
    Done,
    /// Start of a partner's lift: a low note sliding up, unlike the
    /// lifter's own lift.
    Partner,
    /// A rep past the planned count of an open-ended set begins: a quick
    /// high chirp, so the lifter hears they are in extra reps.
    Extra,
    /// A spoken number, 1-60.
    Number(u8),
}

/// Which sounds are wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Volume, 0-100.
    pub volume: u8,
    /// Nothing plays.
    pub muted: bool,
    /// Spoken counts.
    pub voice: bool,
    /// Ticks on the seconds of the lowering.
    pub ticks: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 80,
            muted: false,
            voice: true,
            ticks: true,
        }
    }
}

impl Settings {
    /// The gain the volume stands for: the square of its fraction, so equal
    /// steps sound roughly equal.
    pub fn gain(&self) -> f32 {
        if self.muted {
            return 0.0;
        }
        let v = f32::from(self.volume.min(100)) / 100.0;
        v * v
    }
}

/// The cues `event` plays, loudest phase cue first.
pub fn cues_for(event: &EventKind, settings: &Settings) -> Vec<Cue> {
    let mut out = Vec::new();
    match event {
        EventKind::PhaseStarted(step) if step.partner => out.push(Cue::Partner),
        EventKind::PhaseStarted(step) => match step.phase {
            Phase::Lift => out.push(Cue::Lift),
            Phase::TopPause | Phase::BottomPause => out.push(Cue::Hold),
            Phase::Lower => out.push(Cue::Lower),
            Phase::Rest | Phase::Changeover => out.push(Cue::Rest),
            Phase::Done => out.push(Cue::Done),
            Phase::CountIn => {}
        },
        EventKind::Count { n, of_ms, .. } => {
            // The last count lands on the next phase's cue: no tick there.
            let at_end = n.saturating_mul(1000) == *of_ms;
            if settings.ticks && !at_end {
                out.push(Cue::Tick);
            }
            if settings.voice
                && let Ok(n) = u8::try_from(*n)
                && n <= MAX_NUMBER
            {
                out.push(Cue::Number(n));
            }
        }
        EventKind::Countdown { n, .. } => {
            out.push(Cue::Pip);
            if settings.voice
                && let Ok(n) = u8::try_from(*n)
                && n <= MAX_NUMBER
            {
                out.push(Cue::Number(n));
            }
        }
        _ => {}
    }
    // The start of a rep past the plan (an open-ended set) also says so.
    if let EventKind::PhaseStarted(step) = event
        && step.extra
    {
        out.push(Cue::Extra);
    }
    out
}

/// How loud a tone plays when it starts on the same sample as a spoken
/// word: not at all. The word replaces the tone at that instant (the last
/// count of a lowering lands on the next phase's cue, and tells the lifter
/// the lowering is over). Measured with a recogniser, a tone even 22 dB
/// down (0.08) still cost the last count of a 5 s or a 7 s lowering.
pub const DUCK: f32 = 0.0;

/// Each cue of one instant with its level: a word starting together with
/// tones plays at full level and ducks them to [`DUCK`], so that the tones
/// never mask it ("seven" heard as "ten" under the lift's notes). A pip
/// or a tick keeps its level; with the voice off nothing is ducked.
pub fn with_levels(cues: &[Cue]) -> Vec<(Cue, f32)> {
    let spoken = cues.iter().any(|c| matches!(c, Cue::Number(_)));
    cues.iter()
        .map(|&c| {
            // A countdown's pip and the ticks are the voice's own marks.
            let level = if spoken && !matches!(c, Cue::Number(_) | Cue::Pip | Cue::Tick) {
                DUCK
            } else {
                1.0
            };
            (c, level)
        })
        .collect()
}

/// Every cue's samples at [`RATE`], made once at start-up.
#[derive(Debug, Clone)]
pub struct Bank {
    lift: Vec<f32>,
    hold: Vec<f32>,
    lower: Vec<f32>,
    tick: Vec<f32>,
    pip: Vec<f32>,
    rest: Vec<f32>,
    done: Vec<f32>,
    /// The number words, each decoded when first played (one to ten at
    /// once): most sessions count no higher, and the sixty words at
    /// 48 kHz would take 6 MB.
    numbers: Vec<OnceLock<Vec<f32>>>,
    partner: Vec<f32>,
    extra: Vec<f32>,
}

/// The highest number the voice can say.
pub const MAX_NUMBER: u8 = 60;

/// The number words, 1-60, recorded offline at 16 kHz (see
/// `assets/README.md`).
const NUMBER_WAVS: [&[u8]; MAX_NUMBER as usize] = [
    include_bytes!("../../assets/voice/1.wav"),
    include_bytes!("../../assets/voice/2.wav"),
    include_bytes!("../../assets/voice/3.wav"),
    include_bytes!("../../assets/voice/4.wav"),
    include_bytes!("../../assets/voice/5.wav"),
    include_bytes!("../../assets/voice/6.wav"),
    include_bytes!("../../assets/voice/7.wav"),
    include_bytes!("../../assets/voice/8.wav"),
    include_bytes!("../../assets/voice/9.wav"),
    include_bytes!("../../assets/voice/10.wav"),
    include_bytes!("../../assets/voice/11.wav"),
    include_bytes!("../../assets/voice/12.wav"),
    include_bytes!("../../assets/voice/13.wav"),
    include_bytes!("../../assets/voice/14.wav"),
    include_bytes!("../../assets/voice/15.wav"),
    include_bytes!("../../assets/voice/16.wav"),
    include_bytes!("../../assets/voice/17.wav"),
    include_bytes!("../../assets/voice/18.wav"),
    include_bytes!("../../assets/voice/19.wav"),
    include_bytes!("../../assets/voice/20.wav"),
    include_bytes!("../../assets/voice/21.wav"),
    include_bytes!("../../assets/voice/22.wav"),
    include_bytes!("../../assets/voice/23.wav"),
    include_bytes!("../../assets/voice/24.wav"),
    include_bytes!("../../assets/voice/25.wav"),
    include_bytes!("../../assets/voice/26.wav"),
    include_bytes!("../../assets/voice/27.wav"),
    include_bytes!("../../assets/voice/28.wav"),
    include_bytes!("../../assets/voice/29.wav"),
    include_bytes!("../../assets/voice/30.wav"),
    include_bytes!("../../assets/voice/31.wav"),
    include_bytes!("../../assets/voice/32.wav"),
    include_bytes!("../../assets/voice/33.wav"),
    include_bytes!("../../assets/voice/34.wav"),
    include_bytes!("../../assets/voice/35.wav"),
    include_bytes!("../../assets/voice/36.wav"),
    include_bytes!("../../assets/voice/37.wav"),
    include_bytes!("../../assets/voice/38.wav"),
    include_bytes!("../../assets/voice/39.wav"),
    include_bytes!("../../assets/voice/40.wav"),
    include_bytes!("../../assets/voice/41.wav"),
    include_bytes!("../../assets/voice/42.wav"),
    include_bytes!("../../assets/voice/43.wav"),
    include_bytes!("../../assets/voice/44.wav"),
    include_bytes!("../../assets/voice/45.wav"),
    include_bytes!("../../assets/voice/46.wav"),
    include_bytes!("../../assets/voice/47.wav"),
    include_bytes!("../../assets/voice/48.wav"),
    include_bytes!("../../assets/voice/49.wav"),
    include_bytes!("../../assets/voice/50.wav"),
    include_bytes!("../../assets/voice/51.wav"),
    include_bytes!("../../assets/voice/52.wav"),
    include_bytes!("../../assets/voice/53.wav"),
    include_bytes!("../../assets/voice/54.wav"),
    include_bytes!("../../assets/voice/55.wav"),
    include_bytes!("../../assets/voice/56.wav"),
    include_bytes!("../../assets/voice/57.wav"),
    include_bytes!("../../assets/voice/58.wav"),
    include_bytes!("../../assets/voice/59.wav"),
    include_bytes!("../../assets/voice/60.wav"),
];

/// The level of the spoken numbers, below full scale so that a number, a
/// tick and a phase cue starting together stay under it.
const VOICE_LEVEL: f32 = 0.5;
/// The level of a phase cue.
const CUE_LEVEL: f32 = 0.38;

/// Where the mixer's soft limiter starts; the usual stacks stay below it.
pub const LIMIT: f32 = 0.9;

/// Keeps a mixed sample below full scale: linear up to [`LIMIT`], then a
/// smooth knee that approaches but never reaches 1.0. Only a rare pile-up
/// of cues (very short phases) ever reaches the knee.
pub fn limit(x: f32) -> f32 {
    let a = x.abs();
    if a <= LIMIT {
        x
    } else {
        let headroom = 1.0 - LIMIT;
        // Stays a hair under full scale even where tanh rounds to 1.0.
        let y = (LIMIT + headroom * ((a - LIMIT) / headroom).tanh()).min(0.999);
        y.copysign(x)
    }
}

fn samples(ms: u32) -> usize {
    (RATE as usize * ms as usize) / 1000
}

/// A note: a cosine that glides from `f0` to `f1` Hz over `ms`, with a
/// 5 ms fade-in (its first sample is already above zero, so the onset is
/// exactly where the cue starts) and a 10 ms fade-out, so it never clicks.
fn note(f0: f32, f1: f32, ms: u32, level: f32) -> Vec<f32> {
    let n = samples(ms);
    let fade_in = samples(5).min(n / 2).max(1);
    let fade_out = samples(10).min(n / 2).max(1);
    let mut phase = 0.0f32;
    (0..n)
        .map(|i| {
            let x = i as f32 / n as f32;
            let f = f0 + (f1 - f0) * x;
            let env_in = ((i + 1) as f32 / fade_in as f32).min(1.0);
            let env_out = ((n - i) as f32 / fade_out as f32).min(1.0);
            // A touch of the octave makes the note cut through gym noise.
            let s = phase.cos() * 0.8 + (2.0 * phase).cos() * 0.2;
            phase = (phase + TAU * f / RATE as f32) % TAU;
            s * env_in * env_out * level
        })
        .collect()
}

fn chain(parts: &[Vec<f32>]) -> Vec<f32> {
    parts.concat()
}

/// The rate the words are stored at: a third of [`RATE`].
const WORD_RATE: u32 = RATE / 3;
/// The upsampling factor from [`WORD_RATE`] to [`RATE`] (3).
const UP: usize = 3;
/// Taps of the interpolation filter on each side of a sample.
const HALF_TAPS: usize = 4;

/// The interpolation filter: a Hann-windowed sinc, cut off at the stored
/// rate's Nyquist frequency, one row of `2 × HALF_TAPS` taps per output
/// phase. Phase 0 is the stored sample itself.
fn interpolation_taps() -> [[f32; 2 * HALF_TAPS]; UP] {
    let mut taps = [[0.0; 2 * HALF_TAPS]; UP];
    for (phase, row) in taps.iter_mut().enumerate() {
        let frac = phase as f32 / UP as f32;
        for (k, tap) in row.iter_mut().enumerate() {
            // Input sample k sits at (k - HALF_TAPS + 1) - frac from the output.
            let x = k as f32 + 1.0 - HALF_TAPS as f32 - frac;
            let sinc = if x.abs() < 1e-6 {
                1.0
            } else {
                (std::f32::consts::PI * x).sin() / (std::f32::consts::PI * x)
            };
            let w = 0.5 + 0.5 * (std::f32::consts::PI * x / HALF_TAPS as f32).cos();
            *tap = sinc * w;
        }
        let sum: f32 = row.iter().sum();
        row.iter_mut().for_each(|t| *t /= sum);
    }
    taps
}

/// `input` at three times its rate, through [`interpolation_taps`].
fn upsample(input: &[f32]) -> Vec<f32> {
    let taps = interpolation_taps();
    let at = |i: isize| {
        usize::try_from(i)
            .ok()
            .and_then(|i| input.get(i))
            .copied()
            .unwrap_or(0.0)
    };
    let mut out = Vec::with_capacity(input.len() * UP);
    for i in 0..input.len() {
        for row in &taps {
            let mut acc = 0.0;
            for (k, t) in row.iter().enumerate() {
                // i and k are far below isize::MAX: a word is under a second.
                let j = i.cast_signed() + k.cast_signed() + 1 - HALF_TAPS.cast_signed();
                acc += at(j) * t;
            }
            out.push(acc);
        }
    }
    out
}

/// Decodes one of our 16-bit mono WAV files, stored at [`WORD_RATE`] or at
/// [`RATE`], to [`RATE`], dropping leading silence so that the word starts
/// on the cue's first sample.
fn decode(bytes: &[u8]) -> Result<Vec<f32>, hound::Error> {
    let mut reader = hound::WavReader::new(Cursor::new(bytes))?;
    let spec = reader.spec();
    if spec.channels != 1
        || !(spec.sample_rate == RATE || spec.sample_rate == WORD_RATE)
        || spec.bits_per_sample != 16
    {
        return Err(hound::Error::Unsupported);
    }
    let raw: Vec<i16> = reader.samples::<i16>().collect::<Result<_, _>>()?;
    let first = raw.iter().position(|&s| s.unsigned_abs() > 16).unwrap_or(0);
    let scaled: Vec<f32> = raw[first..]
        .iter()
        .map(|&s| f32::from(s) / 32768.0 * VOICE_LEVEL / 0.71)
        .collect();
    Ok(if spec.sample_rate == RATE {
        scaled
    } else {
        upsample(&scaled)
    })
}

impl Bank {
    /// Synthesises the cues and decodes the number words.
    pub fn new() -> Bank {
        let numbers: Vec<OnceLock<Vec<f32>>> =
            NUMBER_WAVS.iter().map(|_| OnceLock::new()).collect();
        for n in 1..=10 {
            number(&numbers, n);
        }
        Bank {
            lift: chain(&[
                note(660.0, 660.0, 70, CUE_LEVEL),
                note(990.0, 990.0, 110, CUE_LEVEL),
            ]),
            hold: note(520.0, 520.0, 120, CUE_LEVEL * 0.7),
            lower: note(1250.0, 420.0, 320, CUE_LEVEL),
            tick: note(1800.0, 1800.0, 25, CUE_LEVEL * 0.45),
            pip: note(1000.0, 1000.0, 80, CUE_LEVEL * 0.9),
            rest: chain(&[
                note(880.0, 880.0, 110, CUE_LEVEL * 0.8),
                note(660.0, 660.0, 160, CUE_LEVEL * 0.8),
            ]),
            done: chain(&[
                note(523.0, 523.0, 130, CUE_LEVEL),
                note(659.0, 659.0, 130, CUE_LEVEL),
                note(784.0, 784.0, 260, CUE_LEVEL),
            ]),
            numbers,
            partner: note(330.0, 660.0, 260, CUE_LEVEL),
            extra: note(1500.0, 2100.0, 90, CUE_LEVEL * 0.8),
        }
    }

    /// The longest cue, in samples: how far the last one may ring past
    /// the session's end.
    pub fn longest(&self) -> usize {
        [
            &self.lift,
            &self.hold,
            &self.lower,
            &self.tick,
            &self.pip,
            &self.rest,
            &self.done,
            &self.partner,
            &self.extra,
        ]
        .into_iter()
        .map(Vec::len)
        .chain(
            (1..=NUMBER_WAVS.len())
                .map(|n| number(&self.numbers, u8::try_from(n).unwrap_or(u8::MAX)).len()),
        )
        .max()
        .unwrap_or(0)
    }

    /// The samples of `cue` (empty for a number with no recording).
    pub fn get(&self, cue: Cue) -> &[f32] {
        match cue {
            Cue::Lift => &self.lift,
            Cue::Hold => &self.hold,
            Cue::Lower => &self.lower,
            Cue::Tick => &self.tick,
            Cue::Pip => &self.pip,
            Cue::Rest => &self.rest,
            Cue::Done => &self.done,
            Cue::Partner => &self.partner,
            Cue::Extra => &self.extra,
            Cue::Number(n) => number(&self.numbers, n),
        }
    }
}

/// Number word `n` (from 1), decoded now if it was not yet; empty for a
/// number with no recording.
fn number(numbers: &[OnceLock<Vec<f32>>], n: u8) -> &[f32] {
    let i = usize::from(n).wrapping_sub(1);
    match (numbers.get(i), NUMBER_WAVS.get(i)) {
        (Some(cell), Some(bytes)) => cell.get_or_init(|| decode(bytes).unwrap_or_default()),
        _ => &[],
    }
}

impl Default for Bank {
    fn default() -> Self {
        Bank::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::plan::Step;

    /// The synthesised cues.
    const TONES: [Cue; 7] = [
        Cue::Lift,
        Cue::Hold,
        Cue::Lower,
        Cue::Tick,
        Cue::Pip,
        Cue::Rest,
        Cue::Done,
    ];

    fn all() -> Vec<Cue> {
        TONES
            .into_iter()
            .chain((1..=MAX_NUMBER).map(Cue::Number))
            .collect()
    }

    #[test]
    fn every_cue_is_short_starts_at_once_and_fades_out() {
        let bank = Bank::new();
        for cue in all() {
            let s = bank.get(cue);
            assert!(!s.is_empty(), "{cue:?} has samples");
            // A word fits in the second before the next count.
            assert!(s.len() < samples(900), "{cue:?} is short: {}", s.len());
            assert!(s[0].abs() > 1e-4, "{cue:?} starts on its first sample");
            let last = s[s.len() - 1].abs();
            assert!(last < 0.02, "{cue:?} ends faded out: {last}");
        }
    }

    #[test]
    fn synthesised_cues_have_no_clicks() {
        // A click is a jump between neighbouring samples far larger than the
        // waveform itself makes; the highest note here moves at most
        // 2π·f/RATE of its level per sample.
        let bank = Bank::new();
        for cue in TONES {
            let s = bank.get(cue);
            let worst = s
                .windows(2)
                .map(|w| (w[1] - w[0]).abs())
                .fold(0.0, f32::max);
            assert!(worst < 0.2, "{cue:?} jumps by {worst}");
        }
    }

    #[test]
    fn all_cues_together_stay_below_full_scale() {
        // The most that can start on one sample: a phase cue, a tick and a
        // number (ticks and numbers come from one count).
        let bank = Bank::new();
        let peak = |c: Cue| bank.get(c).iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let phase = [
            Cue::Lift,
            Cue::Hold,
            Cue::Lower,
            Cue::Rest,
            Cue::Done,
            Cue::Pip,
        ]
        .into_iter()
        .map(peak)
        .fold(0.0, f32::max);
        let number = (1..=MAX_NUMBER)
            .map(|n| peak(Cue::Number(n)))
            .fold(0.0, f32::max);
        // The common stack: the last count of a lowering and the next
        // phase's cue (ducked under the word), or a pip and its number,
        // stays linear; the word stands clearly above the tones.
        assert!(phase * DUCK + number < LIMIT, "{phase} {number}");
        assert!(peak(Cue::Pip) + number < LIMIT);
        assert!(peak(Cue::Tick) * DUCK + number < LIMIT);
        assert!(number > phase * 1.3, "{phase} {number}");
    }

    #[test]
    fn events_map_to_cues() {
        let s = Settings::default();
        let step = |phase| Step {
            phase,
            block: 1,
            set: 1,
            rep: 1,
            ms: 4000,
            manual: false,
            partner: false,
            extra: false,
        };
        assert_eq!(
            cues_for(&EventKind::PhaseStarted(step(Phase::Lower)), &s),
            [Cue::Lower]
        );
        assert_eq!(
            cues_for(&EventKind::PhaseStarted(step(Phase::CountIn)), &s),
            []
        );
        let count = |n| EventKind::Count {
            n,
            of_ms: 4000,
            set: 1,
            rep: 1,
        };
        assert_eq!(cues_for(&count(2), &s), [Cue::Tick, Cue::Number(2)]);
        assert_eq!(
            cues_for(&count(4), &s),
            [Cue::Number(4)],
            "no tick on the last"
        );
        let quiet = Settings {
            voice: false,
            ticks: false,
            ..s
        };
        assert_eq!(cues_for(&count(2), &quiet), []);
        assert_eq!(
            cues_for(
                &EventKind::Countdown {
                    n: 3,
                    block: 1,
                    set: 2
                },
                &s
            ),
            [Cue::Pip, Cue::Number(3)]
        );
    }

    #[test]
    fn a_word_ducks_the_tones_that_start_with_it() {
        // The last count of a lowering and the lift's notes share an instant.
        assert_eq!(
            with_levels(&[Cue::Number(7), Cue::Lift]),
            [(Cue::Number(7), 1.0), (Cue::Lift, DUCK)]
        );
        assert_eq!(
            with_levels(&[Cue::Pip, Cue::Number(3), Cue::Rest]),
            [(Cue::Pip, 1.0), (Cue::Number(3), 1.0), (Cue::Rest, DUCK)]
        );
        // Without a word, tones keep their level.
        assert_eq!(
            with_levels(&[Cue::Lift, Cue::Extra]),
            [(Cue::Lift, 1.0), (Cue::Extra, 1.0)]
        );
        // Ducked, the loudest tone is far under the quietest word's peak.
        let bank = Bank::new();
        let peak = |c: Cue| bank.get(c).iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let word = (1..=MAX_NUMBER)
            .map(|n| peak(Cue::Number(n)))
            .fold(1.0, f32::min);
        assert!(peak(Cue::Lift) * DUCK * 4.0 < word, "{word}");
    }

    #[test]
    fn the_words_are_upsampled_without_loss_or_images() {
        // A 1 kHz tone at the stored rate comes out at the same level, and
        // the three output phases agree with the true waveform.
        let f = 1000.0 / WORD_RATE as f32;
        let input: Vec<f32> = (0..400).map(|i| (TAU * f * i as f32).sin()).collect();
        let out = upsample(&input);
        assert_eq!(u64::from(WORD_RATE) * UP as u64, u64::from(RATE));
        assert_eq!(out.len(), input.len() * UP);
        let worst = (60..out.len() - 60)
            .map(|i| (out[i] - (TAU * f * i as f32 / UP as f32).sin()).abs())
            .fold(0.0, f32::max);
        assert!(worst < 0.03, "{worst}");
        // Every stored sample is kept as it was.
        assert!(
            input
                .iter()
                .zip(out.iter().step_by(UP))
                .all(|(a, b)| (a - b).abs() < 1e-6)
        );
    }

    #[test]
    fn counts_up_to_sixty_are_spoken() {
        let s = Settings::default();
        let count = |n| EventKind::Count {
            n,
            of_ms: 60_000,
            set: 1,
            rep: 1,
        };
        assert_eq!(cues_for(&count(45), &s), [Cue::Tick, Cue::Number(45)]);
        assert_eq!(cues_for(&count(60), &s), [Cue::Number(60)]);
        assert_eq!(cues_for(&count(61), &s), [Cue::Tick]);
        let bank = Bank::new();
        assert!((1..=MAX_NUMBER).all(|n| !bank.get(Cue::Number(n)).is_empty()));
        assert!(bank.get(Cue::Number(61)).is_empty());
    }

    #[test]
    fn the_limiter_is_linear_below_its_knee_and_never_reaches_full_scale() {
        assert_eq!(limit(0.5), 0.5);
        assert_eq!(limit(-0.9), -0.9);
        let mut last = 0.0;
        for i in 0..=400 {
            let x = 0.9 + i as f32 * 0.01;
            let y = limit(x);
            assert!(y < 1.0 && y >= last, "{x} -> {y}");
            assert_eq!(limit(-x), -y);
            last = y;
        }
    }

    #[test]
    fn volume_is_squared_and_mute_silences() {
        assert!((Settings::default().gain() - 0.64).abs() < 1e-6);
        let muted = Settings {
            muted: true,
            ..Settings::default()
        };
        assert_eq!(muted.gain(), 0.0);
    }

    #[test]
    fn words_past_ten_are_decoded_when_first_played() {
        let bank = Bank::new();
        assert!(bank.numbers[9].get().is_some(), "ten at once");
        assert!(bank.numbers[20].get().is_none(), "twenty-one not yet");
        assert!(!bank.get(Cue::Number(21)).is_empty());
        assert!(bank.numbers[20].get().is_some());
        assert!(bank.numbers[21].get().is_none(), "only what was played");
    }
}
