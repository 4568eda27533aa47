//! The config file (TOML): defaults for sessions and for the sound and
//! screen, and the lifter's own presets and exercises.
//!
//! A missing file is no error: everything has a built-in default. A bad
//! file is refused whole, with its path, line, column, the offending key
//! and what is allowed there. Reading the file is the caller's job
//! ([`load`]); [`parse`] is pure.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::value::MapAccessDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess, Unexpected, Visitor,
};
use serde::{Deserialize, Serialize};

use crate::cli::{LiftArg, SessionArgs};
use crate::plan::Start;
use crate::presets::{Catalogue, Exercise, Preset, normalise};
use crate::tempo::{Lift, MAX_FIELD_MS, Tempo};
use crate::units::parse_seconds;

/// The config file's name inside the config dir.
pub const FILE_NAME: &str = "config.toml";

/// Settings that are not about a session's timing: sound, voice and
/// screen. Validated when the file is read; the audio and the full-screen
/// view take them from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Cue volume, 0-100 (default 80).
    pub volume: u8,
    /// Spoken counts on or off (default on).
    pub voice: bool,
    /// A tick every second of a phase, on or off (default on).
    pub ticks: bool,
    /// How long an `X` (explosive) lift is timed, in ms (default 1000).
    pub explosive_ms: u32,
    /// The sound device's latency, in ms, 0-1000 (default 56): the display
    /// waits that long for the sound, so a cue is seen when it is heard.
    pub audio_latency_ms: u32,
    /// Colours on screen on or off (default on).
    pub colours: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 80,
            voice: true,
            ticks: true,
            explosive_ms: 1000,
            audio_latency_ms: 56,
            colours: true,
        }
    }
}

/// Everything the config file says, with built-in values where it is
/// silent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Session defaults from `[defaults]`, laid over the built-in ones.
    pub defaults: SessionArgs,
    /// Sound and screen settings.
    pub settings: Settings,
    /// The lifter's own presets, from `[presets.NAME]`.
    pub presets: Vec<Preset>,
    /// The lifter's own exercises, from `[exercises.NAME]`.
    pub exercises: Vec<Exercise>,
}

impl Config {
    /// The built-in presets and exercises with this file's added.
    pub fn catalogue(&self) -> Catalogue {
        Catalogue::new(self.presets.clone(), self.exercises.clone())
    }
}

/// Why the config file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// It could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// It is not a valid config file.
    Invalid {
        /// The file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1 (in characters).
        column: usize,
        /// The offending key, with its table (`defaults.volume`), when known.
        key: Option<String>,
        /// What is wrong and what is allowed.
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, reason } => {
                write!(
                    f,
                    "cannot read the config file {}: {reason}",
                    path.display()
                )
            }
            ConfigError::Invalid {
                path,
                line,
                column,
                key,
                message,
            } => {
                write!(f, "{}:{line}:{column}: ", path.display())?;
                if let Some(key) = key {
                    write!(f, "`{key}`: ")?;
                }
                write!(
                    f,
                    "{message}\n\n  tip: `repcadence config init --config /tmp/example.toml` \
                     writes a commented example of every key"
                )
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is read from: the platform's config dir
/// (`~/.config/repcadence/config.toml` on Linux), or `None` when the
/// platform has no home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "repcadence").map(|d| d.config_dir().join(FILE_NAME))
}

/// Reads and parses the config file at `path`; a missing file gives the
/// built-in defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match fs::read(path) {
        Ok(bytes) => parse_bytes(&bytes, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Parses a config file's bytes like [`parse`]; bytes that are not UTF-8
/// are a fault in the file like any other, placed at the first of them.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Config, ConfigError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, path),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let before = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(before, before.len());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                key: None,
                message: format!(
                    "byte 0x{byte:02X} is not UTF-8 text: save the file as UTF-8 (plain text)"
                ),
            })
        }
    }
}

/// Parses the text of a config file; `path` is only used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let start = e.span().map_or(0, |s| s.start);
        let (line, column) = line_column(text, start);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            key: key_at(text, start),
            message: with_hint(clean_message(e.message())),
        }
    })?;
    Ok(raw.into_config())
}

/// Line and column (from 1, column in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The dotted key (`defaults.volume`) written on the line holding byte
/// `offset`, with the table header above it.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let rest = text.get(line_start..)?;
    let line = rest.lines().next().unwrap_or("");
    let header = |l: &str| {
        let l = l.trim();
        (l.starts_with('[') && l.ends_with(']'))
            .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
            .filter(|name| !name.is_empty())
    };
    if let Some(h) = header(line) {
        return Some(h);
    }
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"').to_string();
    if key.is_empty() || key.starts_with('#') {
        return None;
    }
    let table = text.get(..line_start)?.lines().rev().find_map(header);
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key,
    })
}

/// The parser's message, trimmed to one paragraph.
fn clean_message(message: &str) -> String {
    message.trim().replace('\n', "; ")
}

/// `message` with what to write, where the parser's own words do not say.
fn with_hint(message: String) -> String {
    let hint = if message.starts_with("missing field `tempo`") {
        "every preset needs one, like tempo = \"4-0-1-0\""
    } else if message.starts_with("missing field `start`") {
        "every exercise needs one: start = \"lift\" or start = \"lower\""
    } else {
        return message;
    };
    format!("{message}: {hint}")
}

/// A part of the file that must be a table, and how messages name it.
trait Table {
    /// What belongs there, said when something else is found.
    const WHAT: &'static str;
}

/// `T`, read only from a table. Without this, a list there (`[[defaults]]`)
/// would be read field by field, and a plain value would be refused in
/// the program's own type names.
#[derive(Debug, Default)]
struct Tabled<T>(T);

impl<'de, T: Deserialize<'de> + Table> Deserialize<'de> for Tabled<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OnlyMaps<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Table> Visitor<'de> for OnlyMaps<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::WHAT)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(NoDates::<A, T>(
                    map,
                    PhantomData,
                )))
            }
        }
        d.deserialize_map(OnlyMaps(PhantomData)).map(Tabled)
    }
}

/// The one key of the table the parser hands over for a date.
const DATE_KEY: &str = "$__toml_private_datetime";

/// A table's entries, with a date refused as what it is (the parser
/// hands a date over as a table of one private key).
struct NoDates<A, T>(A, PhantomData<T>);

impl<'de, A: MapAccess<'de>, T: Table> MapAccess<'de> for NoDates<A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(KeyOf::<K, T>(seed, PhantomData))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Reads a key of table `T`, refusing the date's private one.
struct KeyOf<K, T>(K, PhantomData<T>);

impl<'de, K: DeserializeSeed<'de>, T: Table> DeserializeSeed<'de> for KeyOf<K, T> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        let key = String::deserialize(d)?;
        if key == DATE_KEY {
            return Err(D::Error::invalid_type(Unexpected::Other("date"), &T::WHAT));
        }
        self.0.deserialize(key.into_deserializer())
    }
}

impl Table for RawDefaults {
    const WHAT: &'static str = "the table [defaults], with keys like reps = 8";
}

impl Table for RawPreset {
    const WHAT: &'static str = "a preset table like [presets.heavy], with tempo = \"4-0-1-0\"";
}

impl Table for RawExercise {
    const WHAT: &'static str = "an exercise table like [exercises.lunge], with start = \"lower\"";
}

impl Table for BTreeMap<String, Tabled<RawPreset>> {
    const WHAT: &'static str = "preset tables like [presets.heavy]";
}

impl Table for BTreeMap<String, Tabled<RawExercise>> {
    const WHAT: &'static str = "exercise tables like [exercises.lunge]";
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    defaults: Tabled<RawDefaults>,
    #[serde(default)]
    presets: Tabled<BTreeMap<String, Tabled<RawPreset>>>,
    #[serde(default)]
    exercises: Tabled<BTreeMap<String, Tabled<RawExercise>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    #[serde(default, deserialize_with = "de_tempo")]
    tempo: Option<String>,
    #[serde(default, deserialize_with = "de_reps")]
    reps: Option<u16>,
    #[serde(default, deserialize_with = "de_sets")]
    sets: Option<u16>,
    #[serde(default, deserialize_with = "de_rest")]
    rest: Option<u32>,
    #[serde(default, deserialize_with = "de_count_in")]
    count_in: Option<u32>,
    #[serde(default, deserialize_with = "de_explosive")]
    explosive: Option<u32>,
    #[serde(default, deserialize_with = "de_volume")]
    volume: Option<u8>,
    #[serde(default, deserialize_with = "de_bool")]
    voice: Option<bool>,
    #[serde(default, deserialize_with = "de_bool")]
    ticks: Option<bool>,
    #[serde(default, deserialize_with = "de_latency")]
    audio_latency_ms: Option<u32>,
    #[serde(default, deserialize_with = "de_bool")]
    colours: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
    #[serde(deserialize_with = "de_tempo")]
    tempo: Option<String>,
    #[serde(default, deserialize_with = "de_reps")]
    reps: Option<u16>,
    #[serde(default, deserialize_with = "de_sets")]
    sets: Option<u16>,
    #[serde(default, deserialize_with = "de_rest")]
    rest: Option<u32>,
    #[serde(default, deserialize_with = "de_count_in")]
    count_in: Option<u32>,
    #[serde(default, deserialize_with = "de_explosive")]
    explosive: Option<u32>,
    #[serde(default, deserialize_with = "de_lift")]
    lift: Option<LiftArg>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    #[serde(deserialize_with = "de_start")]
    start: Option<Start>,
}

impl RawFile {
    fn into_config(self) -> Config {
        let d = self.defaults.0;
        let builtin = Settings::default();
        let settings = Settings {
            volume: d.volume.unwrap_or(builtin.volume),
            voice: d.voice.unwrap_or(builtin.voice),
            ticks: d.ticks.unwrap_or(builtin.ticks),
            explosive_ms: d.explosive.unwrap_or(builtin.explosive_ms),
            audio_latency_ms: d.audio_latency_ms.unwrap_or(builtin.audio_latency_ms),
            colours: d.colours.unwrap_or(builtin.colours),
        };
        let defaults = SessionArgs {
            tempo: d.tempo,
            reps: d.reps,
            sets: d.sets,
            rest: d.rest,
            count_in: d.count_in,
            explosive: d.explosive,
            ..SessionArgs::default()
        };
        let presets = self
            .presets
            .0
            .into_iter()
            .map(|(name, Tabled(p))| Preset {
                name: normalise(&name),
                description: p.description.unwrap_or_default(),
                values: SessionArgs {
                    tempo: p.tempo,
                    reps: p.reps,
                    sets: p.sets,
                    rest: p.rest,
                    count_in: p.count_in,
                    explosive: p.explosive,
                    lift: p.lift,
                    ..SessionArgs::default()
                },
                from_config: true,
            })
            .collect();
        let exercises = self
            .exercises
            .0
            .into_iter()
            .map(|(name, Tabled(e))| Exercise {
                name: normalise(&name),
                start: e.start.unwrap_or_default(),
                from_config: true,
            })
            .collect();
        Config {
            defaults,
            settings,
            presets,
            exercises,
        }
    }
}

/// Reads any TOML value and checks it with `check`; its message becomes
/// the error, which the parser places at the value.
fn checked<'de, D, T>(
    d: D,
    check: impl Fn(&toml::Value) -> Result<T, String>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = toml::Value::deserialize(d)?;
    check(&value).map(Some).map_err(D::Error::custom)
}

fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("the text \"{s}\""),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => format!("the date {d}"),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

/// A whole number from `lo` to `hi`, as the field's own integer type.
fn whole<T: TryFrom<i64>>(v: &toml::Value, lo: i64, hi: i64, what: &str) -> Result<T, String> {
    match v {
        toml::Value::Integer(i) if (lo..=hi).contains(i) => T::try_from(*i).ok(),
        _ => None,
    }
    .ok_or_else(|| {
        format!(
            "{} is not allowed: {what} is a whole number from {lo} to {hi}",
            shown(v)
        )
    })
}

fn seconds(v: &toml::Value, min_ms: u32, max_ms: u32, what: &str) -> Result<u32, String> {
    let allowed = || {
        format!(
            "{} is not allowed: {what} is a number of seconds from {} to {} (up to 3 decimals)",
            shown(v),
            crate::units::fmt_secs(min_ms),
            crate::units::fmt_secs(max_ms)
        )
    };
    let text = match v {
        toml::Value::Integer(i) if *i >= 0 => i.to_string(),
        toml::Value::Float(f) if f.is_finite() && *f >= 0.0 => f.to_string(),
        _ => return Err(allowed()),
    };
    match parse_seconds(&text, max_ms) {
        Ok(ms) if ms >= min_ms => Ok(ms),
        _ => Err(allowed()),
    }
}

fn de_tempo<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) => s
            .parse::<Tempo>()
            .map(|t| t.to_string())
            .map_err(|e| e.to_string()),
        _ => Err(format!(
            "{} is not allowed: a tempo is text in quotes, like \"4-0-1-0\" or \"31X0\"",
            shown(v)
        )),
    })
}

fn de_reps<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    checked(d, |v| whole(v, 1, 100, "reps"))
}

fn de_sets<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    checked(d, |v| whole(v, 1, 50, "sets"))
}

fn de_rest<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, |v| seconds(v, 0, 3_600_000, "rest"))
}

fn de_count_in<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, |v| seconds(v, 0, 60_000, "count_in"))
}

fn de_explosive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, |v| seconds(v, 100, 10_000, "explosive"))
}

fn de_volume<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    checked(d, |v| whole(v, 0, 100, "volume"))
}

fn de_latency<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, |v| whole(v, 0, 1000, "audio_latency_ms"))
}

fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    checked(d, |v| match v {
        toml::Value::Boolean(b) => Ok(*b),
        _ => Err(format!(
            "{} is not allowed: write true or false (no quotes)",
            shown(v)
        )),
    })
}

fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) => Ok(s.clone()),
        _ => Err(format!("{} is not allowed: write text in quotes", shown(v))),
    })
}

fn de_lift<'de, D: Deserializer<'de>>(d: D) -> Result<Option<LiftArg>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) if s.eq_ignore_ascii_case("manual") => Ok(LiftArg::Manual),
        toml::Value::String(s) if s.eq_ignore_ascii_case("x") => {
            Ok(LiftArg::Timed(Lift::Explosive))
        }
        toml::Value::Integer(_) | toml::Value::Float(_) => {
            seconds(v, 0, MAX_FIELD_MS, "lift").map(|ms| LiftArg::Timed(Lift::Ms(ms)))
        }
        _ => Err(format!(
            "{} is not allowed: lift is \"manual\" (a partner lifts), \"X\" or seconds, like 1",
            shown(v)
        )),
    })
}

fn de_start<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Start>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) if s == "lift" => Ok(Start::Lift),
        toml::Value::String(s) if s == "lower" => Ok(Start::Lower),
        _ => Err(format!(
            "{} is not allowed: start is \"lift\" (curls, pull-ups) or \"lower\" (squats, bench)",
            shown(v)
        )),
    })
}

/// The fully commented example `repcadence config init` writes. Every key
/// is shown with its built-in value.
pub const EXAMPLE: &str = r#"# repcadence config file.
#
# Every key is optional; a key left out keeps its built-in value (shown
# here). Values given on the command line win over a preset, and a preset
# wins over [defaults]. Seconds may have up to 3 decimals (2.5).

[defaults]
# Tempo: lower-pause-lift-pause in seconds, "4-0-1-0" or "31X0" (X = explosive).
tempo = "3-0-1-0"
# Reps per set, 1-100.
reps = 8
# Sets, 1-50.
sets = 3
# Rest between sets in seconds, 0-3600.
rest = 90
# Get-ready time before the first set in seconds, 0-60.
count_in = 5
# How long an X (explosive) lift is timed, in seconds, 0.1-10.
explosive = 1
# Cue volume, 0-100.
volume = 80
# Spoken counts: true or false.
voice = true
# A tick every second: true or false.
ticks = true
# The sound device's delay from cue to speaker in ms, 0-1000: the display
# waits that long so a count is seen when it is heard.
audio_latency_ms = 56
# Colours on screen: true or false.
colours = true

# Your own presets, in the same form as the built-ins (`repcadence presets`).
# Chosen with --preset NAME. A preset with a built-in's name replaces it.
# tempo is required; description, reps, sets, rest, count_in, explosive and
# lift are optional. lift = "manual" means a partner lifts and the rep
# waits for a key before the lowering.
[presets.heavy-bench]
description = "overload negatives on bench, 7 s down"
tempo = "7-0-1-0"
reps = 6
sets = 3
rest = 180
lift = "manual"

# Your own exercises: start = "lift" (curls, pull-ups) or "lower" (squats,
# bench press). Chosen with --exercise NAME, which also labels the log.
[exercises.hip-thrust]
start = "lift"

[exercises.lunge]
start = "lower"
"#;

/// Writes [`EXAMPLE`] to `path`, creating its directory; an existing file
/// is never overwritten.
pub fn init(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut file, EXAMPLE.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (usize, usize, Option<String>, String) {
        match parse(text, Path::new("c.toml")) {
            Err(ConfigError::Invalid {
                line,
                column,
                key,
                message,
                ..
            }) => (line, column, key, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_example_parses_to_the_built_in_values() {
        let c = parse(EXAMPLE, Path::new("c.toml")).expect("example");
        assert_eq!(c.settings, Settings::default());
        assert_eq!(c.defaults.tempo.as_deref(), Some("3-0-1-0"));
        assert_eq!(c.defaults.rest, Some(90_000));
        assert_eq!(c.presets.len(), 1);
        assert_eq!(c.presets[0].values.lift, Some(LiftArg::Manual));
        assert_eq!(c.exercises.len(), 2);
    }

    #[test]
    fn an_empty_file_is_all_defaults() {
        assert_eq!(parse("", Path::new("c.toml")), Ok(Config::default()));
    }

    #[test]
    fn settings_are_read_and_typed() {
        let c = parse(
            "[defaults]\nvolume = 35\nvoice = false\nexplosive = 0.5\naudio_latency_ms = 60\ncolours = false\n",
            Path::new("c.toml"),
        )
        .expect("valid");
        assert_eq!(
            c.settings,
            Settings {
                volume: 35,
                voice: false,
                ticks: true,
                explosive_ms: 500,
                audio_latency_ms: 60,
                colours: false
            }
        );
    }

    #[test]
    fn syntax_errors_name_the_line_and_column() {
        let (line, column, key, _) = err("[defaults]\nreps = 8\ntempo = \"4-0-1-0\n");
        assert_eq!((line, key.as_deref()), (3, Some("defaults.tempo")));
        assert!(column >= 9, "{column}");
    }

    #[test]
    fn unknown_keys_are_named_with_what_is_allowed() {
        let (line, column, key, message) = err("[defaults]\nreps = 8\nvolum = 3\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(key.as_deref(), Some("defaults.volum"));
        assert!(message.contains("unknown field `volum`"), "{message}");
        assert!(message.contains("`volume`"), "{message}");
        let (line, _, key, message) = err("reps = 8\n");
        assert_eq!((line, key.as_deref()), (1, Some("reps")));
        assert!(message.contains("`defaults`"), "{message}");
        let (line, _, key, _) = err("[defualts]\nreps = 8\n");
        assert_eq!((line, key.as_deref()), (1, Some("defualts")));
        // A header with no name names no key (not an empty one).
        let (line, _, key, _) = err("[]\nreps = 8\n");
        assert_eq!((line, key), (1, None));
    }

    #[test]
    fn wrong_types_and_ranges_say_what_is_allowed() {
        let cases = [
            ("volume = \"loud\"", "a whole number from 0 to 100"),
            (
                "volume = 101",
                "101 is not allowed: volume is a whole number from 0 to 100",
            ),
            ("reps = 0", "reps is a whole number from 1 to 100"),
            ("sets = 2.5", "sets is a whole number from 1 to 50"),
            ("rest = -1", "rest is a number of seconds from 0 to 3600"),
            (
                "count_in = 61",
                "count_in is a number of seconds from 0 to 60",
            ),
            ("explosive = 0.01", "from 0.1 to 10"),
            ("voice = \"yes\"", "write true or false"),
            ("audio_latency_ms = 5000", "from 0 to 1000"),
            ("tempo = \"4-0-1\"", "\"4-0-1\" is not a tempo"),
            ("tempo = 4010", "a tempo is text in quotes"),
        ];
        for (line, want) in cases {
            let text = format!("# mine\n[defaults]\n{line}\n");
            let (l, column, key, message) = err(&text);
            let name = line.split(' ').next().unwrap_or("");
            assert_eq!(l, 3, "{line}");
            assert_eq!(key, Some(format!("defaults.{name}")), "{line}");
            assert_eq!(column, name.len() + 4, "{line}: the value's column");
            assert!(message.contains(want), "{line}: {message}");
        }
    }

    #[test]
    fn presets_and_exercises_are_checked_too() {
        let (line, _, key, message) = err("[presets.x]\ntempo = \"4010\"\nlift = \"slow\"\n");
        assert_eq!((line, key.as_deref()), (3, Some("presets.x.lift")));
        assert!(message.contains("\"manual\""), "{message}");
        let (line, _, key, message) = err("[presets.x]\nreps = 6\n");
        assert_eq!(line, 1);
        assert_eq!(key.as_deref(), Some("presets.x"));
        assert!(message.contains("missing field `tempo`"), "{message}");
        let (_, _, key, message) = err("[exercises.lunge]\nstart = \"down\"\n");
        assert_eq!(key.as_deref(), Some("exercises.lunge.start"));
        assert!(message.contains("\"lift\""), "{message}");
    }

    #[test]
    fn the_message_carries_path_line_column_and_key() {
        let e =
            parse("[defaults]\nvolume = 300\n", Path::new("/x/config.toml")).expect_err("range");
        let text = e.to_string();
        assert!(
            text.starts_with("/x/config.toml:2:10: `defaults.volume`: 300 is not allowed"),
            "{text}"
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(&dir.path().join("none.toml")), Ok(Config::default()));
    }

    #[test]
    fn init_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/config.toml");
        init(&path).expect("first");
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some(EXAMPLE));
        let second = init(&path).expect_err("second");
        assert_eq!(second.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn a_list_or_a_date_where_a_table_belongs_says_what_belongs_there() {
        let cases = [
            (
                "[[defaults]]\nreps = 3\n",
                1,
                "defaults",
                "invalid type: sequence, expected the table [defaults], with keys like reps = 8",
            ),
            (
                "[[presets.x]]\ntempo = \"4010\"\n",
                1,
                "presets.x",
                "expected a preset table like [presets.heavy]",
            ),
            (
                "# mine\ndefaults = 1979-05-27\n",
                2,
                "defaults",
                "invalid type: date, expected the table [defaults]",
            ),
            (
                "[exercises]\nlunge = \"lower\"\n",
                2,
                "exercises.lunge",
                "expected an exercise table like [exercises.lunge], with start = \"lower\"",
            ),
        ];
        for (text, want_line, want_key, want) in cases {
            let (line, _, key, message) = err(text);
            assert_eq!(
                (line, key.as_deref()),
                (want_line, Some(want_key)),
                "{text}"
            );
            assert!(message.contains(want), "{text}: {message}");
            assert!(!message.contains("Raw"), "{text}: {message}");
        }
    }

    #[test]
    fn a_missing_tempo_or_start_says_what_to_write() {
        let (_, _, _, message) = err("[presets.x]\nreps = 6\n");
        assert!(
            message.ends_with(
                "missing field `tempo`: every preset needs one, like tempo = \"4-0-1-0\""
            ),
            "{message}"
        );
        let (_, _, _, message) = err("[exercises.lunge]\n");
        assert!(
            message.contains("start = \"lift\" or start = \"lower\""),
            "{message}"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed_like_any_fault() {
        let bytes = b"[defaults]\nreps = 8 # caf\xe9\n";
        match parse_bytes(bytes, Path::new("c.toml")) {
            Err(ConfigError::Invalid {
                line,
                column,
                key,
                message,
                ..
            }) => {
                assert_eq!((line, column, key), (2, 15, None));
                assert!(
                    message.starts_with("byte 0xE9 is not UTF-8 text"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        fs::write(&path, bytes).expect("write");
        assert!(matches!(
            load(&path),
            Err(ConfigError::Invalid { line: 2, .. })
        ));
        fs::write(&path, "[defaults]\nreps = 5\n").expect("write");
        assert_eq!(load(&path).map(|c| c.defaults.reps), Ok(Some(5)));
    }
}
