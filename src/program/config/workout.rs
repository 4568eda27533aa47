//! Workouts in TOML: `[workouts.NAME]` in the config file, or a file of
//! their own, each an array of blocks:
//!
//! ```toml
//! description = "what it is"
//! [[blocks]]
//! exercise = "squat"
//! preset = "tut"
//! reps = "8+"
//! changeover = 120
//! ```
//!
//! Values are checked as they are read; preset and exercise names are
//! checked once the catalogue is known, at the line where they stand.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::values::{
    Kind, Named, PerSet, Table, Tabled, de_changeover, de_count_in, de_explosive, de_lift,
    de_partner_lift, de_rest, de_sets, de_start, de_tempo, de_text, session_table,
};
use super::{ConfigError, FileKind, invalid};
use crate::program::layer::Layer;
use crate::program::presets::{Catalogue, Choice};
use crate::program::settings::Reps;
use crate::program::workouts::{BlockSpec, Source, WorkoutSpec};
use crate::timing::plan::{MAX_BLOCKS, SetReps, Start};
use crate::timing::tempo::{Lift, Tempo};

impl Table for RawWorkout {
    const WHAT: &'static str =
        "a workout table like [workouts.push], with blocks like [[workouts.push.blocks]]";
}

impl Table for RawBlock {
    const WHAT: &'static str = "a block table like [[blocks]], with exercise = \"squat\"";
}

impl Table for Named<Tabled<RawWorkout>> {
    const WHAT: &'static str = "workout tables like [workouts.push]";
}

impl Kind for Tabled<RawWorkout> {
    const TABLE: &'static str = "workouts";
    const ONE: &'static str = "workout";
}

/// A workout as the file writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWorkout {
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
    blocks: Vec<Tabled<RawBlock>>,
}

session_table! {
reps: #[serde(default)] Option<Spanned<PerSet<Reps>>>;
/// A block as the file writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    #[serde(default)]
    preset: Option<Spanned<String>>,
    #[serde(default)]
    exercise: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "de_tempo")]
    tempo: Option<Tempo>,
    #[serde(default, deserialize_with = "de_lift")]
    lift: Option<Lift>,
    #[serde(default, deserialize_with = "de_start")]
    start: Option<Start>,
    #[serde(default)]
    load: Option<Spanned<PerSet<String>>>,
    #[serde(default, deserialize_with = "de_changeover")]
    changeover: Option<u32>,
}
}

/// A preset or exercise name in a workout, where it stands, to check once
/// the catalogue is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NameRef {
    /// A preset (else an exercise).
    preset: bool,
    /// The name as written.
    name: String,
    /// Where the value stands in the file.
    span: Range<usize>,
    /// The key, with its table (`workouts.push.blocks[2].preset`).
    key: String,
    /// A fault found as the block was read (a list of the wrong length),
    /// refused at `span` before any name is checked.
    fault: Option<String>,
}

impl RawWorkout {
    /// The workout called `name`, its names noted in `names` under `table`.
    pub(super) fn into_spec(
        self,
        name: String,
        source: Source,
        table: &str,
        names: &mut Vec<NameRef>,
    ) -> WorkoutSpec {
        let blocks = self
            .blocks
            .into_iter()
            .enumerate()
            .map(|(i, Tabled(b))| {
                let key = |what: &str| {
                    format!(
                        "{table}{}blocks[{}].{what}",
                        if table.is_empty() { "" } else { "." },
                        i + 1
                    )
                };
                let mut note = |value: &Option<Spanned<String>>, preset: bool| {
                    value.as_ref().map(|v| {
                        names.push(NameRef {
                            preset,
                            name: v.get_ref().clone(),
                            span: v.span(),
                            key: key(if preset { "preset" } else { "exercise" }),
                            fault: None,
                        });
                        v.get_ref().clone()
                    })
                };
                let preset = note(&b.preset, true);
                let exercise = note(&b.exercise, false);
                let mut layer = Layer {
                    start: b.start,
                    ..b.session(b.tempo, b.lift)
                };
                let lists = [
                    (
                        "reps",
                        b.reps
                            .as_ref()
                            .map(|v| (v.span(), v.get_ref().is_list(), v.get_ref().each().len())),
                    ),
                    (
                        "load",
                        b.load
                            .as_ref()
                            .map(|v| (v.span(), v.get_ref().is_list(), v.get_ref().each().len())),
                    ),
                ];
                let mut per_set: Option<(&str, usize)> = None;
                for (what, list) in lists {
                    let Some((span, true, len)) = list else {
                        continue;
                    };
                    let fault = match (b.sets, per_set) {
                        (_, Some((other, n))) if n != len => Some(format!(
                            "{what} has {len} values and {other} has {n}: give one value per set \
                             in both"
                        )),
                        (Some(sets), _) if usize::from(sets) != len => Some(format!(
                            "{what} has {len} values, one per set, and sets = {sets}: give {sets} \
                             values, or leave out sets (the list sets it)"
                        )),
                        _ => None,
                    };
                    if let Some(message) = fault {
                        names.push(NameRef {
                            preset: false,
                            name: String::new(),
                            span,
                            key: key(what),
                            fault: Some(message),
                        });
                    }
                    per_set.get_or_insert((what, len));
                }
                if let Some((_, n)) = per_set {
                    layer.sets = Some(u16::try_from(n).unwrap_or(u16::MAX));
                }
                let each_reps = match b.reps.as_ref().map(Spanned::get_ref) {
                    Some(PerSet::Each(list)) => list
                        .iter()
                        .map(|r| SetReps {
                            reps: r.count,
                            open_ended: r.open_ended,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let (load, each_load) = match b.load.map(Spanned::into_inner) {
                    Some(PerSet::All(load)) => (Some(load), Vec::new()),
                    Some(PerSet::Each(list)) => (list.first().cloned(), list),
                    None => (None, Vec::new()),
                };
                BlockSpec {
                    choice: Choice {
                        preset,
                        exercise,
                        layer,
                    },
                    load,
                    each_reps,
                    each_load,
                    changeover_ms: b.changeover,
                }
            })
            .collect();
        WorkoutSpec {
            name,
            description: self.description.unwrap_or_default(),
            blocks,
            source,
        }
    }
}

/// The first name in `names` the catalogue does not know, as the error
/// that places it in `text`.
pub(super) fn check_names(
    names: &[NameRef],
    catalogue: &Catalogue,
    text: &str,
    path: &Path,
) -> Result<(), ConfigError> {
    if let Some(n) = names.iter().find(|n| n.fault.is_some()) {
        return Err(invalid(
            text,
            path,
            n.span.start,
            Some(n.key.clone()),
            n.fault.clone().unwrap_or_default(),
        ));
    }
    for n in names {
        // Any exercise name works (one the catalogue does not know is
        // said when the workout runs); only a name with no letters is
        // refused here.
        let known = if n.preset {
            catalogue
                .preset(&n.name)
                .map(|_| ())
                .map_err(|e| e.to_string())
        } else {
            match catalogue.exercise(&n.name) {
                Err(e @ crate::program::presets::ResolveError::NoExerciseName { .. }) => {
                    Err(e.to_string())
                }
                _ => Ok(()),
            }
        };
        if let Err(message) = known {
            return Err(invalid(
                text,
                path,
                n.span.start,
                Some(n.key.clone()),
                message,
            ));
        }
    }
    Ok(())
}

/// A workout file of its own: `description` and `[[blocks]]`, named
/// `name`; its preset and exercise names are checked against `catalogue`.
pub(crate) fn parse_workout(
    text: &str,
    path: &Path,
    name: &str,
    catalogue: &Catalogue,
) -> Result<WorkoutSpec, ConfigError> {
    let as_workout_file = |e: ConfigError| match e {
        ConfigError::Invalid {
            path,
            line,
            column,
            key,
            message,
            ..
        } => ConfigError::Invalid {
            path,
            kind: FileKind::Workout,
            line,
            column,
            key,
            message,
        },
        other => other,
    };
    let raw: Tabled<RawWorkout> =
        toml::from_str(text).map_err(|e| as_workout_file(super::toml_error(text, path, &e)))?;
    let mut names = Vec::new();
    let spec = raw.0.into_spec(
        name.to_string(),
        Source::File(path.display().to_string()),
        "",
        &mut names,
    );
    if spec.blocks.is_empty() {
        return Err(as_workout_file(invalid(
            text,
            path,
            0,
            Some("blocks".into()),
            "a workout needs at least one block: add [[blocks]] with exercise = \"squat\"".into(),
        )));
    }
    check_blocks(&spec, "blocks", text, path).map_err(as_workout_file)?;
    check_names(&names, catalogue, text, path).map_err(as_workout_file)?;
    Ok(spec)
}

/// Refuses a workout of more than [`MAX_BLOCKS`] blocks, at the header of
/// the first block past the limit (`[[blocks]]` in a file of its own,
/// `[[workouts.NAME.blocks]]` in the config).
pub(super) fn check_blocks(
    spec: &WorkoutSpec,
    table: &str,
    text: &str,
    path: &Path,
) -> Result<(), ConfigError> {
    if spec.blocks.len() <= usize::from(MAX_BLOCKS) {
        return Ok(());
    }
    let header = format!("[[{table}]]");
    let mut at = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().replace(' ', "") == header.replace(' ', "") {
            seen += 1;
            if seen > usize::from(MAX_BLOCKS) {
                break;
            }
        }
        at += line.len();
    }
    Err(invalid(
        text,
        path,
        at.min(text.len()),
        Some(format!("{table}[{}]", usize::from(MAX_BLOCKS) + 1)),
        format!(
            "a workout has at most {MAX_BLOCKS} blocks, and this one has {}: split it into \
             two workout files",
            spec.blocks.len()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::config::parse;
    use proptest::prelude::*;

    fn cat() -> Catalogue {
        Catalogue::new(vec![], vec![])
    }

    const FILE: &str = r#"description = "legs, then arms"

[[blocks]]
exercise = "squat"
preset = "tut"
reps = "8+"
changeover = 150
load = "80kg"

[[blocks]]
exercise = "curl"
tempo = "3-0-1-0"
sets = 2
reps = 10
"#;

    #[test]
    fn a_workout_file_loads_with_its_blocks() {
        let w = parse_workout(FILE, Path::new("legs.toml"), "legs", &cat()).expect("loads");
        assert_eq!((w.name.as_str(), w.blocks.len()), ("legs", 2));
        assert_eq!(w.description, "legs, then arms");
        let b = &w.blocks[0];
        assert_eq!(b.choice.preset.as_deref(), Some("tut"));
        assert_eq!(
            (b.choice.layer.reps, b.choice.layer.open_ended),
            (Some(8), Some(true))
        );
        assert_eq!(
            (b.changeover_ms, b.load.as_deref()),
            (Some(150_000), Some("80kg"))
        );
        assert_eq!(w.blocks[1].choice.layer.sets, Some(2));
        assert_eq!(w.source, Source::File("legs.toml".into()));
    }

    #[test]
    fn the_config_file_holds_workouts_too() {
        let text = FILE
            .replace("[[blocks]]", "[[workouts.legs.blocks]]")
            .replacen("description", "[workouts.legs]\ndescription", 1);
        let c = parse(&text, Path::new("c.toml")).expect("loads");
        assert_eq!(c.workouts.len(), 1);
        assert_eq!(c.workouts[0].blocks.len(), 2);
        assert_eq!(c.workouts[0].source, Source::Config);
    }

    #[test]
    fn an_unknown_name_or_value_is_placed_with_its_key_and_what_is_allowed() {
        let bad = FILE.replace("preset = \"tut\"", "preset = \"heavy\"");
        let e = parse_workout(&bad, Path::new("w.toml"), "w", &cat()).expect_err("unknown");
        let text = e.to_string();
        assert!(
            text.starts_with("w.toml:5:10: `blocks[1].preset`: there is no preset \"heavy\""),
            "{text}"
        );
        let bad = FILE.replace("sets = 2", "sets = 99");
        let text = parse_workout(&bad, Path::new("w.toml"), "w", &cat())
            .expect_err("range")
            .to_string();
        assert!(
            text.contains(
                "w.toml:13:8: `blocks[2].sets`: 99 is not allowed: sets is a whole number from 1 to 50"
            ),
            "{text}"
        );
        let bad = FILE.replace("load = \"80kg\"", "load = \"80\"");
        let text = parse_workout(&bad, Path::new("w.toml"), "w", &cat())
            .expect_err("a load without a unit")
            .to_string();
        assert!(
            text.contains("`blocks[1].load`")
                && text.contains("\"80\" has no unit: type it like 80kg or 80lb"),
            "{text}"
        );
        let good = FILE.replace("load = \"80kg\"", "load = \"bw + 10kg\"");
        let w = parse_workout(&good, Path::new("w.toml"), "w", &cat()).expect("bw+10kg");
        assert_eq!(
            w.blocks[0].load.as_deref(),
            Some("bw + 10kg"),
            "kept as typed"
        );
        let bad = FILE.replace("load = \"80kg\"", "weight = 80");
        let text = parse_workout(&bad, Path::new("w.toml"), "w", &cat())
            .expect_err("key")
            .to_string();
        assert!(
            text.contains("unknown field `weight`, expected one of"),
            "{text}"
        );
        let text = parse_workout(
            "description = \"x\"\nblocks = []\n",
            Path::new("w.toml"),
            "w",
            &cat(),
        )
        .expect_err("empty")
        .to_string();
        assert!(
            text.contains("a workout needs at least one block"),
            "{text}"
        );
    }

    /// A block's line: a known key with a good or bad value, or an unknown key.
    fn block_line() -> impl Strategy<Value = String> {
        let value = prop_oneof![
            Just("\"tut\"".to_string()),
            Just("\"squat\"".to_string()),
            Just("\"nope\"".to_string()),
            Just("\"8+\"".to_string()),
            Just("\"4-0-1-0\"".to_string()),
            Just("\"manual\"".to_string()),
            Just("true".to_string()),
            (-5i64..200).prop_map(|n| n.to_string()),
            (0.0f64..100.0).prop_map(|f| format!("{f:.2}")),
            "\"[a-z0-9+ -]{0,6}\"",
        ];
        let key = prop::sample::select(vec![
            "preset",
            "exercise",
            "tempo",
            "reps",
            "sets",
            "rest",
            "count_in",
            "explosive",
            "lift",
            "start",
            "load",
            "changeover",
            "weight",
        ]);
        (key, value).prop_map(|(k, v)| format!("{k} = {v}"))
    }

    fn workout_file() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::collection::vec(block_line(), 0..6), 0..4).prop_map(|blocks| {
            let mut text = String::from("description = \"generated\"\n");
            for lines in blocks {
                text.push_str("\n[[blocks]]\n");
                let mut seen = std::collections::BTreeSet::new();
                for l in lines {
                    let key = l.split(' ').next().unwrap_or_default().to_string();
                    if seen.insert(key) {
                        text.push_str(&l);
                        text.push('\n');
                    }
                }
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2_000,
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_generated_workout_file_loads_or_is_refused_naming_line_key_and_what_is_allowed(
            text in workout_file()
        ) {
            match parse_workout(&text, Path::new("w.toml"), "w", &cat()) {
                Ok(spec) => prop_assert!(!spec.blocks.is_empty()),
                Err(ConfigError::Invalid { line, key, message, .. }) => {
                    prop_assert!(line >= 1 && line <= text.lines().count().max(1), "{line}: {text}");
                    prop_assert!(key.is_some(), "no key: {message}\n{text}");
                    let says_what = ["allowed", "expected", "use one of", "needs", "missing", "like"]
                        .iter()
                        .any(|w| message.contains(w));
                    prop_assert!(says_what, "{message}\n{text}");
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}
