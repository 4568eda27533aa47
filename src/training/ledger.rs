//! Corrections to the training log, which stays append-only: a row that
//! corrects a set, or withdraws it, is a new row naming the id of the row
//! it supersedes. [`current`] reads the rows as the sets now stand.

use std::collections::HashMap;

use crate::training::rows::{Entry, Row, When};

/// The rows as the sets now stand, in the file's order: a correction
/// takes the place (and the time) of the row it supersedes, and a
/// withdrawn row is left out with its withdrawal. A correction of a row
/// that is not among `rows` (read from the end of a long log, say) stands
/// on its own; a withdrawal of one is left out.
pub fn current(rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Option<Row>> = Vec::with_capacity(rows.len());
    let mut slot: HashMap<String, usize> = HashMap::new();
    for mut row in rows {
        let target = if row.facts.supersedes.is_empty() {
            None
        } else {
            slot.get(&row.facts.supersedes).copied()
        };
        let i = match (row.facts.entry, target) {
            (Entry::Withdrawn, Some(i)) => {
                out[i] = None;
                continue;
            }
            (Entry::Withdrawn, None) => continue,
            (_, Some(i)) => {
                if let Some(old) = out[i].as_ref() {
                    row.when = old.when.clone();
                }
                i
            }
            (_, None) => {
                out.push(None);
                out.len() - 1
            }
        };
        if !row.facts.id.is_empty() {
            slot.insert(row.facts.id.clone(), i);
        }
        out[i] = Some(row);
    }
    out.into_iter().flatten().collect()
}

impl Row {
    /// A row correcting this one, written at `when` with the id `id`: the
    /// same set with the same facts, to be changed by the caller.
    pub(crate) fn correction(&self, when: When, id: String) -> Row {
        let mut row = self.clone();
        row.facts.supersedes = self.facts.id.clone();
        row.facts.id = id;
        row.facts.entry = Entry::Corrected;
        row.when = when;
        row
    }

    /// A row withdrawing this one, written at `when` with the id `id`.
    pub(crate) fn withdrawal(&self, when: When, id: String) -> Row {
        Row {
            facts: crate::training::rows::Facts {
                entry: Entry::Withdrawn,
                ..self.correction(when, id).facts
            },
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::fixtures;

    fn with_id(mut row: Row, id: &str) -> Row {
        row.facts.id = id.into();
        row
    }

    #[test]
    fn a_correction_takes_the_place_and_time_of_the_row_it_supersedes() {
        let a = with_id(
            fixtures::set("2026-11-20T18:00:00+01:00", "squat", 4, 8),
            "r.1",
        );
        let b = with_id(
            fixtures::set("2026-11-20T18:03:00+01:00", "squat", 4, 8),
            "r.2",
        );
        let later = When::parse("2026-11-20T18:04:00+01:00").expect("when");
        let mut fix = a.correction(later.clone(), "r.3".into());
        fix.completed = 6;
        let mut again = fix.correction(later.clone(), "r.4".into());
        again.completed = 7;
        let rows = current(vec![a.clone(), b.clone(), fix, again]);
        let seen: Vec<(u16, &str, &str)> = rows
            .iter()
            .map(|r| (r.completed, r.when.text.as_str(), r.facts.id.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (7, "2026-11-20T18:00:00+01:00", "r.4"),
                (8, "2026-11-20T18:03:00+01:00", "r.2")
            ]
        );
        // A withdrawal leaves the set out, and only it.
        let gone = b.withdrawal(later, "r.5".into());
        let rows = current(vec![a.clone(), b, gone]);
        assert_eq!(rows, [a]);
    }

    #[test]
    fn a_correction_of_a_row_not_read_stands_on_its_own() {
        let a = with_id(
            fixtures::set("2026-11-20T18:00:00+01:00", "squat", 4, 8),
            "r.1",
        );
        let later = When::parse("2026-11-21T09:00:00+01:00").expect("when");
        let fix = a.correction(later.clone(), "r.2".into());
        let gone = a.withdrawal(later, "r.3".into());
        assert_eq!(current(vec![fix.clone(), gone]), [fix]);
    }
}
