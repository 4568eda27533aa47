//! The command line: options shared by every mode, and the subcommands.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, ColorChoice, CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::Shell;

use crate::audio::cues::Settings;
use crate::timing::plan::{Session, Start};
use crate::timing::tempo::{Lift, MAX_FIELD_MS, Tempo};
use crate::timing::units::parse_seconds;

/// The examples at the end of `--help` (not `-h`), also in the man page.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Slow negatives on squats: 5 s down, drive up, 4 sets of 6",
        "repcadence 5-0-X-0 --exercise squat --sets 4 --reps 6",
    ),
    (
        "4:1 curls: 4 s down, 1 s up, logged with the load",
        "repcadence -p four-one --exercise curl --load 12kg",
    ),
    (
        "Render a set to play from a phone (a WAV file)",
        "repcadence render 4-0-1-0 --sets 1 --reps 10 -o curls.wav",
    ),
    (
        "Overload negatives: a partner lifts, you lower in 6 s",
        "repcadence -p overload --exercise bench --load 90kg",
    ),
    (
        "See a session's phases and time under tension before doing it",
        "repcadence plan 5010 --reps 8",
    ),
    (
        "One line per event, for screen readers and scripts",
        "repcadence 4-0-1-0 --plain | tee set.log",
    ),
    ("What you did, and what to try next", "repcadence log"),
];

/// `EXAMPLES` as help text.
fn examples_help() -> String {
    let mut text = String::from("Examples:\n");
    for (what, how) in EXAMPLES {
        text.push_str(&format!("  {what}\n    {how}\n"));
    }
    text.push_str(
        "\nExit status: 0 done, 1 a failure while running (a file that cannot be \
         written, input that ended during a partner's lift), 2 bad usage (an \
         option, a tempo or the config file), 128 + N stopped by signal N (130 \
         for Ctrl-C).",
    );
    text
}

/// A rep-cadence metronome for slow, controlled (negative) reps.
///
/// It steps through every phase of every rep (lift, pauses, a slow
/// lowering), counts the seconds of the lowering, and rests between sets.
/// Tempo is written the lifters' way: lower-pause-lift-pause, e.g. 4-0-1-0
/// or 31X0. Without a subcommand, a session runs.
#[derive(Debug, Parser)]
#[command(
    name = "repcadence",
    version,
    after_help = "Examples and exit status: repcadence --help",
    after_long_help = examples_help()
)]
pub struct Cli {
    /// A subcommand; without one, a session runs.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The session.
    #[command(flatten)]
    pub session: SessionArgs,
    /// How to run it.
    #[command(flatten)]
    pub run: RunArgs,
    /// Where the config file and the training log are.
    #[command(flatten)]
    pub files: FileArgs,
    /// How output looks, and where diagnostics go.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How output looks, and where diagnostics go (for every command).
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set),
    /// always or never
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Write diagnostics to PATH (appended; RUST_LOG filters them, default
    /// debug), never to the screen
    #[arg(long, global = true, value_name = "PATH")]
    pub debug_log: Option<PathBuf>,
}

impl Cli {
    /// Session options given before a subcommand (`repcadence --reps 5
    /// plan`) would be silently ignored: this names the problem instead.
    pub fn misplaced_options(&self) -> Option<String> {
        let run = &self.run;
        let given = self.session != SessionArgs::default()
            || run.plain
            || run.load.is_some()
            || run.note.is_some();
        (self.command.is_some() && given).then(|| {
            "session options go after the subcommand, e.g. `repcadence plan 4-0-1-0 --reps 6`, \
             or without one to run a session"
                .to_string()
        })
    }
}

/// Where the config file and the training log are (for every command).
#[derive(Debug, Args, Default, Clone)]
pub struct FileArgs {
    /// Read the config file at PATH instead of the platform's config dir
    /// (see `repcadence config path`)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The training log (CSV) to write and read, instead of the one in the
    /// platform's data dir; the journal is kept beside it
    #[arg(long, global = true, value_name = "PATH")]
    pub log: Option<PathBuf>,
    /// Do not write the training log this time
    #[arg(long, global = true)]
    pub no_log: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole session (every phase, its start and length) and its
    /// time under tension, at once.
    Plan(PlanArgs),
    /// Write the session's cues to a WAV file (48 kHz, mono, 16-bit) to play
    /// from a phone or a speaker.
    Render(RenderArgs),
    /// List the built-in and your own presets: tempo, sets × reps, rest,
    /// time under tension per set and what each is for.
    Presets,
    /// List the exercises and the phase each starts with.
    Exercises,
    /// The config file: write an example, or say where it is read from.
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// The training log: recent sets, time under tension per week and per
    /// exercise, the lowering over time, the journal, and coaching.
    Log(LogArgs),
    /// Record how recovery feels (soreness and sleep, 1-5) in the journal
    /// beside the training log.
    Journal(JournalArgs),
    /// Print a shell completion script to stdout.
    ///
    /// Where to put it: bash: ~/.local/share/bash-completion/completions/repcadence;
    /// zsh: a file named _repcadence in a directory on $fpath; fish:
    /// ~/.config/fish/completions/repcadence.fish; elvish: source it from
    /// ~/.config/elvish/rc.elv; PowerShell: source it from $PROFILE.
    Completions {
        /// The shell
        #[arg(value_name = "SHELL")]
        shell: Shell,
    },
    /// Print the manual page (roff) to stdout.
    ///
    /// Read it with `repcadence man | man -l -`, or install it:
    /// `repcadence man > ~/.local/share/man/man1/repcadence.1`.
    Man,
}

/// `repcadence config …`.
#[derive(Debug, Subcommand, Clone, Copy, PartialEq, Eq)]
pub enum ConfigAction {
    /// Write a fully commented example config file (never overwrites one).
    Init,
    /// Print where the config file is read from.
    Path,
}

/// How `repcadence log` draws its charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Chart {
    /// Bars when stdout is a terminal, plain columns otherwise.
    #[default]
    Auto,
    /// Bars of Unicode block characters.
    Bars,
    /// Plain columns of numbers.
    Columns,
}

/// Options of `repcadence log`.
#[derive(Debug, Args, Clone)]
pub struct LogArgs {
    /// Print the log's rows as they are (CSV with its header), nothing else
    #[arg(long, conflicts_with_all = ["recent", "chart"])]
    pub csv: bool,
    /// How many recent sets to list (1-1000)
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = whole::<u16, 1, 1000>)]
    pub recent: u16,
    /// Charts as bars, as plain columns, or bars only on a terminal
    #[arg(long, value_name = "HOW", default_value = "auto")]
    pub chart: Chart,
}

/// Options of `repcadence journal`.
#[derive(Debug, Args, Clone)]
pub struct JournalArgs {
    /// How sore you are, 1 (not at all) to 5 (very)
    #[arg(long, value_name = "1-5", value_parser = whole::<u8, 1, 5>)]
    pub soreness: u8,
    /// How well you slept, 1 (badly) to 5 (very well)
    #[arg(long, value_name = "1-5", value_parser = whole::<u8, 1, 5>)]
    pub sleep: u8,
    /// Anything else worth remembering
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub note: Option<String>,
}

/// Options of `repcadence render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The session.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Which cues, how loud.
    #[command(flatten)]
    pub cues: CueArgs,
    /// The WAV file to write.
    #[arg(short, long, value_name = "FILE.wav")]
    pub output: std::path::PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Which cues play, and how loud (live sessions and `render`).
#[derive(Debug, Args, Default, Clone)]
pub struct CueArgs {
    /// Volume of the cues, 0-100 [default: 80]
    #[arg(long, value_name = "0-100", value_parser = whole::<u8, 0, 100>)]
    pub volume: Option<u8>,
    /// Speak the counts: "one, two, three…" through the lowering, "three,
    /// two, one" before a set [default]
    #[arg(long, overrides_with = "no_voice")]
    pub voice: bool,
    /// Tones only, no spoken counts
    #[arg(long, overrides_with = "voice")]
    pub no_voice: bool,
    /// No tick on each second of the lowering
    #[arg(long)]
    pub no_ticks: bool,
}

impl CueArgs {
    /// Lays these options over `base`.
    pub fn settings(&self, base: Settings) -> Settings {
        Settings {
            volume: self.volume.unwrap_or(base.volume),
            voice: if self.no_voice {
                false
            } else {
                self.voice || base.voice
            },
            ticks: base.ticks && !self.no_ticks,
            muted: base.muted,
        }
    }
}

/// Options of `repcadence plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The session.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// How a live session is shown.
#[derive(Debug, Args, Default)]
pub struct RunArgs {
    /// One plain line per event as it happens, no full-screen view (for
    /// screen readers, logs and scripts).
    #[arg(long)]
    pub plain: bool,
    /// Which cues play, and how loud.
    #[command(flatten)]
    pub cues: CueArgs,
    /// Start silent (the `m` key unmutes); no sound device is opened until then
    #[arg(long)]
    pub mute: bool,
    /// The time from a cue being played to it being heard, in ms (0-1000), if
    /// the device's own figure is wrong: the display waits that long for the
    /// sound [default: 56]
    #[arg(long, value_name = "MS", value_parser = whole::<u16, 0, 1000>)]
    pub audio_latency: Option<u16>,
    /// The load, as free text for the training log, e.g. 80kg or "bodyweight"
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub load: Option<String>,
    /// A note for the training log's rows of this session
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub note: Option<String>,
}

/// The options every mode shares: what the session is.
#[derive(Debug, Args, Default, Clone, PartialEq, Eq)]
pub struct SessionArgs {
    /// A program from the training literature or the config file (see
    /// `repcadence presets`); other options override its values
    #[arg(short = 'p', long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub preset: Option<String>,
    /// The exercise: sets the start phase and the label shown and logged
    /// (see `repcadence exercises`)
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub exercise: Option<String>,
    /// Tempo: lower-pause-lift-pause in seconds, e.g. 4-0-1-0, 4:0:1:0,
    /// 4010 or 31X0 (X = explosive lift) [default: 3-0-1-0]
    #[arg(value_name = "TEMPO", value_hint = ValueHint::Other)]
    pub tempo: Option<String>,
    /// Reps per set (1-100) [default: 8]
    #[arg(long, value_name = "N", value_parser = whole::<u16, 1, 100>)]
    pub reps: Option<u16>,
    /// Sets (1-50) [default: 3]
    #[arg(long, value_name = "N", value_parser = whole::<u16, 1, 50>)]
    pub sets: Option<u16>,
    /// Rest between sets in seconds (0-3600) [default: 90]
    #[arg(long, value_name = "SECS", value_parser = secs_up_to::<3600>)]
    pub rest: Option<u32>,
    /// Get-ready time before the first set in seconds (0-60) [default: 5]
    #[arg(long, value_name = "SECS", value_parser = secs_up_to::<60>)]
    pub count_in: Option<u32>,
    /// Which phase a rep starts with: lift (curls, pull-ups) or lower
    /// (squats, bench press) [default: lift]
    #[arg(long, value_name = "PHASE")]
    pub start: Option<Start>,
    /// How long an X (explosive) lift is timed, in seconds (0.1-10)
    /// [default: 1]
    #[arg(long, value_name = "SECS", value_parser = explosive_secs)]
    pub explosive: Option<u32>,
    /// Lowering (eccentric) in seconds, overriding the tempo's 1st field
    #[arg(long, value_name = "SECS", value_parser = secs_up_to::<60>)]
    pub lower: Option<u32>,
    /// Lift (concentric) in seconds, X for explosive, or `manual` for a
    /// partner-assisted lift that waits for a key; overrides the 3rd field
    #[arg(long, value_name = "SECS|X|manual", value_parser = lift_arg)]
    pub lift: Option<LiftArg>,
    /// Pause at the bottom in seconds, overriding the tempo's 2nd field
    #[arg(long, value_name = "SECS", value_parser = secs_up_to::<60>)]
    pub pause_bottom: Option<u32>,
    /// Pause at the top in seconds, overriding the tempo's 4th field
    #[arg(long, value_name = "SECS", value_parser = secs_up_to::<60>)]
    pub pause_top: Option<u32>,
}

/// The value of `--lift`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiftArg {
    /// A timed or explosive lift.
    Timed(Lift),
    /// A partner lifts; the rep waits for a key.
    Manual,
}

/// A whole number from `LO` to `HI`: out of range in clap's own words,
/// and for text that is no number, what to give instead (clap's parser
/// says only "invalid digit found in string").
fn whole<T: TryFrom<i64>, const LO: i64, const HI: i64>(text: &str) -> Result<T, String> {
    let out_of_range = |n: &dyn std::fmt::Display| format!("{n} is not in {LO}..={HI}");
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
                "\"{text}\" is not a whole number: give one from {LO} to {HI}"
            ));
        }
    };
    if !(LO..=HI).contains(&n) {
        return Err(out_of_range(&n));
    }
    T::try_from(n).map_err(|_| out_of_range(&n))
}

fn seconds_arg(text: &str, max_ms: u32, example: &str) -> Result<u32, String> {
    parse_seconds(text, max_ms).map_err(|e| format!("\"{text}\" {e}: give seconds like {example}"))
}

fn secs_up_to<const MAX_S: u32>(text: &str) -> Result<u32, String> {
    seconds_arg(text, MAX_S * 1000, "3 or 2.5")
}

fn explosive_secs(text: &str) -> Result<u32, String> {
    let ms = seconds_arg(text, 10_000, "1 or 0.5")?;
    if ms < 100 {
        return Err(format!(
            "\"{text}\" is too short: an explosive lift is timed as 0.1-10 s, like 1 or 0.5"
        ));
    }
    Ok(ms)
}

fn lift_arg(text: &str) -> Result<LiftArg, String> {
    match text.trim() {
        t if t.eq_ignore_ascii_case("manual") => Ok(LiftArg::Manual),
        t if t.eq_ignore_ascii_case("x") => Ok(LiftArg::Timed(Lift::Explosive)),
        _ => {
            seconds_arg(text, MAX_FIELD_MS, "1, X or manual").map(|ms| LiftArg::Timed(Lift::Ms(ms)))
        }
    }
}

impl SessionArgs {
    /// Lays these options over `base` (built-in defaults, or a preset or
    /// config file's values): whatever was given on the command line wins.
    /// The result must have a rep longer than 0 s.
    pub fn resolve(&self, base: &Session) -> Result<Session, String> {
        let s = self.overlay(base)?;
        if s.rep_tut_ms() == 0 {
            return Err(format!(
                "a rep of {} lasts 0 s: give it a lowering, e.g. --lower 3",
                s.tempo
            ));
        }
        Ok(s)
    }

    /// Lays these values over `base` like [`SessionArgs::resolve`], for an
    /// intermediate layer (a preset, the config's defaults): the preset and
    /// exercise names are not looked at, and a 0 s rep is allowed here.
    pub fn overlay(&self, base: &Session) -> Result<Session, String> {
        let mut s = base.clone();
        if let Some(text) = &self.tempo {
            s.tempo = text.parse::<Tempo>().map_err(|e| {
                format!(
                    "{e}\n\n  tip: the lowering comes first: 4-0-1-0 is 4 s down, no pause, 1 s up, \
                     no pause (run `repcadence --help` for more)"
                )
            })?;
        }
        if let Some(v) = self.lower {
            s.tempo.lower = v;
        }
        if let Some(v) = self.pause_bottom {
            s.tempo.bottom = v;
        }
        if let Some(v) = self.pause_top {
            s.tempo.top = v;
        }
        match self.lift {
            Some(LiftArg::Timed(lift)) => {
                s.tempo.lift = lift;
                s.manual_lift = false;
            }
            Some(LiftArg::Manual) => s.manual_lift = true,
            None => {}
        }
        set(&mut s.reps, self.reps);
        set(&mut s.sets, self.sets);
        set(&mut s.rest_ms, self.rest);
        set(&mut s.count_in_ms, self.count_in);
        set(&mut s.start, self.start);
        set(&mut s.explosive_ms, self.explosive);
        Ok(s)
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}

/// clap's error `e` for the command line `args` (program name first), with
/// a tip of the program's own in place of clap's where it knows better:
///
/// - a negative number after an option that takes a value: clap reads it
///   as an option and suggests `-- -3`, which would make it the tempo; the
///   tip says what the option takes instead;
/// - an option of other commands than the one given (`plan --volume 50`):
///   clap suggests passing it as a value; the tip says where it belongs.
pub fn explain(mut e: clap::Error, cmd: &clap::Command, args: &[OsString]) -> clap::Error {
    if e.kind() != ErrorKind::UnknownArgument || e.get(ContextKind::SuggestedArg).is_some() {
        return e;
    }
    let Some(ContextValue::String(bad)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let tip = negative_value(bad, cmd, &args).or_else(|| option_elsewhere(bad, cmd, &args));
    if let Some(tip) = tip {
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    e
}

/// What the option before the negative number `bad` takes, from its own
/// value parser.
fn negative_value(bad: &str, cmd: &clap::Command, args: &[String]) -> Option<String> {
    bad.strip_prefix('-')?.parse::<f64>().ok()?;
    // clap names `-2` of `-2.5`: the value is the argument it begins.
    let negative = |a: &str| {
        a.starts_with(bad)
            && a.strip_prefix('-')
                .is_some_and(|n| n.parse::<f64>().is_ok())
    };
    let at = args.iter().position(|a| negative(a))?;
    let (option, value) = (args.get(at.checked_sub(1)?)?, &args[at]);
    if !option.starts_with('-') || option.contains('=') {
        return None;
    }
    let mut joined = args.to_vec();
    joined[at - 1] = format!("{option}={value}");
    joined.remove(at);
    let err = cmd.clone().try_get_matches_from(joined).err()?;
    let about_it = matches!(
        err.get(ContextKind::InvalidArg),
        Some(ContextValue::String(arg)) if arg.split(' ').next() == Some(option.as_str())
    );
    if err.kind() != ErrorKind::ValueValidation || !about_it {
        return None;
    }
    let why = std::error::Error::source(&err)?;
    Some(format!("{option} takes no negative number: {why}"))
}

/// Where the unknown option `bad` belongs, if another command has it.
fn option_elsewhere(bad: &str, cmd: &clap::Command, args: &[String]) -> Option<String> {
    let name = bad.strip_prefix("--")?.split('=').next()?;
    let given = args.iter().skip(1).find_map(|a| cmd.find_subcommand(a));
    let has = |c: &clap::Command| {
        c.get_arguments()
            .any(|a| a.get_long() == Some(name) && !a.is_global_set())
    };
    let mut places = Vec::new();
    if given.is_some() && has(cmd) {
        places.push("a session (no subcommand)".to_string());
    }
    for sub in cmd.get_subcommands() {
        if given.map(clap::Command::get_name) != Some(sub.get_name()) && has(sub) {
            places.push(format!("`repcadence {}`", sub.get_name()));
        }
    }
    let here = given.map_or("a session".to_string(), |c| {
        format!("`repcadence {}`", c.get_name())
    });
    let (last, rest) = places.split_last()?;
    let places = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(format!("--{name} is an option of {places}, not of {here}"))
}

/// For a TEMPO that is a word (`repcadence plna`): the tempo's error, and
/// the subcommand it may have been meant as, or the list of them.
pub fn word_for_a_tempo(text: &str) -> Option<String> {
    let word = text.trim();
    let letters = word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    let not_x = word.chars().filter(|c| !c.eq_ignore_ascii_case(&'x'));
    if !letters || not_x.filter(char::is_ascii_alphabetic).count() < 2 {
        return None;
    }
    let err = text.parse::<Tempo>().err()?;
    let cmd = Cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
    let lower = word.to_ascii_lowercase();
    let near = names
        .iter()
        .map(|n| (edits(n, &lower), *n))
        .filter(|&(d, n)| d <= 2 || (lower.len() >= 3 && n.starts_with(&lower)))
        .min();
    let tip = match near {
        Some((_, name)) => format!("a similar subcommand exists: `repcadence {name}`"),
        None => format!(
            "\"{word}\" is not a subcommand either: they are {}",
            names.join(", ")
        ),
    };
    Some(format!("{err}\n\n  tip: {tip}"))
}

/// The edit (Levenshtein) distance between `a` and `b`.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("repcadence").chain(args.iter().copied()))
            .expect("valid arguments")
    }

    #[test]
    fn flags_override_the_tempo_fields() {
        let cli = parse(&["4-0-1-0", "--lower", "5", "--pause-top", "1", "--lift", "x"]);
        let s = cli.session.resolve(&Session::default()).expect("valid");
        assert_eq!(s.tempo.to_string(), "5-0-X-1");
        let cli = parse(&["--lift", "manual", "--reps", "6"]);
        let s = cli.session.resolve(&Session::default()).expect("valid");
        assert!(s.manual_lift);
        assert_eq!((s.reps, s.tempo.to_string()), (6, "3-0-1-0".to_string()));
    }

    #[test]
    fn unset_options_keep_the_base() {
        let base = Session {
            reps: 6,
            rest_ms: 120_000,
            ..Session::default()
        };
        let s = parse(&["--sets", "4"])
            .session
            .resolve(&base)
            .expect("valid");
        assert_eq!((s.reps, s.sets, s.rest_ms), (6, 4, 120_000));
    }

    #[test]
    fn a_zero_rep_is_refused_with_what_to_type() {
        let err = parse(&["0-0-1-0", "--lift", "0"])
            .session
            .resolve(&Session::default())
            .expect_err("empty rep");
        assert!(err.contains("--lower 3"), "{err}");
    }

    #[test]
    fn a_bad_tempo_message_quotes_it_and_gives_a_tip() {
        let err = parse(&["4-0-1"])
            .session
            .resolve(&Session::default())
            .expect_err("bad");
        assert!(err.starts_with("\"4-0-1\" is not a tempo"), "{err}");
        assert!(err.contains("tip:"), "{err}");
    }

    #[test]
    fn cue_options_lay_over_a_base() {
        let base = Settings::default();
        let cues = |args: &[&str]| parse(args).run.cues.settings(base);
        assert_eq!(cues(&[]), base);
        let s = cues(&["--volume", "30", "--no-voice", "--no-ticks"]);
        assert_eq!((s.volume, s.voice, s.ticks), (30, false, false));
        assert!(cues(&["--no-voice", "--voice"]).voice, "the last one wins");
        assert!(!cues(&["--voice", "--no-voice"]).voice);
        let quiet = Settings {
            voice: false,
            ..base
        };
        assert!(parse(&["--voice"]).run.cues.settings(quiet).voice);
    }

    #[test]
    fn every_help_example_parses_and_its_session_resolves() {
        for (what, example) in EXAMPLES {
            let line = example.split(" | ").next().expect("a command");
            let words: Vec<&str> = line.split_whitespace().collect();
            let cli = Cli::try_parse_from(&words).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(cli.misplaced_options(), None, "{what}");
            let session = match &cli.command {
                None => &cli.session,
                Some(Command::Plan(p)) => &p.session,
                Some(Command::Render(r)) => &r.session,
                Some(_) => continue,
            };
            let config = crate::program::config::Config::default();
            config
                .catalogue()
                .resolve(session, &config.defaults)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }

    #[test]
    fn subcommands_and_a_tempo_do_not_mix_up() {
        let cli = parse(&["plan", "31X0", "--json"]);
        match cli.command {
            Some(Command::Plan(p)) => {
                assert!(p.json);
                assert_eq!(p.session.tempo.as_deref(), Some("31X0"));
            }
            other => panic!("{other:?}"),
        }
    }

    /// The error clap gives for `args`, with the program's tip.
    fn explained(args: &[&str]) -> String {
        let args: Vec<OsString> = std::iter::once("repcadence")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        let cmd = Cli::command();
        let err = cmd
            .clone()
            .try_get_matches_from(&args)
            .expect_err("bad arguments");
        explain(err, &cmd, &args).to_string()
    }

    #[test]
    fn a_negative_number_gets_what_the_option_takes_not_clap_s_double_dash() {
        let cases: [(&[&str], &str); 5] = [
            (
                &["plan", "--reps", "-3"],
                "--reps takes no negative number: -3 is not in 1..=100",
            ),
            (
                &["--count-in", "-1"],
                "--count-in takes no negative number: \"-1\" is not a number of seconds",
            ),
            (
                &["--rest", "-2.5"],
                "\"-2.5\" is not a number of seconds: give seconds like 3",
            ),
            (
                &["journal", "--sleep", "-1", "--soreness", "2"],
                "-1 is not in 1..=5",
            ),
            (&["--volume", "-10"], "-10 is not in 0..=100"),
        ];
        for (args, want) in cases {
            let text = explained(args);
            assert!(text.contains("unexpected argument"), "{args:?}: {text}");
            assert!(text.contains("tip: --"), "{args:?}: {text}");
            assert!(text.contains(want), "{args:?}: {text}");
            assert!(!text.contains("use '-- -"), "{args:?}: {text}");
        }
        // A value that an option takes as text is left to clap.
        assert!(explained(&["plan", "-p", "-3"]).contains("use '-- -3'"));
    }

    #[test]
    fn an_option_of_another_command_says_where_it_belongs() {
        let text = explained(&["plan", "--volume", "50"]);
        assert!(
            text.contains(
                "tip: --volume is an option of a session (no subcommand) and `repcadence render`, \
                 not of `repcadence plan`"
            ),
            "{text}"
        );
        let text = explained(&["--json"]);
        assert!(
            text.contains("tip: --json is an option of `repcadence plan`, not of a session"),
            "{text}"
        );
        // A typo keeps clap's own suggestion; an option nowhere keeps clap's tip.
        assert!(explained(&["plan", "--rep", "5"]).contains("a similar argument exists: '--reps'"));
        assert!(explained(&["--frobnicate"]).contains("use '-- --frobnicate'"));
    }

    /// A word of a command line: real subcommands and options, numbers
    /// with and without a sign, and any text.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let real = prop::sample::select(vec![
            "plan",
            "render",
            "log",
            "journal",
            "config",
            "init",
            "--reps",
            "--rest",
            "--lift",
            "--count-in",
            "-p",
            "--volume",
            "--json",
            "--csv",
            "-o",
            "--",
            "--sets",
            "--color",
            "--audio-latency",
            "--soreness",
        ]);
        prop_oneof![
            3 => real.prop_map(str::to_string),
            2 => "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
            1 => "-?\\PC{0,4}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 2_000,
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn explaining_any_bad_command_line_never_panics_nor_changes_the_error(
            words in proptest::collection::vec(word(), 0..5)
        ) {
            let args: Vec<OsString> = std::iter::once("repcadence".to_string())
                .chain(words)
                .map(OsString::from)
                .collect();
            let cmd = Cli::command();
            if let Err(e) = cmd.clone().try_get_matches_from(&args) {
                let (kind, before) = (e.kind(), e.to_string());
                let after = explain(e, &cmd, &args);
                proptest::prop_assert_eq!(after.kind(), kind);
                let after = after.to_string();
                // The headline is clap's, whatever the tip.
                let headline = |t: &str| t.lines().next().map(str::to_string);
                proptest::prop_assert_eq!(headline(&after), headline(&before));
            }
        }
    }

    #[test]
    fn text_that_is_no_whole_number_says_what_to_give() {
        assert_eq!(whole::<u16, 1, 100>("8"), Ok(8));
        assert_eq!(whole::<u8, 0, 100>(" 0 "), Ok(0));
        assert_eq!(
            whole::<u16, 1, 100>("eight"),
            Err("\"eight\" is not a whole number: give one from 1 to 100".to_string())
        );
        assert_eq!(
            whole::<u16, 1, 100>("0"),
            Err("0 is not in 1..=100".to_string())
        );
        assert_eq!(
            whole::<u16, 1, 100>("2.5"),
            Err("\"2.5\" is not a whole number: give one from 1 to 100".to_string())
        );
        assert_eq!(
            whole::<u16, 1, 100>("99999999999999999999"),
            Err("99999999999999999999 is not in 1..=100".to_string())
        );
    }

    #[test]
    fn a_word_for_a_tempo_names_the_subcommand_it_may_have_meant() {
        let text = word_for_a_tempo("plna").expect("a word");
        assert!(text.starts_with("\"plna\" is not a tempo"), "{text}");
        assert!(
            text.ends_with("tip: a similar subcommand exists: `repcadence plan`"),
            "{text}"
        );
        let text = word_for_a_tempo("journl").expect("a word");
        assert!(text.ends_with("`repcadence journal`"), "{text}");
        let text = word_for_a_tempo("frobnicate").expect("a word");
        assert!(
            text.ends_with(
                "not a subcommand either: they are plan, render, presets, exercises, \
                 config, log, journal, completions, man"
            ),
            "{text}"
        );
        for not_a_word in ["4-0-1", "31X0", "xx", "4010", "a1b2"] {
            assert_eq!(word_for_a_tempo(not_a_word), None, "{not_a_word}");
        }
        assert_eq!(edits("plan", "plna"), 2);
        assert_eq!(edits("", "man"), 3);
        assert_eq!(edits("log", "log"), 0);
    }
}
