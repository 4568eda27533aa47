//! What plays at each instant of a session: the phase's tone, the counts,
//! and, with the full voice, words for what is happening.
//!
//! Counts come first. A number is said at the start of every second of a
//! lowering (the number the screen shows from then on) and before every
//! set (3, 2, 1), and nothing else is said at its instant. A phrase
//! ("down", "last rep", "rep four" at a lift, "rest, set two of three",
//! "rest, next: squat") is
//! said at the start of a phase, in place of its tone, only where it ends
//! before the session's next instant, so that a word never talks over a
//! count or the next phase. Where it does not fit, a shorter phrase or the
//! tone plays instead.

use std::time::{Duration, Instant};

use crate::timing::engine::{EventKind, next_set, simulate_workout};
use crate::timing::plan::{Phase, Start, Step};
use crate::timing::workout::Workout;

use super::RATE;
use super::cues::{Bank, Cue, Settings};
use super::sample_at;
use super::voice::MAX_NUMBER;
use super::voice::Word;
use crate::timing::units::duration;

/// One sound of an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sound {
    /// What plays.
    pub cue: Cue,
    /// How many samples after the instant it starts.
    pub delay: usize,
    /// Its level, 0-1, before the volume.
    pub level: f32,
}

/// The pause between the words of a phrase: 120 ms.
pub(crate) const GAP: usize = RATE as usize * 12 / 100;

/// How long before the next instant a phrase must end: 100 ms.
pub(crate) const MARGIN: usize = RATE as usize / 10;

/// The tones that words replace.
fn phase_tone(cue: Cue) -> bool {
    matches!(
        cue,
        Cue::Lift | Cue::Hold | Cue::Lower | Cue::Rest | Cue::Done | Cue::Partner | Cue::Extra
    )
}

fn number(n: u32) -> Option<Cue> {
    u8::try_from(n)
        .ok()
        .filter(|n| (1..=MAX_NUMBER).contains(n))
        .map(Cue::Number)
}

/// The tones and counts of one event; whether it said a count.
fn tones(event: &EventKind, settings: &Settings) -> (Vec<Cue>, bool) {
    let mut out = Vec::new();
    let mut counted = false;
    let counts = settings.voice.counts();
    match event {
        EventKind::PhaseStarted(step) if step.partner => out.push(Cue::Partner),
        EventKind::PhaseStarted(step) => match step.phase {
            Phase::Lift => out.push(Cue::Lift),
            Phase::TopPause | Phase::BottomPause => out.push(Cue::Hold),
            // The lowering's first count is said at its start, in place
            // of its tone.
            Phase::Lower => match number(settings.counting.shown(0, step.ms)) {
                Some(n) if counts && !step.manual => out.push(n),
                _ => out.push(Cue::Lower),
            },
            Phase::Rest | Phase::Changeover => out.push(Cue::Rest),
            Phase::Done => out.push(Cue::Done),
            Phase::CountIn => {}
        },
        EventKind::Count { n, of_ms, .. } => {
            // The end of the lowering is the next phase's cue: nothing here.
            if let Some(said) = settings.counting.spoken(*n, *of_ms) {
                if settings.ticks {
                    out.push(Cue::Tick);
                }
                if counts && let Some(c) = number(said) {
                    out.push(c);
                    counted = true;
                }
            }
        }
        EventKind::Countdown { n, .. } => {
            out.push(Cue::Pip);
            if counts && let Some(c) = number(*n) {
                out.push(c);
                counted = true;
            }
        }
        _ => {}
    }
    // The start of a rep past the plan (an open-ended set) also says so.
    if let EventKind::PhaseStarted(step) = event
        && step.extra
    {
        out.push(Cue::Extra);
    }
    (out, counted)
}

/// "set two of three", or "last set".
fn set_words(set: u16, sets: u16) -> Vec<Cue> {
    if set == sets && sets > 1 {
        return vec![Cue::Word(Word::LastSet)];
    }
    match (number(u32::from(set)), number(u32::from(sets))) {
        (Some(a), Some(b)) if sets > 1 => vec![Cue::Word(Word::Set), a, Cue::Word(Word::Of), b],
        _ => Vec::new(),
    }
}

/// What may be said as `step` starts: phrases, the fullest first.
fn phrases(step: &Step, workout: &Workout) -> Vec<Vec<Cue>> {
    let w = Cue::Word;
    let Some(block) = workout
        .blocks
        .get(usize::from(step.block).saturating_sub(1))
    else {
        return Vec::new();
    };
    let session = &block.session;
    let (next_block, next) = next_set(*step);
    let sets_of = |b: u16| {
        workout
            .blocks
            .get(usize::from(b).saturating_sub(1))
            .map_or(0, |b| b.session.sets)
    };
    let with = |first: Word, rest: Vec<Cue>| {
        let mut full = vec![w(first)];
        full.extend(rest);
        let mut out = vec![full];
        if out[0].len() > 1 {
            out.push(vec![w(first)]);
        }
        out
    };
    match step.phase {
        Phase::CountIn => {
            // Which set comes matters more than "ready".
            let set = set_words(next, sets_of(next_block));
            let mut out = with(Word::Ready, set.clone());
            if !set.is_empty() {
                out.insert(1, set);
            }
            out
        }
        Phase::Rest => with(Word::Rest, set_words(next, sets_of(next_block))),
        Phase::Changeover => {
            let exercise = workout
                .blocks
                .get(usize::from(next_block).saturating_sub(1))
                .and_then(|b| b.exercise.as_deref())
                .and_then(Word::exercise);
            let next = exercise.map_or_else(Vec::new, |e| vec![w(Word::Next), w(e)]);
            with(Word::Rest, next)
        }
        Phase::Done => vec![vec![w(Word::Done)]],
        Phase::Lift | Phase::Lower | Phase::TopPause | Phase::BottomPause => {
            let base = match step.phase {
                Phase::Lift if step.partner => Word::Partner,
                Phase::Lift => Word::Up,
                Phase::Lower => Word::Down,
                _ => Word::Hold,
            };
            let first_of_rep = step.extra
                || step.phase
                    == match session.start {
                        Start::Lower => Phase::Lower,
                        Start::Lift => Phase::Lift,
                    };
            let planned = session.reps_of(step.set);
            let mut out = Vec::new();
            if step.extra {
                let past = step.rep.saturating_sub(planned);
                match number(u32::from(past)) {
                    _ if past <= 1 => out.push(vec![w(Word::ToFailure)]),
                    Some(n) => out.push(vec![w(Word::Plus), n]),
                    None => {}
                }
            } else if first_of_rep
                && step.rep == planned
                && planned > 1
                && !session.open_ended_in(step.set)
            {
                out.push(vec![w(Word::LastRep)]);
            }
            // The lifter's own lift names the rep: "rep four". "rep" goes
            // first, so that its number is never taken for a count.
            if step.phase == Phase::Lift
                && !step.partner
                && !step.extra
                && out.is_empty()
                && let Some(n) = number(u32::from(step.rep))
            {
                out.push(vec![w(Word::Rep), n]);
            }
            out.push(vec![w(base)]);
            out
        }
    }
}

/// How long `phrase` lasts, its gaps included, in samples.
fn length(phrase: &[Cue], bank: &Bank) -> usize {
    let words: usize = phrase.iter().map(|c| bank.get(*c).len()).sum();
    words + GAP * phrase.len().saturating_sub(1)
}

/// Everything that plays for the events of one instant. `room` is how
/// many samples there are until the session's next instant (`None`: no
/// next instant is due, the lifter is awaited or the session is over).
pub fn sounds(
    events: &[EventKind],
    workout: &Workout,
    settings: &Settings,
    room: Option<usize>,
    bank: &Bank,
) -> Vec<Sound> {
    if settings.muted {
        return Vec::new();
    }
    let mut cues = Vec::new();
    let mut counted = false;
    for event in events {
        let (t, c) = tones(event, settings);
        cues.extend(t);
        counted |= c;
    }
    let fits = |phrase: &Vec<Cue>| room.is_none_or(|r| length(phrase, bank) + MARGIN <= r);
    let said = if settings.voice.words() && !counted {
        events.iter().find_map(|e| match e {
            EventKind::PhaseStarted(step) => phrases(step, workout).into_iter().find(fits),
            _ => None,
        })
    } else {
        None
    };
    let mut out = Vec::new();
    if let Some(phrase) = said {
        cues.retain(|c| !phase_tone(*c) && !matches!(c, Cue::Number(_)));
        let mut delay = 0;
        for cue in phrase {
            out.push(Sound {
                cue,
                delay,
                level: 1.0,
            });
            delay += bank.get(cue).len() + GAP;
        }
    }
    // A count starting together with tones plays at full level and ducks
    // them to DUCK, so that the tones never mask it; a pip or a tick is
    // the count's own mark and keeps its level.
    let spoken = cues.iter().any(|c| matches!(c, Cue::Number(_)));
    for cue in cues {
        let level = if spoken && phase_tone(cue) { DUCK } else { 1.0 };
        out.push(Sound {
            cue,
            delay: 0,
            level,
        });
    }
    out.sort_by_key(|s| s.delay);
    out
}

/// Every sound of `workout` run as planned (no lifter's commands), each
/// with the session time of its instant, in order: what the stream plays,
/// instant by instant, with the same room to the next instant. For
/// `render`'s checks, the benchmarks and the tests.
pub fn planned(
    workout: &Workout,
    settings: &Settings,
    origin: Instant,
    bank: &Bank,
) -> Vec<(Duration, Sound)> {
    let events = simulate_workout(workout, origin);
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (t, at) = (events[i].t_ms, events[i].at);
        let same = events[i..].iter().take_while(|e| e.t_ms == t).count();
        let kinds: Vec<EventKind> = events[i..i + same].iter().map(|e| e.kind.clone()).collect();
        i += same;
        let room = events.get(i).map(|next| {
            usize::try_from(sample_at(origin, next.at) - sample_at(origin, at))
                .unwrap_or(usize::MAX)
        });
        out.extend(
            sounds(&kinds, workout, settings, room, bank)
                .into_iter()
                .map(|s| (duration(t), s)),
        );
    }
    out
}

/// How loud a tone plays when it starts on the same sample as a count:
/// not at all. Measured with a recogniser, a tone even 22 dB down (0.08)
/// still cost the count it shared its instant with.
pub(crate) const DUCK: f32 = 0.0;

/// What plays when the lifter pauses: "paused", with the full voice.
pub fn paused(settings: &Settings) -> Vec<Sound> {
    if settings.muted || !settings.voice.words() {
        return Vec::new();
    }
    vec![Sound {
        cue: Cue::Word(Word::Paused),
        delay: 0,
        level: 1.0,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::counting::{Counting, Voice};
    use crate::timing::plan::Session;
    use crate::timing::workout::Block;

    fn session(tempo: &str, reps: u16, sets: u16, start: Start) -> Session {
        Session {
            tempo: tempo.parse().expect("tempo"),
            reps,
            sets,
            rest_ms: 60_000,
            count_in_ms: 5000,
            start,
            ..Session::default()
        }
    }

    fn step(phase: Phase, set: u16, rep: u16, ms: u32) -> Step {
        Step {
            phase,
            block: 1,
            set,
            rep,
            ms,
            manual: false,
            partner: false,
            extra: false,
        }
    }

    fn settings(voice: Voice, counting: Counting) -> Settings {
        Settings {
            voice,
            counting,
            ..Settings::default()
        }
    }

    /// The cues, in order, of `events` with `room_ms` to the next.
    fn heard(events: &[EventKind], workout: &Workout, s: &Settings, room_ms: usize) -> Vec<Cue> {
        let room = room_ms * RATE as usize / 1000;
        sounds(events, workout, s, Some(room), &Bank::new())
            .into_iter()
            .filter(|s| s.level > 0.0)
            .map(|s| s.cue)
            .collect()
    }

    fn count(n: u32, of_ms: u32) -> EventKind {
        EventKind::Count {
            n,
            of_ms,
            set: 1,
            rep: 1,
        }
    }

    #[test]
    fn each_second_of_a_lowering_is_counted_at_its_start_and_its_end_is_the_next_cue() {
        let w = Workout::single(session("4-0-1-0", 8, 3, Start::Lower));
        let lower = EventKind::PhaseStarted(step(Phase::Lower, 1, 1, 4000));
        let counts = settings(Voice::Counts, Counting::Up);
        assert_eq!(
            heard(std::slice::from_ref(&lower), &w, &counts, 1000),
            [Cue::Number(1)]
        );
        assert_eq!(
            heard(&[count(1, 4000)], &w, &counts, 1000),
            [Cue::Tick, Cue::Number(2)]
        );
        assert_eq!(
            heard(&[count(3, 4000)], &w, &counts, 1000),
            [Cue::Tick, Cue::Number(4)]
        );
        assert_eq!(heard(&[count(4, 4000)], &w, &counts, 1000), []);
        let down = settings(Voice::Counts, Counting::Down);
        assert_eq!(
            heard(std::slice::from_ref(&lower), &w, &down, 1000),
            [Cue::Number(4)]
        );
        assert_eq!(
            heard(&[count(1, 4000)], &w, &down, 1000),
            [Cue::Tick, Cue::Number(3)]
        );
        assert_eq!(
            heard(&[count(3, 4000)], &w, &down, 1000),
            [Cue::Tick, Cue::Number(1)]
        );
        let off = settings(Voice::Off, Counting::Up);
        assert_eq!(heard(&[lower], &w, &off, 1000), [Cue::Lower]);
        assert_eq!(heard(&[count(1, 4000)], &w, &off, 1000), [Cue::Tick]);
        // Counts go to sixty.
        assert_eq!(
            heard(&[count(59, 60_000)], &w, &counts, 1000),
            [Cue::Tick, Cue::Number(60)]
        );
    }

    #[test]
    fn the_full_voice_names_the_phases_in_place_of_their_tones() {
        let w = Workout::single(session("4-1-1-0", 8, 3, Start::Lower));
        let full = Settings::default();
        let at = |phase, rep, ms| {
            heard(
                &[EventKind::PhaseStarted(step(phase, 1, rep, ms))],
                &w,
                &full,
                ms as usize,
            )
        };
        assert_eq!(at(Phase::Lower, 2, 4000), [Cue::Word(Word::Down)]);
        assert_eq!(at(Phase::BottomPause, 2, 1000), [Cue::Word(Word::Hold)]);
        // The lift names the rep, "rep" first: never taken for a count.
        assert_eq!(
            at(Phase::Lift, 2, 1000),
            [Cue::Word(Word::Rep), Cue::Number(2)]
        );
        assert_eq!(at(Phase::Lower, 8, 4000), [Cue::Word(Word::LastRep)]);
        // With each set's own reps (`reps = [8, 5, 3]`), "last rep" comes
        // on each set's own last.
        let mut each = session("4-1-1-0", 8, 3, Start::Lower);
        each.set_each(
            [8, 5, 3]
                .map(|reps| crate::timing::plan::SetReps {
                    reps,
                    open_ended: false,
                })
                .to_vec(),
        );
        let each = Workout::single(each);
        let in_set = |set, rep| {
            heard(
                &[EventKind::PhaseStarted(step(Phase::Lower, set, rep, 4000))],
                &each,
                &full,
                4000,
            )
        };
        assert_eq!(in_set(2, 5), [Cue::Word(Word::LastRep)]);
        assert_eq!(in_set(3, 3), [Cue::Word(Word::LastRep)]);
        assert_eq!(in_set(3, 2), [Cue::Word(Word::Down)]);
        let done = EventKind::PhaseStarted(step(Phase::Done, 3, 0, 0));
        assert_eq!(
            sounds(&[done], &w, &full, None, &Bank::new())[0].cue,
            Cue::Word(Word::Done)
        );
        // "last rep" only starts a rep: the last rep's lift is "rep eight".
        assert_eq!(
            at(Phase::Lift, 8, 1000),
            [Cue::Word(Word::Rep), Cue::Number(8)]
        );
        // Too short for "rep two": "up"; too short for the word: the tone
        // (or the lowering's first count). Each phase is one sample short of
        // what it is too short for, with its margin, whatever the
        // recordings' lengths.
        let bank = Bank::new();
        let ms =
            |samples: usize| u32::try_from(samples * 1000 / RATE as usize).expect("under a second");
        let short = |word| ms(bank.get(Cue::Word(word)).len() + MARGIN - 1);
        let rep_two =
            bank.get(Cue::Word(Word::Rep)).len() + GAP + bank.get(Cue::Number(2)).len() + MARGIN
                - 1;
        assert_eq!(at(Phase::Lift, 2, ms(rep_two)), [Cue::Word(Word::Up)]);
        assert_eq!(at(Phase::Lift, 2, short(Word::Up)), [Cue::Lift]);
        assert_eq!(at(Phase::Lower, 2, short(Word::Down)), [Cue::Number(1)]);
        // A count at the same instant: no words.
        let both = [
            EventKind::PhaseStarted(step(Phase::Rest, 1, 0, 3000)),
            EventKind::Countdown {
                n: 3,
                block: 1,
                set: 2,
            },
        ];
        assert_eq!(heard(&both, &w, &full, 1000), [Cue::Pip, Cue::Number(3)]);
    }

    #[test]
    fn rests_say_which_set_comes_and_changeovers_which_exercise() {
        let mut w = Workout::single(session("4-0-1-0", 8, 3, Start::Lower));
        let mut second = w.blocks[0].clone();
        second.exercise = Some("squat".into());
        second.session.sets = 2;
        w.blocks.push(second);
        let full = Settings::default();
        let rest = |set| EventKind::PhaseStarted(step(Phase::Rest, set, 0, 60_000));
        let set_two = [
            Cue::Word(Word::Rest),
            Cue::Word(Word::Set),
            Cue::Number(2),
            Cue::Word(Word::Of),
            Cue::Number(3),
        ];
        assert_eq!(heard(&[rest(1)], &w, &full, 57000), set_two);
        assert_eq!(
            heard(&[rest(2)], &w, &full, 57000),
            [Cue::Word(Word::Rest), Cue::Word(Word::LastSet)]
        );
        // Only "rest" fits before the countdown of a short rest.
        assert_eq!(heard(&[rest(1)], &w, &full, 800), [Cue::Word(Word::Rest)]);
        let changeover = EventKind::PhaseStarted(step(Phase::Changeover, 3, 0, 120_000));
        assert_eq!(
            heard(&[changeover], &w, &full, 117000),
            [
                Cue::Word(Word::Rest),
                Cue::Word(Word::Next),
                Cue::Word(Word::Squat)
            ]
        );
        let count_in = EventKind::PhaseStarted(step(Phase::CountIn, 1, 0, 5000));
        let set_one = [
            Cue::Word(Word::Set),
            Cue::Number(1),
            Cue::Word(Word::Of),
            Cue::Number(3),
        ];
        // A count-in of 5 s has 2 s before its countdown: which set comes.
        assert_eq!(
            heard(std::slice::from_ref(&count_in), &w, &full, 2000),
            set_one
        );
        let mut ready = vec![Cue::Word(Word::Ready)];
        ready.extend(set_one);
        assert_eq!(
            heard(std::slice::from_ref(&count_in), &w, &full, 7000),
            ready
        );
        assert_eq!(heard(&[count_in], &w, &full, 500), [Cue::Word(Word::Ready)]);
        // A phrase's words follow each other, a gap apart.
        let said = sounds(&[rest(1)], &w, &full, None, &Bank::new());
        let bank = Bank::new();
        for pair in said.windows(2) {
            assert_eq!(
                pair[1].delay,
                pair[0].delay + bank.get(pair[0].cue).len() + GAP
            );
        }
    }

    #[test]
    fn past_the_plan_the_voice_says_to_failure_then_each_extra_rep() {
        let mut s = session("7-0-1-0", 6, 1, Start::Lift);
        s.open_ended = true;
        let w = Workout::single(s);
        let full = Settings::default();
        let extra = |rep| {
            let mut st = step(Phase::Lift, 1, rep, 1000);
            st.extra = true;
            heard(&[EventKind::PhaseStarted(st)], &w, &full, 1000)
        };
        assert_eq!(extra(7), [Cue::Word(Word::ToFailure)]);
        assert_eq!(extra(8), [Cue::Word(Word::Plus), Cue::Number(2)]);
        // The planned last rep of an open-ended set is not the last.
        let last = EventKind::PhaseStarted(step(Phase::Lift, 1, 6, 1000));
        assert_eq!(
            heard(&[last], &w, &full, 1000),
            [Cue::Word(Word::Rep), Cue::Number(6)]
        );
        let mut partner = step(Phase::Lift, 1, 2, 3000);
        partner.partner = true;
        assert_eq!(
            heard(&[EventKind::PhaseStarted(partner)], &w, &full, 3000),
            [Cue::Word(Word::Partner)]
        );
        assert_eq!(paused(&full)[0].cue, Cue::Word(Word::Paused));
        assert!(paused(&settings(Voice::Counts, Counting::Up)).is_empty());
    }

    /// Every spoken sound of `workout`, as (first sample, end sample, cue).
    fn spoken(workout: &Workout, settings: &Settings) -> Vec<(usize, usize, Cue)> {
        let origin = Instant::now();
        let bank = Bank::new();
        planned(workout, settings, origin, &bank)
            .into_iter()
            .filter(|(_, s)| matches!(s.cue, Cue::Number(_) | Cue::Word(_)))
            .map(|(t, s)| {
                let at = usize::try_from(sample_at(origin, origin + t)).expect("fits") + s.delay;
                (at, at + bank.get(s.cue).len(), s.cue)
            })
            .collect()
    }

    #[test]
    fn nothing_spoken_talks_over_anything_else_spoken_at_any_tempo() {
        for lower in 2usize..=10 {
            for start in [Start::Lower, Start::Lift] {
                for counting in [Counting::Up, Counting::Down] {
                    let mut s = session(&format!("{lower}-1-1-0"), 3, 2, start);
                    s.rest_ms = 20_000;
                    let mut w = Workout::single(s.clone());
                    w.blocks[0].changeover_ms = 30_000;
                    w.blocks.push(Block {
                        exercise: Some("romanian-deadlift".into()),
                        ..w.blocks[0].clone()
                    });
                    let said = spoken(&w, &settings(Voice::Full, counting));
                    for pair in said.windows(2) {
                        assert!(
                            pair[0].1 <= pair[1].0,
                            "{lower} s {start:?} {counting}: {pair:?}"
                        );
                    }
                    // Every second of every lowering is counted.
                    let numbers = said
                        .iter()
                        .filter(|s| matches!(s.2, Cue::Number(_)))
                        .count();
                    assert!(numbers >= 12 * (lower - 1), "{numbers}");
                    let words: Vec<Cue> = said.iter().map(|s| s.2).collect();
                    for w in [
                        Word::Set,
                        Word::Down,
                        Word::Rep,
                        Word::Hold,
                        Word::LastRep,
                        Word::LastSet,
                        Word::Next,
                        Word::RomanianDeadlift,
                        Word::Done,
                    ] {
                        assert!(words.contains(&Cue::Word(w)), "{lower} s: {w:?}");
                    }
                }
            }
        }
    }
}
