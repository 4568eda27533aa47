//! Splitting a CSV export into records and fields, quotes and line
//! breaks in fields included.

use super::*;
// ---------------------------------------------------------------------------
// CSV splitting
// ---------------------------------------------------------------------------

/// One field of a record, and whether it was written in quotes.
#[derive(Debug)]
pub(super) struct Field {
    pub(super) text: String,
    pub(super) quoted: bool,
}

/// One record (row) of the file and the line it starts on.
#[derive(Debug)]
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) fields: Vec<Field>,
    /// True when the record ends inside a quoted field (the file ended first).
    pub(super) unterminated: bool,
}

impl Record {
    /// True for an empty line, or one holding nothing but separators and spaces.
    pub(super) fn is_blank(&self) -> bool {
        !self.unterminated
            && self
                .fields
                .iter()
                .all(|f| !f.quoted && f.text.trim().is_empty())
    }
}

/// Picks the separator from the first non-blank line: `;` when it has more
/// semicolons than commas outside quotes, otherwise `,`.
pub(super) fn detect_separator(text: &str) -> Result<char, String> {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or_else(|| missing_header_message("the text is empty"))?;
    let (mut semicolons, mut commas, mut in_quotes) = (0usize, 0usize, false);
    for c in first.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => semicolons += 1,
            ',' if !in_quotes => commas += 1,
            _ => {}
        }
    }
    if semicolons == 0 && commas == 0 {
        return Err(unknown_header_message(first.trim()));
    }
    Ok(if semicolons > commas { ';' } else { ',' })
}

/// Splits text into records, RFC 4180 style: quoted fields may hold the
/// separator, doubled quotes and line breaks. Line ends may be `\n`, `\r\n`
/// or `\r`; a line break inside a quoted field is kept as `\n`. Unquoted
/// fields are trimmed of spaces and tabs; quoted ones are kept as written.
pub(super) fn split_records(text: &str, sep: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut in_quotes = false;
        let mut unterminated = false;
        loop {
            let Some(c) = chars.next() else {
                unterminated = in_quotes;
                break;
            };
            if in_quotes {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        field.push('\n');
                    }
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    _ => field.push(c),
                }
                continue;
            }
            if c == sep {
                fields.push(finish_field(std::mem::take(&mut field), quoted));
                quoted = false;
                continue;
            }
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                '\n' => {
                    line += 1;
                    break;
                }
                // A quote opens a quoted field only at the field's start
                // (spaces before it are dropped).
                '"' if !quoted && field.trim_matches([' ', '\t']).is_empty() => {
                    field.clear();
                    quoted = true;
                    in_quotes = true;
                }
                // After a closing quote, spaces are padding; anything else
                // is kept as it stands.
                ' ' | '\t' if quoted => {}
                _ => field.push(c),
            }
        }
        fields.push(finish_field(field, quoted));
        out.push(Record {
            line: start_line,
            fields,
            unterminated,
        });
    }
    out
}

/// Trims an unquoted field; leaves a quoted one as it is.
pub(super) fn finish_field(text: String, quoted: bool) -> Field {
    if quoted {
        Field { text, quoted }
    } else {
        let trimmed = text.trim_matches([' ', '\t']);
        Field {
            text: if trimmed.len() == text.len() {
                text
            } else {
                trimmed.to_string()
            },
            quoted,
        }
    }
}

/// Normalizes a header name for matching: trims spaces and stray quotes and
/// lowercases it.
pub(super) fn clean_name(name: &str) -> String {
    name.trim()
        .trim_matches('"')
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
}

/// The header line as text, for error messages.
pub(super) fn header_text(header: &Record) -> String {
    header
        .fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Rejects rows with fewer fields than the header, or with extra fields
/// that are not empty.
pub(super) fn check_width(record: &Record, width: usize) -> Result<(), String> {
    let n = record.fields.len();
    if n < width {
        return Err(format!(
            "missing fields: the row has {n} fields but the header has {width}"
        ));
    }
    let extra = record.fields.get(width..).unwrap_or_default();
    if extra.iter().any(|f| !f.text.is_empty()) {
        return Err(format!(
            "too many fields: the row has {n} fields but the header has {width}"
        ));
    }
    Ok(())
}
