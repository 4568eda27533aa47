//! Sound: cues synthesised in code and spoken counts, placed at exact
//! sample offsets in one continuous stream, played on the sound device or
//! written to a WAV file.

pub mod cues;
pub mod device;
pub mod render;
pub mod stream;

/// The sample rate of the cue stream and of rendered files.
pub const RATE: u32 = 48_000;
