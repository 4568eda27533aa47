//! Terminal conventions: when to use colour (`--color`, `NO_COLOR`, the
//! config file's `colours`), pure so that every view decides the same way.

use std::ffi::{OsStr, OsString};

pub use clap::ColorChoice;

/// Whether to draw in colour.
///
/// `--color always` and `--color never` decide on their own (a choice made
/// on the command line wins over the environment and the config file, as
/// <https://no-color.org> asks). With `auto`, colour is used only when the
/// output is a terminal, `NO_COLOR` is unset or empty, and the config
/// file's `colours` is on.
#[must_use]
pub(crate) fn use_colour(
    flag: ColorChoice,
    no_color_env: Option<&OsStr>,
    is_terminal: bool,
    config_colours: bool,
) -> bool {
    match flag {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = no_color_env.is_some_and(|v| !v.is_empty());
            is_terminal && !no_color && config_colours
        }
    }
}

/// The `--color` choice in raw arguments (the last one given), before
/// clap has parsed them, so that clap's own help and errors follow it.
/// `None` if absent or not one of `auto`, `always`, `never` (clap then
/// reports the bad value itself). Arguments after `--` are not options.
pub(crate) fn color_in_args<I, T>(args: I) -> Option<ColorChoice>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let mut choice = None;
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str().map(str::to_owned) else {
            continue;
        };
        let value = if arg == "--" {
            break;
        } else if arg == "--color" {
            args.next().and_then(|v| v.to_str().map(str::to_owned))
        } else if let Some(v) = arg.strip_prefix("--color=") {
            Some(v.to_owned())
        } else {
            continue;
        };
        choice = match value.as_deref() {
            Some("auto") => Some(ColorChoice::Auto),
            Some("always") => Some(ColorChoice::Always),
            Some("never") => Some(ColorChoice::Never),
            _ => choice,
        };
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_and_never_win_over_everything() {
        for env in [None, Some(OsStr::new("1")), Some(OsStr::new(""))] {
            for tty in [false, true] {
                for config in [false, true] {
                    assert!(use_colour(ColorChoice::Always, env, tty, config));
                    assert!(!use_colour(ColorChoice::Never, env, tty, config));
                }
            }
        }
    }

    #[test]
    fn auto_needs_a_terminal_no_no_color_and_colours_on() {
        let auto = |env: Option<&str>, tty, config| {
            use_colour(ColorChoice::Auto, env.map(OsStr::new), tty, config)
        };
        assert!(auto(None, true, true));
        assert!(!auto(None, false, true), "piped");
        assert!(!auto(Some("1"), true, true), "NO_COLOR=1");
        assert!(!auto(Some("0"), true, true), "any non-empty value counts");
        assert!(auto(Some(""), true, true), "an empty NO_COLOR is unset");
        assert!(!auto(None, true, false), "colours = false in the config");
    }

    #[test]
    fn the_color_option_is_found_before_parsing() {
        let find = |args: &[&str]| color_in_args(args.iter().copied());
        assert_eq!(find(&["repcadence", "plan"]), None);
        assert_eq!(
            find(&["repcadence", "--color", "never", "plan"]),
            Some(ColorChoice::Never)
        );
        assert_eq!(
            find(&["repcadence", "plan", "--color=always"]),
            Some(ColorChoice::Always)
        );
        assert_eq!(
            find(&["repcadence", "--color=never", "--color", "auto"]),
            Some(ColorChoice::Auto),
            "the last one wins, as in clap"
        );
        assert_eq!(find(&["repcadence", "--color", "pink"]), None);
        assert_eq!(find(&["repcadence", "--", "--color=never"]), None);
        assert_eq!(find(&["repcadence", "--color"]), None);
    }
}
