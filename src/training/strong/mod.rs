//! Reading and writing workout history in the CSV formats of the Strong app,
//! and reading the workout export of the Hevy app.
//!
//! Four layouts are recognised, by the names in their header line (columns
//! are matched by name, so reordered or extra columns are fine):
//!
//! * Strong's semicolon layout, which has a `Weight Unit` column:
//!   `Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration`
//! * Strong's layout since 2023, with a `Workout #` column, `Duration
//!   (sec)`, and the unit in the weight column's name: `Weight (kg)` or
//!   `Weight (lbs)`; read as the semicolon layout, in that unit.
//! * Strong's older comma layout, which has no unit column (the caller says
//!   which unit its weights are in):
//!   `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE`
//! * Hevy's workout export, whose weight column is `weight_kg` or `weight_lbs`:
//!   `"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"`
//!
//! Strong writes `W`, `D` or `F` in `Set Order` for warm-up, drop and failure
//! sets, and adds `Rest Timer` and `Note` rows that are not sets. Rest timer
//! and note rows are skipped. Tagged sets are kept; because they carry no
//! number, every set of an exercise block (consecutive rows with the same
//! date, workout and exercise) that contains one is numbered by its position
//! in the block, the way Hevy numbers its sets.
//!
//! The module does no I/O: it turns text into sets and sets into text.

use std::fmt;

use jiff::civil::DateTime;

mod layout;
mod records;
#[cfg(test)]
mod tests;
mod values;

use layout::*;
use records::*;
use values::*;

/// The unit a weight is given in: the program's own.
pub use crate::load::Unit;

/// Which export layout a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Strong's current layout, with a `Weight Unit` column (usually `;`-separated).
    StrongSemicolon,
    /// Strong's older layout without a unit column (usually `,`-separated).
    StrongComma,
    /// Hevy's workout export.
    Hevy,
}

/// One performed set, as recorded in a Strong or Hevy export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrongSet {
    /// When the workout started, as written in the file (local time, no zone).
    pub date: DateTime,
    /// The workout's name.
    pub workout: String,
    /// The exercise's name.
    pub exercise: String,
    /// The set's number within its exercise, counting from 1.
    pub set_order: u16,
    /// The load as a normalized decimal (`"82.5"`, `"100"`); `None` means no load.
    pub weight: Option<String>,
    /// The unit of `weight`.
    pub unit: Unit,
    /// Repetitions done (0 when the file leaves them empty).
    pub reps: u16,
    /// Rate of perceived exertion as written, or `""` when none.
    pub rpe: String,
    /// Time under load in seconds as a normalized decimal (`"42.5"`), if given.
    pub seconds: Option<String>,
    /// Notes on the set or exercise.
    pub notes: String,
    /// Notes on the whole workout.
    pub workout_notes: String,
    /// The workout's duration as text (such as `"1h 5m"`), or `""` when none.
    pub duration: String,
}

/// A data row that could not be read, with the line it starts on and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The line, counting from 1, on which the row starts.
    pub line: usize,
    /// What is wrong with the row.
    pub reason: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// The header that [`write`] produces and that Strong's current export uses.
const STRONG_HEADER: &str = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration";
/// The header of Strong's older comma-separated export.
const STRONG_COMMA_HEADER: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";
/// The header of Hevy's workout export (metric account).
const HEVY_HEADER: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"";

/// Reads a Strong or Hevy export.
///
/// The layout is recognised from the header line; `default_unit` is the
/// unit of weights in Strong's older layout, which has no unit column, and of
/// rows whose `Weight Unit` is empty. Returns the layout, every good set with
/// the line it starts on, and every bad row with the reason. Fails as a whole
/// only when the text has no header or one of an unknown layout.
// The return type is spelled out because callers rely on this exact signature.
#[allow(clippy::type_complexity)]
pub fn read(
    text: &str,
    default_unit: Unit,
) -> Result<(Source, Vec<(usize, StrongSet)>, Vec<BadRow>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = detect_separator(text)?;
    let mut records = split_records(text, sep).into_iter();

    let header = loop {
        match records.next() {
            None => return Err(missing_header_message("the text is empty")),
            Some(r) if r.is_blank() => continue,
            Some(r) if r.unterminated => {
                return Err(missing_header_message(
                    "the header line has a quote that is never closed",
                ));
            }
            Some(r) => break r,
        }
    };
    let names: Vec<String> = header.fields.iter().map(|f| clean_name(&f.text)).collect();
    let layout = Layout::detect(&names, &header_text(&header))?;
    let source = layout.source();

    let mut sets: Vec<(usize, StrongSet)> = Vec::new();
    let mut bad = Vec::new();
    let mut blocks = BlockNumbering::default();

    for record in records {
        if record.is_blank() {
            continue;
        }
        if record.unterminated {
            bad.push(BadRow {
                line: record.line,
                reason: "a quoted field is never closed (missing '\"')".to_string(),
            });
            continue;
        }
        if let Err(reason) = check_width(&record, names.len()) {
            bad.push(BadRow {
                line: record.line,
                reason,
            });
            continue;
        }
        let row = Row {
            fields: &record.fields,
            names: &header.fields,
        };
        let parsed = match &layout {
            Layout::Strong(cols) => parse_strong_row(&row, cols, default_unit),
            Layout::Hevy(cols) => parse_hevy_row(&row, cols).map(|s| Some((s, false))),
        };
        match parsed {
            Ok(Some((set, tagged))) => {
                blocks.push(&mut sets, record.line, set, tagged);
            }
            Ok(None) => {}
            Err(reason) => bad.push(BadRow {
                line: record.line,
                reason,
            }),
        }
    }
    blocks.finish(&mut sets);
    Ok((source, sets, bad))
}

/// Writes sets in Strong's current semicolon layout, header first, each line
/// ending in `'\n'`.
///
/// Fields holding `;`, `"`, `,`, a line break, or leading or trailing spaces
/// are quoted, with inner quotes doubled. Weights are written as given, units
/// as `kg` or `lbs`, and the distance columns are left empty.
pub fn write(sets: &[StrongSet]) -> String {
    let mut out = String::with_capacity(STRONG_HEADER.len() + 1 + sets.len() * 96);
    out.push_str(STRONG_HEADER);
    out.push('\n');
    for set in sets {
        let date = format_datetime(set.date);
        let set_order = set.set_order.to_string();
        let reps = set.reps.to_string();
        let unit = match set.unit {
            Unit::Kg => "kg",
            Unit::Lb => "lbs",
        };
        let fields: [&str; 14] = [
            &date,
            &set.workout,
            &set.exercise,
            &set_order,
            set.weight.as_deref().unwrap_or(""),
            unit,
            &reps,
            &set.rpe,
            "",
            "",
            set.seconds.as_deref().unwrap_or(""),
            &set.notes,
            &set.workout_notes,
            &set.duration,
        ];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            push_field(&mut out, field);
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Writing helpers
// ---------------------------------------------------------------------------

/// Appends one field, quoting it when a reader could otherwise misread it.
fn push_field(out: &mut String, field: &str) {
    let needs_quotes = field
        .chars()
        .any(|c| matches!(c, ';' | '"' | ',' | '\n' | '\r'))
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Formats a date and time as `YYYY-MM-DD HH:MM:SS`.
fn format_datetime(dt: DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}
