//! The `repcadence` binary: parse the command line and hand over.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use clap::{ColorChoice, CommandFactory, FromArgMatches, error::ErrorKind};

use repcadence::app::live::{Live, Setup, Sound};
use repcadence::app::plain::{self, Outcome};
use repcadence::app::tui;
use repcadence::app::{shell, term};
use repcadence::audio::RATE;
use repcadence::audio::cues::Settings;
use repcadence::audio::device::Output;
use repcadence::audio::render::{self, RenderError};
use repcadence::cli::args::{
    Chart, Cli, Command, ConfigAction, CueArgs, FileArgs, JournalArgs, LogArgs, RenderArgs, RunArgs,
};
use repcadence::cli::manual;
use repcadence::program::config::{self, Config};
use repcadence::program::presets::Resolved;
use repcadence::timing::plan::Session;
use repcadence::timing::units::fmt_minutes;
use repcadence::training::coach;
use repcadence::training::history::{self, Style};
use repcadence::training::store::{self as log, JournalEntry, SessionInfo, When};
use repcadence::ui::timetable::{self, Plan};

/// Exit status of a failure while running (a file that cannot be written).
const FAILURE: i32 = 1;
/// Exit status of bad usage: the command line or the config file.
const USAGE: i32 = 2;

/// `--color`, read before clap parses so that its help and errors follow it.
static COLOR: OnceLock<ColorChoice> = OnceLock::new();

fn color() -> ColorChoice {
    COLOR.get().copied().unwrap_or(ColorChoice::Auto)
}

/// The clap definition, coloured as `--color` says.
fn cli_command() -> clap::Command {
    Cli::command().color(color())
}

/// A usage error: printed the way clap prints its own, exit status 2.
fn usage_error(message: &str) -> ! {
    cli_command()
        .error(ErrorKind::ValueValidation, message)
        .exit()
}

/// A usage error in subcommand `name`, with that subcommand's usage line.
fn usage_error_in(name: &str, message: &str) -> ! {
    let mut cmd = cli_command();
    cmd.build();
    match cmd.find_subcommand_mut(name) {
        Some(sub) => sub.error(ErrorKind::ValueValidation, message).exit(),
        None => usage_error(message),
    }
}

/// Prints `error: MESSAGE` on stderr the way clap does (`error:` in bold
/// red when colour is on).
fn print_error(message: &str) {
    let colour = term::use_colour(
        color(),
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
    ::log::error!("{message}");
}

/// Bad usage outside the command line (a bad config file, a file in the
/// way, no home directory to find files in): `error: …`, exit status 2.
fn fail_usage(message: &str) -> ! {
    print_error(message);
    std::process::exit(USAGE)
}

/// A failure while running (a file that cannot be written): `error: …`,
/// exit status 1.
fn fail(message: &str) -> ! {
    print_error(message);
    std::process::exit(FAILURE)
}

/// Sends `log` records to the file at `path` (appended), filtered by
/// `RUST_LOG` (default: debug). Nothing else ever sets a logger, so
/// without `--debug-log` nothing is logged anywhere.
fn start_debug_log(path: &Path) {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot open the debug log {}: {e}",
                path.display()
            ))
        });
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| "debug".to_string());
    env_logger::Builder::new()
        .parse_filters(&filter)
        .target(env_logger::Target::Pipe(Box::new(file)))
        .write_style(env_logger::WriteStyle::Never)
        .format_timestamp_millis()
        .init();
    ::log::info!(
        "repcadence {} started: {:?}",
        env!("CARGO_PKG_VERSION"),
        std::env::args().collect::<Vec<_>>()
    );
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
        Some(path) => config::load(&path).unwrap_or_else(|e| match e {
            config::ConfigError::Read { .. } => fail(&e.to_string()),
            config::ConfigError::Invalid { .. } => fail_usage(&e.to_string()),
        }),
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
                .unwrap_or_else(|e| usage_error_in("plan", &e));
            let session = &resolved.session;
            let mut plan = Plan::new(session, Instant::now());
            plan.preset = resolved.preset.clone();
            plan.exercise = resolved.exercise.clone();
            if args.json {
                let json = serde_json::to_string(&plan).map_err(io::Error::other)?;
                print(&format!("{json}\n"))?;
            } else {
                print(&timetable::table(session, &plan))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Presets) => {
            let config = load_config(&files);
            print(&timetable::presets_table(&config))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Exercises) => {
            let config = load_config(&files);
            print(&timetable::exercises_table(&config.catalogue()))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { action }) => {
            let Some(path) = config_path(&files) else {
                fail_usage(
                    "this system has no home directory for a config file\n\n  \
                     tip: give one with --config PATH",
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
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => fail_usage(&format!(
                        "{} already exists and is left as it is\n\n  \
                         tip: edit it, or move it away and run `repcadence config init` again",
                        path.display()
                    )),
                    Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
                },
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Render(args)) => {
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&args.session, &config.defaults)
                .unwrap_or_else(|e| usage_error_in("render", &e));
            render_file(&resolved.session, &args, &config)
        }
        Some(Command::Log(args)) => show_log(&log_path(&files), &args),
        Some(Command::Completions { shell }) => {
            let mut text = Vec::new();
            manual::completions(shell, &mut text);
            print(&String::from_utf8_lossy(&text))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut text = Vec::new();
            manual::man_page(&mut text)?;
            print(&String::from_utf8_lossy(&text))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Journal(args)) => journal(&log_path(&files), &args),
        None => {
            if let Some(message) = cli
                .session
                .tempo
                .as_deref()
                .and_then(repcadence::cli::args::word_for_a_tempo)
            {
                usage_error(&message);
            }
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&cli.session, &config.defaults)
                .unwrap_or_else(|e| usage_error(&e));
            run_session(resolved, &cli.run, &files, &config)
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
            fail_usage(
                "this system has no home directory for the training log\n\n  \
                 tip: give one with --log PATH",
            )
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
            "cannot write the journal {}: {e}\n\n  \
             tip: give another place with --log DIR/training-log.csv",
            path.display()
        )),
    }
    Ok(ExitCode::SUCCESS)
}

/// The cue settings: the config file's, under the command line's.
fn cue_settings(cues: &CueArgs, config: &Config) -> Settings {
    let base = Settings {
        volume: config.settings.volume,
        voice: config.settings.voice,
        ticks: config.settings.ticks,
        muted: false,
    };
    cues.settings(base)
}

/// Runs a live session, with sound unless muted: full-screen when stdout
/// and stdin are terminals, otherwise (or with `--plain`) one line per
/// event.
fn run_session(
    resolved: Resolved,
    run: &RunArgs,
    files: &FileArgs,
    config: &Config,
) -> io::Result<ExitCode> {
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
    let settings = Settings {
        muted: run.mute,
        ..cue_settings(&run.cues, config)
    };
    let latency_ms = run
        .audio_latency
        .map_or(config.settings.audio_latency_ms, u32::from);
    let latency = Duration::from_millis(latency_ms.into());
    ::log::info!(
        "session: {:?}, preset {:?}, exercise {:?}",
        resolved.session,
        setup.info.preset,
        setup.info.exercise
    );
    ::log::debug!(
        "audio latency {latency_ms} ms ({}), {settings:?}",
        if run.audio_latency.is_some() {
            "--audio-latency"
        } else {
            "config or default"
        }
    );
    let full_screen = !run.plain && io::stdout().is_terminal();
    if full_screen && !io::stdin().is_terminal() {
        eprintln!(
            "repcadence: standard input is not a terminal, so keys cannot be read: \
             running --plain (pass --plain to say so and skip this note)"
        );
    }
    let full_screen = full_screen && io::stdin().is_terminal();
    // Full-screen, the first frame is drawn before the device is opened
    // (tui::run opens it, then starts the clock); --plain has no frame to
    // show first.
    let output = (!run.mute && !full_screen).then(Output::open_ready);
    let now = Instant::now();
    let start = now + latency;
    let live = Live::start(resolved.session, setup, start, jiff::Zoned::now()).with_sound(
        Sound { settings, latency },
        output,
        start,
    );
    if full_screen {
        let options = tui::Options {
            color: term::use_colour(
                color(),
                std::env::var_os("NO_COLOR").as_deref(),
                true,
                config.settings.colours,
            ),
        };
        return run_full_screen(live, options);
    }
    let outcome = plain::run(live)?;
    ::log::info!("session ended: {outcome:?}");
    Ok(match outcome {
        Outcome::Done | Outcome::OutputClosed => ExitCode::SUCCESS,
        Outcome::Stopped(signal) => ExitCode::from(shell::signal_status(signal)),
        Outcome::InputClosed => {
            print_error(
                "standard input ended while the partner's lift waited for Enter, \
                 so the session stopped there\n\n  \
                 tip: run it in a terminal, or give it one line per partner's lift",
            );
            ExitCode::FAILURE
        }
    })
}

/// The full-screen view; the summary is printed once the terminal is back.
fn run_full_screen(live: Live, options: tui::Options) -> io::Result<ExitCode> {
    Ok(match tui::run(live, options)? {
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

/// Writes the session's cue stream to a WAV file, with progress on stderr
/// for sessions over a minute.
fn render_file(session: &Session, args: &RenderArgs, config: &Config) -> io::Result<ExitCode> {
    let settings = cue_settings(&args.cues, config);
    let long = render::expected_samples(session) > 60 * u64::from(RATE);
    let tty = io::stderr().is_terminal();
    let mut shown = 0;
    let progress = |done: u64, total: u64| {
        let pct = done * 100 / total.max(1);
        if long && (pct >= shown + 10 || (tty && pct > shown)) {
            shown = pct;
            if tty {
                eprint!("\rrendering: {pct:3}%");
            } else {
                eprintln!("rendering: {pct}%");
            }
        }
    };
    let result = render::render(
        session,
        settings,
        &args.output,
        args.force,
        Instant::now(),
        progress,
    );
    if long && tty {
        eprintln!();
    }
    match result {
        Ok(done) => {
            eprintln!(
                "wrote {}: {} of cues at {} Hz",
                args.output.display(),
                fmt_minutes(done.samples * 1000 / u64::from(RATE)),
                RATE
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ (RenderError::Exists(_) | RenderError::IsDir { .. } | RenderError::ManualLift)) => {
            usage_error_in("render", &e.to_string())
        }
        Err(e) => {
            print_error(&e.to_string());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // Ignore a second set: there is none, main runs once.
    let _ = COLOR.set(term::color_in_args(args.iter().skip(1)).unwrap_or(ColorChoice::Auto));
    let matches = cli_command()
        .try_get_matches_from(&args)
        .unwrap_or_else(|e| repcadence::cli::args::explain(e, &cli_command(), &args).exit());
    let cli =
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut cli_command()).exit());
    if let Some(path) = &cli.output.debug_log {
        start_debug_log(path);
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e.to_string());
            ExitCode::FAILURE
        }
    }
}
