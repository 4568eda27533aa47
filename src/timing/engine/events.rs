//! What the engine says: the events it emits, the commands it takes, and
//! where a session stands (its status and summary).

use std::time::Instant;

use crate::timing::plan::{Phase, Step};

/// Something that happened in the session, at its planned instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it was due (the instant the engine was started from, plus
    /// planned lengths, plus pauses).
    pub at: Instant,
    /// Session time in ms: time since the start, paused spans left out.
    pub t_ms: u64,
    /// What happened.
    pub kind: EventKind,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A step (phase) started.
    PhaseStarted(Step),
    /// Whole second `n` of a lowering (1 at one second in).
    Count {
        /// Seconds into the lowering.
        n: u32,
        /// The lowering's length in ms.
        of_ms: u32,
        /// Set, from 1.
        set: u16,
        /// Rep, from 1.
        rep: u16,
    },
    /// A set starts in `n` seconds (3, 2, 1 at the end of a count-in, a
    /// rest or a changeover).
    Countdown {
        /// Seconds until the set starts.
        n: u32,
        /// The block of the set about to start.
        block: u16,
        /// The set about to start.
        set: u16,
    },
    /// A rep's last phase ended.
    RepDone {
        /// Set, from 1.
        set: u16,
        /// Rep, from 1.
        rep: u16,
    },
    /// A set's last rep ended.
    SetDone(SetSummary),
    /// The lifter restarted a set; it begins again from rep 1, after a
    /// count-in. In the rest after a set, that set is done again (a
    /// [`Attempt::Redo`]).
    SetRestarted {
        /// Its block.
        block: u16,
        /// The set restarted.
        set: u16,
        /// The attempt cut short, if it had [`SetSummary::performed`]
        /// anything (marked [`Attempt::Restarted`]).
        cut_short: Option<SetSummary>,
    },
    /// The lowering of the following reps changed.
    LoweringChanged {
        /// The new lowering, in ms.
        lower_ms: u32,
    },
    /// The clock stopped.
    Paused,
    /// The clock runs again.
    Resumed,
    /// The last step ended: the session is over.
    SessionDone,
}

/// Where a set that the lifter ended stood when it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    /// The rep under way, from 1 (the one that failed).
    pub rep: u16,
    /// Its phase.
    pub phase: Phase,
    /// How far into that phase, in ms.
    pub into_ms: u64,
}

/// What an attempt at a set was, beside the others of its set number.
/// Every attempt that did something is kept (in the summary, and in the
/// training log), and this says how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attempt {
    /// The set as planned: its first attempt, or the one after attempts
    /// cut short by a restart.
    #[default]
    Planned,
    /// The set done again after it was complete (`r` in the rest after
    /// it): its complete attempt stands before this one.
    Redo,
    /// An attempt cut short by a restart (`r` mid-set): the set began
    /// again from rep 1, so this one is not the set.
    Restarted,
}

/// What one attempt at a set amounted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetSummary {
    /// Block, from 1.
    pub block: u16,
    /// Set, from 1.
    pub set: u16,
    /// Reps completed.
    pub reps_done: u16,
    /// Reps planned.
    pub reps_planned: u16,
    /// Time under tension, in ms.
    pub tut_ms: u64,
    /// The lowering length the set was done with, in ms.
    pub lower_ms: u32,
    /// The set was open-ended (`8+`): planned reps, then on to failure.
    pub open_ended: bool,
    /// The lifter ended it here ("the set ends here"), if they did.
    pub ended: Option<Ending>,
    /// How to read this attempt beside the others of the same set.
    pub attempt: Attempt,
}

impl SetSummary {
    /// Whether anything was done: a rep, or a second under tension. An
    /// attempt that did nothing (stopped or restarted at once) is neither
    /// summed up nor logged.
    pub(crate) fn performed(&self) -> bool {
        self.reps_done > 0 || self.tut_ms >= 1000
    }

    /// An open-ended set that ran past its plan to its cap with no failure
    /// signalled (`f`): the reps past the plan were counted, not known to
    /// be done.
    pub fn capped(&self) -> bool {
        self.open_ended
            && self.ended.is_none()
            && self.attempt != Attempt::Restarted
            && self.reps_done > self.reps_planned
    }

    /// The reps the set is taken to have: those done, or for a set that
    /// ran to its cap ([`SetSummary::capped`]) its plan. This is what the
    /// summary counts and the training log writes (the README's rule).
    pub fn reps_counted(&self) -> u16 {
        if self.capped() {
            self.reps_planned
        } else {
            self.reps_done
        }
    }
}

/// A lifter's command to a running session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Pause if running, resume if paused.
    TogglePause,
    /// End the current step now (skip a rest, or a phase).
    Skip,
    /// Start the current set again from rep 1, after a count-in.
    RestartSet,
    /// Lower 0.5 s longer from the next rep on.
    Longer,
    /// Lower 0.5 s shorter from the next rep on.
    Shorter,
    /// The partner has lifted: start the lowering (a partner's lift, timed
    /// or waiting, ends now).
    Proceed,
    /// That was the last rep: the set ends here, and the session goes on
    /// to the rest, the changeover or the end.
    EndSet,
}

/// Where the session stands at an instant, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The current step.
    pub step: Step,
    /// Time spent in it, in ms.
    pub elapsed_ms: u64,
    /// Time left in it, in ms (0 for a manual step and for `done`).
    pub remaining_ms: u64,
    /// The clock is stopped.
    pub paused: bool,
    /// The step waits for the lifter (a partner-assisted lift).
    pub waiting: bool,
    /// Time under tension so far in the current (or just finished) set,
    /// in ms.
    pub set_tut_ms: u64,
    /// Reps completed in the current set.
    pub set_reps: u16,
    /// The step after this one.
    pub next: Option<Step>,
    /// The lowering length now in force, in ms.
    pub lower_ms: u32,
    /// Session time in ms: since the start, pauses left out.
    pub t_ms: u64,
}

/// What a session amounted to, so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Every attempt that ended, in order: each set completed (a redo
    /// too), and each cut short by a restart after it had
    /// [`SetSummary::performed`] something.
    pub sets: Vec<SetSummary>,
    /// The attempt in progress, if stopped part-way.
    pub partial: Option<SetSummary>,
    /// Session time in ms, pauses left out.
    pub elapsed_ms: u64,
    /// Sets planned, all blocks.
    pub sets_planned: u16,
    /// A workout of more than one block stopped before its end: where.
    pub stopped_in: Option<StoppedIn>,
}

/// Where a workout stopped before its end, to say how to go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoppedIn {
    /// The block under way, from 1.
    pub block: u16,
    /// How many blocks the workout has.
    pub blocks: u16,
    /// That block's exercise.
    pub exercise: Option<String>,
    /// The options that chose the workout, as a shell takes them after
    /// `repcadence` (`-w push`, `--config c.toml -w 'my legs.toml'`).
    pub run_as: Option<String>,
}

impl Summary {
    /// How many of the planned sets were completed (a redone set counts
    /// once).
    pub(crate) fn sets_done(&self) -> usize {
        let mut done: Vec<(u16, u16)> = self
            .sets
            .iter()
            .filter(|s| s.attempt != Attempt::Restarted)
            .map(|s| (s.block, s.set))
            .collect();
        done.sort_unstable();
        done.dedup();
        done.len()
    }

    /// Total time under tension in ms, partial set included.
    pub fn tut_ms(&self) -> u64 {
        self.sets
            .iter()
            .chain(self.partial.iter())
            .map(|s| s.tut_ms)
            .sum()
    }

    /// Total reps completed, partial set included.
    pub fn reps(&self) -> u32 {
        self.sets
            .iter()
            .chain(self.partial.iter())
            .map(|s| u32::from(s.reps_counted()))
            .sum()
    }
}
