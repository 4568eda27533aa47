//! Hand-made log rows and journal entries for the training tests.

use crate::training::rows::{JournalEntry, Row, When};

/// A set as the hand-made logs have it, at `time` (RFC 3339 with an
/// offset): `done` of 8 reps of a `lower_s`-0-1-0 tempo, each rep
/// `lower_s` + 1 s under tension; set 1, no preset, load or note.
pub fn set(time: &str, exercise: &str, lower_s: u32, done: u16) -> Row {
    Row {
        when: When::parse(time).expect("time"),
        exercise: exercise.into(),
        preset: String::new(),
        tempo: format!("{lower_s}-0-1-0"),
        set: 1,
        planned: 8,
        completed: done,
        tut_ms: u32::from(done) * (lower_s + 1) * 1000,
        lower_ms: lower_s * 1000,
        load: String::new(),
        note: String::new(),
        facts: crate::training::rows::Facts::default(),
    }
}

/// A journal entry at `time`, with no note.
pub fn entry(time: &str, soreness: u8, sleep: u8) -> JournalEntry {
    JournalEntry {
        when: When::parse(time).expect("time"),
        soreness,
        sleep,
        note: String::new(),
    }
}
