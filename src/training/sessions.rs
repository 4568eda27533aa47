//! The log's rows as logged sessions: a run of rows of one exercise,
//! each less than [`SESSION_GAP`] after the one before. The coach, the
//! progression, the charts and the `log` report all read the log this way.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::training::recovery;
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
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by_key(|r| r.when.at);
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
