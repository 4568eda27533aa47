//! The full-screen view end to end, as a person uses it: the real binary in
//! a shell in a tmux pane of 80×24, keys typed with `send-keys`, the screen
//! read with `capture-pane`. Afterwards the pane's terminal must be sane
//! again: `echo` and `icanon` on, the cursor visible, the main screen back.
//!
//! Needs tmux (CI installs it). Every wait polls with a time limit; nothing
//! asserts on wall-clock timing.

mod common;

use std::process::Command;

use common::{Pane, binary, have_tmux, shows_a_count, shows_big};
use repcadence::ui::big::{self, Scale};

#[test]
fn keys_pause_and_quit_and_the_terminal_is_sane_after() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("keys");
    pane.line(&format!(
        "{} 4-0-1-0 --count-in 30; echo rc=$? > {}; stty -a > {}",
        binary(),
        pane.path("rc"),
        pane.path("stty")
    ));
    pane.wait_for("GET READY and a count in big glyphs", |s| {
        shows_big(s, "GET READY") && shows_a_count(s, 1, 30)
    });
    pane.keys(&["Space"]);
    pane.wait_for("PAUSED in big glyphs", |s| {
        shows_big(s, "PAUSED") && s.contains("space resumes")
    });
    pane.keys(&["?"]);
    pane.wait_for("the key help", |s| s.contains("restart the set"));
    pane.keys(&["?"]);
    pane.keys(&["q", "q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    pane.assert_sane("stty");
    pane.wait_for("the summary printed after the view", |s| {
        s.contains("0 of 3 sets done")
    });
}

#[test]
fn sigterm_mid_session_restores_the_terminal_and_exits_143() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("term");
    pane.line(&format!(
        "sh -c 'echo $$ > {}; exec {} 4-0-1-0 --count-in 1'; echo rc=$? > {}; stty -a > {}",
        pane.path("pid"),
        binary(),
        pane.path("rc"),
        pane.path("stty")
    ));
    pane.wait_for("a phase word in big glyphs", |s| {
        ["LIFT", "LOWER"].iter().any(|w| shows_big(s, w))
    });
    let pid = pane.wait_file("pid");
    let kill = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    assert_eq!(pane.wait_file("rc"), "rc=143\n");
    pane.assert_sane("stty");
    pane.wait_for("the summary after a stop", |s| s.contains("stopped: "));
}

#[test]
fn ctrl_z_suspends_cleanly_and_fg_brings_the_view_back() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("suspend");
    pane.line(&format!("{} 4-0-1-0 --count-in 30", binary()));
    pane.wait_for("GET READY in big glyphs", |s| shows_big(s, "GET READY"));
    pane.keys(&["C-z"]);
    pane.wait_for("the shell's job notice", |s| s.contains("Stopped"));
    pane.line(&format!("stty -a > {}", pane.path("stty")));
    pane.assert_sane("stty");
    pane.line("fg");
    pane.wait_for("the view again, paused", |s| shows_big(s, "PAUSED"));
    pane.keys(&["q", "q"]);
    pane.wait_for("the summary printed after the view", |s| {
        s.contains("0 of 3 sets done")
    });
    pane.line(&format!(
        "echo rc=$? > {}; stty -a > {}",
        pane.path("rc"),
        pane.path("stty2")
    ));
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    pane.assert_sane("stty2");
}

/// SIGSTOP cannot be caught, so the view cannot give the terminal back
/// first; but when it is continued (SIGCONT) it takes the terminal again,
/// whatever was done to it meanwhile: here `stty sane` put it back in
/// cooked mode, and after `fg` the view is whole and `q` alone quits.
#[test]
fn after_sigstop_and_fg_the_view_takes_the_terminal_again() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("sigstop");
    pane.line(&format!(
        "sh -c 'echo $$ > {}; exec {} 4-0-1-0 --count-in 30 --mute --no-log'",
        pane.path("pid"),
        binary(),
    ));
    pane.wait_for("GET READY in big glyphs", |s| shows_big(s, "GET READY"));
    let pid = pane.wait_file("pid");
    let stop = Command::new("kill")
        .args(["-STOP", pid.trim()])
        .status()
        .expect("kill runs");
    assert!(stop.success());
    pane.wait_for("the shell's job notice", |s| s.contains("Stopped"));
    // C-j: the terminal was left raw, where Enter is no newline.
    pane.keys(&["-l", "stty sane; fg"]);
    pane.keys(&["C-j"]);
    pane.wait_for("the view drawn whole again", |s| {
        shows_big(s, "GET READY") && !s.contains("Stopped") && !s.contains("stty")
    });
    pane.keys(&["q", "q"]);
    pane.wait_for("the summary after q", |s| s.contains("0 of 3 sets done"));
    pane.line(&format!(
        "echo rc=$? > {}; stty -a > {}",
        pane.path("rc"),
        pane.path("stty")
    ));
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    pane.assert_sane("stty");
}

#[test]
fn big_glyphs_are_recognised_only_when_aligned() {
    let lines = big::lines("LIFT", Scale { sx: 2, sy: 1 }).expect("glyphs");
    let screen: String = lines.iter().map(|l| format!("  {l}\n")).collect();
    assert!(shows_big(&screen, "LIFT"));
    assert!(!shows_big(&screen, "LOWER"));
    let skewed: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}\n", " ".repeat(i)))
        .collect();
    assert!(!shows_big(&skewed, "LIFT"));
}

#[test]
fn without_a_terminal_on_stdin_the_session_runs_plain_and_says_so() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("stdin");
    pane.line(&format!(
        "{} 1-0-1-0 --sets 1 --reps 1 --count-in 0 < /dev/null; echo rc=$? > {}",
        binary(),
        pane.path("rc")
    ));
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    let screen = pane.wait_for("the plain lines", |s| s.contains("00:00.000 lift"));
    assert!(
        screen.contains("standard input is not a terminal"),
        "{screen}"
    );
    assert!(screen.contains("1 of 1 set done"), "{screen}");
}

#[test]
fn log_in_a_terminal_draws_charts_into_the_scrollback() {
    if !have_tmux() {
        return;
    }
    let pane = Pane::start("log");
    let row = |day: u8, lower: u32, load: &str| {
        format!(
            "2026-11-{day:02}T18:00:00+01:00,squat,,{lower}-0-1-0,1,8,8,{},{lower},{load},\n",
            8 * (lower + 1)
        )
    };
    let log = format!(
        "time,exercise,preset,tempo,set,planned_reps,completed_reps,tut_seconds,\
         lowering_seconds,load,note\n{}{}{}",
        row(2, 3, "60kg"),
        row(9, 4, "60kg"),
        row(16, 5, "62.5kg")
    );
    std::fs::write(pane.dir.join("log.csv"), log).expect("log");
    std::fs::write(
        pane.dir.join("journal.csv"),
        "time,soreness,sleep,note\n2026-11-10T07:00:00+01:00,4,2,\n",
    )
    .expect("journal");
    pane.line(&format!(
        "{} --log {} log; echo rc=$? > {}",
        binary(),
        pane.path("log.csv"),
        pane.path("rc")
    ));
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    // Printed, not a screen of its own: the whole report is in the
    // scrollback.
    let out = pane.tmux(&["capture-pane", "-p", "-S", "-", "-t", "t"]);
    let all = String::from_utf8_lossy(&out.stdout);
    for want in [
        "Recent sets (3 of 3), with the journal",
        "Charts of 2026-11-02 to 2026-11-16",
        "│lowering, s",
        " 4┤",
        "│load, kg",
        "│x soreness  o sleep",
        "11-09",
        "Coaching",
    ] {
        assert!(all.contains(want), "{want}\n{all}");
    }
    assert!(!all.contains("2026-W46"), "no columns on a terminal\n{all}");
    assert_eq!(pane.display("#{alternate_on}"), "0");
}
