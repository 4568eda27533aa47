//! The command-line contract, end to end: exit codes, messages, output.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn repcadence() -> Command {
    Command::cargo_bin("repcadence").expect("binary built")
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
        (&["--lift", "fast"], "give seconds like 1, X or manual"),
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
             00:02.000 count 1\n\
             00:02.000 set_done  set 1/1  1/1 reps  TUT 2.0 s\n\
             00:02.000 done\n",
        ))
        .stdout(predicate::str::contains(
            "1 of 1 sets done, 1 reps, TUT 2.0 s",
        ));
}

#[test]
fn output_that_closes_early_is_a_quiet_exit() {
    let out = std::process::Command::new("sh")
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
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("repcadence"))
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

#[test]
fn with_no_sound_device_plain_says_so_once_and_alsa_says_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An ALSA setup whose default device is a card that does not exist.
    let conf = dir.path().join("asound.conf");
    std::fs::write(
        &conf,
        "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n",
    )
    .expect("write");
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
        .env("ALSA_CONFIG_PATH", &conf)
        .env("HOME", dir.path())
        .assert()
        .success()
        .stderr("repcadence: no audio device: cues are visual only\n")
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
        .stderr(predicate::str::contains("wrote"));
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
