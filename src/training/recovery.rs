//! Recovery rules (pure): which sets count, how many days a week the
//! lifter trains, and whether the journal says recovery is not done.
//!
//! The articles: negatives "cause more muscle damage and soreness and tax
//! the nervous system"; "on a 4-5 day split, use negatives every other
//! workout; on 3 days a week, each workout is fine"; "keep a journal of
//! soreness and sleep quality".

use jiff::{SignedDuration, Timestamp, civil};

use crate::training::rows::{JournalEntry, Row};

/// A set with fewer completed reps than this does not count for recovery
/// or frequency.
pub(crate) const MIN_REPS: u16 = 2;
/// A set with less time under tension than this (ms) does not count.
///
/// Why: the articles' negatives are sets of 6-10 reps, 45-55 s under
/// tension; the soreness and nervous-system load they warn of come from
/// that work. One rep, or a set stopped within its first seconds (a
/// signal, a wrong start, a restart), does not do it, and must not raise
/// "heavy negatives 0 h ago" after a single rep.
pub(crate) const MIN_TUT_MS: u32 = 10_000;
/// The weeks of log the training frequency is read from.
pub(crate) const FREQUENCY_WEEKS: i64 = 4;
/// Less log history than this and the frequency is not known yet; the
/// caution then holds for [`RECOVERY`] after heavy negatives.
pub(crate) const MIN_HISTORY_DAYS: i64 = 14;
/// How long after heavy negatives the caution holds while the frequency
/// is not known.
pub(crate) const RECOVERY: SignedDuration = SignedDuration::from_hours(48);
/// A journal entry older than this says nothing about today.
pub(crate) const JOURNAL_FRESH: SignedDuration = SignedDuration::from_hours(48);
/// Soreness at or above this (of 5) is "very sore".
pub(crate) const VERY_SORE: u8 = 4;
/// Sleep at or below this (of 5) is "badly slept".
pub(crate) const BAD_SLEEP: u8 = 2;
/// From this many training days a week on, the articles' split rule
/// (negatives every other workout) applies.
pub(crate) const SPLIT_DAYS: u32 = 4;

/// Whether a row is a set big enough to count ([`MIN_REPS`],
/// [`MIN_TUT_MS`]).
pub fn counts(row: &Row) -> bool {
    row.completed >= MIN_REPS && row.tut_ms >= MIN_TUT_MS
}

/// How often the lifter trains, as read from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frequency {
    /// Less than [`MIN_HISTORY_DAYS`] of log: not known yet.
    Unknown,
    /// Training days a week, rounded, over the last [`FREQUENCY_WEEKS`]
    /// (or the log's history, when shorter).
    PerWeek(u32),
}

/// The lifter's training days a week at `now`, from the days with a set
/// that counts, any exercise.
pub(crate) fn frequency(rows: &[Row], now: Timestamp) -> Frequency {
    let window = SignedDuration::from_hours(FREQUENCY_WEEKS * 7 * 24);
    let from = now.checked_sub(window).unwrap_or(Timestamp::MIN);
    let counted: Vec<&Row> = rows
        .iter()
        .filter(|r| counts(r) && r.when.at <= now)
        .collect();
    let Some(first) = counted.iter().map(|r| r.when.at).min() else {
        return Frequency::Unknown;
    };
    let history_days = now.duration_since(first).as_hours() / 24;
    if history_days < MIN_HISTORY_DAYS {
        return Frequency::Unknown;
    }
    let span_days = history_days.min(FREQUENCY_WEEKS * 7);
    let mut days: Vec<civil::Date> = counted
        .iter()
        .filter(|r| r.when.at >= from)
        .map(|r| r.when.local.date())
        .collect();
    days.sort_unstable();
    days.dedup();
    let days = i64::try_from(days.len()).unwrap_or(i64::MAX);
    let per_week = (days.saturating_mul(14) + span_days) / (2 * span_days);
    Frequency::PerWeek(u32::try_from(per_week).unwrap_or(u32::MAX))
}

/// The latest journal entry up to `now`, when it is fresh
/// ([`JOURNAL_FRESH`]) and says very sore or badly slept.
pub(crate) fn strained(journal: &[JournalEntry], now: Timestamp) -> Option<&JournalEntry> {
    journal
        .iter()
        .filter(|e| e.when.at <= now)
        .max_by_key(|e| e.when.at)
        .filter(|e| now.duration_since(e.when.at) <= JOURNAL_FRESH)
        .filter(|e| e.soreness >= VERY_SORE || e.sleep <= BAD_SLEEP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures;
    use crate::training::rows::When;

    fn row(time: &str, done: u16, tut_s: u32) -> Row {
        Row {
            tut_ms: tut_s * 1000,
            ..fixtures::set(time, "squat", 5, done)
        }
    }

    /// Days of training: `per_week` days (Mon, Wed, Fri, Tue, Thu order)
    /// each week for 4 weeks from Monday 2026-10-26.
    fn weeks(per_week: usize) -> Vec<Row> {
        let order = [0, 2, 4, 1, 3, 5];
        let start: civil::Date = "2026-10-26".parse().expect("date");
        (0..4)
            .flat_map(|w| order[..per_week].iter().map(move |d| w * 7 + d))
            .map(|d| {
                let day = start.checked_add(jiff::Span::new().days(d)).expect("day");
                row(&format!("{day}T18:00:00+01:00"), 8, 48)
            })
            .collect()
    }

    #[test]
    fn the_days_a_week_are_read_from_the_last_four_weeks() {
        let now: Timestamp = "2026-11-23T08:00:00Z".parse().expect("now");
        for n in [3, 4, 5] {
            assert_eq!(
                frequency(&weeks(n), now),
                Frequency::PerWeek(u32::try_from(n).expect("n"))
            );
        }
        // Ten days of log: too little to tell.
        let short = [row("2026-11-13T18:00:00+01:00", 8, 48)];
        assert_eq!(frequency(&short, now), Frequency::Unknown);
        assert_eq!(frequency(&[], now), Frequency::Unknown);
    }

    #[test]
    fn a_set_of_one_rep_or_under_ten_seconds_does_not_count() {
        assert!(!counts(&row("2026-11-20T18:00:00+01:00", 1, 11)));
        assert!(!counts(&row("2026-11-20T18:00:00+01:00", 3, 9)));
        assert!(counts(&row("2026-11-20T18:00:00+01:00", 2, 12)));
    }

    #[test]
    fn only_a_fresh_latest_entry_that_says_sore_or_tired_strains() {
        let entry = |time: &str, soreness: u8, sleep: u8| JournalEntry {
            when: When::parse(time).expect("time"),
            soreness,
            sleep,
            note: String::new(),
        };
        let now: Timestamp = "2026-11-21T08:00:00Z".parse().expect("now");
        let sore = [entry("2026-11-21T07:30:00+01:00", 5, 4)];
        assert_eq!(strained(&sore, now), sore.first());
        let tired = [entry("2026-11-20T07:30:00+01:00", 2, 1)];
        assert_eq!(strained(&tired, now), tired.first());
        // A later entry that feels fine, or one three days old: nothing.
        let better = [sore[0].clone(), entry("2026-11-21T08:30:00+01:00", 2, 4)];
        assert_eq!(strained(&better, now), None);
        let old = [entry("2026-11-18T07:30:00+01:00", 5, 1)];
        assert_eq!(strained(&old, now), None);
    }
}
