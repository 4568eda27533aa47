//! The config file's `[keys]`: which key does what in the full-screen
//! view, for a foot pedal that sends one fixed key or a remote whose
//! buttons send others. Checked here as text; the view
//! (`ui::keys`) turns the names into keys, and a test holds the two
//! lists together.

/// What a key can be bound to, by its name in `[keys]`.
pub(crate) const BINDINGS: [&str; 9] = [
    "pause", "next", "end_set", "restart", "longer", "shorter", "mute", "help", "quit",
];

/// Keys known by name (besides any one character).
pub(crate) const KEY_NAMES: [&str; 13] = [
    "PageDown", "PageUp", "Esc", "Enter", "Space", "Tab", "Up", "Down", "Left", "Right", "Home",
    "End", "F1-F12",
];

/// Whether `name` names a key: one character, or one of [`KEY_NAMES`]
/// (any case; `F1` to `F12`).
pub(crate) fn is_key(name: &str) -> bool {
    let mut chars = name.chars();
    if let (Some(_), None) = (chars.next(), chars.next()) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f') {
        return n.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n));
    }
    KEY_NAMES
        .iter()
        .any(|k| !k.starts_with("F1") && k.eq_ignore_ascii_case(&lower))
}

/// Checks one `[keys]` entry: `binding = "key"` or `binding = ["key", …]`;
/// the bindings it makes, or what is allowed.
pub fn check(binding: &str, keys: &toml::Value) -> Result<Vec<(String, String)>, String> {
    if !BINDINGS.contains(&binding) {
        return Err(format!(
            "`{binding}` is not something a key can do: use one of {}",
            BINDINGS.join(", ")
        ));
    }
    let names: Vec<&toml::Value> = match keys {
        toml::Value::Array(list) => list.iter().collect(),
        one => vec![one],
    };
    names
        .into_iter()
        .map(|v| match v {
            toml::Value::String(k) if is_key(k) => Ok((binding.to_string(), k.clone())),
            _ => Err(format!(
                "{binding}: {} is not a key: give one character in quotes (\"c\"), or one of \
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

/// The one key `name` stands for, compared as the view reads keys: a
/// character without its case, a key's name in one spelling (`space`
/// and `" "` are one key); `Err` says why a key can never arrive.
fn identity(name: &str) -> Result<String, String> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
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
        return Ok(if c == ' ' {
            "space".into()
        } else {
            c.to_lowercase().collect()
        });
    }
    Ok(name.to_ascii_lowercase())
}

/// Checks the whole `[keys]` table, entry by entry in the file's order
/// (each with where its value stands): every binding known, every
/// key a key that can arrive, and no key bound twice. The bindings it
/// makes, or the first fault.
pub(crate) fn check_all(
    entries: &[(String, toml::Spanned<toml::Value>)],
) -> Result<Vec<(String, String)>, KeyFault> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (binding, value) in entries {
        let fault = |message: String| KeyFault {
            at: value.span().start,
            key: format!("keys.{binding}"),
            message,
        };
        let bound = check(binding, value.get_ref()).map_err(fault)?;
        for (b, key) in bound {
            let id = identity(&key).map_err(|m| fault(format!("{b}: {m}")))?;
            if let Some((other, _)) = seen.iter().find(|(_, i)| *i == id) {
                return Err(fault(format!(
                    "\"{}\" is bound twice, to {other} and to {b}: give each key one job",
                    crate::text::quote(&key)
                )));
            }
            seen.push((b.clone(), id));
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
            Ok(vec![("end_set".into(), "c".into())])
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
