//! Everything printed outside the full-screen view: domain values turned
//! into text, tables, charts and JSON. The `plan` table and its JSON
//! ([`timetable`]), the `--plain` lines and the summary ([`plain`]), the
//! listings of presets, exercises and workouts ([`listings`]), and the
//! `log` report ([`history`], [`grouped`]) with its [`charts`].
//!
//! Pure: it is given values and returns text; the app prints it.

pub mod charts;
pub mod grouped;
pub mod history;
pub mod listings;
pub mod plain;
pub mod timetable;
