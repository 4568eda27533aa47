//! The config file's `[keys]`: which key does what in the full-screen
//! view, for a foot pedal that sends one fixed key or a remote whose
//! buttons send others. Read here into typed bindings ([`Binding`],
//! [`Key`]), each fault refused at its line; the view maps a [`Key`] to
//! the terminal's key codes.

/// What a key can be bound to in `[keys]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Binding {
    /// Pause or resume.
    Pause,
    /// Next: the partner has lifted, or skip this phase (end a rest).
    Next,
    /// The set ends here (failure).
    EndSet,
    /// Start the set again.
    Restart,
    /// Lower 0.5 s longer.
    Longer,
    /// Lower 0.5 s shorter.
    Shorter,
    /// Mute or unmute.
    Mute,
    /// The key help.
    Help,
    /// Ask to quit (a second `q` leaves).
    Quit,
    /// After a set, before the next: one rep more than logged.
    MoreReps,
    /// After a set, before the next: one rep fewer than logged.
    FewerReps,
    /// After a set, before the next: it was (or was not) to failure.
    Failed,
}

impl Binding {
    /// Every binding with its name in `[keys]`, as the help lists them.
    pub const ALL: [(Binding, &'static str); 12] = [
        (Binding::Pause, "pause"),
        (Binding::Next, "next"),
        (Binding::EndSet, "end_set"),
        (Binding::Restart, "restart"),
        (Binding::Longer, "longer"),
        (Binding::Shorter, "shorter"),
        (Binding::Mute, "mute"),
        (Binding::Help, "help"),
        (Binding::Quit, "quit"),
        (Binding::MoreReps, "more_reps"),
        (Binding::FewerReps, "fewer_reps"),
        (Binding::Failed, "failed"),
    ];

    /// The binding named `name` in `[keys]`.
    pub fn named(name: &str) -> Option<Binding> {
        Binding::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(b, _)| *b)
    }
}

/// A correction to the set just logged, made in the rest after it (or on
/// the summary after the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// One rep more.
    MoreReps,
    /// One rep fewer.
    FewerReps,
    /// These many reps (`reps N` in `--plain`).
    Reps(u16),
    /// This load, as typed (`load 82.5kg` in `--plain`).
    Load(String),
    /// To failure, or not: toggled.
    Failed,
}

/// A key as `[keys]` names it, with no terminal library behind it: a
/// character (a letter without its case; `Space` is `' '`) or a key's
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A character key.
    Char(char),
    /// Page Down (a presentation remote's "next").
    PageDown,
    /// Page Up (a presentation remote's "back").
    PageUp,
    /// Escape.
    Esc,
    /// Enter.
    Enter,
    /// Tab.
    Tab,
    /// The arrow keys.
    Up,
    /// The arrow keys.
    Down,
    /// The arrow keys.
    Left,
    /// The arrow keys.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// F1 to F12.
    F(u8),
}

/// Keys known by name (besides any one character).
pub(crate) const KEY_NAMES: [&str; 13] = [
    "PageDown", "PageUp", "Esc", "Enter", "Space", "Tab", "Up", "Down", "Left", "Right", "Home",
    "End", "F1-F12",
];

impl Key {
    /// The key written `name`: one character (`f`, `.`; a letter in either
    /// case), or a key's name in any case (`PageDown`, `pgdn`, `F5`,
    /// `Space`…); `None` for anything else.
    pub fn named(name: &str) -> Option<Key> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Key::Char(c.to_ascii_lowercase()));
        }
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "pagedown" | "pgdn" => Key::PageDown,
            "pageup" | "pgup" => Key::PageUp,
            "esc" | "escape" => Key::Esc,
            "enter" | "return" => Key::Enter,
            "space" => Key::Char(' '),
            "tab" => Key::Tab,
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "home" => Key::Home,
            "end" => Key::End,
            f if f.starts_with('f') => {
                Key::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        })
    }
}

/// Whether `name` names a key ([`Key::named`]).
pub(crate) fn is_key(name: &str) -> bool {
    Key::named(name).is_some()
}

/// Checks one `[keys]` entry: `binding = "key"` or `binding = ["key", …]`;
/// the bindings it makes, or what is allowed.
pub fn check(name: &str, keys: &toml::Value) -> Result<Vec<(Binding, String)>, String> {
    let Some(binding) = Binding::named(name) else {
        return Err(format!(
            "`{name}` is not something a key can do: use one of {}",
            Binding::ALL.map(|(_, n)| n).join(", ")
        ));
    };
    let names: Vec<&toml::Value> = match keys {
        toml::Value::Array(list) => list.iter().collect(),
        one => vec![one],
    };
    names
        .into_iter()
        .map(|v| match v {
            toml::Value::String(k) if is_key(k) => Ok((binding, k.clone())),
            _ => Err(format!(
                "{name}: {} is not a key: give one character in quotes (\"c\"), or one of \
                 {}, or a list of them",
                crate::program::settings::shown(v),
                KEY_NAMES.join(", ")
            )),
        })
        .collect()
}

/// A fault in `[keys]`: where it stands, the key (`keys.pause`), and what
/// is wrong and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyFault {
    /// The byte where the offending entry's value stands.
    pub at: usize,
    /// The entry, with its table.
    pub key: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// The one key `name` stands for, as the view reads keys: a character
/// without its case, a key's name in one spelling (`space` and `" "` are
/// one key); `Err` says why a key can never arrive.
fn identity(name: &str) -> Result<Key, String> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_control()
    {
        let instead = match c {
            '\n' | '\r' => "write \"Enter\"",
            '\t' => "write \"Tab\"",
            '\u{1b}' => "write \"Esc\"",
            _ => "Ctrl keys cannot be bound: give a letter or a key's name",
        };
        return Err(format!(
            "\"{}\" can never arrive as a key press: {instead}",
            crate::text::quote(name)
        ));
    }
    Key::named(name).ok_or_else(|| format!("\"{}\" is not a key", crate::text::quote(name)))
}

/// Checks the whole `[keys]` table, entry by entry in the file's order
/// (each with where its value stands): every binding known, every
/// key a key that can arrive, and no key bound twice. The bindings it
/// makes, or the first fault.
pub(crate) fn check_all(
    entries: &[(String, toml::Spanned<toml::Value>)],
) -> Result<Vec<(Binding, Key)>, KeyFault> {
    let mut out: Vec<(Binding, Key)> = Vec::new();
    for (binding, value) in entries {
        let fault = |message: String| KeyFault {
            at: value.span().start,
            key: format!("keys.{binding}"),
            message,
        };
        let bound = check(binding, value.get_ref()).map_err(fault)?;
        let name_of = |b: Binding| {
            Binding::ALL
                .iter()
                .find(|(x, _)| *x == b)
                .map_or("", |(_, n)| n)
        };
        for (b, text) in bound {
            let key = identity(&text).map_err(|m| fault(format!("{}: {m}", name_of(b))))?;
            if let Some((other, _)) = out.iter().find(|(_, k)| *k == key) {
                return Err(fault(format!(
                    "\"{}\" is bound twice, to {} and to {}: give each key one job",
                    crate::text::quote(&text),
                    name_of(*other),
                    name_of(b)
                )));
            }
            out.push((b, key));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_character_or_a_known_name() {
        for ok in [
            "c", ".", "PageDown", "pagedown", "F5", "f12", "Esc", "Space",
        ] {
            assert!(is_key(ok), "{ok}");
        }
        for bad in ["", "F13", "F0", "ctrl-c", "PageSideways", "ab"] {
            assert!(!is_key(bad), "{bad}");
        }
        let one = toml::Value::String("c".into());
        assert_eq!(
            check("end_set", &one),
            Ok(vec![(Binding::EndSet, "c".into())])
        );
        let list = toml::Value::Array(vec![
            toml::Value::String("a".into()),
            toml::Value::String("PageDown".into()),
        ]);
        assert_eq!(check("next", &list).map(|v| v.len()), Ok(2));
        assert!(
            check("explode", &one)
                .expect_err("refused")
                .contains("use one of pause, next")
        );
        let bad = toml::Value::Integer(5);
        assert!(
            check("next", &bad)
                .expect_err("refused")
                .contains("next: 5 is not a key")
        );
    }
}
