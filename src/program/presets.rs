//! Programs from the training literature (presets) and exercises, built in
//! and from the config file, and how a session is put together from them.
//!
//! Precedence, lowest first: built-in defaults, the config file's
//! `[defaults]`, the preset, the exercise's start phase, the command line.
//! Every layer is a [`Layer`] laid over the one below.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::program::exercises;
use crate::program::layer::Layer;
use crate::text::{quote, safe};
use crate::timing::plan::{Session, Start};
use crate::timing::tempo::{Lift, Tempo};

/// A named program: tempo, sets × reps, rest and how the lift is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// The name typed after `--preset`.
    pub name: String,
    /// One line on what it is for.
    pub description: String,
    /// The values it sets; whatever it leaves `None` comes from below.
    pub values: Layer,
    /// Whether it comes from the config file (else built in).
    pub from_config: bool,
}

/// An exercise: the label shown and logged, and the phase a rep starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// The name typed after `--exercise`, also the label.
    pub name: String,
    /// Which phase a rep starts with.
    pub start: Start,
    /// Done at bodyweight (the catalogue's `body only`: push-ups,
    /// pull-ups): a lowering with no load typed is no heavy negative.
    pub bodyweight: bool,
    /// Whether it comes from the config file (else built in).
    pub from_config: bool,
}

fn builtin(
    name: &str,
    description: &str,
    tempo: Tempo,
    sets: u16,
    reps: u16,
    rest_s: u32,
    partner: bool,
) -> Preset {
    Preset {
        name: name.to_string(),
        description: description.to_string(),
        values: Layer {
            tempo: Some(if partner {
                Tempo {
                    lift: Lift::Partner,
                    ..tempo
                }
            } else {
                tempo
            }),
            sets: Some(sets),
            reps: Some(reps),
            rest: Some(rest_s * 1000),
            ..Layer::default()
        },
        from_config: false,
    }
}

/// The built-in presets, in the order `repcadence presets` lists them.
pub(crate) fn builtin_presets() -> Vec<Preset> {
    vec![
        builtin(
            "slow",
            "3 s lowering on every rep of every set: where beginners start",
            Tempo::whole_secs(3, 0, 1, 0),
            3,
            8,
            90,
            false,
        ),
        builtin(
            "four-one",
            "the 4:1 ratio: 4 s down, 1 s up",
            Tempo::whole_secs(4, 0, 1, 0),
            3,
            8,
            90,
            false,
        ),
        builtin(
            "tut",
            "about 48 s under tension per set: 8 reps of a 5 s lowering",
            Tempo::whole_secs(5, 0, 1, 0),
            3,
            8,
            90,
            false,
        ),
        builtin(
            "overload",
            "overload negatives: about 10 % more load, a partner helps the lift, \
             lower in 5-7 s, 3 × 6-8",
            Tempo::whole_secs(6, 0, 1, 0),
            3,
            6,
            180,
            true,
        ),
        Preset {
            values: Layer {
                open_ended: Some(true),
                ..builtin("", "", Tempo::whole_secs(7, 0, 1, 0), 1, 6, 0, true).values
            },
            ..builtin(
                "beyond-failure",
                "a set at your tempo to failure, then straight on to 5-6+ partner-assisted \
                 reps lowered over 7 s",
                Tempo::whole_secs(7, 0, 1, 0),
                1,
                6,
                0,
                true,
            )
        },
    ]
}

/// The catalogue's exercises (`assets/exercises.tsv`) and the phase each
/// starts with.
pub(crate) fn builtin_exercises() -> Vec<Exercise> {
    exercises::catalogue()
        .into_iter()
        .map(|e| Exercise {
            name: e.name.to_string(),
            start: e.start,
            bodyweight: e.equipment == "body only",
            from_config: false,
        })
        .collect()
}

/// A name as compared: lower case, spaces and underscores as `-`.
pub(crate) fn normalise(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Presets and exercises, built in and from the config file; a config
/// entry with a built-in's name replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// Every preset, built-ins first.
    pub presets: Vec<Preset>,
    /// Every exercise, built-ins first.
    pub exercises: Vec<Exercise>,
    /// Every name and alias of an exercise, as names are compared
    /// ([`exercises::key`]), and the exercise it names: the config's own
    /// over the catalogue's.
    index: HashMap<String, usize>,
    /// The catalogue's aliases, with the exercise each names.
    aliases: Vec<(&'static str, &'static str)>,
}

impl Catalogue {
    /// The built-ins with the config file's own entries added, in time
    /// that grows with their number, not its square.
    pub fn new(config_presets: Vec<Preset>, config_exercises: Vec<Exercise>) -> Catalogue {
        // The catalogue's own part is read once; most configs add nothing.
        static BUILT_IN: OnceLock<Catalogue> = OnceLock::new();
        let base = BUILT_IN.get_or_init(|| {
            let aliases: Vec<(&'static str, &'static str)> = exercises::catalogue()
                .iter()
                .flat_map(|e| e.aliases.iter().map(move |a| (*a, e.name)))
                .collect();
            Catalogue {
                presets: builtin_presets(),
                exercises: builtin_exercises(),
                index: HashMap::new(),
                aliases,
            }
            .indexed()
        });
        let presets = merged(base.presets.clone(), config_presets, |p| &p.name);
        if config_exercises.is_empty() {
            return Catalogue {
                presets,
                ..base.clone()
            };
        }
        // A config exercise named like a catalogue one (in any spelling)
        // replaces it in place, so that its other names find it too.
        let mut out = Catalogue {
            presets,
            ..base.clone()
        };
        for e in config_exercises {
            let k = exercises::key(&e.name);
            match out.index.get(&k).copied() {
                // The same name: this one instead. (The same as another
                // name of one: a new exercise, which that name now finds.)
                Some(i) if exercises::key(&out.exercises[i].name) == k => {
                    out.exercises[i] = e;
                }
                _ => {
                    out.index.insert(k, out.exercises.len());
                    out.exercises.push(e);
                }
            }
        }
        out
    }

    /// This catalogue with its index made: every name, then every alias
    /// whose exercise is here (a name wins over an alias).
    fn indexed(mut self) -> Catalogue {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, e) in self.exercises.iter().enumerate() {
            index.insert(exercises::key(&e.name), i);
        }
        for (alias, name) in &self.aliases {
            let k = exercises::key(alias);
            if let (false, Some(&i)) = (index.contains_key(&k), index.get(&exercises::key(name))) {
                index.insert(k, i);
            }
        }
        self.index = index;
        self
    }

    /// The exercise `name` names (its name or an alias, in any spelling,
    /// or a plural of one), if the catalogue or the config has it.
    pub(crate) fn find_exercise(&self, name: &str) -> Option<&Exercise> {
        exercises::keys_to_try(name)
            .iter()
            .find_map(|k| self.index.get(k))
            .and_then(|&i| self.exercises.get(i))
    }

    /// Whether `name` (or another name for it, or its plural) is an
    /// exercise done at bodyweight ([`Exercise::bodyweight`]).
    pub(crate) fn bodyweight(&self, name: &str) -> bool {
        self.find_exercise(name).is_some_and(|e| e.bodyweight)
    }

    /// A known exercise's name close enough to `name` to be a typo of it.
    pub(crate) fn near_exercise(&self, name: &str) -> Option<&str> {
        let names = self
            .exercises
            .iter()
            .map(|e| e.name.as_str())
            .chain(self.aliases.iter().map(|(a, _)| *a));
        exercises::near(name, names)
    }

    /// The exercises whose name, alias or equipment holds `filter` (all
    /// of them for an empty one), as names are compared.
    pub(crate) fn exercises_matching(&self, filter: &str) -> Vec<&Exercise> {
        let want = exercises::key(filter);
        let equipment: HashMap<&str, &str> = exercises::catalogue()
            .into_iter()
            .map(|e| (e.name, e.equipment))
            .collect();
        self.exercises
            .iter()
            .filter(|e| {
                want.is_empty()
                    || exercises::key(&e.name).contains(&want)
                    || self
                        .aliases
                        .iter()
                        .any(|(a, n)| *n == e.name && exercises::key(a).contains(&want))
                    || equipment
                        .get(e.name.as_str())
                        .is_some_and(|q| exercises::key(q).contains(&want))
            })
            .collect()
    }

    /// The preset called `name`, or an error listing the names.
    pub fn preset(&self, name: &str) -> Result<&Preset, ResolveError> {
        let key = normalise(name);
        self.presets
            .iter()
            .find(|p| p.name == key)
            .ok_or_else(|| ResolveError::NoPreset {
                name: name.to_string(),
                known: names(self.presets.iter().map(|p| &p.name)),
            })
    }

    /// The exercise called `name` (or an alias of one), or an error
    /// listing the names.
    pub fn exercise(&self, name: &str) -> Result<&Exercise, ResolveError> {
        let known = || {
            format!(
                "{} (`repcadence exercises` lists all {})",
                exercises::COMMON.join(", "),
                self.exercises.len()
            )
        };
        if exercises::key(name).is_empty() {
            return Err(ResolveError::NoExerciseName { known: known() });
        }
        self.find_exercise(name)
            .ok_or_else(|| ResolveError::NoExercise {
                name: name.to_string(),
                known: known(),
                key: normalise(name),
            })
    }

    /// The session `args` asks for, over the config file's `defaults`:
    /// command line > preset > config defaults > built-in defaults, with
    /// the exercise's start phase under the command line's `--start`.
    pub(crate) fn resolve(
        &self,
        args: &Choice,
        defaults: &Layer,
    ) -> Result<Resolved, ResolveError> {
        let mut layered = defaults.overlay(&Session::default());
        let preset = match &args.preset {
            Some(name) => {
                let p = self.preset(name)?;
                layered = p.values.overlay(&layered);
                Some(p.name.clone())
            }
            None => None,
        };
        let exercise = match &args.exercise {
            Some(name) => match self.exercise(name) {
                Ok(e) => {
                    layered.start = e.start;
                    Some(e.name.clone())
                }
                // Any name works: one the catalogue does not know is
                // logged as typed and starts with the lowering (see
                // `unknown_exercise`).
                Err(ResolveError::NoExercise { .. }) => {
                    layered.start = Start::Lower;
                    Some(name.trim().to_string())
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        let session = args
            .layer
            .resolve(&layered)
            .map_err(ResolveError::Session)?;
        Ok(Resolved {
            session,
            preset,
            exercise,
        })
    }
}

/// `base` with `more` added in order, each replacing the one of its name
/// (found through an index by name, not a search per entry).
fn merged<T>(mut base: Vec<T>, more: Vec<T>, name: impl Fn(&T) -> &String) -> Vec<T> {
    let mut index: HashMap<String, usize> = base
        .iter()
        .enumerate()
        .map(|(i, t)| (name(t).clone(), i))
        .collect();
    for t in more {
        match index.get(name(&t)) {
            Some(&i) => base[i] = t,
            None => {
                index.insert(name(&t).clone(), base.len());
                base.push(t);
            }
        }
    }
    base
}

impl Catalogue {
    /// The one line for an exercise the catalogue does not know: that it
    /// starts with the lowering, how to change that, and a name it may
    /// have meant. `None` for a known exercise.
    pub(crate) fn unknown_exercise(&self, name: &str) -> Option<String> {
        if self.find_exercise(name).is_some() || exercises::key(name).is_empty() {
            return None;
        }
        let meant = self
            .near_exercise(name)
            .map(|n| format!(" (did you mean {}?)", safe(n)))
            .unwrap_or_default();
        Some(format!(
            "{} is not in the catalogue{meant}: starting with the lowering; `--start lift` to \
             change, or add it to the config ([exercises.{}] with start = \"lift\" or \"lower\")",
            safe(name.trim()),
            toml_key(&normalise(name))
        ))
    }
}

/// An exercise's name as a key of the config file: bare when TOML allows
/// (`A-Za-z0-9_-`), else in quotes with TOML's escapes.
pub(crate) fn toml_key(key: &str) -> String {
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !key.is_empty() && key.chars().all(bare) {
        return key.to_string();
    }
    let mut out = String::from("\"");
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Why a session could not be put together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No preset has that name.
    #[error(
        "there is no preset \"{}\": use one of {known} (`repcadence presets` describes them)",
        quote(.name)
    )]
    NoPreset {
        /// The name as given.
        name: String,
        /// The names there are.
        known: String,
    },
    /// No exercise has that name.
    #[error(
        "there is no exercise \"{}\": use one of {known}, or add it to the config file \
         as [exercises.{}] with start = \"lift\" or \"lower\"",
        quote(.name),
        toml_key(.key)
    )]
    NoExercise {
        /// The name as given.
        name: String,
        /// The names there are.
        known: String,
        /// The name as the config file would hold it.
        key: String,
    },
    /// `--exercise ""`: a name with no letters.
    #[error("an exercise needs a name: use one of {known}")]
    NoExerciseName {
        /// The names there are.
        known: String,
    },
    /// The layers make no session (a rep of 0 s).
    #[error("{0}")]
    Session(String),
}

/// How many names a message lists before it says how many more.
const NAMES_SHOWN: usize = 30;

/// `a, b, c` (made safe), the first [`NAMES_SHOWN`] of a long list and
/// how many more there are.
fn names<'a>(names: impl ExactSizeIterator<Item = &'a String>) -> String {
    let total = names.len();
    let mut out: Vec<String> = names
        .take(NAMES_SHOWN)
        .map(|n| safe(n).into_owned())
        .collect();
    if total > NAMES_SHOWN {
        out.push(format!("… ({} more)", total - NAMES_SHOWN));
    }
    out.join(", ")
}

/// What the command line asks for: a preset and an exercise by name, and
/// its own layer of settings on top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    /// The preset's name, as typed.
    pub preset: Option<String>,
    /// The exercise's name, as typed.
    pub exercise: Option<String>,
    /// The settings given, over everything else.
    pub layer: Layer,
}

/// A session put together from its layers, with the names that chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The timing of the session.
    pub session: Session,
    /// The preset used, by its canonical name.
    pub preset: Option<String>,
    /// The exercise, by its canonical name (the label shown and logged).
    pub exercise: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tempo(text: &str) -> Tempo {
        text.parse().expect("tempo")
    }

    fn args(tempo_text: Option<&str>, preset: Option<&str>) -> Choice {
        Choice {
            preset: preset.map(String::from),
            layer: Layer {
                tempo: tempo_text.map(tempo),
                ..Layer::default()
            },
            ..Choice::default()
        }
    }

    #[test]
    fn builtin_presets_match_the_literature() {
        let cat = Catalogue::new(vec![], vec![]);
        let tut = |name: &str| {
            let r = cat
                .resolve(&args(None, Some(name)), &Layer::default())
                .expect("preset");
            (
                r.session.tempo.to_string(),
                r.session.sets,
                r.session.reps,
                r.session.partner_lifts(),
                r.session.tut_per_set_ms(),
            )
        };
        assert_eq!(tut("slow"), ("3-0-1-0".into(), 3, 8, false, 32_000));
        assert_eq!(tut("four-one"), ("4-0-1-0".into(), 3, 8, false, 40_000));
        assert_eq!(tut("tut"), ("5-0-1-0".into(), 3, 8, false, 48_000));
        assert_eq!(tut("overload"), ("6-0-P-0".into(), 3, 6, true, 36_000));
        assert_eq!(
            tut("beyond-failure"),
            ("7-0-P-0".into(), 1, 6, true, 42_000)
        );
    }

    #[test]
    fn command_line_beats_preset_beats_config_defaults() {
        let cat = Catalogue::new(vec![], vec![]);
        let defaults = Layer {
            reps: Some(10),
            rest: Some(60_000),
            count_in: Some(3000),
            tempo: Some(tempo("2-0-1-0")),
            ..Layer::default()
        };
        let r = cat.resolve(&args(None, None), &defaults).expect("defaults");
        assert_eq!((r.session.reps, r.session.rest_ms), (10, 60_000));
        assert_eq!(r.session.tempo.to_string(), "2-0-1-0");
        let r = cat
            .resolve(&args(None, Some("four-one")), &defaults)
            .expect("preset");
        // The preset sets tempo, reps and rest; the count-in stays the config's.
        assert_eq!(r.session.tempo.to_string(), "4-0-1-0");
        assert_eq!((r.session.reps, r.session.count_in_ms), (8, 3000));
        assert_eq!(r.session.rest_ms, 90_000);
        let mut cli = args(Some("6-0-1-0"), Some("four-one"));
        cli.layer.reps = Some(5);
        let r = cat.resolve(&cli, &defaults).expect("cli");
        assert_eq!(r.session.tempo.to_string(), "6-0-1-0");
        assert_eq!(r.session.reps, 5);
        assert_eq!(r.preset.as_deref(), Some("four-one"));
    }

    #[test]
    fn a_timed_lift_on_the_command_line_undoes_a_partner_preset() {
        let cat = Catalogue::new(vec![], vec![]);
        let mut cli = args(None, Some("overload"));
        cli.layer.lift = Some(Lift::Ms(2000));
        let r = cat.resolve(&cli, &Layer::default()).expect("cli");
        assert!(r.session.tempo.lift != Lift::Manual);
    }

    #[test]
    fn exercises_set_the_start_and_start_still_wins() {
        let cat = Catalogue::new(vec![], vec![]);
        let mut cli = args(None, None);
        cli.exercise = Some("Romanian Deadlift".into());
        let r = cat.resolve(&cli, &Layer::default()).expect("rdl");
        assert_eq!(r.session.start, Start::Lower);
        assert_eq!(r.exercise.as_deref(), Some("romanian-deadlift"));
        cli.exercise = Some("pullup".into());
        let r = cat.resolve(&cli, &Layer::default()).expect("alias");
        assert_eq!(
            (r.session.start, r.exercise.as_deref()),
            (Start::Lift, Some("pull-up"))
        );
        cli.layer.start = Some(Start::Lower);
        let r = cat.resolve(&cli, &Layer::default()).expect("start");
        assert_eq!(r.session.start, Start::Lower);
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let cat = Catalogue::new(vec![], vec![]);
        let err = cat
            .resolve(&args(None, Some("heavy")), &Layer::default())
            .expect_err("unknown")
            .to_string();
        assert!(err.contains("no preset \"heavy\""), "{err}");
        assert!(err.contains("slow, four-one, tut, overload, beyond-failure"));
        let err = cat
            .exercise("front lever")
            .expect_err("unknown")
            .to_string();
        assert!(err.contains("[exercises.front-lever]"), "{err}");
    }

    #[test]
    fn any_name_works_the_catalogue_s_in_any_spelling_and_others_start_lowering() {
        let cat = Catalogue::new(vec![], vec![]);
        let start = |name: &str| {
            let choice = Choice {
                exercise: Some(name.into()),
                ..Choice::default()
            };
            let r = cat.resolve(&choice, &Layer::default()).expect(name);
            (r.exercise.unwrap_or_default(), r.session.start)
        };
        for (typed, name, phase) in [
            ("deadlift", "deadlift", Start::Lift),
            ("Overhead Press", "overhead press", Start::Lift),
            ("ohp", "overhead press", Start::Lift),
            ("push-ups", "push-up", Start::Lower),
            ("pushups", "push-up", Start::Lower),
            ("pull-ups", "pull-up", Start::Lift),
            ("benchpress", "bench", Start::Lower),
            ("bench press", "bench", Start::Lower),
            ("rdl", "romanian-deadlift", Start::Lower),
            ("sldl", "stiff-legged deadlift", Start::Lower),
            ("zercher squat", "zercher squat", Start::Lower),
            ("squats", "squat", Start::Lower),
            ("  My Odd Lift ", "My Odd Lift", Start::Lower),
        ] {
            assert_eq!(start(typed), (name.to_string(), phase), "{typed}");
        }
        assert!(cat.unknown_exercise("deadlift").is_none());
        let note = cat.unknown_exercise("my odd lift").expect("a note");
        assert!(
            note.starts_with(
                "my odd lift is not in the catalogue: starting with the lowering; \
                              `--start lift` to change, or add it to the config"
            ),
            "{note}"
        );
        let typo = cat.unknown_exercise("deadlfit").expect("a note");
        assert!(typo.contains("(did you mean deadlift?)"), "{typo}");
        // The config's own exercise replaces the catalogue's, in any spelling.
        let mine = Exercise {
            name: "Dead-Lift".into(),
            start: Start::Lower,
            bodyweight: false,
            from_config: true,
        };
        let cat = Catalogue::new(vec![], vec![mine]);
        assert_eq!(cat.exercise("deadlift").map(|e| e.start), Ok(Start::Lower));
        assert_eq!(
            cat.exercises_matching("deadlift")
                .iter()
                .filter(|e| e.name == "deadlift")
                .count(),
            0
        );
        assert!(cat.exercises_matching("press").len() >= 20);
        assert!(
            cat.exercises_matching("press")
                .iter()
                .all(|e| e.name.contains("press") || !e.name.is_empty())
        );
    }

    #[test]
    fn config_entries_add_to_and_replace_builtins() {
        let mine = Preset {
            name: "slow".into(),
            description: "mine".into(),
            values: Layer {
                tempo: Some(tempo("3-0-2-0")),
                ..Layer::default()
            },
            from_config: true,
        };
        let lunge = Exercise {
            name: "lunge".into(),
            start: Start::Lower,
            bodyweight: false,
            from_config: true,
        };
        let cat = Catalogue::new(vec![mine], vec![lunge]);
        assert_eq!(cat.presets.len(), 5);
        assert_eq!(cat.preset("slow").map(|p| p.from_config), Ok(true));
        assert_eq!(cat.exercise("lunge").map(|e| e.start), Ok(Start::Lower));
    }

    #[test]
    fn the_tip_for_an_unknown_exercise_is_toml_that_adds_it() {
        let cat = Catalogue::new(vec![], vec![]);
        for name in [
            "front lever",
            "İstanbul-curl",
            "a.b",
            "x=y",
            "💪",
            "say \"hi\"",
            "back\\slash",
            "bell\u{7}",
        ] {
            let err = cat.exercise(name).expect_err(name);
            let ResolveError::NoExercise { key, .. } = &err else {
                panic!("{err:?}");
            };
            let tip = format!("[exercises.{}]", toml_key(key));
            assert!(err.to_string().contains(&tip), "{err}");
            let text = format!("{tip}\nstart = \"lift\"\n");
            let config = crate::program::config::parse(&text, std::path::Path::new("c.toml"))
                .unwrap_or_else(|e| panic!("{name:?}: {text}\n{e}"));
            let cat = Catalogue::new(config.presets, config.exercises);
            assert_eq!(
                cat.exercise(name).map(|e| e.start),
                Ok(Start::Lift),
                "{name:?}: {text}"
            );
        }
        assert_eq!(toml_key("a.b"), "\"a.b\"");
        assert_eq!(toml_key("hip-thrust_2"), "hip-thrust_2");
        // No name at all: no tip to add one.
        let err = cat.exercise("  ").expect_err("empty").to_string();
        assert!(
            err.starts_with("an exercise needs a name: use one of squat"),
            "{err}"
        );
    }

    #[test]
    fn fifty_thousand_config_presets_load_and_are_found() {
        let preset = |i: usize| Preset {
            name: format!("p{i}"),
            description: String::new(),
            values: Layer {
                tempo: Some(tempo("3-0-1-0")),
                reps: Some(u16::try_from(i % 100 + 1).expect("reps")),
                ..Layer::default()
            },
            from_config: true,
        };
        let mut mine: Vec<Preset> = (0..50_000).map(preset).collect();
        // One replaces a built-in, one replaces an earlier one of its own.
        mine.push(Preset {
            name: "slow".into(),
            ..preset(7)
        });
        mine.push(Preset {
            description: "again".into(),
            ..preset(49_999)
        });
        let cat = Catalogue::new(mine, vec![]);
        assert_eq!(cat.presets.len(), 5 + 50_000);
        assert_eq!(cat.presets[0].name, "slow");
        assert!(cat.presets[0].from_config);
        let last = cat.preset("p49999").expect("last");
        assert_eq!(
            (last.description.as_str(), last.values.reps),
            ("again", Some(100))
        );
        assert_eq!(cat.preset("p123").map(|p| p.values.reps), Ok(Some(24)));
        let err = cat.preset("nope").expect_err("unknown").to_string();
        assert!(err.contains("… (49975 more)"), "{}", &err[..200]);
    }

    #[test]
    fn bodyweight_exercises_are_the_catalogue_s_body_only_ones() {
        let cat = Catalogue::new(vec![], vec![]);
        for name in ["push-ups", "Push-Up", "press-up", "pull-up", "chin-up"] {
            assert!(cat.bodyweight(name), "{name}");
        }
        for name in ["squat", "bench press", "deadlift", "my odd lift", ""] {
            assert!(!cat.bodyweight(name), "{name}");
        }
    }
}
