//! A live session: the lifter's choice put together, coaching read from
//! the log, the sound device opened, then run in `--plain` or full screen
//! until it is done, quit or stopped.

use std::env;
use std::ffi::OsStr;
use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use crate::app::commands::{WorkoutArg, cue_settings, exercise_notes, resolve};
use crate::app::files::{self, Files};
use crate::app::live::{self, Live, SessionSound, Setup};
use crate::app::log_thread;
use crate::app::plain::{self, PlainEnd};
use crate::app::term::{self, ColorChoice};
use crate::app::{Ended, Error, inbox, print, tui};
use crate::audio::cues::Settings;
use crate::audio::device::Output;
use crate::present::plain::summary_text;
use crate::program::layer::CueLayer;
use crate::program::presets::Choice;
use crate::program::workouts;
use crate::training::rows::SessionInfo;
use crate::training::store::{self, LogWriter};
use crate::training::{coach, sessions};
use crate::ui::keys::Keymap;

/// How a live session runs, as the command line says.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    /// The session.
    pub choice: Choice,
    /// The workout, if one was named.
    pub workout: Option<WorkoutArg>,
    /// One line per event, no full-screen view.
    pub plain: bool,
    /// Start silent.
    pub mute: bool,
    /// The sound settings given.
    pub cues: CueLayer,
    /// `--audio-latency`, in ms: the extra offset no device reports.
    pub audio_latency: Option<u16>,
    /// The load, for the log.
    pub load: Option<String>,
    /// A note, for the log.
    pub note: Option<String>,
    /// `--color`.
    pub colour: ColorChoice,
}

/// `--load` over a workout: every block's load, where the workout has one
/// exercise; refused where it has several, which one load cannot fit.
fn one_load(workout: &mut crate::timing::workout::Workout, load: &str) -> Result<(), Error> {
    let key = |b: &crate::timing::workout::Block| {
        crate::program::exercises::key(b.exercise.as_deref().unwrap_or_default())
    };
    let mut names: Vec<&str> = Vec::new();
    for (i, b) in workout.blocks.iter().enumerate() {
        if !workout.blocks[..i].iter().any(|a| key(a) == key(b)) {
            names.push(b.exercise.as_deref().unwrap_or("-"));
        }
    }
    if names.len() > 1 {
        return Err(Error::usage(
            None,
            format!(
                "--load gives one load, and this workout has {} exercises ({}): set load = \
                 \"…\" in each block of the workout instead",
                names.len(),
                crate::text::safe(&names.join(", "))
            ),
        ));
    }
    for b in &mut workout.blocks {
        b.load = Some(load.to_string());
        b.each_load.clear();
    }
    Ok(())
}

/// The options that chose workout `name` (a name or a file's path), as a
/// shell takes them after `repcadence`: the config file and the log given
/// on the command line, then `-w`, each quoted where a shell needs it.
fn resume_options(files: &Files, name: &str) -> String {
    let mut words = Vec::new();
    if let Some(config) = &files.config {
        words.push(format!(
            "--config {}",
            shell_word(&config.to_string_lossy())
        ));
    }
    if let Some(log) = &files.log {
        words.push(format!("--log {}", shell_word(&log.to_string_lossy())));
    }
    words.push(format!("-w {}", shell_word(name)));
    words.join(" ")
}

/// `word` as one word to a POSIX shell: as it is when it holds only
/// characters no shell treats specially, else in single quotes (a quote
/// inside written `'\''`).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Runs a live session, with sound unless muted: full-screen when stdout
/// and stdin are terminals, otherwise (or with `--plain`) one line per
/// event.
pub fn run(request: &RunRequest, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let mut workout = resolve(
        &request.choice,
        request.workout.as_ref(),
        &config,
        files,
        None,
    )?;
    workout.run_as = request
        .workout
        .as_ref()
        .map(|w| resume_options(files, &w.name));
    if let (Some(_), Some(load)) = (&request.workout, &request.load) {
        one_load(&mut workout, load)?;
    }
    let path = files.checked_log_path()?;
    // A log of the older format is moved to the new one before the first
    // row goes in (or, if it cannot be, written in its own).
    let writer = path.as_deref().filter(|_| !files.no_log).map(|p| {
        let prepared = store::prepare(p);
        (
            LogWriter::prepared(p.to_path_buf(), &prepared),
            prepared.notice(p),
        )
    });
    let first = workout.block(workout.from);
    let exercise = first.exercise.clone().unwrap_or_default();
    // Coaching needs only the log's last weeks: read from its end.
    let now = jiff::Zoned::now();
    let (rows, journal) = match path.as_deref() {
        Some(p) => (
            files::read_log_since(p, coach::since(now.timestamp())),
            files::read_journal_since(p, coach::since(now.timestamp())),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let coach_line = |exercise: &str| {
        coach::opening_line(
            &rows,
            &journal,
            exercise,
            config.catalogue().bodyweight(exercise),
            &now,
            request.workout.is_some(),
        )
    };
    let last_time = |exercise: &str| sessions::last_time(&rows, exercise, now.time_zone());
    let mut notices: Vec<String> = coach_line(&exercise).into_iter().collect();
    notices.extend(last_time(&exercise));
    // Each later block: the last time its exercise was done, and the
    // coach's line for it, at its start.
    let block_notes: Vec<(u16, String)> = (workout.from.saturating_add(1)..=workout.len())
        .filter_map(|b| {
            let exercise = workout.block(b).exercise.clone()?;
            let lines: Vec<String> = last_time(&exercise)
                .into_iter()
                .chain(coach_line(&exercise))
                .collect();
            (!lines.is_empty()).then(|| (b, lines.join("; ")))
        })
        .collect();
    let (writer, moved) = writer.unzip();
    notices.extend(moved.flatten());
    notices.extend(workouts::advice(&workout));
    for note in exercise_notes(&workout, &config) {
        notices.push(note);
    }
    // A name the log already holds in another spelling would split the
    // history: say so.
    if path.is_some()
        && config.catalogue().find_exercise(&exercise).is_none()
        && !exercise.is_empty()
    {
        let logged: Vec<&str> = rows.iter().map(|r| r.exercise.as_str()).collect();
        if !logged.iter().any(|l| {
            crate::training::store::name_key(l) == crate::training::store::name_key(&exercise)
        }) && let Some(near) = crate::program::exercises::near(&exercise, logged.iter().copied())
        {
            notices.push(format!(
                "your log has {}, not {}: is it the same exercise? (`--exercise \"{}\"` keeps \
                 them together)",
                crate::text::safe(near),
                crate::text::safe(exercise.trim()),
                crate::text::safe(near)
            ));
        }
    }
    let setup = Setup {
        info: SessionInfo {
            exercise: first.exercise.clone(),
            preset: first.preset.clone(),
            load: request.load.clone(),
            note: request.note.clone(),
        },
        log: writer,
        notices,
        block_notes,
        done_before: match (&request.workout, &workout.name) {
            (Some(_), Some(name)) => sessions::done_in_last_run(&rows, name, now.timestamp()),
            _ => Vec::new(),
        },
    };
    let settings: Settings = cue_settings(&request.cues, &config, request.mute);
    let extra_ms = request
        .audio_latency
        .map_or(config.preferences.audio_latency_ms, u32::from);
    let extra = Duration::from_millis(extra_ms.into());
    log::info!(
        "session: {:?}, preset {:?}, exercise {:?}",
        first.session,
        setup.info.preset,
        setup.info.exercise
    );
    log::debug!(
        "extra audio offset {extra_ms} ms ({}), added to the delay the device reports, {settings:?}",
        if request.audio_latency.is_some() {
            "--audio-latency"
        } else {
            "config or default"
        }
    );
    let full_screen = !request.plain && io::stdout().is_terminal();
    let why_not = full_screen
        .then(|| no_full_screen(io::stdin().is_terminal(), env::var_os("TERM").as_deref()))
        .flatten();
    if let Some(why) = &why_not {
        eprintln!("repcadence: {why}: running --plain (pass --plain to say so and skip this note)");
    }
    let full_screen = full_screen && why_not.is_none();
    // Full-screen, the first frame is drawn before the device is opened
    // (tui::run opens it, then starts the clock); --plain has no frame to
    // show first.
    let output = (!request.mute && !full_screen).then(Output::open_ready);
    let device = output.as_ref().and_then(|o| o.as_ref().ok());
    let start = Instant::now() + live::lead(device, extra);
    let live = Live::start(workout, setup, start, jiff::Zoned::now()).with_sound(
        SessionSound { settings, extra },
        output,
        start,
    );
    // The log's last rows get a bounded wait once the loop has ended (and
    // the terminal is back): a file that does not answer cannot hang the
    // exit.
    let log = live.log_wait();
    let ended = if full_screen {
        let options = tui::Options {
            color: term::use_colour(
                request.colour,
                std::env::var_os("NO_COLOR").as_deref(),
                true,
                config.preferences.colours,
            ),
            keys: Keymap::with(&config.keys),
        };
        run_full_screen(live, options)
    } else {
        run_plain(live)
    };
    let mut lost = false;
    if let Some(log) = log {
        if let Err(line) = log.end(log_thread::END_WAIT) {
            eprintln!("{line}");
        }
        lost = log.lost();
    }
    match ended {
        // Sets that did not reach the log are a failure (said above),
        // unless a signal's status says more.
        Ok(Ended::Done) if lost => Ok(Ended::LogNotWritten),
        other => other,
    }
}

/// `--plain`: the session, then how it ended.
fn run_plain(live: Live) -> Result<Ended, Error> {
    let outcome = plain::run(live)?;
    log::info!("session ended: {outcome:?}");
    match outcome {
        PlainEnd::Done | PlainEnd::OutputClosed => Ok(Ended::Done),
        PlainEnd::Stopped(signal) => Ok(Ended::Signal(signal)),
        PlainEnd::InputClosed => Err(Error::Failed(
            "standard input ended while the partner's lift waited for Enter, \
             so the session stopped there\n\n  \
             tip: run it in a terminal, or give it one line per partner's lift"
                .to_string(),
        )),
        PlainEnd::NotLines => Err(Error::Failed(format!(
            "standard input is not lines: more than {} bytes came without a line end, \
             so reading it stopped, and the session stopped at the partner's lift \
             that waited for one\n\n  \
             tip: give it one line per partner's lift (an empty line will do)",
            inbox::MAX_LINE
        ))),
    }
}

/// Why the full-screen view cannot run, with stdout a terminal: keys
/// cannot be read (stdin is not a terminal), or the terminal says it can
/// draw nothing but lines (`TERM` is `dumb`, or unset: a terminal
/// emulator always sets it; on Windows the console needs no `TERM`).
fn no_full_screen(stdin_is_terminal: bool, term: Option<&OsStr>) -> Option<String> {
    if !stdin_is_terminal {
        return Some("standard input is not a terminal, so keys cannot be read".to_string());
    }
    if cfg!(windows) {
        return None;
    }
    match term.map(OsStr::to_string_lossy).as_deref() {
        None | Some("") => Some("TERM is not set, so the full-screen view cannot be drawn".into()),
        Some("dumb") => Some("TERM is dumb, so the full-screen view cannot be drawn".into()),
        Some(_) => None,
    }
}

/// The full-screen view; the summary is printed once the terminal is back.
fn run_full_screen(live: Live, options: tui::Options) -> Result<Ended, Error> {
    Ok(match tui::run(live, options)? {
        tui::ViewEnd::Done(summary) | tui::ViewEnd::Quit(summary) => {
            print(&summary_text(&summary))?;
            Ended::Done
        }
        tui::ViewEnd::Stopped(signal, summary) => {
            // The terminal may be gone (SIGHUP): the exit status still says why.
            let _ = print(&format!("stopped: {}", summary_text(&summary)));
            Ended::Signal(signal)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_way_to_go_on_repeats_the_options_that_chose_the_workout_quoted_for_a_shell() {
        let plain = Files::default();
        assert_eq!(resume_options(&plain, "push"), "-w push");
        let chosen = Files {
            config: Some(PathBuf::from("c.toml")),
            log: Some(PathBuf::from("/tmp/my log.csv")),
            no_log: false,
        };
        assert_eq!(
            resume_options(&chosen, "legs day.toml"),
            "--config c.toml --log '/tmp/my log.csv' -w 'legs day.toml'"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("a;rm"), "'a;rm'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
    }

    #[test]
    fn a_dumb_or_unknown_terminal_runs_plain_and_says_why() {
        let term = |t: &str| no_full_screen(true, Some(OsStr::new(t)));
        assert_eq!(term("xterm-256color"), None);
        assert_eq!(term("tmux-256color"), None);
        assert_eq!(term("linux"), None);
        #[cfg(not(windows))]
        {
            assert_eq!(
                term("dumb").as_deref(),
                Some("TERM is dumb, so the full-screen view cannot be drawn")
            );
            assert_eq!(
                no_full_screen(true, None).as_deref(),
                Some("TERM is not set, so the full-screen view cannot be drawn")
            );
            assert!(term("").is_some(), "set but empty is unset");
        }
        // Keys that cannot be read come first: that is the note since before.
        assert_eq!(
            no_full_screen(false, Some(OsStr::new("dumb"))).as_deref(),
            Some("standard input is not a terminal, so keys cannot be read")
        );
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use crate::program::keys::{KEY_NAMES, Key};
    use crate::timing::engine::Command;
    use crate::ui::keys::{Action, Context, action_in, code};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn every_key_the_config_names_is_the_key_the_terminal_sends() {
        for name in KEY_NAMES.iter().filter(|k| !k.starts_with("F1")) {
            assert!(Key::named(name).is_some(), "{name}");
        }
        let sent = |name: &str| Key::named(name).map(code);
        assert_eq!(sent("PageDown"), Some(KeyCode::PageDown));
        assert_eq!(sent("space"), Some(KeyCode::Char(' ')));
        assert_eq!(sent("F5"), Some(KeyCode::F(5)));
        assert_eq!(
            sent("Q"),
            Some(KeyCode::Char('q')),
            "as the view reads keys"
        );
        assert_eq!(sent("F13"), None);
    }

    #[test]
    fn the_config_s_keys_lay_over_the_built_in_ones() {
        let config = crate::program::config::parse(
            "[keys]\nend_set = \"c\"\nnext = [\"x\", \"PageUp\"]\n",
            std::path::Path::new("c.toml"),
        )
        .expect("config");
        let keys = Keymap::with(&config.keys);
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let running = Context::default();
        assert_eq!(
            action_in(&keys, press(KeyCode::Char('c')), running),
            Some(Action::Engine(Command::EndSet))
        );
        assert_eq!(
            action_in(&keys, press(KeyCode::PageUp), running),
            Some(Action::Engine(Command::Skip))
        );
        assert_eq!(
            action_in(&keys, press(KeyCode::Char('f')), running),
            Some(Action::Engine(Command::EndSet)),
            "the built-in keys stay"
        );
        let bad = crate::program::config::parse(
            "[keys]\nend_set = \"Ctrl-F\"\n",
            std::path::Path::new("c.toml"),
        )
        .expect_err("not a key")
        .to_string();
        assert!(
            bad.contains("`keys.end_set`: end_set: the text \"Ctrl-F\" is not a key"),
            "{bad}"
        );
    }
}
