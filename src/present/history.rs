//! `repcadence log`: the training log read back for people. Recent sets
//! with the journal entries that followed them, time under tension per
//! week and per exercise, the lowering per exercise session by session,
//! and the coaching. Pure: rows, entries and `now` come in, text goes out.
//! On a terminal the middle is charts ([`charts`]); elsewhere it is
//! columns of numbers.
//!
//! Every time is shown in the zone of the `now` given (the lifter's zone
//! today), whatever UTC offset its row was written with, so that sets
//! written seconds apart never show a day apart. Names, notes and loads
//! are made safe for the terminal, and columns are padded by display
//! width.

use std::collections::BTreeMap;

use jiff::Zoned;
use jiff::tz::TimeZone;

use crate::present::charts::{self, Screen};
use crate::program::presets::Catalogue;
use crate::text::{pad, safe, width};
use crate::timing::engine::Attempt;
use crate::timing::units::{count, fmt_secs, fmt_secs1};
use crate::training::coach;
use crate::training::rows::in_time_order;
use crate::training::rows::{EndedBy, Entry};
use crate::training::series::is_a_set;
use crate::training::sessions::{label_at, sessions};
use crate::training::store::{JournalEntry, Row};

/// How the middle of the report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Charts drawn for a terminal of this size (see [`charts`]).
    Charts(Screen),
    /// Plain columns of numbers (for files, pipes and screen readers).
    Columns,
}

fn minutes(ms: u64) -> String {
    format!("{:.1} min", ms as f64 / 60_000.0)
}

fn label(exercise: &str) -> &str {
    if exercise.is_empty() { "-" } else { exercise }
}

/// The whole `repcadence log` report, as of `now`, in its zone.
pub fn render(
    rows: &[Row],
    journal: &[JournalEntry],
    now: &Zoned,
    recent: usize,
    style: Style,
) -> String {
    if rows.is_empty() && journal.is_empty() {
        return "The training log is empty: sets are logged as you do them \
                (`repcadence --exercise squat`), and `repcadence journal` records recovery.\n"
            .to_string();
    }
    let mut out = String::new();
    let tz = now.time_zone();
    recent_section(&mut out, rows, journal, recent, tz);
    out.push_str(&crate::present::grouped::section(rows, tz));
    match style {
        Style::Charts(screen) => {
            out.push('\n');
            out.push_str(&charts::lines(
                &charts::draw(rows, journal, now, screen),
                screen.colour,
            ));
        }
        Style::Columns if !rows.is_empty() => {
            week_section(&mut out, rows, tz);
            exercise_section(&mut out, rows);
            lowering_section(&mut out, rows, tz);
        }
        Style::Columns => {}
    }
    coaching_section(&mut out, rows, journal, now);
    out
}

fn recent_section(
    out: &mut String,
    rows: &[Row],
    journal: &[JournalEntry],
    recent: usize,
    tz: &TimeZone,
) {
    let sorted = in_time_order(rows);
    let shown = &sorted[sorted.len().saturating_sub(recent)..];
    let since = shown.first().map(|r| r.when.at);
    let mut entries: Vec<&JournalEntry> = journal
        .iter()
        .filter(|e| since.is_none_or(|s| e.when.at >= s))
        .collect();
    entries.sort_by_key(|e| e.when.at);
    out.push_str(&format!(
        "Recent sets ({} of {}), with the journal\n",
        shown.len(),
        rows.len()
    ));
    let ewidth = shown
        .iter()
        .map(|r| width(label(&r.exercise)))
        .max()
        .unwrap_or(8)
        .max(8);
    let pwidth = shown
        .iter()
        .map(|r| width(&r.preset))
        .max()
        .unwrap_or(6)
        .max(6);
    // `#` counts back from the last set: what `log undo/amend --set` take.
    let nwidth = shown.len().to_string().len().max(1);
    out.push_str(&format!(
        "  {:>nwidth$}  {:<16}  {:<ewidth$}  {:<pwidth$}  {:<9} {:>3}  {:>5}  {:>7}  {:>5}  {}\n",
        "#", "when", "exercise", "preset", "tempo", "set", "reps", "TUT", "lower", "load, note"
    ));
    let mut next_entry = entries.iter().peekable();
    for (i, r) in shown.iter().enumerate() {
        while let Some(e) = next_entry.next_if(|e| e.when.at < r.when.at) {
            journal_line(out, e, tz, nwidth);
        }
        let note = format!("{} {}", r.note, marks(r));
        let extra: Vec<String> = [r.load.as_str(), note.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| safe(s).into_owned())
            .collect();
        let line = format!(
            "  {:>nwidth$}  {:<16}  {}  {}  {:<9} {:>3}  {:>5}  {:>7}  {:>5}  {}",
            shown.len() - i,
            label_at(r.when.at, tz),
            pad(label(&r.exercise), ewidth),
            pad(if r.preset.is_empty() { "-" } else { &r.preset }, pwidth),
            if r.tempo.is_empty() {
                std::borrow::Cow::Borrowed("?")
            } else {
                safe(&r.tempo)
            },
            r.set,
            format!("{}/{}", r.completed, r.planned),
            format!("{} s", fmt_secs1(r.tut_ms.into())),
            format!("{} s", fmt_secs(r.lower_ms)),
            extra.join(", ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for e in next_entry {
        journal_line(out, e, tz, nwidth);
    }
}

fn journal_line(out: &mut String, e: &JournalEntry, tz: &TimeZone, nwidth: usize) {
    let note = if e.note.is_empty() {
        String::new()
    } else {
        format!(": {}", safe(&e.note))
    };
    out.push_str(&format!(
        "  {:>nwidth$}  {:<16}  journal: soreness {}/5, sleep {}/5{note}\n",
        "",
        label_at(e.when.at, tz),
        e.soreness,
        e.sleep
    ));
}

/// Writes `(label, text)` lines as columns.
fn columns(out: &mut String, lines: &[(String, String)]) {
    let columns = lines.iter().map(|l| width(&l.0)).max().unwrap_or(0);
    for (name, text) in lines {
        let line = format!("  {}  {text}", pad(name, columns));
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn week_section(out: &mut String, rows: &[Row], tz: &TimeZone) {
    let mut weeks: BTreeMap<(i16, i8), (u64, usize)> = BTreeMap::new();
    for r in rows {
        let w = r.when.at.to_zoned(tz.clone()).date().iso_week_date();
        let e = weeks.entry((w.year(), w.week())).or_default();
        e.0 += u64::from(r.tut_ms);
        e.1 += usize::from(is_a_set(r));
    }
    out.push_str("\nTime under tension per week\n");
    let lines: Vec<(String, String)> = weeks
        .iter()
        .map(|((y, w), (ms, sets))| {
            (
                format!("{y}-W{w:02}"),
                format!("{:>9}, {}", minutes(*ms), count(*sets as u64, "set")),
            )
        })
        .collect();
    columns(out, &lines);
}

fn exercise_section(out: &mut String, rows: &[Row]) {
    let mut by: BTreeMap<&str, (u64, usize)> = BTreeMap::new();
    for r in rows {
        let e = by.entry(label(&r.exercise)).or_default();
        e.0 += u64::from(r.tut_ms);
        e.1 += usize::from(is_a_set(r));
    }
    out.push_str("\nTime under tension per exercise\n");
    let lines: Vec<(String, String)> = by
        .iter()
        .map(|(name, (ms, sets))| {
            (
                (*name).to_string(),
                format!("{:>9}, {}", minutes(*ms), count(*sets as u64, "set")),
            )
        })
        .collect();
    columns(out, &lines);
}

fn lowering_section(out: &mut String, rows: &[Row], tz: &TimeZone) {
    let all = sessions(rows);
    let mut by: BTreeMap<&str, Vec<&crate::training::sessions::LoggedSession<'_>>> =
        BTreeMap::new();
    for s in &all {
        by.entry(label(s.exercise)).or_default().push(s);
    }
    out.push_str("\nLowering per exercise, session by session (oldest first)\n");
    let columns = by.keys().map(|k| width(k)).max().unwrap_or(0);
    for (name, list) in &by {
        let name = pad(name, columns);
        let lowers: Vec<u32> = list.iter().map(|s| s.max_lower_ms()).collect();
        let first = list.first().map(|s| s.label(tz)).unwrap_or_default();
        let first_date = first.get(..10).unwrap_or(&first);
        let summary = format!(
            "{} s → {} s over {} since {first_date}",
            fmt_secs(lowers.first().copied().unwrap_or(0)),
            fmt_secs(lowers.last().copied().unwrap_or(0)),
            count(list.len() as u64, "session")
        );
        let tail = &list[list.len().saturating_sub(8)..];
        let points: Vec<String> = tail
            .iter()
            .map(|s| {
                let l = s.label(tz);
                format!(
                    "{} {} s",
                    l.get(5..10).unwrap_or(&l),
                    fmt_secs(s.max_lower_ms())
                )
            })
            .collect();
        let line = format!("  {name}  {}; {summary}", points.join(", "));
        out.push_str(&line);
        out.push('\n');
    }
}

fn coaching_section(out: &mut String, rows: &[Row], journal: &[JournalEntry], now: &Zoned) {
    let mut names: Vec<&str> = rows.iter().map(|r| r.exercise.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let catalogue = Catalogue::new(Vec::new(), Vec::new());
    let mut advice: Vec<String> = Vec::new();
    // The journal's caution is the lifter's, not an exercise's: once.
    for line in names
        .iter()
        .flat_map(|n| coach::advise(rows, journal, n, catalogue.bodyweight(n), now))
        .map(|a| format!("  {a}\n"))
    {
        if !advice.contains(&line) {
            advice.push(line);
        }
    }
    out.push_str("\nCoaching\n");
    if advice.is_empty() {
        out.push_str(
            "  nothing to advise yet: a hint comes after two sessions of an exercise with every \
             planned rep done at one lowering\n",
        );
    } else {
        out.extend(advice);
    }
}

/// What a row's columns say about its set beyond the numbers, as marks
/// after its note: `(redo)`, `(to failure)`, `(corrected)`…
pub(crate) fn marks(r: &Row) -> String {
    let f = &r.facts;
    let mut out: Vec<&str> = Vec::new();
    match f.attempt {
        Attempt::Redo => out.push("(redo)"),
        Attempt::Restarted => out.push("(restarted)"),
        Attempt::Planned => {}
    }
    match f.ended_by {
        EndedBy::Failure => out.push("(to failure)"),
        EndedBy::Cap => out.push("(no failure signalled)"),
        EndedBy::Quit if r.completed < r.planned => out.push("(quit part-way)"),
        EndedBy::Signal if r.completed < r.planned => out.push("(stopped part-way)"),
        _ => {}
    }
    match f.entry {
        Entry::Corrected => out.push("(corrected)"),
        Entry::Imported => out.push("(imported)"),
        Entry::Set | Entry::Withdrawn => {}
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures::set;
    use crate::training::store::When;

    fn row(time: &str, exercise: &str, lower_s: u32, done: u16) -> Row {
        Row {
            preset: "four-one".into(),
            load: "60kg".into(),
            ..set(time, exercise, lower_s, done)
        }
    }

    #[test]
    fn the_report_shows_journal_entries_beside_the_training_before_them() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "squat", 4, 8),
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8),
        ];
        let journal = [JournalEntry {
            when: When::parse("2026-11-17T07:00:00+01:00").expect("time"),
            soreness: 4,
            sleep: 2,
            note: "stairs hurt".into(),
        }];
        let text = render(
            &rows,
            &journal,
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Columns,
        );
        let lines: Vec<&str> = text.lines().collect();
        let at = |s: &str| lines.iter().position(|l| l.contains(s)).expect(s);
        assert!(at("2026-11-16 18:00") < at("journal: soreness 4/5, sleep 2/5: stairs hurt"));
        assert!(at("journal: soreness") < at("2026-11-18 18:00"));
        assert!(text.contains("2026-W47"), "{text}");
        assert!(
            text.contains("squat  11-16 4 s, 11-18 4 s; 4 s → 4 s over 2 sessions"),
            "{text}"
        );
        assert!(text.contains("try 5 s next time"), "{text}");
        assert!(!text.contains('█'), "{text}");
    }

    #[test]
    fn on_a_terminal_charts_take_the_place_of_the_columns() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "squat", 4, 8),
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8),
        ];
        let text = render(
            &rows,
            &[],
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Charts(Screen {
                width: 80,
                height: 24,
                colour: false,
            }),
        );
        for want in [
            "Recent sets (2 of 2), with the journal",
            "Recent workouts and exercises",
            "Charts of 2026-11-16 to 2026-11-18",
            " 4┤",
            "│lowering, s",
            "Journal: no entries these weeks",
            "try 5 s next time",
        ] {
            assert!(text.contains(want), "{want}\n{text}");
        }
        assert!(!text.contains("2026-W47"), "{text}");
        let charts = &text
            [text.find("Charts of").expect("charts")..text.find("Coaching").expect("coaching")];
        assert!(charts.lines().all(|l| width(l) <= 80), "{text}");
    }

    #[test]
    fn a_restarted_attempt_adds_its_time_under_tension_but_is_no_set() {
        let mut cut = row("2026-11-18T18:01:00+01:00", "squat", 4, 3);
        cut.facts.attempt = Attempt::Restarted;
        let mut redo = row("2026-11-18T18:09:00+01:00", "squat", 4, 8);
        redo.facts.attempt = Attempt::Redo;
        let rows = [cut, row("2026-11-18T18:03:00+01:00", "squat", 4, 8), redo];
        let text = render(
            &rows,
            &[],
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Columns,
        );
        // 15 + 40 + 40 s = 1.6 min; the restarted attempt is no set.
        assert!(text.contains("2026-W47    1.6 min, 2 sets"), "{text}");
        assert!(text.contains("squat    1.6 min, 2 sets"), "{text}");
        // Each row is listed, with its mark.
        assert!(
            text.contains("3/8   15.0 s    4 s  60kg, (restarted)"),
            "{text}"
        );
        assert!(text.contains("8/8   40.0 s    4 s  60kg, (redo)"), "{text}");
    }

    #[test]
    fn an_empty_log_says_how_to_fill_it() {
        let text = render(
            &[],
            &[],
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Charts(Screen {
                width: 80,
                height: 24,
                colour: false,
            }),
        );
        assert!(text.contains("The training log is empty"), "{text}");
    }

    /// `utc` seen from a zone at UTC+1.
    fn at_plus_1(utc: &str) -> Zoned {
        let at: jiff::Timestamp = utc.parse().expect("now");
        at.to_zoned(jiff::tz::offset(1).to_time_zone())
    }

    #[test]
    fn times_are_shown_in_the_zone_of_now_not_of_their_row() {
        // Two sets 2 s apart, written by machines on either side of the
        // date line: one moment, shown at one time.
        let rows = [
            row("2026-11-20T05:00:00-12:00", "squat", 4, 8),
            row("2026-11-21T07:00:02+14:00", "squat", 4, 8),
        ];
        let text = render(
            &rows,
            &[],
            &at_plus_1("2026-11-21T12:00:00Z"),
            20,
            Style::Columns,
        );
        assert!(text.contains("  2026-11-20 18:00  squat"), "{text}");
        assert_eq!(text.matches("2026-11-20 18:00  squat").count(), 2, "{text}");
        assert!(!text.contains("2026-11-21 07:00"), "{text}");
        assert!(text.contains("2026-W47"), "{text}");
        assert!(!text.contains("2026-W46"), "{text}");
    }

    #[test]
    fn one_set_and_one_session_are_singular() {
        let rows = [row("2026-11-16T18:00:00+01:00", "squat", 4, 8)];
        let text = render(
            &rows,
            &[],
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Columns,
        );
        assert!(text.contains(", 1 set\n"), "{text}");
        assert!(text.contains("over 1 session since"), "{text}");
        assert!(
            !text.contains("1 sets") && !text.contains("1 sessions"),
            "{text}"
        );
    }

    #[test]
    fn user_text_is_made_safe_and_wide_names_keep_the_columns() {
        let mut wide = row("2026-11-16T18:00:00+01:00", "深蹲", 4, 8);
        wide.note = "\u{1b}]0;pwned\u{7}".into();
        let rows = [wide, row("2026-11-16T18:05:00+01:00", "squat", 4, 8)];
        let journal = [JournalEntry {
            when: When::parse("2026-11-17T07:00:00+01:00").expect("time"),
            soreness: 2,
            sleep: 4,
            note: "line\nbreak".into(),
        }];
        let text = render(
            &rows,
            &journal,
            &at_plus_1("2026-11-19T12:00:00Z"),
            20,
            Style::Columns,
        );
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text}");
        assert!(text.contains("\\u{1b}]0;pwned\\u{7}"), "{text}");
        assert!(text.contains("sleep 4/5: line\\nbreak"), "{text}");
        let column = |name: &str| {
            let line = text
                .lines()
                .find(|l| l.contains(&format!("  {name} ")) && l.contains("four-one"))
                .expect(name);
            crate::text::width(&line[..line.find("four-one").expect("preset")])
        };
        assert_eq!(column("深蹲"), column("squat"));
    }
}
