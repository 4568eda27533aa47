//! The numbers behind `repcadence log`'s charts (pure): over one span of
//! days, time under tension per week, and per exercise the lowering and
//! the load session by session, and the journal's soreness and sleep.
//!
//! Days are counted from the span's first day in the zone given (the
//! lifter's zone today), so every chart of one report shares its x axis.
//! A session is a point on the day it started. Loads are plotted in one
//! unit per exercise, the unit of its latest load, and converted only
//! where the lifter mixed units; a bodyweight load (`bw+10kg`, `-20kg`)
//! is plotted as the weight added (or, negative, taken off by
//! assistance), `bw` alone as 0.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::load::{self, Load, Unit, Weight};
use crate::timing::engine::Attempt;
use crate::training::rows::{JournalEntry, Row};
use crate::training::sessions::sessions;

/// Whether a row counts as a set in the totals: all but an attempt cut
/// short by a restart (the set was begun again, and that attempt is the
/// set). Its time under tension was done all the same, and counts.
pub(crate) fn is_a_set(row: &Row) -> bool {
    row.attempt() != Attempt::Restarted
}

/// `date` moved by `days` (itself if that is past the calendar's end).
pub(crate) fn add_days(date: Date, days: i64) -> Date {
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .unwrap_or(date)
}

/// The Monday of `date`'s week.
pub(crate) fn monday(date: Date) -> Date {
    add_days(date, -i64::from(date.weekday().to_monday_zero_offset()))
}

/// The days from `from` to `to` (negative if `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map_or(0, |span| i64::from(span.get_days()))
}

/// The days the charts cover, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    /// The first day: day 0 on the x axis.
    pub first: Date,
    /// The last day.
    pub last: Date,
}

impl DaySpan {
    /// How many days after the first `date` is: its place on the x axis.
    pub fn day(&self, date: Date) -> i64 {
        days_between(self.first, date)
    }

    /// The last day's place on the x axis (0 for a span of one day).
    pub fn length(&self) -> i64 {
        self.day(self.last)
    }

    /// Whether `date` is in the span.
    pub fn contains(&self, date: Date) -> bool {
        self.first <= date && date <= self.last
    }
}

/// Time under tension in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub monday: Date,
    /// Time under tension, in ms: every row's, a restarted attempt's too.
    pub tut_ms: u64,
    /// Sets done (a restarted attempt is no set).
    pub sets: u64,
}

/// What an exercise's loads are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// Weights (`80kg`): the weight is plotted.
    Weight,
    /// Bodyweight (`bw`, `bw+10kg`, `-20kg`): the weight added is plotted.
    AddedToBodyweight,
    /// Both: each as above.
    Mixed,
}

/// One exercise's loads, a point per session that had one.
#[derive(Debug, Clone, PartialEq)]
pub struct Loads {
    /// The unit every point is in.
    pub unit: Unit,
    /// What the numbers are.
    pub kind: LoadKind,
    /// (day, load): the heaviest of the session's sets.
    pub points: Vec<(f64, f64)>,
}

/// One exercise over the span.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseSeries {
    /// Its name as logged (`-` for rows with none).
    pub name: String,
    /// (day, s): each session's longest lowering.
    pub lowering: Vec<(f64, f64)>,
    /// Its loads, if any set had one that reads as a load.
    pub loads: Option<Loads>,
    /// Time under tension in the span, in ms.
    pub tut_ms: u64,
    /// Sets done in the span (a restarted attempt is no set).
    pub sets: u64,
}

/// One journal entry in the span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feeling {
    /// Its day.
    pub day: f64,
    /// Soreness, 1-5.
    pub soreness: u8,
    /// Sleep, 1-5.
    pub sleep: u8,
}

/// Everything the charts show.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The days shown.
    pub span: DaySpan,
    /// Every week of the span, oldest first, empty ones too.
    pub weeks: Vec<Week>,
    /// Each exercise with a session in the span, by name.
    pub exercises: Vec<ExerciseSeries>,
    /// The journal entries in the span, oldest first.
    pub journal: Vec<Feeling>,
    /// Whether rows or entries before the span were left out.
    pub earlier: bool,
}

/// `at`'s date in the zone `tz`.
fn date_in(at: jiff::Timestamp, tz: &TimeZone) -> Date {
    at.to_zoned(tz.clone()).date()
}

/// The span the charts cover: from the first logged day to the last
/// (sets or journal), but no more than the last `max_weeks` weeks (from
/// a Monday) up to the last. `None` when nothing is logged.
pub fn span(
    rows: &[Row],
    journal: &[JournalEntry],
    tz: &TimeZone,
    max_weeks: u16,
) -> Option<DaySpan> {
    let dates = rows
        .iter()
        .map(|r| r.when.at)
        .chain(journal.iter().map(|e| e.when.at));
    let (min, max) = dates.fold(None, |acc, at| match acc {
        None => Some((at, at)),
        Some((lo, hi)) => Some((at.min(lo), at.max(hi))),
    })?;
    let last = date_in(max, tz);
    let limit = add_days(monday(last), -7 * i64::from(max_weeks.max(1) - 1));
    Some(DaySpan {
        first: date_in(min, tz).max(limit),
        last,
    })
}

/// The numbers of every chart over at most the last `max_weeks` weeks
/// that have sets or journal entries, in the zone `tz`. `None` when
/// nothing is logged.
pub fn progress(
    rows: &[Row],
    journal: &[JournalEntry],
    tz: &TimeZone,
    max_weeks: u16,
) -> Option<Progress> {
    let span = span(rows, journal, tz, max_weeks)?;
    let in_span: Vec<Row> = rows
        .iter()
        .filter(|r| span.contains(date_in(r.when.at, tz)))
        .cloned()
        .collect();
    let feelings: Vec<Feeling> = {
        let mut entries: Vec<&JournalEntry> = journal
            .iter()
            .filter(|e| span.contains(date_in(e.when.at, tz)))
            .collect();
        entries.sort_by_key(|e| e.when.at);
        entries
            .iter()
            .map(|e| Feeling {
                day: span.day(date_in(e.when.at, tz)) as f64,
                soreness: e.soreness,
                sleep: e.sleep,
            })
            .collect()
    };
    Some(Progress {
        span,
        weeks: weeks(&in_span, span, tz),
        exercises: exercises(&in_span, span, tz),
        earlier: in_span.len() < rows.len() || feelings.len() < journal.len(),
        journal: feelings,
    })
}

/// Time under tension in each week of `span`, empty weeks too.
pub fn weeks(rows: &[Row], span: DaySpan, tz: &TimeZone) -> Vec<Week> {
    let mut out = Vec::new();
    let mut at = monday(span.first);
    while at <= span.last {
        out.push(Week {
            monday: at,
            tut_ms: 0,
            sets: 0,
        });
        let next = add_days(at, 7);
        if next == at {
            break;
        }
        at = next;
    }
    for r in rows {
        let m = monday(date_in(r.when.at, tz));
        if let Some(w) = out.iter_mut().find(|w| w.monday == m) {
            w.tut_ms += u64::from(r.tut_ms);
            w.sets += u64::from(is_a_set(r));
        }
    }
    out
}

/// A row's load as a number to plot: the weight, or the weight added to
/// bodyweight (0 for `bw` alone, which has no unit).
fn plotted(row: &Row) -> Option<(Option<Weight>, bool)> {
    match load::parse(&row.load).ok()? {
        Load::Weight(w) => Some((Some(w), false)),
        Load::Bodyweight(w) => Some((w, true)),
    }
}

/// Each exercise with a session in `rows`, by name: its lowering and its
/// loads session by session.
pub fn exercises(rows: &[Row], span: DaySpan, tz: &TimeZone) -> Vec<ExerciseSeries> {
    let mut by: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for s in sessions(rows) {
        let name = if s.exercise.is_empty() {
            "-"
        } else {
            s.exercise
        };
        by.entry(name).or_default().push(s);
    }
    by.into_iter()
        .map(|(name, list)| {
            let day = |s: &crate::training::sessions::LoggedSession<'_>| {
                span.day(date_in(s.start(), tz)) as f64
            };
            let lowering = list
                .iter()
                .map(|s| (day(s), f64::from(s.max_lower_ms()) / 1000.0))
                .collect();
            let all: Vec<(Option<Weight>, bool)> = list
                .iter()
                .flat_map(|s| s.rows.iter().filter_map(|r| plotted(r)))
                .collect();
            let loads = (!all.is_empty()).then(|| {
                let unit = all
                    .iter()
                    .rev()
                    .find_map(|(w, _)| w.map(|w| w.unit))
                    .unwrap_or(Unit::Kg);
                let kind = match (all.iter().any(|l| !l.1), all.iter().any(|l| l.1)) {
                    (true, true) => LoadKind::Mixed,
                    (false, true) => LoadKind::AddedToBodyweight,
                    _ => LoadKind::Weight,
                };
                let points = list
                    .iter()
                    .filter_map(|s| {
                        s.rows
                            .iter()
                            .filter_map(|r| plotted(r))
                            .map(|(w, _)| w.map_or(0, |w| w.to_unit(unit).centi))
                            .max()
                            .map(|centi| (day(s), centi as f64 / 100.0))
                    })
                    .collect();
                Loads { unit, kind, points }
            });
            let rows = list.iter().flat_map(|s| s.rows.iter());
            ExerciseSeries {
                name: name.to_string(),
                lowering,
                loads,
                tut_ms: rows.clone().map(|r| u64::from(r.tut_ms)).sum(),
                sets: rows.filter(|r| is_a_set(r)).count() as u64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures::{self, entry};

    fn row(time: &str, exercise: &str, lower_s: u32, load: &str) -> Row {
        Row {
            preset: "four-one".into(),
            load: load.into(),
            ..fixtures::set(time, exercise, lower_s, 8)
        }
    }

    fn plus_1() -> TimeZone {
        jiff::tz::offset(1).to_time_zone()
    }

    fn date(text: &str) -> Date {
        text.parse().expect("date")
    }

    #[test]
    fn weeks_sum_time_under_tension_from_monday_and_keep_empty_weeks() {
        let mut cut = row("2026-11-18T18:01:00+01:00", "squat", 4, "60kg");
        cut.tut_ms = 15_000;
        cut.facts.attempt = crate::timing::engine::Attempt::Restarted;
        let rows = [
            // Sunday night: the week of Monday 11-09.
            row("2026-11-15T23:30:00+01:00", "squat", 4, "60kg"),
            row("2026-11-16T18:00:00+01:00", "squat", 4, "60kg"),
            cut,
            row("2026-11-18T18:03:00+01:00", "squat", 4, "60kg"),
            // A week with nothing, then Monday 11-30.
            row("2026-11-30T07:00:00+01:00", "bench", 6, "77kg"),
        ];
        let p = progress(&rows, &[], &plus_1(), 13).expect("progress");
        assert_eq!(p.span.first, date("2026-11-15"));
        assert_eq!(p.span.last, date("2026-11-30"));
        let got: Vec<(String, u64, u64)> = p
            .weeks
            .iter()
            .map(|w| (w.monday.to_string(), w.tut_ms, w.sets))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-11-09".to_string(), 40_000, 1),
                ("2026-11-16".to_string(), 40_000 + 15_000 + 40_000, 2),
                ("2026-11-23".to_string(), 0, 0),
                ("2026-11-30".to_string(), 56_000, 1),
            ]
        );
    }

    #[test]
    fn days_are_counted_in_the_zone_given() {
        // 23:30 UTC on the 15th is the 16th at UTC+1.
        let rows = [
            row("2026-11-15T23:30:00+00:00", "squat", 4, "60kg"),
            row("2026-11-18T18:00:00+01:00", "squat", 5, "60kg"),
        ];
        let p = progress(&rows, &[], &plus_1(), 13).expect("progress");
        assert_eq!(p.span.first, date("2026-11-16"));
        assert_eq!(p.exercises[0].lowering, [(0.0, 4.0), (2.0, 5.0)]);
    }

    #[test]
    fn the_lowering_is_each_sessions_longest() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "squat", 3, "60kg"),
            row("2026-11-16T18:04:00+01:00", "squat", 4, "60kg"),
            row("2026-11-16T18:30:00+01:00", "bench", 6, "70kg"),
            // Over 2 h later: another session the same day.
            row("2026-11-16T21:00:00+01:00", "squat", 5, "60kg"),
            row("2026-11-20T18:00:00+01:00", "squat", 4, "65kg"),
        ];
        let p = progress(&rows, &[], &plus_1(), 13).expect("progress");
        let names: Vec<&str> = p.exercises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["bench", "squat"]);
        assert_eq!(p.exercises[0].lowering, [(0.0, 6.0)]);
        assert_eq!(
            p.exercises[1].lowering,
            [(0.0, 4.0), (0.0, 5.0), (4.0, 4.0)]
        );
        let loads = p.exercises[1].loads.as_ref().expect("loads");
        assert_eq!(loads.points, [(0.0, 60.0), (0.0, 60.0), (4.0, 65.0)]);
        assert_eq!((loads.unit, loads.kind), (Unit::Kg, LoadKind::Weight));
    }

    #[test]
    fn mixed_units_are_converted_to_the_latest() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "squat", 4, "176lb"),
            row("2026-11-18T18:00:00+01:00", "squat", 4, "80kg"),
            row("2026-11-20T18:00:00+01:00", "press", 4, "40kg"),
            row("2026-11-22T18:00:00+01:00", "press", 4, "100lb"),
        ];
        let p = progress(&rows, &[], &plus_1(), 13).expect("progress");
        let press = p.exercises[0].loads.as_ref().expect("press");
        assert_eq!(press.unit, Unit::Lb);
        // 40 kg = 88.18 lb.
        assert_eq!(press.points, [(4.0, 88.18), (6.0, 100.0)]);
        let squat = p.exercises[1].loads.as_ref().expect("squat");
        assert_eq!(squat.unit, Unit::Kg);
        // 176 lb = 79.83 kg.
        assert_eq!(squat.points, [(0.0, 79.83), (2.0, 80.0)]);
    }

    #[test]
    fn bodyweight_loads_plot_the_weight_added_and_text_is_no_load() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "dips", 4, "bw"),
            row("2026-11-18T18:00:00+01:00", "dips", 4, "bw+10kg"),
            row("2026-11-20T18:00:00+01:00", "dips", 4, "-20kg"),
            row("2026-11-20T18:00:00+01:00", "curl", 4, "heavy"),
            row("2026-11-22T18:00:00+01:00", "row", 4, "bw+5kg"),
            row("2026-11-23T18:00:00+01:00", "row", 4, "50kg"),
        ];
        let p = progress(&rows, &[], &plus_1(), 13).expect("progress");
        let by = |n: &str| p.exercises.iter().find(|e| e.name == n).expect(n);
        assert_eq!(by("curl").loads, None);
        let dips = by("dips").loads.as_ref().expect("dips");
        assert_eq!(dips.kind, LoadKind::AddedToBodyweight);
        assert_eq!(dips.points, [(0.0, 0.0), (2.0, 10.0), (4.0, -20.0)]);
        assert_eq!(
            by("row").loads.as_ref().map(|l| l.kind),
            Some(LoadKind::Mixed)
        );
    }

    #[test]
    fn journal_points_are_in_the_span_and_in_order() {
        let rows = [row("2026-11-16T18:00:00+01:00", "squat", 4, "60kg")];
        let journal = [
            entry("2026-11-19T07:00:00+01:00", 2, 4),
            entry("2026-11-17T07:00:00+01:00", 4, 2),
        ];
        let p = progress(&rows, &journal, &plus_1(), 13).expect("progress");
        assert_eq!(p.span.last, date("2026-11-19"));
        let got: Vec<(f64, u8, u8)> = p
            .journal
            .iter()
            .map(|f| (f.day, f.soreness, f.sleep))
            .collect();
        assert_eq!(got, [(1.0, 4, 2), (3.0, 2, 4)]);
        assert!(!p.earlier);
    }

    #[test]
    fn the_span_is_at_most_the_last_weeks_asked() {
        let rows = [
            row("2026-01-05T18:00:00+01:00", "squat", 4, "60kg"),
            row("2026-11-18T18:00:00+01:00", "squat", 4, "60kg"),
        ];
        let p = progress(&rows, &[], &plus_1(), 4).expect("progress");
        // Four weeks up to the week of 11-16: from Monday 10-26.
        assert_eq!(p.span.first, date("2026-10-26"));
        assert_eq!(p.weeks.len(), 4);
        assert!(p.earlier);
        assert_eq!(p.exercises[0].lowering, [(23.0, 4.0)]);
        assert_eq!(progress(&[], &[], &plus_1(), 4), None);
    }
}
