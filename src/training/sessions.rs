//! The log's rows as logged sessions: a run of rows of one exercise,
//! each less than [`SESSION_GAP`] after the one before. The coach, the
//! progression, the charts and the `log` report all read the log this way.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::training::recovery;
use crate::training::rows::in_time_order;
use crate::training::store::{Row, name_key};

pub(crate) use crate::training::rows::SESSION_GAP;
/// `at` as `2026-11-20 18:05` in the zone `tz`.
pub(crate) fn label_at(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// One logged session of one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedSession<'a> {
    /// The exercise (empty when none was named).
    pub exercise: &'a str,
    /// Its rows, in time order.
    pub rows: Vec<&'a Row>,
}

impl LoggedSession<'_> {
    /// When it started (its first row).
    pub fn start(&self) -> Timestamp {
        self.rows
            .first()
            .map_or(Timestamp::UNIX_EPOCH, |r| r.when.at)
    }

    /// When it ended (its last row).
    pub fn end(&self) -> Timestamp {
        self.rows
            .last()
            .map_or(Timestamp::UNIX_EPOCH, |r| r.when.at)
    }

    /// When it started, in the zone `tz`: `2026-11-20 18:05`.
    pub(crate) fn label(&self, tz: &TimeZone) -> String {
        self.rows
            .first()
            .map_or(String::new(), |r| label_at(r.when.at, tz))
    }

    /// The lowering of its last set, in ms.
    pub fn lower_ms(&self) -> u32 {
        self.rows.last().map_or(0, |r| r.lower_ms)
    }

    /// The longest lowering of any of its sets, in ms.
    pub(crate) fn max_lower_ms(&self) -> u32 {
        self.rows.iter().map(|r| r.lower_ms).max().unwrap_or(0)
    }

    /// The longest lowering of its sets big enough to count
    /// ([`recovery::counts`]), in ms: 0 when none does.
    pub(crate) fn counted_lower_ms(&self) -> u32 {
        self.rows
            .iter()
            .filter(|r| recovery::counts(r))
            .map(|r| r.lower_ms)
            .max()
            .unwrap_or(0)
    }

    /// Whether every set was done with every planned rep at one lowering.
    /// Only the sets that count ([`Row::counts`]) are weighed: an attempt
    /// cut short by a restart, or a set stopped part-way by a quit, was
    /// begun again (or not at all), and that is what counts.
    pub(crate) fn complete_at(&self, lower_ms: u32) -> bool {
        let mut sets = self.rows.iter().filter(|r| r.counts()).peekable();
        sets.peek().is_some() && sets.all(|r| r.complete() && r.lower_ms == lower_ms)
    }

    /// The load of its last set (may be empty).
    pub fn load(&self) -> &str {
        self.rows.last().map_or("", |r| r.load.as_str())
    }
}

/// The sessions in `rows`, every exercise, ordered by start.
pub fn sessions(rows: &[Row]) -> Vec<LoggedSession<'_>> {
    let sorted = in_time_order(rows);
    let mut out: Vec<LoggedSession<'_>> = Vec::new();
    for row in sorted {
        let open = out
            .iter_mut()
            .rev()
            .find(|s| name_key(s.exercise) == name_key(&row.exercise));
        match open {
            Some(s) if row.when.at.duration_since(s.end()) <= SESSION_GAP => s.rows.push(row),
            _ => out.push(LoggedSession {
                exercise: &row.exercise,
                rows: vec![row],
            }),
        }
    }
    out.sort_by_key(LoggedSession::start);
    out
}

/// The sets (block, set) of `workout`'s last run that were done in full,
/// if that run ended less than [`SESSION_GAP`] before `now`: a workout
/// resumed with `--from` does them again, and those attempts are redos.
pub(crate) fn done_in_last_run(rows: &[Row], workout: &str, now: Timestamp) -> Vec<(u16, u16)> {
    let ours: Vec<&Row> = rows
        .iter()
        .filter(|r| !workout.is_empty() && r.facts.workout == workout)
        .collect();
    let Some(last) = ours.iter().max_by_key(|r| r.when.at) else {
        return Vec::new();
    };
    if now.duration_since(last.when.at) > SESSION_GAP {
        return Vec::new();
    }
    ours.iter()
        .filter(|r| r.facts.run == last.facts.run && r.counts() && r.complete())
        .map(|r| (r.facts.block.map_or(1, |(b, _)| b), r.set))
        .collect()
}

/// The last time `exercise` was done, in a line for the start of its block:
/// `last squat: Tue 11-24 · 80kg · 3×6 @ 4 s`. The sets that count
/// ([`Row::counts`]) of its last logged session, their reps (`3 sets of
/// 6/6/5` when they differ), the last set's load, and the longest
/// lowering (unknown for sets with no tempo, as imported ones may be).
/// `None` when it was never done.
pub(crate) fn last_time(rows: &[Row], exercise: &str, tz: &TimeZone) -> Option<String> {
    if exercise.trim().is_empty() {
        return None;
    }
    let all = sessions(rows);
    let sets: Vec<&Row> = all
        .iter()
        .rev()
        .filter(|s| name_key(s.exercise) == name_key(exercise))
        .map(|s| {
            s.rows
                .iter()
                .copied()
                .filter(|r| r.counts())
                .collect::<Vec<_>>()
        })
        .find(|sets| !sets.is_empty())?;
    let (first, last) = (sets.first()?, sets.last()?);
    let day = first.when.at.to_zoned(tz.clone()).strftime("%a %m-%d");
    let reps: Vec<u16> = sets.iter().map(|r| r.completed).collect();
    let volume = if reps.iter().all(|r| *r == reps[0]) {
        format!("{}×{}", reps.len(), reps[0])
    } else {
        let each: Vec<String> = reps.iter().map(u16::to_string).collect();
        format!("{} sets of {}", reps.len(), each.join("/"))
    };
    let lower = if sets.iter().all(|r| r.tempo.is_empty()) {
        "lowering unknown".to_string()
    } else {
        let ms = sets.iter().map(|r| r.lower_ms).max().unwrap_or(0);
        format!("@ {} s", crate::timing::units::fmt_secs(ms))
    };
    let load = if last.load.is_empty() {
        String::new()
    } else {
        format!(" · {}", last.load)
    };
    Some(
        crate::text::safe(&format!(
            "last {}: {day}{load} · {volume} {lower}",
            first.exercise
        ))
        .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::training::fixtures;

    #[test]
    fn the_last_time_is_the_last_session_s_sets_that_count() {
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        let mut rows = vec![
            fixtures::set("2026-11-17T18:00:00+01:00", "squat", 3, 8),
            fixtures::set("2026-11-24T18:00:00+01:00", "squat", 4, 6),
            fixtures::set("2026-11-24T18:03:00+01:00", "squat", 4, 3),
            fixtures::set("2026-11-24T18:05:00+01:00", "squat", 4, 6),
            fixtures::set("2026-11-24T18:09:00+01:00", "squat", 4, 5),
            fixtures::set("2026-11-24T18:20:00+01:00", "curl", 2, 8),
        ];
        rows[4].load = "80kg".into();
        // The 3 reps were stopped by a quit, and done again.
        rows[2].facts.ended_by = crate::training::rows::EndedBy::Quit;
        assert_eq!(
            last_time(&rows, "Squat", &tz).as_deref(),
            Some("last squat: Tue 11-24 · 80kg · 3 sets of 6/6/5 @ 4 s")
        );
        assert_eq!(
            last_time(&rows, "curl", &tz).as_deref(),
            Some("last curl: Tue 11-24 · 1×8 @ 2 s")
        );
        rows[5].tempo = String::new();
        assert_eq!(
            last_time(&rows, "curl", &tz).as_deref(),
            Some("last curl: Tue 11-24 · 1×8 lowering unknown")
        );
        assert_eq!(last_time(&rows, "bench", &tz), None);
        assert_eq!(last_time(&rows, "", &tz), None);
    }

    #[test]
    fn the_sets_done_in_full_in_a_workout_s_last_run_are_known_for_two_hours() {
        let at = |t: &str| jiff::Timestamp::from_str(t).expect("time");
        let set = |time: &str, block: u16, set: u16, done: u16, run: &str| {
            let mut r = fixtures::set(time, "squat", 4, done);
            r.set = set;
            r.facts.workout = "legs".into();
            r.facts.block = Some((block, 2));
            r.facts.run = run.into();
            r
        };
        let mut stopped = set("2026-11-24T18:09:00+01:00", 2, 1, 3, "b");
        stopped.facts.ended_by = crate::training::rows::EndedBy::Quit;
        let rows = vec![
            set("2026-11-20T18:00:00+01:00", 1, 1, 8, "a"),
            set("2026-11-24T18:00:00+01:00", 1, 1, 8, "b"),
            set("2026-11-24T18:03:00+01:00", 1, 2, 6, "b"),
            stopped,
        ];
        let soon = at("2026-11-24T17:30:00Z");
        assert_eq!(done_in_last_run(&rows, "legs", soon), [(1, 1)]);
        assert_eq!(done_in_last_run(&rows, "push", soon), []);
        assert_eq!(
            done_in_last_run(&rows, "legs", at("2026-11-24T20:30:00Z")),
            []
        );
    }
}
