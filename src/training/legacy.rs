//! The log's older format, of 11 columns ([`V1_HEADER`]): its rows are
//! read by [`Row::parse`] as they always were; here they are written (to a
//! log that could not be moved) and moved once into the current format
//! ([`migrate`]).
//!
//! In it, the facts that now have columns of their own were written in
//! the note: a redo's or a restarted attempt's mark after the lifter's
//! note, then the tags in braces ([`Tags`]):
//!
//! ```text
//! felt strong (redo) {workout=push block=2/4 ended=7/lower/4.2}
//! ```
//!
//! How such a set ended is read from what it says: where the lifter
//! ended it is a failure; fewer reps than planned, a quit; more, the cap
//! of an open-ended set.

use std::collections::HashMap;

use crate::timing::engine::Attempt;
use crate::timing::units::fmt_secs;
use crate::training::rows::{HEADER, Row, SESSION_GAP, field, name_key, split_fields};
pub(crate) use crate::training::rows::{REDO, RESTARTED, V1_COLUMNS, V1_HEADER};
use crate::training::tags::Tags;

/// `row` as a line of the older format: for a log that could not be
/// moved to the current one, so that it stays one format.
pub(crate) fn to_v1_line(row: &Row) -> String {
    let f = &row.facts;
    let mark = match f.attempt {
        Attempt::Planned => "",
        Attempt::Redo => REDO,
        Attempt::Restarted => RESTARTED,
    };
    let note = format!("{} {mark}", row.note.trim());
    let tags = Tags {
        workout: (!f.workout.is_empty()).then(|| f.workout.clone()),
        block: f.block,
        ended: f.ended.clone(),
    };
    let note = tags.into_note(note.trim()).unwrap_or_default();
    [
        row.when.text.clone(),
        field(&row.exercise),
        field(&row.preset),
        field(&row.tempo),
        row.set.to_string(),
        row.planned.to_string(),
        row.completed.to_string(),
        fmt_secs(row.tut_ms),
        fmt_secs(row.lower_ms),
        field(&row.load),
        field(&note),
    ]
    .join(",")
}

/// Whether the log whose first line is `first` is of the older format:
/// its header, or (a file without one) a row of 11 fields.
pub(crate) fn is_v1(first: &str) -> bool {
    let first = first.trim_start_matches('\u{feff}');
    let first = first.strip_suffix('\r').unwrap_or(first);
    first == V1_HEADER
        || (first != HEADER
            && split_fields(first).is_ok_and(|f| f.len() == V1_COLUMNS && f[0] != "time"))
}

/// Gives each row without a run the run it belonged to, as well as the
/// older format tells: rows of one workout (or, outside a workout, of one
/// exercise) each less than [`SESSION_GAP`] after the one before, a
/// workout's blocks in order (a block before the last one seen starts a
/// new run). The id is `v1-` and its first row's time.
pub(crate) fn assign_runs(rows: &mut [Row]) {
    // Per key: the run's id, its last row's time and block.
    let mut open: HashMap<String, (String, jiff::Timestamp, u16)> = HashMap::new();
    for row in rows.iter_mut().filter(|r| r.facts.run.is_empty()) {
        let key = if row.facts.workout.is_empty() {
            format!("e:{}", name_key(&row.exercise))
        } else {
            format!("w:{}", row.facts.workout)
        };
        let block = row.facts.block.map_or(1, |(b, _)| b);
        let joins = open.get(&key).is_some_and(|(_, last, last_block)| {
            row.when.at.duration_since(*last) <= SESSION_GAP && block >= *last_block
        });
        if !joins {
            let id = format!("v1-{}", compact(&row.when.text));
            open.insert(key.clone(), (id, row.when.at, block));
        }
        if let Some(run) = open.get_mut(&key) {
            run.1 = row.when.at;
            run.2 = block;
            row.facts.run = run.0.clone();
        }
    }
}

/// `2026-11-20T18:05:00+01:00` as `20261120T180500`.
fn compact(time: &str) -> String {
    time.chars()
        .take(19)
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// The text of a log of the older format, moved to the current one: the
/// header replaced, every row's values in their columns (the note's tags
/// and marks become columns, the runs are told as [`assign_runs`] does),
/// and every line that does not parse kept as it was, so that no value is
/// lost (it stays a line `repcadence log` warns about).
pub(crate) fn migrate(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<Result<Row, &str>> = Vec::new();
    for line in text.lines() {
        let bare = line.strip_suffix('\r').unwrap_or(line);
        if bare.trim().is_empty() || bare == V1_HEADER || bare == HEADER {
            continue;
        }
        lines.push(Row::parse(bare).map_err(|_| bare));
    }
    let mut rows: Vec<Row> = lines.iter().filter_map(|l| l.clone().ok()).collect();
    assign_runs(&mut rows);
    let mut rows = rows.into_iter();
    let mut out = format!("{HEADER}\n");
    for line in lines {
        match line {
            Ok(_) => {
                if let Some(row) = rows.next() {
                    out.push_str(&row.to_line());
                }
            }
            Err(bare) => out.push_str(bare),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::rows::{EndedBy, Entry};

    /// A log as the older format wrote it: plain sets, a workout's tagged
    /// rows, marks, an ended set, a quit, a capped open-ended set, a note
    /// of the lifter's own with braces and commas, and a broken line.
    const OLD: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,tut_seconds,lowering_seconds,load,note
2026-11-18T18:00:00+01:00,squat,four-one,4-0-1-0,1,8,8,40,4,60kg,
2026-11-18T18:03:00+01:00,squat,four-one,4-0-1-0,2,8,3,15,4,60kg,\"grip, slipped\"
2026-11-20T18:00:00+01:00,squat,,4-0-1-0,1,6,6,30,4,80kg,{workout=legs block=1/2}
2026-11-20T18:02:00+01:00,squat,,4-0-1-0,2,6,2,10,4,80kg,sore (restarted) {workout=legs block=1/2}
2026-11-20T18:04:00+01:00,squat,,4-0-1-0,2,6,6,30,4,80kg,(redo) {workout=legs block=1/2}
2026-11-20T18:10:00+01:00,curl,slow,6-0-1-0,1,3,5,35,6,bw+10kg,felt good {workout=legs block=2/2 ended=5/lower/2.5}
2026-11-20T18:20:00+01:00,push-up,,3-0-1-0,1,2,6,24,3,bw,{not tags}
this line was broken by hand
2026-11-27T18:00:00+01:00,squat,,4-0-1-0,1,6,6,30,4,80kg,{workout=legs block=1/2}
";

    fn rows_of(text: &str) -> Vec<Row> {
        text.lines()
            .skip(1)
            .filter_map(|l| Row::parse(l).ok())
            .collect()
    }

    #[test]
    fn every_old_value_is_found_in_the_new_columns_row_by_row() {
        let new = migrate(OLD);
        assert!(new.starts_with(&format!("{HEADER}\n")));
        assert!(new.contains("\nthis line was broken by hand\n"), "kept");
        let (old, new) = (rows_of(OLD), rows_of(&new));
        assert_eq!(old.len(), 8);
        assert_eq!(new.len(), old.len());
        for (o, n) in old.iter().zip(&new) {
            // The numbers and labels as they were.
            assert_eq!(
                (&o.when, &o.exercise, &o.preset, &o.tempo, &o.load),
                (&n.when, &n.exercise, &n.preset, &n.tempo, &n.load)
            );
            assert_eq!(
                (o.set, o.planned, o.completed, o.tut_ms, o.lower_ms),
                (n.set, n.planned, n.completed, n.tut_ms, n.lower_ms)
            );
            // The facts as the note told them, now columns.
            assert_eq!(
                (&o.note, &o.facts.workout, o.facts.block, &o.facts.ended),
                (&n.note, &n.facts.workout, n.facts.block, &n.facts.ended)
            );
            assert_eq!(
                (o.facts.attempt, o.facts.ended_by, &o.facts.id),
                (n.facts.attempt, n.facts.ended_by, &n.facts.id)
            );
            assert_eq!(n.facts.entry, Entry::Set);
            assert!(!n.facts.run.is_empty());
        }
        let facts: Vec<(&str, &str, EndedBy, Attempt)> = new
            .iter()
            .map(|r| {
                (
                    r.note.as_str(),
                    r.facts.workout.as_str(),
                    r.facts.ended_by,
                    r.facts.attempt,
                )
            })
            .collect();
        assert_eq!(
            facts,
            [
                ("", "", EndedBy::Plan, Attempt::Planned),
                ("grip, slipped", "", EndedBy::Quit, Attempt::Planned),
                ("", "legs", EndedBy::Plan, Attempt::Planned),
                ("sore", "legs", EndedBy::Restart, Attempt::Restarted),
                ("", "legs", EndedBy::Plan, Attempt::Redo),
                ("felt good", "legs", EndedBy::Failure, Attempt::Planned),
                ("{not tags}", "", EndedBy::Cap, Attempt::Planned),
                ("", "legs", EndedBy::Plan, Attempt::Planned),
            ]
        );
        assert_eq!(new[5].facts.ended, Some((5, "lower".into(), 2500)));
        assert_eq!(new[5].facts.block, Some((2, 2)));
        // Runs: the squat sets of 11-18; the workout of 11-20 (both its
        // blocks); the push-ups; the workout again a week later.
        let runs: Vec<&str> = new.iter().map(|r| r.facts.run.as_str()).collect();
        assert_eq!(runs[0], runs[1]);
        assert!(runs[2..6].iter().all(|r| *r == runs[2]), "{runs:?}");
        assert_ne!(runs[1], runs[2]);
        assert_ne!(runs[6], runs[5]);
        assert_ne!(runs[7], runs[2]);
        // Moving it again changes nothing.
        assert_eq!(migrate(&migrate(OLD)), migrate(OLD));
    }

    #[test]
    fn two_sessions_ending_a_set_in_one_second_give_their_rows_ids_of_their_own() {
        let squat = "2026-11-20T18:00:00+01:00,squat,,4-0-1-0,1,6,6,30,4,80kg,";
        let curl = "2026-11-20T18:00:00+01:00,curl,,4-0-1-0,1,6,6,30,4,12kg,";
        let (a, b) = (
            Row::parse(squat).expect("row"),
            Row::parse(curl).expect("row"),
        );
        assert_ne!(a.facts.id, b.facts.id);
        assert_eq!(
            a.facts.id,
            Row::parse(squat).expect("row").facts.id,
            "stable"
        );
    }

    #[test]
    fn an_older_format_is_told_by_its_header_or_its_rows() {
        assert!(is_v1(V1_HEADER));
        assert!(is_v1(
            "\u{feff}time,exercise,preset,tempo,set,planned_reps,completed_reps,tut_seconds,lowering_seconds,load,note\r"
        ));
        assert!(is_v1(
            "2026-11-18T18:00:00+01:00,squat,four-one,4-0-1-0,1,8,8,40,4,60kg,"
        ));
        assert!(!is_v1(HEADER));
        assert!(!is_v1(""));
        assert!(!is_v1("not a log"));
    }

    #[test]
    fn a_row_written_in_the_older_format_reads_back_the_same() {
        for row in rows_of(OLD) {
            let mut back = Row::parse(&to_v1_line(&row)).expect("row");
            back.facts.run.clone_from(&row.facts.run);
            assert_eq!(back, row);
        }
    }
}
