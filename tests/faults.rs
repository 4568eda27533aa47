//! Faults from outside, end to end: the process stopped and continued, the
//! terminal resized again and again, output that closes early, standard
//! input closed, and the stop signals in every phase of a session.
//!
//! Timing is checked only as far as correctness needs it, with tolerances
//! far wider than any scheduling delay (a line "on schedule" arrives within
//! 500 ms of its planned time; the fault it guards against is 3 s). The
//! full-screen runs use tmux (see `common`), each in a server of its own.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::{self, sleep};
use std::time::{Duration, Instant};

use common::{LIMIT, Pane, bin, binary, have_tmux, shows_big};
use repcadence::present::plain;
use repcadence::timing::counting::Counting;
use repcadence::timing::engine::simulate;
use repcadence::timing::plan::Session;
use repcadence::timing::workout::Workout;
use serde_json::Value;

/// How far from its planned time a line may arrive and still be on
/// schedule: generous, for a loaded machine.
const ON_TIME: Duration = Duration::from_millis(500);

/// A home of its own for this test binary, with no real config or log.
fn home() -> PathBuf {
    common::home_named("faults-home")
}

/// `c` kept from the real machine, in this binary's home.
fn isolate(c: &mut Command) -> &mut Command {
    common::isolate(c, &home())
}

/// The binary, isolated.
fn repcadence() -> Command {
    let mut c = Command::new(bin());
    isolate(&mut c);
    c
}

/// `sh -c SCRIPT`, isolated, with the binary's path in `$R`.
fn sh(script: &str) -> Command {
    let mut c = Command::new("sh");
    isolate(&mut c).env("R", bin()).arg("-c").arg(script);
    c
}

/// Sends `signal` (a name: STOP, CONT, INT…) to process `pid`.
fn kill(signal: &str, pid: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid)
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid}");
}

/// All of `child`'s piped stderr, once it has ended.
fn stderr_of(child: &mut Child) -> String {
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut err)
        .expect("stderr");
    err
}

/// Waits for `child` at most [`LIMIT`]; kills it (and fails) if it hangs.
fn wait_limited(child: &mut Child, what: &str) -> std::process::ExitStatus {
    let until = Instant::now() + LIMIT;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {LIMIT:?}");
        }
        sleep(Duration::from_millis(20));
    }
}

/// The planned time a `--plain` line starts with (`00:07.000`), in ms.
fn planned_ms(line: &str) -> Option<u64> {
    let clock = line.split(' ').next()?;
    let (m, rest) = clock.split_once(':')?;
    let (s, ms) = rest.split_once('.')?;
    if ms.len() != 3 {
        return None;
    }
    Some((m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?) * 1000 + ms.parse::<u64>().ok()?)
}

fn secs(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// SIGSTOP for 3 s mid-set, then SIGCONT: the session catches up at once,
/// printing every line it crossed while stopped, in order, each once, with
/// its planned time, then goes on at the planned times (not 3 s late).
#[test]
fn plain_stopped_for_3_s_mid_set_catches_up_and_stays_on_schedule() {
    let args = ["2-0-1-0", "--sets", "1", "--reps", "3", "--count-in", "1"];
    // What the lines must be: the session's events, as --plain words them.
    let session = Session {
        tempo: "2-0-1-0".parse().expect("tempo"),
        reps: 3,
        sets: 1,
        count_in_ms: 1000,
        ..Session::default()
    };
    let events = simulate(&session, Instant::now());
    let want: Vec<String> = events
        .iter()
        .flat_map(|e| plain::lines(e, &Workout::single(session.clone()), Counting::Up))
        .collect();
    // The same session as the command line resolves it: each phase line at
    // the time `plan --json` gives.
    let plan = repcadence().arg("plan").args(args).arg("--json").output();
    let plan: Value = serde_json::from_slice(&plan.expect("plan").stdout).expect("json");
    let phases: Vec<(u64, String)> = plan["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            let t = e["t"].as_f64().expect("t");
            let ms = u64::try_from(Duration::from_secs_f64(t).as_millis()).expect("ms");
            (ms, e["phase"].as_str().expect("phase").to_string())
        })
        .collect();
    let shown: Vec<(u64, String)> = want
        .iter()
        .filter_map(|l| {
            let word = l.split_whitespace().nth(1)?;
            let phase = ["count_in", "lift", "lower", "rest", "done"].contains(&word);
            phase.then(|| (planned_ms(l).expect("time"), word.to_string()))
        })
        .collect();
    assert_eq!(shown, phases, "the plain lines' phases are plan --json's");

    let mut child = repcadence()
        .args(args)
        .args(["--plain", "--mute", "--no-log"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    let reader = thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("a line");
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let mut got: Vec<(Instant, String)> = Vec::new();
    let next = |got: &mut Vec<(Instant, String)>| {
        let item = rx.recv_timeout(LIMIT).expect("a line within the limit");
        got.push(item);
        got.last().expect("pushed").1.clone()
    };
    // Stop half a second into the first lowering (planned 2.0 s to 4.0 s).
    while !next(&mut got).contains("lower  set 1/1  rep 1/3") {}
    sleep(Duration::from_millis(500));
    kill("STOP", &pid);
    let stopped = Instant::now();
    sleep(Duration::from_secs(3));
    let continued = Instant::now();
    kill("CONT", &pid);
    let status = wait_limited(&mut child, "the stopped session");
    reader.join().expect("reader");
    got.extend(rx.try_iter());
    let err = stderr_of(&mut child);

    assert!(status.success(), "{status:?}, stderr: {err}");
    assert_eq!(err, "", "nothing on stderr");
    let lines: Vec<&str> = got.iter().map(|(_, l)| l.as_str()).collect();
    let (events, summary) = lines.split_at(want.len().min(lines.len()));
    assert_eq!(events, want, "every event once, in order, none lost");
    // A stop is not a pause: the session's own time ran on through it.
    assert_eq!(
        summary,
        [
            "1 of 1 set done, 3 reps, TUT 9.0 s, session 10 s",
            "  set 1: 3/3 reps, TUT 9.0 s"
        ]
    );

    // Where session time 0 fell: a line arrives at its time or after, so
    // the earliest arrival less its planned time is the best estimate.
    let timed: Vec<(Instant, u64)> = got
        .iter()
        .filter_map(|(at, l)| Some((*at, planned_ms(l)?)))
        .collect();
    let origin = timed
        .iter()
        .filter(|(at, _)| *at < stopped)
        .filter_map(|(at, ms)| at.checked_sub(secs(*ms)))
        .min()
        .expect("lines before the stop");
    let session_time = |at: Instant| at.saturating_duration_since(origin);
    let (stop, cont) = (session_time(stopped), session_time(continued));
    let margin = Duration::from_millis(200);
    let mut crossed = 0;
    for (at, ms) in &timed {
        let planned = secs(*ms);
        let due = origin + planned;
        let late = at.saturating_duration_since(due);
        if planned + margin < stop || planned > cont + margin {
            assert!(
                late <= ON_TIME && *at + ON_TIME >= due,
                "the line planned at {planned:?} arrived {:?} after it (stopped {stop:?} to {cont:?})",
                at.saturating_duration_since(due)
            );
        } else if planned > stop + margin && planned + margin < cont {
            crossed += 1;
            assert!(
                *at >= continued && *at <= continued + ON_TIME,
                "the line planned at {planned:?}, crossed while stopped, arrived {:?} after SIGCONT",
                at.saturating_duration_since(continued)
            );
        }
    }
    // Count 1 and 2, rep 2's lift and lowering fell in the stop.
    assert!(
        crossed >= 3,
        "{crossed} lines crossed while stopped: {lines:?}"
    );
}

/// Whether process `pid` is stopped (state T in /proc), polled for at most
/// [`LIMIT`]; `None` where there is no /proc to ask.
fn stopped_within_limit(pid: &str) -> Option<bool> {
    let stat = Path::new("/proc").join(pid).join("stat");
    if !stat.exists() {
        return None;
    }
    let until = Instant::now() + LIMIT;
    loop {
        let text = std::fs::read_to_string(&stat).unwrap_or_default();
        // The state follows the command name in parentheses.
        let state = text.rsplit_once(") ").and_then(|(_, r)| r.chars().next());
        if state == Some('T') {
            return Some(true);
        }
        if Instant::now() > until {
            return Some(false);
        }
        sleep(Duration::from_millis(20));
    }
}

/// `--plain` leaves SIGTSTP its default action: the process stops (there
/// is no terminal to give back), and once continued the session runs on
/// to its end with exit 0, as after SIGSTOP. The program runs in a process
/// group of its own, whose parent (this test) is outside it: the kernel
/// drops SIGTSTP sent to an orphaned group, as the test's own may be when
/// `cargo test` runs in the background.
#[test]
fn plain_sigtstp_stops_the_process_and_sigcont_runs_it_on() {
    use std::os::unix::process::CommandExt;
    let mut child = repcadence()
        .args(["1-0-1-0", "--sets", "1", "--reps", "2", "--count-in", "0"])
        .args(["--plain", "--mute", "--no-log"])
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id().to_string();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("a first line");
    assert!(first.contains("lift  set 1/1  rep 1/2"), "{first}");
    kill("TSTP", &pid);
    let stopped = stopped_within_limit(&pid);
    kill("CONT", &pid);
    let status = wait_limited(&mut child, "the session after SIGCONT");
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("stdout");
    let err = stderr_of(&mut child);
    assert_ne!(stopped, Some(false), "SIGTSTP did not stop it");
    assert!(status.success(), "{status:?}\n{rest}\n{err}");
    assert!(rest.contains("1 of 1 set done, 2 reps"), "{rest}");
}

/// Runs `script` with `sh`, its stdout read up to the first line and then
/// closed, as `| head -1` does. Returns that line, the program's exit
/// status (the script writes it to the file `$S`) and its stderr.
fn first_line_then_close(script: &str) -> (String, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let status_file = dir.path().join("status");
    let mut child = sh(script)
        .env("S", &status_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sh");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("first line");
    drop(out);
    let status = wait_limited(&mut child, script);
    let err = stderr_of(&mut child);
    assert!(status.success(), "sh: {status:?}");
    let code = std::fs::read_to_string(&status_file).expect("the status file");
    (first, code.trim().to_string(), err)
}

/// Output that closes early (`| head -1`) ends the program quietly: no
/// panic, nothing on stderr, exit status 0. Zero, not 141 (death by
/// SIGPIPE): the reader had all it wanted, which is no failure, so
/// `set -o pipefail` scripts that cut the output short keep working.
/// Checked the way `| head -1` does it (the reader leaves after a line)
/// and with a pipe whose reader has gone before the first write (every
/// write fails at once, whatever the timing).
#[test]
fn output_that_closes_early_is_a_quiet_exit_0() {
    let session = "\"$R\" 1-0-1-0 --plain --mute --no-log --count-in 1 --sets 5";
    let cases = [
        (
            session.to_string(),
            "00:00.000 count_in  get ready for set 1/5  1.0 s",
        ),
        (
            "\"$R\" plan 4-0-1-0".to_string(),
            "tempo 4-0-1-0 (lower 4 s",
        ),
        (
            "\"$R\" plan 4-0-1-0 --json".to_string(),
            "{\"tempo\":\"4-0-1-0\"",
        ),
    ];
    for (command, first) in &cases {
        let script = format!("{{ {command}; echo $? > \"$S\"; }} | head -1");
        let (line, code, err) = first_line_then_close(&script);
        assert!(line.starts_with(first), "{script}: first line {line:?}");
        assert_eq!(code, "0", "{script}: exit status");
        assert_eq!(err, "", "{script}: stderr");
    }
    for args in [
        &[
            "1-0-1-0",
            "--plain",
            "--mute",
            "--no-log",
            "--count-in",
            "1",
        ][..],
        &["plan", "4-0-1-0"],
        &["plan", "4-0-1-0", "--json"],
        &["plan", "4-0-1-0", "--sets", "50", "--reps", "100"],
    ] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut child = repcadence()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let status = wait_limited(&mut child, &format!("{args:?}"));
        let err = stderr_of(&mut child);
        assert_eq!(
            status.code(),
            Some(0),
            "{args:?}: {status:?}, stderr: {err}"
        );
        assert_eq!(err, "", "{args:?}: stderr");
    }
}

/// Standard input closed (fd 0 not open at all): a session runs `--plain`
/// to its end; one with a partner's lift stops at that lift, says why and
/// exits 1 (it used to wait forever for an Enter that could not come), and
/// the set so far is in the log.
#[test]
fn closed_stdin_runs_plain_and_a_partners_lift_stops_instead_of_hanging() {
    let out =
        sh("exec <&-; exec \"$R\" 1-0-1-0 --plain --mute --no-log --count-in 0 --sets 1 --reps 1")
            .output()
            .expect("sh");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(text.contains("00:02.000 done\n1 of 1 set done"), "{text}");

    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log.csv");
    let mut child = sh(
        "exec <&-; exec \"$R\" -p overload --lift manual --sets 1 --start lower --lower 1 --reps 2 \
         --count-in 0 --plain --mute --log \"$L\"",
    )
    .env("L", &log)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn");
    let status = wait_limited(&mut child, "a partner's lift with stdin closed");
    let mut out = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("stdout");
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(1), "{status:?}\n{out}\n{err}");
    assert!(
        out.starts_with(
            "00:00.000 lower  set 1/1  rep 1/2  1.0 s\n\
             00:00.000 count 1\n\
             00:01.000 lift  set 1/1  rep 1/2  partner lifts: press Enter to lower\n\
             stopped: 0 of 1 set done, 0 reps, TUT 1.0 s"
        ),
        "{out}"
    );
    assert!(
        err.starts_with("error: standard input ended while the partner's lift waited for Enter"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let rows = std::fs::read_to_string(&log).expect("the log");
    let row = rows.lines().nth(1).expect("a row");
    assert!(row.contains(",overload,1-0-P-0,1,2,0,1,1,"), "{row}");
}

/// In a terminal, with stdin closed: the session cannot read keys, so it
/// runs `--plain` and says so (as it does for stdin from a file).
#[test]
fn closed_stdin_in_a_terminal_falls_back_to_plain() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("stdin-closed");
    pane.line(&format!(
        "sh -c 'exec <&-; exec {} 1-0-1-0 --sets 1 --reps 1 --count-in 0 --mute --no-log'; \
         echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    let screen = pane.wait_for("the plain lines", |s| s.contains("1 of 1 set done"));
    assert!(
        screen.contains("standard input is not a terminal, so keys cannot be read"),
        "{screen}"
    );
    assert!(
        screen.contains("00:00.000 lift  set 1/1  rep 1/1"),
        "{screen}"
    );
    assert!(!screen.contains("panicked"), "{screen}");
}

/// The terminal resized 200 times in 2 s, down to 1×1 and up to 300
/// columns: no crash, the view redrawn whole at the last size, q quits with
/// status 0 and the terminal is sane.
#[test]
fn resized_200_times_in_2_s_the_view_fits_the_last_size() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("resize");
    pane.line(&format!(
        "{} 3-0-1-0 --count-in 3 --mute --no-log; echo rc=$? > {}; stty -a > {}",
        binary(),
        pane.path("rc"),
        pane.path("stty")
    ));
    pane.wait_for("the view", |s| s.contains("· tempo 3-0-1-0"));
    let sizes = [
        (1, 1),
        (200, 60),
        (10, 3),
        (40, 12),
        (120, 40),
        (3, 50),
        (300, 5),
        (80, 24),
        (2, 2),
    ];
    let began = Instant::now();
    for i in 0..200u32 {
        let (w, h) = sizes[i as usize % sizes.len()];
        let out = pane.tmux(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
        assert!(out.status.success(), "resize-window: {out:?}");
        // Paced to 2 s in all; a slow machine just takes longer.
        let due = began + Duration::from_millis(10 * u64::from(i + 1));
        sleep(due.saturating_duration_since(Instant::now()));
    }
    // A last size that none of the others had; the header's MUTED ends one
    // column short of the right edge, as in the view's snapshots.
    let (w, h) = (97, 31);
    let out = pane.tmux(&["resize-window", "-t", "t", "-x", "97", "-y", "31"]);
    assert!(out.status.success(), "resize-window: {out:?}");
    let screen = pane.wait_for("the view at 97×31", |s| {
        let lines: Vec<&str> = s.lines().collect();
        lines.len() == h
            && lines[0].starts_with("  set 1/3 ")
            && lines[0].ends_with("MUTED")
            && lines[0].chars().count() == w - 1
            && lines[h - 1].starts_with("  space pause")
            && ["GET READY", "LIFT", "LOWER"]
                .iter()
                .any(|p| shows_big(s, p))
    });
    // The progress bar, above the next phase, the TUT line and the keys,
    // spans the width less its margins: drawn for 97 columns.
    let bar = screen.lines().nth(h - 4).expect("the bar's line");
    assert!(bar.starts_with("  ") && !bar.starts_with("   "), "{screen}");
    assert!(bar.trim().chars().all(|c| c == '█' || c == '░'), "{screen}");
    assert_eq!(bar.trim().chars().count(), w - 4, "{screen}");
    pane.keys(&["q", "q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    pane.assert_sane("stty");
    pane.wait_for("the summary after the view", |s| {
        s.contains("0 of 3 sets done")
    });
}

/// The session the signal runs use: all four phases 1.5 s, starting with
/// the lift, 2 sets of 2 reps, 3 s of count-in and of rest.
const SIGNAL_SESSION: [&str; 9] = [
    "1.5-1.5-1.5-1.5",
    "--sets",
    "2",
    "--reps",
    "2",
    "--rest",
    "3",
    "--count-in",
    "3",
];

/// One signal run: the phase (as `plan --json` names it) to stop in, in
/// set 1's second rep (or the count-in, or the rest after set 1); when it
/// starts and how long it lasts, in session seconds; and the time under
/// tension of set 1 when it starts.
#[derive(Debug, Clone)]
struct Target {
    phase: String,
    start: f64,
    length: f64,
    tut_before: f64,
}

/// The targets, from `plan --json`: one per phase a session goes through.
fn signal_targets() -> Vec<Target> {
    let out = repcadence()
        .arg("plan")
        .args(SIGNAL_SESSION)
        .arg("--json")
        .output()
        .expect("plan");
    let plan: Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut targets = Vec::new();
    let mut tut = 0.0;
    for e in plan["events"].as_array().expect("events") {
        let phase = e["phase"].as_str().expect("phase").to_string();
        let length = e["duration"].as_f64().unwrap_or(0.0);
        let (set, rep) = (e["set"].as_u64(), e["rep"].as_u64());
        let wanted = match phase.as_str() {
            "count_in" => true,
            "rest" => e["after_set"].as_u64() == Some(1),
            _ => set == Some(1) && rep == Some(2),
        };
        if wanted {
            targets.push(Target {
                phase: phase.clone(),
                start: e["t"].as_f64().expect("t"),
                length,
                tut_before: tut,
            });
        }
        if set == Some(1) {
            tut += length;
        }
    }
    let phases: Vec<&str> = targets.iter().map(|t| t.phase.as_str()).collect();
    assert_eq!(
        phases,
        [
            "count_in",
            "lift",
            "top_pause",
            "lower",
            "bottom_pause",
            "rest"
        ]
    );
    targets
}

/// Runs the session full-screen in a tmux pane of its own, sends `signal`
/// halfway through `target`, and checks the exit status, the terminal, the
/// summary and the training log. Returns what went wrong, if anything.
fn stop_with_signal(signal: &str, number: i32, target: &Target) -> Result<(), String> {
    let pane = Pane::start(&format!("sig-{signal}-{}", target.phase));
    let log = pane.path("log.csv");
    pane.line(&format!(
        "sh -c 'echo $$ > {}; exec {} {} --mute --log {log}'; echo rc=$? > {}; stty -a > {}",
        pane.path("pid"),
        binary(),
        SIGNAL_SESSION.join(" "),
        pane.path("rc"),
        pane.path("stty")
    ));
    // The view is drawn as the session's clock starts (one audio latency,
    // 56 ms, before its time 0): the session time from here on.
    let began = Instant::now();
    while !pane.screen().contains("· tempo 1.5-1.5-1.5-1.5") {
        if began.elapsed() > LIMIT {
            let file = |name: &str| std::fs::read_to_string(pane.dir.join(name)).ok();
            return Err(format!(
                "no view after {LIMIT:?}: pid file {:?}, rc file {:?}, the screen:\n{}",
                file("pid"),
                file("rc"),
                pane.screen()
            ));
        }
        sleep(Duration::from_millis(50));
    }
    let origin = Instant::now();
    let pid = pane.wait_file("pid");
    let at = target.start + target.length / 2.0;
    sleep(Duration::from_secs_f64(at).saturating_sub(origin.elapsed()));
    let sent = origin.elapsed().as_secs_f64();
    kill(signal, pid.trim());
    let rc = pane.wait_file("rc");
    let want = format!("rc={}\n", 128 + number);
    if rc != want {
        return Err(format!("exit status {rc:?}, want {want:?}"));
    }
    pane.assert_sane("stty");
    let screen = pane.wait_for("the summary after a stop", |s| {
        s.lines().any(|l| l.starts_with("stopped: "))
    });
    let summary = screen
        .lines()
        .find(|l| l.starts_with("stopped: "))
        .unwrap_or_default()
        .to_string();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let tut = |r: &[&str]| r.get(7).and_then(|t| t.parse::<f64>().ok()).unwrap_or(-1.0);
    let (reps, sets) = match target.phase.as_str() {
        // Nothing done yet: nothing to log.
        "count_in" => {
            if !rows.is_empty() {
                return Err(format!(
                    "the log has rows after a stop in the count-in:\n{text}"
                ));
            }
            (0, 0)
        }
        // Set 1 is done and logged once; nothing of set 2 was.
        "rest" => {
            let [row] = rows.as_slice() else {
                return Err(format!("want set 1's row alone in the log:\n{text}"));
            };
            if row[4..7] != ["1", "2", "2"] || tut(row) != 12.0 {
                return Err(format!("set 1 logged as {row:?}"));
            }
            (2, 1)
        }
        // Set 1 stopped in its second rep: one rep done, and the time under
        // tension up to the signal.
        _ => {
            let [row] = rows.as_slice() else {
                return Err(format!("want the partial set alone in the log:\n{text}"));
            };
            let (low, high) = (target.tut_before, target.tut_before + target.length);
            if row[4..7] != ["1", "2", "1"] || !(low..high).contains(&tut(row)) {
                return Err(format!(
                    "the partial set logged as {row:?}, want 1 of 2 reps and TUT in \
                     {low}-{high} s (signal sent {sent:.2} s into the session)"
                ));
            }
            (1, 0)
        }
    };
    let rep_word = if reps == 1 { "rep" } else { "reps" };
    let head = format!("stopped: {sets} of 2 sets done, {reps} {rep_word}, TUT ");
    if !summary.starts_with(&head) {
        return Err(format!(
            "the summary {summary:?}, want it to start {head:?}"
        ));
    }
    // And the session's time when it stopped (whole seconds) is in the phase.
    let session = summary
        .rsplit_once(", session ")
        .and_then(|(_, t)| t.strip_suffix(" s"))
        .and_then(|t| t.parse::<f64>().ok());
    let (from, to) = (target.start.floor(), (target.start + target.length).ceil());
    if !session.is_some_and(|t| (from..=to).contains(&t)) {
        return Err(format!(
            "the summary {summary:?}: want a session time in {from}-{to} s"
        ));
    }
    Ok(())
}

/// SIGINT, SIGTERM and SIGHUP halfway through each phase of a full-screen
/// session (count-in, lift, top pause, lowering, bottom pause, rest): the
/// terminal is given back, the exit status is 128 + N, the summary says
/// what was done and the training log has the set so far (nothing in the
/// count-in; set 1 alone, once, in the rest). The 18 runs go at once, each
/// in its own tmux server.
#[test]
fn stop_signals_in_every_phase_restore_the_terminal_and_log_the_set() {
    if !have_tmux() {
        return;
    }
    let targets = signal_targets();
    let runs: Vec<_> = [("INT", 2), ("TERM", 15), ("HUP", 1)]
        .into_iter()
        .flat_map(|(signal, number)| {
            targets.iter().map(move |target| {
                let target = target.clone();
                let name = format!("SIG{signal} in {}", target.phase);
                let run = thread::spawn(move || stop_with_signal(signal, number, &target));
                (name, run)
            })
        })
        .collect();
    let mut failed = Vec::new();
    for (name, run) in runs {
        match run.join() {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failed.push(format!("{name}: {why}")),
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failed.push(format!("{name}: {why}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}
