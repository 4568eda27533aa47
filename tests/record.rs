//! The training record a lifter can trust: sets as they ended (an
//! open-ended set with no `f`, a set stopped by a signal and done again),
//! corrections that leave the log append-only and that every reader sees,
//! the older format moved once with its backup kept, grouping by run, and
//! Strong's CSV out and in.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Home, bin, isolate, ok};
use predicates::prelude::*;

/// The log's header, as this version writes it.
const HEADER: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                      tut_seconds,lowering_seconds,load,note,load_value,load_unit,\
                      on_bodyweight,workout,block,blocks,run,ended_rep,ended_phase,\
                      ended_seconds,ended_by,attempt,entry,id,supersedes";

/// What a session here is run with: no count-in, `--plain`, no sound.
const QUICK: [&str; 4] = ["--count-in", "0", "--plain", "--mute"];

/// Runs a quick session ([`QUICK`]) of `args` in `home`, which must
/// succeed: its stdout and stderr.
fn session(home: &Home, args: &[&str]) -> (String, String) {
    ok(home.cmd().args(args).args(QUICK))
}

/// Runs a quick session of `args` in `home` and stops it with SIGTERM
/// once it prints a line holding `at`: how it ended, and what it printed.
fn stopped_at(home: &Home, args: &[&str], at: &str) -> (Option<i32>, String) {
    let mut c = Command::new(bin());
    isolate(&mut c, home.dir.path())
        .arg("--config")
        .arg(home.path("config.toml"))
        .arg("--log")
        .arg(home.path("log.csv"))
        .args(args)
        .args(QUICK)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = c.spawn().expect("spawn");
    // Read to the end (a pipe closed early would end it another way).
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut sent = false;
    let mut lines = Vec::new();
    for line in out.lines() {
        let line = line.expect("line");
        if !sent && line.contains(at) {
            let kill = Command::new("kill")
                .args(["-s", "TERM", &child.id().to_string()])
                .status()
                .expect("kill");
            assert!(kill.success());
            sent = true;
        }
        lines.push(line);
    }
    (child.wait().expect("wait").code(), lines.join("\n"))
}

/// A set of 3 reps at 1-0-0.5-0 with `done` reps, hours ago, of run `run`.
fn row(hours_ago: i64, exercise: &str, done: u16, run: &str) -> String {
    let t = jiff::Zoned::now()
        .checked_sub(jiff::SignedDuration::from_hours(hours_ago))
        .expect("time")
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    format!(
        "{t},{exercise},,1-0-0.5-0,1,3,{done},4.5,1,60kg,,60,kg,,,,,{run},,,,plan,normal,set,{run}.1,"
    )
}

/// The fields of each row of `log --csv` (no quoted commas in these).
fn csv_rows(home: &Home) -> Vec<Vec<String>> {
    let (out, _) = ok(home.cmd().args(["log", "--csv"]));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(HEADER));
    lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Before: `--reps 2+` with no `f` logged `6/2`. The rule: an open-ended
/// set that runs to its cap with no failure signalled is logged at its
/// plan, marked `cap`, and said so.
#[test]
fn an_open_ended_set_with_no_f_is_logged_at_its_plan_not_three_times_it() {
    let home = Home::new();
    let push_ups = [
        "0.1-0-0.1-0",
        "--reps",
        "2+",
        "--sets",
        "2",
        "--rest",
        "0",
        "--exercise",
        "push-up",
    ];
    let (out, _) = session(&home, &push_ups);
    assert!(
        out.contains("set 1: 2/2 reps, TUT 1.2 s  (ran on to 6 with no failure signalled"),
        "{out}"
    );
    let rows = csv_rows(&home);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!((r[5].as_str(), r[6].as_str()), ("2", "2"), "{r:?}");
        assert_eq!(r[21], "cap", "{r:?}");
    }
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    assert!(
        out.contains("2/2    1.2 s  0.1 s  (no failure signalled)"),
        "{out}"
    );
}

/// Before: a set stopped part-way, then done again, left a row of 1/3
/// that stopped the progression advice. Now the row says how it ended
/// (a signal), the coach passes over it, and the advice stands.
#[test]
fn a_set_stopped_part_way_and_done_again_does_not_stop_the_advice() {
    let home = Home::new();
    home.write(
        "log.csv",
        &format!("{HEADER}\n{}\n", row(50, "squat", 3, "before")),
    );
    let squats = [
        "1-0-0.5-0",
        "--reps",
        "3",
        "--sets",
        "1",
        "--exercise",
        "squat",
        "--load",
        "60kg",
    ];
    // Stopped by SIGTERM in rep 2.
    let (code, _) = stopped_at(&home, &squats, "rep 2/3");
    assert_eq!(code, Some(143));
    // Done again, in full.
    session(&home, &squats);
    let rows = csv_rows(&home);
    let ended: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[6].as_str(), r[21].as_str()))
        .collect();
    assert_eq!(ended, [("3", "plan"), ("1", "signal"), ("3", "plan")]);
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    assert!(out.contains("(stopped part-way)"), "{out}");
    assert!(
        out.contains("try 2 s next time (--lower 2)"),
        "the advice stands:\n{out}"
    );
}

/// `log amend` and `log undo` append rows; the listing, `--csv`, the
/// grouped report and the coach all read the sets as corrected, and
/// `--csv --raw` keeps every row.
#[test]
fn amend_and_undo_append_rows_that_every_reader_follows() {
    let home = Home::new();
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row(50, "squat", 3, "a"),
        row(26, "squat", 3, "b"),
        row(25, "curl", 3, "c")
    );
    home.write("log.csv", &text);
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    assert!(out.contains("try 2 s next time"), "{out}");
    // The squat set of yesterday had only 2 reps; the curls were not done.
    let (said, _) = ok(home.cmd().args([
        "log", "amend", "--set", "2", "--reps", "2", "--note", "grip",
    ]));
    assert!(said.starts_with("corrected set 1 of squat at "), "{said}");
    assert!(
        said.trim_end()
            .ends_with(": reps 3 → 2, note (none) → \"grip\""),
        "{said}"
    );
    let (said, _) = ok(home.cmd().args(["log", "undo"]));
    assert!(said.starts_with("withdrew set 1 of curl at "), "{said}");
    // Append-only: the old bytes are all there, two rows after them.
    let after = std::fs::read_to_string(home.path("log.csv")).expect("log");
    assert!(after.starts_with(&text));
    assert_eq!(after.lines().count(), 6);
    let rows = csv_rows(&home);
    let seen: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[6].as_str(), r[10].as_str(), r[23].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("squat", "3", "", "set"),
            ("squat", "2", "grip", "corrected")
        ]
    );
    let (raw, _) = ok(home.cmd().args(["log", "--csv", "--raw"]));
    assert_eq!(raw, after);
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    assert!(out.contains("Recent sets (2 of 2)"), "{out}");
    assert!(out.contains("2/3"), "{out}");
    assert!(out.contains("grip (corrected)"), "{out}");
    assert!(!out.contains("curl"), "withdrawn:\n{out}");
    assert!(
        !out.contains("try 2 s next time"),
        "the coach reads the corrected set:\n{out}"
    );
    // Nothing to change, or nothing there: refused, nothing written.
    home.cmd()
        .args(["log", "amend", "--reps", "2", "--note", "grip"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already says that: nothing written",
        ));
    home.cmd()
        .args(["log", "undo", "--set", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the log has 2 sets"));
    assert_eq!(
        std::fs::read_to_string(home.path("log.csv")).expect("log"),
        after
    );
}

/// A log of the older format: the first session moves it once, keeps the
/// old file as its backup, says so in one line, and every old value is in
/// the new columns.
#[test]
fn an_older_log_is_moved_at_the_first_session_with_every_value_kept() {
    let home = Home::new();
    let old = "time,exercise,preset,tempo,set,planned_reps,completed_reps,tut_seconds,\
               lowering_seconds,load,note\n\
               2026-11-20T18:00:00+01:00,squat,,4-0-1-0,1,6,6,30,4,80kg,{workout=legs block=1/2}\n\
               2026-11-20T18:02:00+01:00,squat,,4-0-1-0,2,6,2,10,4,80kg,sore (restarted) {workout=legs block=1/2}\n\
               2026-11-20T18:10:00+01:00,curl,slow,6-0-1-0,1,3,5,35,6,bw+10kg,\"felt good, really {workout=legs block=2/2 ended=5/lower/2.5}\"\n";
    home.write("log.csv", old);
    let (_, err) = session(&home, &["0.1-0-0.1-0", "--reps", "1", "--sets", "1"]);
    let moved: Vec<&str> = err.lines().filter(|l| l.contains("new format")).collect();
    assert_eq!(moved.len(), 1, "{err}");
    assert!(moved[0].contains("log.csv.bak-v1"), "{err}");
    assert_eq!(
        std::fs::read_to_string(home.path("log.csv.bak-v1")).expect("backup"),
        old
    );
    let (out, _) = ok(home.cmd().args(["log", "--csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[1].starts_with(
        "2026-11-20T18:00:00+01:00,squat,,4-0-1-0,1,6,6,30,4,80kg,,80,kg,,legs,1,2,v1-"
    ));
    assert!(lines[1].ends_with(",,,,plan,normal,set,2026-11-20T18:00:00+01:00/squat/1,"));
    assert!(lines[2].starts_with(
        "2026-11-20T18:02:00+01:00,squat,,4-0-1-0,2,6,2,10,4,80kg,sore,80,kg,,legs,1,2,v1-"
    ));
    assert!(lines[2].contains(",,,,restart,restarted,set,"));
    assert!(lines[3].starts_with(
        "2026-11-20T18:10:00+01:00,curl,slow,6-0-1-0,1,3,5,35,6,bw+10kg,\"felt good, really\",\
         10,kg,yes,legs,2,2,v1-"
    ));
    assert!(lines[3].contains(",5,lower,2.5,failure,normal,set,"));
    // The session's own row, after them; a second session moves nothing.
    assert!(lines[4].contains(",0.1-0-0.1-0,1,1,1,"));
    let (_, err) = session(&home, &["0.1-0-0.1-0", "--reps", "1", "--sets", "1"]);
    assert!(!err.contains("new format"), "{err}");
}

/// A set done on its own after a workout is its own group in `log`, and
/// two blocks of one exercise stay apart.
#[test]
fn log_groups_sets_by_the_run_they_belong_to() {
    let home = Home::new();
    home.write(
        "twice.toml",
        "[[blocks]]\nexercise = \"bench\"\ntempo = \"0.1-0-0.1-0\"\nsets = 1\nreps = 1\n\
         changeover = 0\n\n[[blocks]]\nexercise = \"curl\"\ntempo = \"0.1-0-0.1-0\"\nsets = 1\n\
         reps = 1\nchangeover = 0\n\n[[blocks]]\nexercise = \"bench\"\ntempo = \"0.1-0-0.1-0\"\n\
         sets = 1\nreps = 2\n",
    );
    let twice = home.path("twice.toml");
    session(&home, &["-w", twice.to_str().expect("a UTF-8 path")]);
    let bench = [
        "0.1-0-0.1-0",
        "--reps",
        "1",
        "--sets",
        "1",
        "--exercise",
        "bench",
    ];
    session(&home, &bench);
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    let grouped: Vec<&str> = out
        .lines()
        .skip_while(|l| *l != "Recent workouts and exercises")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let l = l.trim();
            // A run's heading: its date and time, then what it was.
            if l.starts_with(|c: char| c.is_ascii_digit()) {
                l.get(17..).unwrap_or(l)
            } else {
                l
            }
        })
        .collect();
    assert_eq!(
        grouped,
        [
            "workout twice",
            "block 1/3 bench: 1 set, 1/1 reps, TUT 0.2 s",
            "block 2/3 curl: 1 set, 1/1 reps, TUT 0.2 s",
            "block 3/3 bench: 1 set, 2/2 reps, TUT 0.4 s",
            "(no workout)",
            "bench: 1 set, 1/1 reps, TUT 0.2 s",
        ],
        "{out}"
    );
}

/// A Strong export written by hand as Strong writes it: quoted fields,
/// a separator in a name, kg and lbs; imported, then again (nothing
/// added); bad rows named by line, exit 1, the good ones kept.
#[test]
fn a_strong_export_is_imported_once_and_bad_rows_are_named_by_line() {
    let home = Home::new();
    home.write(
        "strong.csv",
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;\
         Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
         2024-01-15 18:30:00;\"Push; heavy\";\"Bench Press (Barbell)\";1;100;kg;5;8;;;0;\"paused, 1 s\";;1h 5m\n\
         2024-01-15 18:30:00;\"Push; heavy\";\"Curl, Hammer\";1;35;lbs;10;;;;;;;1h 5m\n\
         2024-01-15 18:30:00;\"Push; heavy\";\"Curl, Hammer\";2;35;stone;10;;;;;;;1h 5m\n\
         2024-01-15 18:30:00;\"Push; heavy\";Dips;1;;kg\n",
    );
    let import = |home: &Home| {
        home.cmd()
            .args(["log", "--import", "strong"])
            .arg(home.path("strong.csv"))
            .assert()
    };
    let out = import(&home)
        .code(1)
        .stdout(predicate::str::contains("imported 2 set(s)"))
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("strong.csv:4: "), "{err}");
    assert!(err.contains("stone"), "{err}");
    assert!(err.contains("strong.csv:5: "), "{err}");
    assert!(err.contains("2 row(s) of"), "{err}");
    import(&home)
        .code(1)
        .stdout(predicate::str::contains("imported 0 set(s)"))
        .stdout(predicate::str::contains("2 already in the log"));
    let rows = csv_rows(&home);
    assert_eq!(rows.len(), 2);
    // A file of another format: refused whole, with what it expected.
    home.write(
        "other.csv",
        "when,what,how much
2024-01-15,bench,100
",
    );
    home.cmd()
        .args(["log", "--import", "strong"])
        .arg(home.path("other.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "give a CSV exported by Strong or Hevy",
        ));
    assert_eq!(csv_rows(&home).len(), 2, "nothing written");
    let (out, _) = ok(home.cmd().args(["log", "--chart", "columns"]));
    assert!(out.contains("Bench Press (Barbell)"), "{out}");
    assert!(out.contains("100kg, paused, 1 s (imported)"), "{out}");
    assert!(out.contains("35lb"), "{out}");
    assert!(out.contains("?"), "an unknown tempo:\n{out}");
    // The older, comma-separated export: weights in the unit given.
    home.write(
        "old.csv",
        "\"Date\",\"Workout Name\",\"Duration\",\"Exercise Name\",\"Set Order\",\"Weight\",\"Reps\",\
         \"Distance\",\"Seconds\",\"Notes\",\"Workout Notes\",\"RPE\"\n\
         \"2023-03-01 07:00:00\",\"Legs\",\"45m\",\"Squat (Barbell)\",\"1\",\"225.0\",\"5.0\",\"0\",\"0\",\"\",\"\",\"\"\n",
    );
    ok(home
        .cmd()
        .args(["log", "--import", "strong"])
        .arg(home.path("old.csv"))
        .args(["--unit", "lb"]));
    let (csv, _) = ok(home.cmd().args(["log", "--csv"]));
    assert!(
        csv.contains(",Squat (Barbell),,,1,5,5,0,0,225lb,,225,lb,,Legs,"),
        "{csv}"
    );
}

/// `--export strong` then `--import strong` into an empty home gives back
/// the same sets, loads and reps.
#[test]
fn an_export_imported_into_an_empty_home_gives_back_the_same_sets() {
    let home = Home::new();
    let two_sets = ["--sets", "2", "--rest", "0"];
    for (tempo, reps, exercise, load) in [
        ("0.1-0-0.1-0", "2", "squat", "82.5kg"),
        ("0.2-0-0.1-0", "1", "pull-up", "bw+10kg"),
    ] {
        let mut args = vec![
            tempo,
            "--reps",
            reps,
            "--exercise",
            exercise,
            "--load",
            load,
        ];
        args.extend(two_sets);
        session(&home, &args);
    }
    let (export, _) = ok(home.cmd().args(["log", "--export", "strong"]));
    assert!(
        export.starts_with("Date;Workout Name;Exercise Name;Set Order;"),
        "{export}"
    );
    let other = Home::new();
    other.write("export.csv", &export);
    ok(other
        .cmd()
        .args(["log", "--import", "strong"])
        .arg(other.path("export.csv")));
    let sets = |home: &Home| -> Vec<Vec<String>> {
        csv_rows(home)
            .into_iter()
            .map(|r| {
                // exercise, tempo, set, reps, TUT, lowering, load
                [1, 3, 4, 6, 7, 8, 9]
                    .iter()
                    .map(|&i| r[i].clone())
                    .collect()
            })
            .collect()
    };
    assert_eq!(sets(&other), sets(&home));
    assert_eq!(sets(&home).len(), 4);
}

/// Each block starts with the last time its exercise was done: the first
/// in the opening lines, the others as they begin.
#[test]
fn each_block_starts_with_the_last_time_its_exercise_was_done() {
    let home = Home::new();
    home.write(
        "log.csv",
        &format!(
            "{HEADER}\n{}\n{}\n",
            row(50, "bench", 3, "a"),
            row(49, "curl", 2, "a")
        ),
    );
    home.write(
        "two.toml",
        "[[blocks]]\nexercise = \"bench\"\ntempo = \"0.1-0-0.1-0\"\nsets = 1\nreps = 1\n\
         changeover = 0\n\n[[blocks]]\nexercise = \"curl\"\ntempo = \"0.1-0-0.1-0\"\nsets = 1\n\
         reps = 1\n",
    );
    let two = home.path("two.toml");
    let (out, err) = session(&home, &["-w", two.to_str().expect("a UTF-8 path")]);
    let bench = err.lines().position(|l| l.starts_with("last bench: "));
    let curl = err.lines().position(|l| l.starts_with("last curl: "));
    assert!(bench.is_some() && curl > bench, "{err}");
    assert!(err.contains(" · 60kg · 1×3 @ 1 s"), "{err}");
    assert!(err.contains(" · 60kg · 1×2 @ 1 s"), "{err}");
    assert!(out.contains("block 2/2 curl"), "{out}");
}

/// A workout stopped part-way and resumed: the set stopped is marked so,
/// the resume names the block to go on from, and a set done in full
/// before and done again is a redo.
#[test]
fn a_workout_resumed_after_a_stop_marks_what_was_stopped_and_what_was_redone() {
    let home = Home::new();
    home.write(
        "two.toml",
        "[[blocks]]\nexercise = \"bench\"\ntempo = \"0.1-0-0.1-0\"\nsets = 1\nreps = 1\n\
         changeover = 0\n\n[[blocks]]\nexercise = \"curl\"\ntempo = \"1-0-0.5-0\"\nsets = 1\n\
         reps = 3\n",
    );
    let two = home.path("two.toml");
    let two = two.to_str().expect("a UTF-8 path");
    let (code, resume) = stopped_at(&home, &["-w", two], "curl  set 1/1  rep 2/3");
    assert_eq!(code, Some(143));
    assert!(resume.contains("--from 2` goes on from there"), "{resume}");
    // Resumed from the start: bench again, then curls in full.
    session(&home, &["-w", two, "--from", "1"]);
    let rows = csv_rows(&home);
    let seen: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[6].as_str(), r[21].as_str(), r[22].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("bench", "1", "plan", "normal"),
            ("curl", "1", "signal", "normal"),
            ("bench", "1", "plan", "redo"),
            ("curl", "3", "plan", "normal"),
        ]
    );
}
