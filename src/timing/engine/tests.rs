//! Engine tests on a fake clock: time only moves when a test moves it.

use super::*;
use crate::timing::plan::Start;
use crate::timing::tempo::Tempo;
use crate::timing::units::ms_of;

fn session(tempo: &str, reps: u16, sets: u16, rest_s: u32, count_in_s: u32) -> Session {
    Session {
        tempo: tempo.parse::<Tempo>().expect("tempo"),
        reps,
        sets,
        rest_ms: rest_s * 1000,
        count_in_ms: count_in_s * 1000,
        ..Session::default()
    }
}

/// Every event the plan says should happen, with its planned offset from
/// the start, worked out from the step list alone (not by the engine).
fn planned(session: &Session) -> Vec<(Duration, String)> {
    let mut out = Vec::new();
    let mut t = Duration::ZERO;
    for step in session.steps() {
        out.push((t, format!("{}", step.phase)));
        if step.phase == Phase::Lower {
            for n in 1..=step.ms / 1000 {
                out.push((t + Duration::from_secs(n.into()), format!("count {n}")));
            }
        }
        t += Duration::from_millis(step.ms.into());
    }
    out
}

fn observed(events: &[Event], start: Instant) -> Vec<(Duration, String)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PhaseStarted(step) => Some((e.at - start, format!("{}", step.phase))),
            EventKind::Count { n, .. } => Some((e.at - start, format!("count {n}"))),
            _ => None,
        })
        .collect()
}

fn run_to_end(engine: &mut Engine) -> Vec<Event> {
    let mut events = Vec::new();
    while let Some(due) = engine.next_deadline() {
        events.extend(engine.advance(due));
    }
    events
}

#[test]
fn ten_hour_session_lands_every_event_exactly() {
    // 50 sets of 100 reps at 7-1-1-1 with 60 s rest: 13.9 hours.
    let s = session("7-1-1-1", 100, 50, 60, 5);
    let start = Instant::now();
    let mut engine = Engine::new(s.clone(), start);
    let events = run_to_end(&mut engine);
    let want = planned(&s);
    let got = observed(&events, start);
    assert!(want.last().map(|w| w.0) > Some(Duration::from_secs(10 * 3600)));
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "0 ns error expected");
    }
    for e in &events {
        assert_eq!(
            ms_of(e.at - start),
            e.t_ms,
            "no pauses: session time is wall time"
        );
    }
}

#[test]
fn irregular_polling_gives_the_same_events_at_the_same_instants() {
    let s = session("4-1-X-0.5", 6, 3, 20, 3);
    let start = Instant::now();
    let exact = run_to_end(&mut Engine::new(s.clone(), start));
    let mut engine = Engine::new(s, start);
    let mut polled = Vec::new();
    let mut now = start;
    while !engine.is_done() {
        now += Duration::from_millis(997);
        polled.extend(engine.advance(now));
    }
    assert_eq!(polled, exact);
}

#[test]
fn one_late_advance_after_a_stall_returns_the_whole_ordered_list() {
    let s = session("4-0-1-0", 8, 3, 90, 5);
    let start = Instant::now();
    let mut stepwise = Engine::new(s.clone(), start);
    let mut want = Vec::new();
    while let Some(due) = stepwise.next_deadline() {
        if due > start + Duration::from_secs(30) {
            break;
        }
        want.extend(stepwise.advance(due));
    }
    let mut late = Engine::new(s, start);
    let got = late.advance(start + Duration::from_secs(30));
    assert_eq!(got, want);
    // 0 count_in, 5 lift, 6 lower + 4 counts, 10 rep done, lift... up to 30 s.
    assert!(got.len() > 20);
    assert!(got.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(
        got.last().map(|e| e.at),
        Some(start + Duration::from_secs(30))
    );
}

#[test]
fn advancing_twice_with_the_same_now_changes_nothing() {
    let s = session("4-0-1-0", 8, 3, 90, 5);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let now = start + Duration::from_millis(12_345);
    assert!(!engine.advance(now).is_empty());
    let before = format!("{engine:?}");
    assert!(engine.advance(now).is_empty());
    assert_eq!(format!("{engine:?}"), before);
    assert_eq!(engine.status(now), engine.status(now));
}

#[test]
fn counts_fall_on_whole_seconds_of_the_lowering_before_the_next_phase() {
    let s = session("4-0-1-0", 1, 1, 0, 0);
    let start = Instant::now();
    let events = run_to_end(&mut Engine::new(s, start));
    let kinds: Vec<String> = events
        .iter()
        .map(|e| match &e.kind {
            EventKind::PhaseStarted(st) => format!("{}@{}", st.phase, (e.at - start).as_millis()),
            EventKind::Count { n, .. } => format!("count{n}@{}", (e.at - start).as_millis()),
            EventKind::RepDone { rep, .. } => format!("rep{rep}"),
            EventKind::SetDone(s) => format!("set{}:{}", s.set, s.tut_ms),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "lift@0",
            "lower@1000",
            "count1@2000",
            "count2@3000",
            "count3@4000",
            "count4@5000",
            "rep1",
            "set1:5000",
            "done@5000",
            "SessionDone"
        ]
    );
}

#[test]
fn a_fractional_lowering_counts_only_whole_seconds() {
    let s = session("2.5-0-1-0", 1, 1, 0, 0);
    let events = simulate(&s, Instant::now());
    let counts = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Count { .. }))
        .count();
    assert_eq!(counts, 2);
}

#[test]
fn pause_shifts_later_events_by_exactly_the_paused_span() {
    let s = session("4-0-1-0", 8, 2, 30, 5);
    let start = Instant::now();
    let plain = run_to_end(&mut Engine::new(s.clone(), start));
    let pause_at = start + Duration::from_millis(7_300);
    let span = Duration::from_nanos(12_345_678_901);
    let mut engine = Engine::new(s, start);
    let mut events = engine.advance(pause_at);
    events.extend(engine.command(Command::TogglePause, pause_at));
    assert!(engine.is_paused());
    assert_eq!(engine.next_deadline(), None);
    assert!(engine.advance(pause_at + span / 2).is_empty());
    let st = engine.status(pause_at + span / 2);
    assert_eq!(st.elapsed_ms, 1_300, "clock stopped");
    events.extend(engine.command(Command::TogglePause, pause_at + span));
    events.extend(run_to_end(&mut engine));
    let shifted: Vec<Event> = events
        .into_iter()
        .filter(|e| !matches!(e.kind, EventKind::Paused | EventKind::Resumed))
        .collect();
    assert_eq!(shifted.len(), plain.len());
    for (got, want) in shifted.iter().zip(&plain) {
        let expected = if want.at <= pause_at {
            want.at
        } else {
            want.at + span
        };
        assert_eq!(got.at, expected);
        assert_eq!(got.t_ms, want.t_ms, "session time leaves pauses out");
        assert_eq!(got.kind, want.kind);
    }
}

#[test]
fn longer_lowering_applies_from_the_next_rep_on() {
    let s = session("4-0-1-0", 3, 2, 10, 0);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let now = start + Duration::from_millis(2_500); // rep 1, lowering
    engine.advance(now);
    let ev = engine.command(Command::Longer, now);
    assert!(
        ev.iter()
            .any(|e| e.kind == EventKind::LoweringChanged { lower_ms: 4500 })
    );
    assert_eq!(engine.status(now).remaining_ms, 2_500);
    let rest = run_to_end(&mut engine);
    let lowers: Vec<(u16, u16, u32)> = rest
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::PhaseStarted(st) if st.phase == Phase::Lower => {
                Some((st.set, st.rep, st.ms))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        lowers,
        [
            (1, 2, 4500),
            (1, 3, 4500),
            (2, 1, 4500),
            (2, 2, 4500),
            (2, 3, 4500)
        ]
    );
    // Rep 1 ended on its old plan: 1 s lift + 4 s lower.
    let first_done = rest
        .iter()
        .find(|e| matches!(e.kind, EventKind::RepDone { rep: 1, .. }))
        .map(|e| e.at);
    assert_eq!(first_done, Some(start + Duration::from_secs(5)));
}

#[test]
fn shorter_lowering_stops_at_zero_and_never_empties_a_rep() {
    let s = session("0.5-0-0-0.5", 2, 1, 0, 0);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    engine.advance(start);
    engine.command(Command::Shorter, start);
    assert_eq!(engine.session().tempo.lower, 0);
    engine.command(Command::Shorter, start);
    assert_eq!(engine.session().tempo.lower, 0);
    let s = session("0.5-0-0-0", 2, 1, 0, 0);
    let mut engine = Engine::new(s, start);
    engine.advance(start);
    let ev = engine.command(Command::Shorter, start);
    assert_eq!(engine.session().tempo.lower, 500, "a rep must last");
    assert!(ev.is_empty());
}

#[test]
fn skip_ends_the_rest_now_and_the_next_set_starts() {
    let s = session("1-0-1-0", 2, 2, 60, 0);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let in_rest = start + Duration::from_secs(10);
    engine.advance(in_rest);
    assert_eq!(engine.status(in_rest).step.phase, Phase::Rest);
    let ev = engine.command(Command::Skip, in_rest);
    let started = ev.iter().find_map(|e| match e.kind {
        EventKind::PhaseStarted(st) => Some((st.phase, st.set, st.rep, e.at)),
        _ => None,
    });
    assert_eq!(started, Some((Phase::Lift, 2, 1, in_rest)));
    let rest = run_to_end(&mut engine);
    let done = rest
        .iter()
        .find(|e| e.kind == EventKind::SessionDone)
        .map(|e| e.at);
    assert_eq!(done, Some(in_rest + Duration::from_secs(4)));
}

#[test]
fn restart_set_begins_again_from_rep_one_after_a_count_in() {
    let s = session("2-0-1-0", 4, 2, 30, 3);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let now = start + Duration::from_millis(10_500); // set 1, rep 3 (9-12 s)
    engine.advance(now);
    let before = engine.status(now);
    assert_eq!((before.step.set, before.step.rep), (1, 3));
    assert_eq!(before.set_reps, 2);
    let ev = engine.command(Command::RestartSet, now);
    let cut_short = ev.iter().find_map(|e| match e.kind {
        EventKind::SetRestarted {
            block: 1,
            set: 1,
            cut_short,
        } => Some(cut_short),
        _ => None,
    });
    // Two reps and a half were done: that attempt is kept, marked.
    let cut = cut_short.flatten().expect("the attempt cut short");
    assert_eq!(
        (cut.set, cut.reps_done, cut.tut_ms, cut.attempt),
        (1, 2, 7_500, Attempt::Restarted)
    );
    let after = engine.status(now);
    assert_eq!((after.step.phase, after.step.set), (Phase::CountIn, 1));
    assert_eq!((after.set_reps, after.set_tut_ms), (0, 0));
    let rest = run_to_end(&mut engine);
    let first = rest.iter().find_map(|e| match e.kind {
        EventKind::PhaseStarted(st) => Some((st.phase, st.set, st.rep, e.at)),
        _ => None,
    });
    assert_eq!(
        first,
        Some((Phase::Lift, 1, 1, now + Duration::from_secs(3)))
    );
    let set1 = rest.iter().find_map(|e| match e.kind {
        EventKind::SetDone(s) if s.set == 1 => Some(s),
        _ => None,
    });
    assert_eq!(
        set1.map(|s| (s.reps_done, s.tut_ms, s.attempt)),
        Some((4, 12_000, Attempt::Planned)),
        "the attempt after one cut short is the set as planned"
    );
    let summary = engine.summary(now + Duration::from_secs(3600));
    let attempts: Vec<(u16, u16, Attempt)> = summary
        .sets
        .iter()
        .map(|s| (s.set, s.reps_done, s.attempt))
        .collect();
    assert_eq!(
        attempts,
        [
            (1, 2, Attempt::Restarted),
            (1, 4, Attempt::Planned),
            (2, 4, Attempt::Planned)
        ]
    );
    assert_eq!(summary.sets_done(), 2, "a restarted attempt is no set");
    assert_eq!(summary.reps(), 10, "but its reps were done");
}

#[test]
fn restart_in_the_rest_does_the_set_just_done_again_as_a_redo() {
    // 2 sets of 2 reps of 3 s (lift 1, lower 2), count-in 3, rest 30:
    // set 1 ends at 9 s, the rest runs to 39 s.
    let s = session("2-0-1-0", 2, 2, 30, 3);
    let start = Instant::now();
    let at = |ms: u64| start + Duration::from_millis(ms);
    let mut engine = Engine::new(s, start);
    let done: Vec<SetSummary> = engine
        .advance(at(10_000))
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::SetDone(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].attempt, Attempt::Planned);
    assert_eq!(engine.status(at(10_000)).step.phase, Phase::Rest);
    let ev = engine.command(Command::RestartSet, at(10_000));
    assert!(
        ev.iter().any(|e| e.kind
            == EventKind::SetRestarted {
                block: 1,
                set: 1,
                cut_short: None
            }),
        "nothing was cut short: set 1 was complete, {ev:?}"
    );
    // Stopped in the redo's count-in: set 1 stays done.
    let summary = engine.summary(at(11_000));
    assert_eq!((summary.sets_done(), summary.partial), (1, None));
    // A restart in the redo's count-in keeps it a redo, and cuts nothing.
    let ev = engine.command(Command::RestartSet, at(11_000));
    assert!(ev.iter().any(|e| e.kind
        == EventKind::SetRestarted {
            block: 1,
            set: 1,
            cut_short: None
        }));
    // The redo: count-in 11-14 s, rep 1 14-17 s, rep 2 17-20 s.
    engine.advance(at(16_500));
    let summary = engine.summary(at(16_500));
    let partial = summary.partial.expect("the redo in progress");
    assert_eq!(
        (
            partial.set,
            partial.reps_done,
            partial.tut_ms,
            partial.attempt
        ),
        (1, 0, 2_500, Attempt::Redo)
    );
    assert_eq!(summary.sets_done(), 1);
    let redo = engine
        .advance(at(20_000))
        .iter()
        .find_map(|e| match e.kind {
            EventKind::SetDone(s) => Some(s),
            _ => None,
        });
    assert_eq!(
        redo.map(|s| (s.set, s.reps_done, s.attempt)),
        Some((1, 2, Attempt::Redo))
    );
    run_to_end(&mut engine);
    let summary = engine.summary(at(3_600_000));
    let attempts: Vec<(u16, Attempt)> = summary.sets.iter().map(|s| (s.set, s.attempt)).collect();
    assert_eq!(
        attempts,
        [
            (1, Attempt::Planned),
            (1, Attempt::Redo),
            (2, Attempt::Planned)
        ]
    );
    assert_eq!(summary.sets_done(), 2, "a redone set counts once");
}

#[test]
fn an_attempt_restarted_before_anything_was_done_is_not_kept() {
    // Count-in 3 s, then rep 1's lift (1 s): restarted half a second in.
    let s = session("2-0-1-0", 2, 1, 0, 3);
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let now = start + Duration::from_millis(3_500);
    engine.advance(now);
    let ev = engine.command(Command::RestartSet, now);
    assert!(ev.iter().any(|e| e.kind
        == EventKind::SetRestarted {
            block: 1,
            set: 1,
            cut_short: None
        }));
    run_to_end(&mut engine);
    let summary = engine.summary(now + Duration::from_secs(60));
    let attempts: Vec<Attempt> = summary.sets.iter().map(|s| s.attempt).collect();
    assert_eq!(attempts, [Attempt::Planned]);
    // In the count-in before set 1, a restart cuts nothing either.
    let mut engine = Engine::new(session("2-0-1-0", 2, 1, 0, 3), start);
    let now = start + Duration::from_secs(1);
    engine.advance(now);
    let ev = engine.command(Command::RestartSet, now);
    assert!(ev.iter().any(|e| matches!(
        e.kind,
        EventKind::SetRestarted {
            cut_short: None,
            ..
        }
    )));
    run_to_end(&mut engine);
    let attempts: Vec<Attempt> = engine
        .summary(now + Duration::from_secs(60))
        .sets
        .iter()
        .map(|s| s.attempt)
        .collect();
    assert_eq!(attempts, [Attempt::Planned], "not a redo");
}

#[test]
fn manual_lift_waits_for_the_lifter_then_lowers() {
    let mut s = session("7-0-1-0", 2, 1, 0, 0);
    s.tempo.lift = crate::timing::tempo::Lift::Manual;
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    engine.advance(start);
    assert_eq!(engine.next_deadline(), None);
    let later = start + Duration::from_secs(42);
    assert!(engine.advance(later).is_empty());
    let st = engine.status(later);
    assert!(st.waiting);
    assert_eq!(st.set_tut_ms, 0, "the partner's lift is not TUT");
    assert!(engine.command(Command::Skip, later).iter().any(
        |e| matches!(e.kind, EventKind::PhaseStarted(st) if st.phase == Phase::Lower)
            && e.at == later
    ));
    assert_eq!(engine.next_deadline(), Some(later + Duration::from_secs(1)));
    let rest = run_to_end(&mut engine);
    assert!(
        matches!(rest.last().map(|e| &e.kind), Some(EventKind::PhaseStarted(st)) if st.manual && st.rep == 2),
        "rep 2 waits again"
    );
    assert_eq!(engine.next_deadline(), None);
    let at = later + Duration::from_secs(7);
    assert!(engine.status(at).waiting);
    engine.command(Command::Proceed, at + Duration::from_secs(3));
    let end = run_to_end(&mut engine);
    let summary = end.iter().find_map(|e| match e.kind {
        EventKind::SetDone(s) => Some(s),
        _ => None,
    });
    assert_eq!(summary.map(|s| (s.reps_done, s.tut_ms)), Some((2, 14_000)));
}

#[test]
fn summary_reports_a_set_stopped_part_way() {
    let s = Session {
        start: Start::Lower,
        ..session("3-0-1-0", 5, 2, 30, 0)
    };
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let now = start + Duration::from_millis(4_000 * 5 + 30_000 + 4_000 * 2 + 1_500);
    engine.advance(now);
    let summary = engine.summary(now);
    assert_eq!(summary.sets.len(), 1);
    assert_eq!(summary.sets[0].tut_ms, 20_000);
    let partial = summary.partial.expect("set 2 in progress");
    assert_eq!((partial.set, partial.reps_done), (2, 2));
    assert_eq!(partial.tut_ms, 9_500);
    assert_eq!(summary.reps(), 7);
    assert_eq!(summary.tut_ms(), 29_500);
}

#[test]
fn simulate_matches_the_spine_example() {
    let s = session("4-0-1-0", 8, 3, 90, 5);
    let events = simulate(&s, Instant::now());
    let phases = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::PhaseStarted(_)))
        .count();
    assert_eq!(phases, 52);
    assert_eq!(events.last().map(|e| e.t_ms), Some(305_000));
}

#[test]
fn count_in_and_rest_count_down_their_last_three_seconds() {
    let s = session("1-0-1-0", 1, 2, 10, 2);
    let start = Instant::now();
    let events = run_to_end(&mut Engine::new(s, start));
    let downs: Vec<(u128, u32, u16)> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Countdown { n, set, .. } => Some(((e.at - start).as_millis(), n, set)),
            _ => None,
        })
        .collect();
    // Count-in of 2 s: only 2 and 1. Rest 4-14 s: 3, 2, 1 before set 2.
    assert_eq!(
        downs,
        [
            (0, 2, 1),
            (1000, 1, 1),
            (11_000, 3, 2),
            (12_000, 2, 2),
            (13_000, 1, 2)
        ]
    );
}

#[test]
fn a_skipped_rest_drops_its_countdown_and_a_pause_shifts_it() {
    let s = session("1-0-1-0", 1, 2, 10, 0);
    let start = Instant::now();
    let mut engine = Engine::new(s.clone(), start);
    let in_rest = start + Duration::from_secs(3);
    engine.advance(in_rest);
    let ev = engine.command(Command::Skip, in_rest);
    let rest = run_to_end(&mut engine);
    assert!(
        ev.iter()
            .chain(&rest)
            .all(|e| !matches!(e.kind, EventKind::Countdown { .. }))
    );
    let mut engine = Engine::new(s, start);
    engine.advance(in_rest);
    engine.command(Command::TogglePause, in_rest);
    engine.command(Command::TogglePause, in_rest + Duration::from_secs(5));
    let first = run_to_end(&mut engine)
        .into_iter()
        .find(|e| matches!(e.kind, EventKind::Countdown { n: 3, .. }))
        .map(|e| e.at - start);
    // Rest 2-12 s: "3" was due at 9 s, and the 5 s pause moves it to 14 s.
    assert_eq!(first, Some(Duration::from_secs(9 + 5)));
}

#[test]
fn a_command_before_the_start_counts_from_the_start() {
    let s = session("2-0-1-0", 2, 1, 0, 5);
    let origin = Instant::now();
    let start = origin + Duration::from_millis(56);
    let mut engine = Engine::new(s, start);
    assert!(engine.advance(origin).is_empty(), "not started yet");
    let ev = engine.command(Command::TogglePause, origin + Duration::from_millis(10));
    assert!(engine.is_paused(), "a pause before the start still pauses");
    assert_eq!(
        ev.last().map(|e| (e.at, &e.kind)),
        Some((start, &EventKind::Paused))
    );
    let resume = start + Duration::from_secs(3);
    engine.command(Command::TogglePause, resume);
    let first_lift = run_to_end(&mut engine)
        .into_iter()
        .find_map(|e| match e.kind {
            EventKind::PhaseStarted(st) if st.phase == Phase::Lift => Some(e.at),
            _ => None,
        });
    assert_eq!(
        first_lift,
        Some(resume + Duration::from_secs(5)),
        "the count-in starts at the resume"
    );
}

/// A block of `session`, named, with a changeover of `changeover_s` after it.
fn block(name: &str, session: Session, changeover_s: u32) -> crate::timing::workout::Block {
    crate::timing::workout::Block {
        session,
        exercise: Some(name.to_string()),
        changeover_ms: changeover_s * 1000,
        ..crate::timing::workout::Block::default()
    }
}

fn three_blocks() -> Workout {
    Workout {
        name: Some("push".into()),
        blocks: vec![
            block("squat", session("5-0-X-0", 30, 12, 180, 10), 300),
            block("bench", session("4-1-1-0", 30, 12, 150, 0), 0),
            block("curl", session("3-0-1-1", 30, 12, 120, 0), 240),
        ],
        from: 1,
        run_as: None,
        protocol: false,
    }
}

/// Every event the workout's step list says should happen, with its offset
/// from the start summed from the steps alone (not by the engine).
fn planned_workout(workout: &Workout) -> Vec<(Duration, String)> {
    let mut out = Vec::new();
    let mut t = Duration::ZERO;
    for step in workout.steps(false) {
        out.push((t, format!("{} {}", step.block, step.phase)));
        if step.phase == Phase::Lower {
            for n in 1..=step.ms / 1000 {
                out.push((t + Duration::from_secs(n.into()), format!("count {n}")));
            }
        }
        t += Duration::from_millis(step.ms.into());
    }
    out
}

#[test]
fn a_three_block_workout_with_changeovers_lands_every_event_exactly_over_3_hours() {
    let workout = three_blocks();
    let start = Instant::now();
    let mut engine = Engine::live(workout.clone(), start);
    // Polled late by 0-4 ms, as a busy machine would.
    let mut events = Vec::new();
    let mut late = 0u64;
    while let Some(due) = engine.next_deadline() {
        late = (late * 7 + 3) % 5;
        events.extend(engine.advance(due + Duration::from_millis(late)));
    }
    let seen: Vec<(Duration, String)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PhaseStarted(s) => Some((e.at - start, format!("{} {}", s.block, s.phase))),
            EventKind::Count { n, .. } => Some((e.at - start, format!("count {n}"))),
            _ => None,
        })
        .collect();
    let want = planned_workout(&workout);
    assert_eq!(seen, want);
    let end = want.last().map(|(t, _)| *t).unwrap_or_default();
    assert!(end > Duration::from_secs(3 * 3600), "{end:?}");
    // Two changeovers? No: the second block goes straight on (0 s).
    let changeovers: Vec<u16> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PhaseStarted(s) if s.phase == Phase::Changeover => Some(s.block),
            _ => None,
        })
        .collect();
    assert_eq!(changeovers, [1]);
    // The changeover counts down into block 2, set 1.
    assert!(events.iter().any(|e| e.kind
        == EventKind::Countdown {
            n: 1,
            block: 2,
            set: 1
        }));
    let sets: Vec<(u16, u16)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SetDone(s) => Some((s.block, s.set)),
            _ => None,
        })
        .collect();
    assert_eq!(sets.len(), 3 * 12);
    assert_eq!(sets[12], (2, 1));
    let summary = engine.summary(events.last().map_or(start, |e| e.at));
    assert_eq!((summary.sets.len(), summary.sets_planned), (36, 36));
    // plan's simulation walks the very same timeline.
    assert_eq!(simulate_workout(&workout, start), {
        let mut e = Engine::planned(workout, start);
        let mut out = Vec::new();
        while let Some(due) = e.next_deadline() {
            out.extend(e.advance(due));
        }
        out
    });
}

fn open_ended(reps: u16) -> Session {
    Session {
        open_ended: true,
        ..session("2-0-1-0", reps, 2, 30, 0)
    }
}

#[test]
fn an_open_ended_set_runs_past_its_plan_live_and_to_its_plan_in_the_plan() {
    let start = Instant::now();
    let planned_reps = simulate(&open_ended(4), start)
        .iter()
        .filter(|e| matches!(e.kind, EventKind::RepDone { set: 1, .. }))
        .count();
    assert_eq!(planned_reps, 4);
    let mut engine = Engine::new(open_ended(4), start);
    let events = run_to_end(&mut engine);
    let done: Vec<SetSummary> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SetDone(s) => Some(*s),
            _ => None,
        })
        .collect();
    // Never ended by the lifter, a set stops at its cap: 3 × 4 reps.
    assert_eq!(done[0].reps_done, 12);
    assert_eq!(done[0].reps_planned, 4);
    assert!(done[0].open_ended && done[0].ended.is_none());
}

/// Runs `session` live to `at` after the start, then ends the set there.
fn end_set_at(session: Session, at: Duration) -> (Engine, Vec<Event>, Instant) {
    let start = Instant::now();
    let mut engine = Engine::new(session, start);
    let mut events = engine.advance(start + at);
    events.extend(engine.command(Command::EndSet, start + at));
    (engine, events, start)
}

#[test]
fn ending_the_set_in_each_phase_keeps_what_was_done_and_goes_on() {
    // 3-1-1-1, start with the lift: lift 0-1, top 1-2, lower 2-5, bottom 5-6.
    let s = Session {
        open_ended: true,
        ..session("3-1-1-1", 5, 3, 60, 0)
    };
    // Six whole reps of 6 s, then into the 7th.
    let six = 6 * 6000;
    let cases = [
        (six + 500, Phase::Lift, 500),
        (six + 1250, Phase::TopPause, 250),
        (six + 4200, Phase::Lower, 2200),
        (six + 5900, Phase::BottomPause, 900),
    ];
    for (at, phase, into_ms) in cases {
        let (engine, events, _) = end_set_at(s.clone(), Duration::from_millis(at));
        let done: Vec<SetSummary> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::SetDone(s) => Some(*s),
                _ => None,
            })
            .collect();
        assert_eq!(done.len(), 1, "{phase:?}");
        let d = done[0];
        assert_eq!((d.block, d.set, d.reps_done), (1, 1, 6), "{phase:?}");
        let ended = d.ended.expect("ended by the lifter");
        assert_eq!((ended.rep, ended.phase, ended.into_ms), (7, phase, into_ms),);
        // Time under tension: every phase is under load here, so all of it.
        assert_eq!(d.tut_ms, at, "{phase:?}");
        // Then the rest after set 1, starting at the instant it ended.
        let last = events.last().expect("events");
        assert_eq!(
            last.kind,
            EventKind::PhaseStarted(Step {
                phase: Phase::Rest,
                block: 1,
                set: 1,
                rep: 0,
                ms: 60_000,
                manual: false,
                partner: false,
                extra: false,
            }),
            "{phase:?}"
        );
        let summary = engine.summary(last.at);
        assert_eq!(summary.sets.len(), 1);
        assert!(summary.partial.is_none());
    }
}

#[test]
fn ending_the_last_set_goes_to_the_changeover_or_the_end() {
    let workout = Workout {
        name: None,
        blocks: vec![
            block("squat", session("2-0-1-0", 3, 1, 0, 0), 90),
            block("curl", session("2-0-1-0", 3, 1, 0, 0), 0),
        ],
        from: 1,
        run_as: None,
        protocol: false,
    };
    let start = Instant::now();
    let mut engine = Engine::live(workout, start);
    let mut events = engine.advance(start + Duration::from_millis(4000));
    events.extend(engine.command(Command::EndSet, start + Duration::from_millis(4000)));
    let phases: Vec<(u16, Phase)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PhaseStarted(s) => Some((s.block, s.phase)),
            _ => None,
        })
        .collect();
    assert_eq!(phases.last(), Some(&(1, Phase::Changeover)));
    // In the changeover, "end the set" does nothing.
    let none = engine.command(Command::EndSet, start + Duration::from_millis(5000));
    assert!(none.is_empty(), "{none:?}");
    // Skip the changeover, end block 2's only set: the workout is over.
    engine.command(Command::Skip, start + Duration::from_millis(6000));
    let last = engine.command(Command::EndSet, start + Duration::from_millis(6500));
    assert!(
        last.iter().any(|e| e.kind == EventKind::SessionDone),
        "{last:?}"
    );
    assert!(engine.is_done());
    let summary = engine.summary(start + Duration::from_millis(6500));
    assert_eq!(summary.sets.len(), 2);
    assert_eq!(summary.sets[1].block, 2);
    assert_eq!(summary.sets[1].reps_done, 0);
}

#[test]
fn a_timed_partner_s_lift_lands_exactly_and_a_key_shortens_it() {
    // 6-0-P-0, starting with the lowering: lower 6 s, the partner's lift
    // 3 s (no tension), then the next rep's lowering starts on its own.
    let s = Session {
        tempo: "6-0-P-0".parse().expect("tempo"),
        start: Start::Lower,
        reps: 2,
        sets: 1,
        count_in_ms: 0,
        ..Session::default()
    };
    let start = Instant::now();
    let mut engine = Engine::new(s.clone(), start);
    let events = run_to_end(&mut engine);
    let phases: Vec<(u128, Phase, bool)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PhaseStarted(st) => Some(((e.at - start).as_millis(), st.phase, st.partner)),
            _ => None,
        })
        .collect();
    assert_eq!(
        phases,
        [
            (0, Phase::Lower, false),
            (6_000, Phase::Lift, true),
            (9_000, Phase::Lower, false),
            (15_000, Phase::Lift, true),
            (18_000, Phase::Done, false),
        ]
    );
    let summary = engine.summary(start + Duration::from_secs(18));
    assert_eq!(
        summary.sets[0].tut_ms, 12_000,
        "the partner's lifts are no TUT"
    );
    // A key 1.2 s into the partner's lift starts the lowering then.
    let mut engine = Engine::new(s, start);
    let at = start + Duration::from_millis(7_200);
    engine.advance(at);
    let ev = engine.command(Command::Proceed, at);
    assert!(
        ev.iter().any(|e| e.at == at
            && matches!(&e.kind, EventKind::PhaseStarted(st) if st.phase == Phase::Lower && st.rep == 2)),
        "{ev:?}"
    );
    assert_eq!(
        engine.next_deadline(),
        Some(at + Duration::from_secs(1)),
        "count 1"
    );
    // Proceed does nothing outside a partner's lift.
    assert!(
        engine
            .command(Command::Proceed, at + Duration::from_millis(500))
            .is_empty()
    );
}

#[test]
fn a_skipped_rest_counts_in_before_rep_one() {
    // The default count-in (5 s): a skipped rest counts in for 3 s.
    let s = Session {
        count_in_ms: Session::default().count_in_ms,
        ..session("1-0-1-0", 1, 2, 60, 0)
    };
    let start = Instant::now();
    let mut engine = Engine::new(s.clone(), start);
    let in_rest = start + Duration::from_secs(10);
    engine.advance(in_rest);
    assert_eq!(engine.status(in_rest).step.phase, Phase::Rest);
    let ev = engine.command(Command::Skip, in_rest);
    let started: Vec<(Phase, u16, u32)> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::PhaseStarted(st) => Some((st.phase, st.set, st.ms)),
            _ => None,
        })
        .collect();
    assert_eq!(started, [(Phase::CountIn, 2, SKIP_COUNT_IN_MS)]);
    let rest = run_to_end(&mut engine);
    let countdown: Vec<(u32, Duration)> = rest
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Countdown { n, .. } => Some((n, e.at - in_rest)),
            _ => None,
        })
        .collect();
    assert_eq!(
        countdown,
        [
            (3, Duration::ZERO),
            (2, Duration::from_secs(1)),
            (1, Duration::from_secs(2))
        ],
        "spoken and shown"
    );
    let lift = rest.iter().find_map(|e| match e.kind {
        EventKind::PhaseStarted(st) if st.phase == Phase::Lift => Some((st.set, e.at)),
        _ => None,
    });
    assert_eq!(lift, Some((2, in_rest + Duration::from_secs(3))));
    // A set count-in of its own is used instead; never longer than the
    // rest that was left.
    for (count_in_s, skip_at_s, want_ms) in [(8, 10, 8_000), (8, 60, 2_000), (2, 10, 2_000)] {
        let s = session("1-0-1-0", 1, 2, 60, count_in_s);
        let mut engine = Engine::new(s, start);
        // The first set starts after its count-in.
        let at = start + Duration::from_secs(u64::from(count_in_s) + skip_at_s);
        engine.advance(at);
        let ev = engine.command(Command::Skip, at);
        let first = ev.iter().find_map(|e| match e.kind {
            EventKind::PhaseStarted(st) => Some((st.phase, st.ms)),
            _ => None,
        });
        assert_eq!(
            first,
            Some((Phase::CountIn, want_ms)),
            "count-in {count_in_s} s, skipped {skip_at_s} s into the rest"
        );
    }
}

#[test]
fn each_set_of_a_block_with_its_own_reps_runs_to_them_and_the_last_open_one_to_its_cap() {
    use crate::timing::plan::SetReps;
    let mut s = session("1-0-1-0", 8, 1, 10, 0);
    s.set_each(vec![
        SetReps {
            reps: 3,
            open_ended: false,
        },
        SetReps {
            reps: 1,
            open_ended: false,
        },
        SetReps {
            reps: 2,
            open_ended: true,
        },
    ]);
    assert_eq!((s.sets, s.reps, s.planned_reps()), (3, 3, 6));
    assert_eq!(s.reps_text(), "3/1/2+");
    let start = Instant::now();
    let mut engine = Engine::new(s, start);
    let done: Vec<(u16, u16, u16, bool)> = run_to_end(&mut engine)
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SetDone(d) => Some((d.set, d.reps_done, d.reps_planned, d.open_ended)),
            _ => None,
        })
        .collect();
    // The open-ended third set, never ended, runs to three times its 2.
    assert_eq!(done, [(1, 3, 3, false), (2, 1, 1, false), (3, 6, 2, true)]);
}
