//! A live session: the engine plus everything that follows its events
//! (the sound, the training log). Both app loops (`--plain` and the
//! full-screen view) drive one of these, so they behave alike.
//!
//! It never reads the clock itself: the loops pass `now` in.

use std::time::{Duration, Instant};

use crate::audio::cues::Settings;
use crate::audio::device::Output;
use crate::engine::{Command, Engine, Event, Summary};
use crate::plan::Session;

/// Said once when there is no sound device.
pub const NO_AUDIO: &str = "no audio device: cues are visual only";
/// Said once when the sound device goes away mid-session.
pub const AUDIO_LOST: &str = "audio device lost: cues are visual only";

/// How a session sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sound {
    /// Volume, voice, ticks, mute.
    pub settings: Settings,
    /// From cue to speaker: the device's buffer.
    pub latency: Duration,
}

/// The sound device, as far as a session is concerned.
#[derive(Debug)]
enum Audio {
    /// Not opened yet (the session started muted).
    Closed,
    /// Playing.
    Open(Output),
    /// There is none, or it went away; cues are visual only.
    Gone,
}

/// A running session and its followers.
#[derive(Debug)]
pub struct Live {
    engine: Engine,
    sound: Sound,
    audio: Audio,
    notices: Vec<String>,
}

impl Live {
    /// Starts `session` with no sound, its first step at `start`.
    pub fn new(session: Session, start: Instant) -> Live {
        Live {
            engine: Engine::new(session, start),
            sound: Sound {
                settings: Settings {
                    muted: true,
                    ..Settings::default()
                },
                latency: Duration::ZERO,
            },
            audio: Audio::Gone,
            notices: Vec::new(),
        }
    }

    /// Starts `session` with sound: `now` is when the device was opened and
    /// began pulling samples (`None`: not opened, the session is muted). The first step starts one latency after
    /// `now`, when the stream's first sample is heard, so sound and display
    /// change together. A muted session opens no device until unmuted.
    pub fn with_sound(
        session: Session,
        sound: Sound,
        output: Option<Result<Output, String>>,
        now: Instant,
    ) -> Live {
        let start = now + sound.latency;
        let mut live = Live {
            engine: Engine::new(session, start),
            sound,
            audio: Audio::Closed,
            notices: Vec::new(),
        };
        match output {
            Some(Ok(out)) => live.attach(out, now),
            Some(Err(_)) => live.gone(NO_AUDIO),
            None => {}
        }
        live
    }

    fn attach(&mut self, out: Output, now: Instant) {
        out.play(
            &self.engine,
            now + self.sound.latency,
            self.sound.settings,
            self.sound.latency,
        );
        self.audio = Audio::Open(out);
    }

    fn gone(&mut self, why: &str) {
        self.audio = Audio::Gone;
        self.notices.push(why.to_string());
    }

    /// The engine, for its status and next deadline.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether cues are silenced.
    pub fn is_muted(&self) -> bool {
        self.sound.settings.muted
    }

    /// Whether a sound device is playing.
    pub fn has_sound(&self) -> bool {
        matches!(self.audio, Audio::Open(_))
    }

    /// The session is waiting for its sound device to be opened (it
    /// started muted and was just unmuted): the app loop opens it and
    /// hands it to [`Live::device_opened`].
    pub fn wants_device(&self) -> bool {
        matches!(self.audio, Audio::Closed) && !self.sound.settings.muted
    }

    /// The device asked for by [`Live::wants_device`], opened at `now`.
    pub fn device_opened(&mut self, output: Result<Output, String>, now: Instant) {
        match output {
            Ok(out) => self.attach(out, now),
            Err(_) => self.gone(NO_AUDIO),
        }
    }

    /// How long the last cue of a session rings on after its event, plus
    /// the time it takes to reach the speaker.
    pub fn tail(&self) -> Duration {
        Duration::from_millis(600) + self.sound.latency
    }

    /// Mutes or unmutes; returns whether it is now muted.
    pub fn toggle_mute(&mut self) -> bool {
        self.sound.settings.muted = !self.sound.settings.muted;
        if let Audio::Open(out) = &self.audio {
            out.set(self.sound.settings);
        }
        self.sound.settings.muted
    }

    /// Notices for the lifter that appeared since the last call (no sound
    /// device, the training log not written…), each said once.
    pub fn take_notices(&mut self) -> Vec<String> {
        if let Audio::Open(out) = &self.audio
            && out.is_lost()
        {
            self.gone(AUDIO_LOST);
        }
        std::mem::take(&mut self.notices)
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

    /// Ends the session at `now` (done, quit or signal): what it amounted to.
    pub fn finish(&mut self, now: Instant) -> Summary {
        let events = self.engine.advance(now);
        self.follow(&events);
        self.engine.summary(now)
    }

    fn follow(&mut self, _events: &[Event]) {}
}
