//! repcadence: a terminal rep-cadence metronome for slow, controlled reps.
//!
//! ```text
//! main ─► cli ─► app ─┬─► ui ─► present ─┬─► program ──┐   cli      clap, errors → exit status
//!                     │                  └─► training ─┼─► timing   app      use cases, the live loops
//!                     └─► audio ───────────────────────┘            ui       the full-screen view
//!                                                                   present  tables, --plain, log, charts, JSON
//! ```
//! Below them all: `text` (people's text bound for a terminal: width,
//! sanitising) and `load` (loads as numbers), which program and training
//! share. Imports run one way, left to right, and outside crates stay in
//! their layers (ratatui and crossterm in the view, the presentation and
//! the app; serde_json in the presentation and the app): `tests/layers.rs`
//! holds them to it. Only [`app`] and [`cli`] read the clock, print or
//! touch files, with four named I/O edges below them: [`training::store`]
//! (the log files), [`audio::device`] (the sound device and its clock),
//! [`audio::render`] (the WAV file) and [`audio::quiet`] (fd 2 while a
//! device opens).

// The library serves the binary, its tests and examples: most items are
// crate-private, and the docs are read with `--document-private-items`,
// where links to them resolve.
#![allow(rustdoc::private_intra_doc_links)]

pub mod app;
pub mod audio;
pub mod cli;
pub mod load;
pub mod present;
pub mod program;
pub mod text;
pub mod timing;
pub mod training;
pub mod ui;
