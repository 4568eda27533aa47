//! The rows of the training log and the journal as text: one CSV line
//! each, formatted and parsed (pure; the files are [`super::store`]'s).

use jiff::{Timestamp, Zoned, civil};

use crate::timing::engine::{Attempt, SetSummary};
use crate::timing::tempo::Tempo;
use crate::timing::units::{fmt_secs, parse_seconds};
use crate::training::tags::Tags;

/// The end of the note of a row for an attempt cut short by a restart.
pub(crate) const RESTARTED: &str = "(restarted)";
/// The end of the note of a row for a set done again after it was
/// complete.
pub(crate) const REDO: &str = "(redo)";

/// The lifter's `note` for a row of `attempt`, and for a redo or a
/// restarted attempt its mark after it. The mark is in the note, not a
/// column of its own, so that the log keeps its columns and older versions
/// read it; tags ([`Tags`]) go after both.
fn marked(note: &str, attempt: Attempt) -> String {
    let note = note.trim();
    let mark = match attempt {
        Attempt::Planned => return note.to_string(),
        Attempt::Redo => REDO,
        Attempt::Restarted => RESTARTED,
    };
    if note.is_empty() {
        mark.to_string()
    } else {
        format!("{note} {mark}")
    }
}

/// What a logged session is: the labels written on every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInfo {
    /// The exercise (also the label the screen shows).
    pub exercise: Option<String>,
    /// The preset it came from.
    pub preset: Option<String>,
    /// The load, free text.
    pub load: Option<String>,
    /// A note.
    pub note: Option<String>,
}

/// A moment as logged: ISO 8601 local time with its UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// The text as written, `2026-11-20T18:05:00+01:00`.
    pub text: String,
    /// The instant, for comparing and measuring.
    pub at: Timestamp,
    /// The lifter's local date and time then, for dates and weeks.
    pub local: civil::DateTime,
}

impl When {
    /// The moment `zoned`, as it is written in the log.
    pub fn from_zoned(zoned: &Zoned) -> When {
        When {
            text: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            at: zoned.timestamp(),
            local: zoned.datetime(),
        }
    }

    /// Parses `2026-11-20T18:05:00+01:00` (an offset is required).
    pub fn parse(text: &str) -> Result<When, String> {
        let bad = |e: jiff::Error| format!("\"{text}\" is not an ISO 8601 time with offset: {e}");
        let at: Timestamp = text.parse().map_err(bad)?;
        let local: civil::DateTime = text.get(..19).unwrap_or(text).parse().map_err(bad)?;
        Ok(When {
            text: text.to_string(),
            at,
            local,
        })
    }
}

/// One row of the training log: one set, completed or stopped part-way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// When the set ended.
    pub when: When,
    /// The exercise, empty when none was named.
    pub exercise: String,
    /// The preset, empty when none was used.
    pub preset: String,
    /// The tempo, `P` in the lift field for a partner's lift.
    pub tempo: String,
    /// Set number, from 1.
    pub set: u16,
    /// Reps planned.
    pub planned: u16,
    /// Reps completed.
    pub completed: u16,
    /// Time under tension, in ms.
    pub tut_ms: u32,
    /// The lowering, in ms.
    pub lower_ms: u32,
    /// The load, free text (`80kg`), may be empty.
    pub load: String,
    /// A note, may be empty.
    pub note: String,
}

impl Row {
    /// The row of one attempt at a set, built whole in one place: `set` as
    /// the engine summed it up, ended at the wall-clock moment `when`, done
    /// at `tempo`, labelled with `info` and `tags` (the note is the
    /// lifter's, then the attempt's mark, then the tags).
    pub(crate) fn of_set(
        set: &SetSummary,
        when: When,
        tempo: &Tempo,
        info: &SessionInfo,
        tags: Tags,
    ) -> Row {
        let note = marked(info.note.as_deref().unwrap_or_default(), set.attempt);
        Row {
            when,
            exercise: info.exercise.clone().unwrap_or_default(),
            preset: info.preset.clone().unwrap_or_default(),
            tempo: tempo.to_string(),
            set: set.set,
            planned: set.reps_planned,
            completed: set.reps_done,
            tut_ms: u32::try_from(set.tut_ms).unwrap_or(u32::MAX),
            lower_ms: set.lower_ms,
            load: info.load.clone().unwrap_or_default(),
            note: tags.into_note(&note).unwrap_or_default(),
        }
    }

    /// Whether every planned rep was done.
    pub(crate) fn complete(&self) -> bool {
        self.completed >= self.planned
    }

    /// What the row's attempt was, as its note's mark says.
    pub fn attempt(&self) -> Attempt {
        let (note, _) = Tags::parse(&self.note);
        let note = note.trim_end();
        if note.ends_with(RESTARTED) {
            Attempt::Restarted
        } else if note.ends_with(REDO) {
            Attempt::Redo
        } else {
            Attempt::Planned
        }
    }

    /// The row as one CSV line, without its line end.
    pub fn to_line(&self) -> String {
        [
            self.when.text.clone(),
            field(&self.exercise),
            field(&self.preset),
            field(&self.tempo),
            self.set.to_string(),
            self.planned.to_string(),
            self.completed.to_string(),
            fmt_secs(self.tut_ms),
            fmt_secs(self.lower_ms),
            field(&self.load),
            field(&self.note),
        ]
        .join(",")
    }

    /// Parses one line of the log.
    pub fn parse(line: &str) -> Result<Row, String> {
        let f = split_fields(line)?;
        if f.len() != 11 {
            return Err(format!("has {} fields, not 11", f.len()));
        }
        let count = |i: usize, what: &str| {
            f[i].parse::<u16>()
                .map_err(|_| format!("{what} \"{}\" is not a whole number", f[i]))
        };
        let secs = |i: usize, what: &str| {
            parse_seconds(&f[i], 86_400_000).map_err(|e| format!("{what} \"{}\" {e}", f[i]))
        };
        Ok(Row {
            when: When::parse(&f[0])?,
            exercise: f[1].clone(),
            preset: f[2].clone(),
            tempo: f[3].clone(),
            set: count(4, "set")?,
            planned: count(5, "planned_reps")?,
            completed: count(6, "completed_reps")?,
            tut_ms: secs(7, "tut_seconds")?,
            lower_ms: secs(8, "lowering_seconds")?,
            load: f[9].clone(),
            note: f[10].clone(),
        })
    }
}

/// One journal entry: how recovery felt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// When it was written.
    pub when: When,
    /// Soreness, 1 (none) to 5 (very).
    pub soreness: u8,
    /// Sleep quality, 1 (bad) to 5 (very good).
    pub sleep: u8,
    /// A note, may be empty.
    pub note: String,
}

impl JournalEntry {
    /// The entry as one CSV line, without its line end.
    pub fn to_line(&self) -> String {
        format!(
            "{},{},{},{}",
            self.when.text,
            self.soreness,
            self.sleep,
            field(&self.note)
        )
    }

    /// Parses one line of the journal.
    pub fn parse(line: &str) -> Result<JournalEntry, String> {
        let f = split_fields(line)?;
        if f.len() != 4 {
            return Err(format!("has {} fields, not 4", f.len()));
        }
        let score = |i: usize, what: &str| match f[i].parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Ok(n),
            _ => Err(format!("{what} \"{}\" is not 1-5", f[i])),
        };
        Ok(JournalEntry {
            when: When::parse(&f[0])?,
            soreness: score(1, "soreness")?,
            sleep: score(2, "sleep")?,
            note: f[3].clone(),
        })
    }
}

/// A CSV field: free text on one line, quoted when it holds a comma or a
/// quote (RFC 4180). Line breaks become spaces, so a row is one line.
pub fn field(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if one_line.contains([',', '"']) || one_line.starts_with(' ') || one_line.ends_with(' ') {
        format!("\"{}\"", one_line.replace('"', "\"\""))
    } else {
        one_line
    }
}

/// Splits one CSV line into its fields (RFC 4180 quoting).
pub(crate) fn split_fields(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        value.push('"');
                    }
                    Some('"') => break,
                    Some(c) => value.push(c),
                    None => return Err("has a quoted field that never ends".to_string()),
                }
            }
            match chars.next() {
                None => {
                    fields.push(value);
                    return Ok(fields);
                }
                Some(',') => fields.push(value),
                Some(c) => return Err(format!("has '{c}' after a closing quote")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(value);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some('"') => return Err("has a quote inside an unquoted field".to_string()),
                    Some(c) => value.push(c),
                }
            }
            fields.push(value);
        }
    }
}

/// A line that was skipped when reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Line number, from 1.
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// Parses a whole file's text with `parse_line`: header lines and blank
/// lines are passed over, lines that do not parse are reported.
pub(crate) fn parse_lines<T>(
    text: &str,
    header: &str,
    parse_line: impl Fn(&str) -> Result<T, String>,
) -> (Vec<T>, Vec<Skipped>) {
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line == header {
            continue;
        }
        match parse_line(line) {
            Ok(row) => rows.push(row),
            Err(reason) => skipped.push(Skipped {
                line: i + 1,
                reason,
            }),
        }
    }
    (rows, skipped)
}
