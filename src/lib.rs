//! repcadence: a terminal rep-cadence metronome for slow, controlled reps.
//!
//! The core is pure: [`tempo`] parses lifting tempo notation, [`plan`] turns
//! a session into timed steps, and [`engine`] walks them on a clock it is
//! given. Only the app loops read the clock or do I/O.

pub mod engine;
pub mod plan;
pub mod tempo;
pub mod units;
