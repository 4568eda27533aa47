//! The values the config file's tables hold, each checked as it is read
//! (so a fault is placed at its line and column): tables that must be
//! tables, named tables, the values every session table has, and lists
//! of one value per set. The config file and a workout file both read
//! their tables with these.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess, Unexpected, Visitor,
};
use toml::Spanned;

use crate::load;
use crate::program::presets::normalise;
use crate::program::settings::{
    AUDIO_LATENCY, COUNT, COUNT_IN, EXPLOSIVE, LiftMode, PARTNER_LIFT, REPS, REST, Reps, SETS,
    VOICE, VOLUME, shown,
};
use crate::timing::counting::{Counting, Voice};
use crate::timing::plan::Start;
use crate::timing::tempo::{Lift, Tempo};

/// A part of the file that must be a table, and how messages name it.
pub(super) trait Table {
    /// What belongs there, said when something else is found.
    const WHAT: &'static str;
}

/// `T`, read only from a table. Without this, a list there (`[[defaults]]`)
/// would be read field by field, and a plain value would be refused in
/// the program's own type names.
#[derive(Debug, Default)]
pub(super) struct Tabled<T>(pub(super) T);

impl<'de, T: Deserialize<'de> + Table> Deserialize<'de> for Tabled<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OnlyMaps<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Table> Visitor<'de> for OnlyMaps<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::WHAT)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(NoDates::<A, T>(
                    map,
                    PhantomData,
                )))
            }
        }
        d.deserialize_map(OnlyMaps(PhantomData)).map(Tabled)
    }
}

/// The one key of the table the parser hands over for a date.
const DATE_KEY: &str = "$__toml_private_datetime";

/// A table's entries, with a date refused as what it is (the parser
/// hands a date over as a table of one private key).
struct NoDates<A, T>(A, PhantomData<T>);

impl<'de, A: MapAccess<'de>, T: Table> MapAccess<'de> for NoDates<A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(KeyOf::<K, T>(seed, PhantomData))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Reads a key of table `T`, refusing the date's private one.
struct KeyOf<K, T>(K, PhantomData<T>);

impl<'de, K: DeserializeSeed<'de>, T: Table> DeserializeSeed<'de> for KeyOf<K, T> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        let key = String::deserialize(d)?;
        if key == DATE_KEY {
            return Err(D::Error::invalid_type(Unexpected::Other("date"), &T::WHAT));
        }
        self.0.deserialize(key.into_deserializer())
    }
}

/// What a named table holds: presets or exercises.
pub(super) trait Kind {
    /// The table's key in the file.
    const TABLE: &'static str;
    /// One of them, in words.
    const ONE: &'static str;

    /// Why `name`, as written, may not stand in the table, if it may not.
    fn refused(_name: &str) -> Option<String> {
        None
    }
}

/// Named tables (`[presets.NAME]`), with every name checked: not empty,
/// and no two the same once compared as names are (without case, spaces
/// or underscores), which would otherwise collapse into one.
#[derive(Debug)]
pub(super) struct Named<T>(pub(super) BTreeMap<String, T>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(BTreeMap::new())
    }
}

impl<'de, T: Deserialize<'de> + Kind> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, T>::deserialize(d)?;
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for name in map.keys() {
            if let Some(why) = T::refused(name) {
                return Err(D::Error::custom(why));
            }
            let key = normalise(name);
            if key.is_empty() {
                return Err(D::Error::custom(format!(
                    "[{}.\"{name}\"] has no name: give the {} one, like [{}.heavy]",
                    T::TABLE,
                    T::ONE,
                    T::TABLE
                )));
            }
            if let Some(other) = seen.insert(key, name) {
                return Err(D::Error::custom(format!(
                    "[{table}.{other}] and [{table}.{name}] name the same {one} (names are compared \
                     without case, spaces or underscores): keep one of them",
                    table = T::TABLE,
                    one = T::ONE
                )));
            }
        }
        Ok(Named(map))
    }
}

/// A table that sets a session (`[defaults]`, a preset, a workout's
/// block): its own fields, then the ones they all have, each checked as
/// read, and `session(tempo, lift)`, those as a [`Layer`]. (serde's
/// `flatten` would lose `deny_unknown_fields` and the values' places.)
macro_rules! session_table {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($fields:tt)* }) => {
        $crate::program::config::values::session_table! {
            reps: #[serde(default, deserialize_with = "de_reps")] Option<Reps>;
            $(#[$meta])* $vis struct $name { $($fields)* }
        }
    };
    (reps: #[$reps_meta:meta] $reps:ty; $(#[$meta:meta])* $vis:vis struct $name:ident { $($fields:tt)* }) => {
        $(#[$meta])*
        $vis struct $name {
            $($fields)*
            #[$reps_meta]
            reps: $reps,
            #[serde(default, deserialize_with = "de_sets")]
            sets: Option<u16>,
            #[serde(default, deserialize_with = "de_rest")]
            rest: Option<u32>,
            #[serde(default, deserialize_with = "de_count_in")]
            count_in: Option<u32>,
            #[serde(default, deserialize_with = "de_explosive")]
            explosive: Option<u32>,
            #[serde(default, deserialize_with = "de_partner_lift")]
            partner_lift: Option<u32>,
        }

        impl $name {
            /// The values every session table has, as a layer with
            /// `tempo` and `lift`.
            fn session(&self, tempo: Option<Tempo>, lift: Option<$crate::timing::tempo::Lift>) -> Layer {
                let mut layer = Layer {
                    tempo,
                    lift,
                    sets: self.sets,
                    rest: self.rest,
                    count_in: self.count_in,
                    explosive: self.explosive,
                    partner_lift: self.partner_lift,
                    ..Layer::default()
                };
                layer.set_reps($crate::program::config::values::FirstReps::first(&self.reps));
                layer
            }
        }
    };
}
pub(super) use session_table;

/// The reps a session table gives its first set (all its sets, unless a
/// block gives a list).
pub(super) trait FirstReps {
    /// Set 1's reps, if given.
    fn first(&self) -> Option<Reps>;
}

impl FirstReps for Option<Reps> {
    fn first(&self) -> Option<Reps> {
        *self
    }
}

impl FirstReps for Option<Spanned<PerSet<Reps>>> {
    fn first(&self) -> Option<Reps> {
        self.as_ref()
            .and_then(|v| v.get_ref().each().first().copied())
    }
}

/// A block's value for every set, or one value per set as a list
/// (`reps = [8, 6, 4]`, `load = ["60kg", "70kg"]`), each checked as
/// read; an element's fault names its place in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PerSet<T> {
    /// One value for every set.
    All(T),
    /// One value per set, at least one.
    Each(Vec<T>),
}

impl<T> PerSet<T> {
    /// The values: the one for every set, or each set's.
    pub(super) fn each(&self) -> &[T] {
        match self {
            PerSet::All(v) => std::slice::from_ref(v),
            PerSet::Each(v) => v,
        }
    }

    /// Whether it is a list, one value per set.
    pub(super) fn is_list(&self) -> bool {
        matches!(self, PerSet::Each(_))
    }

    /// Reads `v`: one value, or a list of them, each checked by `check`.
    fn read(
        v: &toml::Value,
        what: &str,
        example: &str,
        check: impl Fn(&toml::Value) -> Result<T, String>,
    ) -> Result<PerSet<T>, String> {
        let toml::Value::Array(items) = v else {
            return check(v).map(PerSet::All);
        };
        let (_, most) = SETS.whole_range();
        if items.is_empty() {
            return Err(format!(
                "[] gives no {what}: give one value for every set, or one per set, like {example}"
            ));
        }
        if i64::try_from(items.len()).unwrap_or(i64::MAX) > most {
            return Err(format!(
                "the list has {} values, and a block has at most {most} sets: give one value per \
                 set",
                items.len()
            ));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                check(item).map_err(|e| format!("element {0} of the list (set {0}): {e}", i + 1))
            })
            .collect::<Result<Vec<T>, String>>()
            .map(PerSet::Each)
    }
}

impl<'de> Deserialize<'de> for PerSet<Reps> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::Value::deserialize(d)?;
        PerSet::read(&v, "reps", "reps = [8, 6, 4]", |x| REPS.reps_value(x))
            .map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PerSet<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::Value::deserialize(d)?;
        PerSet::read(
            &v,
            "load",
            "load = [\"60kg\", \"70kg\", \"80kg\"]",
            load_value,
        )
        .map_err(D::Error::custom)
    }
}

/// Reads any TOML value and checks it with `check`; its message becomes
/// the error, which the parser places at the value.
pub(super) fn checked<'de, D, T>(
    d: D,
    check: impl Fn(&toml::Value) -> Result<T, String>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = toml::Value::deserialize(d)?;
    check(&value).map(Some).map_err(D::Error::custom)
}

pub(super) fn de_tempo<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tempo>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) => s.parse::<Tempo>().map_err(|e| e.to_string()),
        _ => Err(format!(
            "{} is not allowed: a tempo is text in quotes, like \"4-0-1-0\" or \"31X0\"",
            shown(v)
        )),
    })
}

/// `fn NAME(d) -> Option<T>`: a value checked by its entry in the table
/// of settings (`whole_value` or `seconds_value`), for serde's
/// `deserialize_with`.
macro_rules! checked_by {
    ($($name:ident: $setting:ident.$check:ident -> $t:ty;)*) => {$(
        pub(super) fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
            checked(d, |v| $setting.$check(v))
        }
    )*};
}

checked_by! {
    de_reps: REPS.reps_value -> Reps;
    de_sets: SETS.whole_value -> u16;
    de_rest: REST.seconds_value -> u32;
    de_count_in: COUNT_IN.seconds_value -> u32;
    de_explosive: EXPLOSIVE.seconds_value -> u32;
    de_partner_lift: PARTNER_LIFT.seconds_value -> u32;
    de_volume: VOLUME.whole_value -> u8;
    de_latency: AUDIO_LATENCY.whole_value -> u32;
    de_count: COUNT.choice_value -> Counting;
}

/// `voice = "full"`, `"counts"` or `"off"`; `true` and `false`, from
/// before the voice had words, still read as `"full"` and `"off"`.
pub(super) fn de_voice<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Voice>, D::Error> {
    checked(d, |v| match v {
        toml::Value::Boolean(true) => Ok(Voice::Full),
        toml::Value::Boolean(false) => Ok(Voice::Off),
        _ => VOICE.choice_value(v),
    })
}

pub(super) fn de_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    checked(d, |v| match v {
        toml::Value::Boolean(b) => Ok(*b),
        _ => Err(format!(
            "{} is not allowed: write true or false (no quotes)",
            shown(v)
        )),
    })
}

pub(super) fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) => Ok(s.clone()),
        _ => Err(format!("{} is not allowed: write text in quotes", shown(v))),
    })
}

/// A load (`"80kg"`, `"bw+10kg"`), checked, and kept as written.
/// One load, checked, as written (trimmed).
fn load_value(v: &toml::Value) -> Result<String, String> {
    match v {
        toml::Value::String(s) => load::parse(s)
            .map(|_| s.trim().to_string())
            .map_err(|e| e.to_string()),
        _ => Err(format!(
            "{} is not allowed: a load is text in quotes, like \"80kg\" or \"bw+10kg\"",
            shown(v)
        )),
    }
}

/// The rest before the next block: seconds, in the range of a rest, named
/// as a changeover in its message.
pub(super) fn de_changeover<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked(d, |v| REST.seconds_value_as(v, "changeover"))
}

pub(super) fn de_lift<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Lift>, D::Error> {
    checked(d, LiftMode::from_value)
}

pub(super) fn de_start<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Start>, D::Error> {
    checked(d, |v| match v {
        toml::Value::String(s) if s == "lift" => Ok(Start::Lift),
        toml::Value::String(s) if s == "lower" => Ok(Start::Lower),
        _ => Err(format!(
            "{} is not allowed: start is \"lift\" (curls, pull-ups) or \"lower\" (squats, bench)",
            shown(v)
        )),
    })
}
