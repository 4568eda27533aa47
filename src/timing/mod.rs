//! The pure timing core: lifting tempo notation ([`tempo`]), seconds and
//! how they are written ([`units`]), how a lowering is counted and what the
//! voice says ([`counting`]), loads as numbers ([`load`]), a session
//! as timed steps ([`plan`]),
//! and the [`engine`] that walks them on a clock it is given; and
//! people's text as the terminal is given it ([`text`]).
//!
//! Nothing here reads the clock or does I/O, and nothing here imports any
//! other part of the crate.

pub mod counting;
pub mod engine;
pub mod load;
pub mod plan;
pub mod tempo;
pub mod text;
pub mod units;
