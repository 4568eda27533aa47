//! Which layout an export has, and its rows read as sets.

use super::*;
// ---------------------------------------------------------------------------
// Layout detection
// ---------------------------------------------------------------------------

/// Where the columns of one of Strong's layouts are.
#[derive(Debug)]
pub(super) struct StrongColumns {
    pub(super) has_unit_column: bool,
    /// The unit every weight is in, when the header names it
    /// (`Weight (kg)`, `Weight (lbs)`, as Strong's exports since 2023 have).
    pub(super) header_unit: Option<Unit>,
    pub(super) date: usize,
    pub(super) workout: usize,
    pub(super) exercise: usize,
    pub(super) set_order: usize,
    pub(super) weight: usize,
    pub(super) reps: usize,
    pub(super) unit: Option<usize>,
    pub(super) rpe: Option<usize>,
    pub(super) seconds: Option<usize>,
    pub(super) notes: Option<usize>,
    pub(super) workout_notes: Option<usize>,
    pub(super) duration: Option<usize>,
}

/// Where the columns of Hevy's layout are.
#[derive(Debug)]
pub(super) struct HevyColumns {
    pub(super) title: usize,
    pub(super) start: usize,
    pub(super) exercise: usize,
    pub(super) set_index: usize,
    pub(super) reps: usize,
    pub(super) weight_kg: Option<usize>,
    pub(super) weight_lbs: Option<usize>,
    pub(super) end: Option<usize>,
    pub(super) description: Option<usize>,
    pub(super) exercise_notes: Option<usize>,
    pub(super) seconds: Option<usize>,
    pub(super) rpe: Option<usize>,
}

/// A recognised layout and its column positions.
#[derive(Debug)]
pub(super) enum Layout {
    Strong(StrongColumns),
    Hevy(HevyColumns),
}

impl Layout {
    /// Recognises the layout from the cleaned header names.
    pub(super) fn detect(names: &[String], header: &str) -> Result<Layout, String> {
        let find = |name: &str| names.iter().position(|n| n == name);
        let require = |wanted: &[&str], expected: &str| -> Result<Vec<usize>, String> {
            let missing: Vec<&str> = wanted
                .iter()
                .copied()
                .filter(|w| find(w).is_none())
                .collect();
            if missing.is_empty() {
                Ok(wanted.iter().filter_map(|w| find(w)).collect())
            } else {
                Err(format!(
                    "the header [{header}] lacks the column(s) {}; expected a header like {expected}",
                    missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        };

        if find("exercise_title").is_some() || find("start_time").is_some() {
            let cols = require(
                &["title", "start_time", "exercise_title", "set_index", "reps"],
                HEVY_HEADER,
            )?;
            let weight_kg = find("weight_kg");
            let weight_lbs = find("weight_lbs");
            if weight_kg.is_none() && weight_lbs.is_none() {
                return Err(format!(
                    "the header [{header}] lacks a \"weight_kg\" or \"weight_lbs\" column; expected a header like {HEVY_HEADER}"
                ));
            }
            let &[title, start, exercise, set_index, reps] = cols.as_slice() else {
                return Err(unknown_header_message(header));
            };
            return Ok(Layout::Hevy(HevyColumns {
                title,
                start,
                exercise,
                set_index,
                reps,
                weight_kg,
                weight_lbs,
                end: find("end_time"),
                description: find("description"),
                exercise_notes: find("exercise_notes"),
                seconds: find("duration_seconds"),
                rpe: find("rpe"),
            }));
        }

        if find("exercise name").is_some() || find("set order").is_some() {
            let unit = find("weight unit");
            let expected = if unit.is_some() {
                STRONG_HEADER
            } else {
                STRONG_COMMA_HEADER
            };
            // Strong's exports since 2023 name the unit in the header.
            let header_unit = [("weight (kg)", Unit::Kg), ("weight (lbs)", Unit::Lb)]
                .into_iter()
                .find_map(|(name, unit)| Some((find(name)?, unit)));
            let weight_name = if find("weight").is_none()
                && let Some((i, _)) = header_unit
            {
                names.get(i).map_or("weight", String::as_str)
            } else {
                "weight"
            };
            let cols = require(
                &[
                    "date",
                    "workout name",
                    "exercise name",
                    "set order",
                    weight_name,
                    "reps",
                ],
                expected,
            )?;
            let &[date, workout, exercise, set_order, weight, reps] = cols.as_slice() else {
                return Err(unknown_header_message(header));
            };
            let header_unit = header_unit
                .filter(|(i, _)| *i == weight)
                .map(|(_, unit)| unit);
            return Ok(Layout::Strong(StrongColumns {
                has_unit_column: unit.is_some() || header_unit.is_some(),
                header_unit,
                date,
                workout,
                exercise,
                set_order,
                weight,
                reps,
                unit,
                rpe: find("rpe"),
                seconds: find("seconds"),
                notes: find("notes"),
                workout_notes: find("workout notes"),
                duration: find("workout duration")
                    .or_else(|| find("duration"))
                    .or_else(|| find("duration (sec)")),
            }));
        }

        Err(unknown_header_message(header))
    }

    /// The source this layout stands for.
    pub(super) fn source(&self) -> Source {
        match self {
            Layout::Strong(c) if c.has_unit_column => Source::StrongSemicolon,
            Layout::Strong(_) => Source::StrongComma,
            Layout::Hevy(_) => Source::Hevy,
        }
    }
}

/// The message for a header of no known layout.
pub(super) fn unknown_header_message(header: &str) -> String {
    format!(
        "unrecognised header [{header}]: expected the Strong export header {STRONG_HEADER}, \
         or the older Strong header {STRONG_COMMA_HEADER}, or the Hevy header {HEVY_HEADER}"
    )
}

/// The message for text with no usable header.
pub(super) fn missing_header_message(why: &str) -> String {
    format!(
        "no header line ({why}): expected the Strong export header {STRONG_HEADER}, \
         or the older Strong header {STRONG_COMMA_HEADER}, or the Hevy header {HEVY_HEADER}"
    )
}

// ---------------------------------------------------------------------------
// Row parsing
// ---------------------------------------------------------------------------

/// A data row together with the header, so values can be named in messages.
pub(super) struct Row<'a> {
    pub(super) fields: &'a [Field],
    pub(super) names: &'a [Field],
}

impl Row<'_> {
    /// The text of a column, or `""` when the column is absent.
    pub(super) fn text(&self, col: Option<usize>) -> &str {
        col.and_then(|i| self.fields.get(i))
            .map_or("", |f| f.text.as_str())
    }

    /// The header's spelling of a column's name.
    pub(super) fn name(&self, col: usize) -> &str {
        self.names.get(col).map_or("?", |f| f.text.trim())
    }

    /// Parses a date column, or explains why it can't.
    pub(super) fn date(&self, col: usize) -> Result<DateTime, String> {
        let raw = self.text(Some(col));
        parse_datetime(raw).ok_or_else(|| {
            format!(
                "{} \"{raw}\" is not a date and time like 2024-01-15 18:30:00",
                self.name(col)
            )
        })
    }

    /// Parses an optional decimal column (empty means `None`).
    pub(super) fn decimal(&self, col: Option<usize>) -> Result<Option<String>, String> {
        let raw = self.text(col).trim();
        match col {
            Some(c) if !raw.is_empty() => normalize_decimal(raw)
                .map(Some)
                .map_err(|why| format!("{} \"{raw}\" {why}", self.name(c))),
            _ => Ok(None),
        }
    }

    /// Parses a whole-number column (empty means 0).
    pub(super) fn whole(&self, col: usize) -> Result<u16, String> {
        let raw = self.text(Some(col)).trim();
        if raw.is_empty() {
            return Ok(0);
        }
        parse_whole(raw).map_err(|why| format!("{} \"{raw}\" {why}", self.name(col)))
    }
}

/// What a Strong `Set Order` value says about its row.
pub(super) enum SetOrder {
    /// A numbered set.
    Number(u16),
    /// A warm-up, drop or failure set, which carries no number.
    Tagged,
    /// A row that is not a set (a rest timer or an exercise note).
    NotASet,
}

/// Reads a Strong row. `Ok(None)` means the row is not a set and is skipped;
/// the flag says the set was tagged rather than numbered.
pub(super) fn parse_strong_row(
    row: &Row<'_>,
    cols: &StrongColumns,
    default_unit: Unit,
) -> Result<Option<(StrongSet, bool)>, String> {
    let order_raw = row.text(Some(cols.set_order)).trim();
    let order = match order_raw.to_ascii_lowercase().as_str() {
        "rest timer" | "note" => SetOrder::NotASet,
        "w" | "d" | "f" => SetOrder::Tagged,
        _ => match parse_whole(order_raw) {
            Ok(n) if n >= 1 => SetOrder::Number(n),
            _ => {
                return Err(format!(
                    "{} \"{order_raw}\" is not a set number (1 or more) nor W, D or F",
                    row.name(cols.set_order)
                ));
            }
        },
    };
    let (set_order, tagged) = match order {
        SetOrder::NotASet => return Ok(None),
        SetOrder::Tagged => (0, true),
        SetOrder::Number(n) => (n, false),
    };

    let date = row.date(cols.date)?;
    let exercise = row.text(Some(cols.exercise));
    if exercise.trim().is_empty() {
        return Err(format!("{} is empty", row.name(cols.exercise)));
    }
    let weight = row.decimal(Some(cols.weight))?;
    let unit = match cols.unit {
        _ if cols.header_unit.is_some() => cols.header_unit.unwrap_or(default_unit),
        Some(c) => {
            let raw = row.text(Some(c)).trim();
            if raw.is_empty() {
                default_unit
            } else {
                parse_unit(raw)
                    .ok_or_else(|| format!("{} \"{raw}\" is not kg or lbs", row.name(c)))?
            }
        }
        None => default_unit,
    };
    let reps = row.whole(cols.reps)?;
    let seconds = row.decimal(cols.seconds)?;

    Ok(Some((
        StrongSet {
            date,
            workout: row.text(Some(cols.workout)).to_string(),
            exercise: exercise.to_string(),
            set_order,
            weight,
            unit,
            reps,
            rpe: row.text(cols.rpe).trim().to_string(),
            seconds,
            notes: row.text(cols.notes).to_string(),
            workout_notes: row.text(cols.workout_notes).to_string(),
            duration: row.text(cols.duration).trim().to_string(),
        },
        tagged,
    )))
}

/// Reads a Hevy row.
pub(super) fn parse_hevy_row(row: &Row<'_>, cols: &HevyColumns) -> Result<StrongSet, String> {
    let date = row.date(cols.start)?;
    let exercise = row.text(Some(cols.exercise));
    if exercise.trim().is_empty() {
        return Err(format!("{} is empty", row.name(cols.exercise)));
    }
    let index_raw = row.text(Some(cols.set_index)).trim();
    let set_order = parse_whole(index_raw)
        .ok()
        .and_then(|i| i.checked_add(1))
        .ok_or_else(|| {
            format!(
                "{} \"{index_raw}\" is not a set index (0 or more)",
                row.name(cols.set_index)
            )
        })?;

    // Use the kilogram column when it has a value, else the pound column.
    let kg = row.decimal(cols.weight_kg)?;
    let lbs = row.decimal(cols.weight_lbs)?;
    let (weight, unit) = match (kg, lbs) {
        (Some(w), _) => (Some(w), Unit::Kg),
        (None, Some(w)) => (Some(w), Unit::Lb),
        (None, None) if cols.weight_kg.is_some() => (None, Unit::Kg),
        (None, None) => (None, Unit::Lb),
    };
    let reps = row.whole(cols.reps)?;
    let seconds = row.decimal(cols.seconds)?;

    let duration = match cols.end {
        Some(c) if !row.text(Some(c)).trim().is_empty() => {
            let end = row.date(c)?;
            format_duration(date, end)
        }
        _ => String::new(),
    };

    Ok(StrongSet {
        date,
        workout: row.text(Some(cols.title)).to_string(),
        exercise: exercise.to_string(),
        set_order,
        weight,
        unit,
        reps,
        rpe: row.text(cols.rpe).trim().to_string(),
        seconds,
        notes: row.text(cols.exercise_notes).to_string(),
        workout_notes: row.text(cols.description).to_string(),
        duration,
    })
}

/// Numbers the sets of exercise blocks that hold tagged (W/D/F) sets by
/// their position in the block. A block is a run of consecutive sets with
/// the same date, workout and exercise.
#[derive(Default)]
pub(super) struct BlockNumbering {
    /// Index in the output where the current block starts.
    pub(super) start: usize,
    /// Whether the current block holds a tagged set.
    pub(super) tagged: bool,
}

impl BlockNumbering {
    /// Adds a set, closing the current block first if the set starts a new one.
    pub(super) fn push(
        &mut self,
        sets: &mut Vec<(usize, StrongSet)>,
        line: usize,
        set: StrongSet,
        tagged: bool,
    ) {
        let same_block = sets.last().is_some_and(|(_, last)| {
            last.date == set.date && last.workout == set.workout && last.exercise == set.exercise
        });
        if !same_block {
            self.finish(sets);
            self.start = sets.len();
        }
        self.tagged |= tagged;
        sets.push((line, set));
    }

    /// Renumbers the current block if it holds a tagged set.
    pub(super) fn finish(&mut self, sets: &mut [(usize, StrongSet)]) {
        if self.tagged {
            let block = sets.get_mut(self.start..).unwrap_or_default();
            for (i, (_, set)) in block.iter_mut().enumerate() {
                set.set_order = u16::try_from(i + 1).unwrap_or(u16::MAX);
            }
        }
        self.tagged = false;
    }
}

// ---------------------------------------------------------------------------
// Value parsing
// ---------------------------------------------------------------------------
