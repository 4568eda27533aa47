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

use crate::timing::units::{duration, ms_of};

use crate::timing::plan::{Phase, Session, Slot, Step};
use crate::timing::tempo::MAX_FIELD_MS;
use crate::timing::workout::Workout;

mod events;

pub(crate) use events::{Attempt, Ending, Event, SetSummary, Status, StoppedIn, Summary};
pub use events::{Command, EventKind};

/// How many seconds before a set starts are counted down.
pub(crate) const COUNTDOWN: u32 = 3;

/// The block and set a count-in, rest or changeover leads into.
pub(crate) fn next_set(step: Step) -> (u16, u16) {
    match step.phase {
        Phase::Rest => (step.block, step.set.saturating_add(1)),
        Phase::Changeover => (step.block.saturating_add(1), 1),
        _ => (step.block, step.set),
    }
}

/// How long the count-in is that a skipped rest or changeover gives
/// before rep 1, in ms, unless the session's own count-in is set to
/// something else than its default.
pub(crate) const SKIP_COUNT_IN_MS: u32 = 3000;

/// The count-in after a skipped rest in `session`: 3 s, or the session's
/// count-in where one other than the default is given (0: none).
pub(crate) fn skip_count_in_ms(session: &Session) -> u32 {
    if session.count_in_ms == Session::default().count_in_ms {
        SKIP_COUNT_IN_MS
    } else {
        session.count_in_ms
    }
}

/// How much one press of longer/shorter changes the lowering, in ms.
pub(crate) const LOWER_STEP_MS: i64 = 500;

/// The timing engine for one session.
#[derive(Debug, Clone)]
pub struct Engine {
    workout: Workout,
    live: bool,
    steps: Vec<Step>,
    idx: usize,
    started: bool,
    done: bool,
    step_start: Instant,
    step_t: Duration,
    counts: u32,
    paused_at: Option<Instant>,
    /// A rep of the current attempt has started, and it has not ended.
    in_attempt: bool,
    /// The current attempt is a redo of a set completed before.
    redo: bool,
    block: u16,
    set: u16,
    set_tut: Duration,
    set_reps: u16,
    finished: Vec<SetSummary>,
}

impl Engine {
    /// An engine for the one-block `session`, whose first step starts at
    /// `start`.
    pub fn new(session: Session, start: Instant) -> Engine {
        Engine::live(Workout::single(session), start)
    }

    /// An engine for `workout` run live (open-ended sets go on until the
    /// lifter ends them), whose first step starts at `start`.
    pub fn live(workout: Workout, start: Instant) -> Engine {
        Engine::build(workout, start, true)
    }

    /// An engine for `workout` as planned: open-ended sets end at their
    /// planned reps (what `plan` and `render` time).
    pub fn planned(workout: Workout, start: Instant) -> Engine {
        Engine::build(workout, start, false)
    }

    fn build(workout: Workout, start: Instant, live: bool) -> Engine {
        let steps = workout.steps(live);
        Engine {
            workout,
            live,
            steps,
            idx: 0,
            started: false,
            done: false,
            step_start: start,
            step_t: Duration::ZERO,
            counts: 0,
            paused_at: None,
            in_attempt: false,
            redo: false,
            block: 0,
            set: 0,
            set_tut: Duration::ZERO,
            set_reps: 0,
            finished: Vec::new(),
        }
    }

    /// The current block's session as it stands (the lowering may have
    /// been changed live).
    pub fn session(&self) -> &Session {
        &self.workout.block(self.current().block).session
    }

    /// The workout as it stands.
    pub fn workout(&self) -> &Workout {
        &self.workout
    }

    /// Whether the session is over.
    pub(crate) fn is_done(&self) -> bool {
        self.done
    }

    /// Whether the clock is stopped.
    pub(crate) fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Whether a partner's lift that waits for the lifter is still to
    /// come (or is under way): a line typed ahead can still be used.
    pub(crate) fn waits_ahead(&self) -> bool {
        !self.done && self.steps.iter().skip(self.idx).any(|s| s.manual)
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
            Phase::CountIn | Phase::Rest | Phase::Changeover
                if self.counts < whole.min(COUNTDOWN) =>
            {
                let n = whole.min(COUNTDOWN) - self.counts;
                // n ≤ whole, so this cannot go below the step's start.
                let at = self.step_start + duration((step.ms - n * 1000).into());
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
                .map_or(self.step_start + duration(step.ms.into()), |(at, _)| at),
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
                    let (block, set) = next_set(step);
                    EventKind::Countdown { n, block, set }
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
            t_ms: ms_of(self.step_t + at.saturating_duration_since(self.step_start)),
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
        let place = |s: &Step| (s.block, s.set, s.rep);
        let rep_ends = step.rep >= 1 && next.is_none_or(|n| place(n) != place(&step));
        let set_ends = rep_ends
            && next.is_none_or(|n| n.rep == 0 || (n.block, n.set) != (step.block, step.set));
        if rep_ends {
            self.set_reps = self.set_reps.saturating_add(1);
            events.push(self.event(
                end,
                EventKind::RepDone {
                    set: step.set,
                    rep: step.rep,
                },
            ));
            if set_ends {
                self.set_done(self.set_summary(), end, events);
            }
        }
        self.move_to_next(end);
    }

    /// Records `summary` as the current attempt's end.
    fn set_done(&mut self, summary: SetSummary, end: Instant, events: &mut Vec<Event>) {
        self.in_attempt = false;
        self.finished.push(summary);
        events.push(self.event(end, EventKind::SetDone(summary)));
    }

    fn move_to_next(&mut self, end: Instant) {
        self.step_t += end.saturating_duration_since(self.step_start);
        self.step_start = end;
        self.idx = (self.idx + 1).min(self.steps.len() - 1);
        self.counts = 0;
    }

    fn set_summary(&self) -> SetSummary {
        let session = &self.workout.block(self.block).session;
        SetSummary {
            block: self.block.max(1),
            set: self.set,
            reps_done: self.set_reps,
            reps_planned: session.reps_of(self.set),
            tut_ms: ms_of(self.set_tut),
            lower_ms: session.tempo.lower,
            open_ended: session.open_ended_in(self.set),
            ended: None,
            attempt: if self.redo {
                Attempt::Redo
            } else {
                Attempt::Planned
            },
        }
    }

    fn start_step(&mut self, events: &mut Vec<Event>) {
        let step = self.current();
        if step.rep >= 1 && (step.block, step.set) != (self.block, self.set) {
            self.block = step.block;
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
                let step = self.current();
                if step.manual || step.partner {
                    self.skip(now, &mut events);
                }
            }
            Command::RestartSet => self.restart_set(now, &mut events),
            Command::EndSet => self.end_set(now, &mut events),
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
        let step = self.current();
        if matches!(step.phase, Phase::Rest | Phase::Changeover) {
            // The lifter is walking back to the bar: a short count-in,
            // never longer than the wait it replaces, before rep 1.
            let (block, set) = next_set(step);
            let left = duration(step.ms.into())
                .saturating_sub(end.saturating_duration_since(self.step_start));
            let len = skip_count_in_ms(&self.workout.block(block).session)
                .min(u32::try_from(left.as_millis()).unwrap_or(u32::MAX));
            if len > 0 {
                self.steps.truncate(self.idx + 1);
                self.steps.push(Step {
                    phase: Phase::CountIn,
                    block,
                    set,
                    rep: 0,
                    ms: len,
                    manual: false,
                    partner: false,
                    extra: false,
                });
                self.steps.extend(
                    self.workout
                        .steps_from(Slot::Rep { block, set, rep: 1 }, self.live),
                );
            }
        }
        self.finish_step(end, events);
        self.start_step(events);
    }

    /// Starts the current set again (in a rest: the set just done). An
    /// attempt cut short is kept as [`Attempt::Restarted`] if it did
    /// anything; the attempt that follows is a [`Attempt::Redo`] if the
    /// set was complete before.
    fn restart_set(&mut self, now: Instant, events: &mut Vec<Event>) {
        let step = self.current();
        let (block, set) = (step.block.max(1), step.set.max(1));
        let end = self.effective_now(now);
        let cut_short = self
            .in_attempt
            .then(|| SetSummary {
                tut_ms: self.status(now).set_tut_ms,
                attempt: Attempt::Restarted,
                ..self.set_summary()
            })
            .filter(SetSummary::performed);
        self.finished.extend(cut_short);
        self.steps.truncate(self.idx + 1);
        let session = &self.workout.block(block).session;
        self.steps.extend(session.count_in_in(block, set));
        self.steps.extend(
            self.workout
                .steps_from(Slot::Rep { block, set, rep: 1 }, self.live),
        );
        self.move_to_next(end);
        self.block = block;
        self.set = set;
        self.set_tut = Duration::ZERO;
        self.set_reps = 0;
        self.in_attempt = false;
        self.redo = self
            .finished
            .iter()
            .any(|s| (s.block, s.set) == (block, set) && s.attempt != Attempt::Restarted);
        events.push(self.event(
            end,
            EventKind::SetRestarted {
                block,
                set,
                cut_short,
            },
        ));
        self.start_step(events);
    }

    /// Ends the set under way at `now` ("that was the last rep"): what was
    /// done is kept, with the rep, phase and time into it where it ended,
    /// and the session goes on to the rest, the changeover or the end.
    /// Outside a set (a count-in, a rest), it does nothing.
    fn end_set(&mut self, now: Instant, events: &mut Vec<Event>) {
        let step = self.current();
        if step.rep == 0 || (step.block, step.set) != (self.block, self.set) {
            return;
        }
        let end = self.effective_now(now);
        let into = end.saturating_duration_since(self.step_start);
        if step.under_tension() {
            self.set_tut += into;
        }
        let summary = SetSummary {
            ended: Some(Ending {
                rep: step.rep,
                phase: step.phase,
                into_ms: ms_of(into),
            }),
            ..self.set_summary()
        };
        self.set_done(summary, end, events);
        self.steps.truncate(self.idx + 1);
        self.steps.extend(self.workout.steps_from(
            Slot::Rest {
                block: step.block,
                after: step.set,
            },
            self.live,
        ));
        self.move_to_next(end);
        self.start_step(events);
    }

    fn change_lowering(&mut self, delta: i64, now: Instant, events: &mut Vec<Event>) {
        let current = self.current();
        let block = if current.phase == Phase::Changeover {
            current.block.saturating_add(1).min(self.workout.len())
        } else {
            current.block
        };
        let old = self.workout.block(block).session.tempo.lower;
        let new = (i64::from(old) + delta).clamp(0, i64::from(MAX_FIELD_MS));
        let new = u32::try_from(new).unwrap_or(old);
        let mut session = self.workout.block(block).session.clone();
        session.tempo.lower = new;
        if new == old || session.rep_tut_ms() == 0 {
            return;
        }
        self.workout.block_mut(block).session = session;
        let here = current.slot();
        let next = (self.idx + 1..self.steps.len())
            .find(|&j| self.steps[j].slot() != here || self.steps[j].phase == Phase::CountIn);
        if let Some(j) = next
            && let Some(slot) = self.steps[j].slot()
        {
            self.steps.truncate(j);
            self.steps.extend(self.workout.steps_from(slot, self.live));
        }
        let at = self.effective_now(now);
        events.push(self.event(at, EventKind::LoweringChanged { lower_ms: new }));
    }

    /// Where the session stands at `now`, for display. Pure: call
    /// [`Engine::advance`] first so the current step is up to date.
    pub fn status(&self, now: Instant) -> Status {
        let step = self.current();
        let at = self.effective_now(now);
        let len = duration(step.ms.into());
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
        // Whole ms in the step and left of it add up to the step's length.
        let elapsed_ms = ms_of(elapsed);
        Status {
            step,
            elapsed_ms,
            remaining_ms: ms_of(len).saturating_sub(elapsed_ms),
            paused: self.paused_at.is_some(),
            waiting: step.manual && !self.done,
            set_tut_ms: ms_of(self.set_tut + live_tut),
            set_reps: self.set_reps,
            next: self.steps.get(self.idx + 1).copied(),
            lower_ms: self.session().tempo.lower,
            t_ms: ms_of(self.step_t + elapsed),
        }
    }

    /// What the session amounted to at `now`: completed sets and the set
    /// in progress, if any.
    pub fn summary(&self, now: Instant) -> Summary {
        let status = self.status(now);
        let partial = self.in_attempt.then(|| SetSummary {
            tut_ms: status.set_tut_ms,
            ..self.set_summary()
        });
        Summary {
            sets: self.finished.clone(),
            partial,
            elapsed_ms: status.t_ms,
            sets_planned: self.workout.sets(),
            stopped_in: (!self.done && self.workout.len() > 1).then(|| {
                // A changeover belongs to the block just finished: going on
                // means the next one.
                let block = if status.step.phase == Phase::Changeover {
                    next_set(status.step).0.min(self.workout.len())
                } else {
                    status.step.block
                };
                StoppedIn {
                    block,
                    blocks: self.workout.len(),
                    exercise: self.workout.block(block).exercise.clone(),
                    run_as: self.workout.run_as.clone(),
                }
            }),
        }
    }
}

/// Runs a whole session on a synthetic clock from `origin`, a manual lift
/// taking no time, and returns every event in order. `plan` and `render`
/// use this, so they show exactly what a live session does.
pub fn simulate(session: &Session, origin: Instant) -> Vec<Event> {
    simulate_workout(&Workout::single(session.clone()), origin)
}

/// Runs a whole workout on a synthetic clock like [`simulate`], its
/// open-ended sets timed as planned.
pub fn simulate_workout(workout: &Workout, origin: Instant) -> Vec<Event> {
    let mut engine = Engine::planned(workout.clone(), origin);
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
