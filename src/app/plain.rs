//! `--plain`: the session in real time, one line per event, flushed at
//! once. For screen readers, logs and scripts.

use std::io::{self, Write};
use std::time::Instant;

use crate::app::inbox::{self, Arrival, Line, Lines};
use crate::app::live::Live;
use crate::app::stdout_error;
use crate::present::plain::{self, summary_text};
use crate::timing::engine::{Command, Event};

/// How a plain session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainEnd {
    /// Every set was done.
    Done,
    /// A signal stopped it.
    Stopped(i32),
    /// Whoever read the output went away (a closed pipe).
    OutputClosed,
    /// Standard input ended while a partner's lift waited for Enter, which
    /// can then never come.
    InputClosed,
    /// Standard input was not lines (more than [`inbox::MAX_LINE`] bytes
    /// without a newline), and a partner's lift waited for one.
    NotLines,
}

/// Writes `text` and flushes it; a closed pipe is reported as `Ok(false)`.
fn emit(out: &mut impl Write, text: &str) -> io::Result<bool> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(stdout_error(&e)),
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

/// Whether a partner's lift has begun and waits for its line (before the
/// session's start instant nothing waits yet, whatever the first step).
fn lift_waits(live: &Live, now: Instant) -> bool {
    let engine = live.engine();
    engine.next_deadline().is_none() && engine.status(now).waiting
}

/// What the first waiting line asks for now, taken from `lines`: `f`
/// ends the set; a lift's line ends a partner's lift that waits. A lift's
/// line that comes before its lift waits stays first (the lines after it
/// wait behind it, so they are used in the order they came), unless no
/// partner's lift is to come, when it can never be used and is dropped.
fn next_line(live: &Live, lines: &Lines, now: Instant) -> Option<Command> {
    loop {
        match lines.first()? {
            Line::EndSet => {
                lines.take();
                return Some(Command::EndSet);
            }
            Line::Lift if lift_waits(live, now) => {
                lines.take();
                return Some(Command::Proceed);
            }
            Line::Lift if live.engine().waits_ahead() => return None,
            Line::Lift => {
                lines.take();
                log::debug!("input: a line dropped: no partner's lift is to come");
            }
        }
    }
}

/// Runs a session in real time, printing each event's line to stdout as it
/// falls due, and notices (coaching, no sound device, a log that cannot be
/// written) to stderr. Stops cleanly on SIGINT, SIGTERM, SIGHUP and the
/// other [`inbox::stop_signals`] and prints a summary; SIGTSTP stops the
/// process as usual, and the clock catches up when it is continued.
///
/// Each line of standard input ends one partner's lift, however the lines
/// arrive: a line that comes before its lift waits is kept for it. A line
/// `f` ends the set, after the lines that came before it. Once
/// input has ended (or turned out not to be lines) and no line is left,
/// the session stops at the next partner's lift (with the summary)
/// instead of waiting forever.
pub fn run(mut live: Live) -> io::Result<PlainEnd> {
    let workout = live.engine().workout().clone();
    let counting = live.counting();
    let (tx, rx) = inbox::channel();
    let signals = inbox::watch_signals(tx.clone(), inbox::Watch::Stop)?;
    // Lines are read always: a partner's lift waits for one, and `f`
    // ends a set.
    let lines = inbox::watch_lines(tx);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut printed = print_notices(&live, 0);
    let mut input_end = None;
    let print = |events: Vec<Event>, out: &mut io::StdoutLock| -> io::Result<bool> {
        let mut said = String::new();
        for e in &events {
            for l in plain::lines(e, &workout, counting) {
                said.push_str(&l);
                said.push('\n');
            }
        }
        if said.is_empty() {
            Ok(true)
        } else {
            emit(out, &said)
        }
    };
    // Any way out of the loop, an error writing stdout included, ends the
    // session below, so that the set in progress still goes to the log.
    let mut run_loop = || -> io::Result<PlainEnd> {
        Ok(loop {
            let events = match inbox::wait(&rx, live.engine().next_deadline()) {
                // A line waits in `lines` until it is used, below.
                None | Some(Arrival::Line) => live.advance(Instant::now()),
                Some(Arrival::InputClosed) => {
                    input_end = Some(PlainEnd::InputClosed);
                    Vec::new()
                }
                Some(Arrival::NotLines) => {
                    input_end = Some(PlainEnd::NotLines);
                    Vec::new()
                }
                Some(
                    Arrival::Key(_) | Arrival::Resize(..) | Arrival::Suspend | Arrival::Continued,
                ) => Vec::new(),
                Some(Arrival::Signal(sig)) => {
                    let now = Instant::now();
                    let events = live.advance(now);
                    if !print(events, &mut out)? {
                        break PlainEnd::OutputClosed;
                    }
                    let text = format!("stopped: {}", summary_text(&live.finish(now)));
                    print_notices(&live, printed);
                    if !emit(&mut out, &text)? {
                        break PlainEnd::OutputClosed;
                    }
                    break PlainEnd::Stopped(sig);
                }
            };
            if !print(events, &mut out)? {
                break PlainEnd::OutputClosed;
            }
            // The lines that came, in order, as far as they can be used now.
            let mut open = true;
            while open && let Some(command) = next_line(&live, &lines, Instant::now()) {
                let events = live.command(command, Instant::now());
                open = print(events, &mut out)?;
            }
            if !open {
                break PlainEnd::OutputClosed;
            }
            printed = print_notices(&live, printed);
            let now = Instant::now();
            if let Some(end) = input_end
                && lift_waits(&live, now)
                && lines.pending() == 0
            {
                let text = format!("stopped: {}", summary_text(&live.finish(now)));
                print_notices(&live, printed);
                if !emit(&mut out, &text)? {
                    break PlainEnd::OutputClosed;
                }
                break end;
            }
            if live.engine().is_done() {
                let text = summary_text(&live.finish(Instant::now()));
                print_notices(&live, printed);
                if !emit(&mut out, &text)? {
                    break PlainEnd::OutputClosed;
                }
                // Let the last cue ring out before the device closes.
                if live.has_sound() {
                    let _ = inbox::wait(&rx, Some(Instant::now() + live.tail()));
                }
                break PlainEnd::Done;
            }
        })
    };
    let outcome = run_loop();
    // Ended already if the loop ended the session (the first end counts).
    live.finish(Instant::now());
    signals.close();
    outcome
}
