//! Engine drift over a simulated ten-hour session: `bench/run` runs this.
//!
//! The engine is polled the way the app loop polls it, on a fake clock: it
//! wakes a little late after each deadline (0-4 ms, as a real sleep does)
//! and now and then at some moment in between (a key press, a redraw).
//! Every phase and count must land on the instant worked out from the step
//! lengths alone, to the nanosecond, however long the session runs.
//!
//!     cargo run --release --example drift
//!
//! Prints one line of `key=value` figures; exits 1 if any event is off.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use repcadence::timing::engine::{Engine, EventKind};
use repcadence::timing::plan::{Phase, Session};

fn main() -> ExitCode {
    // 35 sets of 100 reps at 7-1-1-1 with 60 s rest: 10.3 hours.
    let session = Session {
        tempo: "7-1-1-1".parse().expect("a valid tempo"),
        reps: 100,
        sets: 35,
        rest_ms: 60_000,
        count_in_ms: 5_000,
        ..Session::default()
    };

    // The plan from the step list alone: each phase's start and each count.
    let mut planned = Vec::new();
    let mut t = Duration::ZERO;
    for step in session.steps() {
        planned.push(t);
        if step.phase == Phase::Lower {
            for n in 1..=step.ms / 1000 {
                planned.push(t + Duration::from_secs(n.into()));
            }
        }
        t += Duration::from_millis(step.ms.into());
    }

    let start = Instant::now();
    let mut engine = Engine::new(session, start);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut random = move |below: u64| {
        // xorshift64: repeatable wake-up jitter without a dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let (mut observed, mut polls, mut now) = (Vec::new(), 0u64, start);
    while let Some(due) = engine.next_deadline() {
        let wake = if random(4) == 0 && due > now {
            // Woken early, somewhere before the deadline.
            let span = u64::try_from((due - now).as_micros()).unwrap_or(u64::MAX);
            now + Duration::from_micros(random(span.max(1)))
        } else {
            due + Duration::from_micros(random(4_000))
        };
        now = now.max(wake);
        polls += 1;
        for event in engine.advance(now) {
            if matches!(
                event.kind,
                EventKind::PhaseStarted(_) | EventKind::Count { .. }
            ) {
                observed.push(event.at - start);
            }
        }
    }

    let errors: Vec<u128> = observed
        .iter()
        .zip(&planned)
        .map(|(o, p)| o.abs_diff(*p).as_nanos())
        .collect();
    let worst = errors.iter().copied().max().unwrap_or(0);
    let end = errors.last().copied().unwrap_or(0);
    let length = planned.last().copied().unwrap_or_default();
    println!(
        "session_s={} events={} planned={} polls={polls} max_error_ns={worst} end_error_ns={end}",
        length.as_secs(),
        observed.len(),
        planned.len(),
    );
    if observed.len() == planned.len() && worst == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
