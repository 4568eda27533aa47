//! The config file as the TOML parser reads it: every table and key the
//! file may hold, each value checked as it is read (so a fault is placed
//! at its line and column), then turned into a [`Config`].

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::Deserializer;
use toml::Spanned;

use super::values::{
    Kind, Named, Table, Tabled, de_bool, de_count, de_count_in, de_explosive, de_latency, de_lift,
    de_partner_lift, de_reps, de_rest, de_sets, de_start, de_tempo, de_text, de_voice, de_volume,
    session_table,
};
use super::workout::NameRef;
use super::{Config, Preferences};
use crate::program::layer::Layer;
use crate::program::presets::{Catalogue, Exercise, Preset, normalise};
use crate::program::settings::Reps;
use crate::program::workouts::Source;
use crate::timing::counting::{Counting, Voice};
use crate::timing::plan::Start;
use crate::timing::tempo::{Lift, Tempo};

impl Table for RawDefaults {
    const WHAT: &'static str = "the table [defaults], with keys like reps = 8";
}

impl Table for RawPreset {
    const WHAT: &'static str = "a preset table like [presets.heavy], with tempo = \"4-0-1-0\"";
}

impl Table for RawExercise {
    const WHAT: &'static str = "an exercise table like [exercises.lunge], with start = \"lower\"";
}

impl Table for Named<Tabled<RawPreset>> {
    const WHAT: &'static str = "preset tables like [presets.heavy]";
}

impl Table for Named<Tabled<RawExercise>> {
    const WHAT: &'static str = "exercise tables like [exercises.lunge]";
}

impl Kind for Tabled<RawPreset> {
    const TABLE: &'static str = "presets";
    const ONE: &'static str = "preset";
}

impl Kind for Tabled<RawExercise> {
    const TABLE: &'static str = "exercises";
    const ONE: &'static str = "exercise";

    /// A name that differs from the catalogue's only in case: it would
    /// silently change the catalogue's entry while looking like one of
    /// its own, and the log would hold two spellings of one exercise.
    fn refused(name: &str) -> Option<String> {
        let catalogue = Catalogue::new(Vec::new(), Vec::new());
        let known = catalogue.find_exercise(name)?.name.as_str();
        (known != name && known.to_lowercase() == name.trim().to_lowercase()).then(|| {
            format!(
                "[exercises.\"{name}\"] differs from the catalogue's \"{known}\" only in case: \
                 write [exercises.\"{known}\"] to change the catalogue's entry, or give the \
                 exercise a name of its own"
            )
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    defaults: Tabled<RawDefaults>,
    #[serde(default)]
    presets: Tabled<Named<Tabled<RawPreset>>>,
    #[serde(default)]
    exercises: Tabled<Named<Tabled<RawExercise>>>,
    #[serde(default)]
    workouts: Tabled<Named<Tabled<super::workout::RawWorkout>>>,
    #[serde(default)]
    keys: Tabled<RawKeys>,
}

/// `[keys]`: each binding and its key or keys, with where they stand,
/// checked once the whole table is read (a key bound twice is a fault of
/// the table, not of one entry).
#[derive(Debug, Default)]
pub(super) struct RawKeys(pub(super) Vec<(String, Spanned<toml::Value>)>);

impl Table for RawKeys {
    const WHAT: &'static str = "the table [keys], with entries like end_set = \"c\"";
}

impl<'de> Deserialize<'de> for RawKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = BTreeMap::<String, Spanned<toml::Value>>::deserialize(d)?;
        let mut entries: Vec<_> = table.into_iter().collect();
        entries.sort_by_key(|(_, keys)| keys.span().start);
        Ok(RawKeys(entries))
    }
}

session_table! {
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    #[serde(default, deserialize_with = "de_tempo")]
    tempo: Option<Tempo>,
    #[serde(default, deserialize_with = "de_volume")]
    volume: Option<u8>,
    #[serde(default, deserialize_with = "de_voice")]
    voice: Option<Voice>,
    #[serde(default, deserialize_with = "de_count")]
    count: Option<Counting>,
    #[serde(default, deserialize_with = "de_bool")]
    ticks: Option<bool>,
    #[serde(default, deserialize_with = "de_latency")]
    audio_latency_ms: Option<u32>,
    #[serde(default, deserialize_with = "de_bool")]
    colours: Option<bool>,
}
}

session_table! {
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
    #[serde(deserialize_with = "de_tempo")]
    tempo: Option<Tempo>,
    #[serde(default, deserialize_with = "de_lift")]
    lift: Option<Lift>,
}
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    #[serde(deserialize_with = "de_start")]
    start: Option<Start>,
}

impl RawFile {
    /// The file's values, with built-in ones where it is silent.
    pub(super) fn into_config(self) -> (Config, Vec<NameRef>, RawKeys) {
        let d = self.defaults.0;
        let builtin = Preferences::default();
        let preferences = Preferences {
            volume: d.volume.unwrap_or(builtin.volume),
            voice: d.voice.unwrap_or(builtin.voice),
            count: d.count.unwrap_or(builtin.count),
            ticks: d.ticks.unwrap_or(builtin.ticks),
            explosive_ms: d.explosive.unwrap_or(builtin.explosive_ms),
            audio_latency_ms: d.audio_latency_ms.unwrap_or(builtin.audio_latency_ms),
            colours: d.colours.unwrap_or(builtin.colours),
        };
        let defaults = d.session(d.tempo, None);
        let presets = self
            .presets
            .0
            .0
            .into_iter()
            .map(|(name, Tabled(p))| {
                let values = p.session(p.tempo, p.lift);
                Preset {
                    name: normalise(&name),
                    description: p.description.unwrap_or_default(),
                    values,
                    from_config: true,
                }
            })
            .collect();
        let exercises = self
            .exercises
            .0
            .0
            .into_iter()
            .map(|(name, Tabled(e))| Exercise {
                name: normalise(&name),
                start: e.start.unwrap_or_default(),
                bodyweight: false,
                from_config: true,
            })
            .collect();
        let mut names = Vec::new();
        let workouts = self
            .workouts
            .0
            .0
            .into_iter()
            .map(|(name, Tabled(w))| {
                let name = normalise(&name);
                let table = format!("workouts.{name}");
                w.into_spec(name, Source::Config, &table, &mut names)
            })
            .collect();
        let config = Config {
            defaults,
            preferences,
            presets,
            exercises,
            workouts,
            keys: Vec::new(),
        };
        (config, names, self.keys.0)
    }
}
