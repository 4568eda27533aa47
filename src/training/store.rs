//! The training log and the recovery journal: CSV files in the platform's
//! data dir, appended to one row at a time and never rewritten (but for
//! the one move of a log of the older format to the current one,
//! [`prepare`], which keeps the old file). A correction is a row of its
//! own; [`read`] gives the sets as they now stand.
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
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::training::ledger;
use crate::training::legacy::{self, V1_HEADER};
pub use crate::training::rows::HEADER;
pub(crate) use crate::training::rows::name_key;
pub(crate) use crate::training::rows::{JournalEntry, Skipped, parse_lines};
pub use crate::training::rows::{Row, When, field};

/// The training log's file name inside the data dir.
pub(crate) const LOG_FILE: &str = "training-log.csv";
/// The journal's file name, beside the training log.
pub(crate) const JOURNAL_FILE: &str = "journal.csv";
/// The journal's header line.
pub(crate) const JOURNAL_HEADER: &str = "time,soreness,sleep,note";
/// The journal's place: `journal.csv` in the training log's directory.
pub(crate) fn journal_path(log: &Path) -> PathBuf {
    log.with_file_name(JOURNAL_FILE)
}

/// Reads the training log at `path` (none there: no rows), the sets as
/// they now stand: each correction in place of the row it supersedes, and
/// withdrawn rows left out ([`ledger::current`]).
pub fn read(path: &Path) -> io::Result<(Vec<Row>, Vec<Skipped>)> {
    let (rows, skipped) = read_all(path)?;
    Ok((ledger::current(rows), skipped))
}

/// `text` without the older format's header line, if it starts with it
/// (the line is left empty, so that line numbers stay as they are). The
/// current header begins with the older one, so the whole line is
/// compared.
fn without_v1_header(text: &str) -> &str {
    match text.strip_prefix(V1_HEADER) {
        Some(rest) if rest.is_empty() || rest.starts_with(['\n', '\r']) => rest,
        _ => text,
    }
}

/// Reads every row of the training log at `path`, superseded ones too, in
/// the file's order.
pub(crate) fn read_all(path: &Path) -> io::Result<(Vec<Row>, Vec<Skipped>)> {
    let text = read_text(path)?;
    let (mut rows, skipped) = parse_lines(without_v1_header(&text), HEADER, Row::parse);
    legacy::assign_runs(&mut rows);
    one_spelling(&mut rows);
    Ok((rows, skipped))
}

/// Gives every row of one exercise the same name: the spelling of its
/// latest row, so that a log edited by hand (`Squat` and `squat`) is read
/// as one exercise by every report and by the coach.
fn one_spelling(rows: &mut [Row]) {
    let mut latest: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for r in rows.iter() {
        latest.insert(name_key(&r.exercise), r.exercise.clone());
    }
    for r in rows.iter_mut() {
        if let Some(name) = latest.get(&name_key(&r.exercise))
            && *name != r.exercise
        {
            r.exercise = name.clone();
        }
    }
}

/// The rows of the training log from a moment on, and how many lines
/// among those read could not be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recent {
    /// The rows, in the file's order.
    pub rows: Vec<Row>,
    /// Lines read that do not parse.
    pub skipped: usize,
}

/// How much of the log is read at a time, from its end.
const CHUNK: u64 = 64 * 1024;
/// A line longer than this is not a row (and is not kept in memory).
const MAX_LINE: usize = 1024 * 1024;
/// The most of the log's end [`read_since`] reads: years of rows (about
/// 20,000), and a bound on a session's start however the file was
/// damaged (a 100 MB line at its end).
pub(crate) const MAX_RECENT: u64 = 4 * 1024 * 1024;

/// The rows of the training log at `path` from `since` on, read from the
/// file's end backwards a chunk at a time, up to the first row more than
/// a day before `since`: rows are appended as sets end, so the ones
/// before it are older still (the day allows for rows a little out of
/// order: two sessions at once, a clock set back). So the cost grows with
/// the rows since `since`, not with the log's age, and it never reads
/// more than the last [`MAX_RECENT`] bytes. A log that is not there, or
/// not a regular file, has no rows.
pub(crate) fn read_since(path: &Path, since: Timestamp) -> io::Result<Recent> {
    read_since_within(path, since, MAX_RECENT)
}

/// [`read_since`], reading at most the last `limit` bytes.
fn read_since_within(path: &Path, since: Timestamp, limit: u64) -> io::Result<Recent> {
    let mut out = Recent::default();
    let mut file = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => fs::File::open(path)?,
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => return Ok(out),
    };
    let stop = since
        .checked_sub(jiff::SignedDuration::from_hours(24))
        .unwrap_or(Timestamp::MIN);
    let len = file.metadata()?.len();
    let mut end = len;
    // The end of a line whose start is further back; whether the line it
    // belongs to is too long to be a row.
    let (mut carry, mut overlong) = (Vec::new(), false);
    while end > 0 {
        if len - end >= limit {
            log::debug!(
                "training log: read its last {} bytes at the start, and no further",
                len - end
            );
            break;
        }
        let n = CHUNK.min(end);
        end -= n;
        let mut buf = vec![0u8; usize::try_from(n).unwrap_or(0)];
        file.seek(SeekFrom::Start(end))?;
        file.read_exact(&mut buf)?;
        buf.extend_from_slice(&carry);
        let lines = if end == 0 {
            carry.clear();
            without_bom(&buf)
        } else if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            carry = buf[..i].to_vec();
            &buf[i + 1..]
        } else {
            carry = buf;
            if carry.len() > MAX_LINE {
                (carry, overlong) = (Vec::new(), true);
            }
            continue;
        };
        for (i, line) in lines.rsplit(|&b| b == b'\n').enumerate() {
            if overlong && i == 0 {
                overlong = false;
                out.skipped += 1;
                continue;
            }
            let line = String::from_utf8_lossy(line);
            let line = line.strip_suffix('\r').unwrap_or(&line);
            if line.trim().is_empty() || line == HEADER || line == V1_HEADER {
                continue;
            }
            match Row::parse(line) {
                Ok(row) if row.when.at < stop => {
                    out.rows.reverse();
                    return Ok(out.settled());
                }
                Ok(row) if row.when.at >= since => out.rows.push(row),
                Ok(_) => {}
                Err(_) => out.skipped += 1,
            }
        }
    }
    out.rows.reverse();
    Ok(out.settled())
}

impl Recent {
    /// The rows read as the whole log's are: runs told, one spelling of
    /// each exercise, and the sets as they now stand.
    fn settled(mut self) -> Recent {
        legacy::assign_runs(&mut self.rows);
        one_spelling(&mut self.rows);
        self.rows = ledger::current(self.rows);
        self
    }
}

/// Reads the journal at `path` (none there: no entries).
pub(crate) fn read_journal(path: &Path) -> io::Result<(Vec<JournalEntry>, Vec<Skipped>)> {
    Ok(parse_lines(
        &read_text(path)?,
        JOURNAL_HEADER,
        JournalEntry::parse,
    ))
}

/// The journal entries at `path` from `since` on, reading at most its
/// last [`CHUNK`] (about 1,500 entries, years of them): a session's start
/// reads the journal in a bounded time however long it has been kept.
/// Lines that do not parse are passed over (`repcadence log` reports them).
pub(crate) fn read_journal_since(path: &Path, since: Timestamp) -> io::Result<Vec<JournalEntry>> {
    let mut file = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => fs::File::open(path)?,
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => return Ok(Vec::new()),
    };
    let len = file.metadata()?.len();
    let start = len.saturating_sub(CHUNK);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    file.take(CHUNK).read_to_end(&mut buf)?;
    let text = if start == 0 {
        without_bom(&buf)
    } else {
        // The first line may be cut: start after it.
        buf.iter()
            .position(|&b| b == b'\n')
            .map_or(&buf[..0], |i| &buf[i + 1..])
    };
    let (entries, _) = parse_lines(
        &String::from_utf8_lossy(text),
        JOURNAL_HEADER,
        JournalEntry::parse,
    );
    Ok(entries.into_iter().filter(|e| e.when.at >= since).collect())
}

fn read_text(path: &Path) -> io::Result<String> {
    // Only a regular file is read: a device such as /dev/zero never ends.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Ok(String::new()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(String::new()),
        _ => {}
    }
    match fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(without_bom(&bytes)).into_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e),
    }
}

/// Copies the training log at `path` to `out` as it is, line by line as
/// it comes (never the whole file in memory): rows that do not parse,
/// quoting and line ends all unchanged. The output starts with a header:
/// the file's own first line if it is one (of this format or the older),
/// else the header of the format of its first row is put first. It ends
/// with a line end. A byte order mark at the start is left out. A file
/// that is not there gives the header alone.
pub(crate) fn copy_csv(path: &Path, out: &mut impl Write) -> io::Result<()> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return writeln!(out, "{HEADER}");
        }
        Err(e) => return Err(e),
    };
    let mut reader = io::BufReader::with_capacity(1 << 16, file);
    let mut first = Vec::new();
    io::Read::take(&mut reader, 4096).read_until(b'\n', &mut first)?;
    let first = without_bom(&first);
    let line = first.strip_suffix(b"\n").unwrap_or(first);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line != HEADER.as_bytes() && line != V1_HEADER.as_bytes() {
        let header = if legacy::is_v1(&String::from_utf8_lossy(line)) {
            V1_HEADER
        } else {
            HEADER
        };
        writeln!(out, "{header}")?;
    }
    let mut out = LastByte { out, last: b'\n' };
    out.write_all(first)?;
    io::copy(&mut reader, &mut out)?;
    if out.last != b'\n' {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// A writer that remembers the last byte written through it.
struct LastByte<'a, W: Write> {
    out: &'a mut W,
    last: u8,
}

impl<W: Write> Write for LastByte<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        if let Some(&b) = buf[..n].last() {
            self.last = b;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `bytes` without the UTF-8 byte order mark a spreadsheet may save at
/// the start of a CSV file.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Appends `line` to the file at `path` in one write, with `header` first
/// if the file is new or empty, then syncs it. The directory is created
/// if needed. Nothing already in the file is ever changed: if its last
/// line has no line end (a hand edit, a crash mid-write), the same write
/// begins with one, so the new row starts on a line of its own.
pub(crate) fn append(path: &Path, header: &str, line: &str) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    // What was opened may not be what was checked at the start: a named
    // pipe put at the log's path mid-session takes the row and keeps
    // nothing. Only a regular file is written to.
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(
            "it is no longer a regular file (replaced by a pipe or a device?)",
        ));
    }
    // Another session may be appending at the same moment: the header and
    // the line-end check must see the file as it is when this row goes in.
    lock(&file)?;
    let mut text = String::new();
    let len = file.metadata()?.len();
    if len == 0 {
        text.push_str(header);
        text.push('\n');
    } else if last_byte(&mut file, len)? != b'\n' {
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

/// Holds `file` for this process until it is closed (an advisory lock,
/// which every repcadence that appends takes).
#[cfg(unix)]
fn lock(file: &fs::File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: `flock` is given an open descriptor owned by `file`, which
    // outlives the call, and no pointer.
    let status = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Elsewhere appends go in unlocked: one write each.
#[cfg(not(unix))]
fn lock(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// The last byte of `file`, which is `len` bytes long (not 0). Reading
/// does not move where an append writes.
fn last_byte(file: &mut fs::File, len: u64) -> io::Result<u8> {
    let mut byte = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}

/// What [`prepare`] found the training log to be, or made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Prepared {
    /// Of the current format, or not there yet.
    Current,
    /// Moved from the older format; the old file is kept at `backup`.
    Migrated {
        /// Where the old file is kept.
        backup: PathBuf,
    },
    /// Of the older format and left so: it could not be moved (why). Rows
    /// are written in its format, and nothing is lost.
    KeptOlder(String),
}

impl Prepared {
    /// The line to tell the lifter, if there is one.
    pub(crate) fn notice(&self, path: &Path) -> Option<String> {
        match self {
            Prepared::Current => None,
            Prepared::Migrated { backup } => Some(format!(
                "training log {} moved to its new format, with columns for the workout, the \
                 block and how each set ended; the old file is kept as {}",
                path.display(),
                backup.display()
            )),
            Prepared::KeptOlder(why) => Some(format!(
                "training log {} kept in its older format and written so: it could not be \
                 moved to the new one ({why})",
                path.display()
            )),
        }
    }
}

/// Moves the training log at `path` to the current format if it is of the
/// older one ([`legacy::migrate`]), once: the new file is written beside
/// it and synced, the old one is kept as `training-log.csv.bak-v1` (a hard
/// link, else a copy), and the new one is renamed into place. Every row is
/// read back from the new text before anything is renamed. If any step
/// fails, the old file is left as it was and what failed is said.
pub(crate) fn prepare(path: &Path) -> Prepared {
    match migrate_file(path) {
        Ok(Some(backup)) => Prepared::Migrated { backup },
        Ok(None) => Prepared::Current,
        Err(e) => Prepared::KeptOlder(e),
    }
}

fn migrate_file(path: &Path) -> Result<Option<PathBuf>, String> {
    let file = match fs::File::open(path) {
        Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => f,
        _ => return Ok(None),
    };
    // Another session may be moving it at the same moment: one at a time,
    // and each checks again once it holds the file.
    lock(&file).map_err(|e| e.to_string())?;
    if !same_file(&file, path) {
        return Ok(None);
    }
    let mut first = String::new();
    io::BufReader::new(&file)
        .take(4096)
        .read_line(&mut first)
        .map_err(|e| e.to_string())?;
    if !legacy::is_v1(first.trim_end_matches('\n')) {
        return Ok(None);
    }
    let old = read_text(path).map_err(|e| e.to_string())?;
    let new = legacy::migrate(&old);
    let count = |text: &str| parse_lines(text, HEADER, Row::parse).0.len();
    let old_rows = count(without_v1_header(&old));
    if count(&new) != old_rows {
        return Err("the new file would not hold every row".to_string());
    }
    let name = path
        .file_name()
        .map_or_else(|| LOG_FILE.into(), |n| n.to_string_lossy().into_owned());
    let beside = |suffix: &str| path.with_file_name(format!("{name}{suffix}"));
    let tmp = beside(".new");
    let written = (|| -> io::Result<PathBuf> {
        let mut out = fs::File::create(&tmp)?;
        out.write_all(new.as_bytes())?;
        out.sync_all()?;
        let backup = (1..100)
            .map(|n| {
                beside(&if n == 1 {
                    ".bak-v1".to_string()
                } else {
                    format!(".bak-v1-{n}")
                })
            })
            .find(|p| !p.exists())
            .ok_or_else(|| io::Error::other("too many backups already"))?;
        if fs::hard_link(path, &backup).is_err() {
            fs::copy(path, &backup)?;
        }
        fs::rename(&tmp, path)?;
        Ok(backup)
    })();
    written.map(Some).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        e.to_string()
    })
}

/// Whether `file` is still the file at `path` (not renamed away by a
/// migration in another process while this one waited for it).
#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &fs::File, _path: &Path) -> bool {
    true
}

/// Appends a live session's rows to the training log, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogWriter {
    path: PathBuf,
    /// The log is of the older format and could not be moved to this one
    /// ([`prepare`]): rows are written in its format.
    older: bool,
}

impl LogWriter {
    /// A writer appending to `path`, in the current format.
    #[cfg(test)]
    pub fn new(path: PathBuf) -> LogWriter {
        LogWriter { path, older: false }
    }

    /// A writer appending to `path` as [`prepare`] left it: in the older
    /// format if it is still of that format.
    pub fn prepared(path: PathBuf, prepared: &Prepared) -> LogWriter {
        let older = matches!(prepared, Prepared::KeptOlder(_));
        LogWriter { path, older }
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `row`, the header first if the file is new; why not, if it
    /// could not.
    pub fn append_row(&self, row: &Row) -> Result<(), String> {
        self.append_rows(std::slice::from_ref(row))
    }

    /// Appends `rows` in one write ([`append`]).
    pub fn append_rows(&self, rows: &[Row]) -> Result<(), String> {
        let line = |row: &Row| {
            if self.older {
                legacy::to_v1_line(row)
            } else {
                row.to_line()
            }
        };
        let header = if self.older { V1_HEADER } else { HEADER };
        let line = rows.iter().map(line).collect::<Vec<_>>().join("\n");
        append(&self.path, header, &line).map_err(|e| {
            ::log::warn!(
                "training log {}: a row not written: {e}",
                self.path.display()
            );
            e.to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::{Attempt, Ending, SetSummary};
    use crate::training::rows::{COLUMNS, EndedBy, Entry, Facts, SessionInfo, split_fields};

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
            facts: Facts {
                workout: "push day".into(),
                block: Some((2, 4)),
                run: "20261120T180000-77".into(),
                ended: Some((5, "lower".into(), 4200)),
                ended_by: EndedBy::Failure,
                attempt: Attempt::Redo,
                entry: Entry::Set,
                id: "20261120T180000-77.3".into(),
                supersedes: String::new(),
            },
        }
    }

    #[test]
    fn a_row_round_trips_with_quoting_and_a_column_for_each_fact() {
        let line = row().to_line();
        assert_eq!(
            line,
            "2026-11-20T18:05:00+01:00,bench,overload,6-0-P-0,2,6,5,30.125,6,90kg,\
             \"left elbow, \"\"a bit\"\" sore\",90,kg,,push day,2,4,20261120T180000-77,\
             5,lower,4.2,failure,redo,set,20261120T180000-77.3,"
        );
        assert_eq!(split_fields(&line).map(|f| f.len()), Ok(COLUMNS));
        assert_eq!(split_fields(HEADER).map(|f| f.len()), Ok(COLUMNS));
        assert_eq!(Row::parse(&line), Ok(row()));
        // Loads on bodyweight and loads typed by hand.
        for (load, columns) in [
            ("bw+10kg", ",10,kg,yes,"),
            ("-20 kg", ",-20,kg,yes,"),
            ("bw", ",,,yes,"),
            ("82.5 lb", ",82.5,lb,,"),
            ("two plates", ",,,,"),
        ] {
            let r = Row {
                load: load.into(),
                ..row()
            };
            assert!(r.to_line().contains(columns), "{load}: {}", r.to_line());
            assert_eq!(Row::parse(&r.to_line()), Ok(r));
        }
    }

    /// The row `Row::of_set` builds for `set`, stopped by `stopped`.
    fn row_of(set: SetSummary, stopped: EndedBy) -> Row {
        let info = SessionInfo {
            exercise: Some("squat".into()),
            note: Some(" sore ".into()),
            ..SessionInfo::default()
        };
        let tempo = "4-0-1-0".parse().expect("tempo");
        let facts = Facts {
            ended_by: stopped,
            ..Facts::default()
        };
        Row::of_set(
            &set,
            when("2026-11-20T18:00:00+01:00"),
            &tempo,
            &info,
            facts,
        )
    }

    fn summary(attempt: Attempt, done: u16) -> SetSummary {
        SetSummary {
            block: 1,
            set: 1,
            reps_planned: 8,
            reps_done: done,
            tut_ms: 15_000,
            lower_ms: 4000,
            open_ended: false,
            ended: None,
            attempt,
        }
    }

    #[test]
    fn a_set_s_row_says_how_it_ended_and_keeps_the_note_the_lifter_s() {
        let ended_by = |set, stopped| {
            let r = row_of(set, stopped);
            assert_eq!(r.note, "sore");
            (r.facts.ended_by, r.completed)
        };
        let plain = summary(Attempt::Planned, 8);
        assert_eq!(ended_by(plain, EndedBy::Plan), (EndedBy::Plan, 8));
        let part = summary(Attempt::Planned, 3);
        assert_eq!(ended_by(part, EndedBy::Quit), (EndedBy::Quit, 3));
        assert_eq!(ended_by(part, EndedBy::Signal), (EndedBy::Signal, 3));
        let cut = summary(Attempt::Restarted, 3);
        assert_eq!(ended_by(cut, EndedBy::Plan), (EndedBy::Restart, 3));
        let failed = SetSummary {
            ended: Some(Ending {
                rep: 4,
                phase: crate::timing::plan::Phase::Lower,
                into_ms: 2500,
            }),
            ..part
        };
        assert_eq!(ended_by(failed, EndedBy::Plan), (EndedBy::Failure, 3));
        assert_eq!(
            row_of(failed, EndedBy::Plan).facts.ended,
            Some((4, "lower".into(), 2500))
        );
        // An open-ended set run to its cap with no `f`: logged at its plan.
        let capped = SetSummary {
            open_ended: true,
            reps_done: 24,
            ..plain
        };
        assert_eq!(ended_by(capped, EndedBy::Plan), (EndedBy::Cap, 8));
        // One ended with `f` past its plan keeps every rep.
        let past = SetSummary {
            open_ended: true,
            reps_done: 11,
            ..failed
        };
        assert_eq!(ended_by(past, EndedBy::Plan), (EndedBy::Failure, 11));
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
        assert!(skipped[1].reason.contains("27 fields"), "{:?}", skipped[1]);
    }

    #[test]
    fn times_keep_their_offset_and_local_date() {
        let w = when("2026-11-20T23:30:00-05:00");
        assert_eq!(w.local.date(), jiff::civil::date(2026, 11, 20));
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
    fn a_last_line_without_its_line_end_is_ended_not_joined() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let old = format!("{HEADER}\n{}", row().to_line());
        fs::write(&path, &old).expect("write");
        let mut new = row();
        new.set = 3;
        append(&path, HEADER, &new.to_line()).expect("append");
        let text = fs::read_to_string(&path).expect("read");
        assert_eq!(text, format!("{old}\n{}\n", new.to_line()));
        let (rows, skipped) = read(&path).expect("read");
        assert_eq!((rows, skipped), (vec![row(), new], vec![]));
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_not_a_fault() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let text = format!("\u{feff}{HEADER}\n{}\n", row().to_line());
        fs::write(&path, text).expect("write");
        let (rows, skipped) = read(&path).expect("read");
        assert_eq!((rows.len(), skipped), (1, vec![]));
    }

    #[test]
    fn the_csv_copy_is_the_file_as_it_is_header_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let copy = |path: &Path| {
            let mut out = Vec::new();
            copy_csv(path, &mut out).expect("copy");
            String::from_utf8(out).expect("utf-8")
        };
        assert_eq!(copy(&path), format!("{HEADER}\n"), "no file");
        // Out of order, a row that does not parse, odd quoting, CRLF, no
        // final line end: all as they are.
        let rows = "2026-11-23T10:00:00+01:00,squat,,4-0-1-0,1,8,8,40,4,,\r\n\
                    2026-11-22T10:00:00+01:00,squat,this row is broken\n\
                    2026-11-21T18:30:00+01:00,\"bench\",,6-0-1-0,1,6,6,36,6,77kg,x";
        fs::write(&path, format!("\u{feff}{HEADER}\r\n{rows}")).expect("write");
        assert_eq!(copy(&path), format!("{HEADER}\r\n{rows}\n"));
        // A file without a header gets the one of its rows' format first.
        fs::write(&path, format!("{rows}\n")).expect("write");
        assert_eq!(copy(&path), format!("{V1_HEADER}\n{rows}\n"));
        let new = row().to_line();
        fs::write(&path, format!("{new}\n")).expect("write");
        assert_eq!(copy(&path), format!("{HEADER}\n{new}\n"));
        // One of the older format keeps its own header, and no other.
        fs::write(&path, format!("{V1_HEADER}\n{rows}\n")).expect("write");
        assert_eq!(copy(&path), format!("{V1_HEADER}\n{rows}\n"));
    }

    /// A log of `days` days, one row every 6 hours from 2020-01-01.
    fn long_log(days: i64) -> String {
        let start: Timestamp = "2020-01-01T00:00:00Z".parse().expect("start");
        let mut text = format!("{HEADER}\n");
        for i in 0..days * 4 {
            let mut r = row();
            let at = start + jiff::SignedDuration::from_hours(6 * i);
            r.when = When::from_zoned(&at.to_zoned(jiff::tz::offset(1).to_time_zone()));
            r.set = u16::try_from(i % 1000).expect("set");
            text.push_str(&r.to_line());
            text.push('\n');
        }
        text
    }

    #[test]
    fn reading_since_a_moment_gives_the_rows_a_whole_read_would() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        // Three years: about 1.2 MB, many chunks.
        let text = long_log(3 * 365);
        fs::write(&path, &text).expect("write");
        let (all, _) = read(&path).expect("read");
        for since in [
            "2022-11-01T00:00:00Z",
            "2022-12-31T18:00:00Z",
            "2019-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
        ] {
            let since: Timestamp = since.parse().expect("since");
            let want: Vec<Row> = all.iter().filter(|r| r.when.at >= since).cloned().collect();
            let got = read_since(&path, since).expect("read_since");
            assert_eq!((got.rows.len(), got.skipped), (want.len(), 0), "{since}");
            assert_eq!(got.rows, want, "{since}");
        }
        let none = read_since(&dir.path().join("none.csv"), Timestamp::MIN).expect("none");
        assert_eq!(none, Recent::default());
    }

    #[test]
    fn reading_from_the_end_counts_bad_lines_and_bears_odd_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let good = row().to_line();
        // A byte order mark, CRLF, a bad line, an overlong one (bigger
        // than a chunk and than a line may be) and no final line end.
        let overlong = "x".repeat(MAX_LINE + 200_000);
        let text = format!("\u{feff}{HEADER}\r\n{good}\r\nnot a row\n{overlong}\n{good}\n{good}");
        fs::write(&path, text).expect("write");
        let got = read_since(&path, Timestamp::MIN).expect("read_since");
        assert_eq!((got.rows.len(), got.skipped), (3, 2));
    }

    #[test]
    fn names_that_differ_only_in_case_or_spaces_are_one_exercise() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let mut text = format!("{HEADER}\n");
        for (at, name) in [
            ("2026-11-20T18:05:00+01:00", "Squat"),
            ("2026-11-20T18:07:00+01:00", "BENCH"),
            ("2026-11-20T18:09:00+01:00", " squat "),
            ("2026-11-20T18:11:00+01:00", "bench"),
        ] {
            let r = Row {
                when: when(at),
                exercise: name.into(),
                ..row()
            };
            text.push_str(&r.to_line());
            text.push('\n');
        }
        fs::write(&path, text).expect("write");
        let (rows, _) = read(&path).expect("read");
        let names: Vec<&str> = rows.iter().map(|r| r.exercise.as_str()).collect();
        assert_eq!(names, [" squat ", "bench", " squat ", "bench"]);
        let recent = read_since(&path, Timestamp::MIN).expect("recent");
        assert_eq!(recent.rows, rows);
        let sessions = crate::training::sessions::sessions(&rows);
        assert_eq!(sessions.len(), 2, "one session of each, not four");
    }

    #[test]
    fn a_huge_last_line_is_read_no_further_than_the_bound() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let good = row().to_line();
        // Two rows, then a last line of 3 MB with no line end.
        let huge = "x".repeat(3 * 1024 * 1024);
        fs::write(&path, format!("{HEADER}\n{good}\n{good}\n{huge}")).expect("write");
        let within = read_since_within(&path, Timestamp::MIN, 1024 * 1024).expect("bounded");
        assert_eq!(within.rows.len(), 0, "the rows past the bound are not read");
        let all = read_since_within(&path, Timestamp::MIN, MAX_RECENT).expect("whole");
        assert_eq!((all.rows.len(), all.skipped), (2, 1));
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

    #[test]
    fn the_session_start_reads_only_the_journals_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(JOURNAL_FILE);
        let mut text = format!("{JOURNAL_HEADER}\n");
        // Far more than one chunk of old entries, then two recent ones.
        for day in 0..3000 {
            text.push_str(&format!(
                "2010-01-01T07:00:00+01:00,3,3,old entry number {day}\n"
            ));
        }
        text.push_str("2026-11-20T07:00:00+01:00,2,4,\n2026-11-21T07:30:00+01:00,5,2,stairs\n");
        fs::write(&path, text).expect("write");
        let since: Timestamp = "2026-10-01T00:00:00Z".parse().expect("since");
        let entries = read_journal_since(&path, since).expect("read");
        let notes: Vec<(u8, &str)> = entries
            .iter()
            .map(|e| (e.soreness, e.note.as_str()))
            .collect();
        assert_eq!(notes, [(2, ""), (5, "stairs")]);
        assert_eq!(
            read_journal_since(&dir.path().join("none.csv"), since).expect("none"),
            []
        );
    }

    const OLD_LOG: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                           tut_seconds,lowering_seconds,load,note\n\
                           2026-11-18T18:00:00+01:00,squat,,4-0-1-0,1,8,8,40,4,60kg,\n\
                           2026-11-18T18:03:00+01:00,squat,,4-0-1-0,2,8,8,40,4,60kg,sore\n";

    #[test]
    fn an_older_log_is_moved_once_with_its_backup_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(LOG_FILE);
        fs::write(&path, OLD_LOG).expect("old log");
        let (before, _) = read(&path).expect("read");
        let moved = prepare(&path);
        let backup = dir.path().join("training-log.csv.bak-v1");
        assert_eq!(
            moved,
            Prepared::Migrated {
                backup: backup.clone()
            }
        );
        assert!(moved.notice(&path).is_some_and(|n| n.contains("bak-v1")));
        assert_eq!(fs::read_to_string(&backup).expect("backup"), OLD_LOG);
        let text = fs::read_to_string(&path).expect("new");
        assert!(text.starts_with(&format!("{HEADER}\n")), "{text}");
        assert_eq!(read(&path).expect("read").0, before);
        assert!(!dir.path().join("training-log.csv.new").exists());
        // Once: the second time finds it current.
        assert_eq!(prepare(&path), Prepared::Current);
        assert_eq!(prepare(&dir.path().join("none.csv")), Prepared::Current);
    }

    #[test]
    fn an_older_log_that_cannot_be_moved_is_left_and_written_in_its_format() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(LOG_FILE);
        fs::write(&path, OLD_LOG).expect("old log");
        // The new file cannot be written beside it (as in a read-only
        // directory or a full disk; a directory in its place fails for
        // root too).
        fs::create_dir(dir.path().join("training-log.csv.new")).expect("in the way");
        let kept = prepare(&path);
        assert!(matches!(&kept, Prepared::KeptOlder(_)), "{kept:?}");
        assert!(
            kept.notice(&path)
                .is_some_and(|n| n.contains("older format"))
        );
        assert_eq!(
            fs::read_to_string(&path).expect("old"),
            OLD_LOG,
            "untouched"
        );
        let writer = LogWriter::prepared(path.clone(), &kept);
        writer.append_row(&row()).expect("append");
        let text = fs::read_to_string(&path).expect("log");
        assert!(text.starts_with(OLD_LOG));
        let (rows, skipped) = read(&path).expect("read");
        assert_eq!((rows.len(), skipped), (3, vec![]));
        // The older format's tags have no spaces in a workout's name.
        assert_eq!(rows[2].facts.workout, "push-day");
        assert_eq!(rows[2].facts.ended_by, EndedBy::Failure);
    }
}
