//! Every session setting, declared once: its name, what it takes, its
//! range and unit, its default and its help line. The command line's
//! value parsers and help, the config file's checks and messages, the
//! commented example that `config init` writes and the README's option
//! table all come from [`ALL`] (the README by a test that holds it to
//! this table).
//!
//! A [`Layer`](crate::program::layer::Layer) is one layer of settings (the config's `[defaults]`, a
//! preset, the command line), each value already parsed into its type.

use crate::text::quote;
use crate::timing::counting::{Counting, Voice};
use crate::timing::plan::OPEN_ENDED_CAP;
use crate::timing::tempo::{Lift, MAX_FIELD_MS, Tempo};
use crate::timing::units::{SecondsError, fmt_secs, parse_duration, parse_seconds};

/// What a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number from `lo` to `hi`.
    Whole {
        /// The smallest allowed.
        lo: i64,
        /// The largest allowed.
        hi: i64,
    },
    /// Seconds (up to 3 decimals), from `min_ms` to `max_ms`.
    Seconds {
        /// The shortest allowed, in ms.
        min_ms: u32,
        /// The longest allowed, in ms.
        max_ms: u32,
        /// Values to show in a message, like `3 or 2.5`.
        example: &'static str,
    },
    /// Lifting tempo notation.
    Tempo,
    /// `lift` or `lower`.
    Start,
    /// Seconds, `X` or `manual`.
    Lift,
    /// On or off: `true` or `false` in the config file, a flag on the
    /// command line.
    Switch,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// Its key in the config file (`count_in`).
    pub key: &'static str,
    /// Its long option on the command line (`count-in`), if it has one
    /// that takes a value.
    pub option: Option<&'static str>,
    /// The option's value name (`N`, `SECS`).
    pub value_name: &'static str,
    /// What it takes.
    pub kind: Kind,
    /// Its built-in value, as written (`90`), or empty if it has none of
    /// its own (an override of the tempo).
    pub default: &'static str,
    /// What it is, one line, capitalised, no range.
    pub help: &'static str,
    /// Whether the config file's `[defaults]` has it.
    pub in_defaults: bool,
}

const SECONDS_EXAMPLE: &str = "3 or 2.5";

/// Seconds from 0 to `max_s`.
const fn secs(max_s: u32) -> Kind {
    Kind::Seconds {
        min_ms: 0,
        max_ms: max_s * 1000,
        example: SECONDS_EXAMPLE,
    }
}

/// The tempo.
pub const TEMPO: Setting = Setting {
    key: "tempo",
    option: None,
    value_name: "TEMPO",
    kind: Kind::Tempo,
    default: "3-0-1-0",
    help: "Tempo: lower-pause-lift-pause in seconds, e.g. 4-0-1-0, 4:0:1:0, 4010 or 31X0 \
           (X = explosive lift)",
    in_defaults: true,
};
/// The most reps a set may plan.
const MAX_REPS: u16 = 100;
/// The most reps a set may be logged with: the cap of an open-ended set
/// of the most reps (`log amend --reps`, a correction in the rest).
pub(crate) const MAX_DONE_REPS: u16 = MAX_REPS * OPEN_ENDED_CAP;
/// Reps per set.
pub const REPS: Setting = Setting {
    key: "reps",
    option: Some("reps"),
    value_name: "N",
    kind: Kind::Whole {
        lo: 1,
        hi: MAX_REPS as i64,
    },
    default: "8",
    help: "Reps per set; 8+ goes on to failure",
    in_defaults: true,
};
/// Sets.
pub const SETS: Setting = Setting {
    key: "sets",
    option: Some("sets"),
    value_name: "N",
    kind: Kind::Whole { lo: 1, hi: 50 },
    default: "3",
    help: "Sets",
    in_defaults: true,
};
/// Rest between sets.
pub const REST: Setting = Setting {
    key: "rest",
    option: Some("rest"),
    value_name: "SECS",
    kind: secs(3600),
    default: "90",
    help: "Rest between sets in seconds",
    in_defaults: true,
};
/// The get-ready time before the first set.
pub(crate) const COUNT_IN: Setting = Setting {
    key: "count_in",
    option: Some("count-in"),
    value_name: "SECS",
    kind: secs(60),
    default: "5",
    help: "Get-ready time before the first set in seconds",
    in_defaults: true,
};
/// Which phase a rep starts with.
pub(crate) const START: Setting = Setting {
    key: "start",
    option: Some("start"),
    value_name: "PHASE",
    kind: Kind::Start,
    default: "lift",
    help: "Which phase a rep starts with: lift (curls, pull-ups) or lower (squats, bench press)",
    in_defaults: false,
};
/// How long an `X` lift is timed.
pub(crate) const EXPLOSIVE: Setting = Setting {
    key: "explosive",
    option: Some("explosive"),
    value_name: "SECS",
    kind: Kind::Seconds {
        min_ms: 100,
        max_ms: 10_000,
        example: "1 or 0.5",
    },
    default: "1",
    help: "How long an X (explosive) lift is timed, in seconds",
    in_defaults: true,
};
/// How long a partner's lift (`P`) is timed.
pub(crate) const PARTNER_LIFT: Setting = Setting {
    key: "partner_lift",
    option: Some("partner-lift"),
    value_name: "SECS",
    kind: Kind::Seconds {
        min_ms: 500,
        max_ms: 10_000,
        example: "3 or 2.5",
    },
    default: "3",
    help: "How long a partner's lift (P) is timed, in seconds",
    in_defaults: true,
};
/// The lowering, over the tempo's 1st field.
pub const LOWER: Setting = Setting {
    key: "lower",
    option: Some("lower"),
    value_name: "SECS",
    kind: secs(60),
    default: "",
    help: "Lowering (eccentric) in seconds, overriding the tempo's 1st field",
    in_defaults: false,
};
/// The lift, over the tempo's 3rd field.
pub const LIFT: Setting = Setting {
    key: "lift",
    option: Some("lift"),
    value_name: "SECS|X|P|manual",
    kind: Kind::Lift,
    default: "",
    help: "Lift in seconds, X (explosive), P (a partner's, timed) or manual (a partner's, \
           waits for a key); overrides the 3rd field",
    in_defaults: false,
};
/// The pause at the bottom, over the tempo's 2nd field.
pub(crate) const PAUSE_BOTTOM: Setting = Setting {
    key: "pause_bottom",
    option: Some("pause-bottom"),
    value_name: "SECS",
    kind: secs(60),
    default: "",
    help: "Pause at the bottom in seconds, overriding the tempo's 2nd field",
    in_defaults: false,
};
/// The pause at the top, over the tempo's 4th field.
pub(crate) const PAUSE_TOP: Setting = Setting {
    key: "pause_top",
    option: Some("pause-top"),
    value_name: "SECS",
    kind: secs(60),
    default: "",
    help: "Pause at the top in seconds, overriding the tempo's 4th field",
    in_defaults: false,
};
/// The cues' volume.
pub(crate) const VOLUME: Setting = Setting {
    key: "volume",
    option: Some("volume"),
    value_name: "0-100",
    kind: Kind::Whole { lo: 0, hi: 100 },
    default: "80",
    help: "Cue volume",
    in_defaults: true,
};
/// What the voice says.
pub(crate) const VOICE: Setting = Setting {
    key: "voice",
    option: Some("voice"),
    value_name: "HOW",
    kind: Kind::Choice(&Voice::NAMES),
    default: "full",
    help: "What is spoken (full: counts and words; counts; off: tones only)",
    in_defaults: true,
};
/// Which way the lowering is counted.
pub(crate) const COUNT: Setting = Setting {
    key: "count",
    option: Some("count"),
    value_name: "WAY",
    kind: Kind::Choice(&Counting::NAMES),
    default: "up",
    help: "Which way the lowering is counted, on screen, in the voice and in --plain",
    in_defaults: true,
};
/// A tick each second.
pub(crate) const TICKS: Setting = Setting {
    key: "ticks",
    option: None,
    value_name: "",
    kind: Kind::Switch,
    default: "true",
    help: "A tick every second",
    in_defaults: true,
};
/// The part of the sound path's delay that no device reports.
pub(crate) const AUDIO_LATENCY: Setting = Setting {
    key: "audio_latency_ms",
    option: Some("audio-latency"),
    value_name: "MS",
    kind: Kind::Whole { lo: 0, hi: 1000 },
    default: "0",
    help: "Extra delay the sound device does not report (a speaker across the room), in ms, \
           added to the delay it reports",
    in_defaults: true,
};
/// Colours on screen.
pub(crate) const COLOURS: Setting = Setting {
    key: "colours",
    option: None,
    value_name: "",
    kind: Kind::Switch,
    default: "true",
    help: "Colours on screen",
    in_defaults: true,
};

/// Every setting, in the order the config file's example lists them.
pub(crate) const ALL: [&Setting; 18] = [
    &TEMPO,
    &REPS,
    &SETS,
    &REST,
    &COUNT_IN,
    &EXPLOSIVE,
    &PARTNER_LIFT,
    &START,
    &LOWER,
    &LIFT,
    &PAUSE_BOTTOM,
    &PAUSE_TOP,
    &VOLUME,
    &VOICE,
    &COUNT,
    &TICKS,
    &AUDIO_LATENCY,
    &COLOURS,
];

impl Setting {
    /// The allowed range as people write it (`1-100`, `0.1-10`), if the
    /// setting has one.
    pub fn range(&self) -> Option<String> {
        match self.kind {
            Kind::Whole { lo, hi } => Some(format!("{lo}-{hi}")),
            Kind::Seconds { min_ms, max_ms, .. } => {
                Some(format!("{}-{}", fmt_secs(min_ms), fmt_secs(max_ms)))
            }
            _ => None,
        }
    }

    /// The command line's help: `Reps per set (1-100) [default: 8]`.
    pub(crate) fn help_line(&self) -> String {
        let mut line = self.help.to_string();
        if let Some(range) = self.range() {
            line.push_str(&format!(" ({range})"));
        }
        if !self.default.is_empty() {
            line.push_str(&format!(" [default: {}]", self.default));
        }
        line
    }

    /// The config example's comment: `Reps per set, 1-100.`
    pub(crate) fn comment(&self) -> String {
        match (self.kind, self.range()) {
            (Kind::Switch, _) => format!("{}: true or false.", self.help),
            (Kind::Choice(names), _) => format!("{}: {}.", self.help, or_list(names)),
            (_, Some(range)) => format!("{}, {range}.", self.help),
            (_, None) => format!("{}.", self.help),
        }
    }

    /// The example's line: `reps = 8`.
    pub(crate) fn example_line(&self) -> String {
        match self.kind {
            Kind::Tempo | Kind::Start | Kind::Choice(_) => {
                format!("{} = \"{}\"", self.key, self.default)
            }
            _ => format!("{} = {}", self.key, self.default),
        }
    }

    /// A whole number given on the command line: out of range in clap's
    /// own words, and for text that is no number, what to give instead.
    pub fn whole<T: TryFrom<i64>>(&self, text: &str) -> Result<T, String> {
        let (lo, hi) = self.whole_range();
        let out_of_range = |n: &dyn std::fmt::Display| format!("{n} is not in {lo}..={hi}");
        let n: i64 = match text.trim().parse() {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                return Err(out_of_range(&text));
            }
            Err(_) => {
                return Err(format!(
                    "\"{text}\" is not a whole number: give one from {lo} to {hi}"
                ));
            }
        };
        if !(lo..=hi).contains(&n) {
            return Err(out_of_range(&n));
        }
        T::try_from(n).map_err(|_| out_of_range(&n))
    }

    /// Reps given on the command line: `8`, or `8+` for an open-ended set.
    pub fn reps(&self, text: &str) -> Result<Reps, String> {
        let trimmed = text.trim();
        if let Some(n) = trimmed.strip_prefix('+') {
            return Err(format!(
                "\"{}\" has its + in front: to go on to failure after {n} reps, write {n}+",
                crate::text::quote(trimmed)
            ));
        }
        let (count, open_ended) = match trimmed.strip_suffix('+') {
            Some(n) => (n, true),
            None => (trimmed, false),
        };
        Ok(Reps {
            count: self.whole(count)?,
            open_ended,
        })
    }

    /// Reps in the config file: `8`, or the text `"8+"`.
    pub(crate) fn reps_value(&self, v: &toml::Value) -> Result<Reps, String> {
        let (lo, hi) = self.whole_range();
        let refused = || {
            format!(
                "{} is not allowed: {} is a whole number from {lo} to {hi} (no quotes), or in \
                 quotes with a + after it, like \"8+\", to go on to failure",
                shown(v),
                self.key
            )
        };
        match v {
            toml::Value::String(text) => {
                let n = text.trim().strip_suffix('+').ok_or_else(refused)?;
                let n = n.trim().parse::<i64>().map_err(|_| refused())?;
                let count = self
                    .whole_value(&toml::Value::Integer(n))
                    .map_err(|_| refused())?;
                Ok(Reps {
                    count,
                    open_ended: true,
                })
            }
            _ => self.whole_value(v).map(|count| Reps {
                count,
                open_ended: false,
            }),
        }
    }

    /// Seconds given on the command line, in ms.
    pub fn seconds(&self, text: &str) -> Result<u32, String> {
        let (min_ms, max_ms, example) = self.seconds_range();
        let ms = seconds_text(text, max_ms, example)?;
        if ms < min_ms {
            return Err(format!(
                "\"{text}\" is too short: {} is timed as {}, like {example}",
                self.short_name(),
                self.range().unwrap_or_default() + " s"
            ));
        }
        Ok(ms)
    }

    /// A whole number from the config file.
    pub(crate) fn whole_value<T: TryFrom<i64>>(&self, v: &toml::Value) -> Result<T, String> {
        let (lo, hi) = self.whole_range();
        match v {
            toml::Value::Integer(i) if (lo..=hi).contains(i) => T::try_from(*i).ok(),
            _ => None,
        }
        .ok_or_else(|| {
            format!(
                "{} is not allowed: {} is a whole number from {lo} to {hi}",
                shown(v),
                self.key
            )
        })
    }

    /// What the config file allows for a number setting, in words: `reps
    /// is a whole number from 1 to 100` (`None` for the others).
    pub(crate) fn allowed_text(&self) -> Option<String> {
        match self.kind {
            Kind::Whole { lo, hi } => {
                Some(format!("{} is a whole number from {lo} to {hi}", self.key))
            }
            Kind::Seconds { min_ms, max_ms, .. } => Some(format!(
                "{} is a number of seconds from {} to {} (up to 3 decimals)",
                self.key,
                fmt_secs(min_ms),
                fmt_secs(max_ms)
            )),
            _ => None,
        }
    }

    /// Seconds from the config file, in ms.
    pub(crate) fn seconds_value(&self, v: &toml::Value) -> Result<u32, String> {
        self.seconds_value_as(v, self.key)
    }

    /// [`Setting::seconds_value`] for a key that takes this setting's
    /// range under a name of its own (`changeover` takes a rest's).
    pub(crate) fn seconds_value_as(&self, v: &toml::Value, what: &str) -> Result<u32, String> {
        let (min_ms, max_ms, _) = self.seconds_range();
        seconds_value(v, min_ms, max_ms, what)
    }

    /// The range of a whole-number setting (all of `i64` for any other).
    pub(crate) fn whole_range(&self) -> (i64, i64) {
        match self.kind {
            Kind::Whole { lo, hi } => (lo, hi),
            _ => (i64::MIN, i64::MAX),
        }
    }

    fn seconds_range(&self) -> (u32, u32, &'static str) {
        match self.kind {
            Kind::Seconds {
                min_ms,
                max_ms,
                example,
            } => (min_ms, max_ms, example),
            _ => (0, MAX_FIELD_MS, SECONDS_EXAMPLE),
        }
    }

    /// How a message names it: "an explosive lift" for `explosive`.
    fn short_name(&self) -> &'static str {
        if self.key == EXPLOSIVE.key {
            "an explosive lift"
        } else {
            self.key
        }
    }
}

/// Seconds as text, in ms, at most `max_ms`, with what to give instead.
fn seconds_text(text: &str, max_ms: u32, example: &str) -> Result<u32, String> {
    parse_duration(text, max_ms)
        .map_err(|e: SecondsError| format!("\"{}\" {e}: give seconds like {example}", quote(text)))
}

/// The setting whose config key is `key` (`reps`), if there is one.
pub(crate) fn by_key(key: &str) -> Option<&'static Setting> {
    ALL.iter().copied().find(|s| s.key == key)
}

/// `a, b or c`, each in quotes.
fn or_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl Setting {
    /// One of a choice's words from the config file, parsed as `T`.
    pub(crate) fn choice_value<T: std::str::FromStr>(&self, v: &toml::Value) -> Result<T, String> {
        let names = match self.kind {
            Kind::Choice(names) => names,
            _ => &[],
        };
        match v {
            toml::Value::String(text) if names.contains(&text.trim()) => {
                text.parse().map_err(|_| String::new())
            }
            _ => Err(String::new()),
        }
        .map_err(|_| {
            format!(
                "{} is not allowed: {} is {} (in quotes)",
                shown(v),
                self.key,
                or_list(names)
            )
        })
    }
}

/// A config value as a message names it: a float as TOML writes it
/// (`8.0`, not `8`), long text cut.
pub fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("the text \"{}\"", quote(s)),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => format!("{f:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

/// Seconds from `min_ms` to `max_ms` in the config file, in ms.
fn seconds_value(v: &toml::Value, min_ms: u32, max_ms: u32, what: &str) -> Result<u32, String> {
    let allowed = || {
        format!(
            "{} is not allowed: {what} is a number of seconds from {} to {} (up to 3 decimals)",
            shown(v),
            fmt_secs(min_ms),
            fmt_secs(max_ms)
        )
    };
    let text = match v {
        toml::Value::Integer(i) if *i >= 0 => i.to_string(),
        // -0.0 is 0 (and `to_string` would write it "-0").
        toml::Value::Float(f) if *f == 0.0 => "0".to_string(),
        toml::Value::Float(f) if f.is_finite() && *f >= 0.0 => f.to_string(),
        _ => return Err(allowed()),
    };
    match parse_seconds(&text, max_ms) {
        Ok(ms) if ms >= min_ms => Ok(ms),
        _ => Err(allowed()),
    }
}

/// Reps per set as given: a count, and whether the set goes on past it to
/// failure (`8+`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reps {
    /// The planned reps.
    pub count: u16,
    /// Open-ended: the set goes on until the lifter ends it.
    pub open_ended: bool,
}

/// The lift as given, `--lift` or `lift =`: seconds, `X`, `P` (a
/// partner's lift, timed) or `manual` (a partner's lift, waited for).
pub(crate) struct LiftMode;

impl LiftMode {
    /// `--lift` as typed: seconds, `X`, `P` or `manual`.
    pub fn parse(text: &str) -> Result<Lift, String> {
        match text.trim() {
            t if t.eq_ignore_ascii_case("manual") => Ok(Lift::Manual),
            t if t.eq_ignore_ascii_case("x") => Ok(Lift::Explosive),
            t if t.eq_ignore_ascii_case("p") => Ok(Lift::Partner),
            _ => seconds_text(text, MAX_FIELD_MS, "1, X, P or manual").map(Lift::Ms),
        }
    }

    /// `lift` in the config file: `"manual"`, `"P"`, `"X"` or seconds.
    pub(crate) fn from_value(v: &toml::Value) -> Result<Lift, String> {
        match v {
            toml::Value::String(s) if s.eq_ignore_ascii_case("manual") => Ok(Lift::Manual),
            toml::Value::String(s) if s.eq_ignore_ascii_case("x") => Ok(Lift::Explosive),
            toml::Value::String(s) if s.eq_ignore_ascii_case("p") => Ok(Lift::Partner),
            toml::Value::Integer(_) | toml::Value::Float(_) => {
                seconds_value(v, 0, MAX_FIELD_MS, LIFT.key).map(Lift::Ms)
            }
            _ => Err(format!(
                "{} is not allowed: lift is \"manual\" (a partner lifts, waiting for a key), \"P\" \
                 (a partner lifts, timed), \"X\" or seconds, like 1",
                shown(v)
            )),
        }
    }
}

/// A tempo as typed, with the tip that says how one is written.
pub(crate) fn parse_tempo(text: &str) -> Result<Tempo, String> {
    text.parse::<Tempo>().map_err(|e| {
        format!(
            "{e}\n\n  tip: the lowering comes first: 4-0-1-0 is 4 s down, no pause, 1 s up, \
             no pause (run `repcadence --help` for more)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::layer::Layer;
    use crate::timing::plan::Session;

    #[test]
    fn help_lines_say_range_and_default() {
        assert_eq!(SETS.help_line(), "Sets (1-50) [default: 3]");
        assert_eq!(
            EXPLOSIVE.help_line(),
            "How long an X (explosive) lift is timed, in seconds (0.1-10) [default: 1]"
        );
        assert_eq!(
            LOWER.help_line(),
            "Lowering (eccentric) in seconds, overriding the tempo's 1st field (0-60)"
        );
        assert_eq!(REST.comment(), "Rest between sets in seconds, 0-3600.");
        assert_eq!(
            VOICE.comment(),
            "What is spoken (full: counts and words; counts; off: tones only): \
             \"full\", \"counts\" or \"off\"."
        );
        assert_eq!(VOICE.example_line(), "voice = \"full\"");
        assert_eq!(
            COUNT.help_line(),
            "Which way the lowering is counted, on screen, in the voice and in --plain \
             [default: up]"
        );
    }

    #[test]
    fn one_parser_for_the_command_line_and_another_for_the_file_say_the_same_range() {
        assert_eq!(REPS.whole::<u16>("8"), Ok(8));
        assert_eq!(REPS.whole::<u16>("0"), Err("0 is not in 1..=100".into()));
        assert_eq!(
            REPS.whole_value::<u16>(&toml::Value::Integer(0)),
            Err("0 is not allowed: reps is a whole number from 1 to 100".into())
        );
        assert_eq!(
            EXPLOSIVE.seconds("0.05"),
            Err(
                "\"0.05\" is too short: an explosive lift is timed as 0.1-10 s, like 1 or 0.5"
                    .into()
            )
        );
        assert_eq!(EXPLOSIVE.seconds_value(&toml::Value::Float(0.5)), Ok(500));
        assert_eq!(REST.seconds("2.5"), Ok(2500));
    }

    #[test]
    fn every_setting_has_a_distinct_key_and_option() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.key, b.key);
                assert!(a.option.is_none() || a.option != b.option);
            }
        }
    }

    #[test]
    fn a_layer_over_a_session_overrides_only_what_it_gives() {
        let layer = Layer {
            reps: Some(5),
            lift: Some(Lift::Manual),
            lower: Some(6000),
            ..Layer::default()
        };
        let s = layer.overlay(&Session::default());
        assert_eq!((s.reps, s.sets, s.tempo.lower), (5, 3, 6000));
        assert!(s.tempo.lift == Lift::Manual);
        let zero = Layer {
            tempo: Some(Tempo {
                lower: 0,
                bottom: 0,
                lift: Lift::Ms(0),
                top: 0,
            }),
            ..Layer::default()
        };
        assert!(zero.resolve(&Session::default()).is_err());
    }

    /// The README's option table and config example say what this table
    /// says: each option's row names its range and its default, and the
    /// example is `config init`'s.
    #[test]
    fn the_readme_says_what_the_table_says() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        for s in ALL {
            let head = match s.option {
                Some(option) => format!("| `--{option} "),
                None if s.kind == Kind::Tempo => "| `TEMPO` ".to_string(),
                None => continue,
            };
            let row = readme
                .lines()
                .find(|l| l.starts_with(&head))
                .unwrap_or_else(|| panic!("the README has no row for {head}"));
            let cells: Vec<&str> = row.split(" | ").collect();
            if let Some(range) = s.range() {
                assert!(row.contains(&range), "{row}: no range {range}");
            }
            let default = cells
                .last()
                .map(|c| c.trim_end_matches('|').trim().trim_matches('`'));
            assert_eq!(default, Some(s.default), "{row}");
        }
        let example = crate::program::config::example();
        assert!(
            readme.contains(&example),
            "the README's config example is not `config init`'s"
        );
    }

    /// The built-in session is the table's defaults.
    #[test]
    fn the_built_in_session_is_the_table_s_defaults() {
        let d = Session::default();
        let whole = |s: &Setting| s.default.parse::<u32>().expect("a number");
        let ms = |s: &Setting| parse_seconds(s.default, u32::MAX).expect("seconds");
        assert_eq!(d.tempo.to_string(), TEMPO.default);
        assert_eq!(u32::from(d.reps), whole(&REPS));
        assert_eq!(u32::from(d.sets), whole(&SETS));
        assert_eq!(d.rest_ms, ms(&REST));
        assert_eq!(d.count_in_ms, ms(&COUNT_IN));
        assert_eq!(d.explosive_ms, ms(&EXPLOSIVE));
        assert_eq!(d.start.key(), START.default);
        let p = crate::program::config::Preferences::default();
        assert_eq!(u32::from(p.volume), whole(&VOLUME));
        assert_eq!(p.audio_latency_ms, whole(&AUDIO_LATENCY));
        assert_eq!(p.voice.to_string(), VOICE.default);
        assert_eq!(p.ticks.to_string(), TICKS.default);
        assert_eq!(p.colours.to_string(), COLOURS.default);
    }

    #[test]
    fn reps_with_a_plus_go_on_to_failure() {
        let open = Reps {
            count: 8,
            open_ended: true,
        };
        assert_eq!(REPS.reps("8+"), Ok(open));
        assert_eq!(
            REPS.reps(" 8 "),
            Ok(Reps {
                open_ended: false,
                ..open
            })
        );
        assert_eq!(REPS.reps("0+"), Err("0 is not in 1..=100".into()));
        assert_eq!(REPS.reps_value(&toml::Value::String("8+".into())), Ok(open));
        assert!(REPS.reps_value(&toml::Value::String("8".into())).is_err());
        assert!(REPS.reps_value(&toml::Value::String("x+".into())).is_err());
        let mut layer = Layer::default();
        layer.set_reps(Some(open));
        let s = layer.overlay(&Session::default());
        assert!(s.open_ended && s.reps == 8);
    }
}
