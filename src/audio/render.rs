//! `repcadence render`: the whole session's cue stream written to a WAV
//! file (48 kHz, mono, 16-bit PCM), as fast as the machine allows.

use std::fs::OpenOptions;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::timing::engine::Engine;
use crate::timing::plan::Timeline;

use super::RATE;
use super::cues::{Bank, Settings};
use super::stream::CueStream;

/// Why a render failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The file is there and `--force` was not given.
    #[error("{0} already exists: add --force to overwrite it, or choose another name with -o")]
    Exists(String),
    /// `-o` names a directory.
    #[error("{dir} is a directory: name a file in it, e.g. -o {example}")]
    IsDir {
        /// The directory, as given.
        dir: String,
        /// A file in it.
        example: String,
    },
    /// A partner's lift waits for a key, which a file cannot do.
    #[error(
        "a rendered file cannot wait for a partner's lift: give the lift a time instead, e.g. --lift 2"
    )]
    ManualLift,
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
}

/// What a render wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    /// Samples written.
    pub samples: u64,
}

/// Renders `workout` to the WAV file at `path`. `progress` is called now
/// and then with the samples done and the expected total.
pub fn render(
    timeline: &impl Timeline,
    settings: Settings,
    path: &Path,
    force: bool,
    origin: Instant,
    mut progress: impl FnMut(u64, u64),
) -> Result<Rendered, RenderError> {
    let workout = timeline.workout();
    if workout.blocks.iter().any(|b| b.session.manual_lift) {
        return Err(RenderError::ManualLift);
    }
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(RenderError::IsDir {
            dir: shown,
            example: path.join("session.wav").display().to_string(),
        });
    }
    let write_err = |source: io::Error| RenderError::Write {
        path: shown.clone(),
        source,
    };
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!force)
        .truncate(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                RenderError::Exists(shown.clone())
            } else {
                write_err(e)
            }
        })?;
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let hound_err = |e: hound::Error| match e {
        hound::Error::IoError(io) => write_err(io),
        other => write_err(io::Error::other(other.to_string())),
    };
    let mut writer =
        hound::WavWriter::new(BufWriter::with_capacity(1 << 20, file), spec).map_err(hound_err)?;
    let engine = Engine::planned(workout.clone().into_owned(), origin);
    let mut stream = CueStream::new(engine, origin, Arc::new(Bank::new()), settings);
    let total = expected_samples(&*workout);
    let mut block = vec![0.0f32; RATE as usize];
    let mut written = 0u64;
    loop {
        let n = stream.fill(&mut block);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "n is at most a block of RATE samples, a u32"
        )]
        let mut out = writer.get_i16_writer(n as u32);
        for s in &block[..n] {
            out.write_sample(to_i16(*s));
        }
        out.flush().map_err(hound_err)?;
        written += n as u64;
        progress(written, total.max(written));
        if n < block.len() {
            break;
        }
    }
    writer.finalize().map_err(hound_err)?;
    Ok(Rendered { samples: written })
}

/// The workout's length in samples (its last cue rings a little longer).
pub fn expected_samples(timeline: &impl Timeline) -> u64 {
    let ms: u64 = timeline
        .workout()
        .steps(false)
        .iter()
        .map(|s| u64::from(s.ms))
        .sum();
    ms * u64::from(RATE) / 1000
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to i16's range first"
)]
fn to_i16(s: f32) -> i16 {
    (s * 32767.0).round().clamp(-32768.0, 32767.0) as i16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::{cue_times, onsets};
    use crate::timing::plan::Session;

    fn tmp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("repcadence-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join(name)
    }

    #[test]
    fn the_file_holds_every_cue_on_round_t_times_48000() {
        let session = Session {
            tempo: "3-1-X-1".parse().expect("tempo"),
            reps: 3,
            sets: 2,
            rest_ms: 8000,
            count_in_ms: 3000,
            ..Session::default()
        };
        let path = tmp("cues.wav");
        let _ = std::fs::remove_file(&path);
        let origin = Instant::now();
        let done = render(
            &session,
            Settings::default(),
            &path,
            false,
            origin,
            |_, _| {},
        )
        .expect("render");
        let mut reader = hound::WavReader::open(&path).expect("wav");
        let spec = reader.spec();
        assert_eq!(
            (spec.sample_rate, spec.channels, spec.bits_per_sample),
            (48_000, 1, 16)
        );
        let samples: Vec<i16> = reader
            .samples::<i16>()
            .map(|s| s.expect("sample"))
            .collect();
        assert_eq!(samples.len() as u64, done.samples);
        let want: Vec<usize> = cue_times(&session, &Settings::default(), origin)
            .iter()
            // round(t × 48000), in whole nanoseconds.
            .map(|t| (t.as_nanos() * 48_000 + 500_000_000) / 1_000_000_000)
            .map(|n| usize::try_from(n).expect("a short session"))
            .collect();
        assert_eq!(onsets(&samples, 240), want);
        let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
        assert!(peak < 32_000, "below full scale: {peak}");
        std::fs::remove_file(&path).expect("clean up");
    }

    #[test]
    fn refuses_to_overwrite_without_force_and_to_wait_for_a_partner() {
        let path = tmp("exists.wav");
        std::fs::write(&path, b"keep me").expect("write");
        let s = Session {
            sets: 1,
            reps: 1,
            ..Session::default()
        };
        let err = render(
            &s,
            Settings::default(),
            &path,
            false,
            Instant::now(),
            |_, _| {},
        )
        .expect_err("exists");
        assert!(matches!(err, RenderError::Exists(_)));
        assert_eq!(std::fs::read(&path).expect("read"), b"keep me");
        render(
            &s,
            Settings::default(),
            &path,
            true,
            Instant::now(),
            |_, _| {},
        )
        .expect("forced");
        assert!(std::fs::metadata(&path).expect("meta").len() > 44);
        let manual = Session {
            manual_lift: true,
            ..s
        };
        assert!(matches!(
            render(
                &manual,
                Settings::default(),
                &path,
                true,
                Instant::now(),
                |_, _| {}
            ),
            Err(RenderError::ManualLift)
        ));
        std::fs::remove_file(&path).expect("clean up");
        // A directory is never a file to write, with --force or without.
        let dir = tempfile::tempdir().expect("temp dir");
        for force in [false, true] {
            let err = render(
                &s,
                Settings::default(),
                dir.path(),
                force,
                Instant::now(),
                |_, _| {},
            )
            .expect_err("a directory");
            let want = format!(
                "{} is a directory: name a file in it, e.g. -o {}",
                dir.path().display(),
                dir.path().join("session.wav").display()
            );
            assert_eq!(err.to_string(), want);
        }
    }
}
