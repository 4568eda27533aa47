//! The cue stream as the device pulls it: each device callback first says
//! when its buffer will be heard ([`Feed::callback`]), then takes the
//! samples ([`Feed::fill`]). The feed takes the app's messages, keeps the
//! stream in step with the device's clock ([`Pacer`]) and tells the app
//! what it measured ([`Shared`]). It reads no clock: the device's thread
//! passes the time in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::timing::engine::Engine;

use super::cues::Settings;
use super::pacer::{Pace, Pacer, Room};
use super::sample_at;
use super::stream::CueStream;

/// Trailing samples of digital silence that make a quiet moment (10 ms):
/// no cue is sounding, so silence can be added or skipped unheard.
const QUIET: usize = super::RATE as usize / 100;

/// What the app sends the device's thread.
#[derive(Debug)]
pub(crate) enum ToDevice {
    /// Play this stream, whose sample 0 stands for this instant, heard
    /// this much later than the device reports (the extra offset).
    Start(Box<CueStream>, Instant, Duration),
    /// A copy of the app's engine after a command.
    Engine(Box<Engine>),
    /// New volume, mute, voice or ticks.
    Settings(Settings),
}

/// What the device's thread measured, for the app to read at any time.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    callbacks: AtomicU64,
    frames: AtomicU64,
    lead_ns: AtomicU64,
    delay_us: AtomicU64,
    delay_lo_us: AtomicU64,
    delay_hi_us: AtomicU64,
    settled: AtomicBool,
    position: AtomicU64,
    finished: AtomicBool,
    corrections: AtomicU64,
    resyncs: AtomicU64,
}

/// A snapshot of [`Shared`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Measured {
    /// Device callbacks so far.
    pub callbacks: u64,
    /// Frames the device has asked for.
    pub frames: u64,
    /// At the last callback: from then until the next frame handed over
    /// is heard (the device's delay and what it holds).
    pub lead: Duration,
    /// The delay the device reported lately (median).
    pub delay: Duration,
    /// The smallest and largest delay it reported.
    pub delay_range: (Duration, Duration),
    /// The device's clock is known.
    pub settled: bool,
    /// The stream's samples made so far.
    pub position: u64,
    /// The stream has played its last cue.
    pub finished: bool,
    /// Drift corrections at quiet moments.
    pub corrections: u64,
    /// Jumps back in step (after a stall).
    pub resyncs: u64,
}

impl Shared {
    /// What was measured so far.
    pub(crate) fn measured(&self) -> Measured {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Measured {
            callbacks: get(&self.callbacks),
            frames: get(&self.frames),
            lead: Duration::from_nanos(get(&self.lead_ns)),
            delay: Duration::from_micros(get(&self.delay_us)),
            delay_range: (
                Duration::from_micros(get(&self.delay_lo_us)),
                Duration::from_micros(get(&self.delay_hi_us)),
            ),
            settled: self.settled.load(Ordering::Acquire),
            position: get(&self.position),
            finished: self.finished.load(Ordering::Relaxed),
            corrections: get(&self.corrections),
            resyncs: get(&self.resyncs),
        }
    }
}

/// A stream being played.
#[derive(Debug)]
struct Playing {
    stream: CueStream,
    start: Instant,
    extra: Duration,
}

/// The stream as the device pulls it.
#[derive(Debug)]
pub(crate) struct Feed {
    rx: Receiver<ToDevice>,
    playing: Option<Playing>,
    pacer: Pacer,
    /// Silence to play before the stream, in this callback.
    silence: u64,
    /// Trailing samples of digital silence made.
    quiet: usize,
    shared: Arc<Shared>,
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

impl Feed {
    /// A feed for a device playing `rate` frames a second, taking the
    /// app's messages from `rx` and telling it what it measured in `shared`.
    pub fn new(rx: Receiver<ToDevice>, rate: u32, shared: Arc<Shared>) -> Feed {
        Feed {
            rx,
            playing: None,
            pacer: Pacer::new(rate),
            silence: 0,
            quiet: 0,
            shared,
        }
    }

    /// A device callback at `now` for `frames` frames, the first of which
    /// the device says it plays `delay` from now: decides what this buffer
    /// plays.
    pub(crate) fn callback(&mut self, now: Instant, delay: Duration, frames: usize) {
        while let Ok(msg) = self.rx.try_recv() {
            match (msg, &mut self.playing) {
                (ToDevice::Start(stream, start, extra), _) => {
                    self.playing = Some(Playing {
                        stream: *stream,
                        start,
                        extra,
                    });
                    self.pacer.restart();
                }
                (ToDevice::Engine(engine), Some(p)) => p.stream.replace_engine(*engine),
                (ToDevice::Settings(settings), Some(p)) => p.stream.set_settings(settings),
                _ => {}
            }
        }
        let heard = self.pacer.callback(now, delay, frames);
        self.silence = 0;
        if let Some(p) = self.playing.as_mut().filter(|p| !p.stream.is_finished()) {
            let position = p.stream.position();
            let room = Room {
                quiet: self.quiet >= QUIET,
                clear: p.stream.engine().next_deadline().map_or(u64::MAX, |due| {
                    sample_at(p.start, due).saturating_sub(position)
                }),
            };
            let at = heard.map(|h| h + p.extra);
            let (corrections, resyncs) = self.pacer.corrections();
            let pace = self.pacer.place(at, p.start, position, room);
            let (corrected, resynced) = self.pacer.corrections();
            if resynced != resyncs {
                log::debug!("sound: far off, back in step at once: {pace:?} (samples)");
            } else if corrected != corrections {
                log::debug!("sound: {pace:?} (samples) to keep in step with the device's clock");
            }
            match pace {
                Pace::Play => {}
                Pace::Hold => self.silence = u64::MAX,
                Pace::Silence(n) => self.silence = n,
                Pace::Skip(n) => p.stream.skip_to(position + n),
                Pace::Jump(to) => p.stream.skip_to(to),
            }
        }
        if let Some(p) = &self.playing {
            let s = &self.shared;
            s.position.store(p.stream.position(), Ordering::Relaxed);
            s.finished.store(p.stream.is_finished(), Ordering::Relaxed);
        }
        self.publish(now);
    }

    fn publish(&self, now: Instant) {
        let s = &self.shared;
        let (corrections, resyncs) = self.pacer.corrections();
        s.corrections.store(corrections, Ordering::Relaxed);
        s.resyncs.store(resyncs, Ordering::Relaxed);
        s.callbacks.fetch_add(1, Ordering::Relaxed);
        s.frames.store(self.pacer.frames(), Ordering::Relaxed);
        if let Some(lead) = self.pacer.lead(now) {
            let ns = u64::try_from(lead.as_nanos()).unwrap_or(u64::MAX);
            s.lead_ns.store(ns, Ordering::Relaxed);
        }
        if let Some(delay) = self.pacer.delay() {
            s.delay_us.store(micros(delay), Ordering::Relaxed);
        }
        if let Some((lo, hi)) = self.pacer.delay_range() {
            s.delay_lo_us.store(micros(lo), Ordering::Relaxed);
            s.delay_hi_us.store(micros(hi), Ordering::Relaxed);
        }
        s.settled.store(self.pacer.is_settled(), Ordering::Release);
    }

    /// The next samples (mono, at [`super::RATE`]) of the buffer that
    /// [`Feed::callback`] announced.
    pub(crate) fn fill(&mut self, out: &mut [f32]) {
        let n = usize::try_from(self.silence)
            .unwrap_or(usize::MAX)
            .min(out.len());
        out[..n].fill(0.0);
        self.silence -= n as u64;
        let rest = &mut out[n..];
        let made = match &mut self.playing {
            Some(p) => p.stream.fill(rest),
            None => 0,
        };
        rest[made..].fill(0.0);
        match out.iter().rposition(|s| *s != 0.0) {
            Some(last) => self.quiet = out.len() - 1 - last,
            None => self.quiet = self.quiet.saturating_add(out.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::cues::Bank;
    use crate::audio::instant_of;
    use crate::audio::onsets::onsets;
    use crate::audio::{RATE, cue_times};
    use crate::timing::plan::Session;
    use std::collections::VecDeque;
    use std::sync::mpsc::{self, Sender};

    const PERIOD: usize = 1365;

    /// A sound device as ALSA runs one, behind a sound server: a buffer of
    /// two periods, refilled a period at a time whenever a period is free
    /// (at once, and again, when it ran dry), then `reported` more ticks in
    /// the server (a Bluetooth headset's link, say), which it reports, then
    /// `unreported` ticks that nobody reports (a loudspeaker across the
    /// room). Each refill asks the feed with the delay it reports. While
    /// the process is stopped nothing refills it. One sample per tick of
    /// its clock; returns what was heard, one sample per tick from `t0`.
    struct Device {
        buffer: VecDeque<f32>,
        line: VecDeque<f32>,
        reported: usize,
        unreported: usize,
    }

    impl Device {
        fn new(reported: usize, unreported: usize) -> Device {
            Device {
                buffer: VecDeque::new(),
                line: std::iter::repeat_n(0.0, reported + unreported).collect(),
                reported,
                unreported,
            }
        }

        fn run(
            &mut self,
            feed: &mut Feed,
            t0: Instant,
            ticks: u64,
            stopped: std::ops::Range<u64>,
            mut at_tick: impl FnMut(u64, &Feed),
        ) -> Vec<f32> {
            let mut heard = Vec::new();
            let mut block = vec![0.0; PERIOD];
            for tick in 0..ticks {
                at_tick(tick, feed);
                let now = instant_of(t0, tick);
                while !stopped.contains(&tick) && self.buffer.len() <= PERIOD {
                    let delay = (self.buffer.len() + self.reported) as u64;
                    let delay = Duration::from_nanos(delay * 1_000_000_000 / u64::from(RATE));
                    feed.callback(now, delay, PERIOD);
                    feed.fill(&mut block);
                    self.buffer.extend(&block);
                }
                // A device that ran dry plays silence.
                self.line.push_back(self.buffer.pop_front().unwrap_or(0.0));
                heard.push(self.line.pop_front().unwrap_or(0.0));
            }
            debug_assert_eq!(self.line.len(), self.reported + self.unreported);
            heard
        }
    }

    fn session() -> Session {
        Session {
            tempo: "2-0-1-0".parse().expect("tempo"),
            reps: 4,
            sets: 1,
            count_in_ms: 2000,
            ..Session::default()
        }
    }

    /// The app's side: once the device's clock is known (half a second in,
    /// or later), the session starts when a sample handed over now is
    /// heard, plus `extra`; its stream is sent then.
    fn starter(
        tx: Sender<ToDevice>,
        t0: Instant,
        extra: Duration,
    ) -> impl FnMut(u64, &Feed) -> Option<Instant> {
        let mut started = None;
        move |tick, feed| {
            if started.is_none() && tick >= u64::from(RATE) / 2 && feed.shared.measured().settled {
                let now = instant_of(t0, tick);
                let start = now + feed.shared.measured().lead + extra;
                let engine = Engine::new(session(), start);
                let stream =
                    CueStream::new(engine, start, Arc::new(Bank::new()), Settings::default());
                tx.send(ToDevice::Start(Box::new(stream), start, extra))
                    .expect("send");
                started = Some(start);
            }
            started
        }
    }

    /// Each cue's sample on the device's clock, as planned (its instant: when
    /// the display shows it) and as heard.
    fn planned_and_heard(t0: Instant, start: Instant, heard: &[f32]) -> (Vec<u64>, Vec<u64>) {
        let planned = cue_times(&session(), &Settings::default(), start)
            .iter()
            .map(|t| sample_at(t0, start + *t))
            .collect();
        let heard = onsets(heard, 240)
            .into_iter()
            .map(|h| u64::try_from(h).expect("fits"))
            .collect();
        (planned, heard)
    }

    #[test]
    fn every_cue_is_heard_at_its_instant_whatever_the_device_s_delay() {
        let ms = |n: usize| n * RATE as usize / 1000;
        // A plain buffer; a headset that reports 170 ms more; and a speaker
        // 40 ms further that nobody reports, given as the extra offset.
        for (reported, unreported) in [(0, 0), (ms(170), 0), (ms(170), ms(40))] {
            let (tx, rx) = mpsc::channel();
            let mut feed = Feed::new(rx, RATE, Arc::new(Shared::default()));
            let t0 = Instant::now();
            let extra = Duration::from_millis((unreported * 1000 / RATE as usize) as u64);
            let mut start = None;
            let mut app = starter(tx, t0, extra);
            let heard = Device::new(reported, unreported).run(
                &mut feed,
                t0,
                16 * u64::from(RATE),
                0..0,
                |tick, feed| start = app(tick, feed),
            );
            let (planned, heard) = planned_and_heard(t0, start.expect("started"), &heard);
            assert_eq!(
                heard, planned,
                "reported {reported}, unreported {unreported}"
            );
            let m = feed.shared.measured();
            assert_eq!((m.corrections, m.resyncs), (0, 0));
            let want = Duration::from_nanos((PERIOD + reported) as u64 * 1_000_000_000 / 48_000);
            assert!(m.delay.abs_diff(want) < Duration::from_micros(50), "{m:?}");
        }
    }

    #[test]
    fn after_a_stop_cues_are_heard_in_step_with_those_before() {
        let (tx, rx) = mpsc::channel();
        let mut feed = Feed::new(rx, RATE, Arc::new(Shared::default()));
        let t0 = Instant::now();
        let s = u64::from(RATE);
        let mut start = None;
        let mut app = starter(tx, t0, Duration::ZERO);
        // The process is stopped from 3.5 s to 6.5 s into the session (it
        // starts about 0.6 s in).
        let first = s / 2 + s / 10;
        let stopped = first + s * 7 / 2..first + s * 13 / 2;
        let heard = Device::new(0, 0).run(&mut feed, t0, first + 16 * s, stopped, |tick, feed| {
            start = app(tick, feed);
        });
        let start = start.expect("started");
        let (planned, heard) = planned_and_heard(t0, start, &heard);
        // The cues before the stop and after it (from 7 s) are heard, those
        // due in between are not, and every one at its planned sample.
        let session_start = sample_at(t0, start);
        let stop = first + 7 * s / 2;
        let before = planned.iter().filter(|p| **p < stop);
        let after = planned.iter().filter(|p| **p >= session_start + 7 * s);
        let want: Vec<u64> = before.chain(after).copied().collect();
        assert_eq!(heard, want);
        assert_eq!(feed.shared.measured().resyncs, 1);
    }
}
