//! A live session: the engine plus everything that follows its events
//! (audio cues, the training log). Both app loops (`--plain` and the
//! full-screen view) drive one of these, so they behave alike.
//!
//! It never reads the clock itself: the loops pass `now` in (and, for the
//! training log, the wall-clock time at the start: see [`LogWriter`]).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::engine::{Command, Engine, Event, EventKind, SetSummary, Summary};
use crate::log::{LogWriter, SessionInfo};
use crate::plan::Session;

/// What an app loop needs besides the timing to start a [`Live`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// Exercise, preset, load and note.
    pub info: SessionInfo,
    /// The training log to append to; `None` logs nothing.
    pub log: Option<PathBuf>,
    /// Lines to show from the start (the coaching line).
    pub notices: Vec<String>,
}

/// A running session and its followers.
#[derive(Debug)]
pub struct Live {
    engine: Engine,
    info: SessionInfo,
    log: Option<LogWriter>,
    notices: Vec<String>,
    finished: bool,
}

impl Live {
    /// Starts `session` with its first step at `start`. Nothing is logged
    /// until [`Live::log_to`] is called.
    pub fn new(session: Session, start: Instant) -> Live {
        Live {
            engine: Engine::new(session, start),
            info: SessionInfo::default(),
            log: None,
            notices: Vec::new(),
            finished: false,
        }
    }

    /// Starts `session` at the instant `start`, which the wall clock reads
    /// as `wall`, labelled, logged and with notices as `setup` says.
    pub fn start(session: Session, setup: Setup, start: Instant, wall: jiff::Zoned) -> Live {
        let mut live = Live::new(session, start).with_info(setup.info);
        if let Some(path) = setup.log {
            live = live.log_to(LogWriter::new(path, start, wall));
        }
        live.notices = setup.notices;
        live
    }

    /// Labels the session: exercise, preset, load and note, shown on
    /// screen and written to the log.
    pub fn with_info(mut self, info: SessionInfo) -> Live {
        self.info = info;
        self
    }

    /// Writes every set that ends, and a set stopped part-way, with `log`.
    pub fn log_to(mut self, log: LogWriter) -> Live {
        self.log = Some(log);
        self
    }

    /// Adds a line for the lifter to read (a coaching hint, say).
    pub fn notify(&mut self, text: String) {
        self.notices.push(text);
    }

    /// The engine, for its status and next deadline.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The session's labels (the exercise is the title to show).
    pub fn info(&self) -> &SessionInfo {
        &self.info
    }

    /// Lines for the lifter, oldest first: coaching given at the start and
    /// "training log not written: …" (at most once) if the log failed.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Every event due by `now`, passed on to the followers.
    pub fn advance(&mut self, now: Instant) -> Vec<Event> {
        let events = self.engine.advance(now);
        self.follow(&events);
        events
    }

    /// Applies a lifter's command at `now`.
    pub fn command(&mut self, command: Command, now: Instant) -> Vec<Event> {
        let events = self.engine.command(command, now);
        self.follow(&events);
        events
    }

    /// Ends the session at `now` (done, quit or signal): what it amounted
    /// to. A set stopped part-way is logged (once, however often this is
    /// called) if a rep or at least a second under tension was done.
    pub fn finish(&mut self, now: Instant) -> Summary {
        let events = self.engine.advance(now);
        self.follow(&events);
        let summary = self.engine.summary(now);
        if !self.finished {
            self.finished = true;
            if let Some(partial) = summary.partial
                && (partial.reps_done > 0 || partial.tut >= Duration::from_secs(1))
            {
                self.log_set(&partial, now);
            }
        }
        summary
    }

    fn follow(&mut self, events: &[Event]) {
        for e in events {
            if let EventKind::SetDone(set) = &e.kind {
                self.log_set(set, e.at);
            }
        }
    }

    fn log_set(&mut self, set: &SetSummary, at: Instant) {
        let Some(log) = self.log.as_mut() else {
            return;
        };
        let mut session = self.engine.session().clone();
        session.tempo.lower = set.lower_ms;
        if let Some(notice) = log.write(set, at, &session.tempo_text(), &self.info) {
            self.notices.push(notice);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{self, Row};

    fn live(dir: &std::path::Path, session: Session, start: Instant) -> Live {
        let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
        Live::new(session, start)
            .with_info(SessionInfo {
                exercise: Some("bench".into()),
                preset: Some("overload".into()),
                load: Some("90kg".into()),
                note: None,
            })
            .log_to(LogWriter::new(dir.join("log.csv"), start, wall))
    }

    fn rows(dir: &std::path::Path) -> Vec<Row> {
        let (rows, skipped) = log::read(&dir.join("log.csv")).expect("read");
        assert_eq!(skipped, []);
        rows
    }

    #[test]
    fn a_manual_lift_waits_for_proceed_and_every_set_is_logged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let session = Session {
            tempo: "6-0-1-0".parse().expect("tempo"),
            manual_lift: true,
            start: crate::plan::Start::Lower,
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
        live.finish(t0 + s(70 + 60 + 3));
        live.finish(t0 + s(200));
        let rows = self::rows(dir.path());
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[1].set, rows[1].completed, rows[1].tut_ms),
            (2, 0, 3000)
        );
        assert_eq!(live.notices(), [] as [String; 0]);
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
        let mut live = Live::new(session, t0).log_to(LogWriter::new(path.clone(), t0, wall));
        live.advance(t0 + Duration::from_secs(60));
        assert!(live.engine().is_done());
        assert_eq!(live.notices().len(), 1, "{:?}", live.notices());
        assert!(
            live.notices()[0]
                .starts_with(&format!("training log not written: {}: ", path.display())),
            "{:?}",
            live.notices()
        );
    }
}
