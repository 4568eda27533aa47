//! `repcadence log`: the report, `undo` and `amend` (a row that
//! supersedes another), `--csv` (the sets as they now stand), and
//! `--export`/`--import` in Strong's CSV.

use std::collections::HashSet;
use std::fs;
use std::io::{self, IsTerminal};
use std::path::Path;

use crate::app::files::{self, Files};
use crate::app::term::{self, ColorChoice};
use crate::app::{Ended, Error, print};
use crate::present::charts::Screen;
use crate::present::history::{self, Style};
use crate::text::safe;
use crate::training::exchange;
use crate::training::rows::{Row, When, in_time_order};
use crate::training::sessions::label_at;
use crate::training::store::{self, LogWriter, Prepared};
use crate::training::strong;

/// What `repcadence log` shows or does.
#[derive(Debug, Clone)]
pub struct LogRequest {
    /// The sets as they now stand, as CSV (header first), nothing else.
    pub csv: bool,
    /// With `csv`: the file as it is.
    pub raw: bool,
    /// How many recent sets to list.
    pub recent: u16,
    /// Charts (true) or columns of numbers (false); `None`: charts on a
    /// terminal, columns otherwise.
    pub charts: Option<bool>,
    /// `--color`.
    pub colour: ColorChoice,
    /// A correction to write, in place of showing.
    pub edit: Option<LogEdit>,
    /// Print the sets as Strong's CSV.
    pub export: bool,
    /// Bring in a Strong or Hevy export.
    pub import: Option<Import>,
}

/// `repcadence log undo` or `repcadence log amend`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogEdit {
    /// Withdraw the set `set` back from the last (1: the last).
    Undo {
        /// Counted back from the last, from 1.
        set: u16,
    },
    /// Correct the set `set` back from the last.
    Amend {
        /// Counted back from the last, from 1.
        set: u16,
        /// The reps done.
        reps: Option<u16>,
        /// The load, as typed (already checked).
        load: Option<String>,
        /// The note.
        note: Option<String>,
    },
}

/// `repcadence log --import strong FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The export to read.
    pub file: std::path::PathBuf,
    /// The unit of weights in a file that does not say.
    pub unit: crate::load::Unit,
}

/// The terminal's size for the charts: 80×24 when it has none, or says
/// it is less than a column wide.
fn screen_size() -> (u16, u16) {
    match ratatui::crossterm::terminal::size() {
        Ok((w, h)) if w > 0 => (w, h),
        _ => (80, 24),
    }
}

/// `repcadence log`.
pub fn log(request: LogRequest, files: &Files) -> Result<Ended, Error> {
    let path = files.require_log_path()?;
    if let Some(change) = &request.edit {
        return edit(change, &path);
    }
    if let Some(file) = &request.import {
        return import(file, &path);
    }
    if request.export {
        return export(&path);
    }
    if request.csv && !request.raw {
        return csv(&path);
    }
    if request.csv {
        // The file as it is, streamed: nothing parsed, dropped or sorted.
        let mut out = io::stdout().lock();
        return match store::copy_csv(&path, &mut out) {
            Ok(()) => Ok(Ended::Done),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Ended::Done),
            Err(e) => Err(Error::Failed(format!(
                "cannot copy the training log {} to standard output: {e}",
                path.display()
            ))),
        };
    }
    let rows = files::read_log(&path);
    let journal = files::read_journal(&path);
    let tty = io::stdout().is_terminal();
    let style = if request.charts.unwrap_or(tty) {
        let (width, height) = screen_size();
        // The config's `colours` is read only when it decides.
        let no_color = std::env::var_os("NO_COLOR");
        let asks = request.colour == ColorChoice::Auto
            && tty
            && no_color.as_deref().is_none_or(|v| v.is_empty());
        let config_colours = !asks || files.load_config()?.preferences.colours;
        Style::Charts(Screen {
            width,
            height,
            colour: term::use_colour(request.colour, no_color.as_deref(), tty, config_colours),
        })
    } else {
        Style::Columns
    };
    // Every time in the zone the system is in now.
    let text = history::render(
        &rows,
        &journal,
        &jiff::Zoned::now(),
        usize::from(request.recent),
        style,
    );
    print(&text)?;
    Ok(Ended::Done)
}

/// `repcadence log undo` or `repcadence log amend`: one row appended that
/// supersedes the set, and what changed printed.
pub(crate) fn edit(edit: &LogEdit, path: &Path) -> Result<Ended, Error> {
    let (verb, n) = match edit {
        LogEdit::Undo { set } => ("undo", *set),
        LogEdit::Amend { set, .. } => ("amend", *set),
    };
    if let LogEdit::Amend {
        reps: None,
        load: None,
        note: None,
        ..
    } = edit
    {
        return Err(Error::usage(
            Some("log"),
            "log amend: nothing to change: give --reps N, --load LOAD or --note TEXT",
        ));
    }
    let all = files::read_log(path);
    let rows = in_time_order(&all);
    if rows.is_empty() {
        return Err(Error::Refused(format!(
            "log {verb}: the training log {} has no sets\n\n  tip: a session logs each set; \
             `repcadence log` lists them",
            path.display()
        )));
    }
    let count = rows.len();
    let Some(old) = count
        .checked_sub(usize::from(n))
        .and_then(|i| rows.get(i).copied())
    else {
        return Err(Error::usage(
            Some("log"),
            format!(
                "log {verb} --set {n}: the log has {count} sets: give 1 (the last) to {count}, \
                 as the # column of `repcadence log` counts them"
            ),
        ));
    };
    let now = jiff::Zoned::now();
    let when = When::from_zoned(&now);
    let id = format!(
        "edit-{}-{}",
        now.timestamp().as_millisecond(),
        std::process::id()
    );
    let tz = now.time_zone();
    let which = format!(
        "set {} of {} at {}",
        old.set,
        safe(if old.exercise.is_empty() {
            "the session"
        } else {
            &old.exercise
        }),
        label_at(old.when.at, tz)
    );
    let (row, said) = match edit {
        LogEdit::Undo { .. } => (
            old.withdrawal(when, id),
            format!(
                "withdrew {which} ({}/{} reps{}): the log keeps it, marked withdrawn, and no \
                 report counts it",
                old.completed,
                old.planned,
                if old.load.is_empty() {
                    String::new()
                } else {
                    format!(", {}", safe(&old.load))
                }
            ),
        ),
        LogEdit::Amend {
            reps, load, note, ..
        } => {
            let mut new = old.correction(when, id);
            let mut changes = Vec::new();
            if let Some(reps) = reps
                && *reps != old.completed
            {
                changes.push(format!("reps {} → {reps}", old.completed));
                new.completed = *reps;
            }
            if let Some(load) = load
                && *load != old.load
            {
                changes.push(format!("load {} → {}", shown(&old.load), shown(load)));
                new.load.clone_from(load);
            }
            if let Some(note) = note
                && note.trim() != old.note
            {
                changes.push(format!(
                    "note {} → {}",
                    shown(&old.note),
                    shown(note.trim())
                ));
                new.note = note.trim().to_string();
            }
            if changes.is_empty() {
                return Err(Error::Failed(format!(
                    "log amend: {which} already says that: nothing written"
                )));
            }
            (new, format!("corrected {which}: {}", changes.join(", ")))
        }
    };
    writer(path, verb)?
        .append_row(&row)
        .map_err(|e| Error::Failed(format!("training log {}: {e}", path.display())))?;
    print(&format!("{said}\n"))?;
    Ok(Ended::Done)
}

/// `text` as shown in a change: `(none)` when empty.
fn shown(text: &str) -> String {
    if text.is_empty() {
        "(none)".to_string()
    } else {
        format!("\"{}\"", safe(text))
    }
}

/// A writer for a correction or an import to `path`: the log moved to the
/// new format first if it is of the older one (said on stderr). One that
/// cannot be moved is refused: a correction needs the new columns.
fn writer(path: &Path, what: &str) -> Result<LogWriter, Error> {
    let prepared = store::prepare(path);
    if let Some(notice) = prepared.notice(path) {
        eprintln!("{notice}");
    }
    if let Prepared::KeptOlder(why) = &prepared {
        return Err(Error::Failed(format!(
            "log {what}: nothing written: it needs the log's new format, and the log could \
             not be moved to it ({why})"
        )));
    }
    Ok(LogWriter::prepared(path.to_path_buf(), &prepared))
}

/// `repcadence log --csv`: the sets as they now stand, as CSV. Lines that
/// could not be read are named on stderr, and make it exit 1: the output
/// is not the whole log (`--raw` gives the file as it is).
pub(crate) fn csv(path: &Path) -> Result<Ended, Error> {
    let (rows, skipped) = store::read(path).map_err(|e| {
        Error::Failed(format!(
            "cannot read the training log {}: {e}",
            path.display()
        ))
    })?;
    let mut text = format!("{}\n", store::HEADER);
    for row in &rows {
        text.push_str(&row.to_line());
        text.push('\n');
    }
    print(&text)?;
    if skipped.is_empty() {
        return Ok(Ended::Done);
    }
    for s in &skipped {
        eprintln!(
            "warning: {}: line {} not read ({})",
            path.display(),
            s.line,
            s.reason
        );
    }
    Err(Error::Failed(format!(
        "{} line(s) of the training log could not be read and are not in this output: \
         `repcadence log --csv --raw` prints the file as it is",
        skipped.len()
    )))
}

/// `repcadence log --export strong`: the sets as Strong's CSV.
pub(crate) fn export(path: &Path) -> Result<Ended, Error> {
    let rows = files::read_log(path);
    print(&strong::write(&exchange::to_strong(&rows)))?;
    Ok(Ended::Done)
}

/// `repcadence log --import strong FILE`: the sets of a Strong or Hevy
/// export appended, marked imported, in one write. Sets already in the
/// log (the same file imported before) are passed over. Every row that
/// cannot be read is named with its line, and makes it exit 1.
pub(crate) fn import(import: &Import, path: &Path) -> Result<Ended, Error> {
    let file = &import.file;
    let bytes = fs::read(file).map_err(|e| {
        Error::Failed(format!(
            "log --import: cannot read {}: {}",
            file.display(),
            crate::app::reason(&e)
        ))
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let (_, sets, bad) = strong::read(&text, import.unit).map_err(|e| {
        Error::Failed(format!(
            "log --import: {}: {e}\n\n  tip: give a CSV exported by Strong or Hevy",
            file.display()
        ))
    })?;
    let tz = jiff::tz::TimeZone::system();
    let (all, _) = store::read_all(path).map_err(|e| {
        Error::Failed(format!(
            "cannot read the training log {}: {e}",
            path.display()
        ))
    })?;
    let mut known: HashSet<String> = all.into_iter().map(|r| r.facts.id).collect();
    let mut refused: Vec<String> = bad
        .iter()
        .map(|b| format!("{}:{}: {}", file.display(), b.line, b.reason))
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut already = 0;
    for (line, set) in &sets {
        match exchange::from_strong(set, &tz) {
            Ok(row) if known.contains(&row.facts.id) => already += 1,
            Ok(row) => {
                known.insert(row.facts.id.clone());
                rows.push(row);
            }
            Err(e) => refused.push(format!("{}:{line}: {e}", file.display())),
        }
    }
    if !rows.is_empty() {
        let writer = writer(path, "--import")?;
        writer.append_rows(&rows).map_err(|e| {
            Error::Failed(format!(
                "log --import: nothing imported: training log {}: {e}",
                path.display()
            ))
        })?;
    }
    print(&format!(
        "imported {} set(s) from {}{}\n",
        rows.len(),
        file.display(),
        if already > 0 {
            format!(" ({already} already in the log, passed over)")
        } else {
            String::new()
        }
    ))?;
    if refused.is_empty() {
        return Ok(Ended::Done);
    }
    for r in &refused {
        eprintln!("refused: {r}");
    }
    Err(Error::Failed(format!(
        "log --import: {} row(s) of {} refused (named above); the rest were imported",
        refused.len(),
        file.display()
    )))
}
