//! The exercise catalogue: the common strength exercises, each with the
//! phase a rep starts with and the other names lifters type for it, read
//! from `assets/exercises.tsv` (built from free-exercise-db, public
//! domain, by `assets/make-exercises.py`) built into the binary. Names
//! are compared as lifters type them: without case, spaces, hyphens or
//! underscores, and a plural's `s` dropped where that finds one.

use crate::timing::plan::Start;

/// The catalogue's file, built in.
const TSV: &str = include_str!("../../assets/exercises.tsv");

/// The most common exercises, named where a message suggests some (and
/// offered by shell completion): the whole catalogue is too long to list.
pub(crate) const COMMON: [&str; 9] = [
    "squat",
    "bench",
    "push-up",
    "dip",
    "romanian-deadlift",
    "curl",
    "pull-up",
    "chin-up",
    "row",
];

/// One exercise of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name, as shown and logged.
    pub name: &'static str,
    /// Which phase a rep starts with.
    pub start: Start,
    /// What it is done with (`barbell`, `body only`), or empty.
    pub equipment: &'static str,
    /// The other names lifters type for it (`ohp`, `rdl`).
    pub aliases: Vec<&'static str>,
}

/// Every exercise of the catalogue, in its file's order. A line that does
/// not read (none does: a test holds it) is passed over.
pub fn catalogue() -> Vec<Entry> {
    TSV.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next()?.trim();
            let start = match fields.next()?.trim() {
                "lift" => Start::Lift,
                "lower" => Start::Lower,
                _ => return None,
            };
            let equipment = fields.next().unwrap_or("").trim();
            let _source = fields.next();
            let aliases = fields
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .collect();
            (!name.is_empty()).then_some(Entry {
                name,
                start,
                equipment,
                aliases,
            })
        })
        .collect()
}

/// A name as names are compared: lower case, with no spaces, hyphens or
/// underscores (`Bench Press`, `bench-press` and `benchpress` are one).
pub fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The keys to try for a name, the name's own first: then without a
/// plural's `s` or `es` (`push-ups`, `benches`).
pub(crate) fn keys_to_try(name: &str) -> Vec<String> {
    let k = key(name);
    let mut out = vec![k.clone()];
    if let Some(one) = k.strip_suffix('s') {
        out.push(one.to_string());
        if let Some(one) = one.strip_suffix('e') {
            out.push(one.to_string());
        }
    }
    out
}

/// The known name closest to `name` among `names`, if one is near enough
/// to be a typo of it: at most 2 edits (1 for a short name) apart, as
/// names are compared.
pub(crate) fn near<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    let most = if k.chars().count() <= 5 { 1 } else { 2 };
    names
        .into_iter()
        .map(|n| (strsim::osa_distance(&key(n), &k), n))
        .filter(|&(d, n)| d > 0 && d <= most && !n.is_empty())
        .min()
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_line_of_the_catalogue_reads_and_no_two_names_collide() {
        let all = catalogue();
        let lines = TSV.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(all.len(), lines, "a line did not read");
        assert!(all.len() >= 150, "{}", all.len());
        let mut seen: HashMap<String, &str> = HashMap::new();
        for e in &all {
            for name in std::iter::once(e.name).chain(e.aliases.iter().copied()) {
                if let Some(other) = seen.insert(key(name), e.name) {
                    panic!("{name} of {} is also {other}", e.name);
                }
            }
        }
    }

    #[test]
    fn names_are_compared_as_lifters_type_them() {
        assert_eq!(key("Bench Press"), "benchpress");
        assert_eq!(key("bench-press"), key("benchpress"));
        assert_eq!(key(" Push_Ups "), "pushups");
        assert_eq!(keys_to_try("push-ups"), ["pushups", "pushup"]);
        assert_eq!(keys_to_try("benches")[2], "bench");
        assert_eq!(near("sqaut", ["squat", "curl"]), Some("squat"));
        assert_eq!(near("squat", ["squat"]), None, "itself is no typo");
        assert_eq!(near("my odd lift", ["squat", "curl"]), None);
    }
}
