//! repcadence: a terminal rep-cadence metronome for slow, controlled reps.
//!
//! The core is pure: [`tempo`] parses lifting tempo notation, [`plan`] turns
//! a session into timed steps, and [`engine`] walks them on a clock it is
//! given. [`report`] and [`plain`] show a session, and [`ui`] renders the
//! full-screen view from fixed values; only the app loops ([`plain::run`],
//! [`tui::run`]) read the clock or do I/O, with [`shell`]'s help.

pub mod audio;
pub mod cli;
pub mod coach;
pub mod config;
pub mod engine;
pub mod fd;
pub mod history;
pub mod live;
pub mod log;
pub mod manual;
pub mod plain;
pub mod plan;
pub mod presets;
pub mod report;
pub mod shell;
pub mod tempo;
pub mod term;
pub mod tui;
pub mod ui;
pub mod units;
