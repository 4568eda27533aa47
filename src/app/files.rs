//! Where the files are and reading them: the config file, the training
//! log and the journal, the debug log.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

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
    pub(crate) fn config_path(&self) -> Option<PathBuf> {
        self.config
            .clone()
            .or_else(|| dirs().map(|d| d.config_dir().join(config::FILE_NAME)))
    }

    /// The training log's path: `--log`, else the platform's
    /// (`~/.local/share/repcadence/training-log.csv` on Linux).
    pub(crate) fn log_path(&self) -> Option<PathBuf> {
        self.log
            .clone()
            .or_else(|| dirs().map(|d| d.data_dir().join(LOG_FILE)))
    }

    /// The training log's path, or an error that says how to give one.
    /// A path that is there but is not a regular file (a directory, a
    /// FIFO, a device) is refused: see [`regular_or_missing`].
    pub(crate) fn require_log_path(&self) -> Result<PathBuf, Error> {
        self.checked_log_path()?.ok_or_else(|| {
            Error::Refused(
                "this system has no home directory for the training log\n\n  \
                 tip: give one with --log PATH"
                    .to_string(),
            )
        })
    }

    /// The training log's path (`None` without a home directory), refused
    /// if it is there but is not a regular file.
    pub(crate) fn checked_log_path(&self) -> Result<Option<PathBuf>, Error> {
        let Some(path) = self.log_path() else {
            return Ok(None);
        };
        let what = if self.log.is_some() {
            "--log"
        } else {
            "the training log"
        };
        regular_or_missing(&path, what, "--log")?;
        regular_or_missing(&store::journal_path(&path), "the journal", "--log")?;
        Ok(Some(path))
    }

    /// The config file's contents; a bad file is refused (exit 2), one
    /// that cannot be read is a failure (exit 1). The platform's file may
    /// be missing (the built-in defaults), a file named with `--config`
    /// may not; neither may be anything but a regular file.
    pub(crate) fn load_config(&self) -> Result<Config, Error> {
        let Some(path) = self.config_path() else {
            return Ok(Config::default());
        };
        let what = if self.config.is_some() {
            "--config"
        } else {
            "the config file"
        };
        regular_or_missing(&path, what, "--config")?;
        let missing = matches!(fs::metadata(&path), Err(e) if e.kind() == io::ErrorKind::NotFound);
        if self.config.is_some() && missing {
            return Err(Error::Refused(format!(
                "the config file {} (given with --config) does not exist\n\n  \
                 tip: `repcadence config init --config {}` writes a commented example \
                 there, or leave out --config to read the usual one",
                path.display(),
                path.display()
            )));
        }
        load(&path).map_err(|e| match e {
            ConfigError::Read { .. } => Error::Failed(e.to_string()),
            ConfigError::Invalid { .. } => Error::Refused(e.to_string()),
        })
    }
}

/// Refuses `path` if it is there but is not a regular file (exit 2): a
/// directory, a FIFO (opening one waits for a writer or a reader, so a
/// session would hang on it), a device or a socket. It is only looked
/// at (metadata), never opened. `what` names it in the message (`--log`,
/// `the journal`), `option` is the option that gives another.
pub(crate) fn regular_or_missing(path: &Path, what: &str, option: &str) -> Result<(), Error> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        // Missing (it will be created), or not there to look at: reading
        // or writing it says what is wrong.
        Err(_) => return Ok(()),
    };
    if meta.is_file() {
        return Ok(());
    }
    let name = if option == "--config" {
        config::FILE_NAME
    } else {
        LOG_FILE
    };
    let example = if meta.is_dir() {
        path.join(name).display().to_string()
    } else {
        format!("~/{name}")
    };
    Err(Error::Refused(format!(
        "{what} {} is {}, not a regular file\n\n  tip: give a file with {option}, e.g. {option} {example}",
        path.display(),
        kind_of(&meta)
    )))
}

/// What a path that is not a regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO), which waits for another program when opened";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "a special file"
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
pub(crate) fn init_config(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut file, config::example().as_bytes())
}

impl Files {
    /// The files a workout's bare name may stand for, in the order they
    /// are looked for: `NAME.toml` in the current directory, then in the
    /// config directory's `workouts/` folder; those that are there.
    pub(crate) fn workout_files(&self, name: &str) -> Vec<PathBuf> {
        let file = format!("{name}.toml");
        let mut places = vec![PathBuf::from(&file)];
        if let Some(dir) = self.config_path().as_deref().and_then(Path::parent) {
            places.push(dir.join("workouts").join(&file));
        }
        places.into_iter().filter(|p| p.is_file()).collect()
    }
}

/// The workout in the file `name`, when `name` is a file's path (it ends
/// in `.toml` or names a directory); `None` when it is a workout's name.
/// Its name is the file's stem.
pub(crate) fn workout_file(
    name: &str,
    catalogue: &Catalogue,
) -> Result<Option<WorkoutSpec>, Error> {
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

/// Reads the whole training log, warning on stderr about each line
/// skipped.
pub(crate) fn read_log(path: &Path) -> Vec<Row> {
    match store::read(path) {
        Ok((rows, skipped)) => {
            warn_skipped(path, &skipped);
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

/// Reads the rows of the training log from `since` on (from the file's
/// end: see [`store::read_since`]), warning on stderr with the number of
/// lines among them that could not be read.
pub(crate) fn read_log_since(path: &Path, since: jiff::Timestamp) -> Vec<Row> {
    match store::read_since(path, since) {
        Ok(recent) => {
            if recent.skipped > 0 {
                eprintln!(
                    "warning: {}: {} recent line(s) could not be read and were skipped \
                     (`repcadence log` names them)",
                    path.display(),
                    recent.skipped
                );
            }
            recent.rows
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
pub(crate) fn read_journal(log: &Path) -> Vec<JournalEntry> {
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

/// The journal entries beside the training log at `log` from `since` on,
/// read from the journal's end (bounded); a journal that cannot be read
/// gives none, with a warning on stderr.
pub(crate) fn read_journal_since(log: &Path, since: jiff::Timestamp) -> Vec<JournalEntry> {
    let path = store::journal_path(log);
    store::read_journal_since(&path, since).unwrap_or_else(|e| {
        eprintln!("warning: cannot read the journal {}: {e}", path.display());
        Vec::new()
    })
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
pub(crate) fn log_filter(rust_log: Option<&OsStr>) -> (String, Option<String>) {
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
    fn a_config_named_with_config_must_be_there_the_usual_one_need_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("none.toml");
        let files = Files {
            config: Some(missing.clone()),
            ..Files::default()
        };
        match files.load_config() {
            Err(Error::Refused(m)) => {
                assert!(m.contains(&missing.display().to_string()), "{m}");
                assert!(m.contains("does not exist"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_is_not_a_regular_file_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let shown = dir.path().display().to_string();
        match regular_or_missing(dir.path(), "--log", "--log") {
            Err(Error::Refused(m)) => {
                assert!(
                    m.starts_with(&format!("--log {shown} is a directory")),
                    "{m}"
                );
                assert!(m.contains(&format!("--log {shown}/{LOG_FILE}")), "{m}");
            }
            other => panic!("{other:?}"),
        }
        let file = dir.path().join("log.csv");
        assert!(
            regular_or_missing(&file, "--log", "--log").is_ok(),
            "missing"
        );
        fs::write(&file, "").expect("write");
        assert!(
            regular_or_missing(&file, "--log", "--log").is_ok(),
            "a file"
        );
        // As the log, a directory refuses every use case that reads or
        // writes it, and the journal beside it is never written.
        let files = Files {
            log: Some(dir.path().to_path_buf()),
            ..Files::default()
        };
        assert!(matches!(files.require_log_path(), Err(Error::Refused(_))));
        assert!(matches!(files.checked_log_path(), Err(Error::Refused(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_as_the_log_and_as_the_config() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("f.csv");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let files = Files {
            log: Some(fifo.clone()),
            config: Some(fifo.clone()),
            no_log: false,
        };
        for result in [
            files.checked_log_path().map(|_| ()),
            files.load_config().map(|_| ()),
        ] {
            match result {
                Err(Error::Refused(m)) => assert!(m.contains("named pipe (FIFO)"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
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
