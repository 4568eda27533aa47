//! The recent sets of the training log grouped by what happened: each
//! run of a workout or an exercise (its id in the log's `run` column),
//! and in it one line per block.

use crate::text::safe;
use crate::timing::units::{count, fmt_secs1};
use crate::training::rows::in_time_order;
use jiff::tz::TimeZone;

use crate::training::sessions::label_at;
use crate::training::store::{Row, name_key};

/// How many of the latest groups (a block of a run each) are shown.
pub(crate) const GROUPED_SESSIONS: usize = 12;

/// One block of one run: its rows, in time order.
struct Group<'a> {
    key: (&'a str, Option<(u16, u16)>, String),
    rows: Vec<&'a Row>,
}

/// `Recent workouts and exercises`: the last [`GROUPED_SESSIONS`] blocks
/// done, under the run they were part of (its workout, or `(no workout)`),
/// with their sets, reps done of planned, and where a set the lifter
/// ended stood. Two blocks of one exercise in a workout stay apart, and a
/// set done on its own after a workout is its own run.
pub fn section(rows: &[Row], tz: &TimeZone) -> String {
    let sorted = in_time_order(rows);
    let mut groups: Vec<Group<'_>> = Vec::new();
    for row in sorted {
        // A row without a run (none is read so) is a run of its own.
        let run = if row.facts.run.is_empty() {
            row.when.text.as_str()
        } else {
            row.facts.run.as_str()
        };
        let key = (run, row.facts.block, name_key(&row.exercise));
        match groups.iter_mut().rev().find(|g| g.key == key) {
            Some(g) => g.rows.push(row),
            None => groups.push(Group {
                key,
                rows: vec![row],
            }),
        }
    }
    let recent = &groups[groups.len().saturating_sub(GROUPED_SESSIONS)..];
    if recent.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nRecent workouts and exercises\n");
    let mut last_run = None;
    for g in recent {
        let Some(first) = g.rows.first() else {
            continue;
        };
        if last_run != Some(g.key.0) {
            let workout = &first.facts.workout;
            let heading = format!(
                "  {} {}",
                label_at(first.when.at, tz),
                if workout.is_empty() {
                    "(no workout)".to_string()
                } else {
                    format!("workout {workout}")
                }
            );
            out.push_str(&safe(&heading));
            out.push('\n');
            last_run = Some(g.key.0);
        }
        let done: u32 = g.rows.iter().map(|r| u32::from(r.completed)).sum();
        let planned: u32 = g.rows.iter().map(|r| u32::from(r.planned)).sum();
        let tut: u64 = g.rows.iter().map(|r| u64::from(r.tut_ms)).sum();
        let block = g
            .key
            .1
            .map(|(b, of)| format!("block {b}/{of} "))
            .unwrap_or_default();
        let mut line = format!(
            "    {block}{}: {}, {done}/{planned} reps, TUT {} s",
            if first.exercise.is_empty() {
                "-"
            } else {
                &first.exercise
            },
            count(g.rows.len() as u64, "set"),
            fmt_secs1(tut)
        );
        for row in &g.rows {
            if let Some((rep, phase, ms)) = &row.facts.ended {
                line.push_str(&format!(
                    "; set {} ended in rep {rep} ({phase} {} s)",
                    row.set,
                    fmt_secs1(*ms)
                ));
            }
        }
        // The exercise and the workout come from the log, which may have
        // been edited by hand.
        out.push_str(&safe(&line));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures;

    fn row(at: &str, exercise: &str, set: u16, done: u16, run: &str) -> Row {
        let mut row = Row {
            set,
            ..fixtures::set(at, exercise, 4, done)
        };
        row.facts.run = run.into();
        row
    }

    fn legs(mut row: Row, block: u16) -> Row {
        row.facts.workout = "legs".into();
        row.facts.block = Some((block, 3));
        row
    }

    #[test]
    fn sets_are_grouped_by_run_then_block_with_where_a_set_ended() {
        let mut failed = legs(row("2026-11-22T18:09:00+01:00", "curl", 1, 6, "w"), 2);
        failed.facts.ended = Some((7, "lower".into(), 4200));
        let rows = vec![
            row("2026-11-20T18:00:00+01:00", "curl", 1, 8, "a"),
            legs(row("2026-11-22T18:00:00+01:00", "bench", 1, 8, "w"), 1),
            legs(row("2026-11-22T18:03:00+01:00", "bench", 2, 8, "w"), 1),
            failed,
            // The same exercise again in a later block: a line of its own.
            legs(row("2026-11-22T18:15:00+01:00", "bench", 1, 8, "w"), 3),
            // A set done on its own 7 minutes after the workout.
            row("2026-11-22T18:22:00+01:00", "bench", 1, 8, "b"),
        ];
        let text = section(&rows, &TimeZone::fixed(jiff::tz::offset(1)));
        assert_eq!(
            text,
            "\nRecent workouts and exercises\n\
             \x20 2026-11-20 18:00 (no workout)\n\
             \x20   curl: 1 set, 8/8 reps, TUT 40.0 s\n\
             \x20 2026-11-22 18:00 workout legs\n\
             \x20   block 1/3 bench: 2 sets, 16/16 reps, TUT 80.0 s\n\
             \x20   block 2/3 curl: 1 set, 6/8 reps, TUT 30.0 s; set 1 ended in rep 7 (lower 4.2 s)\n\
             \x20   block 3/3 bench: 1 set, 8/8 reps, TUT 40.0 s\n\
             \x20 2026-11-22 18:22 (no workout)\n\
             \x20   bench: 1 set, 8/8 reps, TUT 40.0 s\n"
        );
        assert_eq!(section(&[], &TimeZone::UTC), "");
    }
}
