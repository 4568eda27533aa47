//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, error::ErrorKind};

use repcadence::cli::{Cli, Command, RunArgs};
use repcadence::plain::{self, Outcome};
use repcadence::plan::Session;
use repcadence::report::{self, Plan};
use repcadence::shell;
use repcadence::tui;

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

/// Runs a live session: full-screen when stdout and stdin are terminals,
/// otherwise (or with `--plain`) one line per event.
fn run_session(session: Session, run: &RunArgs) -> io::Result<ExitCode> {
    if !run.plain && io::stdout().is_terminal() {
        if io::stdin().is_terminal() {
            return run_full_screen(session);
        }
        eprintln!(
            "repcadence: standard input is not a terminal, so keys cannot be read: \
             running --plain (pass --plain to say so and skip this note)"
        );
    }
    Ok(match plain::run(session)? {
        Outcome::Done | Outcome::OutputClosed => ExitCode::SUCCESS,
        Outcome::Stopped(signal) => ExitCode::from(shell::signal_status(signal)),
    })
}

/// Whether colours are allowed: <https://no-color.org>, any non-empty
/// `NO_COLOR` turns them off.
fn colours_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The full-screen view; the summary is printed once the terminal is back.
fn run_full_screen(session: Session) -> io::Result<ExitCode> {
    let options = tui::Options {
        color: colours_allowed(),
        ..tui::Options::default()
    };
    Ok(match tui::run(session, options)? {
        tui::Outcome::Done(summary) | tui::Outcome::Quit(summary) => {
            print(&plain::summary_text(&summary))?;
            ExitCode::SUCCESS
        }
        tui::Outcome::Stopped(signal, summary) => {
            // The terminal may be gone (SIGHUP): the exit status still says why.
            let _ = print(&format!("stopped: {}", plain::summary_text(&summary)));
            ExitCode::from(shell::signal_status(signal))
        }
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
