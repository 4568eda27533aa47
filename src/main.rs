//! The `repcadence` binary: parse the command line and hand over.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser, error::ErrorKind};

use repcadence::audio::RATE;
use repcadence::audio::cues::Settings;
use repcadence::audio::device::{DEFAULT_LATENCY, Output};
use repcadence::audio::render::{self, RenderError};
use repcadence::cli::{Cli, Command, RenderArgs, RunArgs};
use repcadence::live::{Live, Sound};
use repcadence::plain::{self, Outcome};
use repcadence::plan::Session;
use repcadence::report::{self, Plan};
use repcadence::shell;
use repcadence::units::fmt_minutes;

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
        Some(Command::Render(args)) => {
            let session = args
                .session
                .resolve(&Session::default())
                .unwrap_or_else(|e| usage_error(&e));
            render_file(&session, &args)
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

/// Runs a live session, one line per event, with sound unless muted.
fn run_session(session: Session, run: &RunArgs) -> io::Result<ExitCode> {
    let settings = Settings {
        muted: run.mute,
        ..run.cues.settings(Settings::default())
    };
    let latency = run
        .audio_latency
        .map_or(DEFAULT_LATENCY, |ms| Duration::from_millis(ms.into()));
    let sound = Sound { settings, latency };
    let output = (!run.mute).then(open_device);
    let live = Live::with_sound(session, sound, output, Instant::now());
    Ok(match plain::run(live)? {
        Outcome::Done | Outcome::OutputClosed => ExitCode::SUCCESS,
        Outcome::Stopped(signal) => ExitCode::from(shell::signal_status(signal)),
    })
}

/// Opens the sound device and waits (up to 3 s) for it to start playing,
/// so that the session's clock starts when its sound does.
fn open_device() -> Result<Output, String> {
    let out = Output::open().map_err(|e| e.to_string())?;
    out.wait_until_pulling(Duration::from_secs(3));
    Ok(out)
}

/// Writes the session's cue stream to a WAV file, with progress on stderr
/// for sessions over a minute.
fn render_file(session: &Session, args: &RenderArgs) -> io::Result<ExitCode> {
    let settings = args.cues.settings(Settings::default());
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
