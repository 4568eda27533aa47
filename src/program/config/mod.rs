//! The config file (TOML): defaults for sessions and for the sound and
//! screen, and the lifter's own presets and exercises.
//!
//! A missing file is no error: everything has a built-in default. A bad
//! file is refused whole, with its path, line, column, the offending key
//! and what is allowed there. Reading the file is the app's job
//! (`app::files`); everything here is pure.

mod raw;
mod values;
mod workout;

pub(crate) use workout::parse_workout;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::program::keys::{Binding, Key};
use crate::program::layer::Layer;
use crate::program::presets::{Catalogue, Exercise, Preset};
use crate::program::settings;
use crate::program::workouts::WorkoutSpec;
use crate::timing::counting::{Counting, Voice};

/// The config file's name inside the config dir.
pub(crate) const FILE_NAME: &str = "config.toml";

/// Settings that are not about a session's timing: sound, voice and
/// screen. Validated when the file is read; the audio and the full-screen
/// view take them from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Preferences {
    /// Cue volume, 0-100 (default 80).
    pub volume: u8,
    /// What is spoken (default: counts and words).
    pub voice: Voice,
    /// Which way the lowering is counted (default: up).
    pub count: Counting,
    /// A tick every second of a phase, on or off (default on).
    pub ticks: bool,
    /// How long an `X` (explosive) lift is timed, in ms (default 1000).
    pub explosive_ms: u32,
    /// The extra delay no device reports, in ms, 0-1000 (default 0): added
    /// to the delay the sound device reports, which the display waits for,
    /// so a cue is seen when it is heard. A file that says 56 adds 56 ms
    /// to what the device reports.
    pub audio_latency_ms: u32,
    /// Colours on screen on or off (default on).
    pub colours: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            volume: 80,
            voice: Voice::Full,
            count: Counting::Up,
            ticks: true,
            explosive_ms: 1000,
            audio_latency_ms: 0,
            colours: true,
        }
    }
}

/// Everything the config file says, with built-in values where it is
/// silent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Session defaults from `[defaults]`, laid over the built-in ones.
    pub defaults: Layer,
    /// Sound and screen settings.
    pub preferences: Preferences,
    /// The lifter's own presets, from `[presets.NAME]`.
    pub presets: Vec<Preset>,
    /// The lifter's own exercises, from `[exercises.NAME]`.
    pub exercises: Vec<Exercise>,
    /// The lifter's own workouts, from `[workouts.NAME]`.
    pub workouts: Vec<WorkoutSpec>,
    /// Keys bound in `[keys]`: what (`end_set`) and which key (`c`).
    pub keys: Vec<(Binding, Key)>,
}

impl Config {
    /// The built-in presets and exercises with this file's added.
    pub fn catalogue(&self) -> Catalogue {
        Catalogue::new(self.presets.clone(), self.exercises.clone())
    }
}

/// Why the config file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// It could not be read.
    #[error("cannot read the config file {}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// It is not a valid config file (or workout file).
    #[error(
        "{}:{line}:{column}: {}{message}\n\n  tip: {}",
        path.display(),
        key.as_ref().map(|k| format!("`{k}`: ")).unwrap_or_default(),
        kind.tip()
    )]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What kind of file it is, for the tip.
        kind: FileKind,
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

/// Which kind of file a fault was found in: each has its own tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The config file.
    Config,
    /// A workout file of its own (`-w FILE.toml`).
    Workout,
}

impl FileKind {
    /// Where to look for a good example of this kind of file.
    fn tip(self) -> &'static str {
        match self {
            FileKind::Config => {
                "`repcadence config init --config /tmp/example.toml` writes a commented example \
                 of every key"
            }
            FileKind::Workout => {
                "a workout file holds description = \"...\" and one [[blocks]] table per block, \
                 each with keys like exercise = \"squat\", tempo = \"4-0-1-0\", sets = 3, \
                 reps = 8 and changeover = 120 (the README's Workouts section has one to copy)"
            }
        }
    }
}

/// Parses a config file's bytes like [`parse`]; bytes that are not UTF-8
/// are a fault in the file like any other, placed at the first of them.
pub(crate) fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Config, ConfigError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, path),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let before = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(before, before.len());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                kind: FileKind::Config,
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
    let raw: raw::RawFile = toml::from_str(text).map_err(|e| toml_error(text, path, &e))?;
    let (mut config, names, keys) = raw.into_config();
    config.keys = crate::program::keys::check_all(&keys.0)
        .map_err(|fault| invalid(text, path, fault.at, Some(fault.key), fault.message))?;
    workout::check_names(&names, &config.catalogue(), text, path)?;
    for w in &config.workouts {
        if w.blocks.is_empty() {
            let at = text.find(&format!("workouts.{}", w.name)).unwrap_or(0);
            return Err(invalid(
                text,
                path,
                at,
                Some(format!("workouts.{}", w.name)),
                "a workout needs at least one block: add [[workouts.NAME.blocks]] with \
                 exercise = \"squat\""
                    .replace("NAME", &w.name),
            ));
        }
        workout::check_blocks(w, &format!("workouts.{}.blocks", w.name), text, path)?;
    }
    Ok(config)
}

/// The parser's error, placed in `text`.
fn toml_error(text: &str, path: &Path, e: &toml::de::Error) -> ConfigError {
    let start = named_header(text, e.message())
        .or_else(|| e.span().map(|s| s.start))
        .unwrap_or(0);
    let (line, column) = line_column(text, start);
    let key = key_at(text, start);
    let value = e.span().and_then(|s| text.get(s)).unwrap_or("");
    let message = match number_out_of_reach(e.message(), key.as_deref(), value) {
        Some(message) => message,
        None => with_hint(clean_message(e.message())),
    };
    ConfigError::Invalid {
        path: path.to_path_buf(),
        kind: FileKind::Config,
        line,
        column,
        key,
        message,
    }
}

/// Where the table a name check refers to stands: a message about
/// `[workouts.""]` is placed at that header, not at the first table of its
/// kind, where the parser's span for the whole map points.
fn named_header(text: &str, message: &str) -> Option<usize> {
    let header = message.strip_prefix('[')?.split(']').next()?;
    let (table, name) = header.split_once('.')?;
    let single = name.replace('"', "'");
    let dotted = |n: &str| format!("{table}.{n}");
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim().trim_start_matches('[').replace(' ', "");
        if t.starts_with(&dotted(name)) || t.starts_with(&dotted(&single)) {
            return Some(at + line.len() - line.trim_start().len());
        }
        at += line.len();
    }
    None
}

/// A fault at byte `at` of `text`, naming `key`.
fn invalid(
    text: &str,
    path: &Path,
    at: usize,
    key: Option<String>,
    message: String,
) -> ConfigError {
    let (line, column) = line_column(text, at);
    ConfigError::Invalid {
        path: path.to_path_buf(),
        kind: FileKind::Config,
        line,
        column,
        key,
        message,
    }
}

/// Line and column (from 1, column in characters) of byte `offset`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
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
    let above = text.get(..line_start)?;
    let table = above.lines().rev().find_map(header);
    Some(match table {
        Some(t) => format!("{}.{key}", indexed(above, &t)),
        None => key,
    })
}

/// `table` as a key names it: a workout's blocks (`[[blocks]]`, the one
/// array of tables the file has) with the number of the block, from 1
/// (`blocks[2]`), counting its headers in `above`, the text up to the
/// line in question. (Any other array of tables is a fault in itself.)
fn indexed(above: &str, table: &str) -> String {
    if table != "blocks" && !table.ends_with(".blocks") {
        return table.to_string();
    }
    let header = format!("[[{table}]]");
    let n = above
        .lines()
        .filter(|l| l.trim().replace(' ', "") == header.replace(' ', ""))
        .count();
    if n == 0 {
        table.to_string()
    } else {
        format!("{table}[{n}]")
    }
}

/// A number too big for the parser itself (`rest = 1e309`, `reps =
/// 99999999999999999999`) fails before any check of ours sees it, with
/// the parser's words only ("floating-point number overflowed"): for a
/// number setting, say what is allowed instead, quoting `value` as
/// written.
fn number_out_of_reach(message: &str, key: Option<&str>, value: &str) -> Option<String> {
    let overflow = message.contains("overflowed") || message.contains("as i128");
    let setting = key?.rsplit('.').next().and_then(settings::by_key)?;
    let allowed = setting.allowed_text()?;
    overflow.then(|| {
        format!(
            "{} is not allowed: {allowed}",
            crate::text::quote(value.trim())
        )
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

/// The fully commented example `repcadence config init` writes. Every key
/// is shown with its built-in value; the `[defaults]` come from the table
/// of settings.
pub fn example() -> String {
    let mut text = String::from(
        "# repcadence config file.
#
# Every key is optional; a key left out keeps its built-in value (shown
# here). Values given on the command line win over a preset, and a preset
# wins over [defaults]. Seconds may have up to 3 decimals (2.5).

[defaults]
",
    );
    for s in settings::ALL.iter().filter(|s| s.in_defaults) {
        for line in wrap_comment(&s.comment()) {
            text.push_str(&format!("# {line}\n"));
        }
        text.push_str(&s.example_line());
        text.push('\n');
    }
    text.push_str(EXAMPLE_TABLES);
    text
}

/// A comment's words in lines of at most 76 characters.
fn wrap_comment(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines
            .last_mut()
            .filter(|l| l.len() + 1 + word.len() <= 76 || l.is_empty());
        match line {
            Some(l) if l.is_empty() => l.push_str(word),
            Some(l) => {
                l.push(' ');
                l.push_str(word);
            }
            None => lines.push(word.to_string()),
        }
    }
    lines
}

/// The example's presets and exercises.
const EXAMPLE_TABLES: &str = r#"
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

# Your own workouts: blocks run one after another, each an exercise with its
# own tempo, sets, reps, rest and load (`repcadence workouts` lists them).
# Run with --workout NAME (-w). A block may start from a preset and change
# what it likes; reps = "8+" plans 8 and goes on until you end the set.
# changeover is the rest before the next block (default 120 s; 0 goes
# straight on). A workout in a file of its own has the same keys, with
# [[blocks]] for each block: -w FILE.toml.
[workouts.legs-then-arms]
description = "slow squats first, while fresh, then curls"

[[workouts.legs-then-arms.blocks]]
exercise = "squat"
preset = "tut"
sets = 2
load = "60kg"
changeover = 180

[[workouts.legs-then-arms.blocks]]
exercise = "curl"
tempo = "3-0-1-0"
sets = 3
reps = "10+"
load = "12kg"

# Keys for a foot pedal or a remote, over the built-in ones (the README's
# key table): pause, next, end_set, restart, longer, shorter, mute, help,
# quit, more_reps, fewer_reps or failed = a key ("c", "PageDown", "F5")
# or a list of them. For a pedal that sends "c" and should end the set at
# failure:
# [keys]
# end_set = "c"
"#;

#[cfg(test)]
mod tests;
