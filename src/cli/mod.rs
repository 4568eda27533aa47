//! The command line: clap's definitions ([`args`]), the man page and
//! completions ([`manual`]).

pub mod args;
pub mod manual;
