//! How a lowering is counted, and what the voice says: one convention for
//! the screen, the voice and `--plain`, so that the number read is the
//! number heard.
//!
//! A count names the second the lifter is in. Counting up, a 4 s lowering
//! is "1" from its start, "2" from one second in, and so on to "4" in its
//! last second; the next phase's cue ends it, so the last number never
//! shares its instant with a cue. Counting down, the same lowering shows
//! and says the seconds left: "4", "3", "2", "1".

use std::fmt;
use std::str::FromStr;

/// Which way a lowering is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    /// The second the lifter is in: 1, 2, 3, 4.
    #[default]
    Up,
    /// The seconds left: 4, 3, 2, 1.
    Down,
}

impl Counting {
    /// The names, as typed.
    pub(crate) const NAMES: [&'static str; 2] = ["up", "down"];

    /// The number that stands for `elapsed_ms` into a lowering of `of_ms`:
    /// the second it is in, counted up from 1 or down to 1. Both change on
    /// the whole seconds from the lowering's start, when the voice speaks;
    /// counting down, that is the seconds left rounded up (a lowering of
    /// 4.5 s counts 5, 4, 3, 2, 1, the last for half a second).
    pub fn shown(self, elapsed_ms: u64, of_ms: u32) -> u32 {
        let of = u64::from(of_ms);
        let seconds = of.div_ceil(1000).max(1);
        let elapsed = elapsed_ms.min(of.saturating_sub(1));
        let n = match self {
            Counting::Up => elapsed / 1000 + 1,
            Counting::Down => seconds.saturating_sub(elapsed / 1000),
        };
        u32::try_from(n.clamp(1, seconds)).unwrap_or(u32::MAX)
    }

    /// What is said `n` whole seconds into a lowering of `of_ms` (0 at its
    /// start): the number shown from then on, or nothing at its end, where
    /// the next phase's cue plays.
    pub fn spoken(self, n: u32, of_ms: u32) -> Option<u32> {
        let at = u64::from(n) * 1000;
        (at < u64::from(of_ms)).then(|| self.shown(at, of_ms))
    }
}

impl fmt::Display for Counting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Counting::Up => "up",
            Counting::Down => "down",
        })
    }
}

impl FromStr for Counting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "up" => Ok(Counting::Up),
            "down" => Ok(Counting::Down),
            _ => Err(format!("\"{s}\" is not a way to count: give up or down")),
        }
    }
}

/// What the voice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The counts, and words for what happens: "down", "up", "hold",
    /// "rest", "last rep", "set two of three", "next: squat", "done".
    #[default]
    Full,
    /// The counts only; tones for the phases.
    Counts,
    /// Nothing spoken: tones only.
    Off,
}

impl Voice {
    /// The names, as typed.
    pub(crate) const NAMES: [&'static str; 3] = ["full", "counts", "off"];

    /// Whether numbers are spoken.
    pub fn counts(self) -> bool {
        self != Voice::Off
    }

    /// Whether words are spoken.
    pub fn words(self) -> bool {
        self == Voice::Full
    }
}

impl fmt::Display for Voice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Voice::Full => "full",
            Voice::Counts => "counts",
            Voice::Off => "off",
        })
    }
}

impl FromStr for Voice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Voice::Full),
            "counts" => Ok(Voice::Counts),
            "off" => Ok(Voice::Off),
            _ => Err(format!(
                "\"{s}\" is not a voice: give full (counts and words), counts or off"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_up_names_the_second_and_down_the_seconds_left() {
        let up: Vec<u32> = [0, 999, 1000, 2500, 3999, 4000]
            .iter()
            .map(|&e| Counting::Up.shown(e, 4000))
            .collect();
        assert_eq!(up, [1, 1, 2, 3, 4, 4]);
        let down: Vec<u32> = [0, 999, 1000, 2500, 3999, 4000]
            .iter()
            .map(|&e| Counting::Down.shown(e, 4000))
            .collect();
        assert_eq!(down, [4, 4, 3, 2, 1, 1]);
        // A lowering of 4.5 s has five seconds, the last one half.
        assert_eq!(Counting::Up.shown(4200, 4500), 5);
        assert_eq!(Counting::Down.shown(0, 4500), 5);
        assert_eq!(Counting::Down.shown(4200, 4500), 1);
        // Under a second, and nothing at all, is still "1".
        assert_eq!(Counting::Up.shown(0, 500), 1);
        assert_eq!(Counting::Down.shown(0, 0), 1);
    }

    #[test]
    fn the_voice_says_what_the_screen_shows_and_nothing_at_the_end() {
        for counting in [Counting::Up, Counting::Down] {
            for of_ms in [2000, 3000, 4500, 7000, 10_000, 60_000] {
                let said: Vec<u32> = (0..=of_ms / 1000)
                    .filter_map(|n| counting.spoken(n, of_ms))
                    .collect();
                let seconds = of_ms.div_ceil(1000);
                let expected: Vec<u32> = match counting {
                    Counting::Up => (1..=seconds).collect(),
                    Counting::Down => (1..=seconds).rev().collect(),
                };
                assert_eq!(said, expected, "{counting} {of_ms}");
                for n in 0..of_ms.div_ceil(1000) {
                    assert_eq!(
                        counting.spoken(n, of_ms),
                        Some(counting.shown(u64::from(n) * 1000 + 500, of_ms))
                    );
                }
            }
        }
        assert_eq!(Counting::Up.spoken(4, 4000), None);
    }

    #[test]
    fn names_read_back_and_others_are_refused_with_what_to_type() {
        for name in Counting::NAMES {
            assert_eq!(name.parse::<Counting>().expect("a way").to_string(), name);
        }
        for name in Voice::NAMES {
            assert_eq!(name.parse::<Voice>().expect("a voice").to_string(), name);
        }
        assert!(" Down ".parse::<Counting>().is_ok());
        let e = "sideways".parse::<Counting>().expect_err("refused");
        assert!(e.contains("up or down"), "{e}");
        let e = "loud".parse::<Voice>().expect_err("refused");
        assert!(e.contains("full") && e.contains("off"), "{e}");
        assert!(Voice::Full.words() && Voice::Full.counts());
        assert!(!Voice::Counts.words() && Voice::Counts.counts());
        assert!(!Voice::Off.counts());
    }
}
