//! Shell completions and the manual page, both generated from the clap
//! definition in [`crate::cli::args`] so they never fall behind the options.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};

use crate::cli::args::{Cli, EXAMPLES};

/// The binary's name, as completions and the manual call it.
pub(crate) const BIN: &str = "repcadence";

/// The manual's date, in its header: when its text last changed.
const MAN_DATE: &str = "2026-11-22";

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, BIN, out);
}

/// Roff with every line that starts a section (`.SH …`) removed, so that
/// a subcommand's synopsis and options can sit inside one section.
fn without_section_headers(
    render: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> io::Result<String> {
    let mut buf = Vec::new();
    render(&mut buf)?;
    let text = String::from_utf8(buf).map_err(io::Error::other)?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with(".SH"))
        .map(|l| format!("{l}\n"))
        .collect())
}

/// The manual page, `repcadence(1)`, as roff: the options, each
/// subcommand with its own options, examples, exit status, environment
/// and files.
pub(crate) fn man_page(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = Man::new(cmd.clone()).date(MAN_DATE).manual("User Commands");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    let mut commands = Roff::new();
    commands.control("SH", ["COMMANDS"]);
    out.write_all(commands.render().as_bytes())?;
    let top: Vec<_> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let session = Cli::command()
        .find_subcommand("plan")
        .map(|plan| {
            plan.get_arguments()
                .map(|a| a.get_id().clone())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    for sub in cmd.get_subcommands_mut() {
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let mut head = Roff::new();
        head.control("SS", [sub.get_name()])
            .text([bold(usage)])
            .control("PP", []);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            for line in about.to_string().lines() {
                if line.trim().is_empty() {
                    head.control("PP", []);
                } else {
                    head.text([roman(line)]);
                }
            }
        }
        let shares_session = sub
            .get_arguments()
            .any(|a| session.contains(a.get_id()) && !a.is_global_set() && a.get_id() != "help");
        if shares_session {
            head.control("PP", []).text([roman(
                "It takes the session options above (TEMPO, --preset, --reps, --sets, …).",
            )]);
        }
        for nested in sub.get_subcommands() {
            let text = nested
                .get_about()
                .map(ToString::to_string)
                .unwrap_or_default();
            head.control("TP", [])
                .text([bold(format!(
                    "{BIN} {} {}",
                    sub.get_name(),
                    nested.get_name()
                ))])
                .text([roman(text)]);
        }
        out.write_all(head.render().as_bytes())?;
        // The options shared with a session are described once, above.
        let own = sub.clone().mut_args(|a| {
            if top.contains(a.get_id()) {
                a.hide(true)
            } else {
                a
            }
        });
        if own
            .get_arguments()
            .any(|a| !a.is_hide_set() && !a.is_positional() || a.get_id() == "shell")
        {
            let page = Man::new(own);
            out.write_all(without_section_headers(|w| page.render_options_section(w))?.as_bytes())?;
        }
    }

    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (what, how) in EXAMPLES {
        roff.control("TP", [])
            .text([roman(*what)])
            .text([bold(*how)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "The session or command finished."),
        (
            "1",
            "A failure while running: a file that could not be written or read, \
             output that could not be written (--help and --version too), or \
             standard input that ended, or was not lines, while a partner's lift \
             waited for Enter.",
        ),
        (
            "2",
            "Bad usage: an unknown option, a value out of range, a bad tempo, \
             a bad config file, or a file in the way (render without --force).",
        ),
        (
            "128+N",
            "A session stopped by signal N: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP, \
             131 for Ctrl-\\ (SIGQUIT).",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(code)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (var, meaning) in [
        (
            "NO_COLOR",
            "If set and not empty, no colour with --color auto (the default).",
        ),
        (
            "RUST_LOG",
            "Filters the diagnostics written by --debug-log PATH, e.g. \
             repcadence=trace or warn (default: debug). Without --debug-log \
             nothing is logged.",
        ),
        (
            "XDG_CONFIG_HOME, XDG_DATA_HOME",
            "Where the config file and the training log live on Linux \
             (default ~/.config and ~/.local/share).",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(var)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["FILES"]);
    for (file, meaning) in [
        (
            "~/.config/repcadence/config.toml",
            "The config file on Linux (repcadence config path prints it on every \
             platform; repcadence config init writes a commented example).",
        ),
        (
            "~/.local/share/repcadence/training-log.csv",
            "The training log on Linux, one row per set; journal.csv beside it.",
        ),
    ] {
        roff.control("TP", [])
            .text([italic(file)])
            .text([roman(meaning)]);
    }
    roff.control("SH", ["VERSION"]);
    roff.text([roman(format!("{BIN} {}", env!("CARGO_PKG_VERSION")))]);
    out.write_all(roff.render().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        let mut buf = Vec::new();
        man_page(&mut buf).expect("render");
        String::from_utf8(buf).expect("utf-8")
    }

    #[test]
    fn the_page_has_every_section_and_subcommand() {
        let page = page();
        assert!(
            page.contains("\n.TH repcadence 1 2026-11-22 \"repcadence 0.1.0\" \"User Commands\"\n"),
            "{}",
            &page[..120]
        );
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXAMPLES",
            "\"EXIT STATUS\"",
            "ENVIRONMENT",
            "FILES",
            "VERSION",
        ] {
            assert!(page.contains(&format!(".SH {section}\n")), "{section}");
        }
        for sub in [
            "plan",
            "render",
            "presets",
            "log",
            "journal",
            "doctor",
            "completions",
            "man",
        ] {
            assert!(page.contains(&format!(".SS {sub}\n")), "{sub}");
        }
        assert!(page.contains("\\-\\-reps"), "options are listed");
        assert!(
            page.contains("\\-\\-soreness"),
            "a subcommand's own options too"
        );
        assert_eq!(
            page.matches(".SH ").count(),
            10,
            "subcommands add no sections of their own"
        );
    }

    #[test]
    fn every_shell_gets_a_completion_script() {
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let mut buf = Vec::new();
            completions(shell, &mut buf);
            let text = String::from_utf8(buf).expect("utf-8");
            assert!(text.contains("plan") && text.contains("reps"), "{shell}");
        }
    }
}
