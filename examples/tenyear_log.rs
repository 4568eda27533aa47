//! A serious lifter's ten years of training log, synthesised, for
//! measuring what a big log costs a session's start:
//!
//!     cargo run --example tenyear_log -- FILE [WEEKS]
//!
//! writes FILE (refusing to overwrite one): 5 sessions a week for WEEKS
//! weeks (default 520) up to today, each of 3 exercises of 5 sets, so
//! about 40,000 rows and 4 MB for ten years, in the log's own format and
//! time order. The same arguments give the same rows on the same day.

use std::io::Write;
use std::process::ExitCode;

use jiff::{SignedDuration, Zoned};
use repcadence::training::rows::Facts;
use repcadence::training::store::{HEADER, Row, When};

/// The week's five sessions: a day of the week and its exercises.
const WEEK: [(i64, [&str; 3]); 5] = [
    (0, ["squat", "bench", "row"]),
    (1, ["romanian-deadlift", "pull-up", "dip"]),
    (3, ["squat", "bench", "curl"]),
    (4, ["romanian-deadlift", "chin-up", "push-up"]),
    (5, ["squat", "row", "curl"]),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("tenyear_log: give the file to write, e.g. tenyear_log /tmp/big.csv [WEEKS]");
        return ExitCode::from(2);
    };
    let weeks: i64 = match args.get(1).map(|w| w.parse()) {
        None => 520,
        Some(Ok(w)) if w > 0 => w,
        Some(_) => {
            eprintln!("tenyear_log: WEEKS is a whole number above 0, e.g. 520");
            return ExitCode::from(2);
        }
    };
    match write(path, weeks) {
        Ok(rows) => {
            eprintln!("tenyear_log: wrote {rows} rows to {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tenyear_log: cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(path: &str, weeks: i64) -> std::io::Result<usize> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "{HEADER}")?;
    // Sessions at 18:00 local time, the last one yesterday.
    let today = Zoned::now().date();
    let first = today
        .at(18, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::system())
        .map_err(std::io::Error::other)?
        .checked_sub(SignedDuration::from_hours(24 * 7 * weeks))
        .map_err(std::io::Error::other)?;
    let mut rows = 0;
    for week in 0..weeks {
        for (day, exercises) in WEEK {
            let start = first
                .checked_add(SignedDuration::from_hours(24 * (7 * week + day)))
                .map_err(std::io::Error::other)?;
            if start.date() >= today {
                continue;
            }
            // The lowering grows a second a month, from 3 s to 7 s, and
            // starts over at 3 s with more load.
            let lower_s = 3 + u32::try_from(week / 4 % 5).unwrap_or(0);
            for (e, exercise) in exercises.iter().enumerate() {
                for set in 1..=5u16 {
                    let minutes = i64::try_from(e).unwrap_or(0) * 20 + i64::from(set) * 3;
                    let at = start
                        .checked_add(SignedDuration::from_mins(minutes))
                        .map_err(std::io::Error::other)?;
                    // Now and then a missed rep.
                    let done = if (week + i64::from(set)) % 7 == 0 {
                        7
                    } else {
                        8
                    };
                    let row = Row {
                        when: When::from_zoned(&at),
                        exercise: (*exercise).to_string(),
                        preset: String::new(),
                        tempo: format!("{lower_s}-0-1-0"),
                        set,
                        planned: 8,
                        completed: done,
                        tut_ms: u32::from(done) * (lower_s + 1) * 1000,
                        lower_ms: lower_s * 1000,
                        load: format!("{}kg", 40 + week / 20),
                        note: String::new(),
                        facts: Facts {
                            run: format!("w{week}-{e}"),
                            id: format!("w{week}-{e}.{set}"),
                            ..Facts::default()
                        },
                    };
                    writeln!(out, "{}", row.to_line())?;
                    rows += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(rows)
}
