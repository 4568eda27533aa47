//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser, error::ErrorKind};

use repcadence::audio::RATE;
use repcadence::audio::cues::Settings;
use repcadence::audio::device::Output;
use repcadence::audio::render::{self, RenderError};
use repcadence::cli::{
    Chart, Cli, Command, ConfigAction, CueArgs, FileArgs, JournalArgs, LogArgs, RenderArgs, RunArgs,
};
use repcadence::coach;
use repcadence::config::{self, Config};
use repcadence::history::{self, Style};
use repcadence::live::{Live, Setup, Sound};
use repcadence::log::{self, JournalEntry, SessionInfo, When};
use repcadence::plain::{self, Outcome};
use repcadence::plan::Session;
use repcadence::presets::Resolved;
use repcadence::report::{self, Plan};
use repcadence::shell;
use repcadence::tui;
use repcadence::units::fmt_minutes;

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
        Some(Command::Render(args)) => {
            let config = load_config(&files);
            let resolved = config
                .catalogue()
                .resolve(&args.session, &config.defaults)
                .unwrap_or_else(|e| usage_error(&e));
            render_file(&resolved.session, &args, &config)
        }
        Some(Command::Log(args)) => show_log(&log_path(&files), &args),
        Some(Command::Journal(args)) => journal(&log_path(&files), &args),
        None => {
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

/// Opens the sound device and waits (up to 3 s) for it to start playing,
/// so that the session's clock starts when its sound does.
fn open_device() -> Result<Output, String> {
    let out = Output::open().map_err(|e| e.to_string())?;
    out.wait_until_pulling(Duration::from_secs(3));
    Ok(out)
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
    let full_screen = !run.plain && io::stdout().is_terminal();
    if full_screen && !io::stdin().is_terminal() {
        eprintln!(
            "repcadence: standard input is not a terminal, so keys cannot be read: \
             running --plain (pass --plain to say so and skip this note)"
        );
    }
    let full_screen = full_screen && io::stdin().is_terminal();
    let output = (!run.mute).then(open_device);
    let now = Instant::now();
    let start = now + latency;
    let live = Live::start(resolved.session, setup, start, jiff::Zoned::now()).with_sound(
        Sound { settings, latency },
        output,
        start,
    );
    if full_screen {
        let options = tui::Options {
            color: colours_allowed() && config.settings.colours,
        };
        return run_full_screen(live, options);
    }
    Ok(match plain::run(live)? {
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
        Err(e @ (RenderError::Exists(_) | RenderError::ManualLift)) => usage_error(&e.to_string()),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
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
