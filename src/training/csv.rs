//! CSV as the log and the journal write it: one line per row, RFC 4180
//! quoting (pure).

/// A CSV field: free text on one line, quoted when it holds a comma or a
/// quote (RFC 4180). Line breaks become spaces, so a row is one line.
pub fn field(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if one_line.contains([',', '"']) || one_line.starts_with(' ') || one_line.ends_with(' ') {
        format!("\"{}\"", one_line.replace('"', "\"\""))
    } else {
        one_line
    }
}

/// Splits one CSV line into its fields (RFC 4180 quoting).
pub(crate) fn split_fields(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        value.push('"');
                    }
                    Some('"') => break,
                    Some(c) => value.push(c),
                    None => return Err("has a quoted field that never ends".to_string()),
                }
            }
            match chars.next() {
                None => {
                    fields.push(value);
                    return Ok(fields);
                }
                Some(',') => fields.push(value),
                Some(c) => return Err(format!("has '{c}' after a closing quote")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(value);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some('"') => return Err("has a quote inside an unquoted field".to_string()),
                    Some(c) => value.push(c),
                }
            }
            fields.push(value);
        }
    }
}

/// A line that was skipped when reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Line number, from 1.
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// Parses a whole file's text with `parse_line`: header lines and blank
/// lines are passed over, lines that do not parse are reported.
pub(crate) fn parse_lines<T>(
    text: &str,
    header: &str,
    parse_line: impl Fn(&str) -> Result<T, String>,
) -> (Vec<T>, Vec<Skipped>) {
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line == header {
            continue;
        }
        match parse_line(line) {
            Ok(row) => rows.push(row),
            Err(reason) => skipped.push(Skipped {
                line: i + 1,
                reason,
            }),
        }
    }
    (rows, skipped)
}
