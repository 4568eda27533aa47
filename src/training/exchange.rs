//! The log's sets to and from Strong's CSV ([`strong`]), which Hevy
//! imports too (pure: the app reads and writes the files).
//!
//! Strong has no tempo and no way to say how a set ended, so they go in
//! the set's Notes, before the lifter's note, as parts of their own:
//! `tempo 4-0-1-0; ended by failure; load bw+10kg; felt strong`. An import
//! reads them back from there; a set whose notes do not give a tempo has
//! none (shown as unknown), never a guessed one.

use std::collections::HashMap;

use jiff::tz::TimeZone;

use crate::load::{self, Load};
use crate::timing::tempo::Tempo;
use crate::timing::units::{fmt_secs, parse_seconds};
use crate::training::rows::in_time_order;
use crate::training::rows::{EndedBy, Entry, Facts, Row, When, name_key};
use crate::training::strong::{StrongSet, Unit};

/// The sets of `rows` (as they now stand) as Strong's sets: each run of a
/// workout or an exercise one workout, dated by its first set, with its
/// length; sets numbered in each exercise of it.
pub fn to_strong(rows: &[Row]) -> Vec<StrongSet> {
    let sorted = in_time_order(rows);
    let mut runs: Vec<(&str, Vec<&Row>)> = Vec::new();
    for row in sorted {
        let run = if row.facts.run.is_empty() {
            row.when.text.as_str()
        } else {
            row.facts.run.as_str()
        };
        match runs.iter_mut().find(|(r, _)| *r == run) {
            Some((_, rows)) => rows.push(row),
            None => runs.push((run, vec![row])),
        }
    }
    let mut out = Vec::new();
    for (_, rows) in runs {
        let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
            continue;
        };
        let minutes = last.when.at.duration_since(first.when.at).as_secs() / 60;
        let duration = match (minutes / 60, minutes % 60) {
            (0, m) => format!("{m}m"),
            (h, m) => format!("{h}h {m}m"),
        };
        let workout = if first.facts.workout.is_empty() {
            named(&first.exercise).to_string()
        } else {
            first.facts.workout.clone()
        };
        let mut order: HashMap<(Option<(u16, u16)>, String), u16> = HashMap::new();
        for row in rows {
            let n = order
                .entry((row.facts.block, name_key(&row.exercise)))
                .or_insert(0);
            *n += 1;
            let (weight, unit, load_note) = weight_of(&row.load);
            let mut notes = Vec::new();
            if !row.tempo.is_empty() {
                notes.push(format!("tempo {}", row.tempo));
            }
            if row.facts.ended_by != EndedBy::Plan {
                notes.push(format!("ended by {}", row.facts.ended_by.key()));
            }
            notes.extend(load_note.map(|l| format!("load {l}")));
            if !row.note.is_empty() {
                notes.push(row.note.clone());
            }
            out.push(StrongSet {
                date: first.when.local,
                workout: workout.clone(),
                exercise: named(&row.exercise).to_string(),
                set_order: *n,
                weight,
                unit,
                reps: row.completed,
                rpe: String::new(),
                seconds: Some(fmt_secs(row.tut_ms)),
                notes: notes.join("; "),
                workout_notes: String::new(),
                duration: duration.clone(),
            });
        }
    }
    out
}

/// An exercise's name, or what stands for none.
fn named(exercise: &str) -> &str {
    if exercise.trim().is_empty() {
        "unnamed"
    } else {
        exercise
    }
}

/// A load as Strong's weight and unit, and the load itself to note when
/// the weight alone does not say it (on bodyweight, or not a number).
fn weight_of(text: &str) -> (Option<String>, Unit, Option<String>) {
    match load::parse(text) {
        Ok(Load::Weight(w)) => (Some(w.amount()), w.unit, None),
        Ok(l @ Load::Bodyweight(Some(w))) => (Some(w.amount()), w.unit, Some(l.to_string())),
        Ok(l @ Load::Bodyweight(None)) => (None, Unit::Kg, Some(l.to_string())),
        Err(_) if text.trim().is_empty() => (None, Unit::Kg, None),
        Err(_) => (None, Unit::Kg, Some(text.trim().to_string())),
    }
}

/// The id an imported set is kept under: the same set of the same export
/// has the same id, so that importing a file twice adds nothing.
pub fn import_id(set: &StrongSet) -> String {
    format!(
        "strong/{}/{}/{}",
        set.date.strftime("%Y%m%dT%H%M%S"),
        name_key(&set.exercise),
        set.set_order
    )
}

/// `set` as a row of the log, its date read in the zone `tz`, marked
/// imported. Its tempo, how it ended and its load on bodyweight are read
/// from its notes where they say them ([`to_strong`]).
pub fn from_strong(set: &StrongSet, tz: &TimeZone) -> Result<Row, String> {
    let zoned = tz
        .to_ambiguous_zoned(set.date)
        .compatible()
        .map_err(|e| format!("{} is not a time in this zone: {e}", set.date))?;
    let mut tempo = String::new();
    let mut lower_ms = 0;
    let mut ended_by = EndedBy::Plan;
    let mut load = None;
    let mut rest = set.notes.as_str();
    loop {
        let (part, after) = rest.split_once("; ").unwrap_or((rest, ""));
        if let Some(t) = part.strip_prefix("tempo ")
            && let Ok(parsed) = t.parse::<Tempo>()
        {
            tempo = t.to_string();
            lower_ms = parsed.lower;
        } else if let Some(e) = part.strip_prefix("ended by ")
            && let Some(by) = EndedBy::from_key(e)
        {
            ended_by = by;
        } else if let Some(l) = part.strip_prefix("load ") {
            load = Some(l.to_string());
        } else {
            break;
        }
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    let load = load.unwrap_or_else(|| match &set.weight {
        Some(w) if load::parse(&format!("{w}{}", set.unit)).is_ok() => format!("{w}{}", set.unit),
        _ => String::new(),
    });
    let tut_ms = match &set.seconds {
        Some(s) => parse_seconds(s, 86_400_000).map_err(|e| format!("Seconds \"{s}\" {e}"))?,
        None => 0,
    };
    Ok(Row {
        when: When::from_zoned(&zoned),
        exercise: set.exercise.clone(),
        preset: String::new(),
        tempo,
        set: set.set_order,
        planned: set.reps,
        completed: set.reps,
        tut_ms,
        lower_ms,
        load,
        note: rest.to_string(),
        facts: Facts {
            workout: set.workout.clone(),
            run: format!(
                "strong/{}/{}",
                set.date.strftime("%Y%m%dT%H%M%S"),
                name_key(&set.workout)
            ),
            ended_by,
            entry: Entry::Imported,
            id: import_id(set),
            ..Facts::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::Attempt;
    use crate::training::fixtures;
    use crate::training::strong;

    fn zone() -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(1))
    }

    /// A workout of two blocks and a set on its own after it.
    fn rows() -> Vec<Row> {
        let mut out = Vec::new();
        for (i, (at, exercise, load, note)) in [
            ("2026-11-20T18:00:00+01:00", "squat", "80kg", ""),
            (
                "2026-11-20T18:03:00+01:00",
                "squat",
                "82.5kg",
                "felt strong; grip, ok",
            ),
            ("2026-11-20T18:09:00+01:00", "pull-up", "bw+10kg", ""),
            ("2026-11-20T18:30:00+01:00", "curl", "25lb", ""),
        ]
        .into_iter()
        .enumerate()
        {
            let mut r = fixtures::set(at, exercise, 4, 8);
            r.load = load.into();
            r.note = note.into();
            r.set = if i == 1 { 2 } else { 1 };
            if i < 3 {
                r.facts.workout = "legs".into();
                r.facts.run = "w".into();
                r.facts.block = Some((if i < 2 { 1 } else { 2 }, 2));
            } else {
                r.facts.run = "c".into();
            }
            out.push(r);
        }
        out[2].facts.ended_by = EndedBy::Failure;
        out[2].completed = 5;
        out
    }

    #[test]
    fn an_export_reads_back_as_the_same_sets_loads_and_reps() {
        let sets = to_strong(&rows());
        let text = strong::write(&sets);
        assert!(text.starts_with(
            "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;\
             Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
             2026-11-20 18:00:00;legs;squat;1;80;kg;8;;;;40;tempo 4-0-1-0;;9m\n\
             2026-11-20 18:00:00;legs;squat;2;82.5;kg;8;;;;40;\"tempo 4-0-1-0; felt strong; grip, ok\";;9m\n"
        ), "{text}");
        assert!(
            text.contains("\n2026-11-20 18:30:00;curl;curl;1;25;lbs;8;"),
            "{text}"
        );
        let (_, back, bad) = strong::read(&text, strong::Unit::Kg).expect("read");
        assert_eq!(bad, []);
        let rows_back: Vec<Row> = back
            .iter()
            .map(|(_, s)| from_strong(s, &zone()).expect("row"))
            .collect();
        let seen = |rows: &[Row]| -> Vec<String> {
            rows.iter()
                .map(|r| {
                    format!(
                        "{} {} {} {} {:?} {} {} {}",
                        r.exercise,
                        r.load,
                        r.completed,
                        r.tempo,
                        r.note,
                        r.facts.ended_by.key(),
                        r.tut_ms,
                        r.lower_ms
                    )
                })
                .collect()
        };
        assert_eq!(seen(&rows_back), seen(&rows()));
        for r in &rows_back {
            assert_eq!(r.facts.entry, Entry::Imported);
            assert_eq!(r.facts.attempt, Attempt::Planned);
        }
        // Sets of one workout share its date and its run.
        assert_eq!(rows_back[0].when, rows_back[2].when);
        assert_eq!(rows_back[0].facts.run, rows_back[2].facts.run);
        assert_ne!(rows_back[0].facts.run, rows_back[3].facts.run);
        // The ids tell the same set of the same file again.
        let ids: std::collections::HashSet<&str> =
            rows_back.iter().map(|r| r.facts.id.as_str()).collect();
        assert_eq!(ids.len(), 4);
    }

    #[test]
    fn a_set_from_strong_has_no_tempo_unless_its_notes_say_one() {
        let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;\
                    Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
                    2024-01-15 18:30:00;Push;Bench Press (Barbell);1;100;kg;5;8;;;0;tempo slow;;1h 5m\n\
                    2024-01-15 18:30:00;Push;Dips;1;;kg;12;;;;;;;1h 5m\n";
        let (_, sets, bad) = strong::read(text, strong::Unit::Kg).expect("read");
        assert_eq!(bad, []);
        let rows: Vec<Row> = sets
            .iter()
            .map(|(_, s)| from_strong(s, &zone()).expect("row"))
            .collect();
        assert_eq!(
            (
                rows[0].tempo.as_str(),
                rows[0].lower_ms,
                rows[0].note.as_str()
            ),
            ("", 0, "tempo slow")
        );
        assert_eq!(rows[0].load, "100kg");
        assert_eq!((rows[1].load.as_str(), rows[1].completed), ("", 12));
        assert_eq!(rows[0].when.text, "2024-01-15T18:30:00+01:00");
    }
}
