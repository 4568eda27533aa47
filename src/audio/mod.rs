//! Sound: cues synthesised in code and spoken counts, placed at exact
//! sample offsets in one continuous stream, played on the sound device or
//! written to a WAV file.

use std::time::{Duration, Instant};

use crate::timing::workout::Timeline;

pub mod cues;
pub mod device;
pub mod feed;
pub mod pacer;
pub mod quiet;
pub mod render;
pub mod script;
pub mod stream;
pub mod voice;

/// Where cues start in a stream of samples: for the tests (and, by path,
/// the real-audio tests and `examples/cues.rs`), not the product.
#[cfg(test)]
pub(crate) mod onsets;

/// The sample rate of the cue stream and of rendered files.
pub const RATE: u32 = 48_000;

/// The sample that stands for `at`, on a clock whose sample 0 is `start`.
pub fn sample_at(start: Instant, at: Instant) -> u64 {
    let ns = at.saturating_duration_since(start).as_nanos();
    let rate = u128::from(RATE);
    u64::try_from((ns * rate + 500_000_000) / 1_000_000_000).unwrap_or(u64::MAX)
}

/// The instant that sample `n` stands for.
pub fn instant_of(start: Instant, n: u64) -> Instant {
    let ns = u128::from(n) * 1_000_000_000 / u128::from(RATE);
    start + Duration::from_nanos(u64::try_from(ns).unwrap_or(u64::MAX))
}

/// The session times at which cues start, in order, each once: where a
/// rendered or recorded stream must have its onsets.
pub fn cue_times(
    timeline: &impl Timeline,
    settings: &cues::Settings,
    origin: Instant,
) -> Vec<Duration> {
    let mut times: Vec<Duration> =
        script::planned(&timeline.workout(), settings, origin, &cues::Bank::new())
            .into_iter()
            .map(|(t, s)| {
                let delay = u64::try_from(s.delay).unwrap_or(u64::MAX);
                t + Duration::from_nanos(delay * 1_000_000_000 / u64::from(RATE))
            })
            .collect();
    times.sort();
    times.dedup();
    times
}
