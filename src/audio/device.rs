//! The sound device. The only file that names rodio (whose API moves
//! between minor versions).
//!
//! A [`CueStream`] is handed to the device's mixer once and plays for the
//! whole session; the app sends it a copy of its engine after each command
//! and new settings when they change. ALSA, JACK and rodio print to stderr
//! while a device opens; that is sent to /dev/null so it never garbles the
//! terminal.

use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use rodio::{DeviceSinkBuilder, MixerDeviceSink, Source};

use crate::engine::Engine;
use crate::fd::quiet;

use super::RATE;
use super::cues::{Bank, Settings};
use super::stream::{CueStream, sample_at};

/// The buffer we ask the device for, in frames: large enough not to starve
/// on a busy machine (256 did, through PulseAudio). Through ALSA it gives
/// two periods of about 1365 frames: 56 ms, the latency assumed by default
/// (`audio_latency_ms` in the config file).
const BUFFER_FRAMES: u32 = 2048;

/// How far the stream may wander from the clock before it jumps back in
/// step (after the process was stopped, say), in samples (250 ms): well
/// beyond the device's own buffering.
const RESYNC_SAMPLES: u64 = RATE as u64 / 4;

/// Samples made per refill (10 ms).
const BLOCK: usize = RATE as usize / 100;

/// Why there is no sound.
#[derive(Debug, thiserror::Error)]
#[error("no audio device ({0})")]
pub struct NoDevice(String);

enum Msg {
    Start(Box<CueStream>, Instant, Duration),
    Engine(Box<Engine>),
    Settings(Settings),
}

/// Sound on the default output device, for one session.
pub struct Output {
    bank: Arc<Bank>,
    _sink: MixerDeviceSink,
    tx: Sender<Msg>,
    refills: Arc<AtomicU64>,
    lost: Arc<AtomicBool>,
    underruns: Arc<AtomicU64>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("lost", &self.is_lost())
            .finish_non_exhaustive()
    }
}

/// How long a device may keep failing, with no sample pulled in between,
/// before it is given up as gone. A sound server that dies makes ALSA fail
/// every call, thousands of times a second; a PulseAudio stream that is
/// just starting can fail a few calls in the same millisecond and then play
/// normally, so a count of errors alone is not enough.
const LOST_AFTER: Duration = Duration::from_millis(500);

/// Errors logged per run of failures (the rest are only counted).
const ERRORS_LOGGED: u64 = 3;

/// What a run of device errors means so far.
#[derive(Debug, Default)]
struct Health {
    /// The first error of the current run, and the refill count then: the
    /// run ends when the device pulls samples again.
    failing: Option<(Instant, u64)>,
    /// Errors in the current run.
    errors: u64,
}

impl Health {
    /// Takes one error that is not an underrun, at `now`, when the device
    /// has refilled `refills` times in all. Returns whether the device is
    /// lost.
    fn error(&mut self, now: Instant, refills: u64) -> bool {
        match self.failing {
            Some((since, at)) if at == refills => {
                self.errors += 1;
                now.saturating_duration_since(since) >= LOST_AFTER
            }
            _ => {
                self.failing = Some((now, refills));
                self.errors = 1;
                false
            }
        }
    }
}

/// Marks the device lost on the errors that mean it is gone for good, or
/// when it keeps failing for [`LOST_AFTER`] without pulling a sample; an
/// underrun (the stream starved for a moment) is only counted.
fn on_error(
    lost: &Arc<AtomicBool>,
    underruns: &Arc<AtomicU64>,
    refills: &Arc<AtomicU64>,
) -> impl FnMut(rodio::cpal::Error) + Send + 'static {
    let (lost, underruns, refills) = (Arc::clone(lost), Arc::clone(underruns), Arc::clone(refills));
    let mut health = Health::default();
    move |e: rodio::cpal::Error| {
        use rodio::cpal::ErrorKind;
        match e.kind() {
            ErrorKind::Xrun => {
                underruns.fetch_add(1, Ordering::Relaxed);
            }
            ErrorKind::RealtimeDenied | ErrorKind::DeviceChanged => {}
            ErrorKind::DeviceNotAvailable
            | ErrorKind::HostUnavailable
            | ErrorKind::StreamInvalidated => {
                log::debug!("sound device error: {:?}: {e}", e.kind());
                lost.store(true, Ordering::Relaxed);
            }
            _ if lost.load(Ordering::Relaxed) => {}
            _ => {
                // The device's own thread: the clock is read here, as in
                // the refill, to tell a passing failure from a dead device.
                let gone = health.error(Instant::now(), refills.load(Ordering::Acquire));
                if health.errors <= ERRORS_LOGGED {
                    log::debug!("sound device error: {:?}: {e}", e.kind());
                }
                if gone {
                    log::debug!(
                        "sound device failed {} times in {} ms without playing: lost",
                        health.errors,
                        LOST_AFTER.as_millis()
                    );
                    lost.store(true, Ordering::Relaxed);
                }
            }
        }
    }
}

fn open_sink(
    lost: &Arc<AtomicBool>,
    underruns: &Arc<AtomicU64>,
    refills: &Arc<AtomicU64>,
) -> Result<MixerDeviceSink, NoDevice> {
    let mono = NonZero::<u16>::MIN;
    let rate = NonZero::new(RATE).ok_or_else(|| NoDevice("bad rate".into()))?;
    let preferred = quiet(|| {
        DeviceSinkBuilder::from_default_device()?
            .with_sample_rate(rate)
            .with_channels(mono)
            .with_buffer_size(rodio::cpal::BufferSize::Fixed(BUFFER_FRAMES))
            .with_error_callback(on_error(lost, underruns, refills))
            .open_stream()
    });
    let mut sink = match preferred {
        Ok(sink) => {
            log::debug!("sound device opened: {RATE} Hz mono, {BUFFER_FRAMES}-frame buffer");
            sink
        }
        Err(e) => {
            log::debug!(
                "the sound device refused {RATE} Hz mono with a {BUFFER_FRAMES}-frame buffer \
                 ({e}); letting it choose"
            );
            // The device may not take 48 kHz mono: let it choose; rodio converts.
            quiet(|| {
                DeviceSinkBuilder::from_default_device()?
                    .with_error_callback(on_error(lost, underruns, refills))
                    .open_stream()
            })
            .map_err(|e| NoDevice(e.to_string()))?
        }
    };
    log::debug!("sound device config: {:?}", sink.config());
    sink.log_on_drop(false);
    Ok(sink)
}

impl Output {
    /// Opens the default output device and makes the sounds. The device
    /// plays silence until [`Output::play`].
    pub fn open() -> Result<Output, NoDevice> {
        let lost = Arc::new(AtomicBool::new(false));
        let underruns = Arc::new(AtomicU64::new(0));
        let refills = Arc::new(AtomicU64::new(0));
        let sink = open_sink(&lost, &underruns, &refills)?;
        let (tx, rx) = mpsc::channel();
        sink.mixer().add(DeviceSource {
            stream: None,
            rx,
            refills: Arc::clone(&refills),
            start: None,
            latency: Duration::ZERO,
            buf: vec![0.0; BLOCK],
            idx: BLOCK,
            len: BLOCK,
        });
        Ok(Output {
            bank: Arc::new(Bank::new()),
            _sink: sink,
            tx,
            refills,
            lost,
            underruns,
        })
    }

    /// Opens the default output device and waits (up to 3 s) for it to
    /// start pulling samples, so that a session's clock can start when its
    /// sound does. The error says why there is no device.
    pub fn open_ready() -> Result<Output, String> {
        let out = Output::open().map_err(|e| {
            log::warn!("{e}: cues are visual only");
            e.to_string()
        })?;
        let waited = Instant::now();
        let pulling = out.wait_until_pulling(Duration::from_secs(3));
        log::debug!(
            "sound device {} after {:?}",
            if pulling {
                "pulling samples"
            } else {
                "not pulling samples yet"
            },
            waited.elapsed()
        );
        Ok(out)
    }

    /// Waits until the device starts asking for samples (a sound server
    /// can take a second or more), at most `limit`. Returns whether it did.
    /// Start the session's clock after this, so its first cue is heard.
    pub fn wait_until_pulling(&self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while self.refills.load(Ordering::Acquire) == 0 {
            if Instant::now() >= until || self.is_lost() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    /// Starts the cue stream for `engine`. Sample 0 stands for `start`,
    /// which must be the instant that sample is heard: now plus `latency`.
    /// Then every cue is heard at its event's instant.
    pub fn play(&self, engine: &Engine, start: Instant, settings: Settings, latency: Duration) {
        let stream = CueStream::new(engine.clone(), start, Arc::clone(&self.bank), settings);
        let _ = self.tx.send(Msg::Start(Box::new(stream), start, latency));
    }

    /// Hands the stream a copy of the app's engine after a command.
    pub fn follow(&self, engine: &Engine) {
        let _ = self.tx.send(Msg::Engine(Box::new(engine.clone())));
    }

    /// Changes volume, mute, voice or ticks live.
    pub fn set(&self, settings: Settings) {
        let _ = self.tx.send(Msg::Settings(settings));
    }

    /// How many times the device starved (underran) so far.
    pub fn underruns(&self) -> u64 {
        self.underruns.load(Ordering::Relaxed)
    }

    /// The device went away (unplugged, the sound server stopped).
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        log::info!(
            "sound device closed: {} underrun(s){}",
            self.underruns(),
            if self.is_lost() { ", lost" } else { "" }
        );
    }
}

/// The stream as the device pulls it: refilled 10 ms at a time, taking the
/// app's messages and keeping in step with the clock between refills.
struct DeviceSource {
    stream: Option<CueStream>,
    rx: Receiver<Msg>,
    refills: Arc<AtomicU64>,
    start: Option<Instant>,
    latency: Duration,
    buf: Vec<f32>,
    idx: usize,
    len: usize,
}

impl DeviceSource {
    fn refill(&mut self) -> bool {
        self.refills.fetch_add(1, Ordering::AcqRel);
        while let Ok(msg) = self.rx.try_recv() {
            match (msg, &mut self.stream) {
                (Msg::Start(stream, start, latency), _) => {
                    self.stream = Some(*stream);
                    self.start = Some(start);
                    self.latency = latency;
                }
                (Msg::Engine(engine), Some(stream)) => stream.replace_engine(*engine),
                (Msg::Settings(settings), Some(stream)) => stream.set_settings(settings),
                _ => {}
            }
        }
        self.idx = 0;
        let (Some(stream), Some(start)) = (&mut self.stream, self.start) else {
            self.buf.fill(0.0);
            self.len = self.buf.len();
            return true;
        };
        // The sample made now is heard `latency` from now. After a stall
        // (the process stopped, the device starved) jump to where the clock
        // is, dropping the cues in between rather than playing them late.
        let expected = sample_at(start, Instant::now() + self.latency);
        if expected > stream.position() + RESYNC_SAMPLES {
            stream.skip_to(expected);
        }
        if stream.position() > expected + RESYNC_SAMPLES {
            // Ahead of the clock: wait in silence.
            self.buf.fill(0.0);
            self.len = self.buf.len();
        } else {
            self.len = stream.fill(&mut self.buf);
        }
        self.len > 0
    }
}

impl Iterator for DeviceSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.idx >= self.len && !self.refill() {
            return None;
        }
        let s = self.buf[self.idx];
        self.idx += 1;
        Some(s)
    }
}

impl Source for DeviceSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        NonZero::<u16>::MIN
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        NonZero::new(RATE).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rodio::cpal::{Error, ErrorKind};

    #[test]
    fn underruns_are_counted_and_unplugging_is_a_loss_at_once() {
        let lost = Arc::new(AtomicBool::new(false));
        let underruns = Arc::new(AtomicU64::new(0));
        let refills = Arc::new(AtomicU64::new(0));
        let mut report = on_error(&lost, &underruns, &refills);
        for _ in 0..50 {
            report(Error::new(ErrorKind::Xrun));
        }
        report(Error::new(ErrorKind::RealtimeDenied));
        assert!(!lost.load(Ordering::Relaxed), "underruns are not a loss");
        assert_eq!(underruns.load(Ordering::Relaxed), 50);
        report(Error::new(ErrorKind::DeviceNotAvailable));
        assert!(lost.load(Ordering::Relaxed), "unplugged: lost at once");
    }

    #[test]
    fn errors_while_starting_then_playing_are_not_a_loss() {
        // PulseAudio through ALSA: three failed calls in the first
        // millisecond, then the device pulls samples as usual.
        let t0 = Instant::now();
        let mut health = Health::default();
        for us in 0..3 {
            assert!(!health.error(t0 + Duration::from_micros(us), 0));
        }
        // Refilled since: a later error starts a new run.
        assert!(!health.error(t0 + Duration::from_secs(5), 40));
        assert!(!health.error(t0 + Duration::from_millis(5_400), 40));
        assert_eq!(health.errors, 2);
    }

    #[test]
    fn a_device_failing_without_playing_for_half_a_second_is_lost() {
        // A dead sound server: every call fails, nothing is pulled.
        let t0 = Instant::now();
        let mut health = Health::default();
        let mut lost_at = None;
        for ms in 0..1_000u64 {
            if health.error(t0 + Duration::from_millis(ms), 7) {
                lost_at = Some(ms);
                break;
            }
        }
        assert_eq!(lost_at, Some(500), "lost after LOST_AFTER of failing");
        // Errors spread out (a backing-off driver) still add up.
        let mut slow = Health::default();
        assert!(!slow.error(t0, 3));
        assert!(slow.error(t0 + Duration::from_secs(2), 3));
    }
}
