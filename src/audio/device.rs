//! The sound device. The only file that names rodio (whose API moves
//! between minor versions).
//!
//! A [`CueStream`] is handed to the device's mixer once and plays for the
//! whole session; the app sends it a copy of its engine after each command
//! and new settings when they change. ALSA, JACK and rodio print to stderr
//! while a device opens; that is sent to /dev/null so it never garbles the
//! terminal.

use std::collections::VecDeque;
use std::num::NonZero;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use rodio::{DeviceSinkBuilder, MixerDeviceSink, Source};

use crate::audio::quiet::quiet;
use crate::timing::engine::Engine;

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

/// A refill this long after the one before starts a new device period:
/// the device waited for room in its buffer. Refills in one period, or
/// while the device fills an empty buffer, come microseconds apart.
const PERIOD_GAP: Duration = Duration::from_millis(5);

/// How many periods' leads are kept to tell where the stream stands.
const LEADS: usize = 15;

/// What a refill does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pace {
    /// Play the stream on.
    Play,
    /// Play silence; the stream waits.
    Silence,
    /// Jump the stream to this sample, then play on.
    SkipTo(u64),
}

/// Keeps the stream in step with the clock. Pure: the caller passes the
/// time, the stream's position and the sample the clock says is due.
///
/// In step, the stream runs a steady lead on the clock at the start of
/// each device period (what the device holds in its buffer, less the
/// latency). After a stall (the process stopped, the device starved) the
/// buffer has run dry: the stream waits in silence while the device fills
/// it again, then jumps to where the clock is plus the lead it had, so the
/// cues after the stall are heard in step with those before, and the cues
/// due during it are dropped rather than played late.
#[derive(Debug, Default)]
struct Pacer {
    last: Option<Instant>,
    leads: VecDeque<i64>,
    refilling: bool,
}

impl Pacer {
    /// The lead the stream had in step: the median of the last periods'.
    fn lead(&self) -> i64 {
        let mut leads: Vec<i64> = self.leads.iter().copied().collect();
        leads.sort_unstable();
        leads.get(leads.len() / 2).copied().unwrap_or(0)
    }

    /// What the refill at `now` does, the stream being at `position` and
    /// the clock at `due`.
    fn step(&mut self, now: Instant, position: u64, due: u64) -> Pace {
        let new_period = self
            .last
            .is_none_or(|last| now.saturating_duration_since(last) >= PERIOD_GAP);
        self.last = Some(now);
        if self.refilling {
            if !new_period {
                return Pace::Silence;
            }
            self.refilling = false;
            let to = i64::try_from(due)
                .unwrap_or(i64::MAX)
                .saturating_add(self.lead());
            return Pace::SkipTo(u64::try_from(to).unwrap_or(0).max(position));
        }
        if due > position + RESYNC_SAMPLES {
            self.refilling = true;
            return Pace::Silence;
        }
        if position > due + RESYNC_SAMPLES {
            // Ahead of the clock: wait in silence.
            return Pace::Silence;
        }
        if new_period {
            if self.leads.len() == LEADS {
                self.leads.pop_front();
            }
            let lead = i128::from(position) - i128::from(due);
            self.leads.push_back(i64::try_from(lead).unwrap_or(0));
        }
        Pace::Play
    }
}

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
        sink.mixer()
            .add(DeviceSource::new(rx, Arc::clone(&pulling)));
        Ok(Output {
            bank: Arc::new(Bank::new()),
            _sink: sink,
            tx,
            pulling,
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
    fn wait_until_pulling(&self, limit: Duration) -> bool {
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
    pacer: Pacer,
}

impl DeviceSource {
    fn new(rx: Receiver<Msg>, pulling: Arc<AtomicBool>) -> DeviceSource {
        DeviceSource {
            stream: None,
            rx,
            pulling,
            start: None,
            latency: Duration::ZERO,
            buf: vec![0.0; BLOCK],
            idx: BLOCK,
            len: BLOCK,
            pacer: Pacer::default(),
        }
    }

    /// The next sample; `now` (read only when a block is made) is the clock.
    fn next_sample(&mut self, now: impl FnOnce() -> Instant) -> Option<f32> {
        if self.idx >= self.len && !self.refill(now()) {
            return None;
        }
        let s = self.buf[self.idx];
        self.idx += 1;
        Some(s)
    }

    fn refill(&mut self, now: Instant) -> bool {
        self.pulling.store(true, Ordering::Release);
        while let Ok(msg) = self.rx.try_recv() {
            match (msg, &mut self.stream) {
                (Msg::Start(stream, start, latency), _) => {
                    self.stream = Some(*stream);
                    self.start = Some(start);
                    self.latency = latency;
                    self.pacer = Pacer::default();
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
        // The sample made now is heard `latency` from now, give or take
        // what the device holds: the pacer keeps that in step.
        let due = sample_at(start, now + self.latency);
        match self.pacer.step(now, stream.position(), due) {
            Pace::Silence => {
                self.buf.fill(0.0);
                self.len = self.buf.len();
            }
            Pace::SkipTo(to) => {
                stream.skip_to(to);
                self.len = stream.fill(&mut self.buf);
            }
            Pace::Play => self.len = stream.fill(&mut self.buf),
        }
        self.len > 0
    }
}

impl Iterator for DeviceSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        self.next_sample(Instant::now)
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
    use crate::audio::stream::instant_of;
    use crate::audio::{cue_times, onsets};
    use crate::timing::plan::Session;
    use rodio::cpal::{Error, ErrorKind};
    use std::collections::VecDeque;

    /// A sound device as ALSA runs one: a buffer of two periods, played one
    /// sample per tick of its clock, refilled a period at a time whenever a
    /// period is free (at once, and again, when it ran dry). While the
    /// process is stopped nothing refills it. Returns what was heard, one
    /// sample per tick from `t0`.
    fn play_with_a_stop(
        src: &mut DeviceSource,
        t0: Instant,
        ticks: u64,
        stopped: std::ops::Range<u64>,
        mut at_tick: impl FnMut(u64),
    ) -> Vec<f32> {
        const PERIOD: usize = 1365;
        let mut buffer = VecDeque::new();
        let mut heard = Vec::new();
        for tick in 0..ticks {
            at_tick(tick);
            let now = instant_of(t0, tick);
            while !stopped.contains(&tick) && buffer.len() <= PERIOD {
                for _ in 0..PERIOD {
                    buffer.push_back(src.next_sample(|| now).unwrap_or(0.0));
                }
            }
            heard.push(buffer.pop_front().unwrap_or(0.0));
        }
        heard
    }

    #[test]
    fn after_a_stop_cues_are_heard_in_step_with_those_before() {
        let session = Session {
            tempo: "2-0-1-0".parse().expect("tempo"),
            reps: 4,
            sets: 1,
            count_in_ms: 2000,
            ..Session::default()
        };
        let settings = Settings::default();
        let (tx, rx) = mpsc::channel();
        let mut src = DeviceSource::new(rx, Arc::new(AtomicBool::new(false)));
        let t0 = Instant::now();
        let s = u64::from(RATE);
        // The app starts the session once the device pulls (0.5 s), its
        // first sample heard one latency later; the process is stopped from
        // 3.5 s to 6.5 s into the session.
        let latency = Duration::from_millis(56);
        let begin = s / 2;
        let start = instant_of(t0, begin) + latency;
        let first = sample_at(t0, start);
        let stopped = first + s * 7 / 2..first + s * 13 / 2;
        let heard = play_with_a_stop(&mut src, t0, first + 16 * s, stopped, |tick| {
            if tick == begin {
                let engine = Engine::new(session.clone(), start);
                let stream = CueStream::new(engine, start, Arc::new(Bank::new()), settings);
                tx.send(Msg::Start(Box::new(stream), start, latency))
                    .expect("send");
            }
        });
        // Each cue's sample on the device's clock, as planned and as heard.
        let planned: Vec<u64> = cue_times(&session, &settings, start)
            .iter()
            .map(|t| sample_at(t0, start + *t))
            .collect();
        let heard: Vec<u64> = onsets(&heard, 240)
            .into_iter()
            .map(|h| u64::try_from(h).expect("fits"))
            .collect();
        // The cues before the stop (up to 3 s) and after it (from 7 s) are
        // heard, those due in between are not, and every one is heard at the
        // same offset from its plan as the first, within a block (10 ms).
        let stop = first + 7 * s / 2;
        let before = planned.iter().filter(|p| **p < stop);
        let after = planned.iter().filter(|p| **p >= first + 7 * s);
        let want: Vec<u64> = before.chain(after).copied().collect();
        assert_eq!(heard.len(), want.len(), "heard {heard:?}, want {want:?}");
        let offset = |h: u64, p: u64| i128::from(h) - i128::from(p);
        let first_offset = offset(heard[0], want[0]);
        for (h, p) in heard.iter().zip(&want) {
            let off = offset(*h, *p) - first_offset;
            assert!(
                off.abs() <= i128::from(RATE / 100),
                "the cue planned at sample {p} is heard {off} samples off the others"
            );
        }
    }

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
