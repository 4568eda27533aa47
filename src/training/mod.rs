//! The training record: the log of sets and the recovery journal
//! ([`store`], append only; its rows in [`rows`], a correction superseding
//! a row in [`ledger`]), read as logged sessions ([`sessions`]) and series
//! ([`series`]), what to try next ([`coach`]), and Strong's CSV out and in
//! ([`strong`], [`exchange`]). How it is printed (the `log` report and its
//! charts) is `crate::present`'s.

pub mod coach;
pub(crate) mod csv;
pub mod exchange;
pub mod ledger;
pub(crate) mod legacy;
pub mod progress;
pub mod recovery;
pub mod rows;
pub mod series;
pub mod sessions;
pub mod store;
pub mod strong;
pub mod tags;

#[cfg(test)]
pub(crate) mod fixtures;
