//! Hands on the bar, end to end: the partner's lift timed with no key,
//! the set ended at failure with one key (or a line `f` in `--plain`), a
//! remote's PageDown skipping a rest, and no single stray key ending the
//! session. The full-screen runs use tmux (see `common`).

mod common;

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{LIMIT, Pane, bin, binary, converse, have_tmux, isolate, shows_big};

/// `log --csv` of the log at `log`: its sets as they now stand.
fn sets_now(log: &std::path::Path) -> String {
    let out = Command::new(bin())
        .arg("--log")
        .arg(log)
        .args(["log", "--csv"])
        .output()
        .expect("log --csv");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The training log's rows (after its header), when there are some.
fn rows(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| t.lines().skip(1).map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn overload_runs_from_start_to_finish_with_no_key_pressed() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("handsfree");
    let log = pane.path("log.csv");
    pane.line(&format!(
        "{} -p overload --exercise bench --lower 1 --partner-lift 1 --sets 2 --reps 2 \
         --rest 1 --count-in 0 --mute --log {log}; echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    pane.wait_for("the partner's lift, timed", |s| {
        shows_big(s, "PARTNER") || s.contains("a key starts the lowering")
    });
    pane.wait_for("the summary, with no key pressed", |s| {
        shows_big(s, "DONE") || s.contains("2 of 2 sets done")
    });
    pane.keys(&["Enter"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    let rows = rows(&log);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains(",bench,overload,1-0-P-0,1,2,2,2,1,"),
        "{rows:?}"
    );
}

#[test]
fn f_ends_set_1_of_3_and_the_log_row_says_where() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("failure");
    let log = pane.path("log.csv");
    pane.line(&format!(
        "{} 4-0-1-0 --exercise curl --sets 3 --reps 8 --rest 60 --count-in 0 --mute \
         --log {log}; echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    // Into rep 2's lowering (rep 1 is 0-5 s: lift 1 s, lower 4 s).
    pane.wait_for("rep 2", |s| s.contains("rep 2/8"));
    pane.wait_for("its lowering", |s| shows_big(s, "LOWER"));
    pane.keys(&["f"]);
    pane.wait_for("the rest after set 1", |s| shows_big(s, "REST"));
    let began = Instant::now();
    while rows(&log).is_empty() && began.elapsed() < LIMIT {
        sleep(Duration::from_millis(50));
    }
    let rows = rows(&log);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let fields: Vec<&str> = rows[0].split(',').collect();
    assert_eq!(
        &fields[1..7],
        ["curl", "", "4-0-1-0", "1", "8", "1"],
        "{rows:?}"
    );
    assert_eq!(&fields[18..20], ["2", "lower"], "{rows:?}");
    assert_eq!(fields[21], "failure", "{rows:?}");
    assert_eq!(fields[10], "", "the note is the lifter's alone: {rows:?}");
    // PageDown, as a presentation remote sends it, skips the rest.
    pane.keys(&["NPage"]);
    pane.wait_for("set 2 under way", |s| s.contains("set 2/3 · rep 1/8"));
    pane.keys(&["q", "q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
}

#[test]
fn a_single_q_or_esc_does_not_end_the_session() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("strays");
    pane.line(&format!(
        "{} 4-0-1-0 --count-in 60 --mute --no-log; echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    pane.wait_for("GET READY", |s| shows_big(s, "GET READY"));
    pane.keys(&["q"]);
    pane.wait_for("the question", |s| {
        s.contains("quit? q again to leave, any other key to go on")
    });
    pane.keys(&["x"]);
    pane.wait_for("going on", |s| {
        shows_big(s, "GET READY") && !s.contains("quit?")
    });
    // Esc pauses (a remote sends it and F5 from one button), and again
    // resumes: it never quits.
    pane.keys(&["Escape"]);
    pane.wait_for("paused", |s| shows_big(s, "PAUSED"));
    pane.keys(&["Escape"]);
    pane.wait_for("running again", |s| shows_big(s, "GET READY"));
    assert!(!std::path::Path::new(&pane.path("rc")).exists(), "it ended");
    pane.keys(&["q", "q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
}

#[test]
fn a_line_f_on_standard_input_ends_the_set_in_plain() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log.csv");
    // Set 1 (10+ reps): `f` once its 3rd rep has begun; set 2: in its 2nd.
    let (status, lines) = converse(
        isolate(&mut Command::new(bin()), dir.path())
            .arg("--log")
            .arg(&log)
            .args(["1-0-1-0", "--reps", "10+", "--sets", "2", "--rest", "1"])
            .args(["--count-in", "0", "--plain", "--mute"]),
        |line| {
            (line.contains("lift  set 1/2  rep 3/10") || line.contains("lift  set 2/2  rep 2/10"))
                .then_some(&b"f\n"[..])
        },
    );
    let text = lines.join("\n");
    assert!(status.success(), "{text}");
    let done: Vec<&str> = text.lines().filter(|l| l.contains("set_done")).collect();
    assert_eq!(done.len(), 2, "{text}");
    assert!(done[0].contains("set 1/2  2/10 reps"), "{text}");
    assert!(done[0].contains("ended in rep 3"), "{text}");
    assert!(text.contains("2 of 2 sets done"), "{text}");
    let log = std::fs::read_to_string(&log).expect("log");
    assert_eq!(log.lines().count(), 3, "{log}");
    assert!(
        log.lines().nth(1).is_some_and(|r| r.contains(",1,10,2,")),
        "{log}"
    );
}

/// After a set, the rest shows what was logged, `-` takes a rep off and
/// `f` marks it failed: the log holds the set and each correction after
/// it, and `log --csv` gives the set as corrected.
#[test]
fn in_the_rest_minus_and_f_correct_the_set_just_logged() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("correct");
    let log = pane.path("log.csv");
    pane.line(&format!(
        "{} 1-0-0.5-0 --exercise dip --sets 2 --reps 3 --rest 60 --count-in 0 --mute \
         --log {log}; echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    pane.wait_for("the rest after set 1", |s| {
        s.contains("logged set 1: 3/3 reps · + - reps · f failed")
    });
    pane.keys(&["-"]);
    pane.wait_for("one rep fewer", |s| {
        s.contains("set 1: 2/3 reps (corrected)")
    });
    pane.keys(&["f"]);
    pane.wait_for("to failure", |s| {
        s.contains("set 1: 2/3 reps · to failure (corrected)")
    });
    pane.keys(&["q", "q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    assert_eq!(rows(&log).len(), 3, "the set and two corrections");
    let csv = sets_now(log.as_ref());
    let sets: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(sets.len(), 1, "{csv}");
    assert!(
        sets[0].contains(",dip,,1-0-0.5-0,1,3,2,")
            && sets[0].contains(",failure,normal,corrected,"),
        "{csv}"
    );
}

/// In `--plain`, a line `reps N` during the rest corrects the set just
/// logged; the set's line said how.
#[test]
fn in_plain_a_line_reps_n_in_the_rest_corrects_the_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log.csv");
    let (status, lines) = converse(
        isolate(&mut Command::new(bin()), dir.path())
            .arg("--log")
            .arg(&log)
            .args([
                "0.2-0-0.2-0",
                "--exercise",
                "dip",
                "--sets",
                "2",
                "--reps",
                "3",
            ])
            .args(["--rest", "2", "--count-in", "0", "--mute", "--plain"]),
        |line| {
            line.contains("set_done  set 1/2")
                .then_some(&b"reps 2\n"[..])
        },
    );
    assert!(status.success());
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(" logged  set 1: 2/3 reps (corrected)")),
        "{lines:?}"
    );
    let csv = sets_now(&log);
    let reps: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(6))
        .collect();
    assert_eq!(reps, ["2", "3"], "{csv}");
}
