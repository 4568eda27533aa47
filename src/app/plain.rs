//! `--plain`: the session in real time, one line per event, flushed at
//! once. For screen readers, logs and scripts.

use std::io::{self, Write};
use std::time::Instant;

use crate::app::live::Live;
use crate::app::shell::{self, Msg};
use crate::timing::engine::{Command, Event};
use crate::ui::text::{line, summary_text};

/// How a plain session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every set was done.
    Done,
    /// A signal stopped it.
    Stopped(i32),
    /// Whoever read the output went away (a closed pipe).
    OutputClosed,
    /// Standard input ended while a partner's lift waited for Enter, which
    /// can then never come.
    InputClosed,
}

/// Writes `text` and flushes it; a closed pipe is reported as `Ok(false)`.
fn emit(out: &mut impl Write, text: &str) -> io::Result<bool> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Prints the notices from `printed` on to stderr (so stdout keeps its
/// one-line-per-event form); returns how many there are now.
fn print_notices(live: &Live, printed: usize) -> usize {
    let notices = live.notices();
    for n in notices.iter().skip(printed) {
        eprintln!("{n}");
    }
    notices.len()
}

/// Runs a session in real time, printing each event's line to stdout as it
/// falls due, and notices (coaching, no sound device, a log that cannot be
/// written) to stderr. Stops cleanly on SIGINT, SIGTERM or SIGHUP and prints
/// a summary. Enter ends a partner's lift; if standard input has ended,
/// the session stops there (with the summary) instead of waiting forever.
pub fn run(mut live: Live) -> io::Result<Outcome> {
    let workout = live.engine().workout().clone();
    let (tx, rx) = shell::channel();
    let signals = shell::watch_signals(tx.clone())?;
    if workout.blocks.iter().any(|b| b.session.manual_lift) {
        shell::watch_lines(tx);
    } else {
        drop(tx);
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut printed = print_notices(&live, 0);
    let mut input_closed = false;
    let print = |events: Vec<Event>, out: &mut io::StdoutLock| -> io::Result<bool> {
        let mut text = String::new();
        for e in &events {
            if let Some(l) = line(e, &workout) {
                text.push_str(&l);
                text.push('\n');
            }
        }
        if text.is_empty() {
            Ok(true)
        } else {
            emit(out, &text)
        }
    };
    let outcome = loop {
        let events = match shell::wait(&rx, live.engine().next_deadline()) {
            None => live.advance(Instant::now()),
            Some(Msg::Line) => live.command(Command::Proceed, Instant::now()),
            Some(Msg::InputClosed) => {
                input_closed = true;
                Vec::new()
            }
            Some(Msg::Key(_) | Msg::Resize(..)) => Vec::new(),
            Some(Msg::Signal(sig)) => {
                let now = Instant::now();
                let events = live.advance(now);
                if !print(events, &mut out)? {
                    break Outcome::OutputClosed;
                }
                let text = format!("stopped: {}", summary_text(&live.finish(now)));
                print_notices(&live, printed);
                if !emit(&mut out, &text)? {
                    break Outcome::OutputClosed;
                }
                break Outcome::Stopped(sig);
            }
        };
        if !print(events, &mut out)? {
            break Outcome::OutputClosed;
        }
        printed = print_notices(&live, printed);
        let now = Instant::now();
        let engine = live.engine();
        if input_closed && engine.next_deadline().is_none() && engine.status(now).waiting {
            let text = format!("stopped: {}", summary_text(&live.finish(now)));
            print_notices(&live, printed);
            if !emit(&mut out, &text)? {
                break Outcome::OutputClosed;
            }
            break Outcome::InputClosed;
        }
        if live.engine().is_done() {
            let text = summary_text(&live.finish(Instant::now()));
            print_notices(&live, printed);
            if !emit(&mut out, &text)? {
                break Outcome::OutputClosed;
            }
            // Let the last cue ring out before the device closes.
            if live.has_sound() {
                let _ = shell::wait(&rx, Some(Instant::now() + live.tail()));
            }
            break Outcome::Done;
        }
    };
    if outcome == Outcome::OutputClosed {
        // The set in progress still goes to the log.
        live.finish(Instant::now());
    }
    signals.close();
    Ok(outcome)
}
