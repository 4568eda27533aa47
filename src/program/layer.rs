//! One layer of session settings (the config's `[defaults]`, a preset,
//! the command line), each value parsed into its type, and how one is laid
//! over a [`Session`].

use crate::program::settings::Reps;
use crate::timing::counting::{Counting, Voice};
use crate::timing::plan::{Session, Start};
use crate::timing::tempo::{Lift, Tempo};

/// One layer of session settings: what it leaves `None` comes from the
/// layer below.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// The tempo.
    pub tempo: Option<Tempo>,
    /// Reps per set.
    pub reps: Option<u16>,
    /// Open-ended sets (`8+`).
    pub open_ended: Option<bool>,
    /// Sets.
    pub sets: Option<u16>,
    /// Rest between sets, ms.
    pub rest: Option<u32>,
    /// Count-in, ms.
    pub count_in: Option<u32>,
    /// Which phase a rep starts with.
    pub start: Option<Start>,
    /// How an X lift is timed, ms.
    pub explosive: Option<u32>,
    /// How a partner's lift is timed, ms.
    pub partner_lift: Option<u32>,
    /// The lowering, ms, over the tempo's.
    pub lower: Option<u32>,
    /// The lift, over the tempo's.
    pub lift: Option<Lift>,
    /// The bottom pause, ms, over the tempo's.
    pub pause_bottom: Option<u32>,
    /// The top pause, ms, over the tempo's.
    pub pause_top: Option<u32>,
}

impl Layer {
    /// Sets the reps (and whether they are open-ended) from `reps`.
    pub(crate) fn set_reps(&mut self, reps: Option<Reps>) {
        if let Some(r) = reps {
            self.reps = Some(r.count);
            self.open_ended = Some(r.open_ended);
        }
    }

    /// Lays this layer over `base`, for an intermediate layer (a preset,
    /// the config's defaults): a 0 s rep is allowed here.
    pub(crate) fn overlay(&self, base: &Session) -> Session {
        let mut s = base.clone();
        // A partner's lift waited for stays so under a tempo laid over
        // it; only `lift` itself (below) changes it.
        let waits = s.tempo.lift == Lift::Manual;
        set(&mut s.tempo, self.tempo);
        if waits && self.tempo.is_some() {
            s.tempo.lift = Lift::Manual;
        }
        set(&mut s.tempo.lower, self.lower);
        set(&mut s.tempo.bottom, self.pause_bottom);
        set(&mut s.tempo.top, self.pause_top);
        set(&mut s.tempo.lift, self.lift);
        set(&mut s.reps, self.reps);
        set(&mut s.open_ended, self.open_ended);
        set(&mut s.sets, self.sets);
        set(&mut s.rest_ms, self.rest);
        set(&mut s.count_in_ms, self.count_in);
        set(&mut s.start, self.start);
        set(&mut s.explosive_ms, self.explosive);
        set(&mut s.partner_ms, self.partner_lift);
        s
    }

    /// Lays this layer over `base` as the last one: the result must have
    /// a rep longer than 0 s.
    pub(crate) fn resolve(&self, base: &Session) -> Result<Session, String> {
        let s = self.overlay(base);
        if s.rep_tut_ms() == 0 {
            return Err(format!(
                "a rep of {} lasts 0 s: give it a lowering, e.g. --lower 3",
                s.tempo
            ));
        }
        Ok(s)
    }
}

/// The sound settings a command line gives, over the config file's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueLayer {
    /// `--volume`.
    pub volume: Option<u8>,
    /// `--voice HOW` (`--no-voice`: off).
    pub voice: Option<Voice>,
    /// `--count WAY`.
    pub count: Option<Counting>,
    /// `--no-ticks` (off).
    pub ticks: Option<bool>,
}

/// What a lifter hears: volume, voice, counting and ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heard {
    /// Volume, 0-100.
    pub volume: u8,
    /// What is spoken.
    pub voice: Voice,
    /// Which way the lowering is counted.
    pub count: Counting,
    /// A tick each second.
    pub ticks: bool,
}

impl CueLayer {
    /// This layer's values where it gives them, else `base`'s.
    pub fn over(&self, base: Heard) -> Heard {
        Heard {
            volume: self.volume.unwrap_or(base.volume),
            voice: self.voice.unwrap_or(base.voice),
            count: self.count.unwrap_or(base.count),
            ticks: self.ticks.unwrap_or(base.ticks),
        }
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}
