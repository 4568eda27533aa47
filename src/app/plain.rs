//! `--plain`: the session in real time, one line per event, flushed at
//! once. For screen readers, logs and scripts.

use std::io::{self, Write};
use std::time::Instant;

use crate::app::live::Live;
use crate::app::shell::{self, Msg};
use crate::timing::engine::{Command, Event, EventKind, Summary};
use crate::timing::plan::{Phase, Session};
use crate::timing::units::{fmt_clock, fmt_minutes, fmt_secs, fmt_secs1};
use crate::ui::timetable::count;

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

/// The line printed for `event`, or `None` for events with no line of
/// their own (a rep's end shows in the next phase's line).
pub fn line(event: &Event, session: &Session) -> Option<String> {
    let t = fmt_clock(u64::try_from(event.t.as_millis()).unwrap_or(u64::MAX));
    let words = match &event.kind {
        EventKind::PhaseStarted(step) => {
            let len = format!("{} s", fmt_secs1(step.ms.into()));
            match step.phase {
                Phase::CountIn => format!(
                    "count_in  get ready for set {}/{}  {len}",
                    step.set, session.sets
                ),
                Phase::Rest => format!("rest  next: set {}/{}  {len}", step.set + 1, session.sets),
                Phase::Done => "done".to_string(),
                phase => {
                    let what = if step.manual {
                        "partner lifts: press Enter to lower".to_string()
                    } else {
                        len
                    };
                    format!(
                        "{}  set {}/{}  rep {}/{}  {what}",
                        phase.key(),
                        step.set,
                        session.sets,
                        step.rep,
                        session.reps
                    )
                }
            }
        }
        EventKind::Count { n, .. } => format!("count {n}"),
        EventKind::Countdown { n, set } => {
            format!("countdown {n}  set {set}/{} starts in {n} s", session.sets)
        }
        EventKind::SetDone(s) => format!(
            "set_done  set {}/{}  {}/{} reps  TUT {} s",
            s.set,
            session.sets,
            s.reps_done,
            s.reps_planned,
            fmt_secs1(ms(s.tut))
        ),
        EventKind::SetRestarted { set } => format!("restart  set {set}/{}", session.sets),
        EventKind::LoweringChanged { lower_ms } => {
            format!("lowering  {} s from the next rep", fmt_secs(*lower_ms))
        }
        EventKind::Paused => "paused".to_string(),
        EventKind::Resumed => "resumed".to_string(),
        EventKind::RepDone { .. } | EventKind::SessionDone => return None,
    };
    Some(format!("{t} {words}"))
}

fn ms(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A short account of what was done: sets and reps, time under tension.
pub fn summary_text(summary: &Summary) -> String {
    let mut out = format!(
        "{} of {} done, {}, TUT {} s, session {}\n",
        summary.sets.len(),
        count(summary.sets_planned.into(), "set"),
        count(summary.reps().into(), "rep"),
        fmt_secs1(ms(summary.tut())),
        fmt_minutes(ms(summary.elapsed))
    );
    for s in summary.sets.iter().chain(summary.partial.iter()) {
        let stopped = if summary.partial.as_ref() == Some(s) {
            "  (stopped part-way)"
        } else {
            ""
        };
        out.push_str(&format!(
            "  set {}: {}/{} reps, TUT {} s{stopped}\n",
            s.set,
            s.reps_done,
            s.reps_planned,
            fmt_secs1(ms(s.tut))
        ));
    }
    out
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
    let session = live.engine().session().clone();
    let (tx, rx) = shell::channel();
    let signals = shell::watch_signals(tx.clone())?;
    if session.manual_lift {
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
            if let Some(l) = line(e, &session) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::{Engine, simulate};

    #[test]
    fn lines_read_as_the_issue_shows() {
        let s = Session {
            tempo: "4-0-1-0".parse().expect("tempo"),
            ..Session::default()
        };
        let lines: Vec<String> = simulate(&s, Instant::now())
            .iter()
            .filter_map(|e| line(e, &s))
            .collect();
        assert_eq!(lines[0], "00:00.000 count_in  get ready for set 1/3  5.0 s");
        assert_eq!(lines[1], "00:02.000 countdown 3  set 1/3 starts in 3 s");
        assert_eq!(lines[3], "00:04.000 countdown 1  set 1/3 starts in 1 s");
        assert_eq!(lines[4], "00:05.000 lift  set 1/3  rep 1/8  1.0 s");
        assert_eq!(lines[5], "00:06.000 lower  set 1/3  rep 1/8  4.0 s");
        assert_eq!(lines[6], "00:07.000 count 1");
        assert!(lines.contains(&"02:12.000 countdown 3  set 2/3 starts in 3 s".to_string()));
        assert!(lines.contains(&"00:45.000 set_done  set 1/3  8/8 reps  TUT 40.0 s".to_string()));
        assert!(lines.contains(&"00:45.000 rest  next: set 2/3  90.0 s".to_string()));
        assert_eq!(lines.last().map(String::as_str), Some("05:05.000 done"));
        // 52 phases + 24 × 4 counts + 3 set_done lines + 3 × 3 countdowns.
        assert_eq!(lines.len(), 52 + 96 + 3 + 9);
    }

    #[test]
    fn summary_names_a_set_stopped_part_way() {
        let s = Session {
            tempo: "3-0-1-0".parse().expect("tempo"),
            ..Session::default()
        };
        let start = Instant::now();
        let mut engine = Engine::new(s, start);
        let now = start + std::time::Duration::from_secs(5 + 32 + 90 + 10);
        engine.advance(now);
        let text = summary_text(&engine.summary(now));
        assert!(
            text.starts_with("1 of 3 sets done, 10 reps, TUT 42.0 s"),
            "{text}"
        );
        assert!(
            text.contains("  set 2: 2/8 reps, TUT 10.0 s  (stopped part-way)"),
            "{text}"
        );
    }
}
