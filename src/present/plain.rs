//! The session as plain text: one line per event (what `--plain` prints)
//! and the summary at the end (also shown by the full-screen view).

use crate::text::safe;
use crate::timing::counting::Counting;
use crate::timing::engine::{Attempt, Event, EventKind, SetSummary, Summary};
use crate::timing::plan::Phase;
use crate::timing::units::{count, fmt_clock, fmt_minutes, fmt_secs, fmt_secs1};
use crate::timing::workout::Workout;

/// The lines printed for `event`: none for events with no line of their
/// own (a rep's end shows in the next phase's line), and for a lowering's
/// start its line and its first count. A count line says the number the
/// voice says and the screen shows ([`Counting`]); the end of a lowering
/// has none, the next phase's line marks it. In a workout of more than one
/// block, each line names its block.
pub fn lines(event: &Event, workout: &Workout, counting: Counting) -> Vec<String> {
    let t = fmt_clock(event.t_ms);
    match &event.kind {
        EventKind::Count { n, of_ms, .. } => counting
            .spoken(*n, *of_ms)
            .map(|k| format!("{t} count {k}"))
            .into_iter()
            .collect(),
        EventKind::PhaseStarted(step) if step.phase == Phase::Lower && !step.manual => {
            let mut out: Vec<String> = line(event, workout).into_iter().collect();
            out.push(format!("{t} count {}", counting.shown(0, step.ms)));
            out
        }
        _ => line(event, workout).into_iter().collect(),
    }
}

/// The line of `event` by itself, if it has one.
fn line(event: &Event, workout: &Workout) -> Option<String> {
    let t = fmt_clock(event.t_ms);
    let sets = |block: u16| workout.block(block).session.sets;
    let words = match &event.kind {
        EventKind::PhaseStarted(step) => {
            let len = format!("{} s", fmt_secs1(step.ms.into()));
            let b = block_words(workout, step.block);
            match step.phase {
                Phase::CountIn => format!(
                    "count_in  {b}get ready for set {}/{}  {len}",
                    step.set,
                    sets(step.block)
                ),
                Phase::Rest => format!(
                    "rest  {b}next: set {}/{}  {len}",
                    step.set + 1,
                    sets(step.block)
                ),
                Phase::Changeover => format!(
                    "changeover  next: {}  {len}",
                    next_block(workout, step.block.saturating_add(1))
                ),
                Phase::Done => "done".to_string(),
                phase => {
                    let session = &workout.block(step.block).session;
                    let what = if step.manual {
                        "partner lifts: press Enter to lower".to_string()
                    } else if step.partner {
                        format!("partner lifts {len}")
                    } else {
                        len
                    };
                    let planned = session.reps_of(step.set);
                    let reps = if step.rep > planned {
                        format!("rep {} · to failure", step.rep)
                    } else {
                        format!("rep {}/{planned}", step.rep)
                    };
                    format!(
                        "{}  {b}set {}/{}  {reps}  {what}",
                        phase.key(),
                        step.set,
                        session.sets,
                    )
                }
            }
        }
        EventKind::Count { n, .. } => format!("count {n}"),
        EventKind::Countdown { n, block, set } => {
            let b = block_words(workout, *block);
            format!(
                "countdown {n}  {b}set {set}/{} starts in {n} s",
                sets(*block)
            )
        }
        EventKind::SetDone(s) => {
            let mut text = format!(
                "set_done  {}set {}/{}  {}/{} reps  TUT {} s",
                block_words(workout, s.block),
                s.set,
                sets(s.block),
                s.reps_counted(),
                s.reps_planned,
                fmt_secs1(s.tut_ms)
            );
            if s.capped() {
                text.push_str(&capped_words(s));
            }
            if let Some(e) = s.ended {
                text.push_str(&format!(
                    "  ended in rep {} ({} {} s)",
                    e.rep,
                    e.phase.key(),
                    fmt_secs1(e.into_ms)
                ));
            }
            text
        }
        EventKind::SetRestarted { block, set, .. } => format!(
            "restart  {}set {set}/{}",
            block_words(workout, *block),
            sets(*block)
        ),
        EventKind::LoweringChanged { lower_ms } => {
            format!("lowering  {} s from the next rep", fmt_secs(*lower_ms))
        }
        EventKind::Paused => "paused".to_string(),
        EventKind::Resumed => "resumed".to_string(),
        EventKind::RepDone { .. } | EventKind::SessionDone => return None,
    };
    // Exercises and loads come from files: the line reaches the terminal
    // as text.
    Some(safe(&format!("{t} {words}")).into_owned())
}

/// `block 2/4 curl  `: which block, in a workout of more than one;
/// nothing for a single block.
pub(crate) fn block_words(workout: &Workout, block: u16) -> String {
    if workout.len() <= 1 {
        return String::new();
    }
    let b = workout.block(block);
    match &b.exercise {
        Some(name) => format!("block {block}/{} {name}  ", workout.len()),
        None => format!("block {block}/{}  ", workout.len()),
    }
}

/// What block `block` is, as said before it starts: `block 2/4 curl
/// 4-0-1-0 3 × 8 12kg`.
pub(crate) fn next_block(workout: &Workout, block: u16) -> String {
    let b = workout.block(block);
    let s = &b.session;
    let mut text = format!("block {block}/{}", workout.len());
    if let Some(name) = &b.exercise {
        text.push_str(&format!(" {name}"));
    }
    text.push_str(&format!(" {} {} × {}", s.tempo, s.sets, s.reps_text()));
    if let Some(load) = b.load_text() {
        text.push_str(&format!(" {load}"));
    }
    text
}

/// What a set that ran to its cap says ([`SetSummary::capped`]).
fn capped_words(s: &SetSummary) -> String {
    format!(
        "  (ran on to {} with no failure signalled: logged at its plan)",
        s.reps_done
    )
}

/// A short account of what was done: sets and reps, time under tension.
pub(crate) fn summary_text(summary: &Summary) -> String {
    let mut out = format!(
        "{} of {} done, {}, TUT {} s, session {}\n",
        summary.sets_done(),
        count(summary.sets_planned.into(), "set"),
        count(summary.reps().into(), "rep"),
        fmt_secs1(summary.tut_ms()),
        fmt_minutes(summary.elapsed_ms)
    );
    let ended = summary.sets.iter().map(|s| (s, false));
    let all: Vec<(&SetSummary, bool)> = ended
        .chain(summary.partial.iter().map(|s| (s, true)))
        .collect();
    let blocks = summary.stopped_in.is_some() || all.iter().any(|(s, _)| s.block > 1);
    for (s, stopped) in all {
        let mut mark = match (s.attempt, stopped) {
            (Attempt::Restarted, _) => "  (restarted)".to_string(),
            (Attempt::Redo, false) => "  (redo)".to_string(),
            (Attempt::Redo, true) => "  (redo, stopped part-way)".to_string(),
            (Attempt::Planned, true) => "  (stopped part-way)".to_string(),
            (Attempt::Planned, false) => String::new(),
        };
        if s.capped() {
            mark.push_str(&capped_words(s));
        }
        if let Some(e) = s.ended {
            mark.push_str(&format!(
                "  (ended in rep {}, {} {} s)",
                e.rep,
                e.phase.key(),
                fmt_secs1(e.into_ms)
            ));
        }
        out.push_str(&format!(
            "  {}set {}: {}/{} reps, TUT {} s{mark}\n",
            if blocks {
                format!("block {} ", s.block)
            } else {
                String::new()
            },
            s.set,
            s.reps_counted(),
            s.reps_planned,
            fmt_secs1(s.tut_ms)
        ));
    }
    if let Some(at) = &summary.stopped_in {
        let exercise = at
            .exercise
            .as_ref()
            .map(|e| format!(" ({})", safe(e)))
            .unwrap_or_default();
        match &at.run_as {
            Some(options) => out.push_str(&format!(
                "stopped in block {}/{}{exercise}: `repcadence {} --from {}` goes on from there\n",
                at.block,
                at.blocks,
                safe(options),
                at.block
            )),
            None => out.push_str(&format!(
                "stopped in block {}/{}{exercise}\n",
                at.block, at.blocks
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::{Engine, simulate};
    use crate::timing::plan::Session;
    use std::time::Instant;

    #[test]
    fn lines_read_as_the_issue_shows() {
        let s = Session {
            tempo: "4-0-1-0".parse().expect("tempo"),
            ..Session::default()
        };
        let w = Workout::single(s.clone());
        let lines: Vec<String> = simulate(&s, Instant::now())
            .iter()
            .flat_map(|e| lines(e, &w, Counting::Up))
            .collect();
        assert_eq!(lines[0], "00:00.000 count_in  get ready for set 1/3  5.0 s");
        assert_eq!(lines[1], "00:02.000 countdown 3  set 1/3 starts in 3 s");
        assert_eq!(lines[3], "00:04.000 countdown 1  set 1/3 starts in 1 s");
        assert_eq!(lines[4], "00:05.000 lift  set 1/3  rep 1/8  1.0 s");
        assert_eq!(lines[5], "00:06.000 lower  set 1/3  rep 1/8  4.0 s");
        // Each second of the lowering is counted at its start; its end is
        // the lift's line.
        assert_eq!(lines[6], "00:06.000 count 1");
        assert_eq!(lines[9], "00:09.000 count 4");
        assert_eq!(lines[10], "00:10.000 lift  set 1/3  rep 2/8  1.0 s");
        let down: Vec<String> = simulate(&s, Instant::now())
            .iter()
            .flat_map(|e| super::lines(e, &w, Counting::Down))
            .skip(6)
            .take(4)
            .collect();
        assert_eq!(
            down,
            [
                "00:06.000 count 4",
                "00:07.000 count 3",
                "00:08.000 count 2",
                "00:09.000 count 1"
            ]
        );
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

    #[test]
    fn summary_marks_restarted_and_redone_attempts_and_counts_a_set_once() {
        use crate::timing::engine::{Attempt, SetSummary};
        let attempt = |set, reps_done, attempt| SetSummary {
            block: 1,
            set,
            reps_done,
            reps_planned: 2,
            tut_ms: 3000 * u64::from(reps_done),
            lower_ms: 2000,
            open_ended: false,
            ended: None,
            attempt,
        };
        let summary = Summary {
            sets: vec![
                attempt(1, 1, Attempt::Restarted),
                attempt(1, 2, Attempt::Planned),
                attempt(1, 2, Attempt::Redo),
            ],
            partial: Some(attempt(2, 1, Attempt::Planned)),
            elapsed_ms: 60_000,
            sets_planned: 2,
            stopped_in: None,
        };
        assert_eq!(
            summary_text(&summary),
            "1 of 2 sets done, 6 reps, TUT 18.0 s, session 1 min 00 s\n\
             \x20 set 1: 1/2 reps, TUT 3.0 s  (restarted)\n\
             \x20 set 1: 2/2 reps, TUT 6.0 s\n\
             \x20 set 1: 2/2 reps, TUT 6.0 s  (redo)\n\
             \x20 set 2: 1/2 reps, TUT 3.0 s  (stopped part-way)\n"
        );
    }
}
