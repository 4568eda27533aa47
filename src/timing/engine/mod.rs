//! The session's timing engine: a pure, deterministic state machine.
//!
//! It never reads the clock. The app loop asks for [`Engine::next_deadline`],
//! sleeps until then, and calls [`Engine::advance`] with the time it read;
//! the engine returns every event crossed since the last call, in order,
//! even after a long stall. Each step starts where the previous one ended
//! (`previous end + planned length`, from the session start), never at
//! `now + length`, so nothing drifts however late the loop wakes. Pauses
//! shift later deadlines by exactly the paused span.

use std::time::{Duration, Instant};

use crate::timing::plan::{Phase, Session, Slot, Step};
use crate::timing::tempo::MAX_FIELD_MS;

/// Something that happened in the session, at its planned instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it was due (the instant the engine was started from, plus
    /// planned lengths, plus pauses).
    pub at: Instant,
    /// Session time: time since the start, paused spans left out.
    pub t: Duration,
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
    /// A set starts in `n` seconds (3, 2, 1 at the end of a count-in or rest).
    Countdown {
        /// Seconds until the set starts.
        n: u32,
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
    /// Set, from 1.
    pub set: u16,
    /// Reps completed.
    pub reps_done: u16,
    /// Reps planned.
    pub reps_planned: u16,
    /// Time under tension.
    pub tut: Duration,
    /// The lowering length the set was done with, in ms.
    pub lower_ms: u32,
    /// How to read this attempt beside the others of the same set.
    pub attempt: Attempt,
}

impl SetSummary {
    /// Whether anything was done: a rep, or a second under tension. An
    /// attempt that did nothing (stopped or restarted at once) is neither
    /// summed up nor logged.
    pub fn performed(&self) -> bool {
        self.reps_done > 0 || self.tut >= Duration::from_secs(1)
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
    /// The partner has lifted: start the lowering (a manual step ends).
    Proceed,
}

/// How many seconds before a set starts are counted down.
pub const COUNTDOWN: u32 = 3;

/// The set a count-in or rest leads into.
fn next_set(step: Step) -> u16 {
    if step.phase == Phase::Rest {
        step.set.saturating_add(1)
    } else {
        step.set
    }
}

/// How much one press of longer/shorter changes the lowering, in ms.
pub const LOWER_STEP_MS: i64 = 500;

/// Where the session stands at an instant, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The current step.
    pub step: Step,
    /// Time spent in it.
    pub elapsed: Duration,
    /// Time left in it (zero for a manual step and for `done`).
    pub remaining: Duration,
    /// The clock is stopped.
    pub paused: bool,
    /// The step waits for the lifter (a partner-assisted lift).
    pub waiting: bool,
    /// Time under tension so far in the current (or just finished) set.
    pub set_tut: Duration,
    /// Reps completed in the current set.
    pub set_reps: u16,
    /// The step after this one.
    pub next: Option<Step>,
    /// The lowering length now in force, in ms.
    pub lower_ms: u32,
    /// Session time: since the start, pauses left out.
    pub t: Duration,
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
    /// Session time, pauses left out.
    pub elapsed: Duration,
    /// Sets planned.
    pub sets_planned: u16,
}

impl Summary {
    /// How many of the planned sets were completed (a redone set counts
    /// once).
    pub fn sets_done(&self) -> usize {
        let mut done: Vec<u16> = self
            .sets
            .iter()
            .filter(|s| s.attempt != Attempt::Restarted)
            .map(|s| s.set)
            .collect();
        done.sort_unstable();
        done.dedup();
        done.len()
    }

    /// Total time under tension, partial set included.
    pub fn tut(&self) -> Duration {
        self.sets
            .iter()
            .chain(self.partial.iter())
            .map(|s| s.tut)
            .sum()
    }

    /// Total reps completed, partial set included.
    pub fn reps(&self) -> u32 {
        self.sets
            .iter()
            .chain(self.partial.iter())
            .map(|s| u32::from(s.reps_done))
            .sum()
    }
}

/// The timing engine for one session.
#[derive(Debug, Clone)]
pub struct Engine {
    session: Session,
    steps: Vec<Step>,
    idx: usize,
    started: bool,
    done: bool,
    step_start: Instant,
    step_t: Duration,
    counts: u32,
    paused_at: Option<Instant>,
    set: u16,
    set_tut: Duration,
    set_reps: u16,
    /// A rep of the current attempt has started, and it has not ended.
    in_attempt: bool,
    /// The current attempt is a redo of a set completed before.
    redo: bool,
    finished: Vec<SetSummary>,
}

fn ms(ms: u32) -> Duration {
    Duration::from_millis(u64::from(ms))
}

impl Engine {
    /// An engine for `session`, whose first step starts at `start`.
    pub fn new(session: Session, start: Instant) -> Engine {
        let steps = session.steps();
        Engine {
            session,
            steps,
            idx: 0,
            started: false,
            done: false,
            step_start: start,
            step_t: Duration::ZERO,
            counts: 0,
            paused_at: None,
            set: 0,
            set_tut: Duration::ZERO,
            set_reps: 0,
            in_attempt: false,
            redo: false,
            finished: Vec::new(),
        }
    }

    /// The session as it stands (the lowering may have been changed live).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Whether the session is over.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Whether the clock is stopped.
    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    fn current(&self) -> Step {
        self.steps[self.idx.min(self.steps.len() - 1)]
    }

    /// The next count within the current step, if any: `(instant, n)`.
    /// A lowering counts up its whole seconds (1 at one second in); a
    /// count-in or rest counts down its last three (3, 2, 1 seconds before
    /// the set starts).
    fn count_due(&self) -> Option<(Instant, u32)> {
        let step = self.current();
        let whole = step.ms / 1000;
        match step.phase {
            Phase::Lower if self.counts < whole => {
                let n = self.counts + 1;
                Some((self.step_start + Duration::from_secs(n.into()), n))
            }
            Phase::CountIn | Phase::Rest if self.counts < whole.min(COUNTDOWN) => {
                let n = whole.min(COUNTDOWN) - self.counts;
                // n ≤ whole, so this cannot go below the step's start.
                let at = self.step_start + ms(step.ms - n * 1000);
                Some((at, n))
            }
            _ => None,
        }
    }

    /// The instant of the next event, or `None` while paused, while waiting
    /// for the lifter, and once the session is over.
    pub fn next_deadline(&self) -> Option<Instant> {
        if !self.started {
            return Some(self.step_start);
        }
        let step = self.current();
        if self.done || self.paused_at.is_some() || step.manual {
            return None;
        }
        Some(
            self.count_due()
                .map_or(self.step_start + ms(step.ms), |(at, _)| at),
        )
    }

    /// Every event due at or before `now`, in order. Calling it again with
    /// the same `now` returns nothing and changes nothing.
    pub fn advance(&mut self, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        self.advance_into(now, &mut events);
        events
    }

    fn advance_into(&mut self, now: Instant, events: &mut Vec<Event>) {
        while let Some(due) = self.next_deadline() {
            if due > now {
                break;
            }
            if !self.started {
                self.started = true;
                self.start_step(events);
            } else if let Some((at, n)) = self.count_due()
                && at == due
            {
                self.counts += 1;
                let step = self.current();
                let kind = if step.phase == Phase::Lower {
                    EventKind::Count {
                        n,
                        of_ms: step.ms,
                        set: step.set,
                        rep: step.rep,
                    }
                } else {
                    EventKind::Countdown {
                        n,
                        set: next_set(step),
                    }
                };
                events.push(self.event(due, kind));
            } else {
                self.finish_step(due, events);
                self.start_step(events);
            }
        }
    }

    fn event(&self, at: Instant, kind: EventKind) -> Event {
        Event {
            at,
            t: self.step_t + at.saturating_duration_since(self.step_start),
            kind,
        }
    }

    /// Ends the current step at `end`, emitting rep and set completions.
    fn finish_step(&mut self, end: Instant, events: &mut Vec<Event>) {
        let step = self.current();
        let spent = end.saturating_duration_since(self.step_start);
        if step.under_tension() {
            self.set_tut += spent;
        }
        let next = self.steps.get(self.idx + 1);
        let rep_ends = step.rep >= 1 && next.is_none_or(|n| (n.set, n.rep) != (step.set, step.rep));
        if rep_ends {
            self.set_reps = self.set_reps.saturating_add(1);
            events.push(self.event(
                end,
                EventKind::RepDone {
                    set: step.set,
                    rep: step.rep,
                },
            ));
            if step.rep == self.session.reps {
                let summary = self.set_summary();
                self.in_attempt = false;
                self.finished.push(summary);
                events.push(self.event(end, EventKind::SetDone(summary)));
            }
        }
        self.move_to_next(end);
    }

    fn move_to_next(&mut self, end: Instant) {
        self.step_t += end.saturating_duration_since(self.step_start);
        self.step_start = end;
        self.idx = (self.idx + 1).min(self.steps.len() - 1);
        self.counts = 0;
    }

    fn set_summary(&self) -> SetSummary {
        SetSummary {
            set: self.set,
            reps_done: self.set_reps,
            reps_planned: self.session.reps,
            tut: self.set_tut,
            lower_ms: self.session.tempo.lower,
            attempt: if self.redo {
                Attempt::Redo
            } else {
                Attempt::Planned
            },
        }
    }

    fn start_step(&mut self, events: &mut Vec<Event>) {
        let step = self.current();
        if step.rep >= 1 && step.set != self.set {
            self.set = step.set;
            self.set_tut = Duration::ZERO;
            self.set_reps = 0;
            self.redo = false;
        }
        if step.rep >= 1 {
            self.in_attempt = true;
        }
        events.push(self.event(self.step_start, EventKind::PhaseStarted(step)));
        if step.phase == Phase::Done {
            self.done = true;
            events.push(self.event(self.step_start, EventKind::SessionDone));
        }
    }

    /// Applies a lifter's command at `now`. Events due before `now` come
    /// first in the returned list, then what the command caused.
    /// A command given before the session's start instant (a key pressed
    /// while the sound device warms up) counts as given at the start.
    pub fn command(&mut self, command: Command, now: Instant) -> Vec<Event> {
        let mut events = Vec::new();
        let now = if self.started {
            now
        } else {
            now.max(self.step_start)
        };
        self.advance_into(now, &mut events);
        if self.done {
            return events;
        }
        match command {
            Command::TogglePause => match self.paused_at.take() {
                Some(since) => {
                    let span = now.saturating_duration_since(since);
                    self.step_start += span;
                    events.push(self.event(now.max(since), EventKind::Resumed));
                }
                None => {
                    self.paused_at = Some(now);
                    events.push(self.event(now, EventKind::Paused));
                }
            },
            Command::Skip => self.skip(now, &mut events),
            Command::Proceed => {
                if self.current().manual {
                    self.skip(now, &mut events);
                }
            }
            Command::RestartSet => self.restart_set(now, &mut events),
            Command::Longer => self.change_lowering(LOWER_STEP_MS, now, &mut events),
            Command::Shorter => self.change_lowering(-LOWER_STEP_MS, now, &mut events),
        }
        events
    }

    /// Where "now" is on the step clock: the pause instant while paused.
    fn effective_now(&self, now: Instant) -> Instant {
        self.paused_at.unwrap_or(now).max(self.step_start)
    }

    fn skip(&mut self, now: Instant, events: &mut Vec<Event>) {
        let end = self.effective_now(now);
        self.finish_step(end, events);
        self.start_step(events);
    }

    /// Starts the current set again (in a rest: the set just done). An
    /// attempt cut short is kept as [`Attempt::Restarted`] if it did
    /// anything; the attempt that follows is a [`Attempt::Redo`] if the
    /// set was complete before.
    fn restart_set(&mut self, now: Instant, events: &mut Vec<Event>) {
        let step = self.current();
        let set = step.set.max(1);
        let end = self.effective_now(now);
        let cut_short = self
            .in_attempt
            .then(|| SetSummary {
                tut: self.status(now).set_tut,
                attempt: Attempt::Restarted,
                ..self.set_summary()
            })
            .filter(SetSummary::performed);
        self.finished.extend(cut_short);
        self.steps.truncate(self.idx + 1);
        self.steps.extend(self.session.count_in(set));
        self.steps
            .extend(self.session.steps_from(Slot::Rep { set, rep: 1 }));
        self.move_to_next(end);
        self.set = set;
        self.set_tut = Duration::ZERO;
        self.set_reps = 0;
        self.in_attempt = false;
        self.redo = self
            .finished
            .iter()
            .any(|s| s.set == set && s.attempt != Attempt::Restarted);
        events.push(self.event(end, EventKind::SetRestarted { set, cut_short }));
        self.start_step(events);
    }

    fn change_lowering(&mut self, delta: i64, now: Instant, events: &mut Vec<Event>) {
        let old = self.session.tempo.lower;
        let new = (i64::from(old) + delta).clamp(0, i64::from(MAX_FIELD_MS));
        let new = u32::try_from(new).unwrap_or(old);
        let mut session = self.session.clone();
        session.tempo.lower = new;
        if new == old || session.rep_tut_ms() == 0 {
            return;
        }
        self.session = session;
        let here = self.current().slot();
        let next = (self.idx + 1..self.steps.len())
            .find(|&j| self.steps[j].slot() != here || self.steps[j].phase == Phase::CountIn);
        if let Some(j) = next
            && let Some(slot) = self.steps[j].slot()
        {
            self.steps.truncate(j);
            self.steps.extend(self.session.steps_from(slot));
        }
        let at = self.effective_now(now);
        events.push(self.event(at, EventKind::LoweringChanged { lower_ms: new }));
    }

    /// Where the session stands at `now`, for display. Pure: call
    /// [`Engine::advance`] first so the current step is up to date.
    pub fn status(&self, now: Instant) -> Status {
        let step = self.current();
        let at = self.effective_now(now);
        let len = ms(step.ms);
        let elapsed = if self.started {
            at.saturating_duration_since(self.step_start)
        } else {
            Duration::ZERO
        };
        let elapsed = if step.manual {
            elapsed
        } else {
            elapsed.min(len)
        };
        let live_tut = if step.under_tension() {
            elapsed
        } else {
            Duration::ZERO
        };
        Status {
            step,
            elapsed,
            remaining: len.saturating_sub(elapsed),
            paused: self.paused_at.is_some(),
            waiting: step.manual && !self.done,
            set_tut: self.set_tut + live_tut,
            set_reps: self.set_reps,
            next: self.steps.get(self.idx + 1).copied(),
            lower_ms: self.session.tempo.lower,
            t: self.step_t + elapsed,
        }
    }

    /// What the session amounted to at `now`: completed sets and the set
    /// in progress, if any.
    pub fn summary(&self, now: Instant) -> Summary {
        let status = self.status(now);
        let partial = self.in_attempt.then(|| SetSummary {
            tut: status.set_tut,
            ..self.set_summary()
        });
        Summary {
            sets: self.finished.clone(),
            partial,
            elapsed: status.t,
            sets_planned: self.session.sets,
        }
    }
}

/// Runs a whole session on a synthetic clock from `origin`, a manual lift
/// taking no time, and returns every event in order. `plan` and `render`
/// use this, so they show exactly what a live session does.
pub fn simulate(session: &Session, origin: Instant) -> Vec<Event> {
    let mut engine = Engine::new(session.clone(), origin);
    let mut events = Vec::new();
    let mut now = origin;
    while !engine.is_done() {
        match engine.next_deadline() {
            Some(due) => {
                now = due;
                engine.advance_into(now, &mut events);
            }
            None if engine.current().manual => {
                events.extend(engine.command(Command::Proceed, now));
            }
            None => break,
        }
    }
    events
}

#[cfg(test)]
mod tests;
