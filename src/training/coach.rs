//! Coaching from the training log: pure rules over logged rows and a
//! `now` passed in. Advice only; nothing here ever stops a session.
//!
//! - Recovery ([`recovery`] has its rules): heavy negatives (a lowering
//!   of 5 s or more) of the same exercise in its last session, when the
//!   lifter trains 4 or more days a week (on a 4-5 day split they belong in
//!   every other workout; on 3 days a week each workout is fine), or in the
//!   last 48 h while the log is too short to tell; raised by a fresh
//!   journal entry that says very sore or badly slept. Sets too small to
//!   count ([`recovery::counts`]) are left out.
//! - Progression: the last two sessions of an exercise completed every
//!   planned rep at the same lowering: add 1 s, up to 7 s; at 7 s, add
//!   about 10 % load and go back to a 3-4 s lowering.
//!
//! A logged *session* is a run of rows of one exercise each less than
//! [`SESSION_GAP`](crate::training::sessions::SESSION_GAP) after the one before. Only the last [`LOOKBACK`] of
//! the log counts: older sessions are too long ago to progress from, and
//! a session's start need read no further back however old the log is.
//!
//! Times are shown in the zone of the `now` given (the lifter's zone
//! today), whatever UTC offset a row was written with.

use std::fmt;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

use crate::load::{self, Load};
use crate::text::safe;
use crate::timing::units::fmt_secs;
use crate::training::progress;
use crate::training::recovery::{self, Frequency};
use crate::training::rows::JournalEntry;
use crate::training::sessions::{LoggedSession, SESSION_GAP, label_at, sessions};
use crate::training::store::{Row, name_key};

/// A lowering at least this long (ms) counts as heavy negatives.
pub(crate) const HEAVY_LOWER_MS: u32 = 5000;
/// The longest lowering the progression goes to, in ms.
pub(crate) const MAX_LOWER_MS: u32 = 7000;
/// How far back the coaching looks: 8 weeks.
pub(crate) const LOOKBACK: SignedDuration = SignedDuration::from_hours(8 * 7 * 24);

/// The earliest moment whose rows the coaching at `now` looks at.
pub fn since(now: Timestamp) -> Timestamp {
    now.checked_sub(LOOKBACK).unwrap_or(Timestamp::MIN)
}

/// A piece of advice, with the logged sessions it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Advice {
    /// Heavy negatives of this exercise too recently for how often the
    /// lifter trains.
    Recover {
        /// The exercise.
        exercise: String,
        /// The heavy sessions it rests on, as `2026-11-20 18:05`.
        sessions: Vec<String>,
        /// The longest lowering among them, in ms.
        lower_ms: u32,
        /// When the latest of them ended.
        ended: Timestamp,
        /// When heavy negatives of it are fine again, as `Tue 17:19`
        /// (48 h on, while the training frequency is not known); `None`
        /// when the rule counts workouts (the next one is light).
        next: Option<String>,
        /// How often the lifter trains, which decided the rule.
        frequency: Frequency,
        /// The journal entry that raises it, as [`journal_label`] says it.
        journal: Option<String>,
    },
    /// The last two sessions' negatives gave out before the lowering
    /// planned: stay at the lowering reached.
    GaveOut {
        /// The exercise.
        exercise: String,
        /// The two sessions, as `2026-11-20 18:05`.
        sessions: [String; 2],
        /// The lowering planned, in ms.
        planned_ms: u32,
        /// The shortest and longest lowering reached when it gave out, ms.
        reached_ms: (u32, u32),
        /// The lowering to stay at, in ms.
        stay_ms: u32,
    },
    /// Overload negatives for weeks: try the load without help.
    Unassisted {
        /// The exercise.
        exercise: String,
        /// The first overload session of the run, as `2026-11-20 18:05`.
        since: String,
        /// Whole weeks since then.
        weeks: i64,
        /// The overload sessions since then, counted.
        sessions: usize,
        /// Their latest load, when it reads as a weight.
        load: Option<String>,
    },
    /// An overload session: the load about 10 % over the recent normal.
    OverloadLoad {
        /// The exercise.
        exercise: String,
        /// The recent normal load and about 10 % more.
        normal: String,
        /// About 10 % more.
        more: String,
    },
    /// The latest journal entry says very sore or badly slept.
    Strained {
        /// The entry, as [`journal_label`] says it.
        journal: String,
    },
    /// Two full sessions at one lowering: lower for longer next time.
    Longer {
        /// The exercise.
        exercise: String,
        /// The two sessions, as `2026-11-20 18:05`.
        sessions: [String; 2],
        /// The lowering they were done at, in ms.
        lower_ms: u32,
        /// The lowering to try, in ms.
        next_ms: u32,
    },
    /// Two full sessions at 7 s: more load, a shorter lowering.
    Heavier {
        /// The exercise.
        exercise: String,
        /// The two sessions, as `2026-11-20 18:05`.
        sessions: [String; 2],
        /// The lowering they were done at, in ms.
        lower_ms: u32,
        /// The load used, and about 10 % more, when it reads as a number.
        load: Option<(String, String)>,
    },
}

/// The exercise as advice names it, made safe for the terminal.
fn name(exercise: &str) -> std::borrow::Cow<'_, str> {
    if exercise.is_empty() {
        "(no exercise)".into()
    } else {
        safe(exercise)
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// Advice as said to the command that runs: a lowering to try is an
/// option on the command line (`--lower 5`), or inside a workout, where
/// `-w` takes no `--lower`, its key in the block (`lower = 5`).
pub(crate) struct Said<'a> {
    /// The advice.
    pub advice: &'a Advice,
    /// The command runs a workout.
    pub in_workout: bool,
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.advice.write(f, self.in_workout)
    }
}

impl Advice {
    fn write(&self, f: &mut fmt::Formatter<'_>, in_workout: bool) -> fmt::Result {
        let lower = |ms: u32| {
            if in_workout {
                format!("lower = {} in its block of the workout", fmt_secs(ms))
            } else {
                format!("--lower {}", fmt_secs(ms))
            }
        };
        match self {
            Advice::Recover {
                exercise,
                sessions,
                lower_ms,
                next,
                frequency,
                journal,
                ..
            } => {
                let who = name(exercise);
                let why = match frequency {
                    Frequency::PerWeek(n) => format!(
                        "you train {n} days a week, and on a 4-5 day split negatives go in \
                         every other workout"
                    ),
                    Frequency::Unknown => "they need about 48 h of recovery".to_string(),
                };
                write!(
                    f,
                    "{who}: heavy negatives ({} s lowering) logged {}: {why}",
                    fmt_secs(*lower_ms),
                    sessions.join(", ")
                )?;
                if let Some(j) = journal {
                    write!(f, "; and your {j}")?;
                }
                // It speaks of the next session, whenever it is read: never
                // of "today", which may be the session just done.
                match next {
                    Some(at) => write!(
                        f,
                        "; next heavy negatives for {who}: after {at} (before then, lighter or \
                         at a normal tempo)"
                    ),
                    None => write!(
                        f,
                        "; next {who} session: lighter or at a normal tempo, and heavy \
                         negatives the one after"
                    ),
                }
            }
            Advice::GaveOut {
                exercise,
                sessions,
                planned_ms,
                reached_ms: (lo, hi),
                stay_ms,
            } => {
                let reached = if lo == hi {
                    fmt_secs(*lo)
                } else {
                    format!("{}-{}", fmt_secs(*lo), fmt_secs(*hi))
                };
                write!(
                    f,
                    "{}: your {} s negatives gave out at {reached} s in the last two sessions \
                     ({} and {}): stay at {} s ({})",
                    name(exercise),
                    fmt_secs(*planned_ms),
                    sessions[0],
                    sessions[1],
                    fmt_secs(*stay_ms),
                    lower(*stay_ms)
                )
            }
            Advice::Unassisted {
                exercise,
                since,
                weeks,
                sessions,
                load,
            } => write!(
                f,
                "{}: overload negatives since {since} ({weeks} weeks, {sessions} sessions): time \
                 to try {} unassisted, lifting it yourself",
                name(exercise),
                load.as_deref().unwrap_or("that load")
            ),
            Advice::OverloadLoad {
                exercise,
                normal,
                more,
            } => write!(
                f,
                "{}: overload negatives: about 10 % over your recent {normal} is {more} ({})",
                name(exercise),
                rounding(more)
            ),
            Advice::Strained { journal } => write!(
                f,
                "your {journal}: recovery is not done; keep today's negatives light or at a \
                 normal tempo"
            ),
            Advice::Longer {
                exercise,
                sessions,
                lower_ms,
                next_ms,
            } => write!(
                f,
                "{}: every planned rep done at a {} s lowering in the last two sessions ({} and \
                 {}): try {} s next time ({})",
                name(exercise),
                fmt_secs(*lower_ms),
                sessions[0],
                sessions[1],
                fmt_secs(*next_ms),
                lower(*next_ms)
            ),
            Advice::Heavier {
                exercise,
                sessions,
                lower_ms,
                load,
            } => {
                let more = match load {
                    Some((from, to)) => {
                        format!("about 10 % more load ({from} → {to}, {})", rounding(to))
                    }
                    None => "about 10 % more load".to_string(),
                };
                write!(
                    f,
                    "{}: every planned rep done at a {} s lowering in the last two sessions ({} \
                     and {}): add {more} and go back to a 3-4 s lowering ({})",
                    name(exercise),
                    fmt_secs(*lower_ms),
                    sessions[0],
                    sessions[1],
                    lower(3000)
                )
            }
        }
    }
}

/// A journal entry as advice names it: `journal of 2026-11-21 07:30 says
/// soreness 5/5, sleep 2/5`.
pub(crate) fn journal_label(entry: &JournalEntry, tz: &TimeZone) -> String {
    format!(
        "journal of {} says soreness {}/5, sleep {}/5",
        label_at(entry.when.at, tz),
        entry.soreness,
        entry.sleep
    )
}

/// Advice for `exercise` at `now` from the logged `rows` and the
/// `journal`: the recovery caution first, then the progression hint. Only
/// rows from the last [`LOOKBACK`] up to `now` count; sessions are
/// labelled in `now`'s zone.
pub(crate) fn advise(
    rows: &[Row],
    journal: &[JournalEntry],
    exercise: &str,
    bodyweight: bool,
    now: &Zoned,
) -> Vec<Advice> {
    let tz = now.time_zone();
    let (from, now) = (since(now.timestamp()), now.timestamp());
    let window: Vec<Row> = rows
        .iter()
        .filter(|r| from <= r.when.at && r.when.at <= now)
        .cloned()
        .collect();
    let frequency = recovery::frequency(&window, now);
    let past: Vec<Row> = window
        .iter()
        .filter(|r| name_key(&r.exercise) == name_key(exercise))
        .cloned()
        .collect();
    let all = sessions(&past);
    let mut out = Vec::new();
    let normal = progress::normal_load(&all);
    let heavy_ms = |s: &LoggedSession<'_>| heavy_lower_ms(s, normal, bodyweight);
    let counted: Vec<&LoggedSession<'_>> =
        all.iter().filter(|s| s.counted_lower_ms() > 0).collect();
    let heavy: Vec<&LoggedSession<'_>> = match frequency {
        Frequency::Unknown => counted
            .iter()
            .filter(|s| {
                heavy_ms(s) >= HEAVY_LOWER_MS && now.duration_since(s.end()) < recovery::RECOVERY
            })
            .copied()
            .collect(),
        Frequency::PerWeek(n) if n >= recovery::SPLIT_DAYS => counted
            .last()
            .filter(|s| heavy_ms(s) >= HEAVY_LOWER_MS)
            .into_iter()
            .copied()
            .collect(),
        Frequency::PerWeek(_) => Vec::new(),
    };
    let strained = recovery::strained(journal, now).map(|e| journal_label(e, tz));
    if let Some(latest) = heavy.last() {
        out.push(Advice::Recover {
            exercise: exercise.to_string(),
            sessions: heavy.iter().map(|s| s.label(tz)).collect(),
            lower_ms: heavy.iter().map(|s| heavy_ms(s)).max().unwrap_or(0),
            ended: latest.end(),
            next: (frequency == Frequency::Unknown).then(|| {
                latest
                    .end()
                    .checked_add(recovery::RECOVERY)
                    .unwrap_or(Timestamp::MAX)
                    .to_zoned(tz.clone())
                    .strftime("%a %H:%M")
                    .to_string()
            }),
            frequency,
            journal: strained,
        });
    } else if let Some(journal) = strained {
        out.push(Advice::Strained { journal });
    }
    if let Some(a) = progression(&all, exercise, now, tz) {
        out.push(a);
        return out;
    }
    if let [.., before, last] = all.as_slice() {
        let lower = last.lower_ms();
        if lower > 0 && last.complete_at(lower) && before.complete_at(lower) {
            let sessions = [before.label(tz), last.label(tz)];
            let exercise = exercise.to_string();
            out.push(if lower >= MAX_LOWER_MS {
                Advice::Heavier {
                    exercise,
                    sessions,
                    lower_ms: lower,
                    load: progress::normal_load(&all)
                        .and_then(|w| Some((w.to_string(), load::ten_percent_more(w)?.to_string())))
                        .or_else(|| ten_percent_more(last.load())),
                }
            } else {
                Advice::Longer {
                    exercise,
                    sessions,
                    lower_ms: lower,
                    next_ms: (lower / 1000 * 1000 + 1000).min(MAX_LOWER_MS),
                }
            });
        }
    }
    out
}

/// A load at least this share of the exercise's recent normal load is near
/// it: a long lowering there is heavy negatives.
pub(crate) const NEAR_NORMAL: f64 = 0.8;

/// The longest lowering of `session`'s sets that count
/// ([`recovery::counts`]) and were heavy negatives as the articles mean
/// them, in ms (0 if none was): an overload set (*"we can lower heavier
/// weight than we can lift"*), a set of the beyond-failure protocol, or a
/// set at a load near the exercise's recent `normal` load. Not a set at
/// bodyweight or assisted, or well under the normal load (*"start with
/// bodyweight or light weights"*); with nothing typed for the load, not a
/// set of a `bodyweight` exercise (push-ups, pull-ups).
fn heavy_lower_ms(
    session: &LoggedSession<'_>,
    normal: Option<load::Weight>,
    bodyweight: bool,
) -> u32 {
    let heavy = |r: &Row| {
        if progress::overload(r) || r.preset == "beyond-failure" {
            return true;
        }
        match load::parse(&r.load) {
            Ok(Load::Weight(w)) => normal.is_none_or(|n| w.kg() >= NEAR_NORMAL * n.kg()),
            Ok(Load::Bodyweight(extra)) => extra.is_some_and(|w| w.centi > 0),
            Err(_) => !bodyweight,
        }
    };
    session
        .rows
        .iter()
        .filter(|r| recovery::counts(r) && heavy(r))
        .map(|r| r.lower_ms)
        .max()
        .unwrap_or(0)
}

/// The progression rules that read failure data and overload
/// ([`progress`]), in that order.
fn progression(
    all: &[LoggedSession<'_>],
    exercise: &str,
    now: Timestamp,
    tz: &TimeZone,
) -> Option<Advice> {
    if let [.., before, last] = all
        && let Some((planned_ms, reached)) = progress::gave_out([before, last])
    {
        let (lo, hi) = (reached.first().copied()?, reached.last().copied()?);
        let stay_ms = ((hi + 500) / 1000 * 1000)
            .max(3000)
            .min(planned_ms.saturating_sub(1000).max(1000));
        return Some(Advice::GaveOut {
            exercise: exercise.to_string(),
            sessions: [before.label(tz), last.label(tz)],
            planned_ms,
            reached_ms: (lo, hi),
            stay_ms,
        });
    }
    if let Some(start) = progress::overload_since(all, now) {
        let run: Vec<&LoggedSession<'_>> = all.iter().filter(|s| s.start() >= start).collect();
        let load = run
            .last()
            .and_then(|s| s.rows.iter().rev().find_map(|r| progress::weight(r)));
        return Some(Advice::Unassisted {
            exercise: exercise.to_string(),
            since: label_at(start, tz),
            weeks: now.duration_since(start).as_hours() / (7 * 24),
            sessions: run.len(),
            load: load.map(|w| w.to_string()),
        });
    }
    let last = all.last()?;
    if last.rows.iter().any(|r| progress::overload(r)) {
        let normal = progress::normal_load(all)?;
        return Some(Advice::OverloadLoad {
            exercise: exercise.to_string(),
            normal: normal.to_string(),
            more: load::ten_percent_more(normal)?.to_string(),
        });
    }
    None
}

/// The one line to show when a session of `exercise` starts: the recovery
/// caution if there is one (going longer or heavier would contradict it),
/// else the progression hint.
pub(crate) fn opening_line(
    rows: &[Row],
    journal: &[JournalEntry],
    exercise: &str,
    bodyweight: bool,
    now: &Zoned,
    in_workout: bool,
) -> Option<String> {
    // Heavy negatives that ended less than a session's gap ago are the
    // session being resumed (`--from`, or started again): no caution
    // about itself.
    let resumed = |a: &Advice| {
        matches!(a, Advice::Recover { ended, .. }
            if now.timestamp().duration_since(*ended) < SESSION_GAP)
    };
    advise(rows, journal, exercise, bodyweight, now)
        .into_iter()
        .find(|a| !resumed(a))
        .map(|advice| {
            let said = Said {
                advice: &advice,
                in_workout,
            };
            format!("coach: {said}")
        })
}

/// A load as typed (`80kg`, `52.5 lb`) and about 10 % more, rounded to
/// the unit's plate step (0.5 kg or 1 lb) and at least one step more:
/// `("80kg", "88kg")`. `None` when the load is not a plain weight
/// (bodyweight, assistance, or text that does not read as a load).
pub(crate) fn ten_percent_more(load: &str) -> Option<(String, String)> {
    match load::parse(load) {
        Ok(Load::Weight(w)) => Some((
            load.trim().to_string(),
            load::ten_percent_more(w)?.to_string(),
        )),
        _ => None,
    }
}

/// How a suggested load is rounded, said beside it.
fn rounding(to: &str) -> &'static str {
    if to.ends_with("lb") {
        "rounded to 1 lb"
    } else {
        "rounded to 0.5 kg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures::{entry, set};

    /// A hand-made row: `time`, exercise, lowering s, planned, done, load.
    fn row(time: &str, exercise: &str, lower_s: u32, planned: u16, done: u16, load: &str) -> Row {
        Row {
            planned,
            load: load.into(),
            ..set(time, exercise, lower_s, done)
        }
    }

    /// `text` (a UTC time) seen from a zone at UTC+1, where the rows
    /// were written.
    fn now(text: &str) -> Zoned {
        let at: Timestamp = text.parse().expect("now");
        at.to_zoned(jiff::tz::offset(1).to_time_zone())
    }

    #[test]
    fn rows_close_together_are_one_session() {
        let rows = [
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-18T18:03:00+01:00", "bench", 4, 8, 8, ""),
            row("2026-11-18T18:05:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-18T21:00:00+01:00", "squat", 4, 8, 8, ""),
        ];
        let s = sessions(&rows);
        let shape: Vec<(&str, usize)> = s.iter().map(|s| (s.exercise, s.rows.len())).collect();
        assert_eq!(shape, [("squat", 2), ("bench", 1), ("squat", 1)]);
    }

    #[test]
    fn heavy_negatives_in_the_last_48_hours_advise_recovery() {
        let rows = [
            row("2026-11-18T18:00:00+01:00", "bench", 6, 6, 6, "90kg"),
            row("2026-11-20T18:00:00+01:00", "bench", 6, 6, 5, "90kg"),
            row("2026-11-20T19:00:00+01:00", "squat", 3, 8, 8, ""),
        ];
        let advice = advise(&rows, &[], "bench", false, &now("2026-11-21T08:00:00Z"));
        assert_eq!(
            advice,
            [Advice::Recover {
                exercise: "bench".into(),
                sessions: vec!["2026-11-20 18:00".into()],
                lower_ms: 6000,
                ended: "2026-11-20T17:00:00Z".parse().expect("time"),
                next: Some("Sun 18:00".into()),
                frequency: Frequency::Unknown,
                journal: None,
            }]
        );
        let line = opening_line(
            &rows,
            &[],
            "bench",
            false,
            &now("2026-11-21T08:00:00Z"),
            false,
        )
        .expect("line");
        assert_eq!(
            line,
            "coach: bench: heavy negatives (6 s lowering) logged 2026-11-20 18:00: they need \
             about 48 h of recovery; next heavy negatives for bench: after Sun 18:00 (before \
             then, lighter or at a normal tempo)"
        );
        // Another exercise, a light one, or one 48 h back: no caution.
        assert_eq!(
            advise(&rows, &[], "squat", false, &now("2026-11-21T08:00:00Z")),
            []
        );
        assert_eq!(
            advise(&rows, &[], "bench", false, &now("2026-11-22T17:00:01Z")),
            []
        );
    }

    #[test]
    fn the_caution_speaks_of_the_next_session_and_not_of_one_resumed() {
        let rows = [
            row("2026-11-20T18:00:00+01:00", "bench", 6, 6, 6, "90kg"),
            row("2026-11-20T18:04:00+01:00", "bench", 6, 6, 6, "90kg"),
        ];
        // Read in `log` right after: it names when heavy negatives are
        // fine again, and never says "today" or "0 h ago".
        let just_after = now("2026-11-20T17:10:00Z");
        let said = advise(&rows, &[], "bench", false, &just_after)
            .first()
            .map(ToString::to_string)
            .expect("the caution");
        assert!(
            said.contains("next heavy negatives for bench: after Sun 18:04"),
            "{said}"
        );
        assert!(
            !said.contains("today") && !said.contains(" h ago"),
            "{said}"
        );
        // Resumed within the session's gap (`--from`): no caution about
        // the session itself at its start.
        assert_eq!(
            opening_line(&rows, &[], "bench", false, &just_after, false),
            None
        );
        // The next morning, a new session: the caution opens it.
        let next_day = now("2026-11-21T08:00:00Z");
        let line = opening_line(&rows, &[], "bench", false, &next_day, false).expect("the caution");
        assert!(line.starts_with("coach: bench: heavy negatives"), "{line}");
        // On a 4-5 day split, the next session of it is the light one.
        let split = Advice::Recover {
            exercise: "bench".into(),
            sessions: vec!["2026-11-20 18:00".into()],
            lower_ms: 6000,
            ended: "2026-11-20T17:04:00Z".parse().expect("time"),
            next: None,
            frequency: Frequency::PerWeek(5),
            journal: None,
        };
        assert!(
            split.to_string().ends_with(
                "; next bench session: lighter or at a normal tempo, and heavy \
                            negatives the one after"
            ),
            "{split}"
        );
    }

    #[test]
    fn heavy_means_an_overload_or_a_load_near_the_normal_one_not_bodyweight() {
        let at = now("2026-11-21T08:00:00Z");
        let caution = |rows: &[Row], bodyweight: bool| {
            matches!(
                advise(rows, &[], rows[0].exercise.as_str(), bodyweight, &at).first(),
                Some(Advice::Recover { .. })
            )
        };
        // 6 s push-ups with nothing typed for the load, or at "bw": not
        // heavy. With a 10 kg vest they are.
        let pushups = |load: &str| [row("2026-11-20T18:00:00+01:00", "push-up", 6, 8, 8, load)];
        assert!(!caution(&pushups(""), true));
        assert!(!caution(&pushups("bw"), false));
        assert!(!caution(&pushups("-20kg"), false), "assisted");
        assert!(caution(&pushups("bw+10kg"), true));
        // Bench at a 6 s lowering: heavy at a load near the normal 90 kg,
        // not at 50 kg.
        let bench = |load: &str| {
            [
                row("2026-11-16T18:00:00+01:00", "bench", 3, 6, 6, "90kg"),
                row("2026-11-20T18:00:00+01:00", "bench", 6, 6, 6, load),
            ]
        };
        assert!(caution(&bench("85kg"), false));
        assert!(!caution(&bench("50kg"), false));
        // With nothing typed, a weighted exercise's long lowering counts.
        assert!(caution(&bench(""), false));
        // An overload set is heavy whatever the load says.
        let mut over = bench("50kg");
        over[1].tempo = "6-0-P-0".into();
        assert!(caution(&over, false));
    }

    #[test]
    fn two_full_sessions_at_one_lowering_suggest_one_second_more() {
        let rows = [
            row("2026-11-16T18:00:00+01:00", "squat", 3, 8, 8, ""),
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-18T18:02:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-20T18:00:00+01:00", "squat", 4, 8, 8, ""),
        ];
        let advice = advise(&rows, &[], "squat", false, &now("2026-11-21T18:00:00Z"));
        assert_eq!(
            advice,
            [Advice::Longer {
                exercise: "squat".into(),
                sessions: ["2026-11-18 18:00".into(), "2026-11-20 18:00".into()],
                lower_ms: 4000,
                next_ms: 5000,
            }]
        );
        assert_eq!(
            advice[0].to_string(),
            "squat: every planned rep done at a 4 s lowering in the last two sessions \
             (2026-11-18 18:00 and 2026-11-20 18:00): try 5 s next time (--lower 5)"
        );
        // Inside a workout, where -w takes no --lower, it names the
        // block's key.
        let line = opening_line(
            &rows,
            &[],
            "squat",
            false,
            &now("2026-11-21T18:00:00Z"),
            true,
        )
        .expect("line");
        assert!(
            line.ends_with("try 5 s next time (lower = 5 in its block of the workout)"),
            "{line}"
        );
        assert!(!line.contains("--lower"), "{line}");
    }

    #[test]
    fn a_missed_rep_or_a_changed_lowering_gives_no_hint() {
        let missed = [
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-20T18:00:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-11-20T18:03:00+01:00", "squat", 4, 8, 7, ""),
        ];
        assert_eq!(
            advise(&missed, &[], "squat", false, &now("2026-11-22T18:00:00Z")),
            []
        );
        let changed = [
            row("2026-11-18T18:00:00+01:00", "squat", 3, 8, 8, ""),
            row("2026-11-20T18:00:00+01:00", "squat", 4, 8, 8, ""),
        ];
        assert_eq!(
            advise(&changed, &[], "squat", false, &now("2026-11-22T18:00:00Z")),
            []
        );
        let one = [row("2026-11-20T18:00:00+01:00", "squat", 4, 8, 8, "")];
        assert_eq!(
            advise(&one, &[], "squat", false, &now("2026-11-22T18:00:00Z")),
            []
        );
    }

    #[test]
    fn an_attempt_cut_short_by_a_restart_does_not_count_as_a_missed_set() {
        let mut cut = row("2026-11-20T18:01:00+01:00", "squat", 4, 8, 3, "");
        cut.facts.attempt = crate::timing::engine::Attempt::Restarted;
        let mut redo = row("2026-11-20T18:06:00+01:00", "squat", 4, 8, 8, "");
        redo.note = "felt easy".into();
        redo.facts.attempt = crate::timing::engine::Attempt::Redo;
        let rows = [
            row("2026-11-18T18:00:00+01:00", "squat", 4, 8, 8, ""),
            cut,
            row("2026-11-20T18:03:00+01:00", "squat", 4, 8, 8, ""),
            redo,
        ];
        let advice = advise(&rows, &[], "squat", false, &now("2026-11-22T18:00:00Z"));
        assert!(
            matches!(advice.as_slice(), [Advice::Longer { next_ms: 5000, .. }]),
            "{advice:?}"
        );
        // A set stopped short without a restart is a missed set still.
        let mut short = rows.clone();
        short[1].facts.attempt = crate::timing::engine::Attempt::Planned;
        assert_eq!(
            advise(&short, &[], "squat", false, &now("2026-11-22T18:00:00Z")),
            []
        );
        // One stopped part-way by a quit, then done again after `--from`,
        // is not a missed set: the advice stands.
        let mut quit = short.clone();
        quit[1].facts.ended_by = crate::training::rows::EndedBy::Quit;
        let advice = advise(&quit, &[], "squat", false, &now("2026-11-22T18:00:00Z"));
        assert!(
            matches!(advice.as_slice(), [Advice::Longer { next_ms: 5000, .. }]),
            "{advice:?}"
        );
    }

    #[test]
    fn at_seven_seconds_the_hint_is_more_load_and_a_shorter_lowering() {
        let rows = [
            row("2026-11-14T18:00:00+01:00", "curl", 7, 6, 6, "20kg"),
            row("2026-11-17T18:00:00+01:00", "curl", 7, 6, 6, "20kg"),
        ];
        let advice = advise(&rows, &[], "curl", false, &now("2026-11-21T18:00:00Z"));
        assert_eq!(advice.len(), 1);
        let text = advice[0].to_string();
        assert!(
            text.contains("add about 10 % more load (20kg → 22kg, rounded to 0.5 kg)"),
            "{text}"
        );
        assert!(text.contains("back to a 3-4 s lowering"), "{text}");
        assert!(
            text.contains("(2026-11-14 18:00 and 2026-11-17 18:00)"),
            "{text}"
        );
    }

    #[test]
    fn both_rules_can_hold_and_the_caution_opens_the_session() {
        let rows = [
            row("2026-11-18T18:00:00+01:00", "bench", 5, 6, 6, ""),
            row("2026-11-20T18:00:00+01:00", "bench", 5, 6, 6, ""),
        ];
        let at = now("2026-11-21T12:00:00Z");
        let advice = advise(&rows, &[], "bench", false, &at);
        assert_eq!(advice.len(), 2);
        assert!(matches!(advice[1], Advice::Longer { next_ms: 6000, .. }));
        let line = opening_line(&rows, &[], "bench", false, &at, false).expect("line");
        assert!(line.contains("heavy negatives"), "{line}");
    }

    #[test]
    fn only_the_last_eight_weeks_count() {
        let rows = [
            row("2026-09-01T18:00:00+01:00", "squat", 4, 8, 8, ""),
            row("2026-09-03T18:00:00+01:00", "squat", 4, 8, 8, ""),
        ];
        // 8 weeks after the first session: both count.
        assert_eq!(
            advise(&rows, &[], "squat", false, &now("2026-10-27T17:00:00Z")).len(),
            1
        );
        // A day later the first is too long ago: no hint.
        assert_eq!(
            advise(&rows, &[], "squat", false, &now("2026-10-28T17:00:01Z")),
            []
        );
        assert_eq!(
            since("2026-10-28T17:00:00Z".parse().expect("t")).to_string(),
            "2026-09-02T17:00:00Z"
        );
    }

    #[test]
    fn sessions_are_labelled_in_the_zone_of_now() {
        // Written at UTC-5 (a trip), read at UTC+1 (home).
        let rows = [
            row("2026-11-18T12:00:00-05:00", "squat", 4, 8, 8, ""),
            row("2026-11-20T12:00:00-05:00", "squat", 4, 8, 8, ""),
        ];
        let advice = advise(&rows, &[], "squat", false, &now("2026-11-21T18:00:00Z"));
        let Some(Advice::Longer { sessions, .. }) = advice.first() else {
            panic!("{advice:?}");
        };
        assert_eq!(sessions, &["2026-11-18 18:00", "2026-11-20 18:00"]);
    }

    /// Four weeks of `per_week` training days (Mon, Wed, Fri, Tue, Thu
    /// order) from Monday 2026-10-26: light squats each day, and bench
    /// with 6 s negatives on the last day, Friday 2026-11-20.
    fn weeks(per_week: usize) -> Vec<Row> {
        let order = [0, 2, 4, 1, 3];
        let start: jiff::civil::Date = "2026-10-26".parse().expect("date");
        let mut rows: Vec<Row> = (0..4)
            .flat_map(|w| order[..per_week].iter().map(move |d| w * 7 + d))
            .map(|d| {
                let day = start.checked_add(jiff::Span::new().days(d)).expect("day");
                row(&format!("{day}T18:00:00+01:00"), "squat", 3, 8, 7, "")
            })
            .collect();
        rows.push(row("2026-11-20T18:30:00+01:00", "bench", 6, 6, 6, "90kg"));
        rows
    }

    #[test]
    fn three_days_a_week_each_workout_may_have_negatives() {
        let at = now("2026-11-21T17:00:00Z");
        assert_eq!(advise(&weeks(3), &[], "bench", false, &at), []);
    }

    #[test]
    fn four_or_five_days_a_week_negatives_go_in_every_other_workout() {
        for n in [4u32, 5] {
            let rows = weeks(n as usize);
            // Monday, three days after the heavy bench: under a fixed 48 h
            // it would have passed; every other workout, it does not.
            let at = now("2026-11-23T17:00:00Z");
            let advice = advise(&rows, &[], "bench", false, &at);
            assert_eq!(
                advice,
                [Advice::Recover {
                    exercise: "bench".into(),
                    sessions: vec!["2026-11-20 18:30".into()],
                    lower_ms: 6000,
                    ended: "2026-11-20T17:30:00Z".parse().expect("time"),
                    next: None,
                    frequency: Frequency::PerWeek(n),
                    journal: None,
                }],
                "{n} days a week"
            );
            let text = advice[0].to_string();
            assert!(
                text.contains(&format!("you train {n} days a week")),
                "{text}"
            );
            assert!(text.contains("every other workout"), "{text}");
            // A light bench session since: the heavy one was the one before.
            let mut lighter = rows.clone();
            lighter.push(row("2026-11-23T18:00:00+01:00", "bench", 3, 6, 6, "90kg"));
            assert_eq!(
                advise(&lighter, &[], "bench", false, &now("2026-11-24T17:00:00Z")),
                []
            );
        }
    }

    #[test]
    fn a_sore_or_sleepless_journal_entry_raises_the_caution_and_is_named() {
        let journal = [
            entry("2026-11-19T07:00:00+01:00", 2, 4),
            entry("2026-11-21T07:30:00+01:00", 5, 2),
        ];
        let at = now("2026-11-21T08:00:00Z");
        // Alone: its own caution, naming the entry.
        let advice = advise(&[], &journal, "bench", false, &at);
        assert_eq!(
            advice,
            [Advice::Strained {
                journal: "journal of 2026-11-21 07:30 says soreness 5/5, sleep 2/5".into()
            }]
        );
        assert!(
            advice[0].to_string().contains("recovery is not done"),
            "{}",
            advice[0]
        );
        // With heavy negatives: the caution names both.
        let rows = [row("2026-11-20T18:00:00+01:00", "bench", 6, 6, 6, "90kg")];
        let line = opening_line(&rows, &journal, "bench", false, &at, false).expect("line");
        assert!(line.contains("logged 2026-11-20 18:00:"), "{line}");
        assert!(
            line.contains("and your journal of 2026-11-21 07:30 says soreness 5/5, sleep 2/5"),
            "{line}"
        );
        // Feeling fine, or three days ago: nothing.
        let fine = [entry("2026-11-21T07:30:00+01:00", 2, 4)];
        assert_eq!(advise(&[], &fine, "bench", false, &at), []);
        assert_eq!(
            advise(&[], &journal, "bench", false, &now("2026-11-24T08:00:00Z")),
            []
        );
    }

    #[test]
    fn one_rep_stopped_by_a_signal_is_no_heavy_session() {
        // The false alarm: one rep of 5-0-1-0, stopped after 11 s.
        let mut one = row("2026-11-21T08:59:00+01:00", "squat", 5, 8, 1, "");
        one.tut_ms = 11_000;
        assert_eq!(
            advise(
                &[one.clone()],
                &[],
                "squat",
                false,
                &now("2026-11-21T08:00:00Z")
            ),
            []
        );
        // Two reps and 12 s count.
        let mut two = one;
        (two.completed, two.tut_ms) = (2, 12_000);
        assert!(matches!(
            advise(&[two], &[], "squat", false, &now("2026-11-21T08:00:00Z")).as_slice(),
            [Advice::Recover { next: Some(_), .. }]
        ));
    }

    /// An overload set of bench: 6-0-P-0 with `load`.
    fn overload_row(time: &str, load: &str) -> Row {
        let mut r = row(time, "bench", 6, 6, 6, load);
        (r.preset, r.tempo) = ("overload".into(), "6-0-P-0".into());
        r
    }

    #[test]
    fn negatives_that_gave_out_twice_say_stay_at_the_lowering_reached() {
        let ended = |time: &str, into_ms: u64| {
            let mut r = row(time, "bench", 7, 6, 4, "80kg");
            r.note = "grip".into();
            r.facts.ended = Some((5, "lower".into(), into_ms));
            r.facts.ended_by = crate::training::rows::EndedBy::Failure;
            r
        };
        let rows = [
            row("2026-11-16T18:00:00+01:00", "bench", 7, 6, 6, "80kg"),
            ended("2026-11-18T18:00:00+01:00", 4200),
            ended("2026-11-20T18:00:00+01:00", 5000),
        ];
        let advice = advise(&rows, &[], "bench", false, &now("2026-11-23T18:00:00Z"));
        assert_eq!(advice.len(), 1, "{advice:?}");
        assert_eq!(
            advice[0].to_string(),
            "bench: your 7 s negatives gave out at 4.2-5 s in the last two sessions \
             (2026-11-18 18:00 and 2026-11-20 18:00): stay at 5 s (--lower 5)"
        );
        // Once only: no advice from failure data.
        let once = [rows[0].clone(), rows[1].clone()];
        assert!(
            !advise(&once, &[], "bench", false, &now("2026-11-23T18:00:00Z"))
                .iter()
                .any(|a| matches!(a, Advice::GaveOut { .. }))
        );
    }

    #[test]
    fn after_two_or_three_weeks_of_overload_try_the_load_unassisted() {
        // Normal bench at 80kg, then overload at 88kg twice a week.
        let mut rows = vec![row("2026-10-26T18:00:00+01:00", "bench", 3, 8, 8, "80kg")];
        for day in [
            "2026-11-02",
            "2026-11-05",
            "2026-11-09",
            "2026-11-12",
            "2026-11-16",
        ] {
            rows.push(overload_row(&format!("{day}T18:00:00+01:00"), "88kg"));
        }
        // Two weeks and a day after the first: time to try it.
        let advice = advise(&rows, &[], "bench", false, &now("2026-11-17T18:00:00Z"));
        assert_eq!(
            advice,
            [Advice::Unassisted {
                exercise: "bench".into(),
                since: "2026-11-02 18:00".into(),
                weeks: 2,
                sessions: 5,
                load: Some("88kg".into()),
            }]
        );
        assert!(
            advice[0]
                .to_string()
                .contains("time to try 88kg unassisted")
        );
        // Three weeks: still, and says three.
        rows.push(overload_row("2026-11-19T18:00:00+01:00", "88kg"));
        let advice = advise(&rows, &[], "bench", false, &now("2026-11-23T18:00:00Z"));
        assert!(
            matches!(
                advice.as_slice(),
                [Advice::Unassisted {
                    weeks: 3,
                    sessions: 6,
                    ..
                }]
            ),
            "{advice:?}"
        );
        // One week in: the load, about 10 % over the normal 80kg.
        let advice = advise(
            &rows[..3],
            &[],
            "bench",
            false,
            &now("2026-11-08T18:00:00Z"),
        );
        assert_eq!(
            advice.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "bench: overload negatives: about 10 % over your recent 80kg is 88kg \
              (rounded to 0.5 kg)"
            ]
        );
    }

    #[test]
    fn loads_in_mixed_units_compare_and_old_free_text_is_passed_over() {
        // 7 s curls logged in lb, then kg, then free text from before loads
        // were checked: the normal load is the heaviest that reads, in the
        // latest unit that reads.
        let rows = [
            row("2026-11-10T18:00:00+01:00", "curl", 7, 6, 6, "50lb"),
            row("2026-11-14T18:00:00+01:00", "curl", 7, 6, 6, "20kg"),
            row("2026-11-17T18:00:00+01:00", "curl", 7, 6, 6, "12 kg each"),
        ];
        let advice = advise(&rows, &[], "curl", false, &now("2026-11-21T18:00:00Z"));
        let text = advice.first().map(ToString::to_string).unwrap_or_default();
        // 50 lb is 22.68 kg: heavier than 20 kg; 10 % more is 25 kg.
        assert!(
            text.contains("about 10 % more load (22.68kg → 25kg, rounded to 0.5 kg)"),
            "{text}"
        );
        // Old rows only, none of which reads: the hint without numbers.
        let old = [
            row("2026-11-14T18:00:00+01:00", "curl", 7, 6, 6, "light"),
            row("2026-11-17T18:00:00+01:00", "curl", 7, 6, 6, "12 kg each"),
        ];
        let text = advise(&old, &[], "curl", false, &now("2026-11-21T18:00:00Z"))
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            text.contains("add about 10 % more load and go back"),
            "{text}"
        );
    }

    #[test]
    fn loads_grow_by_about_ten_percent() {
        assert_eq!(
            ten_percent_more("80kg"),
            Some(("80kg".into(), "88kg".into()))
        );
        assert_eq!(
            ten_percent_more("52.5 lb"),
            Some(("52.5 lb".into(), "58lb".into()))
        );
        // Loads that text arithmetic gets wrong.
        let more = |t: &str| ten_percent_more(t).map(|(_, to)| to);
        assert_eq!(more("1kg").as_deref(), Some("1.5kg"));
        assert_eq!(more("0.001kg"), None);
        assert_eq!(more("2x20kg"), None);
        assert_eq!(more("99999999999999999999999kg"), None);
        // Never past what --load takes.
        assert_eq!(more("9999.99kg"), None);
        assert_eq!(more("9500kg").as_deref(), Some("9999kg"));
        // Bodyweight, assistance and old free text: no number to add to.
        for load in ["bodyweight", "bw+10kg", "-20kg", "12 kg each", ""] {
            assert_eq!(ten_percent_more(load), None, "{load}");
        }
    }
}
