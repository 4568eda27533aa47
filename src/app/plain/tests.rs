//! The `--plain` loop's step ([`Plain::handle`]) on a synthetic clock:
//! lines printed as events fall due, `f` and a lift's line from standard
//! input, input that ends while a partner's lift waits, a signal, and the
//! end of a session, with no terminal, no waiting and no printing.

use std::time::{Duration, Instant};

use super::*;
use crate::timing::plan::{Session, Start};
use crate::timing::tempo::{Lift, Tempo};

fn session(reps: u16, sets: u16) -> Session {
    Session {
        tempo: "1-0-1-0".parse().expect("tempo"),
        start: Start::Lower,
        reps,
        sets,
        rest_ms: 2000,
        count_in_ms: 0,
        ..Session::default()
    }
}

/// What a step printed to stdout, as one text.
fn out_of(said: &[Said]) -> String {
    said.iter()
        .filter_map(|s| match s {
            Said::Out(t) => Some(t.as_str()),
            Said::Notice(_) => None,
        })
        .collect()
}

/// Lines typed on standard input, waiting to be used.
fn typed(text: &str) -> Lines {
    let lines = Lines::default();
    let (tx, _rx) = inbox::channel();
    inbox::read_lines(text.as_bytes(), &lines, &tx);
    lines
}

/// Steps the loop from deadline to deadline with nothing arriving, until
/// it ends or `until`; what it printed to stdout, and how it ended.
fn run(
    plain: &mut Plain,
    lines: &Lines,
    start: Instant,
    until: Instant,
) -> (String, Option<PlainEnd>) {
    let mut out = String::new();
    let mut now = start;
    loop {
        let (said, end) = plain.handle(None, lines, now);
        for s in said {
            if let Said::Out(text) = s {
                out.push_str(&text);
            }
        }
        if end.is_some() {
            return (out, end);
        }
        match plain.live.engine().next_deadline() {
            Some(next) if next <= until => now = next.max(now),
            _ => return (out, None),
        }
    }
}

#[test]
fn a_session_prints_each_event_when_due_then_its_summary() {
    let start = Instant::now();
    let mut plain = Plain::new(Live::new(session(2, 1), start));
    let (out, end) = run(
        &mut plain,
        &Lines::default(),
        start,
        start + Duration::from_secs(60),
    );
    assert_eq!(end, Some(PlainEnd::Done));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "00:00.000 lower  set 1/1  rep 1/2  1.0 s");
    assert!(
        lines.contains(&"00:02.000 lower  set 1/1  rep 2/2  1.0 s"),
        "{out}"
    );
    assert!(out.ends_with("  set 1: 2/2 reps, TUT 4.0 s\n"), "{out}");
    assert!(out.contains("1 of 1 set done, 2 reps, TUT 4.0 s"), "{out}");
}

#[test]
fn a_line_f_ends_the_set_where_it_is() {
    let start = Instant::now();
    let mut plain = Plain::new(Live::new(
        Session {
            open_ended: true,
            ..session(2, 1)
        },
        start,
    ));
    let none = Lines::default();
    let (_, end) = run(
        &mut plain,
        &none,
        start,
        start + Duration::from_millis(6500),
    );
    assert_eq!(end, None, "an open-ended set goes on past its 2");
    let (said, end) = plain.handle(
        Some(Arrival::Line),
        &typed("f\n"),
        start + Duration::from_millis(6500),
    );
    assert_eq!(end, Some(PlainEnd::Done));
    let out = out_of(&said);
    assert!(out.contains("set_done  set 1/1  3/2 reps"), "{out}");
}

#[test]
fn a_partner_s_lift_waits_for_a_line_and_input_that_ends_stops_it() {
    let start = Instant::now();
    let manual = Session {
        tempo: Tempo {
            lift: Lift::Manual,
            ..session(2, 1).tempo
        },
        start: Start::Lift,
        ..session(2, 1)
    };
    let mut plain = Plain::new(Live::new(manual, start));
    // The first rep's lift waits for its line, which comes.
    let (said, end) = plain.handle(None, &Lines::default(), start);
    assert_eq!(end, None);
    assert!(
        out_of(&said)
            .contains("00:00.000 lift  set 1/1  rep 1/2  partner lifts: press Enter to lower\n"),
        "{said:?}"
    );
    let at = start + Duration::from_millis(300);
    let (said, _) = plain.handle(Some(Arrival::Line), &typed("\n"), at);
    assert!(
        out_of(&said).contains("00:00.300 lower  set 1/1  rep 1/2  1.0 s\n"),
        "{said:?}"
    );
    // Then input ends: at the next lift that waits, the session stops.
    plain.handle(Some(Arrival::InputClosed), &Lines::default(), at);
    let (out, end) = run(
        &mut plain,
        &Lines::default(),
        at,
        at + Duration::from_secs(60),
    );
    assert_eq!(end, Some(PlainEnd::InputClosed));
    assert!(out.contains("stopped: 0 of 1 set done, 1 rep"), "{out}");
}

#[test]
fn a_signal_stops_the_session_with_its_summary() {
    let start = Instant::now();
    let mut plain = Plain::new(Live::new(session(3, 2), start));
    let (said, end) = plain.handle(
        Some(Arrival::Signal(15)),
        &Lines::default(),
        start + Duration::from_millis(2500),
    );
    assert_eq!(end, Some(PlainEnd::Stopped(15)));
    let last = said.last().cloned();
    assert!(
        matches!(&last, Some(Said::Out(t)) if t.starts_with("stopped: 0 of 2 sets done, 1 rep")),
        "{said:?}"
    );
    // A key or a resize means nothing to --plain.
    let mut other = Plain::new(Live::new(session(3, 2), start));
    let (said, end) = other.handle(Some(Arrival::Resize(10, 10)), &Lines::default(), start);
    assert_eq!((said, end), (Vec::new(), None));
}

#[test]
fn a_line_reps_or_load_in_the_rest_corrects_the_set_just_logged() {
    use crate::training::store::{self, LogWriter};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let start = Instant::now();
    let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
    let live = Live::new(session(2, 2), start).log_to(LogWriter::new(path.clone()), start, wall);
    let mut plain = Plain::new(live);
    let none = Lines::default();
    // Set 1 ends at 4 s; the rest is 4-6 s.
    let rest = start + Duration::from_millis(4500);
    run(&mut plain, &none, start, rest);
    let (said, _) = plain.handle(
        Some(Arrival::Line),
        &typed("reps 1\nload 82.5kg\nload 70 bananas\nreps 999\n"),
        rest,
    );
    let out = out_of(&said);
    assert!(
        out.contains("00:04.500 logged  set 1: 1/2 reps (corrected)\n"),
        "{out}"
    );
    assert!(
        out.contains("00:04.500 logged  set 1: 1/2 reps · 82.5kg (corrected)\n"),
        "{out}"
    );
    let notices: Vec<&str> = said
        .iter()
        .filter_map(|s| match s {
            Said::Notice(n) => Some(n.as_str()),
            Said::Out(_) => None,
        })
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("\"70 bananas\" is not a load")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("reps 999: give a number from 1 to 300")),
        "{notices:?}"
    );
    // During set 2, a correction has nothing to correct.
    let during = start + Duration::from_millis(7000);
    run(&mut plain, &none, rest, during);
    let (said, _) = plain.handle(Some(Arrival::Line), &typed("reps 5\n"), during);
    assert!(
        matches!(said.as_slice(), [Said::Notice(n)] if n.starts_with("no set to correct now")),
        "{said:?}"
    );
    run(&mut plain, &none, during, start + Duration::from_secs(60));
    let wait = plain.live.log_wait().expect("a log");
    assert!(wait.settle(Duration::from_secs(20)));
    let rows = store::read(&path).expect("read").0;
    let sets: Vec<(u16, u16, &str)> = rows
        .iter()
        .map(|r| (r.set, r.completed, r.load.as_str()))
        .collect();
    assert_eq!(sets, [(1, 1, "82.5kg"), (2, 2, "")]);
}
