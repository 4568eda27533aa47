//! The command-line contract, end to end: exit codes, messages, output.

mod common;

use common::{Home, home_named};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The binary with HOME and the XDG dirs in the build's temp dir, so no
/// test reads the real config file or writes the real training log.
fn repcadence() -> Command {
    let mut c = Command::cargo_bin("repcadence").expect("binary built");
    isolate(&mut c);
    c
}

/// The binary, as a std command, isolated like [`repcadence`].
fn std_repcadence() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("repcadence"));
    common::isolate(&mut c, &home_named("home"));
    c
}

fn isolate(c: &mut Command) {
    common::isolate(c, &home_named("home"));
}

#[test]
fn bad_tempos_exit_2_quoting_the_input_with_an_example() {
    let cases = [
        ("4-0-1", "expected four numbers lower-pause-lift-pause"),
        ("4-0-1-0-0", "expected four numbers"),
        ("40100", "expected four numbers"),
        ("4-0-61-0", "the lift (3rd) field \"61\" is more than 60 s"),
        (
            "a-0-1-0",
            "the lower (1st) field \"a\" is not a number of seconds",
        ),
        ("X-0-1-0", "only fits the lift"),
        ("0-0-0-0", "a rep must last longer than 0 s"),
        ("4--1-0", "the bottom pause (2nd) field \"\" is empty"),
        ("1.0001-0-1-0", "has more than 3 decimals"),
    ];
    for (tempo, want) in cases {
        for args in [vec![tempo, "--plain"], vec!["plan", tempo]] {
            repcadence()
                .args(&args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "error: \"{tempo}\" is not a tempo"
                )))
                .stderr(predicate::str::contains(want))
                .stderr(predicate::str::contains("like 4-0-1-0 or 31X0"));
        }
    }
}

#[test]
fn bad_session_options_exit_2_saying_what_is_allowed() {
    let cases: [(&[&str], &str); 8] = [
        (&["--reps", "0"], "0 is not in 1..=100"),
        (&["--reps", "101"], "101 is not in 1..=100"),
        (&["--sets", "51"], "51 is not in 1..=50"),
        (&["--rest", "3601"], "is more than 3600 s"),
        (&["--count-in", "-1"], "unexpected argument"),
        (&["--start", "up"], "[possible values: lift, lower]"),
        (
            &["--explosive", "0.05"],
            "an explosive lift is timed as 0.1-10 s",
        ),
        (&["--lift", "fast"], "give seconds like 1, X, P or manual"),
    ];
    for (args, want) in cases {
        repcadence()
            .arg("plan")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
    }
    repcadence()
        .args(["plan", "0-0-1-0", "--lift", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lasts 0 s: give it a lowering, e.g. --lower 3",
        ));
}

#[test]
fn plan_json_parses_and_its_totals_add_up() {
    let out = repcadence()
        .args([
            "plan", "4-0-1-0", "--reps", "8", "--sets", "3", "--rest", "90",
        ])
        .args(["--count-in", "5", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).expect("one JSON object");
    assert_eq!(plan["tempo"], "4-0-1-0");
    assert_eq!(plan["total_seconds"], 305.0);
    assert_eq!(plan["tut_seconds_per_set"], 40.0);
    assert_eq!(plan["tut_seconds_total"], 120.0);
    let events = plan["events"].as_array().expect("events");
    assert_eq!(events.len(), 52);
    // Each phase starts where the previous one ended.
    let mut t = 0.0;
    let mut tut = 0.0;
    for e in events {
        assert_eq!(e["t"].as_f64(), Some(t), "{e}");
        let d = e["duration"].as_f64().unwrap_or(0.0);
        if ["lift", "top_pause", "lower", "bottom_pause"]
            .contains(&e["phase"].as_str().unwrap_or(""))
        {
            tut += d;
        }
        t += d;
    }
    assert_eq!(t, 305.0);
    assert_eq!(tut, 120.0);
    assert_eq!(
        events.last().map(|e| e["phase"].clone()),
        Some("done".into())
    );
}

#[test]
fn plan_table_says_whether_tut_is_in_the_band() {
    repcadence()
        .args(["plan", "3-0-1-0"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "TUT per set  32.0 s, 8.0 s below the 40-70 s per set",
        ))
        .stdout(predicate::str::contains("a 4 s lowering would give 40.0 s"));
    repcadence()
        .args(["plan", "--lower", "5", "--sets", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("48.0 s, within"));
}

#[test]
fn every_tempo_spelling_gives_the_same_plan() {
    let json = |tempo: &str| {
        let out = repcadence()
            .args(["plan", tempo, "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<Value>(&out).expect("json")
    };
    let want = json("4-0-1-0");
    for spelling in ["4:0:1:0", "4/0/1/0", "4 0 1 0", "4010"] {
        assert_eq!(json(spelling), want, "{spelling}");
    }
    assert_eq!(json("31x0")["tempo"], "3-1-X-0");
}

#[test]
fn plain_runs_a_short_session_line_by_line() {
    repcadence()
        .args([
            "1-0-1-0",
            "--plain",
            "--sets",
            "1",
            "--reps",
            "1",
            "--count-in",
            "0",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "00:00.000 lift  set 1/1  rep 1/1  1.0 s\n\
             00:01.000 lower  set 1/1  rep 1/1  1.0 s\n\
             00:01.000 count 1\n\
             00:02.000 set_done  set 1/1  1/1 reps  TUT 2.0 s\n\
             00:02.000 done\n",
        ))
        .stdout(predicate::str::contains(
            "1 of 1 set done, 1 rep, TUT 2.0 s",
        ));
}

#[test]
fn output_that_closes_early_is_a_quiet_exit() {
    let mut sh = std::process::Command::new("sh");
    common::isolate(&mut sh, &home_named("home"));
    let out = sh
        .arg("-c")
        .arg(format!(
            "{} plan --sets 50 --reps 100 | head -1",
            assert_cmd::cargo::cargo_bin("repcadence").display()
        ))
        .output()
        .expect("sh");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn ctrl_c_in_plain_mode_stops_cleanly_with_a_summary() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Std, Stdio};
    let mut child = std_repcadence()
        .arg("--no-log")
        .args(["3-0-1-0", "--plain", "--count-in", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("first line");
    assert_eq!(first, "00:00.000 lift  set 1/3  rep 1/8  1.0 s\n");
    let killed = Std::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("rest");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130), "128 + SIGINT");
    assert!(rest.contains("stopped: 0 of 3 sets done"), "{rest}");
    assert!(rest.contains("(stopped part-way)"), "{rest}");
}

fn plan_json(home: &Home, args: &[&str]) -> Value {
    let out = home
        .cmd()
        .arg("plan")
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("json")
}

#[test]
fn presets_are_listed_with_tempo_sets_rest_tut_and_description() {
    let home = Home::new();
    let out = home.cmd().arg("presets").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for want in [
        "slow             3-0-1-0   3 × 8         90 s   32.0 s  3 s lowering",
        "four-one         4-0-1-0   3 × 8",
        "tut              5-0-1-0   3 × 8         90 s   48.0 s",
        "overload         6-0-P-0   3 × 6",
        "beyond-failure   7-0-P-0   1 × 6",
        // The footnote says what P is: a timed partner's lift, not the
        // wait of --lift manual.
        "P: a partner lifts, timed (3 s unless partner_lift says otherwise)",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(!text.contains("waits at the top until a key"), "{text}");
    let out = home.cmd().arg("exercises").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let phase = |name: &str| {
        text.lines()
            .find(|l| l.split("  ").next() == Some(name))
            .map(|l| l.split_whitespace().last().unwrap_or_default().to_string())
    };
    assert_eq!(phase("squat").as_deref(), Some("lower"), "{text}");
    assert_eq!(phase("curl").as_deref(), Some("lift"), "{text}");
    assert_eq!(phase("deadlift").as_deref(), Some("lift"), "{text}");
}

#[test]
fn precedence_is_command_line_then_preset_then_config_then_built_in() {
    let home = Home::new();
    home.write(
        "config.toml",
        "[defaults]\ntempo = \"2-0-1-0\"\nreps = 10\ncount_in = 3\n\n\
         [presets.mine]\ntempo = \"6-1-1-0\"\nsets = 2\n\n[exercises.lunge]\nstart = \"lower\"\n",
    );
    let p = plan_json(&home, &[]);
    assert_eq!(
        (p["tempo"].clone(), p["reps"].clone()),
        ("2-0-1-0".into(), 10.into())
    );
    assert_eq!(
        (p["sets"].clone(), p["rest_seconds"].clone()),
        (3.into(), 90.0.into())
    );
    let p = plan_json(&home, &["-p", "four-one"]);
    assert_eq!(p["tempo"], "4-0-1-0");
    assert_eq!(
        (p["reps"].clone(), p["count_in_seconds"].clone()),
        (8.into(), 3.0.into())
    );
    assert_eq!(p["preset"], "four-one");
    let p = plan_json(&home, &["--preset", "four-one", "5-0-1-0", "--reps", "6"]);
    assert_eq!(
        (p["tempo"].clone(), p["reps"].clone()),
        ("5-0-1-0".into(), 6.into())
    );
    let p = plan_json(&home, &["-p", "mine", "--exercise", "lunge"]);
    assert_eq!(p["tempo"], "6-1-1-0");
    assert_eq!(
        (p["sets"].clone(), p["reps"].clone()),
        (2.into(), 10.into())
    );
    assert_eq!(
        (p["start"].clone(), p["exercise"].clone()),
        ("lower".into(), "lunge".into())
    );
    home.cmd()
        .arg("presets")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "mine             6-1-1-0   2 × 10",
        ));
}

#[test]
fn partner_presets_time_the_partner_s_lift_in_the_plan_or_wait_for_it() {
    let home = Home::new();
    let p = plan_json(&home, &["-p", "overload", "--exercise", "bench"]);
    assert_eq!(p["tut_seconds_per_set"], 36.0);
    let events = p["events"].as_array().expect("events");
    // Bench starts with the lowering; the partner's lift is timed, 3 s.
    assert_eq!(events[1]["phase"], "lower");
    assert_eq!(events[2]["phase"], "lift");
    assert_eq!(events[2]["partner"], true);
    assert_eq!(events[2]["duration"], 3.0);
    assert_eq!(events[2].get("manual"), None);
    let p = plan_json(
        &home,
        &[
            "-p",
            "overload",
            "--exercise",
            "bench",
            "--partner-lift",
            "2.5",
        ],
    );
    assert_eq!(p["events"][2]["duration"], 2.5);
    // With --lift manual it waits for a key, timed as 0 here.
    let p = plan_json(
        &home,
        &["-p", "overload", "--exercise", "bench", "--lift", "manual"],
    );
    assert_eq!(p["events"][2]["manual"], true);
    assert_eq!(p["tut_seconds_per_set"], 36.0);
}

#[test]
fn an_unknown_preset_or_a_nameless_exercise_lists_the_names() {
    let home = Home::new();
    home.cmd()
        .args(["plan", "-p", "heavy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no preset \"heavy\": use one of slow, four-one",
        ));
    // An exercise with no name lists some; any other name runs.
    home.cmd()
        .args(["plan", "--exercise", "_"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("squat, bench, push-up"));
}

#[test]
fn every_kind_of_bad_config_exits_2_naming_file_line_and_key() {
    let home = Home::new();
    let cases = [
        (
            "[defaults]\ntempo = \"4-0-1-0\nreps = 3\n",
            ":2:",
            "defaults.tempo",
        ),
        (
            "[defaults]\n\nloud = true\n",
            ":3:1:",
            "unknown field `loud`",
        ),
        (
            "[defaults]\nvoice = 1\n",
            ":2:9:",
            "`defaults.voice`: 1 is not allowed: voice is \"full\", \"counts\" or \"off\"",
        ),
        (
            "[defaults]\nreps = 500\n",
            ":2:8:",
            "`defaults.reps`: 500 is not allowed: reps is a whole number from 1 to 100",
        ),
        (
            "[presets.x]\ntempo = \"4-0-1-0\"\nrest = 4000\n",
            ":3:8:",
            "`presets.x.rest`",
        ),
    ];
    let path = home.path("config.toml");
    for (text, place, want) in cases {
        home.write("config.toml", text);
        for args in [vec!["plan"], vec!["presets"], vec!["--plain"]] {
            home.cmd()
                .args(&args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "{}{place}",
                    path.display()
                )))
                .stderr(predicate::str::contains(want));
        }
    }
}

#[test]
fn config_init_writes_a_commented_example_once_and_path_says_where() {
    let home = Home::new();
    let path = home.path("config.toml");
    std::fs::remove_file(&path).expect("no config yet");
    home.cmd()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
    home.cmd().args(["config", "init"]).assert().success();
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("# Cue volume, 0-100.\nvolume = 80"), "{text}");
    home.write("config.toml", "# mine\n");
    home.cmd()
        .args(["config", "init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "# mine\n");
    // The written example is itself a valid config.
    std::fs::remove_file(&path).expect("rm");
    home.cmd().args(["config", "init"]).assert().success();
    home.cmd()
        .arg("presets")
        .assert()
        .success()
        .stdout(predicate::str::contains("heavy-bench"));
}

#[test]
fn without_config_the_platform_dir_is_used() {
    let home = Home::new();
    repcadence()
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.path("xdg"))
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            home.path("xdg/repcadence/config.toml").display()
        ));
}

const LOG_HEADER: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                          tut_seconds,lowering_seconds,load,note,load_value,load_unit,\
                          on_bodyweight,workout,block,blocks,run,ended_rep,ended_phase,\
                          ended_seconds,ended_by,attempt,entry,id,supersedes";

/// A log row at `time` (ISO 8601 with offset): squat-style, all reps done.
fn log_row(time: &str, exercise: &str, lower_s: u32, done: u16) -> String {
    format!(
        "{time},{exercise},,{lower_s}-0-1-0,1,8,{done},{},{lower_s},60kg,,60,kg,,,,,{time},,,,\
         plan,normal,set,{time}.1,",
        u32::from(done) * (lower_s + 1)
    )
}

fn hours_ago(h: i64) -> String {
    let t = jiff::Zoned::now()
        .checked_sub(jiff::SignedDuration::from_hours(h))
        .expect("time");
    t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[test]
fn sets_are_logged_with_labels_and_no_log_writes_nothing() {
    let home = Home::new();
    home.cmd()
        .args([
            "1-0-1-0", "--plain", "--sets", "2", "--reps", "1", "--rest", "0",
        ])
        .args([
            "--count-in",
            "0",
            "-p",
            "slow",
            "--exercise",
            "curl",
            "--mute",
        ])
        .args(["--load", "12kg", "--note", "left arm, then right"])
        .assert()
        .success()
        .stderr("");
    let text = std::fs::read_to_string(home.path("log.csv")).expect("log written");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], LOG_HEADER);
    // Both rows are of one run, and each has an id of its own in it.
    let run = lines[1].rsplit(',').nth(8).expect("run").to_string();
    assert!(!run.is_empty());
    for (i, line) in lines[1..].iter().enumerate() {
        let (time, rest) = line.split_once(',').expect("fields");
        assert!(jiff::Timestamp::from_str(time).is_ok(), "{time}");
        let want = format!(
            "curl,slow,1-0-1-0,{},1,1,2,1,12kg,\"left arm, then right\",12,kg,,,,,",
            i + 1
        );
        assert!(rest.starts_with(&want), "{rest}");
        assert!(
            rest.ends_with(&format!(",plan,normal,set,{}.{},", run, i + 1)),
            "{rest}"
        );
    }
    let other = Home::new();
    other
        .cmd()
        .args([
            "1-0-1-0",
            "--plain",
            "--sets",
            "1",
            "--reps",
            "1",
            "--count-in",
            "0",
        ])
        .arg("--no-log")
        .assert()
        .success();
    assert!(!other.path("log.csv").exists());
}

use std::str::FromStr;

#[test]
fn two_sessions_appending_at_once_never_interleave_lines() {
    let home = Home::new();
    let note = "n".repeat(300);
    let spawn = |who: &str| {
        let mut c = std_repcadence();
        c.arg("--log")
            .arg(home.path("log.csv"))
            .arg("--config")
            .arg(home.path("config.toml"))
            .args(["0.001-0-0-0", "--plain", "--sets", "50", "--reps", "1"])
            .args(["--rest", "0", "--count-in", "0", "--exercise", who])
            .args(["--note", &note])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let children = [spawn("squat"), spawn("curl"), spawn("row")];
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    let out = home
        .cmd()
        .args(["log", "--csv"])
        .assert()
        .success()
        .stderr("");
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 150);
    for who in ["squat", "curl", "row"] {
        let n = rows
            .iter()
            .filter(|l| l.contains(&format!(",{who},")))
            .count();
        assert_eq!(n, 50, "{who}");
    }
    assert!(rows.iter().all(|l| l.contains(&note)));
}

#[test]
fn a_corrupt_line_is_skipped_with_its_number_and_the_file_left_alone() {
    let home = Home::new();
    let text = format!(
        "{LOG_HEADER}\n{}\nthis is not a row\n{}\n",
        log_row("2026-11-16T18:00:00+01:00", "squat", 4, 8),
        log_row("2026-11-18T18:00:00+01:00", "squat", 4, 8)
    );
    home.write("log.csv", &text);
    home.cmd()
        .args(["log", "--chart", "columns"])
        .assert()
        .success()
        .stderr(predicate::str::contains("line 3 skipped"))
        .stdout(predicate::str::contains("Recent sets (2 of 2)"));
    assert_eq!(
        std::fs::read_to_string(home.path("log.csv")).expect("log"),
        text
    );
    // A new session only appends after it.
    home.cmd()
        .args([
            "1-0-1-0",
            "--plain",
            "--sets",
            "1",
            "--reps",
            "1",
            "--count-in",
            "0",
        ])
        .assert()
        .success();
    let after = std::fs::read_to_string(home.path("log.csv")).expect("log");
    assert!(after.starts_with(&text));
    assert_eq!(after.lines().count(), 5);
}

#[test]
fn a_log_that_cannot_be_written_is_reported_once_the_session_goes_on_and_exits_1() {
    let home = Home::new();
    home.write("file", "");
    // (A device such as /dev/full is refused up front: see
    // `a_log_that_is_not_a_regular_file_is_refused_up_front`.)
    let path = home.path("file/log.csv");
    let out = repcadence()
        .arg("--config")
        .arg(home.path("config.toml"))
        .arg("--log")
        .arg(&path)
        .args([
            "1-0-1-0", "--plain", "--sets", "2", "--reps", "1", "--rest", "0",
        ])
        .args(["--count-in", "0"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 of 2 sets done"));
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let notice = format!("training log not written: {}: ", path.display());
    assert_eq!(err.matches(&notice).count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn a_log_that_is_not_a_regular_file_is_refused_up_front() {
    let home = Home::new();
    for (path, kind) in [
        (std::path::PathBuf::from("/dev/full"), "is a device"),
        (home.path(""), "is a directory"),
    ] {
        for args in [
            &["1-0-1-0", "--plain", "--sets", "1", "--reps", "1"][..],
            &["log"][..],
            &["log", "--csv"][..],
            &["journal", "--soreness", "1", "--sleep", "1"][..],
        ] {
            home.cmd_with_log(&path)
                .args(args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "--log {} {kind}, not a regular file",
                    path.display()
                )));
        }
    }
    assert!(!home.path("journal.csv").exists());
}

#[test]
fn a_partner_preset_waits_for_enter_and_logs_only_the_lowering() {
    let home = Home::new();
    let (status, lines) = common::converse(
        std_repcadence()
            .arg("--config")
            .arg(home.path("config.toml"))
            .arg("--log")
            .arg(home.path("log.csv"))
            .args(["-p", "overload", "--exercise", "bench", "--lower", "0.5"])
            .args(["--lift", "manual"])
            .args(["--sets", "1", "--reps", "2", "--count-in", "0", "--plain"]),
        |line| {
            line.contains("partner lifts").then(|| {
                std::thread::sleep(std::time::Duration::from_millis(300));
                &b"\n"[..]
            })
        },
    );
    assert!(status.success());
    assert_eq!(lines[0], "00:00.000 lower  set 1/1  rep 1/2  0.5 s");
    assert_eq!(lines[1], "00:00.000 count 1");
    assert_eq!(
        lines[2],
        "00:00.500 lift  set 1/1  rep 1/2  partner lifts: press Enter to lower"
    );
    assert!(
        lines[3].ends_with(" lower  set 1/1  rep 2/2  0.5 s"),
        "{lines:?}"
    );
    let set_done = lines
        .iter()
        .find(|l| l.contains("set_done"))
        .expect("set_done");
    assert!(
        set_done.ends_with("set_done  set 1/1  2/2 reps  TUT 1.0 s"),
        "{set_done}"
    );
    let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
    let row = log.lines().nth(1).expect("row");
    assert!(
        row.contains(",bench,overload,0.5-0-P-0,1,2,2,1,0.5,,,"),
        "{row}"
    );
}

#[test]
fn the_session_opens_with_one_coaching_line_on_stderr() {
    let home = Home::new();
    home.write(
        "log.csv",
        &format!(
            "{LOG_HEADER}\n{}\n{}\n",
            log_row(&hours_ago(100), "squat", 4, 8),
            log_row(&hours_ago(75), "squat", 4, 8)
        ),
    );
    let run = |exercise: &str| {
        home.cmd()
            .args([
                "1-0-1-0",
                "--plain",
                "--sets",
                "1",
                "--reps",
                "1",
                "--count-in",
                "0",
            ])
            .args(["--exercise", exercise, "--no-log", "--mute"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("00:00.000 "))
    };
    run("squat").stderr(
        predicate::str::is_match(
            "^coach: squat: every planned rep done at a 4 s lowering in the last two sessions \
         \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d and \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\): \
         try 5 s next time \\(--lower 5\\)\n\
         last squat: [A-Z][a-z]{2} \\d\\d-\\d\\d · 60kg · 1×8 @ 4 s\n$",
        )
        .expect("regex"),
    );
    run("curl").stderr("");
    // Heavy negatives 20 h ago: the caution, not the hint.
    let mut text = std::fs::read_to_string(home.path("log.csv")).expect("log");
    text.push_str(&log_row(&hours_ago(20), "squat", 6, 8));
    text.push('\n');
    home.write("log.csv", &text);
    run("squat").stderr(predicate::str::starts_with(
        "coach: squat: heavy negatives (6 s lowering) logged ",
    ));
    // A journal entry this morning that says very sore: named at the start
    // of any exercise's session.
    home.write(
        "journal.csv",
        &format!("time,soreness,sleep,note\n{},5,3,stairs\n", hours_ago(2)),
    );
    run("curl").stderr(
        predicate::str::is_match(
            "^coach: your journal of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d says soreness 5/5, \
             sleep 3/5: recovery is not done",
        )
        .expect("regex"),
    );
}

#[test]
fn log_shows_sets_journal_charts_and_coaching_and_csv_gives_the_rows() {
    let home = Home::new();
    let rows = [
        log_row("2026-11-16T18:00:00+01:00", "squat", 4, 8),
        log_row("2026-11-18T18:00:00+01:00", "squat", 4, 8),
    ];
    home.write(
        "log.csv",
        &format!("{LOG_HEADER}\n{}\n{}\n", rows[0], rows[1]),
    );
    home.cmd()
        .args([
            "journal",
            "--soreness",
            "4",
            "--sleep",
            "2",
            "--note",
            "stairs",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("soreness 4/5, sleep 2/5"));
    home.cmd()
        .args(["journal", "--soreness", "6", "--sleep", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("6 is not in 1..=5"));
    let journal = std::fs::read_to_string(home.path("journal.csv")).expect("journal");
    assert!(
        journal.starts_with("time,soreness,sleep,note\n"),
        "{journal}"
    );
    assert!(journal.trim_end().ends_with(",4,2,stairs"), "{journal}");
    let out = home
        .cmd()
        .args(["log", "--chart", "columns"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for want in [
        "Recent sets (2 of 2), with the journal",
        "journal: soreness 4/5, sleep 2/5: stairs",
        "Time under tension per week",
        "2026-W47",
        "Time under tension per exercise",
        "squat  11-16 4 s, 11-18 4 s; 4 s → 4 s over 2 sessions since 2026-11-16",
        "try 5 s next time",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(!text.contains('█'));
    home.cmd()
        .args(["log", "--chart", "bars"])
        .assert()
        .success()
        .stdout(predicate::str::contains("█"));
    home.cmd()
        .args(["log", "--csv"])
        .assert()
        .success()
        .stdout(format!("{LOG_HEADER}\n{}\n{}\n", rows[0], rows[1]));
}

#[test]
fn log_piped_gives_columns_and_charts_when_asked() {
    let home = Home::new();
    let rows = [
        log_row("2026-11-09T18:00:00+01:00", "squat", 3, 8),
        log_row("2026-11-16T18:00:00+01:00", "squat", 4, 8),
        log_row("2026-11-18T18:00:00+01:00", "squat", 4, 8),
    ];
    home.write("log.csv", &format!("{LOG_HEADER}\n{}\n", rows.join("\n")));
    home.write(
        "journal.csv",
        "time,soreness,sleep,note\n2026-11-17T07:00:00+01:00,4,2,stairs\n",
    );
    let stdout = |args: &[&str]| {
        let out = home.cmd().args(args).assert().success();
        String::from_utf8_lossy(&out.get_output().stdout).to_string()
    };
    // Piped (as here), the charts are columns of numbers, as before.
    let text = stdout(&["log"]);
    for want in [
        "Time under tension per week",
        "  2026-W46",
        "  2026-W47",
        "squat  11-09 3 s, 11-16 4 s, 11-18 4 s; 3 s → 4 s over 3 sessions since 2026-11-09",
        "journal: soreness 4/5, sleep 2/5: stairs",
        "Coaching",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    for drawn in ["┤", "█", "lowering, s", "\u{1b}"] {
        assert!(!text.contains(drawn), "{drawn}\n{text}");
    }
    // Asked for, they are drawn, without colour; `bars` is the old name.
    let charts = stdout(&["log", "--chart", "charts"]);
    for want in [
        "Recent sets (3 of 3), with the journal",
        "Charts of 2026-11-09 to 2026-11-18",
        "│lowering, s",
        "│load, kg",
        "│x soreness  o sleep",
        "┬",
        "11-16",
        "Coaching",
    ] {
        assert!(charts.contains(want), "{want}\n{charts}");
    }
    assert!(
        !charts.contains("2026-W47") && !charts.contains('\u{1b}'),
        "{charts}"
    );
    assert_eq!(stdout(&["log", "--chart", "bars"]), charts);
    let coloured = stdout(&["log", "--chart", "charts", "--color", "always"]);
    assert!(coloured.contains("\u{1b}[0;36m"), "{coloured}");
}

#[test]
fn with_no_sound_device_plain_says_so_once_and_alsa_says_nothing() {
    // The ALSA setup of `isolate` has no sound card; a home of its own
    // means no log, so no coaching line on stderr either.
    let dir = tempfile::tempdir().expect("temp dir");
    repcadence()
        .args([
            "1-0-1-0",
            "--plain",
            "--sets",
            "1",
            "--reps",
            "1",
            "--count-in",
            "0",
        ])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .assert()
        .success()
        .stderr("no audio device: cues are visual only\n")
        .stdout(predicate::str::contains("00:02.000 done"));
}

#[test]
fn render_writes_a_wav_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wav = dir.path().join("set.wav");
    repcadence()
        .args(["render", "4-0-1-0", "--sets", "1", "--reps", "2", "-o"])
        .arg(&wav)
        .assert()
        .success()
        // The session's length, as `plan` says it (15 s), not the
        // file's, which rings on for the last cue.
        .stderr(format!(
            "wrote {}: 15 s of cues at 48000 Hz\n",
            wav.display()
        ));
    repcadence()
        .args(["plan", "4-0-1-0", "--sets", "1", "--reps", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\nsession      15 s (15.0 s)\n"));
    let bytes = std::fs::read(&wav).expect("wav written");
    assert_eq!(&bytes[..4], b"RIFF");
    // 5 s count-in + 2 reps of 5 s, 16-bit mono at 48 kHz, plus the last cue.
    assert!(bytes.len() >= 44 + 15 * 48_000 * 2, "{}", bytes.len());
    repcadence()
        .args(["render", "-o"])
        .arg(&wav)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists: add --force"));
    assert_eq!(std::fs::read(&wav).expect("still there"), bytes);
    repcadence()
        .args(["render", "--lift", "manual", "--force", "-o"])
        .arg(&wav)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "give the lift a time instead, e.g. --lift 2",
        ));
}

#[test]
fn short_help_is_short_and_long_help_teaches_with_examples() {
    let short = repcadence()
        .arg("-h")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let short = String::from_utf8(short).expect("utf-8");
    let long = repcadence()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let long = String::from_utf8(long).expect("utf-8");
    for example in [
        "Slow negatives on squats",
        "4:1 curls",
        "Render a set to play from a phone",
        "repcadence render 4-0-1-0",
        "Exit status: 0 done",
    ] {
        assert!(long.contains(example), "--help lacks {example:?}");
        assert!(!short.contains(example), "-h has {example:?}");
    }
    assert!(
        short.contains("Examples and exit status: repcadence --help"),
        "{short}"
    );
    assert!(short.lines().count() < long.lines().count() / 2);
    repcadence()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("repcadence {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = repcadence()
            .args(["completions", shell])
            .assert()
            .success()
            .stderr("")
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("plan"), "{shell}: no subcommand");
        // fish writes `-l reps`, the others `--reps`.
        let option = |name: &str| {
            text.contains(&format!("--{name}")) || text.contains(&format!("-l {name}"))
        };
        assert!(option("reps"), "{shell}: no option");
        assert!(option("color"), "{shell}: no global option");
    }
    repcadence()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "[possible values: bash, elvish, fish, powershell, zsh]",
        ));
}

#[test]
fn the_man_page_renders_with_man() {
    let out = repcadence()
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let roff = String::from_utf8(out).expect("utf-8");
    assert!(roff.contains("\n.TH repcadence 1 "), "not a man page");
    let man = std::process::Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "")
        .env_remove("MANPAGER")
        .env_remove("PAGER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut man = match man {
        Ok(man) => man,
        Err(e) if std::env::var_os("REPCADENCE_TEST_NEEDS_MAN").is_none() => {
            eprintln!("man not run ({e}): install man-db to render the page");
            return;
        }
        Err(e) => panic!("man: {e}"),
    };
    {
        use std::io::Write;
        let mut stdin = man.stdin.take().expect("stdin");
        stdin.write_all(roff.as_bytes()).expect("write to man");
    }
    let out = man.wait_with_output().expect("man ran");
    // Words as they read, whatever the justification put between them.
    let page = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{warnings}");
    assert_eq!(warnings, "", "man or groff warned");
    for text in [
        "NAME",
        "repcadence - A rep-cadence metronome",
        "SYNOPSIS",
        "--reps <N>",
        "COMMANDS",
        "repcadence journal [OPTIONS] --soreness <1-5> --sleep <1-5>",
        "A failure while running",
        "EXAMPLES",
        "Slow negatives on squats",
        "EXIT STATUS",
        "NO_COLOR",
        "FILES",
    ] {
        assert!(
            page.contains(text),
            "the rendered page lacks {text:?}:\n{page}"
        );
    }
    assert!(
        !page.contains(".SH") && !page.contains("\\f"),
        "roff left in the page"
    );
}

#[test]
fn exit_status_is_0_done_1_runtime_failure_2_bad_usage() {
    let home = Home::new();
    home.write("wav-in-the-way.wav", "x");
    home.write("bad.toml", "[defaults]\nrepz = 8\n");
    let in_the_way = home.path("wav-in-the-way.wav");
    let dir = home.path("");
    let cases: &[(i32, &[&str])] = &[
        (0, &["plan", "4-0-1-0"]),
        (0, &["presets"]),
        (0, &["--version"]),
        (0, &["--help"]),
        (0, &["completions", "zsh"]),
        (0, &["man"]),
        (
            0,
            &[
                "--plain",
                "1-0-1-0",
                "--sets",
                "1",
                "--reps",
                "1",
                "--count-in",
                "0",
            ],
        ),
        // A failure while running: files that cannot be written or read.
        (
            1,
            &[
                "journal",
                "--soreness",
                "2",
                "--sleep",
                "4",
                "--log",
                "/dev/null/log.csv",
            ],
        ),
        (1, &["plan", "--config", "/dev/null/config.toml"]),
        (1, &["plan", "--debug-log", "/dev/null/debug.log"]),
        (
            1,
            &[
                "render",
                "--sets",
                "1",
                "--reps",
                "1",
                "-o",
                "/dev/null/x.wav",
            ],
        ),
        // Bad usage.
        (2, &["--reps", "0"]),
        (2, &["plan", "4-0-1"]),
        (2, &["--frobnicate"]),
        (2, &["--color", "pink"]),
        (2, &["completions"]),
        (2, &["--reps", "5", "plan"]),
        (2, &["plan", "-p", "no-such-preset"]),
        (
            2,
            &[
                "render",
                "--sets",
                "1",
                "-o",
                in_the_way.to_str().expect("utf-8"),
            ],
        ),
    ];
    for (code, args) in cases {
        home.cmd().args(*args).assert().code(*code);
    }
    // A subcommand's usage error shows that subcommand's usage.
    home.cmd()
        .args(["plan", "4-0-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Usage: repcadence plan [OPTIONS] [TEMPO]",
        ));
    // A config file that is not valid, or already there for `config init`.
    home.cmd()
        .args(["plan", "--config"])
        .arg(home.path("bad.toml"))
        .assert()
        .code(2);
    home.cmd()
        .args(["config", "init", "--config"])
        .arg(home.path("bad.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tip: edit it, or move it away"));
    // `--config DIR`: a directory is not a config file, refused before
    // anything opens it (as a FIFO must be, which would block).
    home.cmd()
        .args(["plan", "--config"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "error: --config {} is a directory, not a regular file",
            dir.display()
        )));
}

#[test]
fn color_follows_the_flag_and_no_color_and_never_reaches_a_pipe_unasked() {
    let esc = predicate::str::contains("\x1b[");
    // Bad usage, so clap's error is drawn; stderr is a pipe here.
    for (flag, no_color, coloured) in [
        (None, None, false),
        (Some("--color=auto"), None, false),
        (Some("--color=never"), None, false),
        (Some("--color=always"), None, true),
        (Some("--color=always"), Some("1"), true),
        (None, Some("1"), false),
    ] {
        let mut cmd = repcadence();
        cmd.args(["plan", "4-0-1"]).args(flag);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let assert = cmd.assert().code(2);
        if coloured {
            assert.stderr(esc.clone());
        } else {
            assert.stderr(esc.clone().not());
        }
    }
    // Our own errors (a bad config file) follow it too.
    let home = Home::new();
    home.write("config.toml", "[defaults]\nvolume = 150\n");
    home.cmd()
        .args(["plan", "--color", "always"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("\x1b["));
    home.cmd()
        .arg("plan")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "));
    // Piped output is plain text.
    repcadence()
        .arg("--help")
        .assert()
        .success()
        .stdout(esc.clone().not());
    repcadence()
        .arg("plan")
        .assert()
        .success()
        .stdout(esc.not());
}

/// A debug log that cannot be written is an error at the start (exit 1,
/// naming it), not a silence; a `RUST_LOG` that is no filter is noted in
/// the debug log and never on the screen.
#[test]
fn an_unwritable_debug_log_fails_and_a_bad_rust_log_goes_to_the_debug_log() {
    let home = Home::new();
    home.cmd()
        .args(["plan", "4-0-1-0", "--debug-log", "/dev/full"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: cannot write the debug log /dev/full: No space left on device\n");
    let debug_log = home.path("debug.log");
    home.cmd()
        .args(["plan", "4-0-1-0", "--debug-log"])
        .arg(&debug_log)
        .env("RUST_LOG", "repcadence=nope")
        .assert()
        .success()
        .stderr("");
    let text = std::fs::read_to_string(&debug_log).expect("debug log written");
    assert!(
        text.contains("WARN  repcadence] RUST_LOG=\"repcadence=nope\" was ignored ("),
        "{text}"
    );
    assert!(
        text.contains("INFO  repcadence] repcadence 0.1.0 started"),
        "{text}"
    );
}

/// Output that cannot be written (a full disk: /dev/full) fails with exit
/// 1 and says it was standard output, for help and the version too; a
/// reader that goes away early is still a quiet exit 0.
#[test]
fn output_that_cannot_be_written_names_standard_output_and_exits_1() {
    let full = || {
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let session = [
        "1-0-1-0",
        "--plain",
        "--mute",
        "--no-log",
        "--sets",
        "1",
        "--reps",
        "1",
        "--count-in",
        "0",
    ];
    for args in [
        &["--help"][..],
        &["--version"],
        &["-h"],
        &["plan", "4010"],
        &session,
    ] {
        let out = std_repcadence()
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(full())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: cannot write to standard output: No space left on device\n",
            "{args:?}"
        );
    }
}

/// `help --help` is help (exit 0): the help of `help`, as `help help`
/// gives it; `help plan --help` is `plan`'s.
#[test]
fn help_asked_of_help_is_help() {
    let help_help = repcadence().args(["help", "help"]).output().expect("runs");
    repcadence()
        .args(["help", "--help"])
        .assert()
        .success()
        .stdout(String::from_utf8_lossy(&help_help.stdout).to_string());
    repcadence()
        .args(["help", "plan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: repcadence plan"));
}

#[test]
fn debug_log_writes_diagnostics_to_its_file_and_never_to_the_screen() {
    let home = Home::new();
    let debug_log = home.path("debug.log");
    let session = [
        "1-0-1-0",
        "--plain",
        "--sets",
        "1",
        "--reps",
        "1",
        "--count-in",
        "0",
    ];
    home.cmd()
        .args(session)
        .arg("--debug-log")
        .arg(&debug_log)
        .assert()
        .success()
        .stderr("no audio device: cues are visual only\n");
    let text = std::fs::read_to_string(&debug_log).expect("debug log written");
    for want in [
        "INFO  repcadence] repcadence 0.1.0 started",
        "session: Session {",
        "extra audio offset 0 ms",
        "WARN  repcadence::audio::device] no audio device",
        "session ended: Done",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    // RUST_LOG filters it.
    let quiet_log = home.path("quiet.log");
    home.cmd()
        .args(session)
        .arg("--debug-log")
        .arg(&quiet_log)
        .env("RUST_LOG", "warn")
        .assert()
        .success();
    let text = std::fs::read_to_string(&quiet_log).expect("debug log written");
    assert!(text.contains("WARN") && !text.contains("INFO"), "{text}");
    // Without --debug-log nothing is logged, whatever RUST_LOG says.
    for rust_log in ["trace", "debug"] {
        home.cmd()
            .args(session)
            .env("RUST_LOG", rust_log)
            .assert()
            .success()
            .stderr("no audio device: cues are visual only\n");
    }
}

#[test]
fn doctor_without_a_sound_card_says_so_and_what_to_type_instead() {
    let home = Home::new();
    home.cmd()
        .arg("doctor")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "testing the sound path: 4 cues over 2 s on the default sound device\n",
        ))
        .stderr(
            predicate::str::starts_with("error: no audio device (")
                .and(predicate::str::contains("): cues are visual only\n"))
                .and(predicate::str::contains("run `repcadence doctor` again"))
                .and(predicate::str::contains("add --mute")),
        );
    // The extra offset is checked as a session's is.
    home.cmd()
        .args(["doctor", "--audio-latency", "5000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("5000 is not in 0..=1000"));
}

/// The README's completions and man page lines, run as written in a fresh
/// home with the binary on PATH: every folder they write to is made
/// first, and the man page is found.
#[cfg(unix)]
#[test]
fn the_readme_s_completion_and_man_lines_work_in_a_fresh_home() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme
        .find("## Shell completions and man page")
        .expect("the section");
    let block = &readme[start..];
    let block = &block[block.find("```sh\n").expect("its block") + 6..];
    let block = &block[..block.find("```").expect("its end")];
    let lines: Vec<&str> = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(lines.iter().any(|l| l.contains("completions fish")));
    let home = tempfile::tempdir().expect("home");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_repcadence"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let have_man = std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    for line in lines {
        if line.contains("man repcadence") && !have_man {
            assert!(
                std::env::var_os("REPCADENCE_TEST_NEEDS_MAN").is_none(),
                "man is needed"
            );
            continue;
        }
        let out = std::process::Command::new("sh")
            .args(["-ec", line])
            .env("HOME", home.path())
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env_remove("MANPATH")
            .output()
            .expect("sh runs");
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if line.contains("man repcadence") {
            assert!(String::from_utf8_lossy(&out.stdout).contains("repcadence"));
        }
    }
    assert!(
        home.path()
            .join(".config/fish/completions/repcadence.fish")
            .is_file()
    );
}

/// Seconds are taken as a lifter writes them: `--rest 1:30` rests 90 s,
/// and so do `90s`, `1m30s` and `1.5m`.
#[test]
fn durations_are_taken_as_lifters_write_them() {
    let home = Home::new();
    for rest in ["1:30", "90s", "1m30s", "1.5m", "90"] {
        home.cmd()
            .args([
                "plan", "4-0-1-0", "--sets", "2", "--reps", "1", "--rest", rest,
            ])
            .args(["--count-in", "0:05"])
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "2 sets × 1 rep of 5 s, 90 s rest, 5 s count-in",
            ));
    }
}

/// Any exercise name works: the catalogue's in any spelling, with its own
/// start; any other as typed, starting with the lowering, with one line
/// (and a word when the log holds a name it may be a typo of).
#[test]
fn any_exercise_name_runs_and_an_unknown_one_says_so_once() {
    let home = Home::new();
    let tiny = [
        "0.5-0-0.5-0",
        "--plain",
        "--mute",
        "--sets",
        "1",
        "--reps",
        "1",
        "--count-in",
        "0",
    ];
    for (name, logged, first) in [
        ("deadlift", "deadlift", "lift "),
        ("Overhead Press", "overhead press", "lift "),
        ("push-ups", "push-up", "lower "),
        ("zercher squat", "zercher squat", "lower "),
        ("my odd lift", "my odd lift", "lower "),
    ] {
        let out = home
            .cmd()
            .args(tiny)
            .args(["--exercise", name])
            .assert()
            .success()
            .get_output()
            .clone();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let phase = stdout.lines().next().unwrap_or_default();
        assert!(
            phase.starts_with(&format!("00:00.000 {first}")),
            "{name}: {stdout}"
        );
        let unknown = stderr.matches("is not in the catalogue").count();
        assert_eq!(
            unknown,
            usize::from(name == "my odd lift"),
            "{name}: {stderr}"
        );
        let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
        let last = log.lines().last().unwrap_or_default();
        assert!(last.contains(&format!(",{logged},")), "{name}: {last}");
    }
    // A typo of a name the log holds is pointed out.
    let out = home
        .cmd()
        .args(tiny)
        .args(["--exercise", "my odd lfit"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("your log has my odd lift, not my odd lfit"),
        "{stderr}"
    );
    // `exercises FILTER` lists those that match.
    let out = home
        .cmd()
        .args(["exercises", "press"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("overhead press") && !text.contains("\nsquat "),
        "{text}"
    );
}

/// A partner's lift reads the same everywhere: `plan --json`'s top-level
/// tempo is its blocks', and the table's.
#[test]
fn plan_json_s_tempo_is_its_blocks_for_a_partner_s_lift() {
    let home = Home::new();
    for args in [
        &["plan", "5-0-1-0", "--lift", "manual", "--json"][..],
        &["plan", "5-0-P-0", "--json"][..],
    ] {
        let out = home
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["tempo"], "5-0-P-0", "{args:?}");
        assert_eq!(v["blocks"][0]["tempo"], "5-0-P-0", "{args:?}");
    }
    home.cmd()
        .args(["plan", "5-0-1-0", "--lift", "manual"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tempo 5-0-P-0 ("));
    // The log row and --plain (its changeover names the next block with
    // its tempo) say the same, for a lift waited for and a timed one.
    for lift in ["lift = \"manual\"", "lift = \"P\""] {
        home.write(
            "two.toml",
            &format!(
                "[[blocks]]\nexercise = \"squat\"\ntempo = \"0.5-0-0.5-0\"\nsets = 1\nreps = 1\n\
                 changeover = 1\n\n[[blocks]]\nexercise = \"bench\"\ntempo = \"0.5-0-0.5-0\"\n\
                 {lift}\npartner_lift = 0.5\nsets = 1\nreps = 1\n"
            ),
        );
        let _ = std::fs::remove_file(home.path("log.csv"));
        home.cmd()
            .arg("-w")
            .arg(home.path("two.toml"))
            .args(["--plain", "--mute", "--count-in", "0"])
            .write_stdin("\n\n\n")
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "next: block 2/2 bench 0.5-0-P-0 1 × 1",
            ));
        let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
        let bench = log
            .lines()
            .find(|l| l.contains(",bench,"))
            .expect("bench row");
        assert_eq!(bench.split(',').nth(3), Some("0.5-0-P-0"), "{lift}: {log}");
        let out = home
            .cmd()
            .args(["plan", "--json", "-w"])
            .arg(home.path("two.toml"))
            .assert()
            .success()
            .get_output()
            .clone();
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["blocks"][1]["tempo"], "0.5-0-P-0", "{lift}");
    }
}
