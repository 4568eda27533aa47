//! Workouts: sessions made of blocks, each an exercise with its own tempo,
//! sets, reps, rest, lift and load, and a changeover before the next.
//! Built in (the articles' protocols), from the config file's
//! `[workouts.NAME]`, or from a TOML file of their own.
//!
//! A block is put together like a session ([`Catalogue::resolve`]): the
//! config's `[defaults]`, then the block's preset, its exercise's start
//! phase, then its own values.

use crate::program::layer::Layer;
use crate::program::presets::{Catalogue, Choice, ResolveError, normalise};
use crate::timing::plan::{MAX_BLOCKS, MAX_WORKOUT_MS, MAX_WORKOUT_REPS, SetReps, Start};
use crate::timing::tempo::{Lift, Tempo};
use crate::timing::units::fmt_minutes;
use crate::timing::workout::{Block, Workout};

/// The changeover between blocks when a block does not give one, in ms:
/// two minutes to unload a bar, walk to the next station and set it up.
pub(crate) const DEFAULT_CHANGEOVER_MS: u32 = 120_000;

/// Where a workout was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into the program.
    BuiltIn,
    /// The config file's `[workouts.NAME]`.
    Config,
    /// A file of its own (its path as given).
    File(String),
}

/// One block as written: what it asks for, its load and its changeover.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockSpec {
    /// The preset, exercise and values it gives.
    pub choice: Choice,
    /// The load, as written (set 1's, when each set has its own).
    pub load: Option<String>,
    /// Each set's own reps, when the block gives a list (`reps = [8, 6,
    /// 4]`); empty: every set has the choice's reps.
    pub each_reps: Vec<SetReps>,
    /// Each set's own load, when the block gives a list; empty: every set
    /// has `load`.
    pub each_load: Vec<String>,
    /// The rest before the next block, in ms; `None`: the default.
    pub changeover_ms: Option<u32>,
}

/// A workout as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkoutSpec {
    /// The name typed after `--workout`.
    pub name: String,
    /// What it is and what it follows.
    pub description: String,
    /// Its blocks, in order, at least one.
    pub blocks: Vec<BlockSpec>,
    /// Where it was written.
    pub source: Source,
}

/// Why a workout could not be put together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkoutError {
    /// No workout has that name.
    #[error(
        "there is no workout \"{name}\": use one of {known}, or a workout file (FILE.toml) \
         (`repcadence workouts` lists them)"
    )]
    NoWorkout {
        /// The name as given.
        name: String,
        /// The names there are.
        known: String,
    },
    /// `--from` past the last block.
    #[error("--from {from}: the workout \"{name}\" has {blocks} blocks: give --from 1 to {blocks}")]
    From {
        /// The workout.
        name: String,
        /// `--from` as given.
        from: u16,
        /// How many blocks it has.
        blocks: u16,
    },
    /// The workout is bigger than any workout may be.
    #[error(
        "the workout \"{name}\" plans {what}, past the limit of {limit}: split it into \
         shorter workouts, or give fewer sets, reps or blocks"
    )]
    TooBig {
        /// The workout.
        name: String,
        /// What it plans (`6,000 reps`).
        what: String,
        /// The limit (`5,000 reps`).
        limit: String,
    },
    /// A block could not be put together.
    #[error("block {block} of \"{name}\": {source}")]
    Block {
        /// The workout.
        name: String,
        /// The block, from 1.
        block: usize,
        /// What was wrong.
        source: ResolveError,
    },
}

/// A block of the built-ins: `sets` × `reps` (`open`: to failure) at
/// `tempo` (`None`: the lifter's own), `rest_s` between sets.
struct Piece {
    exercise: &'static str,
    tempo: Option<Tempo>,
    partner: bool,
    sets: u16,
    reps: u16,
    open: bool,
    rest_s: u32,
    changeover_s: Option<u32>,
}

impl Piece {
    fn spec(&self) -> BlockSpec {
        BlockSpec {
            choice: Choice {
                preset: None,
                exercise: Some(self.exercise.to_string()),
                layer: Layer {
                    tempo: self.tempo,
                    sets: Some(self.sets),
                    reps: Some(self.reps),
                    open_ended: Some(self.open),
                    rest: Some(self.rest_s * 1000),
                    lift: self.partner.then_some(Lift::Partner),
                    ..Layer::default()
                },
            },
            changeover_ms: self.changeover_s.map(|s| s * 1000),
            ..BlockSpec::default()
        }
    }
}

/// A set at the lifter's own tempo to failure: the first piece of the
/// beyond-failure protocol.
fn to_failure(exercise: &'static str) -> Piece {
    Piece {
        exercise,
        tempo: None,
        partner: false,
        sets: 1,
        reps: 8,
        open: true,
        rest_s: 0,
        changeover_s: Some(0),
    }
}

/// 5-6 partner-assisted 7 s negatives to negative failure: the second.
fn partner_negatives(exercise: &'static str) -> Piece {
    Piece {
        exercise,
        tempo: Some(Tempo::whole_secs(7, 0, 1, 0)),
        partner: true,
        sets: 1,
        reps: 6,
        open: true,
        rest_s: 0,
        changeover_s: None,
    }
}

fn normal(exercise: &'static str, sets: u16, reps: u16, changeover_s: Option<u32>) -> Piece {
    Piece {
        exercise,
        tempo: Some(Tempo::whole_secs(2, 0, 1, 0)),
        partner: false,
        sets,
        reps,
        open: false,
        rest_s: 90,
        changeover_s,
    }
}

/// The built-in workouts, each following the articles.
pub(crate) fn builtin_workouts() -> Vec<WorkoutSpec> {
    let spec = |name: &str, description: &str, pieces: Vec<Piece>| WorkoutSpec {
        name: name.to_string(),
        description: description.to_string(),
        blocks: pieces.iter().map(Piece::spec).collect(),
        source: Source::BuiltIn,
    };
    vec![
        spec(
            "beyond-failure",
            "a set at your tempo to failure, then straight on to 5-6 partner-assisted 7 s \
             negatives (\"perform your set until positive muscular failure… then have your \
             training partner help you… resist the eccentric phase to a count of seven \
             seconds\")",
            vec![to_failure("bench"), partner_negatives("bench")],
        ),
        spec(
            "slow-first",
            "one set of 8 slow (5 s) negatives early, while fresh, then the rest of a normal \
             workout (\"pick one exercise per workout and perform one set of heavy \
             eccentrics. Then carry on with the rest of your normal training program\")",
            vec![
                Piece {
                    exercise: "squat",
                    tempo: Some(Tempo::whole_secs(5, 0, 1, 0)),
                    partner: false,
                    sets: 1,
                    reps: 8,
                    open: false,
                    rest_s: 0,
                    changeover_s: Some(180),
                },
                normal("bench", 3, 10, None),
                normal("row", 3, 10, None),
            ],
        ),
        spec(
            "finisher",
            "a normal workout whose last exercise ends beyond failure (\"add one negative set \
             at the end of your workout\")",
            vec![
                normal("squat", 3, 8, None),
                normal("curl", 2, 10, Some(90)),
                to_failure("curl"),
                partner_negatives("curl"),
            ],
        ),
    ]
}

/// The built-in workouts with the config file's added; a config workout
/// with a built-in's name replaces it.
pub fn catalogue(config: &[WorkoutSpec]) -> Vec<WorkoutSpec> {
    let mut all = builtin_workouts();
    for w in config {
        match all.iter_mut().find(|b| b.name == w.name) {
            Some(b) => *b = w.clone(),
            None => all.push(w.clone()),
        }
    }
    all
}

/// The workout called `name` among `all`.
pub fn find<'a>(all: &'a [WorkoutSpec], name: &str) -> Result<&'a WorkoutSpec, WorkoutError> {
    let key = normalise(name);
    all.iter()
        .find(|w| w.name == key)
        .ok_or_else(|| WorkoutError::NoWorkout {
            name: name.to_string(),
            known: all
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// `spec` put together block by block over the config's `defaults`, to
/// start at block `from` (1 for the whole workout).
pub(crate) fn resolve(
    spec: &WorkoutSpec,
    catalogue: &Catalogue,
    defaults: &Layer,
    from: u16,
) -> Result<Workout, WorkoutError> {
    let too_big = |what: String, limit: String| WorkoutError::TooBig {
        name: spec.name.clone(),
        what,
        limit,
    };
    if spec.blocks.len() > usize::from(MAX_BLOCKS) {
        return Err(too_big(
            format!("{} blocks", spec.blocks.len()),
            format!("{MAX_BLOCKS} blocks"),
        ));
    }
    let mut blocks = Vec::with_capacity(spec.blocks.len());
    for (i, b) in spec.blocks.iter().enumerate() {
        // A block is put together as a session is: the built-in
        // beyond-failure preset gives both its halves, the set to failure
        // straight on into the partner's negatives.
        let parts =
            for_session(&b.choice, catalogue, defaults).map_err(|source| WorkoutError::Block {
                name: spec.name.clone(),
                block: i + 1,
                source,
            })?;
        let last = parts.blocks.len().saturating_sub(1);
        for (j, mut part) in parts.blocks.into_iter().enumerate() {
            // The block's own values, lists included, are the last
            // part's (beyond-failure's negatives).
            if j == last {
                part.session.set_each(b.each_reps.clone());
                part.each_load = b.each_load.clone();
            }
            blocks.push(Block {
                load: b.load.clone(),
                changeover_ms: if j == last {
                    b.changeover_ms.unwrap_or(DEFAULT_CHANGEOVER_MS)
                } else {
                    0
                },
                ..part
            });
        }
    }
    partner_after_failure(&mut blocks);
    let workout = Workout {
        name: Some(spec.name.clone()),
        blocks,
        from: 1,
        run_as: None,
        protocol: spec.source == Source::BuiltIn,
    };
    check_size(&workout)?;
    if from == 0 || from > workout.len() {
        return Err(WorkoutError::From {
            name: spec.name.clone(),
            from,
            blocks: workout.len(),
        });
    }
    Ok(Workout { from, ..workout })
}

/// Refuses a workout bigger than any may be: more than
/// [`MAX_WORKOUT_REPS`] reps or [`MAX_WORKOUT_MS`] of training. Checked
/// before any step is made for its length: a workout's steps grow with
/// its reps, and this bounds them.
pub(crate) fn check_size(workout: &Workout) -> Result<(), WorkoutError> {
    let too_big = |what: String, limit: String| WorkoutError::TooBig {
        name: workout.name.clone().unwrap_or_default(),
        what,
        limit,
    };
    let reps: u32 = workout
        .blocks
        .iter()
        .map(|b| b.session.planned_reps())
        .sum();
    if reps > MAX_WORKOUT_REPS {
        return Err(too_big(
            format!("{reps} reps"),
            format!("{MAX_WORKOUT_REPS} reps"),
        ));
    }
    let length = workout.length_ms();
    if length > MAX_WORKOUT_MS {
        return Err(too_big(
            format!("{} of training", fmt_minutes(length)),
            format!("{} hours", MAX_WORKOUT_MS / 3_600_000),
        ));
    }
    Ok(())
}

/// A session put together from `choice`, as a workout: one block, or for
/// the built-in `beyond-failure` preset its two pieces (a set to failure
/// at the lifter's tempo, then the partner's negatives the preset and the
/// command line describe).
pub(crate) fn for_session(
    choice: &Choice,
    catalogue: &Catalogue,
    defaults: &Layer,
) -> Result<Workout, ResolveError> {
    let r = catalogue.resolve(choice, defaults)?;
    let main = Block {
        session: r.session,
        exercise: r.exercise.clone(),
        preset: r.preset.clone(),
        load: None,
        each_load: Vec::new(),
        changeover_ms: 0,
    };
    let lead = match &choice.preset {
        Some(name) => catalogue
            .preset(name)
            .ok()
            .filter(|p| !p.from_config && p.name == "beyond-failure"),
        None => None,
    };
    let mut blocks = Vec::new();
    if lead.is_some() {
        let first = Choice {
            preset: None,
            exercise: choice.exercise.clone(),
            layer: to_failure("bench").spec().choice.layer,
        };
        let r = catalogue.resolve(&first, defaults)?;
        blocks.push(Block {
            session: r.session,
            exercise: r.exercise,
            preset: main.preset.clone(),
            load: None,
            each_load: Vec::new(),
            changeover_ms: 0,
        });
    }
    blocks.push(main);
    partner_after_failure(&mut blocks);
    Ok(Workout {
        name: None,
        blocks,
        from: 1,
        run_as: None,
        protocol: lead.is_some(),
    })
}

/// The articles' beyond-failure protocol as written: after a set to
/// failure the bar is where the lifter failed (a bench press's at the
/// chest), so a partner-assisted block of the same exercise that follows
/// straight on begins each rep with the partner's lift, whatever the
/// exercise's start phase ("then have your training partner help you…
/// resist the eccentric phase").
fn partner_after_failure(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        let (before, after) = blocks.split_at_mut(i);
        let (failed, next) = (&before[i - 1], &mut after[0]);
        let same = match (&failed.exercise, &next.exercise) {
            (Some(a), Some(b)) => {
                crate::program::exercises::key(a) == crate::program::exercises::key(b)
            }
            (None, None) => true,
            _ => false,
        };
        let partner = next.session.partner_lifts();
        if failed.session.open_ended_in(failed.session.sets)
            && failed.changeover_ms == 0
            && same
            && partner
        {
            next.session.start = Start::Lift;
        }
    }
}

/// How long a workout lasts as planned, and its time under tension, in ms.
pub(crate) fn length_and_tut(workout: &Workout) -> (u64, u64) {
    let steps = workout.steps(false);
    let length = steps.iter().map(|s| u64::from(s.ms)).sum();
    let tut = workout
        .blocks
        .iter()
        .skip(usize::from(workout.from.max(1) - 1))
        .map(|b| {
            (1..=b.session.sets)
                .map(|n| b.session.tut_of_set_ms(n))
                .sum::<u64>()
        })
        .sum();
    (length, tut)
}

/// Advice from the articles on how a workout is put together, one line
/// per finding, naming the block; none for a protocol as the articles
/// write it (the finisher's negatives come last by design).
pub fn advice(workout: &Workout) -> Vec<String> {
    if workout.protocol {
        return Vec::new();
    }
    let heavy: Vec<(usize, &Block)> = workout
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.session.tempo.lower >= HEAVY_LOWER_MS && b.session.tempo.lift != Lift::Manual
        })
        .collect();
    let mut out = Vec::new();
    let n = workout.blocks.len();
    for (i, b) in &heavy {
        if n > 1 && i * 2 >= n {
            out.push(format!(
                "block {} ({}): heavy negatives are best done early in a workout, while \
                 fresh",
                i + 1,
                b.exercise.as_deref().unwrap_or("-")
            ));
        }
    }
    let exercises: Vec<&str> = heavy
        .iter()
        .filter_map(|(_, b)| b.exercise.as_deref())
        .collect();
    let mut distinct = exercises.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        out.push(format!(
            "heavy negatives on {}: the articles advise one exercise per workout",
            distinct.join(" and ")
        ));
    }
    out
}

/// A lowering this long or longer is a heavy negative, in ms.
pub(crate) const HEAVY_LOWER_MS: u32 = 5000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::plan::Session;

    fn cat() -> Catalogue {
        Catalogue::new(vec![], vec![])
    }

    #[test]
    fn every_built_in_workout_puts_together_and_cites_what_it_follows() {
        for spec in builtin_workouts() {
            let w = resolve(&spec, &cat(), &Layer::default(), 1).expect("resolves");
            assert!(w.blocks.len() >= 2, "{}", spec.name);
            assert!(spec.description.contains('"'), "{} cites", spec.name);
        }
    }

    #[test]
    fn beyond_failure_is_a_set_to_failure_then_partner_negatives() {
        let choice = Choice {
            preset: Some("beyond-failure".into()),
            exercise: Some("bench".into()),
            ..Choice::default()
        };
        let w = for_session(&choice, &cat(), &Layer::default()).expect("resolves");
        assert_eq!(w.blocks.len(), 2);
        let (first, second) = (&w.blocks[0].session, &w.blocks[1].session);
        assert!(first.open_ended && first.tempo.lift != Lift::Manual);
        assert_eq!(
            (first.sets, first.reps, first.tempo.to_string()),
            (1, 8, "3-0-1-0".into())
        );
        assert_eq!(w.blocks[0].changeover_ms, 0);
        assert!(second.open_ended && second.partner_lifts() && second.tempo.lift != Lift::Manual);
        assert_eq!(
            (second.sets, second.reps, second.tempo.to_string()),
            (1, 6, "7-0-P-0".into())
        );
        // A plain preset stays one block.
        let slow = Choice {
            preset: Some("slow".into()),
            ..Choice::default()
        };
        assert_eq!(
            for_session(&slow, &cat(), &Layer::default()).map(|w| w.blocks.len()),
            Ok(1)
        );
    }

    #[test]
    fn after_a_failed_set_the_partner_negatives_begin_with_the_partner_s_lift() {
        use crate::timing::engine::{Command, Engine, EventKind};
        use crate::timing::plan::Phase;
        use std::time::{Duration, Instant};
        let choice = Choice {
            preset: Some("beyond-failure".into()),
            exercise: Some("bench".into()),
            ..Choice::default()
        };
        let w = for_session(&choice, &cat(), &Layer::default()).expect("resolves");
        assert_eq!(
            w.blocks[0].session.start,
            Start::Lower,
            "bench lowers first"
        );
        assert_eq!(
            w.blocks[1].session.start,
            Start::Lift,
            "the partner lifts first"
        );
        // The built-in workout too.
        let all = builtin_workouts();
        let spec = find(&all, "beyond-failure").expect("built in");
        let built = resolve(spec, &cat(), &Layer::default(), 1).expect("resolves");
        assert_eq!(built.blocks[1].session.start, Start::Lift);
        // `f` ends the set to failure early: the next phase is the
        // partner's lift.
        let t0 = Instant::now();
        let mut engine = Engine::live(w, t0);
        let at = t0 + Duration::from_millis(12_500);
        engine.advance(at);
        let events = engine.command(Command::EndSet, at);
        let next = events.iter().find_map(|e| match e.kind {
            EventKind::PhaseStarted(step) if step.block == 2 => Some((step.phase, step.partner)),
            _ => None,
        });
        assert_eq!(next, Some((Phase::Lift, true)));
        // Not after a set that was not to failure, nor for another exercise.
        let mut blocks = built.blocks.clone();
        blocks[0].session.open_ended = false;
        blocks[1].session.start = Start::Lower;
        partner_after_failure(&mut blocks);
        assert_eq!(blocks[1].session.start, Start::Lower);
        let mut blocks = built.blocks;
        blocks[1].exercise = Some("squat".into());
        blocks[1].session.start = Start::Lower;
        partner_after_failure(&mut blocks);
        assert_eq!(blocks[1].session.start, Start::Lower);
    }

    #[test]
    fn the_beyond_failure_preset_in_a_block_gives_both_its_halves() {
        let spec = crate::program::config::parse_workout(
            "[[blocks]]\nexercise = \"bench\"\npreset = \"beyond-failure\"\nload = \"60kg\"\n\
             changeover = 90\n[[blocks]]\nexercise = \"curl\"\n",
            std::path::Path::new("bf.toml"),
            "bf",
            &cat(),
        )
        .expect("reads");
        let w = resolve(&spec, &cat(), &Layer::default(), 1).expect("resolves");
        let blocks: Vec<_> = w
            .blocks
            .iter()
            .map(|b| {
                (
                    b.exercise.as_deref(),
                    b.session.open_ended,
                    b.load.as_deref(),
                    b.changeover_ms,
                    b.session.start,
                )
            })
            .collect();
        assert_eq!(
            blocks,
            [
                (Some("bench"), true, Some("60kg"), 0, Start::Lower),
                (Some("bench"), true, Some("60kg"), 90_000, Start::Lift),
                (
                    Some("curl"),
                    false,
                    None,
                    DEFAULT_CHANGEOVER_MS,
                    Start::Lift
                ),
            ]
        );
        assert!(w.blocks[1].session.partner_lifts());
    }

    #[test]
    fn from_starts_at_a_block_and_refuses_one_past_the_end() {
        let spec = &builtin_workouts()[1];
        let w = resolve(spec, &cat(), &Layer::default(), 2).expect("from 2");
        assert_eq!(w.steps(false)[0].block, 2);
        assert!(matches!(
            resolve(spec, &cat(), &Layer::default(), 4),
            Err(WorkoutError::From { blocks: 3, .. })
        ));
    }

    #[test]
    fn advice_names_late_heavy_negatives_and_more_than_one_exercise() {
        let block = |ex: &str, lower: u32| Block {
            session: Session {
                tempo: Tempo::whole_secs(lower, 0, 1, 0),
                ..Session::default()
            },
            exercise: Some(ex.into()),
            ..Block::default()
        };
        let w = Workout {
            name: None,
            blocks: vec![block("squat", 5), block("bench", 2), block("curl", 6)],
            from: 1,
            run_as: None,
            protocol: false,
        };
        let advice = advice(&w);
        assert_eq!(advice.len(), 2, "{advice:?}");
        assert!(advice[0].starts_with("block 3 (curl): heavy negatives are best done early"));
        assert_eq!(
            advice[1],
            "heavy negatives on curl and squat: the articles advise one exercise per workout"
        );
        let fine = Workout {
            blocks: vec![block("squat", 5), block("bench", 2)],
            ..w
        };
        assert!(super::advice(&fine).is_empty());
    }
}
