//! The training log and the recovery journal: CSV files in the platform's
//! data dir, appended to one row at a time and never rewritten.
//!
//! Each row is written with a single `write` on a file opened for
//! appending, and synced, so two sessions writing at once never
//! interleave partial lines and a crash loses at most the set in progress.
//! Reading is forgiving: a line that does not parse is skipped with a
//! warning naming its number, and the file is left as it is.
//!
//! Formatting and parsing are pure; [`append`] and [`read`] do the I/O,
//! and [`LogWriter`] is what a live session uses.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::{Timestamp, Zoned, civil};

use crate::timing::engine::{Attempt, SetSummary};
use crate::timing::units::{fmt_secs, parse_seconds};

/// The training log's file name inside the data dir.
pub const LOG_FILE: &str = "training-log.csv";
/// The journal's file name, beside the training log.
pub const JOURNAL_FILE: &str = "journal.csv";
/// The training log's header line.
pub const HEADER: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                          tut_seconds,lowering_seconds,load,note";
/// The journal's header line.
pub const JOURNAL_HEADER: &str = "time,soreness,sleep,note";
/// The end of the note of a row for an attempt cut short by a restart.
pub const RESTARTED: &str = "(restarted)";
/// The end of the note of a row for a set done again after it was
/// complete.
pub const REDO: &str = "(redo)";

/// The note for a row of `attempt`: `note`, and for a redo or a restarted
/// attempt its mark after it. The mark is in the note, not a column of its
/// own, so that the log keeps its columns and older versions read it.
pub fn marked_note(note: &str, attempt: Attempt) -> String {
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

/// The journal's place: `journal.csv` in the training log's directory.
pub fn journal_path(log: &Path) -> PathBuf {
    log.with_file_name(JOURNAL_FILE)
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
    /// Whether every planned rep was done.
    pub fn complete(&self) -> bool {
        self.completed >= self.planned
    }

    /// What the row's attempt was, as its note's mark says.
    pub fn attempt(&self) -> Attempt {
        let note = self.note.trim_end();
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
pub fn split_fields(line: &str) -> Result<Vec<String>, String> {
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
pub fn parse_lines<T>(
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

/// Reads the training log at `path` (none there: no rows).
pub fn read(path: &Path) -> io::Result<(Vec<Row>, Vec<Skipped>)> {
    Ok(parse_lines(&read_text(path)?, HEADER, Row::parse))
}

/// Reads the journal at `path` (none there: no entries).
pub fn read_journal(path: &Path) -> io::Result<(Vec<JournalEntry>, Vec<Skipped>)> {
    Ok(parse_lines(
        &read_text(path)?,
        JOURNAL_HEADER,
        JournalEntry::parse,
    ))
}

fn read_text(path: &Path) -> io::Result<String> {
    // Only a regular file is read: a device such as /dev/zero never ends.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Ok(String::new()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(String::new()),
        _ => {}
    }
    match fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e),
    }
}

/// Appends `line` to the file at `path` in one write, with `header` first
/// if the file is new or empty, then syncs it. The directory is created
/// if needed. Nothing already in the file is ever changed.
pub fn append(path: &Path, header: &str, line: &str) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new().append(true).create(true).open(path)?;
    let mut text = String::new();
    if file.metadata()?.len() == 0 {
        text.push_str(header);
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    file.write_all(text.as_bytes())?;
    match file.sync_data() {
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
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

/// Writes a live session's sets to the training log. It never fails the
/// session: the first write that fails leaves one notice to show.
#[derive(Debug, Clone)]
pub struct LogWriter {
    path: PathBuf,
    origin: Instant,
    wall: Zoned,
    notice: Option<String>,
}

impl LogWriter {
    /// A writer appending to `path`; the instant `origin` is the wall-clock
    /// time `wall` (the app reads both once, at the start).
    pub fn new(path: PathBuf, origin: Instant, wall: Zoned) -> LogWriter {
        LogWriter {
            path,
            origin,
            wall,
            notice: None,
        }
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The wall-clock time of the instant `at`.
    pub fn wall_time(&self, at: Instant) -> Zoned {
        let since = at.saturating_duration_since(self.origin);
        self.wall
            .checked_add(since)
            .unwrap_or_else(|_| self.wall.clone())
    }

    /// Appends the row for `set`, which ended at `at`, done at `tempo`.
    /// Returns the notice to show if this was the first write to fail.
    pub fn write(
        &mut self,
        set: &SetSummary,
        at: Instant,
        tempo: &str,
        info: &SessionInfo,
    ) -> Option<String> {
        let row = Row {
            when: When::from_zoned(&self.wall_time(at)),
            exercise: info.exercise.clone().unwrap_or_default(),
            preset: info.preset.clone().unwrap_or_default(),
            tempo: tempo.to_string(),
            set: set.set,
            planned: set.reps_planned,
            completed: set.reps_done,
            tut_ms: u32::try_from(duration_ms(set.tut)).unwrap_or(u32::MAX),
            lower_ms: set.lower_ms,
            load: info.load.clone().unwrap_or_default(),
            note: marked_note(info.note.as_deref().unwrap_or_default(), set.attempt),
        };
        let result = append(&self.path, HEADER, &row.to_line());
        if let Err(e) = &result {
            ::log::warn!(
                "training log {}: set {} not written: {e}",
                self.path.display(),
                set.set
            );
        }
        match result {
            Ok(()) => None,
            Err(e) if self.notice.is_none() => {
                let text = format!("training log not written: {}: {e}", self.path.display());
                self.notice = Some(text.clone());
                Some(text)
            }
            Err(_) => None,
        }
    }
}

fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn when(text: &str) -> When {
        When::parse(text).expect("time")
    }

    fn row() -> Row {
        Row {
            when: when("2026-11-20T18:05:00+01:00"),
            exercise: "bench".into(),
            preset: "overload".into(),
            tempo: "6-0-P-0".into(),
            set: 2,
            planned: 6,
            completed: 5,
            tut_ms: 30_125,
            lower_ms: 6000,
            load: "90kg".into(),
            note: "left elbow, \"a bit\" sore".into(),
        }
    }

    #[test]
    fn a_row_round_trips_with_quoting() {
        let line = row().to_line();
        assert_eq!(
            line,
            "2026-11-20T18:05:00+01:00,bench,overload,6-0-P-0,2,6,5,30.125,6,90kg,\
             \"left elbow, \"\"a bit\"\" sore\""
        );
        assert_eq!(Row::parse(&line), Ok(row()));
    }

    #[test]
    fn a_restarted_or_redone_attempt_is_marked_in_the_note_and_read_back() {
        assert_eq!(marked_note("", Attempt::Planned), "");
        assert_eq!(marked_note("sore", Attempt::Planned), "sore");
        assert_eq!(marked_note("", Attempt::Restarted), "(restarted)");
        assert_eq!(
            marked_note("spotter Sam", Attempt::Redo),
            "spotter Sam (redo)"
        );
        for attempt in [Attempt::Planned, Attempt::Redo, Attempt::Restarted] {
            let r = Row {
                note: marked_note("left elbow, sore", attempt),
                ..row()
            };
            let back = Row::parse(&r.to_line()).expect("a row");
            assert_eq!(back.attempt(), attempt);
            assert_eq!(split_fields(&r.to_line()).map(|f| f.len()), Ok(11));
        }
    }

    #[test]
    fn line_breaks_in_free_text_become_spaces() {
        let mut r = row();
        r.note = "two\nlines".into();
        let line = r.to_line();
        assert!(!line.contains('\n'));
        assert_eq!(Row::parse(&line).map(|r| r.note), Ok("two lines".into()));
    }

    #[test]
    fn bad_lines_are_reported_by_number_and_the_rest_kept() {
        let good = row().to_line();
        let text = format!("{HEADER}\n{good}\n2026-11-2,x\n\n{good}\n{good},extra\n\"open\n");
        let (rows, skipped) = parse_lines(&text, HEADER, Row::parse);
        assert_eq!(rows.len(), 2);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 6, 7]);
        assert!(skipped[1].reason.contains("12 fields"), "{:?}", skipped[1]);
    }

    #[test]
    fn times_keep_their_offset_and_local_date() {
        let w = when("2026-11-20T23:30:00-05:00");
        assert_eq!(w.local.date(), civil::date(2026, 11, 20));
        assert_eq!(w.at.to_string(), "2026-11-21T04:30:00Z");
        assert!(When::parse("2026-11-20T23:30:00").is_err());
    }

    #[test]
    fn journal_entries_round_trip_and_scores_are_checked() {
        let e = JournalEntry {
            when: when("2026-11-21T07:30:00+01:00"),
            soreness: 4,
            sleep: 2,
            note: "quads, stairs hurt".into(),
        };
        assert_eq!(JournalEntry::parse(&e.to_line()), Ok(e));
        assert!(JournalEntry::parse("2026-11-21T07:30:00+01:00,6,2,").is_err());
    }

    #[test]
    fn append_writes_the_header_once_and_never_rewrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("deep/log.csv");
        append(&path, HEADER, "a").expect("first");
        append(&path, HEADER, "b").expect("second");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            format!("{HEADER}\na\nb\n")
        );
    }

    #[test]
    fn concurrent_appends_never_interleave() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..250 {
                        let mut r = row();
                        r.set = i;
                        r.note = format!("writer {t} {}", "x".repeat(200));
                        append(&path, HEADER, &r.to_line()).expect("append");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("join");
        }
        let (rows, skipped) = read(&path).expect("read");
        assert_eq!(skipped, []);
        assert_eq!(rows.len(), 1000);
    }
}
