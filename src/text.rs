//! Text from people (names, descriptions, notes, values quoted in a
//! message) as the terminal is given it: control characters made
//! visible, long quotes cut, and widths measured as the terminal draws
//! them, so that wide and combining characters keep tables aligned.
//!
//! It lives here, in the layer every other imports, because the tables
//! of presets, exercises and the log's history all need it.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// How many characters of a value a message quotes before it cuts.
pub(crate) const QUOTE_CHARS: usize = 40;

/// `text`, cut to its first `max` characters and `…` if it is longer.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// `text` for a message: [`cut`] to [`QUOTE_CHARS`] and made [`safe`]
/// (a tab, harmless in a message, is left as typed).
pub(crate) fn quote(text: &str) -> String {
    escaped(&cut(text, QUOTE_CHARS), |c| c != '\t' && unsafe_char(c)).into_owned()
}

/// Whether `c` must not reach the terminal as it is: a control character
/// (ESC starts an escape sequence, BEL rings, a line break or a tab
/// breaks a table) or one that reorders the text after it (bidi
/// overrides).
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character (and bidi override) written as a
/// visible escape, `\u{1b}`, `\n`, so that it reaches the terminal as
/// text and never as a command.
pub(crate) fn safe(text: &str) -> Cow<'_, str> {
    escaped(text, unsafe_char)
}

/// `text` with the characters `escape` picks written as escapes.
fn escaped(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if escape(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// How many columns the terminal gives `text` (made [`safe`] first): 2
/// for a wide character, 0 for a combining one.
pub fn width(text: &str) -> usize {
    safe(text).width()
}

/// `text` made [`safe`] and padded with spaces to `columns` wide (as
/// `{:<N}` would be, counting columns rather than characters).
pub(crate) fn pad(text: &str, columns: usize) -> String {
    let shown = safe(text);
    let fill = columns.saturating_sub(shown.width());
    format!("{shown}{}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_on_a_character() {
        assert_eq!(cut("4-0-1-0", 40), "4-0-1-0");
        assert_eq!(cut(&"x".repeat(41), 40), format!("{}…", "x".repeat(40)));
        assert_eq!(cut("ééé", 2), "éé…");
        assert_eq!(quote(&"y".repeat(1_000_000)).chars().count(), 41);
        assert_eq!(quote("a\tb\u{1b}"), "a\tb\\u{1b}");
    }

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(safe("plain"), "plain");
        assert_eq!(safe("a\u{1b}[2Jb\u{7}c\nd"), "a\\u{1b}[2Jb\\u{7}c\\nd");
        assert_eq!(safe("\u{202e}evil"), "\\u{202e}evil");
        assert!(!safe("\u{9b}31m").contains('\u{9b}'), "C1 too");
    }

    #[test]
    fn widths_count_columns_not_characters() {
        assert_eq!(width("squat"), 5);
        assert_eq!(width("深蹲"), 4);
        assert_eq!(width("e\u{301}"), 1, "e and a combining accent");
        assert_eq!(pad("深蹲", 6), "深蹲  ");
        assert_eq!(pad("e\u{301}", 3), "e\u{301}  ");
        assert_eq!(pad("\n", 4), "\\n  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
}
