//! The options of `repcadence log`: the report, `undo` and `amend`, and
//! Strong's CSV out and in.

use super::*;

/// Options of `repcadence log`.
#[derive(Debug, Args, Clone)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    /// Correct or withdraw a set.
    #[command(subcommand)]
    pub action: Option<LogAction>,
    /// Print the sets as they now stand as CSV (header first), each
    /// correction in place of the row it corrects
    #[arg(long, conflicts_with_all = ["recent", "chart"])]
    pub csv: bool,
    /// With --csv: the file as it is, superseded rows and unreadable lines
    /// included
    #[arg(long, requires = "csv")]
    pub raw: bool,
    /// How many recent sets to list (1-1000)
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = |s: &str| RECENT.whole::<u16>(s))]
    pub recent: u16,
    /// Charts drawn with axes, plain columns of numbers, or charts only on a
    /// terminal
    #[arg(long, value_name = "HOW", default_value = "auto")]
    pub chart: Chart,
    /// Print the sets in another app's format: strong (Strong's CSV,
    /// which Hevy imports)
    #[arg(long, value_name = "FORMAT", conflicts_with_all = ["csv", "recent", "chart"])]
    pub export: Option<Exchange>,
    /// Bring in the sets of another app's export: strong FILE (a Strong
    /// CSV, or a Hevy one)
    #[arg(long, num_args = 2, value_names = ["FORMAT", "FILE"],
          conflicts_with_all = ["csv", "recent", "chart", "export"])]
    pub import: Option<Vec<String>>,
    /// With --import: the unit of weights in a file that does not say
    /// (Strong's older, comma-separated export)
    #[arg(long, value_name = "UNIT", requires = "import", default_value = "kg")]
    pub unit: WeightUnit,
}

/// Another app's format, for `log --export` and `log --import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Exchange {
    /// Strong's CSV (Hevy imports it; its own export is read too).
    Strong,
}

/// A unit of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightUnit {
    /// Kilograms.
    Kg,
    /// Pounds.
    Lb,
}

/// `repcadence log undo` and `repcadence log amend`.
#[derive(Debug, Subcommand, Clone)]
pub enum LogAction {
    /// Withdraw a set (the last one logged, or --set N): a row is added
    /// that withdraws it, and nothing is deleted.
    Undo {
        /// Which set.
        #[command(flatten)]
        which: WhichSet,
    },
    /// Correct a set's reps, load or note (the last one logged, or --set
    /// N): a row is added that supersedes it, and nothing is changed.
    Amend {
        /// Which set.
        #[command(flatten)]
        which: WhichSet,
        /// The reps done (1-300)
        #[arg(long, value_name = "N", value_parser = |s: &str| DONE_REPS.whole::<u16>(s))]
        reps: Option<u16>,
        /// The load: 80kg, 175lb, bw, bw+10kg, or -20kg when assisted
        #[arg(long, value_name = "LOAD", allow_hyphen_values = true,
              value_parser = |s: &str| load::parse(s).map(|_| s.trim().to_string()))]
        load: Option<String>,
        /// The note, in place of the one it has
        #[arg(long, value_name = "TEXT", value_hint = ValueHint::Other)]
        note: Option<String>,
    },
}

/// Which set `log undo` and `log amend` change.
#[derive(Debug, Args, Clone, Copy)]
pub struct WhichSet {
    /// The set, as the # column of `repcadence log` counts back from the
    /// last (1: the last)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = |s: &str| LOG_SET.whole::<u16>(s))]
    pub set: u16,
}

/// `repcadence log undo/amend --set`: a set counted back from the last.
const LOG_SET: Setting = Setting {
    key: "set",
    option: Some("set"),
    value_name: "N",
    kind: settings::Kind::Whole { lo: 1, hi: 100_000 },
    default: "1",
    help: "The set, counted back from the last",
    in_defaults: false,
};

/// `repcadence log amend --reps`: the reps done, up to the cap of an
/// open-ended set of the most `--reps` takes (three times it).
const DONE_REPS: Setting = Setting {
    key: "reps",
    option: Some("reps"),
    value_name: "N",
    kind: settings::Kind::Whole {
        lo: 1,
        hi: settings::MAX_DONE_REPS as i64,
    },
    default: "",
    help: "The reps done",
    in_defaults: false,
};
