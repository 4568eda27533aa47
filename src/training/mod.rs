//! The training record: the log of sets and the recovery journal
//! ([`store`], append only), what the lifter did ([`history`]) and what to
//! try next ([`coach`]).

pub mod charts;
pub mod coach;
pub mod grouped;
pub mod history;
pub mod progress;
pub mod recovery;
pub mod rows;
pub mod series;
pub mod store;
pub mod tags;

#[cfg(test)]
mod fixtures;
