//! A live session: the engine plus everything that follows its events
//! (the sound, the training log). Both app loops (`--plain` and the
//! full-screen view) drive one of these, so they behave alike.
//!
//! It never reads the clock itself: the loops pass `now` in (and, for the
//! training log, the wall-clock time at the start: see [`LogWriter`]).

use std::time::{Duration, Instant};

use crate::app::log_thread::{LogThread, LogWait};
use crate::audio::cues::Settings;
use crate::audio::device::Output;
use crate::program::keys::Correction;
use crate::program::settings::MAX_DONE_REPS;
use crate::timing::counting::Counting;
use crate::timing::engine::{Attempt, Command, Engine, Event, EventKind, SetSummary, Summary};
use crate::timing::plan::{Phase, Session};
use crate::timing::workout::Workout;
use crate::training::rows::{EndedBy, Facts};
use crate::training::rows::{Row, SessionInfo, When};
use crate::training::store::LogWriter;

/// Said once when there is no sound device.
pub(crate) const NO_AUDIO: &str = "no audio device: cues are visual only";
/// The coaching and advice lines stay on screen at least this long.
pub(crate) const OPENING_SHOWN_MS: u64 = 5000;

/// Said once when the sound device goes away mid-session.
pub(crate) const AUDIO_LOST: &str = "audio device lost: cues are visual only";

/// How long after `now` a session with sound starts, so that its first
/// cue is heard: what `output` reports it takes (none without a device),
/// plus the `extra` offset no device reports.
pub(crate) fn lead(output: Option<&Output>, extra: Duration) -> Duration {
    output.map_or(Duration::ZERO, Output::lead) + extra
}

/// How a session sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SessionSound {
    /// Volume, voice, ticks, mute.
    pub settings: Settings,
    /// What no device reports, from its output to the ears (a
    /// loudspeaker across the room): `--audio-latency`, added to the delay
    /// the device reports.
    pub extra: Duration,
}

/// The sound device, as far as a session is concerned.
#[derive(Debug)]
enum Audio {
    /// Not opened yet (the session started muted).
    Closed,
    /// Playing.
    Open(Box<Output>),
    /// There is none, or it went away; cues are visual only.
    Gone,
}

/// What an app loop needs besides the timing to start a [`Live`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// Exercise, preset, load and note.
    pub info: SessionInfo,
    /// The training log to append to; `None` logs nothing.
    pub(crate) log: Option<LogWriter>,
    /// Lines to show from the start (the coaching line).
    pub notices: Vec<String>,
    /// Lines for the start of a block after the first: the last time its
    /// exercise was done, and the coach's line for it.
    pub block_notes: Vec<(u16, String)>,
    /// The sets (block, set) done in full in the run this one resumes
    /// (`--from`): done again here, they are logged as redos.
    pub done_before: Vec<(u16, u16)>,
}

/// A running session and its followers.
#[derive(Debug)]
pub struct Live {
    engine: Engine,
    info: SessionInfo,
    log: Option<LogThread>,
    sound: SessionSound,
    audio: Audio,
    notices: Vec<String>,
    /// How many of the notices are opening lines (coaching and advice),
    /// shown in the full-screen view only until the first set is under way.
    opening: usize,
    /// When the session was ended ([`Live::finish`]).
    finished: Option<Instant>,
    /// An instant and the wall-clock time it was, for the log's rows.
    wall: Option<(Instant, jiff::Zoned)>,
    /// The run's id in the log, and how many rows it has written.
    run: (String, u32),
    /// The row of the set last logged, as it now stands, and how it ended
    /// as the session saw it: it may be corrected until the next set's
    /// first rep ([`Live::correct`]).
    last: Option<(Row, EndedBy)>,
    /// Lines for the start of a block after the first ([`Setup`]).
    block_notes: Vec<(u16, String)>,
    /// The sets done in full in the run this one resumes ([`Setup`]).
    done_before: Vec<(u16, u16)>,
}

impl Live {
    /// Starts `session` with its first step at `start`. Nothing is logged
    /// until [`Live::log_to`] is called, and nothing sounds until
    /// [`Live::with_sound`].
    pub fn new(session: Session, start: Instant) -> Live {
        Live::for_workout(Workout::single(session), start)
    }

    /// Starts `workout` like [`Live::new`].
    pub(crate) fn for_workout(workout: Workout, start: Instant) -> Live {
        Live {
            engine: Engine::live(workout, start),
            info: SessionInfo::default(),
            log: None,
            sound: SessionSound {
                settings: Settings {
                    muted: true,
                    ..Settings::default()
                },
                extra: Duration::ZERO,
            },
            audio: Audio::Gone,
            notices: Vec::new(),
            opening: 0,
            finished: None,
            wall: None,
            run: (String::new(), 0),
            last: None,
            block_notes: Vec::new(),
            done_before: Vec::new(),
        }
    }

    /// Gives the session sound. `output` is the device, opened and playing
    /// (`None`: not opened because the session starts muted; it is opened
    /// when unmuted). `heard_from` is when the stream's first sample is
    /// heard: the session's start, at least [`lead`] after the device was
    /// ready, so that sound and display change together.
    pub(crate) fn with_sound(
        mut self,
        sound: SessionSound,
        output: Option<Result<Output, String>>,
        heard_from: Instant,
    ) -> Live {
        self.sound = sound;
        self.audio = Audio::Closed;
        match output {
            Some(Ok(out)) => self.attach(out, heard_from),
            Some(Err(_)) => self.gone(NO_AUDIO),
            None => {}
        }
        self
    }

    fn attach(&mut self, out: Output, heard_from: Instant) {
        out.play(
            &self.engine,
            heard_from,
            self.sound.settings,
            self.sound.extra,
        );
        self.audio = Audio::Open(Box::new(out));
    }

    fn gone(&mut self, why: &str) {
        self.audio = Audio::Gone;
        self.notices.push(why.to_string());
    }

    /// Which way the lowering is counted, on screen, in the voice and in
    /// `--plain` alike.
    pub fn counting(&self) -> Counting {
        self.sound.settings.counting
    }

    /// Whether cues are silenced.
    pub(crate) fn is_muted(&self) -> bool {
        self.sound.settings.muted
    }

    /// Whether a sound device is playing.
    pub(crate) fn has_sound(&self) -> bool {
        matches!(self.audio, Audio::Open(_))
    }

    /// The session is waiting for its sound device to be opened: a
    /// full-screen session before it begins ([`Live::begin_with_sound`]),
    /// or one that started muted and was just unmuted
    /// ([`Live::device_opened`]). The app loop opens it.
    pub(crate) fn wants_device(&self) -> bool {
        matches!(self.audio, Audio::Closed) && !self.sound.settings.muted
    }

    /// The device asked for by [`Live::wants_device`], ready at `now`.
    pub(crate) fn device_opened(&mut self, output: Result<Output, String>, now: Instant) {
        match output {
            Ok(out) => {
                let heard_from = now + lead(Some(&out), self.sound.extra);
                self.attach(out, heard_from);
            }
            Err(_) => self.gone(NO_AUDIO),
        }
    }

    /// The device asked for by [`Live::wants_device`] before the session
    /// has begun (the full-screen view draws its first frame while the
    /// device opens): the session starts over, [`lead`] after `now`, so
    /// that its first cue is heard, with `output`'s sound.
    pub(crate) fn begin_with_sound(&mut self, output: Result<Output, String>, now: Instant) {
        let start = now + lead(output.as_ref().ok(), self.sound.extra);
        self.engine = Engine::live(self.engine.workout().clone(), start);
        match output {
            Ok(out) => self.attach(out, start),
            Err(_) => self.gone(NO_AUDIO),
        }
    }

    /// Mutes or unmutes; returns whether it is now muted.
    pub(crate) fn toggle_mute(&mut self) -> bool {
        self.sound.settings.muted = !self.sound.settings.muted;
        if let Audio::Open(out) = &self.audio {
            out.set(self.sound.settings);
        }
        self.sound.settings.muted
    }

    /// How long the last cue of a session rings on after its event, plus
    /// the time it takes to be heard.
    pub(crate) fn tail(&self) -> Duration {
        let device = match &self.audio {
            Audio::Open(out) => Some(out.as_ref()),
            _ => None,
        };
        Duration::from_millis(600) + lead(device, self.sound.extra)
    }

    /// Starts `workout` at the instant `start`, which the wall clock reads
    /// as `wall`, labelled, logged and with notices as `setup` says.
    pub fn start(workout: Workout, setup: Setup, start: Instant, wall: jiff::Zoned) -> Live {
        let mut live = Live::for_workout(workout, start).with_info(setup.info);
        if let Some(writer) = setup.log {
            live = live.log_to(writer, start, wall);
        }
        live.opening = setup.notices.len();
        live.notices = setup.notices;
        live.block_notes = setup.block_notes;
        live.done_before = setup.done_before;
        live
    }

    /// Labels the session: exercise, preset, load and note, shown on
    /// screen and written to the log.
    pub(crate) fn with_info(mut self, info: SessionInfo) -> Live {
        self.info = info;
        self
    }

    /// Writes every set that ends, and a set stopped part-way, with `log`,
    /// from a thread of its own (see [`LogThread`]).
    /// `origin` is the wall-clock time `wall` (the app reads both once,
    /// at the start), so each row says when its set ended.
    pub(crate) fn log_to(mut self, log: LogWriter, origin: Instant, wall: jiff::Zoned) -> Live {
        self.log = Some(LogThread::start(log));
        // One id for every row of this run: when it began, and the
        // process, in case two began in the same second.
        self.run = (
            format!("{}-{}", wall.strftime("%Y%m%dT%H%M%S"), std::process::id()),
            0,
        );
        self.wall = Some((origin, wall));
        self
    }

    /// A handle to wait, at the end, for the rows handed to the log's
    /// thread to be written; `None` when nothing is logged.
    pub(crate) fn log_wait(&self) -> Option<LogWait> {
        self.log.as_ref().map(LogThread::waiter)
    }

    /// The engine, for its status and next deadline.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The session's labels (the exercise is the title to show).
    pub(crate) fn info(&self) -> &SessionInfo {
        &self.info
    }

    /// Lines for the lifter, oldest first: coaching given at the start, "no
    /// audio device…" or "audio device lost…", and "training log not
    /// written: …" (each at most once).
    pub(crate) fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The notices the full-screen view shows at `now`: the opening lines
    /// (coaching and advice) in full before the first set and for its
    /// first [`OPENING_SHOWN_MS`] of session time at least, then only what
    /// came later ("no audio device…"), so that the lines get out of the
    /// way of the count.
    /// A block after the first has its own line ([`Live::block_note`])
    /// from the changeover before it to its first rep.
    pub(crate) fn notices_at(&self, now: Instant) -> Vec<String> {
        let status = self.engine.status(now);
        let under_way = status.step.phase != Phase::CountIn && status.t_ms >= OPENING_SHOWN_MS;
        let mut out = if under_way {
            self.notices[self.opening.min(self.notices.len())..].to_vec()
        } else {
            self.notices.clone()
        };
        let step = status.step;
        let starting = match step.phase {
            Phase::Changeover => Some(step.block.saturating_add(1)),
            Phase::CountIn => Some(step.block),
            _ if step.set == 1 && step.rep == 1 => Some(step.block),
            _ => None,
        };
        out.extend(
            starting
                .and_then(|b| self.block_note(b))
                .map(str::to_string),
        );
        out
    }

    /// The line for the start of block `block`, if it has one.
    pub(crate) fn block_note(&self, block: u16) -> Option<&str> {
        self.block_notes
            .iter()
            .find(|(b, _)| *b == block)
            .map(|(_, note)| note.as_str())
    }

    /// Every event due by `now`, passed on to the followers.
    pub fn advance(&mut self, now: Instant) -> Vec<Event> {
        let events = self.engine.advance(now);
        self.follow(&events);
        events
    }

    /// Applies a lifter's command at `now`; the sound follows the change.
    pub fn command(&mut self, command: Command, now: Instant) -> Vec<Event> {
        let events = self.engine.command(command, now);
        if let Audio::Open(out) = &self.audio {
            out.follow(&self.engine);
        }
        self.follow(&events);
        events
    }

    /// Ends the session at `now` (done, quit or signal): what it amounted
    /// to. A set stopped part-way is logged if it
    /// [`SetSummary::performed`] anything. Called again, it changes
    /// nothing and gives the same summary: the session ended the first
    /// time, and nothing after that is logged.
    /// `by` says how a set stopped part-way was stopped:
    /// [`EndedBy::Quit`] or [`EndedBy::Signal`].
    pub(crate) fn finish(&mut self, now: Instant, by: EndedBy) -> Summary {
        if let Some(ended) = self.finished {
            return self.engine.summary(ended);
        }
        let events = self.engine.advance(now);
        self.follow(&events);
        let summary = self.engine.summary(now);
        self.finished = Some(now);
        if let Some(partial) = summary.partial
            && partial.performed()
        {
            self.log_set(&partial, now, by);
        }
        summary
    }

    fn follow(&mut self, events: &[Event]) {
        if let Audio::Open(out) = &self.audio
            && out.is_lost()
        {
            self.gone(AUDIO_LOST);
        }
        // Every attempt that did something is logged, marked as what it
        // was (see `Attempt`): a set done, a redo of one, or one cut short
        // by a restart (the engine passes it on only if it did something).
        // A set ended by the lifter before a rep or a second under tension
        // did nothing either, and is not logged (the README's rule).
        for e in events {
            if let EventKind::PhaseStarted(step) = &e.kind
                && step.rep > 0
            {
                self.last = None;
            }
            match &e.kind {
                EventKind::SetDone(set)
                | EventKind::SetRestarted {
                    cut_short: Some(set),
                    ..
                } if set.performed() => self.log_set(set, e.at, EndedBy::Plan),
                _ => {}
            }
        }
        if let Some(notice) = self.log.as_mut().and_then(LogThread::notice) {
            self.notices.push(notice);
        }
    }

    /// The wall-clock moment of `at`, as the log writes it.
    fn when(&self, at: Instant) -> Option<When> {
        let (origin, wall) = self.wall.as_ref()?;
        let zoned = wall
            .checked_add(at.saturating_duration_since(*origin))
            .unwrap_or_else(|_| wall.clone());
        Some(When::from_zoned(&zoned))
    }

    /// The next row's id in this run.
    fn next_id(&mut self) -> String {
        self.run.1 += 1;
        format!("{}.{}", self.run.0, self.run.1)
    }

    fn log_set(&mut self, set: &SetSummary, at: Instant, stopped: EndedBy) {
        if self.log.is_none() {
            return;
        }
        let workout = self.engine.workout();
        let mut tempo = workout.block(set.block).session.tempo;
        tempo.lower = set.lower_ms;
        let (info, mut facts) = set_info(&self.info, workout, set);
        let Some(when) = self.when(at) else {
            return;
        };
        facts.run.clone_from(&self.run.0);
        facts.id = self.next_id();
        facts.ended_by = stopped;
        let mut row = Row::of_set(set, when, &tempo, &info, facts);
        // A set done in full in the run this one resumes, done again.
        if row.facts.attempt == Attempt::Planned && self.done_before.contains(&(set.block, set.set))
        {
            row.facts.attempt = Attempt::Redo;
        }
        self.last = (stopped == EndedBy::Plan).then(|| (row.clone(), row.facts.ended_by));
        if let Some(log) = self.log.as_mut() {
            log.write(&row);
        }
    }

    /// The row of the set last logged, while it may be corrected: from the
    /// end of the set to the next set's first rep.
    pub(crate) fn logged(&self) -> Option<&Row> {
        self.last.as_ref().map(|(row, _)| row)
    }

    /// Corrects the set last logged ([`Live::logged`]) at `now`: a row that
    /// supersedes its row is written at once (the log stays append-only).
    /// What the set now says, or why nothing was changed.
    pub(crate) fn correct(
        &mut self,
        correction: &Correction,
        now: Instant,
    ) -> Result<String, String> {
        let Some((last, ended_by)) = self.last.clone() else {
            return Err(
                "no set to correct now: a set is corrected in the rest after it, \
                        or later with `repcadence log amend`"
                    .to_string(),
            );
        };
        let when = self
            .when(now)
            .ok_or("no set to correct: nothing is logged")?;
        let id = self.next_id();
        let mut row = last.correction(when, id);
        match correction {
            Correction::MoreReps => {
                row.completed = last.completed.saturating_add(1).min(MAX_DONE_REPS)
            }
            Correction::FewerReps => row.completed = last.completed.saturating_sub(1).max(1),
            Correction::Reps(n) if (1..=MAX_DONE_REPS).contains(n) => row.completed = *n,
            Correction::Reps(n) => {
                return Err(format!("reps {n}: give a number from 1 to {MAX_DONE_REPS}"));
            }
            Correction::Load(text) => {
                crate::load::parse(text).map_err(|e| format!("load: {e}"))?;
                row.load = text.trim().to_string();
            }
            Correction::Failed if last.facts.ended.is_some() => {
                return Err(format!(
                    "set {} was ended with the key for failure: it is logged so",
                    last.set
                ));
            }
            Correction::Failed => {
                row.facts.ended_by = if last.facts.ended_by == EndedBy::Failure {
                    ended_by
                } else {
                    EndedBy::Failure
                };
            }
        }
        let said = logged_text(&row);
        if (row.completed, &row.load, row.facts.ended_by)
            == (last.completed, &last.load, last.facts.ended_by)
        {
            return Err(format!("{said}: unchanged"));
        }
        if let Some(log) = self.log.as_mut() {
            log.write(&row);
        }
        self.last = Some((row, ended_by));
        Ok(format!("{said} (corrected)"))
    }
}

/// What a logged set says, as the rest shows it: `set 2: 7/8 reps · 80kg
/// · failed`.
pub(crate) fn logged_text(row: &Row) -> String {
    let mut out = format!("set {}: {}/{} reps", row.set, row.completed, row.planned);
    if !row.load.is_empty() {
        out.push_str(&format!(" · {}", crate::text::safe(&row.load)));
    }
    match (&row.facts.ended, row.facts.ended_by) {
        (Some((rep, phase, ms)), _) => out.push_str(&format!(
            " · ended in rep {rep} ({phase} {} s)",
            crate::timing::units::fmt_secs1(*ms)
        )),
        (None, EndedBy::Failure) => out.push_str(" · to failure"),
        (None, EndedBy::Cap) => out.push_str(" · no failure signalled"),
        _ => {}
    }
    out
}

/// The labels of `set`'s row: its block's exercise, preset and load (else
/// the session's) and the lifter's note; and its facts: the workout and
/// the block.
fn set_info(info: &SessionInfo, workout: &Workout, set: &SetSummary) -> (SessionInfo, Facts) {
    let block = workout.block(set.block);
    let facts = Facts {
        workout: workout.name.clone().unwrap_or_default(),
        block: (workout.len() > 1).then_some((set.block, workout.len())),
        ..Facts::default()
    };
    let labels = SessionInfo {
        exercise: block.exercise.clone().or_else(|| info.exercise.clone()),
        preset: block.preset.clone().or_else(|| info.preset.clone()),
        load: block
            .load_of(set.set)
            .map(str::to_string)
            .or_else(|| info.load.clone()),
        note: info.note.clone(),
    };
    (labels, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::Attempt;
    use crate::training::store::{self, Row};

    fn live(dir: &std::path::Path, session: Session, start: Instant) -> Live {
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        Live::new(session, start)
            .with_info(SessionInfo {
                exercise: Some("bench".into()),
                preset: Some("overload".into()),
                load: Some("90kg".into()),
                note: None,
            })
            .log_to(LogWriter::new(dir.join("log.csv")), start, wall)
    }

    /// Waits for the rows handed to the log's thread to be written.
    fn settle(live: &Live) {
        let wait = live.log_wait().expect("a log");
        assert!(wait.settle(Duration::from_secs(20)), "the log is stuck");
    }

    fn rows(dir: &std::path::Path) -> Vec<Row> {
        let (rows, skipped) = store::read(&dir.join("log.csv")).expect("read");
        assert_eq!(skipped, []);
        rows
    }

    #[test]
    fn sound_opened_after_the_first_frame_starts_the_session_then() {
        let t0 = Instant::now();
        let latency = Duration::from_millis(56);
        let sound = SessionSound {
            settings: Settings::default(),
            extra: latency,
        };
        let mut live = Live::new(Session::default(), t0 + latency).with_sound(sound, None, t0);
        assert!(live.wants_device(), "sound on, no device yet");
        assert_eq!(live.engine().next_deadline(), Some(t0 + latency));
        // The device took 40 ms to open (here: there was none).
        let ready = t0 + Duration::from_millis(40);
        live.begin_with_sound(Err("no device".into()), ready);
        assert_eq!(live.engine().next_deadline(), Some(ready + latency));
        assert!(live.advance(ready + Duration::from_millis(55)).is_empty());
        assert!(
            !live.advance(ready + latency).is_empty(),
            "the count-in starts"
        );
        assert!(!live.wants_device());
        assert_eq!(live.notices(), [NO_AUDIO]);
    }

    #[test]
    fn a_manual_lift_waits_for_proceed_and_every_set_is_logged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = Session {
            tempo: crate::timing::tempo::Tempo {
                lift: crate::timing::tempo::Lift::Manual,
                .."6-0-1-0".parse().expect("tempo")
            },
            start: crate::timing::plan::Start::Lower,
            reps: 2,
            sets: 2,
            rest_ms: 60_000,
            count_in_ms: 0,
            ..Session::default()
        };
        let t0 = Instant::now();
        let mut live = live(dir.path(), session, t0);
        let s = Duration::from_secs;
        live.advance(t0 + s(6));
        // At the top, the partner's lift: nothing is due however long it takes.
        assert!(live.engine().status(t0 + s(60)).waiting);
        assert_eq!(live.engine().next_deadline(), None);
        live.advance(t0 + s(60));
        assert!(live.engine().status(t0 + s(60)).waiting);
        // The key starts the lowering at the moment it is pressed.
        live.command(Command::Proceed, t0 + s(60));
        live.advance(t0 + s(66));
        assert!(live.engine().status(t0 + s(66)).waiting);
        live.command(Command::Proceed, t0 + s(70));
        settle(&live);
        let rows = rows(dir.path());
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.when.text, "2026-11-20T18:01:10+01:00");
        assert_eq!(
            (r.exercise.as_str(), r.preset.as_str()),
            ("bench", "overload")
        );
        assert_eq!(
            (r.tempo.as_str(), r.set, r.planned, r.completed),
            ("6-0-P-0", 1, 2, 2)
        );
        // Only the timed lowering counts as time under tension.
        assert_eq!(
            (r.tut_ms, r.lower_ms, r.load.as_str()),
            (12_000, 6000, "90kg")
        );
        // Stopped part-way through set 2: one more row, for what was done.
        live.advance(t0 + s(70 + 60 + 3));
        live.finish(t0 + s(70 + 60 + 3), EndedBy::Quit);
        live.finish(t0 + s(200), EndedBy::Quit);
        settle(&live);
        let rows = self::rows(dir.path());
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[1].set, rows[1].completed, rows[1].tut_ms),
            (2, 0, 3000)
        );
        assert_eq!(live.notices(), [] as [String; 0]);
    }

    /// Restarts, on a fake clock: every attempt that did something is a
    /// row, written when it ends; a restarted one and a redo are marked in
    /// the note (after the lifter's own note), and nothing is written twice.
    #[test]
    fn every_attempt_is_logged_once_and_a_restart_or_a_redo_is_marked() {
        let dir = tempfile::tempdir().expect("tempdir");
        // 2 sets of 2 reps of 3 s (lift 1, lower 2), no count-in, rest 30.
        let session = Session {
            tempo: "2-0-1-0".parse().expect("tempo"),
            reps: 2,
            sets: 2,
            rest_ms: 30_000,
            count_in_ms: 0,
            ..Session::default()
        };
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        let mut live = Live::new(session, t0)
            .with_info(SessionInfo {
                note: Some("spotter Sam".into()),
                ..SessionInfo::default()
            })
            .log_to(LogWriter::new(dir.path().join("log.csv")), t0, wall);
        let seen = |dir: &std::path::Path| -> Vec<(u16, u16, u32, String)> {
            rows(dir)
                .iter()
                .map(|r| {
                    let mark = crate::present::history::marks(r);
                    (
                        r.set,
                        r.completed,
                        r.tut_ms,
                        format!("{} {mark}", r.note).trim_end().to_string(),
                    )
                })
                .collect()
        };
        // r in set 1's rep 2 (3-6 s), at 4.5 s: the attempt is written then.
        live.advance(at(4_500));
        live.command(Command::RestartSet, at(4_500));
        settle(&live);
        assert_eq!(
            seen(dir.path()),
            [(1, 1, 4_500, "spotter Sam (restarted)".into())]
        );
        // Set 1 again (no count-in here): 4.5-10.5 s; then the rest.
        live.advance(at(20_000));
        // r in the rest: set 1 again, a redo: 20-26 s, then the rest.
        live.command(Command::RestartSet, at(20_000));
        live.advance(at(30_000));
        // Set 2 from 56 s, stopped 1.5 s in.
        live.advance(at(57_500));
        let summary = live.finish(at(57_500), EndedBy::Quit);
        live.finish(at(70_000), EndedBy::Quit);
        settle(&live);
        assert_eq!(
            seen(dir.path()),
            [
                (1, 1, 4_500, "spotter Sam (restarted)".into()),
                (1, 2, 6_000, "spotter Sam".into()),
                (1, 2, 6_000, "spotter Sam (redo)".into()),
                (2, 0, 1_500, "spotter Sam (quit part-way)".into()),
            ]
        );
        let attempts: Vec<Attempt> = rows(dir.path()).iter().map(Row::attempt).collect();
        assert_eq!(
            attempts,
            [
                Attempt::Restarted,
                Attempt::Planned,
                Attempt::Redo,
                Attempt::Planned
            ]
        );
        // The summary holds what the log holds.
        assert_eq!(summary.sets.len() + 1, 4);
        assert_eq!(summary.sets_done(), 1);
    }

    #[test]
    fn a_set_ended_before_a_rep_or_a_second_is_not_logged_and_one_after_a_second_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        // 2 sets of 5 reps of 3 s (lower 2, lift 1), no count-in, rest 5.
        let session = Session {
            tempo: "2-0-1-0".parse().expect("tempo"),
            reps: 5,
            sets: 2,
            rest_ms: 5_000,
            count_in_ms: 0,
            ..Session::default()
        };
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        let mut live =
            Live::new(session, t0).log_to(LogWriter::new(dir.path().join("log.csv")), t0, wall);
        // f 0.5 s into set 1: no rep, half a second: nothing done.
        live.advance(at(500));
        live.command(Command::EndSet, at(500));
        // Set 2 from 5.5 s; f 1.5 s in: no rep, but a second and a half.
        live.advance(at(7_000));
        live.command(Command::EndSet, at(7_000));
        live.finish(at(8_000), EndedBy::Quit);
        settle(&live);
        let logged: Vec<(u16, u16, u32)> = rows(dir.path())
            .iter()
            .map(|r| (r.set, r.completed, r.tut_ms))
            .collect();
        assert_eq!(logged, [(2, 0, 1_500)]);
    }

    #[test]
    fn a_log_that_cannot_be_written_gives_one_notice_and_the_session_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("file"), "").expect("file");
        let session = Session {
            tempo: "1-0-1-0".parse().expect("tempo"),
            reps: 1,
            rest_ms: 0,
            count_in_ms: 0,
            ..Session::default()
        };
        let t0 = Instant::now();
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        // A path under a plain file can never be created.
        let path = dir.path().join("file/log.csv");
        let mut live = Live::new(session, t0).log_to(LogWriter::new(path.clone()), t0, wall);
        live.advance(t0 + Duration::from_secs(60));
        assert!(live.engine().is_done());
        // The notice comes from the log's thread, and shows at the next
        // step of the session.
        settle(&live);
        live.advance(t0 + Duration::from_secs(61));
        assert_eq!(live.notices().len(), 1, "{:?}", live.notices());
        assert!(
            live.notices()[0]
                .starts_with(&format!("training log not written: {}: ", path.display())),
            "{:?}",
            live.notices()
        );
    }

    /// A workout of squats (2 sets) and curls (1 set of 3+), no rests,
    /// a 10 s changeover.
    fn squats_then_curls() -> Workout {
        use crate::timing::workout::Block;
        let session = |tempo: &str, sets, open_ended| Session {
            tempo: tempo.parse().expect("tempo"),
            sets,
            reps: 3,
            rest_ms: 0,
            count_in_ms: 0,
            open_ended,
            ..Session::default()
        };
        Workout {
            name: Some("legs".into()),
            blocks: vec![
                Block {
                    session: session("2-0-1-0", 2, false),
                    exercise: Some("squat".into()),
                    load: Some("60kg".into()),
                    changeover_ms: 10_000,
                    ..Block::default()
                },
                Block {
                    session: session("4-0-1-0", 1, true),
                    exercise: Some("curl".into()),
                    preset: Some("slow".into()),
                    ..Block::default()
                },
            ],
            from: 1,
            run_as: Some("-w legs".into()),
            protocol: false,
        }
    }

    #[test]
    fn a_workout_logs_each_set_with_its_block_s_exercise_and_an_ended_set_says_where() {
        let dir = tempfile::tempdir().expect("tempdir");
        let start = Instant::now();
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        // A row of the older format (appended by an older version): it
        // stays as it is, and is read beside the new ones.
        let old = format!(
            "{}\n2026-11-19T18:00:00+01:00,bench,overload,6-0-P-0,1,6,6,36,6,90kg,\n",
            store::HEADER
        );
        std::fs::write(dir.path().join("log.csv"), &old).expect("old log");
        let mut live = Live::for_workout(squats_then_curls(), start)
            .with_info(SessionInfo {
                note: Some("felt good".into()),
                ..SessionInfo::default()
            })
            .log_to(LogWriter::new(dir.path().join("log.csv")), start, wall);
        // Squats: 2 sets × 3 reps × 3 s = 18 s; changeover 10 s; curls: the
        // 5th rep (past the plan of 3) fails 2.5 s into its lowering.
        let fails = start + Duration::from_millis(18_000 + 10_000 + 4 * 5000 + 1000 + 2500);
        live.advance(fails);
        let events = live.command(Command::EndSet, fails);
        assert!(
            events.iter().any(|e| e.kind == EventKind::SessionDone),
            "{events:?}"
        );
        let summary = live.finish(fails, EndedBy::Quit);
        settle(&live);
        assert_eq!(summary.sets.len(), 3);
        assert!(summary.stopped_in.is_none(), "it ran to its end");
        let text = std::fs::read_to_string(dir.path().join("log.csv")).expect("log");
        assert!(text.starts_with(&old), "the old rows are never rewritten");
        let rows = rows(dir.path());
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].exercise, "bench");
        let new: Vec<(&str, &str, u16, u16, u16)> = rows[1..]
            .iter()
            .map(|r| {
                (
                    r.exercise.as_str(),
                    r.load.as_str(),
                    r.set,
                    r.planned,
                    r.completed,
                )
            })
            .collect();
        assert_eq!(
            new,
            [
                ("squat", "60kg", 1, 3, 3),
                ("squat", "60kg", 2, 3, 3),
                ("curl", "", 1, 3, 4)
            ]
        );
        for r in &rows[1..] {
            assert_eq!(r.note, "felt good");
            assert_eq!(r.facts.workout, "legs");
            assert_eq!(r.facts.run, rows[1].facts.run, "one run");
        }
        assert_ne!(rows[0].facts.run, rows[1].facts.run);
        let blocks: Vec<Option<(u16, u16)>> = rows[1..].iter().map(|r| r.facts.block).collect();
        assert_eq!(blocks, [Some((1, 2)), Some((1, 2)), Some((2, 2))]);
        assert_eq!(rows[3].preset, "slow");
        assert_eq!(rows[3].facts.ended_by, EndedBy::Failure);
        assert_eq!(rows[3].facts.ended, Some((5, "lower".into(), 2500)));
    }

    #[test]
    fn a_workout_stopped_in_a_block_says_how_to_go_on_from_it() {
        let start = Instant::now();
        let mut live = Live::for_workout(squats_then_curls(), start);
        let summary = live.finish(start + Duration::from_secs(30), EndedBy::Quit);
        let at = summary.stopped_in.clone().expect("stopped before its end");
        assert_eq!(
            (at.block, at.blocks, at.exercise.as_deref()),
            (2, 2, Some("curl"))
        );
        let text = crate::present::plain::summary_text(&summary);
        assert!(
            text.ends_with(
                "stopped in block 2/2 (curl): `repcadence -w legs --from 2` goes on from there\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_workout_stopped_in_a_changeover_goes_on_from_the_next_block() {
        let start = Instant::now();
        let mut live = Live::for_workout(squats_then_curls(), start);
        let mut now = start;
        while live.engine().status(now).step.phase != crate::timing::plan::Phase::Changeover {
            now += Duration::from_millis(100);
            live.advance(now);
            assert!(now < start + Duration::from_secs(60), "no changeover");
        }
        let summary = live.finish(now, EndedBy::Quit);
        let at = summary.stopped_in.clone().expect("stopped before its end");
        assert_eq!((at.block, at.exercise.as_deref()), (2, Some("curl")));
        let text = crate::present::plain::summary_text(&summary);
        assert!(
            text.ends_with(
                "stopped in block 2/2 (curl): `repcadence -w legs --from 2` goes on from there\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_opening_lines_get_out_of_the_way_once_the_first_set_is_under_way() {
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        let coach = "coach: bench: try 5 s next time (--lower 5)".to_string();
        let t0 = Instant::now();
        let s = Duration::from_secs;
        for (count_in, hidden_from) in [(5, 5), (0, 5), (8, 8)] {
            let session = Session {
                count_in_ms: count_in * 1000,
                ..Session::default()
            };
            let setup = Setup {
                notices: vec![coach.clone()],
                ..Setup::default()
            };
            let mut live = Live::start(Workout::single(session), setup, t0, wall.clone());
            let shown = |live: &Live, at: u64| live.notices_at(t0 + s(at));
            assert_eq!(
                shown(&live, 0),
                std::slice::from_ref(&coach),
                "count-in {count_in}"
            );
            assert_eq!(shown(&live, hidden_from - 1), std::slice::from_ref(&coach));
            live.advance(t0 + s(hidden_from));
            assert!(shown(&live, hidden_from).is_empty(), "count-in {count_in}");
            // What comes later stays; --plain printed everything already.
            live.gone(NO_AUDIO);
            assert_eq!(shown(&live, hidden_from + 1), [NO_AUDIO]);
            assert_eq!(live.notices(), [coach.clone(), NO_AUDIO.to_string()]);
        }
    }

    #[test]
    fn a_later_block_s_line_shows_from_its_changeover_to_its_first_rep() {
        let start = Instant::now();
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        let setup = Setup {
            block_notes: vec![(2, "last curl: Tue 11-17 · 1×3 @ 3 s".into())],
            ..Setup::default()
        };
        let mut live = Live::start(squats_then_curls(), setup, start, wall);
        let at = |ms: u64| start + Duration::from_millis(ms);
        let shown = |live: &Live, ms| live.notices_at(at(ms)).join("|");
        // Squats: 0-18 s; the changeover 18-28 s; curls from 28 s.
        for (ms, want) in [
            (5_000, false),
            (20_000, true),
            (29_000, true),
            (34_000, false),
        ] {
            live.advance(at(ms));
            assert_eq!(shown(&live, ms).contains("last curl"), want, "{ms} ms");
        }
    }
}
