//! `repcadence doctor`: tests the sound path. It opens the sound device a
//! session would, plays a one-rep session's cues over two seconds through
//! it ("rep one", the count, the end), and says
//! what the device is, the delay it reports, the extra offset, and whether
//! the cues flowed (the device took the samples that hold them).

use std::time::{Duration, Instant};

use crate::app::commands::cue_settings;
use crate::app::files::Files;
use crate::app::live;
use crate::app::{Ended, Error, print};
use crate::audio::device::{DeviceInfo, Output};
use crate::audio::feed::Measured;
use crate::audio::sample_at;
use crate::audio::{cue_times, cues::Settings};
use crate::program::layer::CueLayer;
use crate::timing::engine::Engine;
use crate::timing::plan::Session;
use crate::timing::units::ms_f64;

/// The test: lift ("rep one"), lowering and the end, a second apart.
fn test_session() -> Session {
    Session {
        tempo: "1-0-1-0".parse().unwrap_or_default(),
        reps: 1,
        sets: 1,
        rest_ms: 0,
        count_in_ms: 0,
        ..Session::default()
    }
}

/// How long the last cue rings on.
const RING: Duration = Duration::from_millis(600);

/// What the test found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    info: DeviceInfo,
    measured: Measured,
    extra: Duration,
    /// The cues whose first sample the device took, and all of them.
    played: usize,
    planned: usize,
    /// Frames the device took during the test, and how long it lasted.
    pulled: u64,
    took: Duration,
    underruns: u64,
}

/// `repcadence doctor`: the sound path, tested. `audio_latency` is
/// `--audio-latency` (else the config file's).
pub fn doctor(audio_latency: Option<u16>, files: &Files) -> Result<Ended, Error> {
    let config = files.load_config()?;
    let extra_ms = audio_latency.map_or(config.preferences.audio_latency_ms, u32::from);
    let extra = Duration::from_millis(extra_ms.into());
    let settings = cue_settings(&CueLayer::default(), &config, false);
    let session = test_session();
    let cues = cue_times(&session, &settings, Instant::now());
    print(&format!(
        "testing the sound path: {} cues over {} s on the default sound device\n",
        cues.len(),
        cues.last().map_or(0, Duration::as_secs)
    ))?;
    let out = Output::open_ready().map_err(|why| Error::Failed(no_device(&why)))?;
    let before = out.measured();
    let began = Instant::now();
    let start = began + live::lead(Some(&out), extra);
    out.play(&Engine::new(session, start), start, settings, extra);
    let last = cues.last().copied().unwrap_or_default();
    let until = start + last + RING + Duration::from_secs(1);
    let mut measured = out.measured();
    while !measured.finished && Instant::now() < until && !out.is_lost() {
        std::thread::sleep(Duration::from_millis(20));
        measured = out.measured();
    }
    let played = cues
        .iter()
        .filter(|t| sample_at(start, start + **t) < measured.position)
        .count();
    let found = Found {
        info: out.info().clone(),
        measured,
        extra,
        played,
        planned: cues.len(),
        pulled: measured.frames.saturating_sub(before.frames),
        took: began.elapsed(),
        underruns: out.underruns(),
    };
    let lost = out.is_lost();
    drop(out);
    print(&report(&found, &settings))?;
    if lost {
        return Err(Error::Failed(
            "the sound device went away during the test (unplugged, or the sound server \
             stopped): sessions would go on with visual cues only\n\n  \
             tip: check the device and run `repcadence doctor` again"
                .to_string(),
        ));
    }
    if found.pulled == 0 || found.played < found.planned {
        return Err(Error::Failed(format!(
            "the sound device opened but did not take the cues ({} of {} played, {} samples \
             taken in {:.1} s): sessions would be silent\n\n  \
             tip: check that the device is not held by another program and that its sound \
             server runs, then run `repcadence doctor` again; to train without sound, add \
             --mute",
            found.played,
            found.planned,
            found.pulled,
            found.took.as_secs_f64()
        )));
    }
    print("ok: the sound path works\n")?;
    Ok(Ended::Done)
}

/// The error when there is no device: what the session says
/// ([`live::NO_AUDIO`]), with why and what to do.
fn no_device(why: &str) -> String {
    format!(
        "{why}: cues are visual only\n\n  \
         tip: connect or turn on a sound device (or start its sound server) and run \
         `repcadence doctor` again; to train without sound, add --mute \
         (`repcadence 4-0-1-0 --mute`)"
    )
}

/// A measured time as the report shows it: `42.7 ms`.
fn shown_ms(d: Duration) -> String {
    format!("{:.1} ms", ms_f64(d))
}

/// What the test found, as lines.
fn report(f: &Found, settings: &Settings) -> String {
    let i = &f.info;
    let m = &f.measured;
    let mut out = String::new();
    let mut line = |label: &str, text: String| out.push_str(&format!("{label:<16}{text}\n"));
    line("device:", format!("{} ({})", i.name, i.host));
    line(
        "format:",
        format!(
            "{} Hz, {} channel{}, {}, buffer of {}",
            i.rate,
            i.channels,
            if i.channels == 1 { "" } else { "s" },
            i.format,
            i.buffer
        ),
    );
    let reported = if m.delay.is_zero() {
        "none: the device reports no delay (if cues sound late, give it with \
         --audio-latency MS)"
            .to_string()
    } else {
        format!(
            "{} (the device's own figure; {} to {} over {} callbacks)",
            shown_ms(m.delay),
            shown_ms(m.delay_range.0),
            shown_ms(m.delay_range.1),
            m.callbacks
        )
    };
    line("reported delay:", reported);
    line(
        "extra offset:",
        format!(
            "{} ms (--audio-latency, or audio_latency_ms in the config file)",
            f.extra.as_millis()
        ),
    );
    line(
        "heard after:",
        format!(
            "{}: a cue handed to the device is heard that long after, and shown then",
            shown_ms(m.delay + f.extra)
        ),
    );
    let rate = if f.took.is_zero() {
        0.0
    } else {
        f.pulled as f64 / f.took.as_secs_f64()
    };
    let flowing = if f.pulled > 0 && f.played == f.planned {
        "cues are flowing"
    } else {
        "cues are NOT flowing"
    };
    line(
        "cues:",
        format!(
            "{} of {} played, {} samples taken in {:.1} s ({:.0} a second, {} expected): {flowing}",
            f.played,
            f.planned,
            f.pulled,
            f.took.as_secs_f64(),
            rate,
            i.rate
        ),
    );
    if settings.volume == 0 {
        line(
            "volume:",
            "0 in the config file: the cues play, silent".to_string(),
        );
    }
    line(
        "corrections:",
        format!(
            "{} underrun(s), {} drift correction(s), {} jump(s) back in step",
            f.underruns, m.corrections, m.resyncs
        ),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found() -> Found {
        Found {
            info: DeviceInfo {
                name: "Default Audio Device".into(),
                host: "ALSA".into(),
                rate: 48_000,
                channels: 1,
                format: "f32".into(),
                buffer: "2048 frames".into(),
            },
            measured: Measured {
                callbacks: 90,
                frames: 122_850,
                lead: Duration::from_micros(85_000),
                delay: Duration::from_micros(56_500),
                delay_range: (Duration::from_micros(56_300), Duration::from_micros(56_700)),
                settled: true,
                position: 126_000,
                finished: true,
                corrections: 0,
                resyncs: 0,
            },
            extra: Duration::from_millis(40),
            played: 3,
            planned: 3,
            pulled: 122_850,
            took: Duration::from_millis(2_560),
            underruns: 0,
        }
    }

    #[test]
    fn the_report_names_the_device_its_delay_the_offset_and_the_flow() {
        let text = report(&found(), &Settings::default());
        for want in [
            "device:         Default Audio Device (ALSA)\n",
            "format:         48000 Hz, 1 channel, f32, buffer of 2048 frames\n",
            "reported delay: 56.5 ms (the device's own figure; 56.3 ms to 56.7 ms over 90 \
             callbacks)\n",
            "extra offset:   40 ms (--audio-latency",
            "heard after:    96.5 ms: a cue handed to the device is heard that long after",
            "cues:           3 of 3 played, 122850 samples taken in 2.6 s (47988 a second, \
             48000 expected): cues are flowing\n",
            "corrections:    0 underrun(s), 0 drift correction(s), 0 jump(s) back in step\n",
        ] {
            assert!(text.contains(want), "{want:?} not in:\n{text}");
        }
    }

    #[test]
    fn a_device_that_reports_no_delay_or_takes_nothing_says_so() {
        let mut f = found();
        f.measured.delay = Duration::ZERO;
        f.played = 0;
        f.pulled = 0;
        let text = report(&f, &Settings::default());
        assert!(text.contains("none: the device reports no delay"), "{text}");
        assert!(text.contains("cues are NOT flowing"), "{text}");
    }

    #[test]
    fn no_device_says_what_the_session_says_and_what_to_type() {
        let text = no_device("no audio device (no output device)");
        assert!(text.starts_with("no audio device (no output device): cues are visual only"));
        assert!(text.contains("--mute"), "{text}");
        assert!(live::NO_AUDIO.ends_with("cues are visual only"));
    }
}
