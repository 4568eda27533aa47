//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, error::ErrorKind};

use std::io::IsTerminal;
use std::path::Path;

use repcadence::cli::{Chart, Cli, Command, ConfigAction, FileArgs, JournalArgs, LogArgs, RunArgs};
use repcadence::coach;
use repcadence::config::{self, Config};
use repcadence::history::{self, Style};
use repcadence::live::Setup;
use repcadence::log::{self, JournalEntry, SessionInfo, When};
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
        Some(Command::Log(args)) => show_log(&log_path(&files), &args),
        Some(Command::Journal(args)) => journal(&log_path(&files), &args),
        None => {
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&cli.session, &config.defaults)
                .unwrap_or_else(|e| usage_error(&e));
            run_session(resolved, &cli.run, &files)
        }
    }
}

/// The training log's path: `--log`, else the platform's data dir.
fn log_path(files: &FileArgs) -> PathBuf {
    files
        .log
        .clone()
        .or_else(log::default_path)
        .unwrap_or_else(|| {
            fail("this system has no home directory for the training log: give one with --log PATH")
        })
}

/// Reads the training log, warning on stderr about each line skipped.
fn read_log(path: &Path, warn: bool) -> Vec<log::Row> {
    match log::read(path) {
        Ok((rows, skipped)) => {
            if warn {
                for s in &skipped {
                    eprintln!(
                        "warning: {}: line {} skipped ({}); the file is left as it is",
                        path.display(),
                        s.line,
                        s.reason
                    );
                }
            } else if !skipped.is_empty() {
                eprintln!(
                    "warning: {}: {} line(s) could not be read and were skipped                      (`repcadence log` names them)",
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

/// `repcadence log`.
fn show_log(path: &Path, args: &LogArgs) -> io::Result<ExitCode> {
    if args.csv {
        let rows = read_log(path, true);
        let mut text = format!("{}\n", log::HEADER);
        for r in &rows {
            text.push_str(&r.to_line());
            text.push('\n');
        }
        print(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = read_log(path, true);
    let journal_path = log::journal_path(path);
    let journal = match log::read_journal(&journal_path) {
        Ok((entries, skipped)) => {
            for s in &skipped {
                eprintln!(
                    "warning: {}: line {} skipped ({}); the file is left as it is",
                    journal_path.display(),
                    s.line,
                    s.reason
                );
            }
            entries
        }
        Err(e) => {
            eprintln!(
                "warning: cannot read the journal {}: {e}",
                journal_path.display()
            );
            Vec::new()
        }
    };
    let style = match args.chart {
        Chart::Bars => Style::Bars,
        Chart::Columns => Style::Columns,
        Chart::Auto if io::stdout().is_terminal() => Style::Bars,
        Chart::Auto => Style::Columns,
    };
    let text = history::render(
        &rows,
        &journal,
        jiff::Timestamp::now(),
        usize::from(args.recent),
        style,
    );
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `repcadence journal`.
fn journal(log_path: &Path, args: &JournalArgs) -> io::Result<ExitCode> {
    let path = log::journal_path(log_path);
    let entry = JournalEntry {
        when: When::from_zoned(&jiff::Zoned::now()),
        soreness: args.soreness,
        sleep: args.sleep,
        note: args.note.clone().unwrap_or_default(),
    };
    match log::append(&path, log::JOURNAL_HEADER, &entry.to_line()) {
        Ok(()) => print(&format!(
            "noted in {}: soreness {}/5, sleep {}/5\n",
            path.display(),
            entry.soreness,
            entry.sleep
        ))?,
        Err(e) => fail(&format!(
            "cannot write the journal {}: {e} (give another place with --log DIR/training-log.csv)",
            path.display()
        )),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a live session, one line per event.
fn run_session(resolved: Resolved, run: &RunArgs, files: &FileArgs) -> io::Result<ExitCode> {
    let path = files.log.clone().or_else(log::default_path);
    let exercise = resolved.exercise.clone().unwrap_or_default();
    let notices = path
        .as_deref()
        .map(|p| read_log(p, false))
        .and_then(|rows| coach::opening_line(&rows, &exercise, jiff::Timestamp::now()))
        .into_iter()
        .collect();
    let setup = Setup {
        info: SessionInfo {
            exercise: resolved.exercise,
            preset: resolved.preset,
            load: run.load.clone(),
            note: run.note.clone(),
        },
        log: if files.no_log { None } else { path },
        notices,
    };
    Ok(match plain::run(resolved.session, setup)? {
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
