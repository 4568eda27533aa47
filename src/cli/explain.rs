//! clap's errors with the program's own tips, where it knows better, and
//! a word given where the tempo goes taken for the subcommand it may have
//! meant.

use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::cli::args::Cli;
use crate::timing::tempo::Tempo;

/// clap's error `e` for the command line `args` (program name first), with
/// a tip of the program's own in place of clap's where it knows better:
///
/// - a negative number after an option that takes a value: clap reads it
///   as an option and suggests `-- -3`, which would make it the tempo; the
///   tip says what the option takes instead;
/// - an option of other commands than the one given (`plan --volume 50`):
///   clap suggests passing it as a value, or a similar option of this
///   command (`--chart` on a session: `--start`); the tip says where it
///   belongs. A typo of this command's own option (`--rep`) keeps clap's
///   suggestion.
pub(crate) fn explain(mut e: clap::Error, cmd: &clap::Command, args: &[OsString]) -> clap::Error {
    if e.kind() != ErrorKind::UnknownArgument {
        return e;
    }
    let Some(ContextValue::String(bad)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    if let Some(tip) = option_meant(bad) {
        // Not clap's `-- --tempo`, which would make it the tempo itself.
        e.remove(ContextKind::SuggestedArg);
        e.remove(ContextKind::TrailingArg);
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
        return e;
    }
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let tip = if e.get(ContextKind::SuggestedArg).is_some() {
        let tip = option_elsewhere(bad, cmd, &args);
        if tip.is_some() {
            // clap's usage line is the similar option's: the command's own.
            e.remove(ContextKind::SuggestedArg);
            e.insert(
                ContextKind::Usage,
                ContextValue::StyledStr(usage_of_given(cmd, &args)),
            );
        }
        tip
    } else {
        negative_value(bad, cmd, &args).or_else(|| option_elsewhere(bad, cmd, &args))
    };
    if let Some(tip) = tip {
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    e
}

/// The option a lifter may have meant by `bad`, an option this program
/// does not have (`--tempo`, `--weight`), with how to say it.
fn option_meant(bad: &str) -> Option<String> {
    let name = bad.strip_prefix("--")?.split('=').next()?;
    Some(match name {
        "tempo" => "the tempo is given on its own, without an option: \
                    `repcadence 4-0-1-0` (or `repcadence plan 4-0-1-0`)"
            .to_string(),
        "weight" | "kg" | "lb" | "lbs" | "kilos" => {
            format!("the weight is --load: `--load 80kg` or `--load 175lb` (not --{name})")
        }
        _ => return None,
    })
}

/// What a TEMPO that reads like something else was meant as, with how to
/// say it: sets × reps (`3x6`), reps to failure (`8+`), or an exercise
/// (`deadlift`, when `known` says it is one).
pub(crate) fn meant_for_a_tempo(text: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let word = text.trim();
    let err = word.parse::<Tempo>().err()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let tip = if let Some((sets, reps)) = word
        .split_once(['x', 'X', '×'])
        .filter(|(a, b)| digits(a.trim()) && digits(b.trim().trim_end_matches('+')))
    {
        format!(
            "\"{word}\" reads like sets × reps: give them as --sets {} --reps {}",
            sets.trim(),
            reps.trim()
        )
    } else if word.strip_suffix('+').is_some_and(digits) {
        format!("\"{word}\" reads like reps to failure: give it as --reps {word}")
    } else if known(word) {
        format!("to name the exercise: --exercise {}", shell_safe(word))
    } else {
        return None;
    };
    Some(format!("{err}\n\n  tip: {tip}"))
}

/// `text` as one shell word (in double quotes if it has a space).
fn shell_safe(text: &str) -> String {
    if text.contains(char::is_whitespace) {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

/// What the option before the negative number `bad` takes, from its own
/// value parser.
fn negative_value(bad: &str, cmd: &clap::Command, args: &[String]) -> Option<String> {
    bad.strip_prefix('-')?.parse::<f64>().ok()?;
    // clap names `-2` of `-2.5`: the value is the argument it begins.
    let negative = |a: &str| {
        a.starts_with(bad)
            && a.strip_prefix('-')
                .is_some_and(|n| n.parse::<f64>().is_ok())
    };
    let at = args.iter().position(|a| negative(a))?;
    let (option, value) = (args.get(at.checked_sub(1)?)?, &args[at]);
    if !option.starts_with('-') || option.contains('=') {
        return None;
    }
    let mut joined = args.to_vec();
    joined[at - 1] = format!("{option}={value}");
    joined.remove(at);
    let err = cmd.clone().try_get_matches_from(joined).err()?;
    let about_it = matches!(
        err.get(ContextKind::InvalidArg),
        Some(ContextValue::String(arg)) if arg.split(' ').next() == Some(option.as_str())
    );
    if err.kind() != ErrorKind::ValueValidation || !about_it {
        return None;
    }
    let why = std::error::Error::source(&err)?;
    Some(format!("{option} takes no negative number: {why}"))
}

/// The usage line of the subcommand in `args`, or of a session.
fn usage_of_given(cmd: &clap::Command, args: &[String]) -> clap::builder::StyledStr {
    let mut built = cmd.clone();
    built.build();
    let given = args
        .iter()
        .skip(1)
        .find_map(|a| cmd.find_subcommand(a).map(|c| c.get_name().to_string()));
    match given.and_then(|name| built.find_subcommand_mut(name)) {
        Some(sub) => sub.render_usage(),
        None => built.render_usage(),
    }
}

/// Where the unknown option `bad` belongs, if another command has it.
fn option_elsewhere(bad: &str, cmd: &clap::Command, args: &[String]) -> Option<String> {
    let name = bad.strip_prefix("--")?.split('=').next()?;
    let given = args.iter().skip(1).find_map(|a| cmd.find_subcommand(a));
    let has = |c: &clap::Command| {
        c.get_arguments()
            .any(|a| a.get_long() == Some(name) && !a.is_global_set())
    };
    let mut places = Vec::new();
    if given.is_some() && has(cmd) {
        places.push("a session (no subcommand)".to_string());
    }
    for sub in cmd.get_subcommands() {
        if given.map(clap::Command::get_name) != Some(sub.get_name()) && has(sub) {
            places.push(format!("`repcadence {}`", sub.get_name()));
        }
    }
    let here = given.map_or("a session".to_string(), |c| {
        format!("`repcadence {}`", c.get_name())
    });
    let (last, rest) = places.split_last()?;
    let places = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(format!("--{name} is an option of {places}, not of {here}"))
}

/// For a TEMPO that is a word (`repcadence plna`): the tempo's error, and
/// the subcommand it may have been meant as, or the list of them.
pub(crate) fn word_for_a_tempo(text: &str) -> Option<String> {
    let word = text.trim();
    let letters = word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    let not_x = word.chars().filter(|c| !c.eq_ignore_ascii_case(&'x'));
    if !letters || not_x.filter(char::is_ascii_alphabetic).count() < 2 {
        return None;
    }
    let err = text.parse::<Tempo>().err()?;
    let cmd = Cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
    let lower = word.to_ascii_lowercase();
    let near = names
        .iter()
        .map(|n| (strsim::levenshtein(n, &lower), *n))
        .filter(|&(d, n)| d <= 2 || (lower.len() >= 3 && n.starts_with(&lower)))
        .min();
    let tip = match near {
        Some((_, name)) => format!("a similar subcommand exists: `repcadence {name}`"),
        None => format!(
            "\"{word}\" is not a subcommand either: they are {}",
            names.join(", ")
        ),
    };
    Some(format!("{err}\n\n  tip: {tip}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error clap gives for `args`, with the program's tip.
    fn explained(args: &[&str]) -> String {
        let args: Vec<OsString> = std::iter::once("repcadence")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        let cmd = Cli::command();
        let err = cmd
            .clone()
            .try_get_matches_from(&args)
            .expect_err("bad arguments");
        explain(err, &cmd, &args).to_string()
    }

    #[test]
    fn a_negative_number_gets_what_the_option_takes_not_clap_s_double_dash() {
        let cases: [(&[&str], &str); 5] = [
            (
                &["plan", "--reps", "-3"],
                "--reps takes no negative number: -3 is not in 1..=100",
            ),
            (
                &["--count-in", "-1"],
                "--count-in takes no negative number: \"-1\" is negative",
            ),
            (
                &["--rest", "-2.5"],
                "\"-2.5\" is negative: give seconds like 3",
            ),
            (
                &["journal", "--sleep", "-1", "--soreness", "2"],
                "-1 is not in 1..=5",
            ),
            (&["--volume", "-10"], "-10 is not in 0..=100"),
        ];
        for (args, want) in cases {
            let text = explained(args);
            assert!(text.contains("unexpected argument"), "{args:?}: {text}");
            assert!(text.contains("tip: --"), "{args:?}: {text}");
            assert!(text.contains(want), "{args:?}: {text}");
            assert!(!text.contains("use '-- -"), "{args:?}: {text}");
        }
        // A value that an option takes as text is left to clap.
        assert!(explained(&["plan", "-p", "-3"]).contains("use '-- -3'"));
    }

    #[test]
    fn an_option_of_another_command_says_where_it_belongs() {
        let text = explained(&["render", "--json"]);
        assert!(
            text.contains(
                "tip: --json is an option of `repcadence plan`, not of `repcadence render`"
            ),
            "{text}"
        );
        let text = explained(&["log", "--volume", "50"]);
        assert!(
            text.contains(
                "tip: --volume is an option of a session (no subcommand), `repcadence plan` and \
                 `repcadence render`, not of `repcadence log`"
            ),
            "{text}"
        );
        let text = explained(&["--json"]);
        assert!(
            text.contains("tip: --json is an option of `repcadence plan`, not of a session"),
            "{text}"
        );
        // clap finds --start like --chart; that it is log's is what helps.
        let text = explained(&["--chart", "bars"]);
        assert!(
            text.contains("tip: --chart is an option of `repcadence log`, not of a session"),
            "{text}"
        );
        assert!(!text.contains("--start"), "{text}");
        assert!(
            text.contains("Usage: repcadence [OPTIONS] [TEMPO] [COMMAND]"),
            "{text}"
        );
        let text = explained(&["plan", "--chart", "bars"]);
        assert!(
            text.contains(
                "tip: --chart is an option of `repcadence log`, not of `repcadence plan`"
            ) && text.contains("Usage: repcadence plan [OPTIONS] [TEMPO]"),
            "{text}"
        );
        // A typo keeps clap's own suggestion; an option nowhere keeps clap's tip.
        assert!(explained(&["plan", "--rep", "5"]).contains("a similar argument exists: '--reps'"));
        assert!(explained(&["--frobnicate"]).contains("use '-- --frobnicate'"));
    }

    /// A word of a command line: real subcommands and options, numbers
    /// with and without a sign, and any text.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let real = prop::sample::select(vec![
            "plan",
            "render",
            "log",
            "journal",
            "config",
            "init",
            "--reps",
            "--rest",
            "--lift",
            "--count-in",
            "-p",
            "--volume",
            "--json",
            "--csv",
            "-o",
            "--",
            "--sets",
            "--color",
            "--audio-latency",
            "--soreness",
        ]);
        prop_oneof![
            3 => real.prop_map(str::to_string),
            2 => "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
            1 => "-?\\PC{0,4}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 2_000,
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn explaining_any_bad_command_line_never_panics_nor_changes_the_error(
            words in proptest::collection::vec(word(), 0..5)
        ) {
            let args: Vec<OsString> = std::iter::once("repcadence".to_string())
                .chain(words)
                .map(OsString::from)
                .collect();
            let cmd = Cli::command();
            if let Err(e) = cmd.clone().try_get_matches_from(&args) {
                let (kind, before) = (e.kind(), e.to_string());
                let after = explain(e, &cmd, &args);
                proptest::prop_assert_eq!(after.kind(), kind);
                let after = after.to_string();
                // The headline is clap's, whatever the tip.
                let headline = |t: &str| t.lines().next().map(str::to_string);
                proptest::prop_assert_eq!(headline(&after), headline(&before));
            }
        }
    }

    #[test]
    fn a_word_for_a_tempo_names_the_subcommand_it_may_have_meant() {
        let text = word_for_a_tempo("plna").expect("a word");
        assert!(text.starts_with("\"plna\" is not a tempo"), "{text}");
        assert!(
            text.ends_with("tip: a similar subcommand exists: `repcadence plan`"),
            "{text}"
        );
        let text = word_for_a_tempo("journl").expect("a word");
        assert!(text.ends_with("`repcadence journal`"), "{text}");
        let text = word_for_a_tempo("frobnicate").expect("a word");
        assert!(
            text.ends_with(
                "not a subcommand either: they are plan, render, presets, exercises, \
                 workouts, config, log, journal, doctor, completions, man"
            ),
            "{text}"
        );
        for not_a_word in ["4-0-1", "31X0", "xx", "4010", "a1b2"] {
            assert_eq!(word_for_a_tempo(not_a_word), None, "{not_a_word}");
        }
    }
}
