//! A workout as blocks: each an exercise with its own timing
//! ([`Session`]), load and changeover, run in order as one timeline
//! ([`Workout::steps`]).

use std::borrow::Cow;

use crate::timing::plan::{Phase, Session, Slot, Step};

/// One block of a workout: an exercise with its own timing, and the
/// changeover (rest) before the next block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// The block's timing: tempo, sets, reps, rest, lift.
    pub session: Session,
    /// The exercise, as shown and logged.
    pub exercise: Option<String>,
    /// The preset it came from, as logged.
    pub preset: Option<String>,
    /// The load, as the lifter wrote it.
    pub load: Option<String>,
    /// Each set's own load, when the block gives one per set
    /// (`load = ["60kg", "70kg", "80kg"]`); `load` is then set 1's.
    pub each_load: Vec<String>,
    /// The rest before the next block, in ms; 0 goes straight on.
    pub changeover_ms: u32,
}

impl Block {
    /// Gives the block `sets` sets: a list of each set's reps or loads is
    /// cut to that many, or goes on with its last value.
    pub(crate) fn set_sets(&mut self, sets: u16) {
        let n = usize::from(sets);
        self.session.sets = sets;
        fit(&mut self.session.each_set, n);
        fit(&mut self.each_load, n);
    }

    /// The load as written for a plan line: the block's, or each set's
    /// when they differ (`60kg/70kg/80kg`).
    pub(crate) fn load_text(&self) -> Option<String> {
        let first = self.load_of(1)?;
        if !self.loads_vary() {
            Some(first.to_string())
        } else {
            Some(
                (1..=self.session.sets)
                    .map(|n| self.load_of(n).unwrap_or("-"))
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        }
    }

    /// Whether the sets differ in their load.
    pub(crate) fn loads_vary(&self) -> bool {
        (2..=self.session.sets).any(|n| self.load_of(n) != self.load_of(1))
    }

    /// The load of set `set` (from 1): its own, or the block's.
    pub(crate) fn load_of(&self, set: u16) -> Option<&str> {
        self.each_load
            .get(usize::from(set.max(1) - 1))
            .or(self.load.as_ref())
            .map(String::as_str)
    }
}

/// `list`, when not empty, cut or lengthened (its last value repeated)
/// to `n` values.
fn fit<T: Clone>(list: &mut Vec<T>, n: usize) {
    if let Some(last) = list.last().cloned() {
        list.resize(n.max(1), last);
    }
}

/// A workout: blocks in order, run as one timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workout {
    /// Its name, when it has one (`push`).
    pub name: Option<String>,
    /// The blocks, at least one.
    pub blocks: Vec<Block>,
    /// The block it starts at, from 1 (`--from`): the blocks before it are
    /// left out, and the rest keep their numbers.
    pub from: u16,
    /// The options that chose it, as a shell takes them after `repcadence`
    /// (`-w push`, `--config c.toml -w legs.toml`), to say how to go on
    /// from a block.
    pub run_as: Option<String>,
    /// A protocol as the articles write it (a built-in workout, or the
    /// beyond-failure preset's two halves): advice on how a workout is put
    /// together does not second-guess its design.
    pub protocol: bool,
}

/// A session as the one-block workout it runs as.
impl Session {
    /// The steps from `slot` to the end of the session, `done` included,
    /// open-ended sets timed as planned.
    #[cfg(test)]
    pub(crate) fn steps_from(&self, slot: Slot) -> Vec<Step> {
        Workout::single(self.clone()).steps_from(slot, false)
    }

    /// The whole session: count-in, every set, rests, `done`, open-ended
    /// sets timed as planned.
    pub fn steps(&self) -> Vec<Step> {
        Workout::single(self.clone()).steps(false)
    }
}

/// What can be run as a timeline: a one-block session or a workout.
pub trait Timeline {
    /// It as a workout.
    fn workout(&self) -> Cow<'_, Workout>;
}

impl Timeline for Session {
    fn workout(&self) -> Cow<'_, Workout> {
        Cow::Owned(Workout::single(self.clone()))
    }
}

impl Timeline for Workout {
    fn workout(&self) -> Cow<'_, Workout> {
        Cow::Borrowed(self)
    }
}

impl Workout {
    /// The one-block workout of `session`.
    pub fn single(session: Session) -> Workout {
        Workout {
            name: None,
            blocks: vec![Block {
                session,
                ..Block::default()
            }],
            from: 1,
            run_as: None,
            protocol: false,
        }
    }

    /// Block `n` (from 1), or the last one.
    pub fn block(&self, n: u16) -> &Block {
        let i = usize::from(n.max(1) - 1).min(self.blocks.len().saturating_sub(1));
        &self.blocks[i]
    }

    /// Block `n` (from 1), or the last one, to change.
    pub(crate) fn block_mut(&mut self, n: u16) -> &mut Block {
        let i = usize::from(n.max(1) - 1).min(self.blocks.len().saturating_sub(1));
        &mut self.blocks[i]
    }

    /// The length as planned, in ms, from the first block run: every
    /// step's, a partner's lift counted as 0.
    pub(crate) fn length_ms(&self) -> u64 {
        self.steps(false).iter().map(|s| u64::from(s.ms)).sum()
    }

    /// How many blocks, as a block number.
    pub fn len(&self) -> u16 {
        u16::try_from(self.blocks.len()).unwrap_or(u16::MAX)
    }

    /// Whether it has no blocks (a workout always has one).
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Sets planned, all blocks from the first one run.
    pub fn sets(&self) -> u16 {
        self.blocks
            .iter()
            .skip(usize::from(self.from.max(1) - 1))
            .fold(0u16, |n, b| n.saturating_add(b.session.sets))
    }

    /// The whole workout from its first block run: count-in, every block,
    /// `done`. `live`: open-ended sets run to their cap (the lifter ends
    /// them); else as planned.
    pub fn steps(&self, live: bool) -> Vec<Step> {
        let block = self.from.clamp(1, self.len());
        let mut out: Vec<Step> = self
            .block(block)
            .session
            .count_in_in(block, 1)
            .into_iter()
            .collect();
        out.extend(self.steps_from(
            Slot::Rep {
                block,
                set: 1,
                rep: 1,
            },
            live,
        ));
        out
    }

    /// The steps from `slot` to the end, `done` included.
    pub(crate) fn steps_from(&self, slot: Slot, live: bool) -> Vec<Step> {
        let mut out = Vec::new();
        let (block, mut set, mut rep, mut rest_first, mut changeover_first) = match slot {
            Slot::Rep { block, set, rep } => (block.max(1), set.max(1), rep.max(1), false, false),
            Slot::Rest { block, after } => (block.max(1), after, 1, true, false),
            Slot::Changeover { after } => (after.max(1), 1, 1, false, true),
        };
        let last = self.len();
        // `block` runs to `last` inclusive; a u16 loop that counted past
        // the last block would wrap at 65,535 and never end.
        for block in block..=last {
            let b = self.block(block);
            let s = &b.session;
            if !changeover_first {
                while set <= s.sets {
                    let reps = s.reps_in_set(set, live);
                    if !rest_first {
                        while rep <= reps {
                            out.extend(s.rep_steps_in(block, set, rep));
                            rep += 1;
                        }
                    }
                    rest_first = false;
                    if set < s.sets && s.rest_ms > 0 {
                        out.push(Step {
                            phase: Phase::Rest,
                            block,
                            set,
                            rep: 0,
                            ms: s.rest_ms,
                            manual: false,
                            partner: false,
                            extra: false,
                        });
                    }
                    set += 1;
                    rep = 1;
                }
            }
            changeover_first = false;
            if block < self.len() && b.changeover_ms > 0 {
                out.push(Step {
                    phase: Phase::Changeover,
                    block,
                    set: s.sets,
                    rep: 0,
                    ms: b.changeover_ms,
                    manual: false,
                    partner: false,
                    extra: false,
                });
            }
            set = 1;
            rep = 1;
        }
        out.push(Step {
            phase: Phase::Done,
            block: last,
            set: self.block(last).session.sets,
            rep: 0,
            ms: 0,
            manual: false,
            partner: false,
            extra: false,
        });
        out
    }
}
