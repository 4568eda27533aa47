//! What the tests share: a home of their own for the command line
//! ([`Home`], with no sound card), and for those that drive the program in
//! a terminal a tmux pane of its own, the binary's path, and big glyphs
//! read off the screen.
//!
//! Needs tmux. Without it these tests say so and are skipped, unless
//! REPCADENCE_TEST_NEEDS_TMUX is set (CI sets it and installs tmux), where
//! a missing tmux fails them. Every wait polls with a time limit; nothing
//! asserts on wall-clock timing.

// Each test binary uses part of this.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use repcadence::ui::big::{self, Scale};

/// How long any wait polls before it fails: long, so that a machine busy
/// building (two cores, tests in parallel) fails nothing that works; a
/// wait that succeeds returns as soon as it can.
pub const LIMIT: Duration = Duration::from_secs(45);

/// Whether tmux is here to drive the terminal tests. Without it a test
/// notes that it is skipped and returns, so that `cargo test` on a fresh
/// machine runs everything else; with REPCADENCE_TEST_NEEDS_TMUX set (CI)
/// a missing tmux is a failure.
pub fn have_tmux() -> bool {
    let version = Command::new("tmux").arg("-V").output();
    if version.is_ok_and(|o| o.status.success()) {
        return true;
    }
    assert!(
        std::env::var_os("REPCADENCE_TEST_NEEDS_TMUX").is_none(),
        "tmux is needed for the full-screen tests but was not found: \
         install it (apt-get install tmux) and run the tests again"
    );
    eprintln!("skipped: tmux not found (apt-get install tmux to run the full-screen tests)");
    false
}

/// One tmux server of our own (its own socket), killed on drop, with a
/// scratch folder for the files the pane's shell writes.
pub struct Pane {
    pub socket: String,
    pub dir: PathBuf,
}

impl Pane {
    /// Call [`have_tmux`] first.
    pub fn start(name: &str) -> Pane {
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
        // Type nothing before the shell's prompt is up: a line typed
        // earlier is echoed first and the prompt printed after it, so the
        // program's first output would follow the prompt on its line.
        pane.wait_for("the shell's prompt", |s| !s.trim().is_empty());
        pane
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
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
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types a shell command line and Enter.
    pub fn line(&self, text: &str) {
        self.keys(&["-l", text]);
        self.keys(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the screen until `pred` holds; fails with the last screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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
    pub fn wait_file(&self, name: &str) -> String {
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

    pub fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    /// The terminal is as a shell expects it: cooked mode with echo, the
    /// cursor shown, the main screen.
    pub fn assert_sane(&self, stty_file: &str) {
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

pub fn binary() -> String {
    let path = Path::new(env!("CARGO_BIN_EXE_repcadence"));
    format!("'{}'", path.display())
}

/// Whether `screen` shows `text` in big glyphs at some scale: every
/// glyph row found one under the other, starting at the same column.
pub fn shows_big(screen: &str, text: &str) -> bool {
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

pub fn shows_a_count(screen: &str, from: u64, to: u64) -> bool {
    (from..=to).any(|n| shows_big(screen, &repcadence::ui::clock(n)))
}

/// An ALSA setup whose default device is a card that does not exist, so
/// that no test plays sound or talks to a sound server.
pub fn no_sound_card() -> std::path::PathBuf {
    let conf = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-sound-card.conf");
    let text = "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n";
    if std::fs::read_to_string(&conf).ok().as_deref() != Some(text) {
        std::fs::write(&conf, text).expect("write the ALSA config");
    }
    conf
}

/// Variables that change how output looks or what is logged: unset in
/// every test, so the tests see what a plain environment gives.
pub const OUTPUT_VARS: [&str; 4] = ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RUST_LOG"];

/// The binary's path.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_repcadence"))
}

/// A home in the build's temp dir for the tests of one binary, `name`.
pub fn home_named(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// A command the tests can give an environment: the standard library's
/// and assert_cmd's.
pub trait Environment {
    /// Sets `key` to `value`.
    fn set(&mut self, key: &str, value: &std::ffi::OsStr) -> &mut Self;
    /// Unsets `key`.
    fn unset(&mut self, key: &str) -> &mut Self;
}

impl Environment for std::process::Command {
    fn set(&mut self, key: &str, value: &std::ffi::OsStr) -> &mut Self {
        self.env(key, value)
    }
    fn unset(&mut self, key: &str) -> &mut Self {
        self.env_remove(key)
    }
}

impl Environment for assert_cmd::Command {
    fn set(&mut self, key: &str, value: &std::ffi::OsStr) -> &mut Self {
        self.env(key, value)
    }
    fn unset(&mut self, key: &str) -> &mut Self {
        self.env_remove(key)
    }
}

/// `c` kept from the real machine: HOME and the XDG dirs under `home`, so
/// no test reads the real config file or writes the real training log;
/// ALSA's default a sound card that does not exist; the variables that
/// change output unset.
pub fn isolate<'c, C: Environment>(c: &'c mut C, home: &Path) -> &'c mut C {
    c.set("HOME", home.as_os_str())
        .set("XDG_CONFIG_HOME", home.join("config").as_os_str())
        .set("XDG_DATA_HOME", home.join("data").as_os_str())
        .set("ALSA_CONFIG_PATH", no_sound_card().as_os_str());
    for var in OUTPUT_VARS {
        c.unset(var);
    }
    c
}

/// Runs `cmd` with its standard input and output piped (stderr to
/// nowhere), answering as it goes: each line it prints is handed to
/// `answer`, and what that gives back is written to its standard input.
/// Reads to the end (a pipe closed early would end it another way). How
/// it ended, and every line it printed.
pub fn converse(
    cmd: &mut Command,
    mut answer: impl FnMut(&str) -> Option<&'static [u8]>,
) -> (std::process::ExitStatus, Vec<String>) {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    for line in out.lines() {
        let line = line.expect("line");
        if let Some(bytes) = answer(&line) {
            stdin.write_all(bytes).expect("answer");
        }
        lines.push(line);
    }
    (child.wait().expect("wait"), lines)
}

/// What `cmd` printed, having checked that it succeeded: stdout, then
/// stderr.
pub fn ok(cmd: &mut assert_cmd::Command) -> (String, String) {
    let out = cmd.assert().success().get_output().clone();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A temp dir holding the config file and the log for one test, so no test
/// touches the real ones.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    /// With an empty config.toml: a file named with `--config` must be
    /// there.
    pub fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        home.write("config.toml", "");
        home
    }

    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `repcadence` with HOME and the XDG dirs inside this dir, and
    /// `--config`/`--log` pointing into it.
    pub fn cmd(&self) -> assert_cmd::Command {
        self.cmd_with_log(&self.path("log.csv"))
    }

    /// Like [`Home::cmd`], with `--log LOG`.
    pub fn cmd_with_log(&self, log: &std::path::Path) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("repcadence").expect("binary built");
        isolate(&mut c, self.dir.path())
            .arg("--config")
            .arg(self.path("config.toml"))
            .arg("--log")
            .arg(log);
        c
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).expect("write");
    }
}
