//! The pure timing core: lifting tempo notation ([`tempo`]), seconds and
//! how they are written ([`units`]), how a lowering is counted and what the
//! voice says ([`counting`]), a session as timed steps ([`plan`]), and
//! the [`engine`] that walks them on a clock it is given.
//!
//! Nothing here reads the clock or does I/O, and nothing here imports any
//! other part of the crate.

pub mod counting;
pub mod engine;
pub mod plan;
pub mod tempo;
pub mod units;
pub mod workout;
