//! The number on screen is the number in the ear: at every instant the
//! voice says a number, the full-screen view shows that number from then
//! until the next, and `--plain` prints it, whichever way the lowering is
//! counted and at every lowering from 2 to 10 s.

use std::time::{Duration, Instant};

use repcadence::audio::cues::{Bank, Cue, Settings};
use repcadence::audio::script::planned;
use repcadence::present::plain;
use repcadence::timing::counting::{Counting, Voice};
use repcadence::timing::engine::{Engine, simulate_workout};
use repcadence::timing::plan::{Session, Start};
use repcadence::timing::workout::Workout;
use repcadence::ui::View;

fn workout(lower: u32, start: Start) -> Workout {
    Workout::single(Session {
        tempo: format!("{lower}-1-1-0").parse().expect("tempo"),
        reps: 2,
        sets: 2,
        rest_ms: 6000,
        count_in_ms: 4000,
        start,
        ..Session::default()
    })
}

/// The big number the view shows `after` past `t`.
fn shown(w: &Workout, origin: Instant, t: Duration, counting: Counting) -> Option<String> {
    let mut engine = Engine::planned(w.clone(), origin);
    let now = origin + t;
    engine.advance(now);
    let mut view = View::new(engine.status(now), engine.session());
    view.counting = counting;
    view.countdown()
}

#[test]
fn every_number_said_is_the_number_shown_until_the_next_and_the_one_printed() {
    let bank = Bank::new();
    for lower in 2..=10 {
        for start in [Start::Lower, Start::Lift] {
            for counting in [Counting::Up, Counting::Down] {
                let w = workout(lower, start);
                let origin = Instant::now();
                let settings = Settings {
                    voice: Voice::Counts,
                    counting,
                    ..Settings::default()
                };
                let events = simulate_workout(&w, origin);
                let said: Vec<(Duration, u8)> = planned(&w, &settings, origin, &bank)
                    .into_iter()
                    .filter_map(|(t, s)| match s.cue {
                        Cue::Number(n) => Some((t, n)),
                        _ => None,
                    })
                    .collect();
                // 2 sets × 2 reps, every second of the lowering; 3, 2, 1
                // before each set.
                assert_eq!(said.len(), 4 * lower as usize + 2 * 3, "{lower} {counting}");
                for (t, n) in &said {
                    // From just after the word starts until just before
                    // the next second, the screen shows it.
                    for after in [1, 500, 990] {
                        let at = *t + Duration::from_millis(after);
                        assert_eq!(
                            shown(&w, origin, at, counting),
                            Some(n.to_string()),
                            "{lower} s {start:?} {counting}: said {n} at {t:?}, shown at {at:?}"
                        );
                    }
                }
                // --plain prints each count the voice says, at its time.
                let printed: Vec<String> = events
                    .iter()
                    .flat_map(|e| plain::lines(e, &w, counting))
                    .filter(|l| l.contains(" count "))
                    .collect();
                let counts: Vec<String> = said
                    .iter()
                    .filter(|(t, _)| {
                        // Countdown numbers print as `countdown N` lines.
                        !events.iter().any(|e| {
                            e.t_ms == repcadence::timing::units::ms_of(*t)
                                && matches!(
                                    e.kind,
                                    repcadence::timing::engine::EventKind::Countdown { .. }
                                )
                        })
                    })
                    .map(|(t, n)| {
                        let ms = t.as_millis();
                        format!("00:{:02}.{:03} count {n}", ms / 1000, ms % 1000)
                    })
                    .collect();
                assert_eq!(printed, counts, "{lower} {counting}");
            }
        }
    }
}

/// The rep the view shows (`2/2`) `t` into the session.
fn rep_shown(w: &Workout, origin: Instant, t: Duration) -> Option<String> {
    let mut engine = Engine::planned(w.clone(), origin);
    let now = origin + t;
    engine.advance(now);
    View::new(engine.status(now), engine.session()).rep()
}

#[test]
fn every_rep_said_is_the_rep_shown_and_printed_and_never_next_to_a_count() {
    let bank = Bank::new();
    for lower in 2..=10 {
        for start in [Start::Lower, Start::Lift] {
            let w = workout(lower, start);
            let origin = Instant::now();
            let sounds = planned(&w, &Settings::default(), origin, &bank);
            use repcadence::audio::voice::Word;
            let reps: Vec<(Duration, u8)> = sounds
                .windows(2)
                .filter_map(|pair| match (pair[0].1.cue, pair[1].1.cue) {
                    (Cue::Word(Word::Rep), Cue::Number(n)) => Some((pair[0].0, n)),
                    // A lift that starts the last rep says "last rep".
                    (Cue::Word(Word::LastRep), _) if start == Start::Lift => Some((pair[0].0, 2)),
                    _ => None,
                })
                .collect();
            // Every rep of both sets is named at its lift.
            assert_eq!(
                reps.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
                [1, 2, 1, 2],
                "{lower} s {start:?}"
            );
            let events = simulate_workout(&w, origin);
            for (t, n) in &reps {
                let at = *t + Duration::from_millis(1);
                assert_eq!(
                    rep_shown(&w, origin, at),
                    Some(format!("{n}/2")),
                    "{lower} s {start:?}: said rep {n} at {t:?}"
                );
                // --plain prints that rep's lift at the same instant.
                let ms = t.as_millis();
                let line = format!("00:{:02}.{:03} lift ", ms / 1000, ms % 1000);
                let printed: Vec<String> = events
                    .iter()
                    .flat_map(|e| plain::lines(e, &w, Counting::Up))
                    .filter(|l| l.starts_with(&line))
                    .collect();
                assert!(
                    printed.len() == 1 && printed[0].contains(&format!("rep {n}/2")),
                    "{lower} s {start:?}: {printed:?}"
                );
                // No count shares its instant: a rep's number is never a
                // count's.
                assert!(
                    !sounds
                        .iter()
                        .any(|(at, s)| at == t && matches!(s.cue, Cue::Number(_)) && s.delay == 0),
                    "{lower} s {start:?}: a count at {t:?}"
                );
            }
        }
    }
}
