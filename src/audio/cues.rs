//! The sounds: short, click-free cues synthesised in code and the
//! recorded voice, and the settings that choose among them.

use std::f32::consts::TAU;

use crate::timing::counting::{Counting, Voice};

use super::RATE;
use super::voice::{MAX_NUMBER, Recordings, Word};

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
    /// A spoken word or phrase.
    Word(Word),
}

/// Which sounds are wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Volume, 0-100.
    pub volume: u8,
    /// Nothing plays.
    pub muted: bool,
    /// What is spoken.
    pub voice: Voice,
    /// Which way the lowering is counted.
    pub counting: Counting,
    /// Ticks on the seconds of the lowering.
    pub ticks: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 80,
            muted: false,
            voice: Voice::Full,
            counting: Counting::Up,
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

    /// The gain the stream applies: the volume's, raised by [`makeup`],
    /// so that the default volume takes the voice to -1 dBFS (louder
    /// volumes are held there by the [`Limiter`]).
    pub fn level(&self) -> f32 {
        self.gain() * makeup()
    }
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
    /// The numbers and the words.
    voice: Recordings,
    partner: Vec<f32>,
    extra: Vec<f32>,
}

/// The level of a phase cue.
const CUE_LEVEL: f32 = 0.38;

/// The most any sample of the mix reaches: -1 dBFS. Full scale is never
/// touched, so a phone's or a laptop's output stage never clips.
pub(crate) const CEILING: f32 = 0.891;

/// How fast the limiter lets its gain back up once the mix falls below
/// [`CEILING`]: back to 63 % of the way in 50 ms, so that a pile-up of
/// cues is turned down as one sound, not sample by sample.
const RELEASE_MS: f32 = 50.0;

/// Keeps the mixed stream at or below [`CEILING`]: where a sample would
/// pass it, the gain drops at once to just what keeps it there (no sample
/// is ever over, and none is delayed: every cue stays on its sample), then
/// rises smoothly back to 1. Below the ceiling the stream passes as it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limiter {
    gain: f32,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter { gain: 1.0 }
    }
}

impl Limiter {
    /// `x`, limited; the limiter's state moves on by one sample.
    pub fn next(&mut self, x: f32) -> f32 {
        let release = 1.0 - (-1000.0 / (RELEASE_MS * RATE as f32)).exp();
        self.gain += (1.0 - self.gain) * release;
        let a = x.abs();
        if a * self.gain > CEILING {
            self.gain = CEILING / a;
        }
        x * self.gain
    }
}

/// How much the mix is raised at the default volume so that the voice,
/// held at [`VOICE_LEVEL`](super::voice::VOICE_LEVEL), reaches
/// [`CEILING`]: as loud as it can be without clipping.
pub(crate) fn makeup() -> f32 {
    CEILING / (super::voice::VOICE_LEVEL * Settings::default().gain())
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
            // The second and third harmonics make the note cut through
            // gym noise and carry on a small speaker.
            let s = phase.cos() * 0.7 + (2.0 * phase).cos() * 0.2 + (3.0 * phase).cos() * 0.1;
            phase = (phase + TAU * f / RATE as f32) % TAU;
            s * env_in * env_out * level
        })
        .collect()
}

fn chain(parts: &[Vec<f32>]) -> Vec<f32> {
    parts.concat()
}

impl Bank {
    /// Synthesises the cues and decodes the first numbers.
    pub fn new() -> Bank {
        Bank {
            // Every fundamental is between 1 and 4 kHz, where gym music
            // leaves room and a laptop's speaker plays, on a scale of
            // steps at least 20 % apart (1000, 1250, 1600, 2000, 2500,
            // 3150 Hz); three pulse patterns: one note or glide, two
            // notes, three notes.
            lift: chain(&[
                note(1250.0, 1250.0, 70, CUE_LEVEL),
                note(2000.0, 2000.0, 110, CUE_LEVEL),
            ]),
            hold: note(1000.0, 1000.0, 120, CUE_LEVEL * 0.7),
            lower: note(2500.0, 1000.0, 320, CUE_LEVEL),
            tick: note(3150.0, 3150.0, 25, CUE_LEVEL * 0.45),
            pip: note(1600.0, 1600.0, 80, CUE_LEVEL * 0.9),
            rest: chain(&[
                note(1600.0, 1600.0, 110, CUE_LEVEL * 0.8),
                note(1250.0, 1250.0, 160, CUE_LEVEL * 0.8),
            ]),
            done: chain(&[
                note(1250.0, 1250.0, 130, CUE_LEVEL),
                note(1600.0, 1600.0, 130, CUE_LEVEL),
                note(2000.0, 2000.0, 260, CUE_LEVEL),
            ]),
            voice: Recordings::new(),
            partner: note(1000.0, 1600.0, 260, CUE_LEVEL),
            extra: note(3150.0, 4000.0, 90, CUE_LEVEL * 0.8),
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
        .chain((1..=MAX_NUMBER).map(|n| self.voice.number(n).len()))
        .chain(Word::ALL.into_iter().map(|w| self.voice.word(w).len()))
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
            Cue::Number(n) => self.voice.number(n),
            Cue::Word(w) => self.voice.word(w),
        }
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
            .chain(Word::ALL.into_iter().map(Cue::Word))
            .collect()
    }

    #[test]
    fn every_cue_is_short_starts_at_once_and_fades_out() {
        let bank = Bank::new();
        for cue in all() {
            let s = bank.get(cue);
            assert!(!s.is_empty(), "{cue:?} has samples");
            // A count fits in the second before the next count; a word
            // is said only where it fits (audio::script).
            let most = if matches!(cue, Cue::Word(_)) {
                1000
            } else {
                900
            };
            assert!(s.len() < samples(most), "{cue:?} is short: {}", s.len());
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
        // The common stacks, a count and its tick or a pip and its number,
        // stay under full scale before the make-up gain (the limiter holds
        // them at the ceiling after it); the voice stands clearly above the
        // tones.
        assert!(peak(Cue::Pip) + number < 1.0);
        assert!(peak(Cue::Tick) + number < 1.0);
        assert!(number > phase * 1.3, "{phase} {number}");
        let word = Word::ALL
            .into_iter()
            .map(|w| peak(Cue::Word(w)))
            .fold(1.0, f32::min);
        assert!(word > phase * 1.3, "{phase} {word}");
    }

    #[test]
    fn the_limiter_passes_what_is_below_its_ceiling_and_holds_the_rest_there() {
        let mut l = Limiter::default();
        assert_eq!(l.next(0.5), 0.5);
        assert_eq!(l.next(-0.8), -0.8);
        // A burst far over the ceiling: no sample passes it, on the first
        // sample too.
        let mut worst = 0.0f32;
        for i in 0..4800 {
            let x = 2.5 * (i as f32 * 0.3).sin();
            worst = worst.max(l.next(x).abs());
        }
        assert!(worst <= CEILING + 1e-6, "{worst}");
        // The gain comes back: 300 ms of quiet later, a 0.5 passes whole.
        for _ in 0..14_400 {
            l.next(0.0);
        }
        assert!((l.next(0.5) - 0.5).abs() < 0.01);
    }

    #[test]
    fn at_the_default_volume_the_loudest_recording_reaches_the_ceiling() {
        let bank = Bank::new();
        let peak = all()
            .into_iter()
            .map(|c| bank.get(c).iter().fold(0.0f32, |m, s| m.max(s.abs())))
            .fold(0.0, f32::max);
        let loudest = peak * Settings::default().level();
        // Within a few per cent of it: resampling may move a peak a little
        // either way, and the limiter takes what passes.
        assert!(
            (CEILING * 0.97..CEILING * 1.06).contains(&loudest),
            "{loudest}"
        );
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
}
