//! Tests of the charts: snapshots of a two-month log at 80×24 and
//! 120×40, points on the rows and columns of their labels, every size
//! from 0 columns up, and the cases that have less to draw.

use super::*;
use crate::training::fixtures;
use crate::training::rows::When;

/// A set of `exercise` on `day` (from Monday 2026-09-28) at `hour`.
fn set(day: i64, hour: u8, minute: u8, exercise: &str, lower_s: u32, load: &str) -> Row {
    let date = add_days("2026-09-28".parse().expect("date"), day);
    let when = format!("{date}T{hour:02}:{minute:02}:00+01:00");
    Row {
        preset: "four-one".into(),
        load: load.into(),
        ..fixtures::set(&when, exercise, lower_s, 8)
    }
}

/// Two months: squat on Mondays and Thursdays, its lowering a second
/// longer every other week and then more load; bench on Tuesdays, the
/// first two in pounds; dips with a belt from week 3; a week off; the
/// journal on Wednesday and Saturday mornings.
fn two_months() -> (Vec<Row>, Vec<JournalEntry>, Zoned) {
    let mut rows = Vec::new();
    let mut journal = Vec::new();
    for week in 0..9i64 {
        if week == 5 {
            continue;
        }
        let lower = 3 + u32::try_from(week / 2).expect("small");
        let squat = format!("{}kg", 60 + 5 * (week / 4));
        for (day, hour) in [(0, 18), (3, 18)] {
            for s in 0..3u8 {
                rows.push(set(week * 7 + day, hour, 3 * s, "squat", lower, &squat));
            }
        }
        let bench = if week < 2 {
            "155lb".to_string()
        } else {
            format!("{}kg", 70 + 2 * week)
        };
        for s in 0..3u8 {
            rows.push(set(
                week * 7 + 1,
                19,
                3 * s,
                "bench",
                4 + u32::from(week > 4),
                &bench,
            ));
        }
        let dips = if week < 3 {
            "bw".to_string()
        } else {
            format!("bw+{}kg", 5 * (week - 2))
        };
        rows.push(set(week * 7 + 4, 19, 0, "dips", 5, &dips));
        for (day, soreness, sleep) in [(2, 2 + week % 3, 4), (5, 3, 3 + week % 2)] {
            let date = add_days("2026-09-28".parse().expect("date"), week * 7 + day);
            journal.push(JournalEntry {
                when: When::parse(&format!("{date}T07:30:00+01:00")).expect("time"),
                soreness: u8::try_from(soreness).expect("small"),
                sleep: u8::try_from(sleep).expect("small"),
                note: String::new(),
            });
        }
    }
    let now: jiff::Timestamp = "2026-11-29T12:00:00Z".parse().expect("now");
    (
        rows,
        journal,
        now.to_zoned(jiff::tz::offset(1).to_time_zone()),
    )
}

fn screen(width: u16, height: u16) -> Screen {
    Screen {
        width,
        height,
        colour: false,
    }
}

fn text(rows: &[Row], journal: &[JournalEntry], now: &Zoned, s: Screen) -> String {
    lines(&draw(rows, journal, now, s), s.colour)
}

#[test]
fn two_months_at_80_and_120_columns() {
    let (rows, journal, now) = two_months();
    for (w, h) in [(80, 24), (120, 40)] {
        let text = text(&rows, &journal, &now, screen(w, h));
        insta::assert_snapshot!(format!("charts_{w}x{h}"), text);
    }
}

/// A log of one set per `(day, exercise, lowering s, load)`.
fn log(sets: &[(i64, &str, u32, &str)]) -> Vec<Row> {
    sets.iter()
        .map(|&(day, e, lower, load)| set(day, 18, 0, e, lower, load))
        .collect()
}

fn line_with<'a>(text: &'a str, after: &str, start: &str) -> &'a str {
    let from = text.find(after).expect(after);
    text[from..]
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("{start} after {after}\n{text}"))
}

/// The display column where `pattern` starts in `line`.
fn column(line: &str, pattern: &str) -> usize {
    width_of(&line[..line.find(pattern).expect(pattern)])
}

#[test]
fn a_point_is_on_the_row_of_its_value_and_the_column_of_its_date() {
    // Mondays 2026-09-28, 10-12 and 10-26: 4 s, 6 s, 5 s.
    let rows = log(&[
        (0, "squat", 4, "60kg"),
        (14, "squat", 6, "70kg"),
        (28, "squat", 5, "65kg"),
    ]);
    let (_, _, now) = two_months();
    let text = text(&rows, &[], &now, screen(80, 24));
    let four = line_with(&text, "lowering, s", " 4┤");
    let six = line_with(&text, "lowering, s", " 6┤");
    assert_eq!(column(four, "•"), 3, "day 0 is right of the axis\n{text}");
    let axis = line_with(&text, "lowering, s", "  └");
    let dates = line_with(&text, "lowering, s", " 09-28");
    let tick = axis
        .char_indices()
        .filter(|(_, c)| *c == '┬')
        .nth(2)
        .expect("3rd tick")
        .0;
    let tick = width_of(&axis[..tick]);
    assert_eq!(column(six, "•"), tick, "{text}");
    assert_eq!(
        column(dates, "10-12") + 2,
        tick,
        "the date is centred on its tick"
    );
    // The loads: 60 and 70 kg on their rows, labelled.
    let sixty = line_with(&text, "load, kg", "60┤");
    let seventy = line_with(&text, "load, kg", "70┤");
    assert_eq!(
        (column(sixty, "•"), column(seventy, "•")),
        (3, tick),
        "{text}"
    );
}

#[test]
fn every_size_draws_without_a_panic_and_no_line_is_wider_than_the_screen() {
    let (two_rows, two_journal, now) = two_months();
    let many: Vec<Row> = (0..20)
        .map(|i| set(i, 18, 0, &format!("exercise {i}"), 4, "bw+5kg"))
        .collect();
    let logs: [(&str, Vec<Row>, Vec<JournalEntry>); 6] = [
        ("two months", two_rows, two_journal.clone()),
        ("one session", log(&[(3, "squat", 4, "60kg")]), Vec::new()),
        (
            "no load",
            log(&[(3, "squat", 4, ""), (9, "squat", 5, "heavy")]),
            Vec::new(),
        ),
        ("journal only", Vec::new(), two_journal),
        ("many exercises", many, Vec::new()),
        ("empty", Vec::new(), Vec::new()),
    ];
    let widths = (0..=48).chain([60, 79, 80, 81, 119, 120, 200, 255]);
    for w in widths {
        for h in [0, 1, 24, 40, 200] {
            for (name, rows, journal) in &logs {
                let text = text(rows, journal, &now, screen(w, h));
                for line in text.lines() {
                    assert!(
                        width_of(line) <= usize::from(w),
                        "{name} at {w}×{h}: {line:?} is wider\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_cases_say_what_they_are() {
    let (rows, journal, now) = two_months();
    let text80 = |rows: &[Row], journal: &[JournalEntry]| text(rows, journal, &now, screen(80, 24));
    assert_eq!(text80(&[], &[]), "", "nothing logged, nothing drawn");
    let no_journal = text80(&rows, &[]);
    assert!(
        no_journal.contains("Journal: no entries these weeks"),
        "{no_journal}"
    );
    let only_journal = text80(&[], &journal);
    assert!(
        only_journal.contains("x soreness  o sleep"),
        "{only_journal}"
    );
    assert!(!only_journal.contains("lowering"), "{only_journal}");
    let one = text80(&log(&[(3, "squat", 4, "60kg")]), &[]);
    assert!(
        one.contains("squat: the lowering and the load, 1 session"),
        "{one}"
    );
    assert!(one.contains('•'), "{one}");
    let no_load = text80(&log(&[(3, "squat", 4, "heavy")]), &[]);
    assert!(
        no_load.contains("no load logged that reads as one"),
        "{no_load}"
    );
    let many: Vec<Row> = (0..15)
        .map(|i| set(i, 18, 0, &format!("e{i:02}"), 4, "60kg"))
        .collect();
    let text = text80(&many, &[]);
    assert_eq!(
        text.matches(": the lowering and the load").count(),
        MAX_EXERCISES
    );
    assert!(text.contains("3 more exercises not charted here"), "{text}");
    assert!(
        !text.contains("e00:") && text.contains("e14:"),
        "the latest are charted"
    );
}

#[test]
fn bodyweight_and_pounds_say_so_on_the_axis() {
    let rows = log(&[
        (0, "dips", 5, "bw"),
        (7, "dips", 5, "bw+10kg"),
        (1, "press", 4, "40kg"),
        (8, "press", 4, "95lb"),
    ]);
    let (_, _, now) = two_months();
    let text = text(&rows, &[], &now, screen(80, 24));
    assert!(text.contains("│kg added to bodyweight"), "{text}");
    assert!(text.contains("│load, lb"), "{text}");
    // 40 kg is 88.18 lb: between the 88 and 90 rows' labels.
    let eighty_eight = line_with(&text, "load, lb", "88┤");
    assert!(eighty_eight.contains('•'), "{text}");
}

#[test]
fn colour_only_when_asked() {
    let (rows, journal, now) = two_months();
    let plain = text(&rows, &journal, &now, screen(80, 24));
    assert!(!plain.contains('\u{1b}'));
    let coloured = text(
        &rows,
        &journal,
        &now,
        Screen {
            colour: true,
            ..screen(80, 24)
        },
    );
    assert!(coloured.contains("\u{1b}[0;36m•"), "the lowering in cyan");
    // Each line ends with the colours reset.
    for line in coloured.lines() {
        if let Some(last) = line.rfind('\u{1b}') {
            assert!(line[last..].starts_with("\u{1b}[0m"), "{line:?}");
        }
    }
}

#[test]
fn the_heading_says_what_the_ticks_mark() {
    let day = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
    let span = |first: &str, last: &str| DaySpan {
        first: day(first),
        last: day(last),
    };
    // 2026-11-22 is a Sunday: a one-day log's only tick is on it.
    assert_eq!(
        ticks_mark(span("2026-11-22", "2026-11-22")),
        "┬ marks its day"
    );
    // Thursday to the Thursday after: one Monday, so first and last.
    assert_eq!(
        ticks_mark(span("2026-11-19", "2026-11-26")),
        "┬ marks its first and last day"
    );
    assert_eq!(
        ticks_mark(span("2026-11-02", "2026-11-28")),
        "┬ marks a Monday"
    );
    assert!(
        ticks(span("2026-11-02", "2026-11-28"))
            .iter()
            .all(|d| d.weekday() == jiff::civil::Weekday::Monday)
    );
}
