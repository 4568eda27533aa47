//! The `repcadence` binary: parse the command line, run what it asks for,
//! and leave with the exit status that says how it went (0 done, 1 a
//! failure while running, 2 bad usage, 128 + N stopped by signal N).

use std::ffi::OsString;
use std::process::ExitCode;

use repcadence::app::files::start_debug_log;
use repcadence::cli;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let (parsed, color) = match cli::parse(&args) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let result = match &parsed.output.debug_log {
        Some(path) => start_debug_log(path),
        None => Ok(()),
    }
    .and_then(|()| cli::dispatch(parsed, color));
    cli::exit_status(result, color)
}
