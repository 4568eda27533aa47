//! What the lifter asks for: the session settings, declared once with
//! their ranges and defaults ([`settings`]), the presets and exercises
//! ([`presets`]) and the config file ([`config`]), layered built-in <
//! config < preset < command line into a [`crate::timing::plan::Session`].
//!
//! Pure: reading the config file is the app's job.

pub mod config;
pub mod exercises;
pub mod keys;
pub mod layer;
pub mod presets;
pub mod settings;
pub mod workouts;
