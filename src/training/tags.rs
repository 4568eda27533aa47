//! What a row of the log's older format said beyond its 11 columns: the
//! workout, the block, and where a set the lifter ended stood, at the end
//! of the note column, in braces:
//!
//! ```text
//! felt strong {workout=push block=2/4 ended=7/lower/4.2}
//! ```
//!
//! The current format has a column for each (`rows::Facts`); these are
//! read from older rows, and written only to a log that could not be
//! moved to the current format. A note without braces has no tags.

use crate::timing::units::{fmt_secs1, parse_seconds};

/// The tags of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tags {
    /// The workout's name.
    pub workout: Option<String>,
    /// The block and how many there are, in a workout of more than one.
    pub block: Option<(u16, u16)>,
    /// The lifter ended the set: in this rep, this phase, this many ms in.
    pub ended: Option<(u16, String, u64)>,
}

impl Tags {
    /// `note` with these tags after it, or `None` if both are empty.
    pub(crate) fn into_note(self, note: &str) -> Option<String> {
        let mut tags = Vec::new();
        if let Some(w) = &self.workout {
            tags.push(format!("workout={}", w.replace([' ', '{', '}'], "-")));
        }
        if let Some((b, of)) = self.block {
            tags.push(format!("block={b}/{of}"));
        }
        if let Some((rep, phase, into_ms)) = &self.ended {
            tags.push(format!("ended={rep}/{phase}/{}", fmt_secs1(*into_ms)));
        }
        let note = note.trim();
        match (note.is_empty(), tags.is_empty()) {
            (true, true) => None,
            (false, true) => Some(note.to_string()),
            (true, false) => Some(format!("{{{}}}", tags.join(" "))),
            (false, false) => Some(format!("{note} {{{}}}", tags.join(" "))),
        }
    }

    /// The lifter's note and the tags in a note column as written. A note
    /// whose braces hold anything else keeps them as its own text.
    pub fn parse(note: &str) -> (String, Tags) {
        let plain = (note.to_string(), Tags::default());
        let Some(inner) = note.strip_suffix('}') else {
            return plain;
        };
        let Some(open) = inner.rfind('{') else {
            return plain;
        };
        let mut tags = Tags::default();
        for pair in inner[open + 1..].split(' ').filter(|p| !p.is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return plain;
            };
            let ok = match key {
                "workout" => {
                    tags.workout = Some(value.to_string());
                    true
                }
                "block" => value
                    .split_once('/')
                    .and_then(|(b, of)| Some((b.parse().ok()?, of.parse().ok()?)))
                    .map(|b| tags.block = Some(b))
                    .is_some(),
                "ended" => {
                    let mut parts = value.splitn(3, '/');
                    let rep = parts.next().and_then(|r| r.parse().ok());
                    let phase = parts.next().map(str::to_string);
                    let into = parts.next().and_then(|s| parse_seconds(s, u32::MAX).ok());
                    match (rep, phase, into) {
                        (Some(rep), Some(phase), Some(ms)) => {
                            tags.ended = Some((rep, phase, ms.into()));
                            true
                        }
                        _ => false,
                    }
                }
                _ => false,
            };
            if !ok {
                return plain;
            }
        }
        (inner[..open].trim_end().to_string(), tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_after_the_note_and_read_back() {
        let tags = Tags {
            workout: Some("push".into()),
            block: Some((2, 4)),
            ended: Some((7, "lower".into(), 4200)),
        };
        let note = tags.clone().into_note("felt strong").expect("a note");
        assert_eq!(
            note,
            "felt strong {workout=push block=2/4 ended=7/lower/4.2}"
        );
        assert_eq!(
            Tags::parse(&note),
            ("felt strong".to_string(), tags.clone())
        );
        let bare = tags.clone().into_note("").expect("tags only");
        assert_eq!(Tags::parse(&bare), (String::new(), tags));
        assert_eq!(Tags::default().into_note(""), None);
        assert_eq!(Tags::default().into_note(" mine "), Some("mine".into()));
    }

    #[test]
    fn an_old_note_or_one_with_braces_of_its_own_reads_as_text() {
        for note in [
            "",
            "grip slipped",
            "{not tags}",
            "a {b=c}",
            "x {block=two/4}",
        ] {
            assert_eq!(
                Tags::parse(note),
                (note.to_string(), Tags::default()),
                "{note}"
            );
        }
    }
}
