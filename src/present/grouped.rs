//! The recent sets of the training log grouped by workout and exercise:
//! one line per exercise done, under the workout it was part of.

use crate::text::safe;
use crate::timing::units::{count, fmt_secs1};
use jiff::tz::TimeZone;

use crate::training::sessions::sessions;
use crate::training::store::Row;
use crate::training::tags::Tags;

/// How many of the latest sessions (of one exercise each) are grouped.
pub(crate) const GROUPED_SESSIONS: usize = 12;

/// `Recent workouts and exercises`: the last [`GROUPED_SESSIONS`] sessions
/// of one exercise each, under their workout (`-` for none), with their
/// sets, reps done of planned, and where a set the lifter ended stood.
pub fn section(rows: &[Row], tz: &TimeZone) -> String {
    let all = sessions(rows);
    let recent = &all[all.len().saturating_sub(GROUPED_SESSIONS)..];
    if recent.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nRecent workouts and exercises\n");
    let mut last_heading = None;
    for s in recent {
        let tags: Vec<Tags> = s.rows.iter().map(|r| Tags::parse(&r.note).1).collect();
        let workout = tags.iter().find_map(|t| t.workout.clone());
        let heading = format!(
            "  {} {}",
            s.label(tz).get(..10).unwrap_or_default(),
            workout
                .as_deref()
                .map_or("(no workout)".to_string(), |w| format!("workout {w}"))
        );
        if last_heading.as_ref() != Some(&heading) {
            out.push_str(&safe(&heading));
            out.push('\n');
            last_heading = Some(heading);
        }
        let done: u32 = s.rows.iter().map(|r| u32::from(r.completed)).sum();
        let planned: u32 = s.rows.iter().map(|r| u32::from(r.planned)).sum();
        let tut: u64 = s.rows.iter().map(|r| u64::from(r.tut_ms)).sum();
        let block = tags
            .iter()
            .find_map(|t| t.block)
            .map(|(b, of)| format!("block {b}/{of} "))
            .unwrap_or_default();
        let mut line = format!(
            "    {block}{}: {}, {done}/{planned} reps, TUT {} s",
            if s.exercise.is_empty() {
                "-"
            } else {
                s.exercise
            },
            count(s.rows.len() as u64, "set"),
            fmt_secs1(tut)
        );
        for (row, t) in s.rows.iter().zip(&tags) {
            if let Some((rep, phase, ms)) = &t.ended {
                let ms = *ms;
                line.push_str(&format!(
                    "; set {} ended in rep {rep} ({phase} {} s)",
                    row.set,
                    fmt_secs1(ms)
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

    fn row(at: &str, exercise: &str, set: u16, done: u16, note: &str) -> Row {
        Row {
            set,
            note: note.into(),
            ..fixtures::set(at, exercise, 4, done)
        }
    }

    #[test]
    fn sets_are_grouped_by_workout_then_exercise_with_where_a_set_ended() {
        let rows = vec![
            row("2026-11-20T18:00:00+01:00", "curl", 1, 8, ""),
            row(
                "2026-11-22T18:00:00+01:00",
                "squat",
                1,
                8,
                "{workout=legs block=1/2}",
            ),
            row(
                "2026-11-22T18:03:00+01:00",
                "squat",
                2,
                8,
                "{workout=legs block=1/2}",
            ),
            row(
                "2026-11-22T18:09:00+01:00",
                "curl",
                1,
                6,
                "grip {workout=legs block=2/2 ended=7/lower/4.2}",
            ),
        ];
        let text = section(&rows, &TimeZone::fixed(jiff::tz::offset(1)));
        assert_eq!(
            text,
            "\nRecent workouts and exercises\n\
             \x20 2026-11-20 (no workout)\n\
             \x20   curl: 1 set, 8/8 reps, TUT 40.0 s\n\
             \x20 2026-11-22 workout legs\n\
             \x20   block 1/2 squat: 2 sets, 16/16 reps, TUT 80.0 s\n\
             \x20   block 2/2 curl: 1 set, 6/8 reps, TUT 30.0 s; set 1 ended in rep 7 (lower 4.2 s)\n"
        );
        assert_eq!(section(&[], &TimeZone::UTC), "");
    }
}
