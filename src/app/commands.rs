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
use crate::present::listings;
use crate::present::timetable::{self, Timetable};
use crate::program::config::Config;
use crate::program::layer::{CueLayer, Heard};
use crate::program::presets::Choice;
use crate::program::workouts;
use crate::timing::units::fmt_minutes;
use crate::timing::workout::Workout;
use crate::training::store::{self, JournalEntry, When};

/// `--workout NAME|FILE.toml` and `--from N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkoutArg {
    /// A workout's name, or the path of a workout file.
    pub name: String,
    /// The block to start at, from 1.
    pub from: u16,
    /// `--changeover`, in ms: the rest before each next block, over the
    /// workout's own.
    pub changeover: Option<u32>,
}

/// What is to run, put together over the config file's layers: the
/// workout `workout` names, or the session `choice` asks for (one block,
/// two for the beyond-failure preset); a message that names `command`'s
/// usage if it cannot be put together.
pub(crate) fn resolve(
    choice: &Choice,
    workout: Option<&WorkoutArg>,
    config: &Config,
    places: &Files,
    command: Option<&'static str>,
) -> Result<Workout, Error> {
    let catalogue = config.catalogue();
    let Some(arg) = workout else {
        return workouts::for_session(choice, &catalogue, &config.defaults)
            .map_err(|e| Error::usage(command, e.to_string()));
    };
    if let Some(option) = not_for_a_workout(choice) {
        return Err(Error::usage(
            command,
            format!(
                "with --workout, each block sets its own tempo, reps and preset: {option} \
                 cannot apply to blocks that differ (change it in the workout, or leave out \
                 --workout to run one exercise); --rest, --sets, --count-in, --changeover, \
                 --load (one exercise), --volume, --voice and --count may be given and apply \
                 to every block"
            ),
        ));
    }
    let spec = match files::workout_file(&arg.name, &catalogue)? {
        Some(spec) => spec,
        None => {
            // A bare name: a built-in or config workout, then NAME.toml
            // here, then in the config directory's workouts/; a name that
            // stands for two of them is refused, naming both.
            let all = workouts::catalogue(&config.workouts);
            let named = workouts::find(&all, &arg.name);
            let found = places.workout_files(&arg.name);
            let path_of = |p: &std::path::Path| p.display().to_string();
            match (named, found.as_slice()) {
                (Ok(spec), []) => spec.clone(),
                (Err(e), []) => return Err(Error::usage(command, e.to_string())),
                (Err(_), [one]) => {
                    files::workout_file(&path_of(one), &catalogue)?.ok_or_else(|| {
                        Error::usage(command, format!("{} is not a file", path_of(one)))
                    })?
                }
                (named, [first, ..]) => {
                    let other = match (&named, found.get(1)) {
                        (Ok(spec), _) => format!("the {} workout {}", where_from(spec), spec.name),
                        (Err(_), Some(second)) => path_of(second),
                        (Err(_), None) => String::new(),
                    };
                    return Err(Error::usage(
                        command,
                        format!(
                            "-w {name} could be {other} or {}: name the file (-w {}) or \
                             rename one of them",
                            path_of(first),
                            path_of(first),
                            name = arg.name
                        ),
                    ));
                }
            }
        }
    };
    let mut workout = workouts::resolve(&spec, &catalogue, &config.defaults, arg.from)
        .map_err(|e| Error::usage(command, e.to_string()))?;
    if let Some(ms) = choice.layer.count_in {
        let first = workout.from;
        workout.block_mut(first).session.count_in_ms = ms;
    }
    // The options that bend a workout apply to every block, over the file.
    for b in &mut workout.blocks {
        if let Some(ms) = choice.layer.rest {
            b.session.rest_ms = ms;
        }
        if let Some(sets) = choice.layer.sets {
            b.set_sets(sets);
        }
    }
    if let Some(ms) = arg.changeover {
        let last = workout.blocks.len().saturating_sub(1);
        for b in &mut workout.blocks[..last] {
            // A set to failure straight into its partner's negatives
            // stays straight on: that is the protocol.
            if b.changeover_ms > 0 {
                b.changeover_ms = ms;
            }
        }
    }
    workouts::check_size(&workout).map_err(|e| Error::usage(command, e.to_string()))?;
    Ok(workout)
}

/// The first option of `choice` that cannot apply to every block of a
/// workout (the ones that make the blocks what they are), as typed.
fn not_for_a_workout(choice: &Choice) -> Option<&'static str> {
    let l = &choice.layer;
    [
        (choice.preset.is_some(), "--preset"),
        (choice.exercise.is_some(), "--exercise"),
        (l.tempo.is_some(), "the tempo"),
        (l.reps.is_some() || l.open_ended.is_some(), "--reps"),
        (l.start.is_some(), "--start"),
        (l.explosive.is_some(), "--explosive"),
        (l.partner_lift.is_some(), "--partner-lift"),
        (l.lower.is_some(), "--lower"),
        (l.lift.is_some(), "--lift"),
        (l.pause_bottom.is_some(), "--pause-bottom"),
        (l.pause_top.is_some(), "--pause-top"),
    ]
    .into_iter()
    .find_map(|(given, option)| given.then_some(option))
}

/// Where a workout found by name was written, in words.
fn where_from(spec: &workouts::WorkoutSpec) -> &'static str {
    match spec.source {
        workouts::Source::BuiltIn => "built-in",
        workouts::Source::Config => "config file's",
        workouts::Source::File(_) => "file's",
    }
}

/// The one line for each exercise of `workout` the catalogue does not
/// know (said once per name).
pub(crate) fn exercise_notes(workout: &Workout, config: &Config) -> Vec<String> {
    let catalogue = config.catalogue();
    let mut out: Vec<String> = Vec::new();
    for b in &workout.blocks {
        if let Some(note) = b
            .exercise
            .as_deref()
            .and_then(|e| catalogue.unknown_exercise(e))
            && !out.contains(&note)
        {
            out.push(note);
        }
    }
    out
}

/// `repcadence workouts show NAME`: the workout as a workout file.
pub(crate) fn workout_show(name: &str, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let arg = WorkoutArg {
        name: name.to_string(),
        from: 1,
        changeover: None,
    };
    let workout = resolve(
        &Choice::default(),
        Some(&arg),
        &config,
        files,
        Some("workouts"),
    )?;
    let all = workouts::catalogue(&config.workouts);
    let description = workouts::find(&all, name)
        .map(|w| w.description.clone())
        .unwrap_or_default();
    print(&listings::workout_toml(&workout, &description))?;
    Ok(Ended::Done)
}

/// `repcadence workouts`.
pub fn workouts(files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let all = workouts::catalogue(&config.workouts);
    print(&listings::workouts_table(
        &all,
        &config.catalogue(),
        &config.defaults,
    ))?;
    Ok(Ended::Done)
}

/// `repcadence plan`: the whole session or workout as a table, or JSON,
/// with the articles' advice on how the workout is put together.
pub fn plan(
    choice: &Choice,
    workout: Option<&WorkoutArg>,
    json: bool,
    files: &Files,
) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let workout = resolve(choice, workout, &config, files, Some("plan"))?;
    for note in exercise_notes(&workout, &config) {
        eprintln!("{note}");
    }
    let table = Timetable::new(&workout, Instant::now());
    if json {
        let json = serde_json::to_string(&table).map_err(io::Error::other)?;
        print(&format!("{json}\n"))?;
    } else {
        let mut text = timetable::table(&workout, &table);
        for line in workouts::advice(&workout) {
            text.push_str(&format!("advice: {line}\n"));
        }
        print(&text)?;
    }
    Ok(Ended::Done)
}

/// `repcadence presets`.
pub fn presets(files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    print(&listings::presets_table(
        &config.catalogue(),
        &config.defaults,
    ))?;
    Ok(Ended::Done)
}

/// `repcadence exercises [FILTER]`.
pub fn exercises(filter: &str, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    print(&listings::exercises_table(&config.catalogue(), filter))?;
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
pub(crate) fn cue_settings(cues: &CueLayer, config: &Config, muted: bool) -> Settings {
    let p = &config.preferences;
    let heard = cues.over(Heard {
        volume: p.volume,
        voice: p.voice,
        count: p.count,
        ticks: p.ticks,
    });
    Settings {
        volume: heard.volume,
        voice: heard.voice,
        counting: heard.count,
        ticks: heard.ticks,
        muted,
    }
}

/// What `repcadence render` is asked.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// The session.
    pub choice: Choice,
    /// The workout, if one was named.
    pub workout: Option<WorkoutArg>,
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
    let workout = resolve(
        &request.choice,
        request.workout.as_ref(),
        &config,
        files,
        Some("render"),
    )?;
    for note in exercise_notes(&workout, &config) {
        eprintln!("{note}");
    }
    let settings = cue_settings(&request.cues, &config, false);
    let long = render::expected_samples(&workout) > 60 * u64::from(RATE);
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
        &workout,
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
                fmt_minutes(workout.length_ms()),
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
            | RenderError::ManualLiftInBlock { .. }
            | RenderError::TooLong { .. }),
        ) => Err(Error::usage(Some("render"), e.to_string())),
        Err(e @ (RenderError::NoRoom { .. } | RenderError::Write { .. })) => {
            Err(Error::Failed(e.to_string()))
        }
    }
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
