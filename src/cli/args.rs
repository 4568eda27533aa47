//! The command line: options shared by every mode, and the subcommands.

mod log_args;
mod requests;

pub use log_args::{Exchange, LogAction, LogArgs, WeightUnit};

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, StringValueParser, TypedValueParser};
use clap::{Args, ColorChoice, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::Shell;

use crate::app::commands::{ConfigAction as Config, JournalRequest, RenderRequest, WorkoutArg};
use crate::app::logbook::{Import, LogEdit, LogRequest};
use crate::app::session::RunRequest;
use crate::load::{self, Unit};
use crate::program::layer::CueLayer;
use crate::program::presets::Choice;
use crate::program::settings::{
    self, AUDIO_LATENCY, COUNT_IN, EXPLOSIVE, LIFT, LOWER, LiftMode, PARTNER_LIFT, PAUSE_BOTTOM,
    PAUSE_TOP, REPS, REST, Reps, SETS, START, Setting, TEMPO, VOLUME,
};
use crate::program::settings::{COUNT, VOICE};
use crate::timing::counting::{Counting, Voice};
use crate::timing::plan::{MAX_BLOCKS, Start};
use crate::timing::tempo::Lift;

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
    pub command: Option<CliCommand>,
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
    pub(crate) fn misplaced_options(&self) -> Option<String> {
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
pub enum CliCommand {
    /// Print the whole session (every phase, its start and length) and its
    /// time under tension, at once.
    Plan(PlanArgs),
    /// Write the session's cues to a WAV file (48 kHz, mono, 16-bit) to play
    /// from a phone or a speaker.
    Render(RenderArgs),
    /// List the built-in and your own presets: tempo, sets × reps, rest,
    /// time under tension per set and what each is for.
    Presets,
    /// List the exercises and the phase each starts with
    /// (`repcadence exercises press` lists those that match)
    Exercises {
        /// Only the exercises whose name, other names or equipment hold
        /// this (`press`, `dumbbell`, `rdl`)
        #[arg(value_name = "FILTER")]
        filter: Option<String>,
    },
    /// List the workouts, built in and your own: their blocks, length and
    /// time under tension.
    Workouts {
        /// Show one as a workout file.
        #[command(subcommand)]
        action: Option<WorkoutsAction>,
    },
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
    /// Test the sound: play three cues and say what the device reports.
    ///
    /// Plays three cues over two seconds on the sound device a session
    /// would use, and prints the device, its sample rate, the delay it
    /// reports, the extra offset (--audio-latency) and whether the cues
    /// flowed. Exit 1 if they did not, or if there is no sound device.
    Doctor(DoctorArgs),
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

/// `repcadence workouts …`.
#[derive(Debug, Subcommand, Clone, PartialEq, Eq)]
pub enum WorkoutsAction {
    /// Print a workout as a TOML workout file, every value spelled out, to
    /// copy and change: `repcadence workouts show finisher > mine.toml`,
    /// then `repcadence -w mine.toml`.
    Show {
        /// The workout: a built-in or config workout, or a file.
        #[arg(value_name = "NAME")]
        name: String,
    },
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
    /// Charts when stdout is a terminal, plain columns otherwise.
    #[default]
    Auto,
    /// Charts with axes, as wide as the terminal (80 columns without
    /// one); `bars`, its old name, still works.
    #[value(alias = "bars")]
    Charts,
    /// Plain columns of numbers.
    Columns,
}

/// Options of `repcadence doctor`.
#[derive(Debug, Args, Clone)]
pub struct DoctorArgs {
    /// Extra delay, in ms (0-1000), that the device does not report, as a
    /// session's --audio-latency [default: the config file's, else 0]
    #[arg(long, value_name = AUDIO_LATENCY.value_name, help = AUDIO_LATENCY.help_line(),
          value_parser = |s: &str| AUDIO_LATENCY.whole::<u16>(s))]
    pub audio_latency: Option<u16>,
}

/// Options of `repcadence journal`.
#[derive(Debug, Args, Clone)]
pub struct JournalArgs {
    /// How sore you are, 1 (not at all) to 5 (very)
    #[arg(long, value_name = "1-5", value_parser = |s: &str| FEELING.whole::<u8>(s))]
    pub soreness: u8,
    /// How well you slept, 1 (badly) to 5 (very well)
    #[arg(long, value_name = "1-5", value_parser = |s: &str| FEELING.whole::<u8>(s))]
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
    /// Which cues, how loud; the rest of a session's options mean
    /// nothing in a file and are accepted and ignored.
    #[command(flatten)]
    pub run: RunArgs,
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
    #[arg(long, value_name = VOLUME.value_name, help = VOLUME.help_line(),
          value_parser = |s: &str| VOLUME.whole::<u8>(s))]
    pub volume: Option<u8>,
    /// What is spoken: full (counts and words), counts, or off
    #[arg(long, value_name = VOICE.value_name, help = VOICE.help_line(),
          overrides_with = "no_voice",
          value_parser = PossibleValuesParser::new(Voice::NAMES)
              .map(|s| s.parse::<Voice>().unwrap_or_default()))]
    pub voice: Option<Voice>,
    /// Tones only, nothing spoken: the same as --voice off
    #[arg(long, overrides_with = "voice")]
    pub no_voice: bool,
    /// Count the lowering up or down
    #[arg(long, value_name = COUNT.value_name, help = COUNT.help_line(),
          value_parser = PossibleValuesParser::new(Counting::NAMES)
              .map(|s| s.parse::<Counting>().unwrap_or_default()))]
    pub count: Option<Counting>,
    /// No tick on each second of the lowering
    #[arg(long)]
    pub no_ticks: bool,
}

impl CueArgs {
    /// These options as a layer over the config file's.
    pub fn layer(&self) -> CueLayer {
        CueLayer {
            volume: self.volume,
            voice: if self.no_voice {
                Some(Voice::Off)
            } else {
                self.voice
            },
            count: self.count,
            ticks: self.no_ticks.then_some(false),
        }
    }
}

/// Options of `repcadence plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The session.
    #[command(flatten)]
    pub session: SessionArgs,
    /// A session's other options: accepted, so that a session's command
    /// line becomes a plan by adding `plan`, and ignored.
    #[command(flatten)]
    pub run: RunArgs,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// How a live session is shown.
#[derive(Debug, Args, Default, Clone)]
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
    /// Extra delay, in ms (0-1000), from the sound device to your ears that
    /// the device does not report (a loudspeaker across the room), added to
    /// the delay it reports: the display waits for both [default: 0]
    #[arg(long, value_name = AUDIO_LATENCY.value_name, help = AUDIO_LATENCY.help_line(),
          value_parser = |s: &str| AUDIO_LATENCY.whole::<u16>(s))]
    pub audio_latency: Option<u16>,
    /// The load, logged as typed: 80kg, 175lb, bw, bw+10kg, or -20kg when
    /// assisted
    #[arg(long, value_name = "LOAD", value_hint = ValueHint::Other, allow_hyphen_values = true,
          value_parser = |s: &str| load::parse(s).map(|_| s.trim().to_string()))]
    pub load: Option<String>,
    /// A note for the training log's rows of this session
    #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
    pub note: Option<String>,
}

/// The options every mode shares: what the session is. Each value is
/// parsed, checked and described by its entry in the table of settings
/// ([`crate::program::settings`]).
#[derive(Debug, Args, Default, Clone, PartialEq, Eq)]
pub struct SessionArgs {
    /// A program from the training literature or the config file (see
    /// `repcadence presets`); other options override its values
    #[arg(short = 'p', long, value_name = "NAME", hide_possible_values = true,
          value_parser = Words::new(StringValueParser::new(), &BUILTIN_PRESETS))]
    pub preset: Option<String>,
    /// The exercise: sets the start phase and the label shown and logged
    /// (see `repcadence exercises`)
    #[arg(long, value_name = "NAME", hide_possible_values = true,
          value_parser = Words::new(StringValueParser::new(), &BUILTIN_EXERCISES))]
    pub exercise: Option<String>,
    /// A workout of blocks (`repcadence workouts`), or a FILE.toml
    ///
    /// Its blocks run one after another, each an exercise with its own
    /// tempo, sets, reps, rest and load, with a changeover between them.
    #[arg(short = 'w', long, value_name = "NAME", value_hint = ValueHint::FilePath)]
    pub workout: Option<String>,
    /// Start the workout at block N [default: 1]
    #[arg(long, value_name = "N", requires = "workout",
          value_parser = |s: &str| FROM.whole::<u16>(s))]
    pub from: Option<u16>,
    /// The rest before each next block of the workout, in seconds, 0-3600
    /// (over the workout's own)
    #[arg(long, value_name = "SECS", requires = "workout",
          value_parser = |s: &str| REST.seconds(s))]
    pub changeover: Option<u32>,
    /// The tempo, as typed: it is parsed once, into the session's layer
    /// ([`SessionArgs::choice`]), so that a word here can be taken for the
    /// subcommand it may have meant.
    #[arg(value_name = TEMPO.value_name, help = TEMPO.help_line(), value_hint = ValueHint::Other)]
    pub tempo: Option<String>,
    /// [`REPS`].
    #[arg(long, value_name = REPS.value_name, help = REPS.help_line(),
          value_parser = |s: &str| REPS.reps(s))]
    pub reps: Option<Reps>,
    /// [`SETS`].
    #[arg(long, value_name = SETS.value_name, help = SETS.help_line(),
          value_parser = |s: &str| SETS.whole::<u16>(s))]
    pub sets: Option<u16>,
    /// [`REST`], in ms.
    #[arg(long, value_name = REST.value_name, help = REST.help_line(),
          value_parser = |s: &str| REST.seconds(s))]
    pub rest: Option<u32>,
    /// [`COUNT_IN`], in ms.
    #[arg(long, value_name = COUNT_IN.value_name, help = COUNT_IN.help_line(),
          value_parser = |s: &str| COUNT_IN.seconds(s))]
    pub count_in: Option<u32>,
    /// [`START`].
    #[arg(long, value_name = START.value_name, help = START.help_line(),
          hide_possible_values = true,
          value_parser = PossibleValuesParser::new(["lift", "lower"]).map(|s| start_arg(&s)))]
    pub start: Option<Start>,
    /// [`EXPLOSIVE`], in ms.
    #[arg(long, value_name = EXPLOSIVE.value_name, help = EXPLOSIVE.help_line(),
          value_parser = |s: &str| EXPLOSIVE.seconds(s))]
    pub explosive: Option<u32>,
    /// [`PARTNER_LIFT`], in ms.
    #[arg(long, value_name = PARTNER_LIFT.value_name, help = PARTNER_LIFT.help_line(),
          value_parser = |s: &str| PARTNER_LIFT.seconds(s))]
    pub partner_lift: Option<u32>,
    /// [`LOWER`], in ms.
    #[arg(long, value_name = LOWER.value_name, help = LOWER.help_line(),
          value_parser = |s: &str| LOWER.seconds(s))]
    pub lower: Option<u32>,
    /// [`LIFT`].
    #[arg(long, value_name = LIFT.value_name, help = LIFT.help_line(),
          hide_possible_values = true, value_parser = Words::new(LiftMode::parse, &LIFT_WORDS))]
    pub lift: Option<Lift>,
    /// [`PAUSE_BOTTOM`], in ms.
    #[arg(long, value_name = PAUSE_BOTTOM.value_name, help = PAUSE_BOTTOM.help_line(),
          value_parser = |s: &str| PAUSE_BOTTOM.seconds(s))]
    pub pause_bottom: Option<u32>,
    /// [`PAUSE_TOP`], in ms.
    #[arg(long, value_name = PAUSE_TOP.value_name, help = PAUSE_TOP.help_line(),
          value_parser = |s: &str| PAUSE_TOP.seconds(s))]
    pub pause_top: Option<u32>,
}

/// The built-in presets' names, offered by shell completion for
/// `--preset` (a test holds them to [`crate::program::presets`]).
const BUILTIN_PRESETS: [&str; 5] = ["slow", "four-one", "tut", "overload", "beyond-failure"];

/// The most common exercises' names, offered by shell completion for
/// `--exercise` (the whole catalogue has hundreds, many of several words).
const BUILTIN_EXERCISES: [&str; 9] = crate::program::exercises::COMMON;

/// The words `--lift` takes besides seconds.
const LIFT_WORDS: [&str; 2] = ["manual", "X"];

/// A value parser that accepts what `inner` does, and offers `words` to
/// shell completion (not files). The words are not the only values
/// allowed (a preset of the config file, seconds for `--lift`), so they
/// are not clap's possible values for checking, and help leaves them out
/// (`hide_possible_values`).
#[derive(Clone)]
struct Words<P> {
    inner: P,
    words: &'static [&'static str],
}

impl<P> Words<P> {
    fn new(inner: P, words: &'static [&'static str]) -> Words<P> {
        Words { inner, words }
    }
}

impl<P: TypedValueParser> TypedValueParser for Words<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        self.inner.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.words.iter().map(|w| PossibleValue::new(*w))))
    }
}

/// `--start lift|lower`, one of the two clap has already checked.
fn start_arg(text: &str) -> Start {
    if text == Start::Lower.key() {
        Start::Lower
    } else {
        Start::Lift
    }
}

/// `repcadence log --recent`: how many sets to list.
const RECENT: Setting = Setting {
    key: "recent",
    option: Some("recent"),
    value_name: "N",
    kind: settings::Kind::Whole { lo: 1, hi: 1000 },
    default: "20",
    help: "How many recent sets to list",
    in_defaults: false,
};

/// `--from`: a block of a workout.
const FROM: Setting = Setting {
    key: "from",
    option: Some("from"),
    value_name: "N",
    kind: settings::Kind::Whole {
        lo: 1,
        hi: MAX_BLOCKS as i64,
    },
    default: "1",
    help: "The block to start at",
    in_defaults: false,
};

/// `repcadence journal --soreness/--sleep`: 1 to 5.
const FEELING: Setting = Setting {
    key: "feeling",
    option: None,
    value_name: "1-5",
    kind: settings::Kind::Whole { lo: 1, hi: 5 },
    default: "",
    help: "",
    in_defaults: false,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::layer::Heard;
    use crate::timing::plan::Session;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("repcadence").chain(args.iter().copied()))
            .expect("valid arguments")
    }

    #[test]
    fn flags_override_the_tempo_fields() {
        let cli = parse(&["4-0-1-0", "--lower", "5", "--pause-top", "1", "--lift", "x"]);
        let s = cli
            .session
            .choice()
            .expect("tempo")
            .layer
            .resolve(&Session::default())
            .expect("valid");
        assert_eq!(s.tempo.to_string(), "5-0-X-1");
        let cli = parse(&["--lift", "manual", "--reps", "6"]);
        let s = cli
            .session
            .choice()
            .expect("tempo")
            .layer
            .resolve(&Session::default())
            .expect("valid");
        assert!(s.tempo.lift == Lift::Manual);
        assert_eq!((s.reps, s.tempo.to_string()), (6, "3-0-P-0".to_string()));
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
            .choice()
            .expect("tempo")
            .layer
            .resolve(&base)
            .expect("valid");
        assert_eq!((s.reps, s.sets, s.rest_ms), (6, 4, 120_000));
    }

    #[test]
    fn a_zero_rep_is_refused_with_what_to_type() {
        let err = parse(&["0-0-1-0", "--lift", "0"])
            .session
            .choice()
            .expect("tempo")
            .layer
            .resolve(&Session::default())
            .expect_err("empty rep");
        assert!(err.contains("--lower 3"), "{err}");
    }

    #[test]
    fn a_bad_tempo_message_quotes_it_and_gives_a_tip() {
        let err = parse(&["4-0-1"]).session.choice().expect_err("bad");
        assert!(err.starts_with("\"4-0-1\" is not a tempo"), "{err}");
        assert!(err.contains("tip:"), "{err}");
    }

    #[test]
    fn cue_options_lay_over_a_base() {
        let base = Heard {
            volume: 80,
            voice: Voice::Full,
            count: Counting::Up,
            ticks: true,
        };
        let cues = |args: &[&str]| parse(args).run.cues.layer().over(base);
        assert_eq!(cues(&[]), base);
        assert_eq!(
            cues(&[
                "--volume",
                "30",
                "--no-voice",
                "--no-ticks",
                "--count",
                "down"
            ]),
            Heard {
                volume: 30,
                voice: Voice::Off,
                count: Counting::Down,
                ticks: false,
            }
        );
        assert_eq!(
            cues(&["--no-voice", "--voice", "counts"]).voice,
            Voice::Counts
        );
        assert_eq!(
            cues(&["--voice", "counts", "--no-voice"]).voice,
            Voice::Off,
            "the last one wins"
        );
        let quiet = Heard {
            voice: Voice::Off,
            ..base
        };
        let over = |args: &[&str]| parse(args).run.cues.layer().over(quiet).voice;
        assert_eq!(over(&["--voice", "full"]), Voice::Full);
        assert_eq!(over(&[]), Voice::Off);
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
                Some(CliCommand::Plan(p)) => &p.session,
                Some(CliCommand::Render(r)) => &r.session,
                Some(_) => continue,
            };
            let config = crate::program::config::Config::default();
            let choice = session.choice().unwrap_or_else(|e| panic!("{what}: {e}"));
            config
                .catalogue()
                .resolve(&choice, &config.defaults)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }

    #[test]
    fn a_session_s_command_line_becomes_a_plan_or_a_render_by_adding_the_word() {
        let session = [
            "4-0-1-0",
            "--no-voice",
            "--no-ticks",
            "--volume",
            "30",
            "--mute",
        ];
        let more = [
            "--plain",
            "--load",
            "80kg",
            "--note",
            "n",
            "--audio-latency",
            "10",
        ];
        for sub in [&["plan"][..], &["render", "-o", "x.wav"][..]] {
            let args: Vec<&str> = sub.iter().chain(&session).chain(&more).copied().collect();
            let cli = parse(&args);
            assert_eq!(cli.misplaced_options(), None, "{args:?}");
            assert!(cli.command.is_some(), "{args:?}");
        }
    }

    #[test]
    fn subcommands_and_a_tempo_do_not_mix_up() {
        let cli = parse(&["plan", "31X0", "--json"]);
        match cli.command {
            Some(CliCommand::Plan(p)) => {
                assert!(p.json);
                assert_eq!(p.session.tempo.as_deref(), Some("31X0"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_that_is_no_whole_number_says_what_to_give() {
        assert_eq!(REPS.whole::<u16>("8"), Ok(8));
        assert_eq!(VOLUME.whole::<u8>(" 0 "), Ok(0));
        assert_eq!(
            REPS.whole::<u16>("eight"),
            Err("\"eight\" is not a whole number: give one from 1 to 100".to_string())
        );
        assert_eq!(
            REPS.whole::<u16>("0"),
            Err("0 is not in 1..=100".to_string())
        );
        assert_eq!(
            REPS.whole::<u16>("2.5"),
            Err("\"2.5\" is not a whole number: give one from 1 to 100".to_string())
        );
        assert_eq!(
            REPS.whole::<u16>("99999999999999999999"),
            Err("99999999999999999999 is not in 1..=100".to_string())
        );
    }

    #[test]
    fn completion_offers_the_built_in_names_and_takes_any_other() {
        use crate::program::presets::{builtin_exercises, builtin_presets};
        let presets: Vec<String> = builtin_presets().into_iter().map(|p| p.name).collect();
        assert_eq!(presets, BUILTIN_PRESETS);
        // Completion offers the common exercises, each in the catalogue.
        let exercises: Vec<String> = builtin_exercises().into_iter().map(|e| e.name).collect();
        for name in BUILTIN_EXERCISES {
            assert!(exercises.iter().any(|e| e == name), "{name}");
        }
        // A preset or exercise of the config file, and seconds, still parse.
        let cli = parse(&["-p", "mine", "--exercise", "front-lever", "--lift", "1.5"]);
        assert_eq!(cli.session.preset.as_deref(), Some("mine"));
        assert_eq!(cli.session.exercise.as_deref(), Some("front-lever"));
        assert!(cli.session.lift.is_some());
        // The words are in the completion scripts, and not in the help.
        let mut script = Vec::new();
        crate::cli::manual::completions(Shell::Bash, &mut script);
        let script = String::from_utf8_lossy(&script);
        for words in [
            "slow four-one tut overload beyond-failure",
            "manual X",
            "squat bench",
        ] {
            assert!(script.contains(&format!("compgen -W \"{words}")), "{words}");
        }
        let help = <Cli as clap::CommandFactory>::command()
            .render_long_help()
            .to_string();
        assert!(!help.contains("possible values: slow"), "{help}");
    }

    #[test]
    fn every_option_s_help_and_value_name_come_from_the_table_of_settings() {
        use clap::CommandFactory;
        let cmd = Cli::command();
        let mut seen = 0;
        for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
            for arg in sub.get_arguments() {
                let Some(setting) = settings::ALL.iter().find(|s| {
                    s.option.is_some_and(|o| arg.get_long() == Some(o))
                        || (s.kind == settings::Kind::Tempo && arg.get_id() == "tempo")
                }) else {
                    continue;
                };
                seen += 1;
                let help = arg.get_help().map(ToString::to_string);
                assert_eq!(help, Some(setting.help_line()), "{}", setting.key);
                let names: Vec<&str> = arg
                    .get_value_names()
                    .unwrap_or_default()
                    .iter()
                    .map(|n| n.as_str())
                    .collect();
                assert_eq!(names, [setting.value_name], "{}", setting.key);
            }
        }
        // 16 options with a value on a session, on plan and on render, and
        // doctor's --audio-latency.
        assert_eq!(seen, 3 * 16 + 1);
    }
}
