//! repcadence: a terminal rep-cadence metronome for slow, controlled reps.
//!
//! ```text
//! main ─► cli ─► app ─┬─► ui ───────┐   cli      clap, errors → exit status
//!                     ├─► audio ────┤   app      use cases, the live loops
//!                     ├─► training ─┼─► timing   tempo, plan, engine: pure
//!                     └─► program ──┘   program  settings, presets, config
//! ```
//! Imports run one way, left to right (`tests/layers.rs` holds them to
//! it). Only [`app`] and [`cli`] read the clock, print or touch files, with
//! four named I/O edges below them: [`training::store`] (the log files),
//! [`audio::device`] (the sound device and its clock), [`audio::render`]
//! (the WAV file) and [`audio::quiet`] (fd 2 while a device opens).

pub mod app;
pub mod audio;
pub mod cli;
pub mod program;
pub mod timing;
pub mod training;
pub mod ui;
