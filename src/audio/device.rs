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
    pulling: Arc<AtomicBool>,
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

/// How long errors other than underruns must keep coming before the device
/// is given up as lost: a sound server that dies makes ALSA fail every
/// call, hundreds of times a millisecond, for good. A burst that stops is a
/// hiccup: PulseAudio's ALSA plugin fails its calls with EIO for a few
/// milliseconds while a stream (re)starts, at start-up and after the
/// process was stopped (SIGSTOP, Ctrl-Z), more than a thousand times.
const LOST_AFTER: Duration = Duration::from_millis(500);

/// A pause this long between errors ends a run of them.
const ERRORS_QUIET: Duration = Duration::from_millis(100);

/// The current run of errors other than underruns: when it began, its
/// last error and how many there were. Pure: the caller passes the time.
#[derive(Debug, Default)]
struct ErrorRun {
    since: Option<Instant>,
    last: Option<Instant>,
    count: u64,
}

impl ErrorRun {
    /// Counts an error at `now`; true when the run has lasted long enough
    /// to mean the device is gone.
    fn error(&mut self, now: Instant) -> bool {
        let quiet = self
            .last
            .is_none_or(|last| now.saturating_duration_since(last) >= ERRORS_QUIET);
        if quiet {
            self.since = Some(now);
            self.count = 0;
        }
        self.last = Some(now);
        self.count += 1;
        self.since
            .is_some_and(|since| now.saturating_duration_since(since) >= LOST_AFTER)
    }

    /// Whether `error` just began a new run.
    fn is_new(&self) -> bool {
        self.count == 1
    }
}

/// Marks the device lost on the errors that mean it is gone for good, or
/// when other errors keep coming for [`LOST_AFTER`]; an underrun (the
/// stream starved for a moment) is only counted.
fn on_error(
    lost: &Arc<AtomicBool>,
    underruns: &Arc<AtomicU64>,
) -> impl FnMut(rodio::cpal::Error) + Send + 'static {
    let (lost, underruns) = (Arc::clone(lost), Arc::clone(underruns));
    let mut run = ErrorRun::default();
    move |e: rodio::cpal::Error| {
        use rodio::cpal::ErrorKind;
        if lost.load(Ordering::Relaxed) {
            return;
        }
        match e.kind() {
            ErrorKind::Xrun => {
                underruns.fetch_add(1, Ordering::Relaxed);
            }
            ErrorKind::RealtimeDenied | ErrorKind::DeviceChanged => {
                log::debug!("sound device error: {:?}: {e}", e.kind());
            }
            ErrorKind::DeviceNotAvailable
            | ErrorKind::HostUnavailable
            | ErrorKind::StreamInvalidated => {
                log::debug!("sound device error: {:?}: {e}", e.kind());
                lost.store(true, Ordering::Relaxed);
            }
            _ => {
                let gone = run.error(Instant::now());
                if run.is_new() {
                    log::debug!("sound device error: {:?}: {e}", e.kind());
                }
                if gone {
                    log::debug!(
                        "sound device failing for {LOST_AFTER:?} ({} errors): given up as lost",
                        run.count
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
) -> Result<MixerDeviceSink, NoDevice> {
    let mono = NonZero::<u16>::MIN;
    let rate = NonZero::new(RATE).ok_or_else(|| NoDevice("bad rate".into()))?;
    let preferred = quiet(|| {
        DeviceSinkBuilder::from_default_device()?
            .with_sample_rate(rate)
            .with_channels(mono)
            .with_buffer_size(rodio::cpal::BufferSize::Fixed(BUFFER_FRAMES))
            .with_error_callback(on_error(lost, underruns))
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
                    .with_error_callback(on_error(lost, underruns))
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
        let pulling = Arc::new(AtomicBool::new(false));
        let sink = open_sink(&lost, &underruns)?;
        let (tx, rx) = mpsc::channel();
        sink.mixer().add(DeviceSource {
            stream: None,
            rx,
            pulling: Arc::clone(&pulling),
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
            pulling,
            lost,
            underruns,
        })
    }

    /// Waits until the device starts asking for samples (a sound server
    /// can take a second or more), at most `limit`. Returns whether it did.
    /// Start the session's clock after this, so its first cue is heard.
    pub fn wait_until_pulling(&self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while !self.pulling.load(Ordering::Acquire) {
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
    pulling: Arc<AtomicBool>,
    start: Option<Instant>,
    latency: Duration,
    buf: Vec<f32>,
    idx: usize,
    len: usize,
}

impl DeviceSource {
    fn refill(&mut self) -> bool {
        self.pulling.store(true, Ordering::Release);
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
    fn underruns_are_counted_and_an_unplugged_device_is_lost() {
        let lost = Arc::new(AtomicBool::new(false));
        let underruns = Arc::new(AtomicU64::new(0));
        let mut report = on_error(&lost, &underruns);
        for _ in 0..50 {
            report(Error::new(ErrorKind::Xrun));
        }
        report(Error::new(ErrorKind::RealtimeDenied));
        assert!(!lost.load(Ordering::Relaxed), "underruns are not a loss");
        assert_eq!(underruns.load(Ordering::Relaxed), 50);
        // A burst of errors that ends is a hiccup, however many there are.
        for _ in 0..2000 {
            report(Error::new(ErrorKind::BackendError));
        }
        assert!(!lost.load(Ordering::Relaxed), "a burst is not a loss");
        let gone = Arc::new(AtomicBool::new(false));
        on_error(&gone, &underruns)(Error::new(ErrorKind::DeviceNotAvailable));
        assert!(gone.load(Ordering::Relaxed), "unplugged: lost at once");
    }

    #[test]
    fn errors_that_keep_coming_mean_lost_and_a_burst_does_not() {
        let t0 = Instant::now();
        let at = |us: u64| t0 + Duration::from_micros(us);
        let mut run = ErrorRun::default();
        // PulseAudio's plugin restarting a stream: EIO over and over for 3 ms.
        for us in 0..3000 {
            assert!(!run.error(at(us)), "a burst at {us} µs");
        }
        // The same a second later, and again: each is a new run.
        for us in 1_000_000..1_003_000 {
            assert!(!run.error(at(us)));
        }
        assert_eq!(run.count, 3000, "the second burst counted on its own");
        for us in (1_200_000..1_690_000).step_by(50_000) {
            assert!(!run.error(at(us)), "errors 50 ms apart for 490 ms");
        }
        assert!(run.error(at(1_700_000)), "and at 500 ms it is lost");
        // A dead sound server: every call fails, without end.
        let mut dead = ErrorRun::default();
        let lost_at = (0..1_000_000).step_by(10).find(|&us| dead.error(at(us)));
        assert_eq!(lost_at, Some(500_000));
        // Errors further apart than the quiet gap never add up.
        let mut rare = ErrorRun::default();
        for n in 0..100 {
            assert!(!rare.error(at(n * 150_000)));
            assert!(rare.is_new());
        }
    }
}
