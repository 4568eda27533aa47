//! Where the files are and reading them: the config file, the training
//! log and the journal, the debug log.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::app::Error;
use crate::program::config::{self, Config, ConfigError};
use crate::program::presets::{Catalogue, normalise};
use crate::program::workouts::WorkoutSpec;
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

/// The workout in the file `name`, when `name` is a file's path (it ends
/// in `.toml` or names a directory); `None` when it is a workout's name.
/// Its name is the file's stem.
pub fn workout_file(name: &str, catalogue: &Catalogue) -> Result<Option<WorkoutSpec>, Error> {
    let path = Path::new(name);
    let is_file = name.to_ascii_lowercase().ends_with(".toml")
        || name.contains('/')
        || name.contains(std::path::MAIN_SEPARATOR);
    if !is_file {
        return Ok(None);
    }
    let refuse = |why: String| {
        Error::Refused(format!(
            "cannot read the workout file {name}: {why}\n\n  tip: `repcadence workouts` lists \
             the workouts by name; a file of your own holds description = \"…\" and \
             [[blocks]] tables (see the README)"
        ))
    };
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(refuse("it is not a regular file".into())),
        Err(e) => return Err(refuse(e.to_string())),
        Ok(_) => {}
    }
    let bytes = fs::read(path).map_err(|e| refuse(e.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse("it is not UTF-8 text: save it as UTF-8 (plain text)".into()))?;
    let stem = path
        .file_stem()
        .map(|s| normalise(&s.to_string_lossy()))
        .unwrap_or_default();
    config::parse_workout(&text, path, &stem, catalogue)
        .map(Some)
        .map_err(|e| Error::Refused(e.to_string()))
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

/// Sends `log` records to the file at `path` (appended), filtered by
/// `RUST_LOG` (default: debug). Nothing else ever sets a logger, so
/// without `--debug-log` nothing is logged anywhere.
pub fn start_debug_log(path: &Path) -> Result<(), Error> {
    let file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::Failed(format!("cannot open the debug log {}: {e}", path.display())))?;
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| "debug".to_string());
    env_logger::Builder::new()
        .parse_filters(&filter)
        .target(env_logger::Target::Pipe(Box::new(file)))
        .write_style(env_logger::WriteStyle::Never)
        .format_timestamp_millis()
        .init();
    log::info!(
        target: "repcadence",
        "repcadence {} started: {:?}",
        env!("CARGO_PKG_VERSION"),
        std::env::args().collect::<Vec<_>>()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::config::example;

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
