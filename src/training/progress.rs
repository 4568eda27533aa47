//! Progression rules that read the loads and where sets gave out (pure):
//!
//! - Failure data: the last two sessions each had a set the lifter ended
//!   in the lowering, short of the lowering planned: stay at the lowering
//!   they reached. The articles: negatives go on "until you can no longer
//!   control the lowering"; beginners "extend gradually".
//! - Overload negatives (`overload` preset, or a partner's lift `P`):
//!   "about 10 % more weight than usual"; "within 2-3 weeks the lifter can
//!   usually lift that weight unassisted". After [`OVERLOAD_WEEKS`] weeks of
//!   them on an exercise: time to try that load unassisted.
//!
//! Loads are read from the text the lifter typed ([`crate::load`]);
//! rows whose load does not read as a weight are simply not counted.

use jiff::{SignedDuration, Timestamp};

use crate::load::{self, Load, Unit, Weight};
use crate::timing::tempo::Tempo;
use crate::training::rows::Row;
use crate::training::sessions::LoggedSession;

/// Weeks of overload negatives after which the lift is tried unassisted.
pub(crate) const OVERLOAD_WEEKS: i64 = 2;

/// Whether a row is an overload negative: the `overload` preset, or a
/// partner's lift (`P` in the tempo's lift field).
pub fn overload(row: &Row) -> bool {
    row.preset == "overload"
        || row
            .tempo
            .parse::<Tempo>()
            .is_ok_and(|t| t.lift.by_partner())
}

/// The weight a row's load reads as (bodyweight and assistance are not a
/// weight on the bar; text that is not a load has none).
pub fn weight(row: &Row) -> Option<Weight> {
    match load::parse(&row.load) {
        Ok(Load::Weight(w)) => Some(w),
        _ => None,
    }
}

/// The lifter's recent normal load for an exercise: the heaviest weight of
/// its last three sessions that were not overload negatives, in the unit of
/// the latest (converted only when the rows mix units).
pub(crate) fn normal_load(sessions: &[LoggedSession<'_>]) -> Option<Weight> {
    let weights: Vec<Weight> = sessions
        .iter()
        .rev()
        .filter(|s| !s.rows.iter().any(|r| overload(r)))
        .take(3)
        .flat_map(|s| s.rows.iter().filter_map(|r| weight(r)))
        .collect();
    let unit: Unit = weights.first()?.unit;
    weights
        .iter()
        .map(|w| w.to_unit(unit))
        .max_by_key(|w| w.centi)
}

/// Where the last two sessions gave out: the lowering planned (ms) and how
/// far into the lowering each ended set got (ms), when both sessions have
/// one ended in the lowering short of the plan.
pub(crate) fn gave_out(last_two: [&LoggedSession<'_>; 2]) -> Option<(u32, Vec<u32>)> {
    let mut planned = 0;
    let mut reached = Vec::new();
    for s in last_two {
        let ended: Vec<(u32, u32)> = s
            .rows
            .iter()
            .filter_map(|r| {
                let (_, phase, into) = r.facts.ended.as_ref()?;
                let into = u32::try_from(*into).unwrap_or(u32::MAX);
                (phase == "lower" && into < r.lower_ms).then_some((r.lower_ms, into))
            })
            .collect();
        if ended.is_empty() {
            return None;
        }
        for (lower, into) in ended {
            planned = planned.max(lower);
            reached.push(into);
        }
    }
    reached.sort_unstable();
    Some((planned, reached))
}

/// The start of the run of overload sessions that reaches the latest
/// session, when that run has lasted [`OVERLOAD_WEEKS`] weeks at `now`
/// and its latest session is within a week of `now`.
pub(crate) fn overload_since(sessions: &[LoggedSession<'_>], now: Timestamp) -> Option<Timestamp> {
    let last = sessions.last()?;
    if !last.rows.iter().any(|r| overload(r))
        || now.duration_since(last.end()) > SignedDuration::from_hours(7 * 24)
    {
        return None;
    }
    let first = sessions
        .iter()
        .rev()
        .take_while(|s| s.rows.iter().any(|r| overload(r)))
        .last()?;
    let weeks = SignedDuration::from_hours(OVERLOAD_WEEKS * 7 * 24);
    (now.duration_since(first.start()) >= weeks).then(|| first.start())
}
