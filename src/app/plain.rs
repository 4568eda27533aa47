//! `--plain`: the session in real time, one line per event, flushed at
//! once. For screen readers, logs and scripts.

use std::io::{self, Write};
use std::time::Instant;

use crate::app::inbox::{self, Arrival, Line, Lines};
use crate::app::live::Live;
use crate::app::stdout_error;
use crate::present::plain::{self, summary_text};
use crate::program::keys::Correction;
use crate::timing::counting::Counting;
use crate::timing::engine::{Command, Event, EventKind};
use crate::timing::units::fmt_clock;
use crate::timing::workout::Workout;
use crate::training::rows::EndedBy;

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
fn next_line(live: &Live, lines: &Lines, now: Instant) -> Option<Use> {
    loop {
        match lines.first()? {
            Line::EndSet => {
                lines.take();
                return Some(Use::Command(Command::EndSet));
            }
            Line::Correct(correction) => {
                lines.take();
                return Some(Use::Correct(correction));
            }
            Line::Lift if lift_waits(live, now) => {
                lines.take();
                return Some(Use::Command(Command::Proceed));
            }
            Line::Lift if live.engine().waits_ahead() => return None,
            Line::Lift => {
                lines.take();
                log::debug!("input: a line dropped: no partner's lift is to come");
            }
        }
    }
}

/// What a line of input is used for.
enum Use {
    /// A command to the session.
    Command(Command),
    /// A correction of the set just logged.
    Correct(Correction),
}

/// What one step of the loop says, in order: lines for stdout (the
/// events, the summary) and notices for stderr (so stdout keeps its
/// one-line-per-event form).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Said {
    /// Text for stdout, lines ended.
    Out(String),
    /// A notice for stderr.
    Notice(String),
}

/// A `--plain` session and what its loop keeps between steps.
struct Plain {
    live: Live,
    workout: Workout,
    counting: Counting,
    /// How many of the session's notices are printed.
    printed: usize,
    /// How standard input ended, if it has.
    input_end: Option<PlainEnd>,
    /// The block whose start was last seen.
    block: u16,
}

impl Plain {
    fn new(live: Live) -> Plain {
        Plain {
            workout: live.engine().workout().clone(),
            counting: live.counting(),
            live,
            printed: 0,
            input_end: None,
            block: 0,
        }
    }

    /// The lines of `events`, as one piece of text; at the start of a
    /// block after the first, its line (the last time its exercise was
    /// done) on stderr.
    fn lines(&mut self, events: &[Event], said: &mut Vec<Said>) {
        for e in events {
            if let EventKind::PhaseStarted(step) = &e.kind
                && step.block > self.block
            {
                if self.block > 0
                    && let Some(note) = self.live.block_note(step.block)
                {
                    said.push(Said::Notice(note.to_string()));
                }
                self.block = step.block;
            }
        }
        let text: String = events
            .iter()
            .flat_map(|e| plain::lines(e, &self.workout, self.counting))
            .map(|l| l + "\n")
            .collect();
        if !text.is_empty() {
            said.push(Said::Out(text));
        }
    }

    /// The notices not yet printed.
    fn notices(&mut self, said: &mut Vec<Said>) {
        let notices = self.live.notices();
        said.extend(notices.iter().skip(self.printed).cloned().map(Said::Notice));
        self.printed = notices.len();
    }

    /// Ends the session at `now`: the notices, then the summary (after
    /// `prefix`).
    fn end(&mut self, prefix: &str, now: Instant, by: EndedBy, said: &mut Vec<Said>) {
        let text = format!("{prefix}{}", summary_text(&self.live.finish(now, by)));
        self.notices(said);
        said.push(Said::Out(text));
    }

    /// One step of the loop, with no terminal, no clock and no printing:
    /// what arrived (`None`: the deadline passed) at `now`, the session
    /// advanced to `now`, and the lines waiting in `lines` used as far as
    /// they can be. Gives what to print, in order, and how the session
    /// ended if it did.
    fn handle(
        &mut self,
        arrival: Option<Arrival>,
        lines: &Lines,
        now: Instant,
    ) -> (Vec<Said>, Option<PlainEnd>) {
        let mut said = Vec::new();
        let events = match arrival {
            // A line waits in `lines` until it is used, below.
            None | Some(Arrival::Line) => self.live.advance(now),
            Some(Arrival::InputClosed) => {
                self.input_end = Some(PlainEnd::InputClosed);
                Vec::new()
            }
            Some(Arrival::NotLines) => {
                self.input_end = Some(PlainEnd::NotLines);
                Vec::new()
            }
            Some(Arrival::Key(_) | Arrival::Resize(..) | Arrival::Suspend | Arrival::Continued) => {
                Vec::new()
            }
            Some(Arrival::Signal(sig)) => {
                let events = self.live.advance(now);
                self.lines(&events, &mut said);
                self.end("stopped: ", now, EndedBy::Signal, &mut said);
                return (said, Some(PlainEnd::Stopped(sig)));
            }
        };
        self.lines(&events, &mut said);
        // The lines that came, in order, as far as they can be used now.
        while let Some(used) = next_line(&self.live, lines, now) {
            match used {
                Use::Command(command) => {
                    let events = self.live.command(command, now);
                    self.lines(&events, &mut said);
                }
                Use::Correct(correction) => match self.live.correct(&correction, now) {
                    Ok(text) => said.push(Said::Out(format!(
                        "{} logged  {text}\n",
                        fmt_clock(self.live.engine().status(now).t_ms)
                    ))),
                    Err(why) => said.push(Said::Notice(why)),
                },
            }
        }
        self.notices(&mut said);
        if let Some(end) = self.input_end
            && lift_waits(&self.live, now)
            && lines.pending() == 0
        {
            self.end("stopped: ", now, EndedBy::Quit, &mut said);
            return (said, Some(end));
        }
        if self.live.engine().is_done() {
            self.end("", now, EndedBy::Plan, &mut said);
            return (said, Some(PlainEnd::Done));
        }
        (said, None)
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
pub fn run(live: Live) -> io::Result<PlainEnd> {
    let mut plain = Plain::new(live);
    let (tx, rx) = inbox::channel();
    let signals = inbox::watch_signals(tx.clone(), inbox::Watch::Stop)?;
    // Lines are read always: a partner's lift waits for one, and `f`
    // ends a set.
    let lines = inbox::watch_lines(tx);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut opening = Vec::new();
    plain.notices(&mut opening);
    show(&opening, &mut out)?;
    // Any way out of the loop, an error writing stdout included, ends the
    // session below, so that the set in progress still goes to the log.
    let mut run_loop = || -> io::Result<PlainEnd> {
        loop {
            let arrival = inbox::wait(&rx, plain.live.engine().next_deadline());
            let (said, end) = plain.handle(arrival, &lines, Instant::now());
            if !show(&said, &mut out)? {
                return Ok(PlainEnd::OutputClosed);
            }
            match end {
                None => {}
                Some(PlainEnd::Done) => {
                    // Let the last cue ring out before the device closes.
                    if plain.live.has_sound() {
                        let _ = inbox::wait(&rx, Some(Instant::now() + plain.live.tail()));
                    }
                    return Ok(PlainEnd::Done);
                }
                Some(end) => return Ok(end),
            }
        }
    };
    let outcome = run_loop();
    // Ended already if the loop ended the session (the first end counts).
    plain.live.finish(Instant::now(), EndedBy::Quit);
    signals.close();
    outcome
}

/// Prints what a step said, in order: text to stdout, flushed, and
/// notices to stderr. `false` if stdout was closed.
fn show(said: &[Said], out: &mut impl Write) -> io::Result<bool> {
    for s in said {
        match s {
            Said::Out(text) => {
                if !emit(out, text)? {
                    return Ok(false);
                }
            }
            Said::Notice(n) => eprintln!("{n}"),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests;
