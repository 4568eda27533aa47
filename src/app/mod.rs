//! The use cases and the loops that run them: the live session in
//! `--plain` and full screen, signals, keys and file descriptors. The only
//! room that reads the clock or touches the terminal.

pub mod live;
pub mod plain;
pub mod shell;
pub mod term;
pub mod tui;
