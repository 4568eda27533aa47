//! `repcadence plan`: the whole session or workout as a table or as JSON,
//! at once.
//!
//! Built from [`crate::timing::engine::simulate_workout`], so it lists
//! exactly what a live session does.

use std::time::Instant;

use serde::Serialize;

use crate::text::safe;
use crate::timing::engine::{EventKind, simulate_workout};
use crate::timing::plan::{Phase, Session, TUT_BAND_MS};
use crate::timing::tempo::Lift;
use crate::timing::units::{count, fmt_clock, fmt_minutes, fmt_secs, fmt_secs1, seconds};
use crate::timing::workout::{Block, Workout};

/// One phase of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEvent {
    /// Seconds since the session start.
    pub t: f64,
    /// The phase's machine name.
    pub phase: Phase,
    /// The block, from 1 (a changeover: the block it follows).
    pub block: u16,
    /// The block's exercise, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// Set, from 1 (reps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set: Option<u16>,
    /// Rep, from 1 (reps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rep: Option<u16>,
    /// For a rest: the set it follows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_set: Option<u16>,
    /// Length in seconds (absent for `done`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    /// Waits for the lifter (a partner-assisted lift), timed as 0 here.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
    /// A partner lifts (timed by `--partner-lift`, or waited for when
    /// `manual`): no time under tension.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partner: bool,
    /// A rep of an open-ended set: timed as planned, and live the set
    /// goes on to failure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_failure: bool,
}

/// One block of the plan: its settings and time under tension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockPlan {
    /// The block, from 1.
    pub block: u16,
    /// Its exercise, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// The preset it came from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Its load, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<String>,
    /// The tempo, `P` in the lift field for a partner's lift.
    pub tempo: String,
    /// Which phase a rep starts with.
    pub start: &'static str,
    /// Reps per set (planned; set 1's when each set has its own).
    pub reps: u16,
    /// Open-ended sets: planned reps, then on to failure (set 1's when
    /// each set has its own).
    pub to_failure: bool,
    /// Each set's planned reps, when they differ (`reps = [8, 6, 4]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reps_per_set: Option<Vec<String>>,
    /// Each set's load, when they differ (`load = ["60kg", "70kg"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_per_set: Option<Vec<String>>,
    /// Sets.
    pub sets: u16,
    /// Rest between sets, seconds.
    pub rest_seconds: f64,
    /// The changeover after it, seconds (0: straight on; none after the
    /// last block).
    pub changeover_seconds: f64,
    /// Time under tension of one set, seconds.
    pub tut_seconds_per_set: f64,
    /// Time under tension of the block, seconds.
    pub tut_seconds: f64,
}

impl BlockPlan {
    fn new(n: u16, b: &Block, last: bool) -> BlockPlan {
        let s = &b.session;
        let tut = s.tut_per_set_ms();
        BlockPlan {
            block: n,
            exercise: b.exercise.clone(),
            preset: b.preset.clone(),
            load: b.load.clone(),
            tempo: s.tempo.to_string(),
            start: s.start.key(),
            reps: s.reps,
            to_failure: s.open_ended,
            reps_per_set: s
                .reps_vary()
                .then(|| (1..=s.sets).map(|n| s.set_reps(n).to_string()).collect()),
            load_per_set: b.loads_vary().then(|| {
                (1..=s.sets)
                    .map(|n| b.load_of(n).unwrap_or_default().to_string())
                    .collect()
            }),
            sets: s.sets,
            rest_seconds: seconds(s.rest_ms.into()),
            changeover_seconds: if last {
                0.0
            } else {
                seconds(b.changeover_ms.into())
            },
            tut_seconds_per_set: seconds(tut),
            tut_seconds: seconds((1..=s.sets).map(|n| s.tut_of_set_ms(n)).sum()),
        }
    }
}

/// The whole session planned, as `plan --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timetable {
    /// Canonical tempo.
    pub tempo: String,
    /// Which phase a rep starts with.
    pub start: &'static str,
    /// Reps per set.
    pub reps: u16,
    /// Sets.
    pub sets: u16,
    /// Rest between sets, seconds.
    pub rest_seconds: f64,
    /// Count-in, seconds.
    pub count_in_seconds: f64,
    /// How an X lift is timed, seconds.
    pub explosive_seconds: f64,
    /// Session length, seconds.
    pub total_seconds: f64,
    /// Time under tension of one set, seconds.
    pub tut_seconds_per_set: f64,
    /// Time under tension of the session, seconds.
    pub tut_seconds_total: f64,
    /// Whether TUT per set is within the recommended band.
    pub tut_in_range: bool,
    /// The recommended band, seconds.
    pub tut_range_seconds: [f64; 2],
    /// The preset the session came from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The exercise, if one was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// Open-ended sets (`8+`): timed as planned, and live they go on to
    /// failure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_failure: bool,
    /// The workout's name, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workout: Option<String>,
    /// Every block run, in order (one for a single exercise); the fields
    /// above are the first one's, and the totals the whole's.
    pub blocks: Vec<BlockPlan>,
    /// Every phase in order, `done` last.
    pub events: Vec<PlanEvent>,
}

impl Timetable {
    /// Plans `workout`. `origin` is any instant: only differences are used.
    pub fn new(workout: &Workout, origin: Instant) -> Timetable {
        let exercise = |block: u16| workout.block(block).exercise.clone();
        let events: Vec<PlanEvent> = simulate_workout(workout, origin)
            .into_iter()
            .filter_map(|e| match e.kind {
                EventKind::PhaseStarted(step) => {
                    let in_rep = step.rep >= 1;
                    Some(PlanEvent {
                        t: seconds(e.t_ms),
                        phase: step.phase,
                        block: step.block,
                        exercise: exercise(step.block),
                        set: in_rep.then_some(step.set),
                        rep: in_rep.then_some(step.rep),
                        after_set: matches!(step.phase, Phase::Rest | Phase::Changeover)
                            .then_some(step.set),
                        duration: (step.phase != Phase::Done).then(|| seconds(step.ms.into())),
                        manual: step.manual,
                        partner: step.partner,
                        to_failure: in_rep
                            && workout.block(step.block).session.open_ended_in(step.set),
                    })
                }
                _ => None,
            })
            .collect();
        let from = workout.from.clamp(1, workout.len());
        let first = workout.block(from);
        let session = &first.session;
        let blocks: Vec<BlockPlan> = (from..=workout.len())
            .map(|n| BlockPlan::new(n, workout.block(n), n == workout.len()))
            .collect();
        let tut = session.tut_per_set_ms();
        Timetable {
            tempo: session.tempo.to_string(),
            start: session.start.key(),
            reps: session.reps,
            sets: session.sets,
            rest_seconds: seconds(session.rest_ms.into()),
            count_in_seconds: seconds(session.count_in_ms.into()),
            explosive_seconds: seconds(session.explosive_ms.into()),
            total_seconds: events.last().map_or(0.0, |e| e.t),
            tut_seconds_per_set: seconds(tut),
            tut_seconds_total: blocks.iter().map(|b| b.tut_seconds).sum(),
            tut_in_range: (TUT_BAND_MS.0..=TUT_BAND_MS.1).contains(&tut),
            tut_range_seconds: [seconds(TUT_BAND_MS.0), seconds(TUT_BAND_MS.1)],
            preset: first.preset.clone(),
            exercise: first.exercise.clone(),
            to_failure: session.open_ended,
            workout: workout.name.clone(),
            blocks,
            events,
        }
    }
}

/// A sentence on how a set's time under tension sits against the band,
/// with what to change when it misses.
pub(crate) fn tut_verdict(session: &Session) -> String {
    let tut = session.tut_per_set_ms();
    let (lo, hi) = TUT_BAND_MS;
    let band = "the 40-70 s per set the training literature recommends";
    if tut < lo {
        let mut advice = String::new();
        if let Some(lower) = lowering_for(session, lo) {
            advice = format!(
                "; a {} s lowering would give {} s",
                fmt_secs(lower),
                fmt_secs1(tut_with_lower(session, lower))
            );
        }
        format!(
            "{} s, {} s below {band}{advice}",
            fmt_secs1(tut),
            fmt_secs1(lo - tut)
        )
    } else if tut > hi {
        format!(
            "{} s, {} s above {band}: fewer reps or a shorter lowering",
            fmt_secs1(tut),
            fmt_secs1(tut - hi)
        )
    } else {
        format!("{} s, within {band}", fmt_secs1(tut))
    }
}

fn tut_with_lower(session: &Session, lower: u32) -> u64 {
    let mut s = session.clone();
    s.tempo.lower = lower;
    s.tut_per_set_ms()
}

/// The shortest whole-second lowering of at most 7 s (the longest the
/// literature uses) that brings a set up to `target_ms` of tension.
fn lowering_for(session: &Session, target_ms: u64) -> Option<u32> {
    (1..=7)
        .map(|s| s * 1000)
        .filter(|&l| l > session.tempo.lower)
        .find(|&l| tut_with_lower(session, l) >= target_ms)
}

/// The plan as a table for people, totals last; a workout of more than
/// one block is grouped by block, with time under tension per set and per
/// block.
pub fn table(workout: &Workout, plan: &Timetable) -> String {
    let mut out = String::new();
    let several = plan.blocks.len() > 1;
    if let Some(name) = &plan.workout {
        out.push_str(&format!(
            "workout {}: {}\n\n",
            safe(name),
            count(plan.blocks.len() as u64, "block")
        ));
    }
    for b in &plan.blocks {
        let block = workout.block(b.block);
        let session = &block.session;
        if several {
            out.push_str(&format!("block {}/{}", b.block, workout.len()));
        }
        let load = block.load_text();
        let names: Vec<String> = [
            ("exercise", &b.exercise),
            ("preset", &b.preset),
            ("load", &load),
        ]
        .iter()
        .filter_map(|(what, v)| v.as_ref().map(|v| format!("{what} {}", safe(v))))
        .collect();
        match (several, names.is_empty()) {
            (true, true) => out.push('\n'),
            (true, false) => out.push_str(&format!(": {}\n", names.join(", "))),
            (false, false) => out.push_str(&format!("{}\n", names.join(", "))),
            (false, true) => {}
        }
        // Only the first block run counts in; the ones after it follow
        // their changeover's countdown.
        let counts_in = b.block == workout.from.clamp(1, workout.len());
        describe(&mut out, session, b, counts_in);
        rows(
            &mut out,
            plan.events
                .iter()
                .filter(|e| e.block == b.block && !(several && e.phase == Phase::Done)),
        );
        if several {
            out.push_str(&format!(
                "TUT per set  {}\nTUT block    {:.1} s\n\n",
                tut_verdict(session),
                b.tut_seconds
            ));
        }
    }
    if several {
        rows(
            &mut out,
            plan.events.iter().filter(|e| e.phase == Phase::Done),
        );
    }
    let total_ms = secs_to_ms(plan.total_seconds);
    out.push_str(&format!(
        "\n{}      {} ({:.1} s)\n",
        if several { "workout" } else { "session" },
        fmt_minutes(total_ms),
        plan.total_seconds
    ));
    if !several {
        out.push_str(&format!(
            "TUT per set  {}\n",
            tut_verdict(&workout.block(workout.from).session)
        ));
    }
    out.push_str(&format!("TUT in all   {:.1} s\n", plan.tut_seconds_total));
    if plan.blocks.iter().any(|b| b.to_failure) {
        out.push_str("(+: to failure: a set is timed here as its planned reps, and live it goes on until you end it)\n");
    }
    if plan
        .blocks
        .iter()
        .any(|b| workout.block(b.block).session.tempo.lift == Lift::Manual)
    {
        out.push_str("(a partner's lift waits for a key: times above count it as 0 s)\n");
    }
    out
}

/// A block's tempo, sets × reps, rest and count-in, in words.
fn describe(out: &mut String, session: &Session, b: &BlockPlan, counts_in: bool) {
    let rep = session.rep_tut_ms();
    let lift = if session.tempo.lift == Lift::Manual {
        "a partner's lift, waiting for a key".to_string()
    } else if session.tempo.lift == Lift::Partner {
        format!("a partner's lift {} s", fmt_secs(session.partner_ms))
    } else {
        format!(
            "lift {} s",
            fmt_secs(session.tempo.lift_ms(session.explosive_ms))
        )
    };
    out.push_str(&format!(
        "tempo {} (lower {} s, bottom pause {} s, {lift}, top pause {} s), start with the {}\n",
        session.tempo,
        fmt_secs(session.tempo.lower),
        fmt_secs(session.tempo.bottom),
        fmt_secs(session.tempo.top),
        session.start.word()
    ));
    let reps = if b.reps == 1 && !session.reps_vary() {
        "rep"
    } else {
        "reps"
    };
    let count_in = match session.count_in_ms {
        ms if counts_in && ms > 0 => format!("{} s count-in", fmt_secs(ms)),
        _ => "no count-in".to_string(),
    };
    out.push_str(&format!(
        "{} × {} {reps} of {} s, {} s rest, {count_in}\n\n",
        count(b.sets.into(), "set"),
        session.reps_text(),
        fmt_secs(rep),
        fmt_secs(session.rest_ms),
    ));
    out.push_str("  set  rep  phase            start     length\n");
}

/// The rows of `events`.
fn rows<'a>(out: &mut String, events: impl Iterator<Item = &'a PlanEvent>) {
    for e in events {
        let num = |v: Option<u16>| v.map_or("-".to_string(), |n| n.to_string());
        let length = match (e.duration, e.manual) {
            (_, true) => "partner".to_string(),
            (Some(d), false) if e.partner => format!("P {d:.1} s"),
            (Some(d), false) => format!("{d:.1} s"),
            (None, false) => String::new(),
        };
        let row = format!(
            "{:>5} {:>4}  {:<12} {:>10} {:>10}",
            num(e.set.or(e.after_set)),
            num(e.rep),
            e.phase.key(),
            fmt_clock(secs_to_ms(e.t)),
            length
        );
        out.push_str(row.trim_end());
        out.push('\n');
    }
}

/// A plan's time in seconds as whole milliseconds.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a plan's times are ≥ 0 and at most days long, made from whole ms"
)]
fn secs_to_ms(secs: f64) -> u64 {
    (secs * 1000.0).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(tempo: &str) -> Session {
        Session {
            tempo: tempo.parse().expect("tempo"),
            ..Session::default()
        }
    }

    #[test]
    fn the_spine_example_adds_up() {
        let plan = Timetable::new(&Workout::single(session("4-0-1-0")), Instant::now());
        assert_eq!(plan.total_seconds, 305.0);
        assert_eq!(plan.tut_seconds_per_set, 40.0);
        assert_eq!(plan.tut_seconds_total, 120.0);
        assert_eq!(plan.events.len(), 52);
        assert!(plan.tut_in_range);
        let json = serde_json::to_value(&plan).expect("json");
        assert_eq!(
            json["events"][1],
            serde_json::json!({"t": 5.0, "phase": "lift", "block": 1, "set": 1, "rep": 1, "duration": 1.0})
        );
        assert_eq!(
            json["events"][51],
            serde_json::json!({"t": 305.0, "phase": "done", "block": 1})
        );
        assert_eq!(
            json["events"][0],
            serde_json::json!({"t": 0.0, "phase": "count_in", "block": 1, "duration": 5.0})
        );
    }

    #[test]
    fn verdict_says_by_how_much_and_what_to_change() {
        let low = tut_verdict(&session("3-0-1-0"));
        assert_eq!(
            low,
            "32.0 s, 8.0 s below the 40-70 s per set the training literature recommends; \
             a 4 s lowering would give 40.0 s"
        );
        let high = tut_verdict(&Session {
            reps: 12,
            ..session("6-0-1-0")
        });
        assert!(high.starts_with("84.0 s, 14.0 s above"), "{high}");
        assert!(tut_verdict(&session("5-0-1-0")).contains("within"));
    }

    #[test]
    fn table_lists_every_phase_and_the_totals() {
        let s = session("4-0-1-0");
        let w = Workout::single(s.clone());
        let text = table(&w, &Timetable::new(&w, Instant::now()));
        assert!(
            text.contains("    1    1  lift          00:05.000      1.0 s"),
            "{text}"
        );
        assert!(
            text.contains("    1    -  rest          00:45.000     90.0 s"),
            "{text}"
        );
        assert!(text.contains("session      5 min 05 s (305.0 s)"), "{text}");
        assert!(text.contains("TUT in all   120.0 s"), "{text}");
        assert_eq!(text.lines().filter(|l| l.contains(" lower ")).count(), 24);
    }
}
