//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, error::ErrorKind};

use repcadence::cli::{Cli, Command, ConfigAction, FileArgs, RunArgs};
use repcadence::config::{self, Config};
use repcadence::plain::{self, Outcome};
use repcadence::presets::Resolved;
use repcadence::report::{self, Plan};
use repcadence::shell;

/// A usage error: printed the way clap prints its own, exit status 2.
fn usage_error(message: &str) -> ! {
    Cli::command()
        .error(ErrorKind::ValueValidation, message)
        .exit()
}

/// An error the user can fix outside the command line (a bad config
/// file, a file in the way): `error: …` on stderr, exit status 2.
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(2)
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

/// The config file's path: `--config`, else the platform's.
fn config_path(files: &FileArgs) -> Option<PathBuf> {
    files.config.clone().or_else(config::default_path)
}

/// The config file's contents; a bad file ends the program with exit 2.
fn load_config(files: &FileArgs) -> Config {
    match config_path(files) {
        Some(path) => config::load(&path).unwrap_or_else(|e| fail(&e.to_string())),
        None => Config::default(),
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    if let Some(message) = cli.misplaced_options() {
        usage_error(&message);
    }
    let files = cli.files.clone();
    match cli.command {
        Some(Command::Plan(args)) => {
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&args.session, &config.defaults)
                .unwrap_or_else(|e| usage_error(&e));
            let session = &resolved.session;
            let mut plan = Plan::new(session, Instant::now());
            plan.preset = resolved.preset.clone();
            plan.exercise = resolved.exercise.clone();
            if args.json {
                let json = serde_json::to_string(&plan).map_err(io::Error::other)?;
                print(&format!("{json}\n"))?;
            } else {
                print(&report::table(session, &plan))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Presets) => {
            let config = load_config(&files);
            print(&report::presets_table(&config))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Exercises) => {
            let config = load_config(&files);
            print(&report::exercises_table(&config.catalogue()))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { action }) => {
            let Some(path) = config_path(&files) else {
                fail(
                    "this system has no home directory for a config file: give one with --config PATH",
                )
            };
            match action {
                ConfigAction::Path => {
                    print(&format!("{}\n", path.display()))?;
                    if !path.exists() {
                        eprintln!(
                            "(no file there yet: `repcadence config init` writes a commented example)"
                        );
                    }
                }
                ConfigAction::Init => match config::init(&path) {
                    Ok(()) => print(&format!(
                        "wrote an example config to {}: every key is commented\n",
                        path.display()
                    ))?,
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => fail(&format!(
                        "{} already exists and is left as it is: edit it, or move it away and run \
                         `repcadence config init` again",
                        path.display()
                    )),
                    Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
                },
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Log(_) | Command::Journal(_)) => {
            fail("the training log is not written yet in this build")
        }
        None => {
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&cli.session, &config.defaults)
                .unwrap_or_else(|e| usage_error(&e));
            run_session(resolved, &cli.run)
        }
    }
}

/// Runs a live session, one line per event.
fn run_session(resolved: Resolved, _run: &RunArgs) -> io::Result<ExitCode> {
    Ok(match plain::run(resolved.session)? {
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
