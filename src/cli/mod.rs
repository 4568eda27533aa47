//! The command line: clap's definitions ([`args`]), its errors with the
//! program's tips ([`explain`]), the man page and completions
//! ([`manual`]), and the one place that turns a parsed command line into
//! a use case ([`dispatch`]) and its end into an exit status
//! ([`exit_status`]).

pub mod args;
pub mod explain;
pub mod manual;

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{ColorChoice, CommandFactory, FromArgMatches};

use crate::app::files::Files;
use crate::app::{self, Ended, Error, commands, doctor, inbox, session, term};
use args::{Cli, CliCommand};

/// Exit status of a failure while running (a file that cannot be written).
const FAILURE: u8 = 1;
/// Exit status of bad usage: the command line or the config file.
const USAGE: u8 = 2;

/// The clap definition, coloured as `color` says.
pub fn command(color: ColorChoice) -> clap::Command {
    Cli::command().color(color)
}

/// The command line `args` (program name first), parsed; `--help`,
/// `--version` and bad usage as clap prints them, with the exit status
/// to leave with.
pub fn parse(args: &[OsString]) -> Result<(Cli, ColorChoice), ExitCode> {
    let color = term::color_in_args(args.iter().skip(1)).unwrap_or(ColorChoice::Auto);
    let help_help = help_asked_of_help(args);
    let args = help_help.as_deref().unwrap_or(args);
    let give_up = |e: clap::Error| match e.print() {
        // Help or the version that could not be written is no success (a
        // reader that went away, `| head -1`, had what it wanted).
        Err(io) if !e.use_stderr() && io.kind() != std::io::ErrorKind::BrokenPipe => {
            print_error(&app::stdout_error(&io).to_string(), color);
            ExitCode::from(FAILURE)
        }
        _ => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(USAGE)),
    };
    let matches = command(color)
        .try_get_matches_from(args)
        .map_err(|e| give_up(explain::explain(e, &command(color), args)))?;
    let cli =
        Cli::from_arg_matches(&matches).map_err(|e| give_up(e.format(&mut command(color))))?;
    Ok((cli, color))
}

/// The options before a subcommand that take a value (they are global).
const GLOBAL_WITH_VALUE: [&str; 4] = ["--color", "--config", "--log", "--debug-log"];

/// `help --help` (or `-h`, or `help plan --help`): clap takes the flag
/// for the name of a subcommand to explain, and fails. Help asked of
/// `help` is the help of what it names, as `help` gives it: the command
/// line without the flag (`help` alone names itself). `None` for any
/// other command line.
fn help_asked_of_help(args: &[OsString]) -> Option<Vec<OsString>> {
    let mut at = None;
    let mut words = args.iter().enumerate().skip(1);
    while let Some((i, arg)) = words.next() {
        let arg = arg.to_str()?;
        if GLOBAL_WITH_VALUE.contains(&arg) {
            words.next();
        } else if arg == "--" || !arg.starts_with('-') {
            at = (arg == "help").then_some(i);
            break;
        }
    }
    let at = at?;
    let flag = |a: &OsString| a == "--help" || a == "-h";
    if !args[at + 1..].iter().any(flag) {
        return None;
    }
    let mut kept: Vec<OsString> = args.iter().filter(|a| !flag(a)).cloned().collect();
    if kept.len() == at + 1 {
        kept.push("help".into());
    }
    Some(kept)
}

/// Runs the use case `cli` asks for.
pub fn dispatch(cli: Cli, color: ColorChoice) -> Result<Ended, Error> {
    if let Some(message) = cli.misplaced_options() {
        return Err(Error::usage(None, message));
    }
    let files = Files {
        config: cli.files.config.clone(),
        log: cli.files.log.clone(),
        no_log: cli.files.no_log,
    };
    // A tempo that reads like sets × reps, reps to failure or an exercise
    // says so, whichever command it was given to.
    let catalogue = crate::program::presets::Catalogue::new(Vec::new(), Vec::new());
    let exercise = |name: &str| catalogue.exercise(name).is_ok();
    let meant = |s: &args::SessionArgs| {
        s.tempo
            .as_deref()
            .and_then(|t| explain::meant_for_a_tempo(t, exercise))
    };
    let choice = |s: &args::SessionArgs, command| {
        s.choice()
            .map_err(|e| Error::usage(command, meant(s).unwrap_or(e)))
    };
    match cli.command {
        Some(CliCommand::Plan(a)) => commands::plan(
            &choice(&a.session, Some("plan"))?,
            a.session.workout().as_ref(),
            a.json,
            &files,
        ),
        Some(CliCommand::Render(a)) => {
            let mut request = a.request(choice(&a.session, Some("render"))?);
            request.workout = a.session.workout();
            commands::render(&request, &files)
        }
        Some(CliCommand::Workouts { action: None }) => commands::workouts(&files),
        Some(CliCommand::Workouts {
            action: Some(args::WorkoutsAction::Show { name }),
        }) => commands::workout_show(&name, &files),
        Some(CliCommand::Presets) => commands::presets(&files),
        Some(CliCommand::Exercises { filter }) => {
            commands::exercises(filter.as_deref().unwrap_or(""), &files)
        }
        Some(CliCommand::Config { action }) => commands::config(action.action(), &files),
        Some(CliCommand::Log(a)) => match a.request(cli.output.color) {
            Ok(request) => crate::app::logbook::log(request, &files),
            Err(e) => Err(app::Error::usage(Some("log"), e)),
        },
        Some(CliCommand::Journal(a)) => commands::journal(&a.request(), &files),
        Some(CliCommand::Doctor(a)) => doctor::doctor(a.audio_latency, &files),
        Some(CliCommand::Completions { shell }) => {
            let mut text = Vec::new();
            manual::completions(shell, &mut text);
            app::print(&String::from_utf8_lossy(&text))?;
            Ok(Ended::Done)
        }
        Some(CliCommand::Man) => {
            let mut text = Vec::new();
            manual::man_page(&mut text)?;
            app::print(&String::from_utf8_lossy(&text))?;
            Ok(Ended::Done)
        }
        None => {
            if let Some(message) = meant(&cli.session).or_else(|| {
                cli.session
                    .tempo
                    .as_deref()
                    .and_then(explain::word_for_a_tempo)
            }) {
                return Err(Error::usage(None, message));
            }
            let mut request = cli.run.request(choice(&cli.session, None)?, color);
            request.workout = cli.session.workout();
            session::run(&request, &files)
        }
    }
}

/// The exit status for how a use case ended, with its error printed on
/// stderr: a usage error the way clap prints its own (with the usage line
/// of its subcommand), any other as `error: …`.
pub fn exit_status(result: Result<Ended, Error>, color: ColorChoice) -> ExitCode {
    let error = match result {
        Ok(Ended::Done) => return ExitCode::SUCCESS,
        Ok(Ended::Signal(signal)) => return ExitCode::from(inbox::signal_status(signal)),
        Ok(Ended::LogNotWritten) => return ExitCode::FAILURE,
        Err(e) => e,
    };
    log::error!("{error}");
    match error {
        Error::Usage {
            command: name,
            message,
        } => {
            let mut cmd = command(color);
            cmd.build();
            let err = match name.and_then(|n| cmd.find_subcommand_mut(n)) {
                Some(sub) => sub.error(ErrorKind::ValueValidation, message),
                None => cmd.error(ErrorKind::ValueValidation, message),
            };
            let _ = err.print();
            ExitCode::from(USAGE)
        }
        Error::Refused(message) => {
            print_error(&message, color);
            ExitCode::from(USAGE)
        }
        Error::Failed(message) => {
            print_error(&message, color);
            ExitCode::from(FAILURE)
        }
        Error::Io(e) => {
            print_error(&e.to_string(), color);
            ExitCode::from(FAILURE)
        }
    }
}

/// Prints `error: MESSAGE` on stderr the way clap does (`error:` in bold
/// red when colour is on).
fn print_error(message: &str, color: ColorChoice) {
    let colour = term::use_colour(
        color,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stderr().is_terminal(),
        true,
    );
    let style = clap::builder::Styles::default().get_error().to_owned();
    if colour {
        eprintln!("{style}error:{style:#} {message}");
    } else {
        eprintln!("error: {message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<OsString> {
        text.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn help_asked_of_help_is_the_help_help_gives() {
        let help = |text: &str| help_asked_of_help(&args(text));
        assert_eq!(help("r help --help"), Some(args("r help help")));
        assert_eq!(help("r help -h"), Some(args("r help help")));
        assert_eq!(help("r help plan --help"), Some(args("r help plan")));
        assert_eq!(
            help("r --color never help --help"),
            Some(args("r --color never help help"))
        );
        for other in [
            "r help",
            "r help plan",
            "r --help",
            "r plan --help",
            "r plan help --help",
            "r --log help plan --help",
            "r -- help --help",
        ] {
            assert_eq!(help(other), None, "{other}");
        }
        // What it becomes parses, as help (exit 0).
        let parsed = command(ColorChoice::Never).try_get_matches_from(args("r help help"));
        let kind = parsed.err().map(|e| e.kind());
        assert_eq!(kind, Some(ErrorKind::DisplayHelp));
    }
}
