//! The recorded voice: the numbers one to sixty and the words, made
//! offline with one synthetic voice (`assets/make-voice.sh`), stored at
//! 16 kHz and brought to the stream's rate when first played. Nothing is
//! synthesised at run time.

use std::io::Cursor;
use std::sync::OnceLock;

use super::RATE;

/// A recorded word or phrase other than a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// "up".
    Up,
    /// "down".
    Down,
    /// "hold".
    Hold,
    /// "rest".
    Rest,
    /// "partner".
    Partner,
    /// "last rep".
    LastRep,
    /// "last set".
    LastSet,
    /// "set".
    Set,
    /// "of".
    Of,
    /// "to failure".
    ToFailure,
    /// "plus".
    Plus,
    /// "next".
    Next,
    /// "ready".
    Ready,
    /// "done".
    Done,
    /// "paused".
    Paused,
    /// "rep", before the rep's number: "rep four".
    Rep,
    /// "squat".
    Squat,
    /// "bench".
    Bench,
    /// "push up".
    PushUp,
    /// "dip".
    Dip,
    /// "romanian deadlift".
    RomanianDeadlift,
    /// "curl".
    Curl,
    /// "pull up".
    PullUp,
    /// "chin up".
    ChinUp,
    /// "row".
    Row,
}

impl Word {
    /// Every word, in the order of their recordings.
    pub(crate) const ALL: [Word; 25] = [
        Word::Up,
        Word::Down,
        Word::Hold,
        Word::Rest,
        Word::Partner,
        Word::LastRep,
        Word::LastSet,
        Word::Set,
        Word::Of,
        Word::ToFailure,
        Word::Plus,
        Word::Next,
        Word::Ready,
        Word::Done,
        Word::Paused,
        Word::Rep,
        Word::Squat,
        Word::Bench,
        Word::PushUp,
        Word::Dip,
        Word::RomanianDeadlift,
        Word::Curl,
        Word::PullUp,
        Word::ChinUp,
        Word::Row,
    ];

    /// The recording's file name in `assets/voice/`, without `.wav`; for
    /// an exercise, its built-in name.
    pub fn name(self) -> &'static str {
        match self {
            Word::Up => "up",
            Word::Down => "down",
            Word::Hold => "hold",
            Word::Rest => "rest",
            Word::Partner => "partner",
            Word::LastRep => "last-rep",
            Word::LastSet => "last-set",
            Word::Set => "set",
            Word::Of => "of",
            Word::ToFailure => "to-failure",
            Word::Plus => "plus",
            Word::Next => "next",
            Word::Ready => "ready",
            Word::Done => "done",
            Word::Paused => "paused",
            Word::Rep => "rep",
            Word::Squat => "squat",
            Word::Bench => "bench",
            Word::PushUp => "push-up",
            Word::Dip => "dip",
            Word::RomanianDeadlift => "romanian-deadlift",
            Word::Curl => "curl",
            Word::PullUp => "pull-up",
            Word::ChinUp => "chin-up",
            Word::Row => "row",
        }
    }

    /// The word for a built-in exercise's name, if it is one.
    pub fn exercise(name: &str) -> Option<Word> {
        Word::ALL[Word::ALL.iter().position(|w| *w == Word::Squat)?..]
            .iter()
            .copied()
            .find(|w| w.name() == name)
    }

    fn index(self) -> usize {
        Word::ALL.iter().position(|w| *w == self).unwrap_or(0)
    }
}

const WORD_WAVS: [&[u8]; Word::ALL.len()] = [
    include_bytes!("../../assets/voice/up.wav"),
    include_bytes!("../../assets/voice/down.wav"),
    include_bytes!("../../assets/voice/hold.wav"),
    include_bytes!("../../assets/voice/rest.wav"),
    include_bytes!("../../assets/voice/partner.wav"),
    include_bytes!("../../assets/voice/last-rep.wav"),
    include_bytes!("../../assets/voice/last-set.wav"),
    include_bytes!("../../assets/voice/set.wav"),
    include_bytes!("../../assets/voice/of.wav"),
    include_bytes!("../../assets/voice/to-failure.wav"),
    include_bytes!("../../assets/voice/plus.wav"),
    include_bytes!("../../assets/voice/next.wav"),
    include_bytes!("../../assets/voice/ready.wav"),
    include_bytes!("../../assets/voice/done.wav"),
    include_bytes!("../../assets/voice/paused.wav"),
    include_bytes!("../../assets/voice/rep.wav"),
    include_bytes!("../../assets/voice/squat.wav"),
    include_bytes!("../../assets/voice/bench.wav"),
    include_bytes!("../../assets/voice/push-up.wav"),
    include_bytes!("../../assets/voice/dip.wav"),
    include_bytes!("../../assets/voice/romanian-deadlift.wav"),
    include_bytes!("../../assets/voice/curl.wav"),
    include_bytes!("../../assets/voice/pull-up.wav"),
    include_bytes!("../../assets/voice/chin-up.wav"),
    include_bytes!("../../assets/voice/row.wav"),
];

/// The highest number the voice can say.
pub(crate) const MAX_NUMBER: u8 = 60;

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
pub(crate) const VOICE_LEVEL: f32 = 0.5;

/// The peak every recording is normalised to when it is made
/// (`assets/README.md`): -3 dBFS. Decoding scales it to [`VOICE_LEVEL`].
const RECORDED_PEAK: f32 = 0.71;
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
        .map(|&s| f32::from(s) / 32768.0 * VOICE_LEVEL / RECORDED_PEAK)
        .collect();
    Ok(if spec.sample_rate == RATE {
        scaled
    } else {
        upsample(&scaled)
    })
}

/// The recordings, each decoded when first played (one to ten at once):
/// most sessions say little else, and everything at 48 kHz would take
/// 8 MB.
#[derive(Debug)]
pub(crate) struct Recordings {
    numbers: Vec<OnceLock<Vec<f32>>>,
    words: Vec<OnceLock<Vec<f32>>>,
}

impl Recordings {
    /// Nothing decoded but one to ten.
    pub fn new() -> Recordings {
        let recordings = Recordings {
            numbers: NUMBER_WAVS.iter().map(|_| OnceLock::new()).collect(),
            words: WORD_WAVS.iter().map(|_| OnceLock::new()).collect(),
        };
        for n in 1..=10 {
            recordings.number(n);
        }
        recordings
    }

    /// Number `n` (from 1), decoded now if it was not yet; empty for a
    /// number with no recording.
    pub fn number(&self, n: u8) -> &[f32] {
        let i = usize::from(n).wrapping_sub(1);
        match (self.numbers.get(i), NUMBER_WAVS.get(i)) {
            (Some(cell), Some(bytes)) => cell.get_or_init(|| decode(bytes).unwrap_or_default()),
            _ => &[],
        }
    }

    /// `word`, decoded now if it was not yet.
    pub fn word(&self, word: Word) -> &[f32] {
        let i = word.index();
        match (self.words.get(i), WORD_WAVS.get(i)) {
            (Some(cell), Some(bytes)) => cell.get_or_init(|| decode(bytes).unwrap_or_default()),
            _ => &[],
        }
    }
}

impl Clone for Recordings {
    fn clone(&self) -> Self {
        Recordings {
            numbers: self.numbers.clone(),
            words: self.words.clone(),
        }
    }
}

impl Default for Recordings {
    fn default() -> Self {
        Recordings::new()
    }
}

#[cfg(test)]
mod tests {
    use std::f32::consts::TAU;

    use super::*;

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

    fn decoded(r: &Recordings, n: u8) -> bool {
        r.numbers[usize::from(n) - 1].get().is_some()
    }

    #[test]
    fn numbers_past_ten_and_words_are_decoded_when_first_played() {
        let r = Recordings::new();
        assert!(decoded(&r, 10), "ten at once");
        assert!(!decoded(&r, 21), "twenty-one not yet");
        assert!(!r.number(21).is_empty());
        assert!(decoded(&r, 21));
        assert!(!decoded(&r, 22), "only what was played");
        assert!(r.words.iter().all(|w| w.get().is_none()));
        assert!(!r.word(Word::Down).is_empty());
        assert_eq!(r.words.iter().filter(|w| w.get().is_some()).count(), 1);
    }

    #[test]
    fn every_recording_starts_at_once_fades_out_and_fits_its_place() {
        let r = Recordings::new();
        let second = RATE as usize;
        for n in 1..=MAX_NUMBER {
            let s = r.number(n);
            // A count fits in the second before the next count.
            assert!(s.len() < second * 9 / 10, "{n}: {}", s.len());
            assert!(s[0].abs() > 1e-4 && s[s.len() - 1].abs() < 0.02, "{n}");
        }
        for w in Word::ALL {
            let s = r.word(w);
            assert!(!s.is_empty() && s.len() < second, "{w:?}: {}", s.len());
            assert!(s[0].abs() > 1e-4 && s[s.len() - 1].abs() < 0.02, "{w:?}");
        }
        assert!(r.number(61).is_empty() && r.number(0).is_empty());
    }

    #[test]
    fn the_exercise_words_are_the_built_in_exercises() {
        assert_eq!(Word::exercise("squat"), Some(Word::Squat));
        assert_eq!(
            Word::exercise("romanian-deadlift"),
            Some(Word::RomanianDeadlift)
        );
        assert_eq!(Word::exercise("down"), None, "a word, not an exercise");
        assert_eq!(Word::exercise("hip-thrust"), None);
        let builtin: Vec<String> = crate::program::presets::builtin_exercises()
            .into_iter()
            .map(|e| e.name)
            .collect();
        // Every exercise the voice names is one of the catalogue's.
        for w in &Word::ALL[Word::Squat.index()..] {
            assert!(builtin.iter().any(|b| b == w.name()), "{}", w.name());
        }
    }
}
