//! The config file's tests: every table and key read, and every fault
//! placed at its file, line and column with what to type instead.

use super::*;
use crate::timing::tempo::Lift;

fn err(text: &str) -> (usize, usize, Option<String>, String) {
    match parse(text, Path::new("c.toml")) {
        Err(ConfigError::Invalid {
            line,
            column,
            key,
            message,
            ..
        }) => (line, column, key, message),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_example_parses_to_the_built_in_values() {
    let c = parse(&example(), Path::new("c.toml")).expect("example");
    assert_eq!(c.preferences, Preferences::default());
    assert_eq!(
        c.defaults.tempo.map(|t| t.to_string()).as_deref(),
        Some("3-0-1-0")
    );
    assert_eq!(c.defaults.rest, Some(90_000));
    assert_eq!(c.presets.len(), 1);
    assert_eq!(c.presets[0].values.lift, Some(Lift::Manual));
    assert_eq!(c.exercises.len(), 2);
}

#[test]
fn an_empty_file_is_all_defaults() {
    assert_eq!(parse("", Path::new("c.toml")), Ok(Config::default()));
}

#[test]
fn an_old_file_s_latency_of_56_still_loads_as_an_extra_offset() {
    let c = parse("[defaults]\naudio_latency_ms = 56\n", Path::new("c.toml")).expect("valid");
    assert_eq!(c.preferences.audio_latency_ms, 56);
    assert_eq!(Preferences::default().audio_latency_ms, 0);
}

#[test]
fn settings_are_read_and_typed() {
    let c = parse(
        "[defaults]\nvolume = 35\nvoice = false\nexplosive = 0.5\naudio_latency_ms = 60\ncolours = false\n",
        Path::new("c.toml"),
    )
    .expect("valid");
    assert_eq!(
        c.preferences,
        Preferences {
            volume: 35,
            voice: Voice::Off,
            count: Counting::Up,
            ticks: true,
            explosive_ms: 500,
            audio_latency_ms: 60,
            colours: false
        }
    );
}

#[test]
fn syntax_errors_name_the_line_and_column() {
    let (line, column, key, _) = err("[defaults]\nreps = 8\ntempo = \"4-0-1-0\n");
    assert_eq!((line, key.as_deref()), (3, Some("defaults.tempo")));
    assert!(column >= 9, "{column}");
}

#[test]
fn numbers_are_quoted_as_written_and_out_of_range_says_the_range() {
    let (_, _, _, message) = err("[defaults]\nreps = 8.0\n");
    assert_eq!(
        message,
        "8.0 is not allowed: reps is a whole number from 1 to 100"
    );
    // Too big for the parser itself: the range all the same.
    for (text, key, value, allowed) in [
        (
            "[defaults]\nrest = 1e309\n",
            "defaults.rest",
            "1e309",
            "rest is a number of seconds from 0 to 3600",
        ),
        (
            "[presets.x]\ntempo = \"4-0-1-0\"\nrest = -1e309\n",
            "presets.x.rest",
            "-1e309",
            "rest is a number of seconds from 0 to 3600",
        ),
        (
            "[defaults]\nreps = 99999999999999999999\n",
            "defaults.reps",
            "99999999999999999999",
            "reps is a whole number from 1 to 100",
        ),
    ] {
        let (_, _, k, message) = err(text);
        assert_eq!(k.as_deref(), Some(key));
        assert!(
            message.starts_with(&format!("{value} is not allowed: {allowed}")),
            "{message}"
        );
    }
    // -0.0 is 0.
    let c = parse("[defaults]\nrest = -0.0\n", Path::new("c.toml")).expect("-0.0");
    assert_eq!(c.defaults.rest, Some(0));
}

#[test]
fn a_long_value_is_quoted_cut() {
    let long = "x".repeat(1_000_000);
    let (_, _, _, message) = err(&format!("[defaults]\ntempo = \"{long}\"\n"));
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(
        message.starts_with(&format!("\"{}…\" is not a tempo", "x".repeat(40))),
        "{message}"
    );
    let (_, _, _, message) = err(&format!("[defaults]\nvoice = \"{long}\"\n"));
    assert!(message.len() < 400, "{} bytes", message.len());
}

#[test]
fn unknown_keys_are_named_with_what_is_allowed() {
    let (line, column, key, message) = err("[defaults]\nreps = 8\nvolum = 3\n");
    assert_eq!((line, column), (3, 1));
    assert_eq!(key.as_deref(), Some("defaults.volum"));
    assert!(message.contains("unknown field `volum`"), "{message}");
    assert!(message.contains("`volume`"), "{message}");
    let (line, _, key, message) = err("reps = 8\n");
    assert_eq!((line, key.as_deref()), (1, Some("reps")));
    assert!(message.contains("`defaults`"), "{message}");
    let (line, _, key, _) = err("[defualts]\nreps = 8\n");
    assert_eq!((line, key.as_deref()), (1, Some("defualts")));
    // A header with no name names no key (not an empty one).
    let (line, _, key, _) = err("[]\nreps = 8\n");
    assert_eq!((line, key), (1, None));
}

#[test]
fn wrong_types_and_ranges_say_what_is_allowed() {
    let cases = [
        ("volume = \"loud\"", "a whole number from 0 to 100"),
        (
            "volume = 101",
            "101 is not allowed: volume is a whole number from 0 to 100",
        ),
        ("reps = 0", "reps is a whole number from 1 to 100"),
        ("sets = 2.5", "sets is a whole number from 1 to 50"),
        ("rest = -1", "rest is a number of seconds from 0 to 3600"),
        (
            "count_in = 61",
            "count_in is a number of seconds from 0 to 60",
        ),
        ("explosive = 0.01", "from 0.1 to 10"),
        (
            "voice = \"yes\"",
            "voice is \"full\", \"counts\" or \"off\"",
        ),
        ("count = 3", "count is \"up\" or \"down\""),
        ("ticks = \"yes\"", "write true or false"),
        ("audio_latency_ms = 5000", "from 0 to 1000"),
        ("tempo = \"4-0-1\"", "\"4-0-1\" is not a tempo"),
        ("tempo = 4010", "a tempo is text in quotes"),
    ];
    for (line, want) in cases {
        let text = format!("# mine\n[defaults]\n{line}\n");
        let (l, column, key, message) = err(&text);
        let name = line.split(' ').next().unwrap_or("");
        assert_eq!(l, 3, "{line}");
        assert_eq!(key, Some(format!("defaults.{name}")), "{line}");
        assert_eq!(column, name.len() + 4, "{line}: the value's column");
        assert!(message.contains(want), "{line}: {message}");
    }
}

#[test]
fn presets_and_exercises_are_checked_too() {
    let (line, _, key, message) = err("[presets.x]\ntempo = \"4010\"\nlift = \"slow\"\n");
    assert_eq!((line, key.as_deref()), (3, Some("presets.x.lift")));
    assert!(message.contains("\"manual\""), "{message}");
    let (line, _, key, message) = err("[presets.x]\nreps = 6\n");
    assert_eq!(line, 1);
    assert_eq!(key.as_deref(), Some("presets.x"));
    assert!(message.contains("missing field `tempo`"), "{message}");
    let (_, _, key, message) = err("[exercises.lunge]\nstart = \"down\"\n");
    assert_eq!(key.as_deref(), Some("exercises.lunge.start"));
    assert!(message.contains("\"lift\""), "{message}");
}

#[test]
fn the_message_carries_path_line_column_and_key() {
    let e = parse("[defaults]\nvolume = 300\n", Path::new("/x/config.toml")).expect_err("range");
    let text = e.to_string();
    assert!(
        text.starts_with("/x/config.toml:2:10: `defaults.volume`: 300 is not allowed"),
        "{text}"
    );
}

#[test]
fn a_list_or_a_date_where_a_table_belongs_says_what_belongs_there() {
    let cases = [
        (
            "[[defaults]]\nreps = 3\n",
            1,
            "defaults",
            "invalid type: sequence, expected the table [defaults], with keys like reps = 8",
        ),
        (
            "[[presets.x]]\ntempo = \"4010\"\n",
            1,
            "presets.x",
            "expected a preset table like [presets.heavy]",
        ),
        (
            "# mine\ndefaults = 1979-05-27\n",
            2,
            "defaults",
            "invalid type: date, expected the table [defaults]",
        ),
        (
            "[exercises]\nlunge = \"lower\"\n",
            2,
            "exercises.lunge",
            "expected an exercise table like [exercises.lunge], with start = \"lower\"",
        ),
    ];
    for (text, want_line, want_key, want) in cases {
        let (line, _, key, message) = err(text);
        assert_eq!(
            (line, key.as_deref()),
            (want_line, Some(want_key)),
            "{text}"
        );
        assert!(message.contains(want), "{text}: {message}");
        assert!(!message.contains("Raw"), "{text}: {message}");
    }
}

#[test]
fn a_preset_or_exercise_with_no_name_or_a_name_twice_is_refused() {
    let (line, _, _, message) = err("[presets.\"\"]\ntempo = \"4010\"\n");
    assert_eq!(line, 1);
    assert!(message.contains("[presets.\"\"] has no name"), "{message}");
    let (_, _, _, message) =
        err("[presets.Heavy]\ntempo = \"4010\"\n\n[presets.heavy]\ntempo = \"5010\"\n");
    assert!(
        message.contains("[presets.Heavy] and [presets.heavy] name the same preset"),
        "{message}"
    );
    let (_, _, _, message) = err(
        "[exercises.\"hip thrust\"]\nstart = \"lift\"\n[exercises.hip_thrust]\nstart = \"lift\"\n",
    );
    assert!(message.contains("name the same exercise"), "{message}");
    assert!(
        parse(
            "[presets.a]\ntempo = \"4010\"\n[presets.b]\ntempo = \"4010\"\n",
            Path::new("c")
        )
        .is_ok()
    );
}

#[test]
fn a_missing_tempo_or_start_says_what_to_write() {
    let (_, _, _, message) = err("[presets.x]\nreps = 6\n");
    assert!(
        message
            .ends_with("missing field `tempo`: every preset needs one, like tempo = \"4-0-1-0\""),
        "{message}"
    );
    let (_, _, _, message) = err("[exercises.lunge]\n");
    assert!(
        message.contains("start = \"lift\" or start = \"lower\""),
        "{message}"
    );
}

#[test]
fn a_key_bound_twice_or_one_that_can_never_arrive_is_refused_at_its_own_line() {
    let cases = [
        (
            "[keys]\npause = \"x\"\nquit = \"x\"\n",
            3,
            "keys.quit",
            "\"x\" is bound twice, to pause and to quit",
        ),
        (
            "[keys]\npause = \"Space\"\nnext = \"space\"\n",
            3,
            "keys.next",
            "is bound twice, to pause and to next",
        ),
        (
            "[keys]\nmute = \"m\"\nnext = [\"a\", \" \", \"A\"]\n",
            3,
            "keys.next",
            "\"A\" is bound twice, to next and to next",
        ),
        (
            "[keys]\n\nnext = \"\\n\"\n",
            3,
            "keys.next",
            "can never arrive as a key press: write \"Enter\"",
        ),
        (
            "[keys]\nnext = \"\\u0003\"\n",
            2,
            "keys.next",
            "can never arrive as a key press: Ctrl keys cannot be bound",
        ),
        (
            "# mine\n[keys]\nend_set = \"c\"\nexplode = \"x\"\n",
            4,
            "keys.explode",
            "`explode` is not something a key can do",
        ),
    ];
    for (text, line, key, says) in cases {
        let (at, _, k, message) = err(text);
        assert_eq!((at, k.as_deref()), (line, Some(key)), "{text}: {message}");
        assert!(message.contains(says), "{text}: {message}");
    }
    // Not a conflict: a built-in key given another job.
    let c = parse(
        "[keys]\nend_set = \"q\"\nquit = \"x\"\n",
        Path::new("c.toml"),
    )
    .expect("loads");
    assert_eq!(c.keys.len(), 2);
    // The keys that correct a set after it are bound like the others.
    let c = parse(
        "[keys]\nmore_reps = \"]\"\nfewer_reps = \"[\"\nfailed = [\"x\", \"F9\"]\n",
        Path::new("c.toml"),
    )
    .expect("loads");
    use crate::program::keys::{Binding, Key};
    assert_eq!(
        c.keys,
        [
            (Binding::MoreReps, Key::Char(']')),
            (Binding::FewerReps, Key::Char('[')),
            (Binding::Failed, Key::Char('x')),
            (Binding::Failed, Key::F(9)),
        ]
    );
}

#[test]
fn bytes_that_are_not_utf8_are_placed_like_any_fault() {
    let bytes = b"[defaults]\nreps = 8 # caf\xe9\n";
    match parse_bytes(bytes, Path::new("c.toml")) {
        Err(ConfigError::Invalid {
            line,
            column,
            key,
            message,
            ..
        }) => {
            assert_eq!((line, column, key), (2, 15, None));
            assert!(
                message.starts_with("byte 0xE9 is not UTF-8 text"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// Property tests over generated config files: documents built from
/// the keys and tables the loader knows, with faults of every kind
/// mixed in, and arbitrary bytes and text.
mod generated {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use proptest::strategy::Union;

    use super::super::*;
    use crate::timing::tempo::Lift;
    use crate::timing::units::fmt_secs;

    /// Generated files per property: enough that every kind of fault
    /// meets every table many times in each run.
    const CASES: u32 = 4_000;

    const PATH: &str = "/home/lifter/.config/repcadence/config.toml";

    /// Text matching `regex`, parsed once (a `&str` strategy parses it
    /// again for every value).
    fn pattern(regex: &str) -> BoxedStrategy<String> {
        proptest::string::string_regex(regex)
            .expect("a valid pattern")
            .boxed()
    }

    /// A key a table knows: its valid values (TOML text, and the value
    /// the loaded config must then hold, as [`held`] shows it), and
    /// its refused ones (TOML text, and words the refusal must have).
    #[derive(Clone)]
    struct Key {
        name: &'static str,
        valid: BoxedStrategy<(String, String)>,
        bad: BoxedStrategy<(String, String)>,
    }

    fn refused(texts: &[&str], want: &str) -> BoxedStrategy<(String, String)> {
        let want = want.to_string();
        let texts: Vec<String> = texts.iter().map(|t| (*t).to_string()).collect();
        prop::sample::select(texts)
            .prop_map(move |t| (t, want.clone()))
            .boxed()
    }

    /// Wrong types that every number key refuses.
    const NOT_NUMBERS: [&str; 6] = ["\"8\"", "true", "[1, 2]", "1979-05-27", "{ n = 1 }", "'x'"];

    fn whole(name: &'static str, lo: i64, hi: i64) -> Key {
        let want = format!("{name} is a whole number from {lo} to {hi}");
        let mut wrong: Vec<&str> = NOT_NUMBERS.to_vec();
        wrong.push("2.5");
        Key {
            name,
            valid: (lo..=hi)
                .prop_map(|n| (n.to_string(), n.to_string()))
                .boxed(),
            bad: prop_oneof![
                (hi + 1..=hi + 1_000_000).prop_map(|n| n.to_string()),
                (-1_000_000..lo).prop_map(|n| n.to_string()),
                Just(format!("{}", i64::MAX)),
                prop::sample::select(wrong).prop_map(str::to_string),
            ]
            .prop_map(move |t| (t, want.clone()))
            .boxed(),
        }
    }

    /// `ms` as TOML: a whole number of seconds, or a float.
    fn toml_secs(ms: u32, as_float: bool) -> String {
        let text = fmt_secs(ms);
        if as_float && !text.contains('.') {
            format!("{text}.0")
        } else {
            text
        }
    }

    fn seconds(name: &'static str, min_ms: u32, max_ms: u32) -> Key {
        let want = format!(
            "{name} is a number of seconds from {} to {}",
            fmt_secs(min_ms),
            fmt_secs(max_ms)
        );
        let mut wrong: Vec<&str> = NOT_NUMBERS.to_vec();
        wrong.extend(["-1", "-0.5", "0.0001", "nan", "inf", "-inf"]);
        let mut bad = vec![
            (max_ms + 1..=max_ms + 10_000_000, any::<bool>())
                .prop_map(|(ms, float)| toml_secs(ms, float))
                .boxed(),
            prop::sample::select(wrong).prop_map(str::to_string).boxed(),
        ];
        if min_ms > 0 {
            // Below the least (for explosive: under 0.1 s).
            bad.push(
                (0..min_ms, any::<bool>())
                    .prop_map(|(ms, float)| toml_secs(ms, float))
                    .boxed(),
            );
        }
        Key {
            name,
            valid: (min_ms..=max_ms, any::<bool>())
                .prop_map(|(ms, float)| (toml_secs(ms, float), ms.to_string()))
                .boxed(),
            bad: Union::new(bad).prop_map(move |t| (t, want.clone())).boxed(),
        }
    }

    fn boolean(name: &'static str) -> Key {
        Key {
            name,
            valid: any::<bool>()
                .prop_map(|b| (b.to_string(), b.to_string()))
                .boxed(),
            bad: refused(
                &["1", "0", "\"yes\"", "\"true\"", "'off'"],
                "write true or false",
            ),
        }
    }

    fn voice() -> Key {
        Key {
            name: "voice",
            valid: prop_oneof![
                refused(&["\"full\"", "true"], "full"),
                refused(&["\"counts\""], "counts"),
                refused(&["\"off\"", "false"], "off"),
            ]
            .boxed(),
            bad: refused(
                &["1", "\"yes\"", "\"Full\"", "'on'", "[true]"],
                "voice is \"full\", \"counts\" or \"off\"",
            ),
        }
    }

    fn count() -> Key {
        Key {
            name: "count",
            valid: refused(&["\"up\""], "up")
                .prop_union(refused(&["\"down\""], "down"))
                .boxed(),
            bad: refused(
                &["true", "1", "\"Up\"", "\"sideways\""],
                "count is \"up\" or \"down\"",
            ),
        }
    }

    fn tempo() -> Key {
        let spelled = prop::sample::select(vec![
            ("\"4-0-1-0\"", "4-0-1-0"),
            ("\"31X0\"", "3-1-X-0"),
            ("'2.5:0:1:0'", "2.5-0-1-0"),
            ("\"5 0 x 1\"", "5-0-X-1"),
            ("\"60/60/60/60\"", "60-60-60-60"),
        ])
        .prop_map(|(t, shown)| (t.to_string(), shown.to_string()));
        let digits = (1u32..=60, 0u32..=60, 1u32..=60, 0u32..=60)
            .prop_map(|(a, b, c, d)| (format!("\"{a}-{b}-{c}-{d}\""), format!("{a}-{b}-{c}-{d}")));
        Key {
            name: "tempo",
            valid: prop_oneof![spelled, digits].boxed(),
            bad: prop_oneof![
                refused(
                    &["\"4-0-1\"", "\"0-0-0-0\"", "\"4,0,1,0\"", "'X010'", "\"\""],
                    "is not a tempo"
                ),
                refused(
                    &["4010", "4.5", "[4, 0, 1, 0]", "true"],
                    "a tempo is text in quotes"
                ),
            ]
            .boxed(),
        }
    }

    fn description() -> Key {
        Key {
            name: "description",
            valid: pattern("[a-z0-9 ,:]{0,24}")
                .prop_map(|t| (format!("\"{t}\""), t))
                .boxed(),
            bad: refused(&["3", "true", "[\"a\"]", "2.5"], "write text in quotes"),
        }
    }

    fn lift() -> Key {
        Key {
            name: "lift",
            valid: prop_oneof![
                refused(&["\"manual\"", "\"Manual\""], "manual"),
                refused(&["\"X\"", "\"x\""], "X"),
                (0u32..=60).prop_map(|s| (s.to_string(), (s * 1000).to_string())),
            ]
            .boxed(),
            bad: prop_oneof![
                refused(&["\"slow\"", "true", "\"2\"", "[1]"], "lift is \"manual\""),
                refused(
                    &["61", "100", "-1", "60.5"],
                    "lift is a number of seconds from 0 to 60"
                ),
            ]
            .boxed(),
        }
    }

    fn start() -> Key {
        Key {
            name: "start",
            valid: refused(&["\"lift\""], "lift")
                .prop_union(refused(&["\"lower\""], "lower"))
                .boxed(),
            bad: refused(&["\"down\"", "\"Lift\"", "1", "true"], "start is \"lift\""),
        }
    }

    fn defaults_keys() -> Vec<Key> {
        vec![
            tempo(),
            whole("reps", 1, 100),
            whole("sets", 1, 50),
            seconds("rest", 0, 3_600_000),
            seconds("count_in", 0, 60_000),
            seconds("explosive", 100, 10_000),
            whole("volume", 0, 100),
            voice(),
            count(),
            boolean("ticks"),
            whole("audio_latency_ms", 0, 1000),
            boolean("colours"),
        ]
    }

    fn preset_keys() -> Vec<Key> {
        vec![
            description(),
            tempo(),
            whole("reps", 1, 100),
            whole("sets", 1, 50),
            seconds("rest", 0, 3_600_000),
            seconds("count_in", 0, 60_000),
            seconds("explosive", 100, 10_000),
            lift(),
        ]
    }

    /// What is wrong with a line, if anything.
    #[derive(Debug, Clone, PartialEq)]
    enum Problem {
        /// A known key with a value it refuses: the refusal's words.
        Value(String),
        /// A key the table does not know.
        Unknown,
    }

    /// One line of a table.
    #[derive(Debug, Clone)]
    enum Item {
        /// `key = value`, maybe with a comment after it: the value the
        /// loaded config must hold, or what is wrong.
        Entry {
            key: String,
            value: String,
            comment: bool,
            want: Result<String, Problem>,
        },
        /// The table's last entry again, word for word.
        Again,
        /// A line that is not TOML at all.
        Broken(String),
        /// A comment or a blank line.
        Filler(String),
    }

    /// Lines that no context makes valid TOML, each failing on itself.
    const BROKEN: [&str; 10] = [
        "reps = ",
        "tempo = \"4-0-1-0",
        "[defaults",
        "reps 8",
        "= 3",
        "volume = 8 8",
        "voice = tru",
        "rest = 1..5",
        "[presets.]",
        "\"sets = 3",
    ];

    /// A name no table has: a typo of a real key, or any word.
    fn unknown_name(known: Vec<&'static str>) -> BoxedStrategy<String> {
        let typo = (
            prop::sample::select(known.clone()),
            any::<prop::sample::Index>(),
            any::<bool>(),
        )
            .prop_map(|(key, at, drop)| {
                let mut chars: Vec<char> = key.chars().collect();
                let i = at.index(chars.len());
                if drop {
                    chars.remove(i);
                } else {
                    chars.insert(i, chars[i]);
                }
                chars.into_iter().collect::<String>()
            });
        prop_oneof![typo, pattern("[a-z][a-z_]{0,11}")]
            .prop_map(move |name| {
                if known.contains(&name.as_str()) || name.is_empty() {
                    format!("{name}_x")
                } else {
                    name
                }
            })
            .boxed()
    }

    /// One line of a table with `keys`; with `faults`, also refused
    /// values, unknown keys and broken lines.
    fn item(keys: Vec<Key>, faults: bool) -> BoxedStrategy<Item> {
        let known: Vec<&'static str> = keys.iter().map(|k| k.name).collect();
        let entry = |strategy: BoxedStrategy<(String, String)>, name: &'static str, ok: bool| {
            (strategy, any::<bool>())
                .prop_map(move |((value, shown), comment)| Item::Entry {
                    key: name.to_string(),
                    value,
                    comment,
                    want: if ok {
                        Ok(shown)
                    } else {
                        Err(Problem::Value(shown))
                    },
                })
                .boxed()
        };
        let valid = Union::new(keys.iter().map(|k| entry(k.valid.clone(), k.name, true)));
        let filler = prop_oneof![Just(String::new()), pattern("# [a-z =\"\\[\\]]{0,20}")]
            .prop_map(Item::Filler);
        if !faults {
            return prop_oneof![6 => valid, 1 => filler].boxed();
        }
        let bad = Union::new(keys.iter().map(|k| entry(k.bad.clone(), k.name, false)));
        let unknown = (unknown_name(known), 0u8..=100).prop_map(|(key, n)| Item::Entry {
            key,
            value: n.to_string(),
            comment: false,
            want: Err(Problem::Unknown),
        });
        let broken =
            prop::sample::select(BROKEN.to_vec()).prop_map(|l| Item::Broken(l.to_string()));
        prop_oneof![
            16 => valid,
            3 => bad,
            1 => unknown,
            1 => Just(Item::Again),
            1 => broken,
            3 => filler,
        ]
        .boxed()
    }

    /// A table header.
    #[derive(Debug, Clone)]
    enum Head {
        Defaults,
        Preset(String),
        Exercise(String),
        /// A table the file does not have.
        Unknown(String),
        /// `[[defaults]]`, `[[presets.NAME]]`: a list where a table belongs.
        List(String),
    }

    impl Head {
        fn path(&self) -> String {
            match self {
                Head::Defaults => "defaults".to_string(),
                Head::Preset(n) => format!("presets.{n}"),
                Head::Exercise(n) => format!("exercises.{n}"),
                Head::Unknown(n) | Head::List(n) => n.clone(),
            }
        }
    }

    /// A header, its lines, and whether it may repeat an earlier
    /// header (else a repeat is left out, as in a valid file).
    type Section = (Head, Vec<Item>, bool);

    fn name() -> impl Strategy<Value = String> {
        pattern("[a-z][a-z0-9]{0,5}")
    }

    fn section(faults: bool) -> BoxedStrategy<Section> {
        let items = |keys: Vec<Key>, lo: usize| prop::collection::vec(item(keys, faults), lo..6);
        let defaults = items(defaults_keys(), 0).prop_map(|i| (Head::Defaults, i));
        // A valid preset has a tempo, and a valid exercise a start,
        // first; a faulty file may leave them out.
        let required = |key: Key| {
            let valid = key.valid.clone().prop_map(move |(value, shown)| {
                vec![Item::Entry {
                    key: key.name.to_string(),
                    value,
                    comment: false,
                    want: Ok(shown),
                }]
            });
            if faults {
                prop_oneof![3 => valid, 1 => Just(Vec::new())].boxed()
            } else {
                valid.boxed()
            }
        };
        let preset = (name(), required(tempo()), items(preset_keys(), 0)).prop_map(
            |(n, mut first, rest)| {
                first.extend(rest);
                (Head::Preset(n), first)
            },
        );
        let exercise = (name(), required(start()), items(vec![start()], 0)).prop_map(
            |(n, mut first, rest)| {
                first.extend(rest);
                (Head::Exercise(n), first)
            },
        );
        if !faults {
            return prop_oneof![defaults, preset, exercise]
                .prop_map(|(head, items)| (head, items, false))
                .boxed();
        }
        let unknown = (
            unknown_name(vec!["defaults", "presets", "exercises"]),
            items(defaults_keys(), 0),
        )
            .prop_map(|(n, i)| (Head::Unknown(n), i));
        let list = (
            prop_oneof![
                Just("defaults".to_string()),
                name().prop_map(|n| format!("presets.{n}")),
                name().prop_map(|n| format!("exercises.{n}")),
            ],
            items(defaults_keys(), 0),
        )
            .prop_map(|(n, i)| (Head::List(n), i));
        let head = prop_oneof![4 => defaults, 4 => preset, 3 => exercise, 1 => unknown, 1 => list];
        (head, prop::bool::weighted(0.2))
            .prop_map(|((head, items), again)| (head, items, again))
            .boxed()
    }

    /// A fault in a generated file, where the message must place it.
    #[derive(Debug, Clone)]
    struct Fault {
        line: usize,
        /// The column, where it is certain.
        column: Option<usize>,
        /// The key the message must name, where it must name one.
        key: Option<String>,
        /// Words the message must have.
        words: Vec<String>,
        /// Found while reading the TOML, before any value is looked at.
        syntax: bool,
    }

    /// A generated file: its text, its faults, and for each valid
    /// entry the table, key and value the loaded config must hold.
    #[derive(Debug, Clone)]
    struct Doc {
        text: String,
        faults: Vec<Fault>,
        held: Vec<(Head, String, String)>,
    }

    /// Writes `items` under `head` (`None`: the top of the file),
    /// noting their faults and the values they give.
    fn put(
        lines: &mut Vec<String>,
        found: &mut Vec<Fault>,
        held: &mut Vec<(Head, String, String)>,
        head: Option<&Head>,
        items: Vec<Item>,
    ) {
        let table = head.map(Head::path);
        let mut seen = BTreeSet::new();
        // The last entry written: its key and line.
        let mut last: Option<(String, usize)> = None;
        for item in items {
            match item {
                Item::Filler(text) => lines.push(text),
                Item::Again => {
                    let Some((key, at)) = last.clone() else {
                        continue;
                    };
                    lines.push(lines[at - 1].clone());
                    found.push(Fault {
                        line: lines.len(),
                        column: Some(1),
                        key: Some(match &table {
                            Some(t) => format!("{t}.{key}"),
                            None => key,
                        }),
                        words: vec!["duplicate key".into()],
                        syntax: true,
                    });
                }
                Item::Broken(text) => {
                    lines.push(text);
                    found.push(Fault {
                        line: lines.len(),
                        column: None,
                        key: None,
                        words: Vec::new(),
                        syntax: true,
                    });
                }
                Item::Entry {
                    key,
                    value,
                    comment,
                    want,
                } => {
                    if !seen.insert(key.clone()) {
                        // Duplicates come from `Again` alone.
                        continue;
                    }
                    let tail = if comment { " # set by hand" } else { "" };
                    lines.push(format!("{key} = {value}{tail}"));
                    last = Some((key.clone(), lines.len()));
                    let line = lines.len();
                    let path = match &table {
                        Some(t) => format!("{t}.{key}"),
                        None => key.clone(),
                    };
                    let checked = matches!(
                        head,
                        Some(Head::Defaults | Head::Preset(_) | Head::Exercise(_)) | None
                    );
                    let fault = |column, words: Vec<String>, syntax| Fault {
                        line,
                        column: Some(column),
                        key: Some(path.clone()),
                        words,
                        syntax,
                    };
                    if head.is_none() {
                        // Nothing but tables belongs at the top.
                        found.push(fault(
                            1,
                            vec![
                                format!("unknown field `{key}`"),
                                "expected one of `defaults`, `presets`, `exercises`".into(),
                            ],
                            false,
                        ));
                    } else if !checked {
                    } else {
                        match want {
                            Ok(shown) => {
                                held.push((head.cloned().unwrap_or(Head::Defaults), key, shown))
                            }
                            Err(Problem::Value(words)) => {
                                found.push(fault(key.len() + 4, vec![words], false));
                            }
                            Err(Problem::Unknown) => found.push(fault(
                                1,
                                vec![
                                    format!("unknown field `{key}`, expected "),
                                    // The table's first key, among those allowed.
                                    match head {
                                        Some(Head::Preset(_)) => "`description`".into(),
                                        Some(Head::Exercise(_)) => "`start`".into(),
                                        _ => "`tempo`".into(),
                                    },
                                ],
                                false,
                            )),
                        }
                    }
                }
            }
        }
    }

    fn assemble(root: Vec<Item>, sections: Vec<Section>, faults: bool) -> Doc {
        let mut lines: Vec<String> = Vec::new();
        let mut found: Vec<Fault> = Vec::new();
        let mut held = Vec::new();
        // Tables seen so far: path, and whether as a list.
        let mut tables: Vec<(String, bool)> = Vec::new();
        // A key at the top is taken, like a table: `[key]` later is a duplicate.
        for item in &root {
            if let Item::Entry { key, .. } = item {
                tables.push((key.clone(), false));
            }
        }
        put(&mut lines, &mut found, &mut held, None, root);
        for (head, items, again) in sections {
            let path = head.path();
            let list = matches!(head, Head::List(_));
            // Whether the same header came before, and if so as a list.
            let before = tables.iter().find(|(p, _)| *p == path).map(|&(_, l)| l);
            if before.is_some() && !(faults && again) {
                continue;
            }
            lines.push(if list {
                format!("[[{path}]]")
            } else {
                format!("[{path}]")
            });
            let line = lines.len();
            let fault = |column: Option<usize>, words: Vec<String>, syntax| Fault {
                line,
                column,
                key: Some(path.clone()),
                words,
                syntax,
            };
            match before {
                // `[[x]]` again adds to the list: no fault of its own.
                Some(true) if list => {}
                Some(earlier_list) => found.push(fault(
                    // At the header's last name: `[presets.heavy]` at `heavy`.
                    Some(
                        if list { 3 } else { 2 }
                            + path
                                .rfind('.')
                                .map_or(0, |dot| path[..=dot].chars().count()),
                    ),
                    if !earlier_list && !list {
                        vec!["duplicate key".into()]
                    } else {
                        Vec::new()
                    },
                    true,
                )),
                None => tables.push((path.clone(), list)),
            }
            match &head {
                Head::Unknown(n) => found.push(fault(
                    None,
                    vec![
                        format!("unknown field `{n}`"),
                        "expected one of `defaults`, `presets`, `exercises`".into(),
                    ],
                    false,
                )),
                Head::List(n) => {
                    let what = if n == "defaults" {
                        "expected the table [defaults]"
                    } else if n.starts_with("presets.") {
                        "expected a preset table"
                    } else {
                        "expected an exercise table"
                    };
                    found.push(fault(
                        Some(1),
                        vec!["invalid type: sequence".into(), what.into()],
                        false,
                    ));
                }
                Head::Preset(_) | Head::Exercise(_) => {
                    let (required, words) = if matches!(head, Head::Preset(_)) {
                        ("tempo", "every preset needs one, like tempo = \"4-0-1-0\"")
                    } else {
                        (
                            "start",
                            "every exercise needs one: start = \"lift\" or start = \"lower\"",
                        )
                    };
                    let has = items
                        .iter()
                        .any(|i| matches!(i, Item::Entry { key, .. } if key == required));
                    if !has {
                        found.push(fault(
                            Some(1),
                            vec![format!("missing field `{required}`: {words}")],
                            false,
                        ));
                    }
                }
                Head::Defaults => {}
            }
            put(&mut lines, &mut found, &mut held, Some(&head), items);
        }
        let mut text = lines.join("\n");
        text.push('\n');
        Doc {
            text,
            faults: found,
            held,
        }
    }

    fn doc(faults: bool) -> impl Strategy<Value = Doc> {
        let root = if faults {
            prop::collection::vec(
                prop_oneof![
                    4 => prop_oneof![Just(String::new()), pattern("# [a-z ]{0,20}")].prop_map(Item::Filler),
                    1 => (
                        prop::sample::select(vec!["volume", "reps", "tempo", "preset", "exercise"]),
                        0u8..=100,
                    )
                        .prop_map(|(key, n)| Item::Entry {
                            key: key.to_string(),
                            value: n.to_string(),
                            comment: false,
                            want: Err(Problem::Unknown),
                        }),
                ],
                0..3,
            )
            .boxed()
        } else {
            prop::collection::vec(pattern("# [a-z ]{0,20}").prop_map(Item::Filler), 0..3).boxed()
        };
        (root, prop::collection::vec(section(faults), 0..6))
            .prop_map(move |(root, sections)| assemble(root, sections, faults))
    }

    /// What the loaded config holds for `key` of the table `head`, shown
    /// as the generator shows it.
    fn held(config: &Config, head: &Head, key: &str) -> Option<String> {
        let session = |args: &Layer| match key {
            "tempo" => args.tempo.map(|t| t.to_string()),
            "reps" => args.reps.map(|v| v.to_string()),
            "sets" => args.sets.map(|v| v.to_string()),
            "rest" => args.rest.map(|v| v.to_string()),
            "count_in" => args.count_in.map(|v| v.to_string()),
            "explosive" => args.explosive.map(|v| v.to_string()),
            "lift" => args.lift.map(|l| match l {
                Lift::Manual => "manual".to_string(),
                Lift::Explosive => "X".to_string(),
                Lift::Partner => "P".to_string(),
                Lift::Ms(ms) => ms.to_string(),
            }),
            _ => None,
        };
        let s = &config.preferences;
        match head {
            Head::Defaults => match key {
                "volume" => Some(s.volume.to_string()),
                "voice" => Some(s.voice.to_string()),
                "count" => Some(s.count.to_string()),
                "ticks" => Some(s.ticks.to_string()),
                "colours" => Some(s.colours.to_string()),
                "audio_latency_ms" => Some(s.audio_latency_ms.to_string()),
                "explosive" => {
                    let both = session(&config.defaults)?;
                    (both == s.explosive_ms.to_string()).then_some(both)
                }
                _ => session(&config.defaults),
            },
            Head::Preset(name) => {
                let p = config.presets.iter().find(|p| p.name == *name)?;
                match key {
                    "description" => Some(p.description.clone()),
                    _ => session(&p.values),
                }
            }
            Head::Exercise(name) => {
                let e = config.exercises.iter().find(|e| e.name == *name)?;
                (key == "start").then(|| e.start.word().replace("lowering", "lower"))
            }
            Head::Unknown(_) | Head::List(_) => None,
        }
    }

    /// Checks that `err`, for `text`, names the file and a place in it
    /// that exists, and is a message a person can act on.
    fn well_placed(text: &str, err: &ConfigError) -> Result<(), TestCaseError> {
        let ConfigError::Invalid {
            path,
            line,
            column,
            key,
            message,
            ..
        } = err
        else {
            return Err(TestCaseError::fail(format!(
                "not a fault in the file: {err:?}"
            )));
        };
        prop_assert_eq!(path, Path::new(PATH));
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            *line >= 1 && *line <= lines.len(),
            "line {} of {}",
            line,
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        prop_assert!(
            *column >= 1 && *column <= width + 1,
            "column {} of {}",
            column,
            width
        );
        let shown = err.to_string();
        prop_assert!(
            shown.starts_with(&format!("{PATH}:{line}:{column}: ")),
            "{}",
            shown
        );
        if let Some(key) = key {
            prop_assert!(!key.is_empty());
            prop_assert!(shown.contains(&format!(": `{key}`: ")), "{}", shown);
        }
        prop_assert!(!message.trim().is_empty(), "{}", shown);
        for internal in ["Raw", "Tabled", "$__toml", "expected a map", "struct "] {
            prop_assert!(!message.contains(internal), "{}", shown);
        }
        prop_assert!(
            shown.ends_with("writes a commented example of every key"),
            "{}",
            shown
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
        cases: CASES,
        // ChaCha, the default, unoptimised in a debug build, takes
        // most of the time; the cases need no cryptographic randomness.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

        #[test]
        fn a_file_of_valid_keys_loads_with_every_value_it_gives(doc in doc(false)) {
            prop_assert!(doc.faults.is_empty());
            let config = parse(&doc.text, Path::new(PATH))
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}", doc.text)))?;
            for (head, key, want) in &doc.held {
                let got = held(&config, head, key);
                prop_assert_eq!(got.as_deref(), Some(want.as_str()), "{:?} {}\n{}", head, key, doc.text);
            }
            // The same file read from disk, as bytes, loads the same.
            prop_assert_eq!(parse_bytes(doc.text.as_bytes(), Path::new(PATH)), Ok(config));
        }

        #[test]
        fn a_faulty_file_is_refused_naming_a_fault_its_place_and_key(doc in doc(true)) {
            let result = parse(&doc.text, Path::new(PATH));
            prop_assert_eq!(&parse_bytes(doc.text.as_bytes(), Path::new(PATH)), &result);
            if doc.faults.is_empty() {
                prop_assert!(result.is_ok(), "{:?}\n{}", result, doc.text);
                return Ok(());
            }
            let err = match result {
                Ok(_) => return Err(TestCaseError::fail(format!(
                    "loaded despite {:?}\n{}", doc.faults, doc.text
                ))),
                Err(e) => e,
            };
            well_placed(&doc.text, &err)?;
            let ConfigError::Invalid { line, column, key, message, .. } = &err else {
                unreachable!("well_placed checked it");
            };
            let named = doc.faults.iter().filter(|f| f.line == *line).find(|f| {
                f.column.is_none_or(|c| c == *column)
                    && f.key.as_ref().is_none_or(|k| key.as_ref() == Some(k))
                    && f.words.iter().all(|w| message.contains(w.as_str()))
            });
            let Some(named) = named else {
                return Err(TestCaseError::fail(format!(
                    "{err}\nnames none of {:?}\n{}", doc.faults, doc.text
                )));
            };
            // The TOML is read whole before any value is looked at.
            if doc.faults.iter().any(|f| f.syntax) {
                prop_assert!(named.syntax, "{}\n{:?}\n{}", err, doc.faults, doc.text);
            }
        }

        #[test]
        fn a_table_written_as_a_value_is_refused_saying_what_belongs_there(
            (table, what) in prop::sample::select(vec![
                ("defaults", "expected the table [defaults], with keys like reps = 8"),
                ("presets", "expected preset tables like [presets.heavy]"),
                ("exercises", "expected exercise tables like [exercises.lunge]"),
                ("presets.heavy", "expected a preset table like [presets.heavy]"),
                ("exercises.lunge", "expected an exercise table like [exercises.lunge]"),
            ]),
            value in prop::sample::select(vec!["3", "2.5", "true", "\"x\"", "[1, 2]", "[]", "1979-05-27"]),
        ) {
            let text = format!("# mine\n{table} = {value}\n");
            let err = parse(&text, Path::new(PATH)).expect_err("a value where a table belongs");
            well_placed(&text, &err)?;
            let ConfigError::Invalid { line, key, message, .. } = &err else {
                unreachable!("well_placed checked it");
            };
            prop_assert_eq!(*line, 2);
            prop_assert_eq!(key.as_deref(), Some(table));
            prop_assert!(message.starts_with("invalid type: "), "{}", message);
            prop_assert!(message.contains(what), "{}", message);
        }

        #[test]
        fn arbitrary_bytes_never_panic_and_a_refusal_is_placed_in_the_file(
            bytes in prop_oneof![
                prop::collection::vec(any::<u8>(), 0..200),
                // A file of valid lines with one byte that is not UTF-8.
                (doc(false), any::<prop::sample::Index>(), 0x80u8..=0xFF).prop_map(
                    |(doc, at, byte)| {
                        let mut bytes = doc.text.into_bytes();
                        bytes.insert(at.index(bytes.len() + 1), byte);
                        bytes
                    }
                ),
            ]
        ) {
            match parse_bytes(&bytes, Path::new(PATH)) {
                Ok(_) => prop_assert!(std::str::from_utf8(&bytes).is_ok()),
                Err(e) => {
                    let text = String::from_utf8_lossy(&bytes);
                    well_placed(&text, &e)?;
                    if let Err(bad) = std::str::from_utf8(&bytes) {
                        let ConfigError::Invalid { line, message, .. } = &e else {
                            unreachable!("well_placed checked it");
                        };
                        let before = &bytes[..bad.valid_up_to()];
                        let want = before.iter().filter(|&&b| b == b'\n').count() + 1;
                        prop_assert_eq!(*line, want);
                        prop_assert!(message.contains("is not UTF-8 text"), "{}", message);
                    }
                }
            }
        }

        #[test]
        fn toml_like_text_never_panics_and_a_refusal_is_placed_in_the_file(
            text in "[a-z_\\[\\]=\"'.#,{}0-9 \t\n-]{0,120}|\\PC{0,60}"
        ) {
            if let Err(e) = parse(&text, Path::new(PATH)) {
                well_placed(&text, &e)?;
            }
        }

        #[test]
        fn the_example_with_one_slip_never_panics_and_is_refused_in_place(
            at in any::<prop::sample::Index>(),
            cut in 0usize..4,
            slip in "[\\[\\]=\"'#.,{}a-z0-9 \n-]?",
        ) {
            let chars: Vec<char> = example().chars().collect();
            let i = at.index(chars.len());
            let end = (i + cut).min(chars.len());
            let text: String = chars[..i]
                .iter()
                .chain(slip.chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect();
            if let Err(e) = parse(&text, Path::new(PATH)) {
                well_placed(&text, &e)?;
            }
        }
    }
}
