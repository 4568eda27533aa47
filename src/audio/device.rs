//! The sound device. The only file that names rodio (whose API moves
//! between minor versions).
//!
//! The output is opened with the cpal that rodio re-exports
//! (`rodio::cpal`), not with rodio's `DeviceSinkBuilder`: rodio's own data
//! callback drops cpal's `OutputCallbackInfo`, and with it the one thing a
//! metronome needs from the device, when the buffer it fills will be heard
//! (its playback timestamp minus its callback timestamp: the delay the
//! driver or sound server reports). Our callback reads that delay and
//! hands it to the [`Feed`], which places the cue stream by it. rodio still
//! converts the rate for a device that refuses 48 kHz
//! (`rodio::conversions::SampleRateConverter`).
//!
//! A [`CueStream`] is handed to the device once and plays for the whole
//! session; the app sends it a copy of its engine after each command and
//! new settings when they change. ALSA, JACK and rodio print to stderr
//! while a device opens; that is sent to /dev/null so it never garbles the
//! terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use crate::timing::units::ms_f64;
use rodio::conversions::SampleRateConverter;
use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use rodio::cpal::{self, BufferSize, FromSample, OutputCallbackInfo, SampleFormat, SizedSample};

use crate::audio::quiet::quiet;
use crate::timing::engine::Engine;

use super::RATE;
use super::cues::{Bank, Settings};
use super::feed::{Feed, Measured, Shared, ToDevice};
use super::stream::CueStream;

/// The buffer we ask the device for, in frames at 48 kHz: large enough not
/// to starve on a busy machine (256 did, through PulseAudio). Through ALSA
/// it gives two periods of about 1365 frames.
const BUFFER_FRAMES: u32 = 2048;

/// Samples made at a time for rodio's rate converter (10 ms).
const BLOCK: usize = RATE as usize / 100;

/// How long [`Output::open_ready`] waits for the device to play and its
/// clock to be known (a sound server can take a second or more).
const READY_WITHIN: Duration = Duration::from_secs(3);

/// Why there is no sound.
#[derive(Debug, thiserror::Error)]
#[error("no audio device ({0})")]
pub struct NoDevice(String);

/// The device as it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeviceInfo {
    /// Its name, as the system gives it.
    pub name: String,
    /// The audio system (ALSA, CoreAudio, WASAPI…).
    pub host: String,
    /// Frames a second.
    pub rate: u32,
    /// Channels (each gets the same mono cue stream).
    pub channels: u16,
    /// The sample format (f32, i16…).
    pub format: String,
    /// The buffer asked for: a number of frames, or the device's default.
    pub buffer: String,
}

/// Sound on the default output device, for one session.
pub struct Output {
    bank: Arc<Bank>,
    _stream: cpal::Stream,
    info: DeviceInfo,
    tx: Sender<ToDevice>,
    shared: Arc<Shared>,
    lost: Arc<AtomicBool>,
    underruns: Arc<AtomicU64>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("info", &self.info)
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
) -> impl FnMut(cpal::Error) + Send + 'static {
    let (lost, underruns) = (Arc::clone(lost), Arc::clone(underruns));
    let mut run = ErrorRun::default();
    move |e: cpal::Error| {
        use cpal::ErrorKind;
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

/// The mono cue stream at 48 kHz, as rodio's rate converter pulls it.
struct FeedSource {
    feed: Feed,
    block: Vec<f32>,
    at: usize,
}

impl Iterator for FeedSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.at >= self.block.len() {
            self.feed.fill(&mut self.block);
            self.at = 0;
        }
        let s = self.block[self.at];
        self.at += 1;
        Some(s)
    }
}

/// How the stream reaches the device's frames.
enum Route {
    /// The device plays 48 kHz: each sample goes to every channel.
    Direct { feed: Box<Feed>, scratch: Vec<f32> },
    /// Another rate: rodio converts.
    Resampled(Box<SampleRateConverter<FeedSource>>),
}

impl Route {
    fn new(feed: Feed, rate: u32) -> Route {
        match (std::num::NonZero::new(RATE), std::num::NonZero::new(rate)) {
            (Some(from), Some(to)) if rate != RATE => {
                let source = FeedSource {
                    feed,
                    block: vec![0.0; BLOCK],
                    at: BLOCK,
                };
                let mono = std::num::NonZero::<u16>::MIN;
                Route::Resampled(Box::new(SampleRateConverter::new(source, from, to, mono)))
            }
            _ => Route::Direct {
                feed: Box::new(feed),
                scratch: Vec::new(),
            },
        }
    }

    fn feed(&mut self) -> &mut Feed {
        match self {
            Route::Direct { feed, .. } => feed,
            Route::Resampled(conv) => &mut conv.inner_mut().feed,
        }
    }

    /// One device callback: `data` is `channels` interleaved.
    fn play<T: SizedSample + FromSample<f32>>(
        &mut self,
        data: &mut [T],
        channels: usize,
        info: &OutputCallbackInfo,
    ) {
        let now = Instant::now();
        let stamp = info.timestamp();
        let delay = stamp.playback.duration_since(stamp.callback);
        let frames = data.len() / channels.max(1);
        self.feed().callback(now, delay, frames);
        match self {
            Route::Direct { feed, scratch } => {
                scratch.resize(frames, 0.0);
                feed.fill(scratch);
                for (frame, s) in data.chunks_mut(channels.max(1)).zip(scratch.iter()) {
                    frame.fill(T::from_sample(*s));
                }
            }
            Route::Resampled(conv) => {
                for frame in data.chunks_mut(channels.max(1)) {
                    let s = conv.next().unwrap_or(0.0);
                    frame.fill(T::from_sample(s));
                }
            }
        }
    }
}

/// Builds the output stream for `config` in `format`, its callback playing
/// `feed`.
fn build(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    format: SampleFormat,
    feed: Feed,
    on_error: impl FnMut(cpal::Error) + Send + 'static,
) -> Result<cpal::Stream, String> {
    let channels = usize::from(config.channels);
    let mut path = Route::new(feed, config.sample_rate);
    macro_rules! build_as {
        ($($format:ident => $t:ty),+) => {
            match format {
                $(SampleFormat::$format => device.build_output_stream::<$t, _, _>(
                    config.clone(),
                    move |data, info| path.play(data, channels, info),
                    on_error,
                    None,
                ),)+
                other => return Err(format!("the sample format {other} is not played")),
            }
        };
    }
    build_as!(F32 => f32, F64 => f64, I16 => i16, I32 => i32, I24 => cpal::I24,
              U8 => u8, U16 => u16, I8 => i8)
    .map_err(|e| e.to_string())
}

/// The configurations to try, best first: 48 kHz mono f32 with our
/// buffer, then the device's own format with a buffer of the same length,
/// then with the device's default buffer.
fn configs(device: &cpal::Device) -> Vec<(cpal::StreamConfig, SampleFormat)> {
    let mut tries = vec![(
        cpal::StreamConfig {
            channels: 1,
            sample_rate: RATE,
            buffer_size: BufferSize::Fixed(BUFFER_FRAMES),
        },
        SampleFormat::F32,
    )];
    if let Ok(own) = device.default_output_config() {
        let rate = own.sample_rate();
        let frames = u64::from(BUFFER_FRAMES) * u64::from(rate) / u64::from(RATE);
        for buffer_size in [
            BufferSize::Fixed(u32::try_from(frames).unwrap_or(BUFFER_FRAMES)),
            BufferSize::Default,
        ] {
            let config = cpal::StreamConfig {
                channels: own.channels(),
                sample_rate: rate,
                buffer_size,
            };
            tries.push((config, own.sample_format()));
        }
    }
    tries
}

fn buffer_text(size: &BufferSize) -> String {
    match size {
        BufferSize::Fixed(n) => format!("{n} frames"),
        BufferSize::Default => "the device's default".to_string(),
    }
}

impl Output {
    /// Opens the default output device and makes the sounds. The device
    /// plays silence until [`Output::play`].
    pub fn open() -> Result<Output, NoDevice> {
        let lost = Arc::new(AtomicBool::new(false));
        let underruns = Arc::new(AtomicU64::new(0));
        let (stream, info, tx, shared) = quiet(|| {
            let host = cpal::default_host();
            let device = host
                .default_output_device()
                .ok_or_else(|| "no output device".to_string())?;
            let name = device
                .description()
                .map_or_else(|_| "unnamed".to_string(), |d| d.name().to_string());
            let mut first_error = None;
            for (config, format) in configs(&device) {
                let (tx, rx) = mpsc::channel();
                let shared = Arc::new(Shared::default());
                let feed = Feed::new(rx, config.sample_rate, Arc::clone(&shared));
                let opened = build(&device, &config, format, feed, on_error(&lost, &underruns))
                    .and_then(|stream| stream.play().map(|()| stream).map_err(|e| e.to_string()));
                match opened {
                    Ok(stream) => {
                        let info = DeviceInfo {
                            name,
                            host: host.id().name().to_string(),
                            rate: config.sample_rate,
                            channels: config.channels,
                            format: format.to_string(),
                            buffer: buffer_text(&config.buffer_size),
                        };
                        return Ok((stream, info, tx, shared));
                    }
                    Err(e) => {
                        log::debug!(
                            "the sound device refused {} Hz, {} channel(s), {format}, buffer {} ({e})",
                            config.sample_rate,
                            config.channels,
                            buffer_text(&config.buffer_size)
                        );
                        first_error.get_or_insert(e);
                    }
                }
            }
            Err(first_error.unwrap_or_else(|| "no configuration to try".to_string()))
        })
        .map_err(NoDevice)?;
        log::debug!("sound device opened: {info:?}");
        Ok(Output {
            bank: Arc::new(Bank::new()),
            _stream: stream,
            info,
            tx,
            shared,
            lost,
            underruns,
        })
    }

    /// Opens the default output device and waits (up to 3 s) for it to
    /// play and for its clock to be known, so that a session's clock can
    /// start when its sound does ([`Output::lead`]). The error says why
    /// there is no device.
    pub(crate) fn open_ready() -> Result<Output, String> {
        let out = Output::open().map_err(|e| {
            log::warn!("{e}: cues are visual only");
            e.to_string()
        })?;
        let waited = Instant::now();
        let ready = out.wait_until_ready(READY_WITHIN);
        let m = out.measured();
        log::debug!(
            "sound device {} after {:?}: it reports a delay of {:.1} ms \
             ({:.1}-{:.1} ms over {} callbacks); a sample handed over now is heard in {:.1} ms",
            if ready { "playing" } else { "not playing yet" },
            waited.elapsed(),
            ms_f64(m.delay),
            ms_f64(m.delay_range.0),
            ms_f64(m.delay_range.1),
            m.callbacks,
            ms_f64(m.lead),
        );
        Ok(out)
    }

    /// Waits until the device plays and its clock is known (a sound server
    /// can take a second or more), at most `limit`. Returns whether it did.
    fn wait_until_ready(&self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while !self.measured().settled {
            if Instant::now() >= until || self.is_lost() {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    /// How long from now until a sample handed to the device now is heard,
    /// as the device reports it (its delay and what its buffer holds): the
    /// stream of a session that starts now plus this (plus any extra
    /// offset) is heard from its first sample.
    pub(crate) fn lead(&self) -> Duration {
        self.measured().lead
    }

    /// What the device and its timing are, as opened.
    pub(crate) fn info(&self) -> &DeviceInfo {
        &self.info
    }

    /// What the device's thread measured so far.
    pub(crate) fn measured(&self) -> Measured {
        self.shared.measured()
    }

    /// Starts the cue stream for `engine`. Sample 0 stands for `start`,
    /// which must be when it is heard: at least [`Output::lead`] plus
    /// `extra` from now. Each sample is then played so that it is heard
    /// `extra` after the device says it plays it: every cue at its event's
    /// instant.
    pub fn play(&self, engine: &Engine, start: Instant, settings: Settings, extra: Duration) {
        let stream = CueStream::new(engine.clone(), start, Arc::clone(&self.bank), settings);
        let _ = self
            .tx
            .send(ToDevice::Start(Box::new(stream), start, extra));
    }

    /// Hands the stream a copy of the app's engine after a command.
    pub fn follow(&self, engine: &Engine) {
        let _ = self.tx.send(ToDevice::Engine(Box::new(engine.clone())));
    }

    /// Changes volume, mute, voice or ticks live.
    pub fn set(&self, settings: Settings) {
        let _ = self.tx.send(ToDevice::Settings(settings));
    }

    /// How many times the device starved (underran) so far.
    pub(crate) fn underruns(&self) -> u64 {
        self.underruns.load(Ordering::Relaxed)
    }

    /// The device went away (unplugged, the sound server stopped).
    pub(crate) fn is_lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let m = self.measured();
        log::info!(
            "sound device closed: {} underrun(s){}; delay reported {:.1} ms ({:.1}-{:.1} ms), \
             {} drift correction(s), {} jump(s) back in step",
            self.underruns(),
            if self.is_lost() { ", lost" } else { "" },
            ms_f64(m.delay),
            ms_f64(m.delay_range.0),
            ms_f64(m.delay_range.1),
            m.corrections,
            m.resyncs,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpal::{Error, ErrorKind};

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
