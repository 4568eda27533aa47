//! The use cases and the loops that run them: a live session in `--plain`
//! ([`plain`]) or full screen ([`tui`]), `plan`, `render`, the log and the
//! journal ([`commands`]), the sound path's test ([`doctor`]), and what
//! they share: the files ([`files`]),
//! the training log's writer thread ([`log_thread`]),
//! signals, keys and lines ([`inbox`]), colour ([`term`]). The only room
//! that reads the clock or touches the terminal.
//!
//! A use case returns how it [`Ended`] or an [`Error`]; the command line
//! turns either into an exit status.

pub mod commands;
pub mod doctor;
pub mod files;
pub mod inbox;
pub mod live;
pub mod log_thread;
pub mod logbook;
pub mod plain;
pub mod session;
pub mod term;
pub mod tui;

use std::io::{self, Write};

/// How a use case that ran to its end ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It did what was asked.
    Done,
    /// Signal N stopped it (exit status 128 + N).
    Signal(i32),
    /// It ran to its end, but sets did not reach the training log (said
    /// on stderr as it happened): exit 1.
    LogNotWritten,
}

/// Why a use case could not go on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage of the command line, shown with the usage line of
    /// `command` (a subcommand's name, or `None` for a session): exit 2.
    #[error("{message}")]
    Usage {
        /// The subcommand whose usage line to show.
        command: Option<&'static str>,
        /// What was wrong and what to type instead.
        message: String,
    },
    /// Bad usage outside the command line (a bad config file, a file in
    /// the way, no home directory): exit 2.
    #[error("{0}")]
    Refused(String),
    /// A failure while running (a file that cannot be written, input
    /// that ended): exit 1.
    #[error("{0}")]
    Failed(String),
    /// Output that could not be written: exit 1.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Error {
    /// A usage error of subcommand `command`.
    pub fn usage(command: Option<&'static str>, message: impl Into<String>) -> Error {
        Error::Usage {
            command,
            message: message.into(),
        }
    }
}

/// Prints `text` to stdout; a reader that went away (`| head -1`) is not
/// an error. Any other failure says that it was standard output.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(stdout_error(&e)),
        _ => Ok(()),
    }
}

/// What an I/O error says, without the "(os error N)" that follows the
/// system's words: "No space left on device".
pub fn reason(e: &io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&text)
            .to_string(),
        None => text,
    }
}

/// `e`, a failed write to stdout, saying so: "cannot write to standard
/// output: No space left on device".
pub(crate) fn stdout_error(e: &io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write to standard output: {}", reason(e)),
    )
}
