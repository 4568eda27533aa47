//! Where the files are and reading them: the config file, the training
//! log and the journal, the debug log.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::app::Error;
use crate::program::config::{self, Config, ConfigError};
use crate::training::store::{self, JournalEntry, LOG_FILE, Row};

/// Where the config file and the training log are, as the command line
/// says.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// `--config`: the config file, instead of the platform's.
    pub config: Option<PathBuf>,
    /// `--log`: the training log, instead of the platform's.
    pub log: Option<PathBuf>,
    /// `--no-log`: write nothing to the training log this time.
    pub no_log: bool,
}

/// The platform's directories for this program (XDG on Linux), or `None`
/// without a home directory.
fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "repcadence")
}

impl Files {
    /// The config file's path: `--config`, else the platform's
    /// (`~/.config/repcadence/config.toml` on Linux).
    pub fn config_path(&self) -> Option<PathBuf> {
        self.config
            .clone()
            .or_else(|| dirs().map(|d| d.config_dir().join(config::FILE_NAME)))
    }

    /// The training log's path: `--log`, else the platform's
    /// (`~/.local/share/repcadence/training-log.csv` on Linux).
    pub fn log_path(&self) -> Option<PathBuf> {
        self.log
            .clone()
            .or_else(|| dirs().map(|d| d.data_dir().join(LOG_FILE)))
    }

    /// The training log's path, or an error that says how to give one.
    pub fn require_log_path(&self) -> Result<PathBuf, Error> {
        self.log_path().ok_or_else(|| {
            Error::Refused(
                "this system has no home directory for the training log\n\n  \
                 tip: give one with --log PATH"
                    .to_string(),
            )
        })
    }

    /// The config file's contents; a bad file is refused (exit 2), one
    /// that cannot be read is a failure (exit 1).
    pub fn load_config(&self) -> Result<Config, Error> {
        match self.config_path() {
            Some(path) => load(&path).map_err(|e| match e {
                ConfigError::Read { .. } => Error::Failed(e.to_string()),
                ConfigError::Invalid { .. } => Error::Refused(e.to_string()),
            }),
            None => Ok(Config::default()),
        }
    }
}

/// Reads and parses the config file at `path`; a missing file gives the
/// built-in defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match fs::read(path) {
        Ok(bytes) => config::parse_bytes(&bytes, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Writes the commented example config to `path`, creating its
/// directory; an existing file is never overwritten.
pub fn init_config(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut file, config::example().as_bytes())
}

/// How lines that could not be read are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warn {
    /// One warning per line, naming it.
    EachLine,
    /// One warning saying how many (the log is read in passing).
    Count,
}

/// Reads the training log, warning on stderr about lines skipped.
pub fn read_log(path: &Path, warn: Warn) -> Vec<Row> {
    match store::read(path) {
        Ok((rows, skipped)) => {
            if warn == Warn::EachLine {
                warn_skipped(path, &skipped);
            } else if !skipped.is_empty() {
                eprintln!(
                    "warning: {}: {} line(s) could not be read and were skipped \
                     (`repcadence log` names them)",
                    path.display(),
                    skipped.len()
                );
            }
            rows
        }
        Err(e) => {
            eprintln!(
                "warning: cannot read the training log {}: {e}",
                path.display()
            );
            Vec::new()
        }
    }
}

/// Reads the journal beside the training log at `log`, warning on stderr
/// about each line skipped.
pub fn read_journal(log: &Path) -> Vec<JournalEntry> {
    let path = store::journal_path(log);
    match store::read_journal(&path) {
        Ok((entries, skipped)) => {
            warn_skipped(&path, &skipped);
            entries
        }
        Err(e) => {
            eprintln!("warning: cannot read the journal {}: {e}", path.display());
            Vec::new()
        }
    }
}

fn warn_skipped(path: &Path, skipped: &[store::Skipped]) {
    for s in skipped {
        eprintln!(
            "warning: {}: line {} skipped ({}); the file is left as it is",
            path.display(),
            s.line,
            s.reason
        );
    }
}

/// The debug log's file, which remembers the first write that failed
/// (the logger itself drops write errors).
struct DebugFile {
    file: fs::File,
    failed: Arc<Mutex<Option<String>>>,
}

impl DebugFile {
    fn note(&self, result: io::Result<()>) -> io::Result<()> {
        if let Err(e) = &result {
            let mut failed = self.failed.lock().unwrap_or_else(PoisonError::into_inner);
            failed.get_or_insert_with(|| crate::app::reason(e));
        }
        result
    }
}

impl Write for DebugFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.file.write(buf);
        match result {
            Ok(n) => Ok(n),
            Err(e) => self.note(Err(e)).map(|()| 0),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.file.flush();
        self.note(result)
    }
}

/// The `RUST_LOG` filter to use, and what was wrong with the one given, if
/// it was not a filter (it is then left out, and everything from debug on
/// logged): checked here, since env_logger would complain on stderr.
pub fn log_filter(rust_log: Option<&OsStr>) -> (String, Option<String>) {
    const DEFAULT: &str = "debug";
    let Some(given) = rust_log else {
        return (DEFAULT.to_string(), None);
    };
    let problem = match given.to_str() {
        None => "it is not UTF-8".to_string(),
        Some(text) => match env_filter::Builder::new().try_parse(text) {
            Ok(_) => return (text.to_string(), None),
            Err(e) => e.to_string(),
        },
    };
    let shown = given.to_string_lossy();
    let note = format!("RUST_LOG={shown:?} was ignored ({problem}): logging from {DEFAULT} on");
    (DEFAULT.to_string(), Some(note))
}

/// Sends `log` records to the file at `path` (appended), filtered by
/// `RUST_LOG` (default: debug). Nothing else ever sets a logger, so
/// without `--debug-log` nothing is logged anywhere. The start line is
/// written and flushed at once: a debug log that cannot be written is an
/// error now, not a silence later. A bad `RUST_LOG` is noted in the debug
/// log, never on the screen.
pub fn start_debug_log(path: &Path) -> Result<(), Error> {
    let failed_to = |e: &dyn std::fmt::Display| {
        Error::Failed(format!(
            "cannot write the debug log {}: {e}",
            path.display()
        ))
    };
    let file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::Failed(format!("cannot open the debug log {}: {e}", path.display())))?;
    let failed = Arc::new(Mutex::new(None));
    let pipe = DebugFile {
        file,
        failed: Arc::clone(&failed),
    };
    let (filter, problem) = log_filter(std::env::var_os("RUST_LOG").as_deref());
    env_logger::Builder::new()
        .parse_filters(&filter)
        .target(env_logger::Target::Pipe(Box::new(pipe)))
        .write_style(env_logger::WriteStyle::Never)
        .format_timestamp_millis()
        .try_init()
        .map_err(|e| failed_to(&e))?;
    log::info!(
        target: "repcadence",
        "repcadence {} started: {:?}",
        env!("CARGO_PKG_VERSION"),
        std::env::args().collect::<Vec<_>>()
    );
    if let Some(problem) = problem {
        log::warn!(target: "repcadence", "{problem}");
    }
    log::logger().flush();
    let failed = failed.lock().unwrap_or_else(PoisonError::into_inner).take();
    match failed {
        Some(reason) => Err(failed_to(&reason)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::config::example;

    #[test]
    fn a_bad_rust_log_is_noted_and_left_out() {
        assert_eq!(log_filter(None), ("debug".to_string(), None));
        let good = OsStr::new("repcadence=trace,warn");
        assert_eq!(
            log_filter(Some(good)),
            (good.to_string_lossy().into(), None)
        );
        let (filter, note) = log_filter(Some(OsStr::new("repcadence=nope")));
        assert_eq!(filter, "debug");
        let note = note.expect("a note");
        assert!(
            note.starts_with("RUST_LOG=\"repcadence=nope\" was ignored (")
                && note.ends_with("): logging from debug on"),
            "{note}"
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
        init_config(&path).expect("first");
        assert_eq!(
            fs::read_to_string(&path).ok().as_deref(),
            Some(example().as_str())
        );
        let second = init_config(&path).expect_err("second");
        assert_eq!(second.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn a_file_of_bytes_that_are_not_utf8_is_placed_like_any_fault() {
        let bytes = b"[defaults]\nreps = 8 # caf\xe9\n";
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
