//! repcadence: a terminal rep-cadence metronome for slow, controlled reps.

pub mod app;
pub mod audio;
pub mod cli;
pub mod program;
pub mod timing;
pub mod training;
pub mod ui;
