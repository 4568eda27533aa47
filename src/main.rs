//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, error::ErrorKind};

use repcadence::cli::{Cli, Command, RunArgs};
use repcadence::plain::{self, Outcome};
use repcadence::plan::Session;
use repcadence::report::{self, Plan};
use repcadence::shell;

/// A usage error: printed the way clap prints its own, exit status 2.
fn usage_error(message: &str) -> ! {
    Cli::command()
        .error(ErrorKind::ValueValidation, message)
        .exit()
}

/// Prints `text` to stdout; a reader that went away (`| head -1`) is not
/// an error.
fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Some(Command::Plan(args)) => {
            let session = args
                .session
                .resolve(&Session::default())
                .unwrap_or_else(|e| usage_error(&e));
            let plan = Plan::new(&session, Instant::now());
            if args.json {
                let json = serde_json::to_string(&plan).map_err(io::Error::other)?;
                print(&format!("{json}\n"))?;
            } else {
                print(&report::table(&session, &plan))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let session = cli
                .session
                .resolve(&Session::default())
                .unwrap_or_else(|e| usage_error(&e));
            run_session(session, &cli.run)
        }
    }
}

/// Runs a live session, one line per event.
fn run_session(session: Session, _run: &RunArgs) -> io::Result<ExitCode> {
    Ok(match plain::run(session)? {
        Outcome::Done | Outcome::OutputClosed => ExitCode::SUCCESS,
        Outcome::Stopped(signal) => ExitCode::from(shell::signal_status(signal)),
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
