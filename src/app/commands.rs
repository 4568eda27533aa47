//! The subcommands' use cases: `plan`, `presets`, `exercises`, `config`,
//! `render`, `log` and `journal`.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::Instant;

use crate::app::files::{self, Files};
use crate::app::{Ended, Error, print};
use crate::audio::RATE;
use crate::audio::cues::Settings;
use crate::audio::render::{self, RenderError};
use crate::program::config::Config;
use crate::program::presets::{self, Choice, Resolved};
use crate::program::settings::CueLayer;
use crate::timing::units::fmt_minutes;
use crate::training::history::{self, Style};
use crate::training::store::{self, JournalEntry, When};
use crate::ui::timetable::{self, Timetable};

/// The session `choice` asks for, over the config file's layers; a
/// message that names `command`'s usage if it cannot be put together.
pub fn resolve(
    choice: &Choice,
    config: &Config,
    command: Option<&'static str>,
) -> Result<Resolved, Error> {
    config
        .catalogue()
        .resolve(choice, &config.defaults)
        .map_err(|e| Error::usage(command, e.to_string()))
}

/// `repcadence plan`: the whole session as a table, or JSON.
pub fn plan(choice: &Choice, json: bool, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let resolved = resolve(choice, &config, Some("plan"))?;
    let session = &resolved.session;
    let mut table = Timetable::new(session, Instant::now());
    table.preset = resolved.preset.clone();
    table.exercise = resolved.exercise.clone();
    if json {
        let json = serde_json::to_string(&table).map_err(io::Error::other)?;
        print(&format!("{json}\n"))?;
    } else {
        print(&timetable::table(session, &table))?;
    }
    Ok(Ended::Done)
}

/// `repcadence presets`.
pub fn presets(files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    print(&presets::presets_table(
        &config.catalogue(),
        &config.defaults,
    ))?;
    Ok(Ended::Done)
}

/// `repcadence exercises`.
pub fn exercises(files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    print(&presets::exercises_table(&config.catalogue()))?;
    Ok(Ended::Done)
}

/// What `repcadence config` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigAction {
    /// Write the commented example.
    Init,
    /// Say where the file is read from.
    Path,
}

/// `repcadence config init|path`.
pub fn config(action: ConfigAction, files: &Files) -> Result<Ended, Error> {
    let Some(path) = files.config_path() else {
        return Err(Error::Refused(
            "this system has no home directory for a config file\n\n  \
             tip: give one with --config PATH"
                .to_string(),
        ));
    };
    match action {
        ConfigAction::Path => {
            print(&format!("{}\n", path.display()))?;
            if !path.exists() {
                eprintln!(
                    "(no file there yet: `repcadence config init` writes a commented example)"
                );
            }
        }
        ConfigAction::Init => match files::init_config(&path) {
            Ok(()) => print(&format!(
                "wrote an example config to {}: every key is commented\n",
                path.display()
            ))?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Error::Refused(format!(
                    "{} already exists and is left as it is\n\n  \
                     tip: edit it, or move it away and run `repcadence config init` again",
                    path.display()
                )));
            }
            Err(e) => {
                return Err(Error::Failed(format!(
                    "cannot write {}: {e}",
                    path.display()
                )));
            }
        },
    }
    Ok(Ended::Done)
}

/// The cue settings: the config file's, under the command line's.
pub fn cue_settings(cues: &CueLayer, config: &Config, muted: bool) -> Settings {
    let p = &config.preferences;
    let (volume, voice, ticks) = cues.over((p.volume, p.voice, p.ticks));
    Settings {
        volume,
        voice,
        ticks,
        muted,
    }
}

/// What `repcadence render` is asked.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// The session.
    pub choice: Choice,
    /// The sound settings given.
    pub cues: CueLayer,
    /// The WAV file to write.
    pub output: PathBuf,
    /// Overwrite it if it exists.
    pub force: bool,
}

/// `repcadence render`: the session's cue stream as a WAV file, with
/// progress on stderr for sessions over a minute.
pub fn render(request: &RenderRequest, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let resolved = resolve(&request.choice, &config, Some("render"))?;
    let session = &resolved.session;
    let settings = cue_settings(&request.cues, &config, false);
    let long = render::expected_samples(session) > 60 * u64::from(RATE);
    let tty = io::stderr().is_terminal();
    let mut shown = 0;
    let progress = |done: u64, total: u64| {
        let pct = done * 100 / total.max(1);
        if long && (pct >= shown + 10 || (tty && pct > shown)) {
            shown = pct;
            if tty {
                eprint!("\rrendering: {pct:3}%");
            } else {
                eprintln!("rendering: {pct}%");
            }
        }
    };
    let result = render::render(
        session,
        settings,
        &request.output,
        request.force,
        Instant::now(),
        progress,
    );
    if long && tty {
        eprintln!();
    }
    match result {
        Ok(_) => {
            // The session's length, as `plan` gives it (the file rings on
            // for the last cue's length after it).
            eprintln!(
                "wrote {}: {} of cues at {} Hz",
                request.output.display(),
                fmt_minutes(session.length_ms()),
                RATE
            );
            Ok(Ended::Done)
        }
        // What was asked cannot be: exit 2. No room on the disk is exit 1:
        // the same command works once there is room.
        Err(
            e @ (RenderError::Exists(_)
            | RenderError::IsDir { .. }
            | RenderError::NotAFile(_)
            | RenderError::Stdout
            | RenderError::ManualLift
            | RenderError::TooLong { .. }),
        ) => Err(Error::usage(Some("render"), e.to_string())),
        Err(e @ (RenderError::NoRoom { .. } | RenderError::Write { .. })) => {
            Err(Error::Failed(e.to_string()))
        }
    }
}

/// What `repcadence log` shows.
#[derive(Debug, Clone, Copy)]
pub struct LogRequest {
    /// The file as it is (CSV, header first), nothing else.
    pub csv: bool,
    /// How many recent sets to list.
    pub recent: u16,
    /// How charts are drawn; `None`: bars on a terminal, columns otherwise.
    pub style: Option<Style>,
}

/// `repcadence log`.
pub fn log(request: LogRequest, files: &Files) -> Result<Ended, Error> {
    let path = files.require_log_path()?;
    if request.csv {
        // The file as it is, streamed: nothing parsed, dropped or sorted.
        let mut out = io::stdout().lock();
        return match store::copy_csv(&path, store::HEADER, &mut out) {
            Ok(()) => Ok(Ended::Done),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Ended::Done),
            Err(e) => Err(Error::Failed(format!(
                "cannot copy the training log {} to standard output: {e}",
                path.display()
            ))),
        };
    }
    let rows = files::read_log(&path);
    let journal = files::read_journal(&path);
    let style = request.style.unwrap_or(if io::stdout().is_terminal() {
        Style::Bars
    } else {
        Style::Columns
    });
    // Every time in the zone the system is in now.
    let text = history::render(
        &rows,
        &journal,
        &jiff::Zoned::now(),
        usize::from(request.recent),
        style,
    );
    print(&text)?;
    Ok(Ended::Done)
}

/// What `repcadence journal` notes.
#[derive(Debug, Clone)]
pub struct JournalRequest {
    /// Soreness, 1-5.
    pub soreness: u8,
    /// Sleep, 1-5.
    pub sleep: u8,
    /// A note.
    pub note: Option<String>,
}

/// `repcadence journal`.
pub fn journal(request: &JournalRequest, files: &Files) -> Result<Ended, Error> {
    let path = store::journal_path(&files.require_log_path()?);
    let entry = JournalEntry {
        when: When::from_zoned(&jiff::Zoned::now()),
        soreness: request.soreness,
        sleep: request.sleep,
        note: request.note.clone().unwrap_or_default(),
    };
    match store::append(&path, store::JOURNAL_HEADER, &entry.to_line()) {
        Ok(()) => print(&format!(
            "noted in {}: soreness {}/5, sleep {}/5\n",
            path.display(),
            entry.soreness,
            entry.sleep
        ))?,
        Err(e) => {
            return Err(Error::Failed(format!(
                "cannot write the journal {}: {e}\n\n  \
                 tip: give another place with --log DIR/training-log.csv",
                path.display()
            )));
        }
    }
    Ok(Ended::Done)
}
