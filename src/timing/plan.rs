//! A workout as a list of timed steps: count-in, the phases of every rep of
//! every set of every block, rest between sets, a changeover between
//! blocks, and `done`. A [`Session`] is one block's timing; a [`Workout`](crate::timing::workout::Workout)
//! is its blocks in order (today's single-exercise session is the one-block
//! case).
//!
//! The live engine and `repcadence plan` both walk the list this module
//! builds, so the plan is exactly what a live session does.

use std::fmt;

use serde::Serialize;

use crate::timing::tempo::{Lift, Tempo};

/// The time under tension per set the training literature recommends, in ms.
pub(crate) const TUT_BAND_MS: (u64, u64) = (40_000, 70_000);

/// A phase of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Getting ready before the first set (and before a restarted set).
    CountIn,
    /// Concentric: raising the weight.
    Lift,
    /// Pause at the top of the rep.
    TopPause,
    /// Eccentric: lowering the weight, the slow phase.
    Lower,
    /// Pause at the bottom of the rep.
    BottomPause,
    /// Rest between sets.
    Rest,
    /// The rest between one block and the next.
    Changeover,
    /// The session is over.
    Done,
}

impl Phase {
    /// The machine name used in JSON and `--plain` output: `count_in`, `lift`…
    pub fn key(self) -> &'static str {
        match self {
            Phase::CountIn => "count_in",
            Phase::Lift => "lift",
            Phase::TopPause => "top_pause",
            Phase::Lower => "lower",
            Phase::BottomPause => "bottom_pause",
            Phase::Rest => "rest",
            Phase::Changeover => "changeover",
            Phase::Done => "done",
        }
    }

    /// Whether the muscle is under load in this phase (it counts towards TUT).
    pub(crate) fn under_tension(self) -> bool {
        matches!(
            self,
            Phase::Lift | Phase::TopPause | Phase::Lower | Phase::BottomPause
        )
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Which phase a rep starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// Lift first (curls, pull-ups, rows): lift, top pause, lower, bottom pause.
    #[default]
    Lift,
    /// Lower first (squats, bench press): lower, bottom pause, lift, top pause.
    Lower,
}

impl Start {
    /// The phase in words: `lift` or `lowering`.
    pub fn word(self) -> &'static str {
        match self {
            Start::Lift => "lift",
            Start::Lower => "lowering",
        }
    }

    /// The name as typed on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Start::Lift => "lift",
            Start::Lower => "lower",
        }
    }
}

/// Everything that shapes a session's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The tempo of every rep.
    pub tempo: Tempo,
    /// How long an `X` (explosive) lift is timed, in ms.
    pub explosive_ms: u32,
    /// Reps per set.
    pub reps: u16,
    /// Sets in the session.
    pub sets: u16,
    /// Rest between sets, in ms.
    pub rest_ms: u32,
    /// Count-in before the first set, in ms.
    pub count_in_ms: u32,
    /// Which phase a rep starts with.
    pub start: Start,
    /// How long a partner's lift (`P` in the tempo) is timed, in ms.
    pub partner_ms: u32,
    /// Open-ended sets (`8+`): `reps` are planned, and a live set goes on
    /// past them until the lifter ends it, up to [`OPEN_ENDED_CAP`] times
    /// as many.
    pub open_ended: bool,
    /// Each set's own reps, when a block gives them one per set
    /// (`reps = [8, 6, "4+"]`): set `n` runs to `each_set[n - 1]`, and
    /// `reps`/`open_ended` are set 1's. Empty: every set is `reps`.
    pub each_set: Vec<SetReps>,
}

/// One set's own planned reps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SetReps {
    /// The planned reps.
    pub reps: u16,
    /// Open-ended (`4+`): the set goes on until the lifter ends it.
    pub open_ended: bool,
}

impl fmt::Display for SetReps {
    /// As typed: `8`, or `8+` for an open-ended set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.reps)?;
        if self.open_ended {
            f.write_str("+")?;
        }
        Ok(())
    }
}

/// How long a partner's lift is timed by default, in ms: 3 s, about a 1-2 s
/// lift done with help and a moment at the top to hand the weight back.
pub(crate) const DEFAULT_PARTNER_MS: u32 = 3000;

/// How many times its planned reps an open-ended set may run to.
pub(crate) const OPEN_ENDED_CAP: u16 = 3;

/// The most blocks a workout may have (and so the range of `--from`).
pub(crate) const MAX_BLOCKS: u16 = 100;

/// The most reps a workout may plan, all blocks and sets: as many as the
/// largest single session (50 sets of 100).
pub(crate) const MAX_WORKOUT_REPS: u32 = 5000;

/// The longest a workout may be planned to last, in ms: a day.
pub(crate) const MAX_WORKOUT_MS: u64 = 24 * 60 * 60 * 1000;

impl Default for Session {
    fn default() -> Self {
        Session {
            tempo: Tempo::default(),
            explosive_ms: 1000,
            reps: 8,
            sets: 3,
            rest_ms: 90_000,
            count_in_ms: 5000,
            start: Start::Lift,
            partner_ms: DEFAULT_PARTNER_MS,
            open_ended: false,
            each_set: Vec::new(),
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// The phase.
    pub phase: Phase,
    /// The block it belongs to, from 1. A changeover belongs to the block
    /// it follows.
    pub block: u16,
    /// The set it belongs to, from 1. Rest belongs to the set it follows.
    pub set: u16,
    /// The rep it belongs to, from 1; 0 for count-in, rest and done.
    pub rep: u16,
    /// Its planned length in ms (0 for `done` and for a manual step).
    pub ms: u32,
    /// It lasts until the lifter says go (a partner-assisted lift).
    pub manual: bool,
    /// A partner lifts (timed, or waiting when `manual`): no time under
    /// tension, and a key ends it early.
    pub partner: bool,
    /// The first phase of a rep past the planned count of an open-ended
    /// set.
    pub extra: bool,
}

/// A place in the timeline to (re)build steps from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The start of rep `rep` of set `set` of block `block`.
    Rep {
        /// Block, from 1.
        block: u16,
        /// Set, from 1.
        set: u16,
        /// Rep, from 1.
        rep: u16,
    },
    /// The rest after set `after` of block `block`.
    Rest {
        /// Block, from 1.
        block: u16,
        /// The set the rest follows.
        after: u16,
    },
    /// The changeover after block `after`.
    Changeover {
        /// The block it follows.
        after: u16,
    },
}

impl Step {
    /// Whether this step counts towards time under tension (a partner's
    /// lift does not).
    pub(crate) fn under_tension(&self) -> bool {
        self.phase.under_tension() && !self.manual && !self.partner
    }

    /// The slot this step belongs to, or `None` for count-in and done.
    pub(crate) fn slot(&self) -> Option<Slot> {
        match self.phase {
            Phase::CountIn | Phase::Done => None,
            Phase::Rest => Some(Slot::Rest {
                block: self.block,
                after: self.set,
            }),
            Phase::Changeover => Some(Slot::Changeover { after: self.block }),
            _ => Some(Slot::Rep {
                block: self.block,
                set: self.set,
                rep: self.rep,
            }),
        }
    }
}

impl Session {
    /// Whether a partner lifts (`P` in the tempo, or `--lift manual`).
    pub(crate) fn partner_lifts(&self) -> bool {
        self.tempo.lift.by_partner()
    }

    /// One rep's time under tension, in ms (a partner's lift does not
    /// count).
    pub(crate) fn rep_tut_ms(&self) -> u32 {
        if self.partner_lifts() {
            self.tempo.lower.saturating_add(self.tempo.bottom)
        } else {
            self.tempo.rep_ms(self.explosive_ms)
        }
    }

    /// Planned time under tension of one set (set 1's, when sets differ),
    /// in ms.
    pub(crate) fn tut_per_set_ms(&self) -> u64 {
        self.tut_of_set_ms(1)
    }

    /// Planned time under tension of set `set`, in ms.
    pub(crate) fn tut_of_set_ms(&self, set: u16) -> u64 {
        u64::from(self.rep_tut_ms()) * u64::from(self.reps_of(set))
    }

    /// Planned reps of set `set` (from 1): its own, or `reps`.
    pub(crate) fn reps_of(&self, set: u16) -> u16 {
        self.set_reps(set).reps
    }

    /// Whether set `set` (from 1) is open-ended.
    pub(crate) fn open_ended_in(&self, set: u16) -> bool {
        self.set_reps(set).open_ended
    }

    /// Set `set`'s planned reps (from 1): its own, or the block's.
    pub(crate) fn set_reps(&self, set: u16) -> SetReps {
        self.each_set
            .get(usize::from(set.max(1) - 1))
            .copied()
            .unwrap_or(SetReps {
                reps: self.reps,
                open_ended: self.open_ended,
            })
    }

    /// Planned reps of every set together.
    pub fn planned_reps(&self) -> u32 {
        (1..=self.sets).map(|n| u32::from(self.reps_of(n))).sum()
    }

    /// The reps as written for a plan line: `8`, `8+`, or each set's
    /// when they differ (`8/6/4+`).
    pub(crate) fn reps_text(&self) -> String {
        if self.reps_vary() {
            (1..=self.sets)
                .map(|n| self.set_reps(n).to_string())
                .collect::<Vec<_>>()
                .join("/")
        } else {
            self.set_reps(1).to_string()
        }
    }

    /// Whether the sets differ in their planned reps.
    pub(crate) fn reps_vary(&self) -> bool {
        (2..=self.sets).any(|n| self.set_reps(n) != self.set_reps(1))
    }

    /// Gives every set its own reps (`reps = [8, 6, 4]`): `sets` becomes
    /// their number, and `reps`/`open_ended` set 1's.
    pub(crate) fn set_each(&mut self, each: Vec<SetReps>) {
        if let Some(first) = each.first() {
            self.reps = first.reps;
            self.open_ended = first.open_ended;
            self.sets = u16::try_from(each.len()).unwrap_or(u16::MAX);
            self.each_set = each;
        }
    }

    /// The steps of one rep (of block 1), zero-length phases left out.
    #[cfg(test)]
    pub(crate) fn rep_steps(&self, set: u16, rep: u16) -> Vec<Step> {
        self.rep_steps_in(1, set, rep)
    }

    /// The steps of one rep of block `block`, zero-length phases left out.
    pub(crate) fn rep_steps_in(&self, block: u16, set: u16, rep: u16) -> Vec<Step> {
        let t = &self.tempo;
        let step = |phase, ms, manual| Step {
            phase,
            block,
            set,
            rep,
            ms,
            manual,
            partner: false,
            extra: false,
        };
        let partner = |ms, manual| Step {
            partner: true,
            ..step(Phase::Lift, ms, manual)
        };
        let up: Vec<Step> = match t.lift {
            Lift::Manual => vec![partner(0, true)],
            Lift::Partner => vec![
                partner(self.partner_ms, false),
                step(Phase::TopPause, t.top, false),
            ],
            Lift::Ms(_) | Lift::Explosive => vec![
                step(Phase::Lift, t.lift_ms(self.explosive_ms), false),
                step(Phase::TopPause, t.top, false),
            ],
        };
        let down = [
            step(Phase::Lower, t.lower, false),
            step(Phase::BottomPause, t.bottom, false),
        ];
        let ordered: Vec<Step> = match self.start {
            Start::Lift => up.into_iter().chain(down).collect(),
            Start::Lower => down.into_iter().chain(up).collect(),
        };
        let mut steps: Vec<Step> = ordered
            .into_iter()
            .filter(|s| s.ms > 0 || s.manual)
            .collect();
        if let Some(first) = steps.first_mut() {
            first.extra = rep > self.reps_of(set);
        }
        steps
    }

    /// How many reps a set runs to: the planned ones, or for an
    /// open-ended set run live, up to [`OPEN_ENDED_CAP`] times as many.
    pub(crate) fn reps_in_set(&self, set: u16, live: bool) -> u16 {
        let r = self.set_reps(set);
        if r.open_ended && live {
            r.reps.saturating_mul(OPEN_ENDED_CAP)
        } else {
            r.reps
        }
    }

    /// A count-in before set `set` (none when the count-in is 0 s).
    pub fn count_in(&self, set: u16) -> Option<Step> {
        self.count_in_in(1, set)
    }

    /// A count-in before set `set` of block `block`.
    pub(crate) fn count_in_in(&self, block: u16, set: u16) -> Option<Step> {
        (self.count_in_ms > 0).then_some(Step {
            phase: Phase::CountIn,
            block,
            set,
            rep: 0,
            ms: self.count_in_ms,
            manual: false,
            partner: false,
            extra: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::workout::{Block, Workout};

    #[test]
    fn sets_over_a_list_cut_it_or_go_on_with_its_last_value() {
        let mut b = Block {
            load: Some("60kg".into()),
            each_load: vec!["60kg".into(), "70kg".into(), "80kg".into()],
            ..Block::default()
        };
        b.session.set_each(vec![
            SetReps {
                reps: 8,
                open_ended: false,
            },
            SetReps {
                reps: 6,
                open_ended: false,
            },
            SetReps {
                reps: 4,
                open_ended: true,
            },
        ]);
        assert_eq!(b.load_text().as_deref(), Some("60kg/70kg/80kg"));
        b.set_sets(2);
        assert_eq!(
            (b.session.reps_text(), b.load_of(2)),
            ("8/6".into(), Some("70kg"))
        );
        b.set_sets(4);
        assert_eq!(b.session.reps_text(), "8/6/6/6");
        assert_eq!(b.load_of(4), Some("70kg"));
        // The steps follow each set's count: 8 + 6 + 6 + 6 lowerings.
        let lowerings = b
            .session
            .steps()
            .iter()
            .filter(|s| s.phase == Phase::Lower)
            .count();
        assert_eq!(lowerings, 26);
        // A block without lists has one value for every set.
        let plain = Block::default();
        assert_eq!((plain.load_of(3), plain.session.reps_vary()), (None, false));
    }

    fn session(tempo: &str) -> Session {
        Session {
            tempo: tempo.parse().expect("tempo"),
            ..Session::default()
        }
    }

    #[test]
    fn start_lift_orders_lift_first_and_drops_zero_phases() {
        let s = session("4-0-1-0");
        let phases: Vec<Phase> = s.rep_steps(1, 1).iter().map(|s| s.phase).collect();
        assert_eq!(phases, [Phase::Lift, Phase::Lower]);
        let s = session("3-1-2-1");
        let phases: Vec<Phase> = s.rep_steps(1, 1).iter().map(|s| s.phase).collect();
        assert_eq!(
            phases,
            [
                Phase::Lift,
                Phase::TopPause,
                Phase::Lower,
                Phase::BottomPause
            ]
        );
    }

    #[test]
    fn start_lower_orders_lower_first() {
        let s = Session {
            start: Start::Lower,
            ..session("3-1-2-1")
        };
        let phases: Vec<Phase> = s.rep_steps(1, 1).iter().map(|s| s.phase).collect();
        assert_eq!(
            phases,
            [
                Phase::Lower,
                Phase::BottomPause,
                Phase::Lift,
                Phase::TopPause
            ]
        );
    }

    #[test]
    fn whole_session_has_rests_between_sets_only() {
        let s = session("4-0-1-0");
        let steps = s.steps();
        assert_eq!(steps.len(), 1 + 3 * 8 * 2 + 2 + 1);
        assert_eq!(steps[0].phase, Phase::CountIn);
        assert_eq!(steps.last().map(|s| s.phase), Some(Phase::Done));
        let rests: Vec<u16> = steps
            .iter()
            .filter(|s| s.phase == Phase::Rest)
            .map(|s| s.set)
            .collect();
        assert_eq!(rests, [1, 2]);
        let total: u64 = steps.iter().map(|s| u64::from(s.ms)).sum();
        assert_eq!(total, 305_000);
        assert_eq!(s.tut_per_set_ms(), 40_000);
    }

    #[test]
    fn zero_rest_and_zero_count_in_are_left_out() {
        let s = Session {
            rest_ms: 0,
            count_in_ms: 0,
            ..session("4-0-1-0")
        };
        assert!(
            s.steps()
                .iter()
                .all(|st| st.phase != Phase::Rest && st.phase != Phase::CountIn)
        );
    }

    #[test]
    fn steps_from_a_slot_match_the_tail_of_the_whole() {
        let s = session("3-1-X-0");
        let all = s.steps();
        for (i, step) in all.iter().enumerate() {
            let Some(slot) = step.slot() else { continue };
            if i > 0 && all[i - 1].slot() == Some(slot) {
                continue;
            }
            assert_eq!(s.steps_from(slot), all[i..].to_vec(), "{slot:?}");
        }
    }

    #[test]
    fn the_steps_of_a_workout_of_65535_blocks_end() {
        // A u16 block counter that went past the last block wrapped here
        // and never ended.
        let block = Block {
            session: Session {
                sets: 1,
                reps: 1,
                count_in_ms: 0,
                ..session("1-0-1-0")
            },
            ..Block::default()
        };
        let w = Workout {
            blocks: vec![block; usize::from(u16::MAX)],
            ..Workout::single(Session::default())
        };
        let steps = w.steps(false);
        assert_eq!(
            steps.last().map(|s| (s.phase, s.block)),
            Some((Phase::Done, u16::MAX))
        );
    }

    #[test]
    fn manual_lift_is_one_untimed_step_and_no_tension() {
        let mut s = session("7-0-1-1");
        s.tempo.lift = Lift::Manual;
        let rep = s.rep_steps(1, 1);
        assert_eq!(rep.len(), 2);
        assert!(rep[0].manual && rep[0].phase == Phase::Lift);
        assert_eq!(rep[1].phase, Phase::Lower);
        assert_eq!(s.rep_tut_ms(), 7000);
    }
}
