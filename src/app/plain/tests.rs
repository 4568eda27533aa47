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
