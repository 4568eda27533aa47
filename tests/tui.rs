//! The full-screen view end to end, as a person uses it: the real binary in
//! a shell in a tmux pane of 80×24, keys typed with `send-keys`, the screen
//! read with `capture-pane`. Afterwards the pane's terminal must be sane
//! again: `echo` and `icanon` on, the cursor visible, the main screen back.
//!
//! Needs tmux (CI installs it). Every wait polls with a time limit; nothing
//! asserts on wall-clock timing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use repcadence::ui::big::{self, Scale};

const LIMIT: Duration = Duration::from_secs(20);

/// One tmux server of our own (its own socket), killed on drop, with a
/// scratch folder for the files the pane's shell writes.
struct Pane {
    socket: String,
    dir: PathBuf,
}

impl Pane {
    fn start(name: &str) -> Pane {
        let version = Command::new("tmux").arg("-V").output();
        if !version.is_ok_and(|o| o.status.success()) {
            panic!(
                "tmux is needed for the full-screen tests but was not found: \
                 install it (apt-get install tmux) and run the tests again"
            );
        }
        let socket = format!("repcadence-{name}-{}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        // The shell in the pane, and so the program, gets a home of its own
        // (no real config or training log) and no sound card.
        let alsa = dir.join("no-sound-card.conf");
        fs::write(
            &alsa,
            "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n",
        )
        .expect("ALSA config");
        let env = [
            format!("HOME={}", dir.display()),
            format!("XDG_CONFIG_HOME={}", dir.join("config").display()),
            format!("XDG_DATA_HOME={}", dir.join("data").display()),
            format!("ALSA_CONFIG_PATH={}", alsa.display()),
        ];
        let pane = Pane { socket, dir };
        let out = pane.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-e",
            &env[0],
            "-e",
            &env[1],
            "-e",
            &env[2],
            "-e",
            &env[3],
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            "-s",
            "t",
            "sh",
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        pane
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("TMUX")
            .env_remove("NO_COLOR")
            .output()
            .expect("tmux runs")
    }

    /// Types `keys` (tmux key names, e.g. `Enter`, `Space`, `C-z`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types a shell command line and Enter.
    fn line(&self, text: &str) {
        self.keys(&["-l", text]);
        self.keys(&["Enter"]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `pred` holds; fails with the last screen.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > LIMIT {
                panic!("waited {LIMIT:?} for {what}; the screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    /// Polls until the shell has written `name` (a line ending in newline).
    fn wait_file(&self, name: &str) -> String {
        let path = self.dir.join(name);
        let start = Instant::now();
        loop {
            if let Ok(text) = fs::read_to_string(&path)
                && text.ends_with('\n')
            {
                return text;
            }
            if start.elapsed() > LIMIT {
                panic!(
                    "waited {LIMIT:?} for {}; the screen:\n{}",
                    path.display(),
                    self.screen()
                );
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    /// The terminal is as a shell expects it: cooked mode with echo, the
    /// cursor shown, the main screen.
    fn assert_sane(&self, stty_file: &str) {
        let stty = self.wait_file(stty_file);
        let flags: Vec<&str> = stty
            .split(|c: char| c.is_whitespace() || c == ';')
            .collect();
        for flag in ["echo", "icanon"] {
            assert!(flags.contains(&flag), "{flag} is off:\n{stty}");
        }
        assert_eq!(self.display("#{cursor_flag}"), "1", "cursor hidden");
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn binary() -> String {
    let path = Path::new(env!("CARGO_BIN_EXE_repcadence"));
    format!("'{}'", path.display())
}

/// Whether `screen` shows `text` in big glyphs at some scale: every
/// glyph row found one under the other, starting at the same column.
fn shows_big(screen: &str, text: &str) -> bool {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let at = |y: usize, x: usize, want: &str| {
        let want: Vec<char> = want.trim_end().chars().collect();
        rows.get(y)
            .and_then(|r| r.get(x..x + want.len()))
            .is_some_and(|got| got == want.as_slice())
    };
    (1..=4).any(|sy| {
        (sy..=2 * sy).any(|sx| {
            big::lines(text, Scale { sx, sy }).is_some_and(|lines| {
                (0..rows.len()).any(|y| {
                    (0..rows[y].len()).any(|x| {
                        lines
                            .iter()
                            .enumerate()
                            .all(|(dy, line)| at(y + dy, x, line))
                    })
                })
            })
        })
    })
}

fn shows_a_count(screen: &str, from: u64, to: u64) -> bool {
    (from..=to).any(|n| shows_big(screen, &repcadence::ui::clock(n)))
}

#[test]
fn keys_pause_and_quit_and_the_terminal_is_sane_after() {
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
    pane.keys(&["q"]);
    assert_eq!(pane.wait_file("rc"), "rc=0\n");
    pane.assert_sane("stty");
    pane.wait_for("the summary printed after the view", |s| {
        s.contains("0 of 3 sets done")
    });
}

#[test]
fn sigterm_mid_session_restores_the_terminal_and_exits_143() {
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
    let pane = Pane::start("suspend");
    pane.line(&format!("{} 4-0-1-0 --count-in 30", binary()));
    pane.wait_for("GET READY in big glyphs", |s| shows_big(s, "GET READY"));
    pane.keys(&["C-z"]);
    pane.wait_for("the shell's job notice", |s| s.contains("Stopped"));
    pane.line(&format!("stty -a > {}", pane.path("stty")));
    pane.assert_sane("stty");
    pane.line("fg");
    pane.wait_for("the view again, paused", |s| shows_big(s, "PAUSED"));
    pane.keys(&["q"]);
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
