//! When the device plays what it is handed, and where the cue stream must
//! stand for its samples to be heard at their instants. Pure: the caller
//! passes each device callback's time and the delay the device reports.
//!
//! Every callback says how long the device will take to play the first
//! frame of the buffer it asks for (cpal's playback timestamp minus its
//! callback timestamp: what the driver or sound server reports, its own
//! buffers and the sink's latency included). From that, and the frames
//! handed over before, each callback gives one estimate of the device's
//! epoch: the instant its frame 0 was, or would have been, heard. While the
//! device plays at its rate, every estimate is the same give or take the
//! jitter of the reports, so the pacer keeps the mean of the middle half of
//! the recent ones (their centre), and follows it no faster than a real
//! clock drifts ([`SLEW_PPM`]): frame `n` is heard at `epoch + n / rate`.
//! Under CPU load PulseAudio's reports wander by thousands of ppm for
//! seconds (a rise of 4 ms/s to +16 ms, then back, measured through its
//! ALSA plugin), which a device does not: its crystal drifts by tens.
//!
//! An estimate far from the centre is held in doubt until the next one
//! says the same (the device stalled or restarted, its delay jumped) and
//! then replaces them all; one that the next does not confirm is dropped.
//! Meanwhile the stream waits in silence if the estimate says the device
//! stalled (rather than play what was due before the stall), and plays on
//! otherwise. A reported delay of 0 is no report (see [`Pacer::callback`]).
//! Estimates come only from callbacks the device paced (after waiting for
//! room in its buffer), not from the burst that fills an empty buffer at
//! the start or after a stall, whose reported delay is still growing.
//!
//! The stream is placed exactly when it starts, and again at once when it
//! is more than [`JUMP`] off (after the process was stopped, say); a
//! smaller drift (the device's clock against the system's, a delay that
//! moved) is corrected when it passes [`TOLERANCE`], at a quiet moment: a
//! few ms of silence added or skipped between cues, never inside one.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::RATE;

/// How many paced callbacks' estimates make the epoch (about 0.9 s of
/// 28 ms periods): enough that the reports' jitter (±4 ms through a
/// PulseAudio pipe sink) moves it by well under [`TOLERANCE`].
const WINDOW: usize = 31;

/// How many paced callbacks must agree (about 0.2 s) before the device's
/// clock is known at the start: a session starts on it.
const SETTLE: usize = 8;

/// An estimate this far from the reports' centre is in doubt until
/// confirmed.
const FAR: Duration = Duration::from_millis(20);

/// How fast the epoch may follow the reports' centre, in µs per second
/// (ppm). A sound card's clock drifts from the system's by tens of ppm
/// (the harness's pipe sink: 52); the reports of a loaded sound server
/// wander by thousands. A step of [`FAR`] or more, confirmed, is taken at
/// once; a smaller one (a sound server raising its latency) is followed
/// at this pace: 10 ms in 50 s.
const SLEW_PPM: i64 = 200;

/// A callback this long after the one before was paced by the device;
/// those of a burst that fills an empty buffer come microseconds apart.
const PACED_GAP: Duration = Duration::from_millis(5);

/// The stream may drift this far (in samples, 3 ms) before it is moved
/// back in step at a quiet moment.
pub(crate) const TOLERANCE: u64 = RATE as u64 * 3 / 1000;

/// The stream is moved back in step at once, cue or no cue, when it is
/// this far off (in samples, 60 ms).
pub(crate) const JUMP: u64 = RATE as u64 * 60 / 1000;

/// What the next buffer's samples are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pace {
    /// The stream plays on.
    Play,
    /// Silence, the whole buffer: the stream waits (the device's timing is
    /// in doubt).
    Hold,
    /// This many samples of silence first (at most the buffer), then the
    /// stream: it was ahead.
    Silence(u64),
    /// The stream skips this many samples, then plays: it was behind.
    Skip(u64),
    /// The stream jumps to this sample, dropping the cues in between: it
    /// was far behind (the process was stopped, the device stalled).
    Jump(u64),
}

/// What the stream is doing, for a correction that must not be heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Room {
    /// Nothing is sounding: the last samples made were silence.
    pub quiet: bool,
    /// How many samples from the stream's position until its next event
    /// (`u64::MAX` if none): a skip shorter than this drops no cue.
    pub clear: u64,
}

/// The device's clock as its reports tell it, and the stream's place on it.
#[derive(Debug)]
pub(crate) struct Pacer {
    /// The device's frames per second.
    rate: u32,
    /// The first callback: every time below is in ns since it.
    base: Option<Instant>,
    /// The callback before.
    last: Option<Instant>,
    /// Frames handed to the device so far.
    frames: u64,
    /// Frames asked for by the last callback.
    buffer: u64,
    /// Recent epoch estimates (ns since `base`), oldest first.
    epochs: VecDeque<i64>,
    /// Their centre.
    centre: Option<i64>,
    /// The epoch: the centre, followed at most [`SLEW_PPM`] once settled.
    epoch: Option<i64>,
    /// When (ns since `base`) the epoch last followed the centre.
    followed: i64,
    /// Estimates far from the centre, awaiting confirmation.
    doubt: Vec<i64>,
    /// Recent delays reported by paced callbacks, in µs, for reports.
    delays: VecDeque<u64>,
    /// Their median.
    delay: Option<Duration>,
    /// The smallest and largest delay paced callbacks reported, in µs.
    range: Option<(u64, u64)>,
    /// [`SETTLE`] paced callbacks agreed: the epoch can be trusted.
    settled: bool,
    /// The stream has been placed since it started.
    placed: bool,
    /// Drift corrections at a quiet moment.
    corrections: u64,
    /// Jumps back in step after a stall or a jump in the delay.
    resyncs: u64,
}

impl Pacer {
    /// A pacer for a device that plays `rate` frames a second.
    pub fn new(rate: u32) -> Pacer {
        Pacer {
            rate: rate.max(1),
            base: None,
            last: None,
            frames: 0,
            buffer: 0,
            epochs: VecDeque::new(),
            centre: None,
            epoch: None,
            followed: 0,
            doubt: Vec::new(),
            delays: VecDeque::new(),
            delay: None,
            range: None,
            settled: false,
            placed: false,
            corrections: 0,
            resyncs: 0,
        }
    }

    /// ns from `base` to `t` (negative before it).
    fn ns(&self, t: Instant) -> i64 {
        let Some(base) = self.base else { return 0 };
        match t.checked_duration_since(base) {
            Some(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
            None => -i64::try_from(base.duration_since(t).as_nanos()).unwrap_or(i64::MAX),
        }
    }

    /// The instant `ns` after `base`.
    fn instant(&self, ns: i64) -> Option<Instant> {
        let base = self.base?;
        let d = Duration::from_nanos(ns.unsigned_abs());
        if ns >= 0 {
            base.checked_add(d)
        } else {
            base.checked_sub(d)
        }
    }

    /// How long the device takes to play `frames` frames, in ns.
    fn frames_ns(&self, frames: u64) -> i64 {
        let ns = u128::from(frames) * 1_000_000_000 / u128::from(self.rate);
        i64::try_from(ns).unwrap_or(i64::MAX)
    }

    /// The epoch: when the device's frame 0 was heard, by its clock.
    fn epoch(&self) -> Option<i64> {
        self.epoch
    }

    /// The mean of the middle half of the recent estimates (as robust as
    /// their median, and steadier). Kept as they change, so a callback
    /// sorts them once at most.
    fn centre(&self) -> Option<i64> {
        self.centre
    }

    /// The epoch follows the centre at `now` (ns): at once until the clock
    /// is settled, then at most [`SLEW_PPM`] of the time since it last did.
    fn follow(&mut self, now: i64) {
        let since = now.saturating_sub(self.followed).max(0);
        self.followed = now;
        let Some(centre) = self.centre else { return };
        self.epoch = Some(match self.epoch {
            Some(epoch) if self.settled => {
                let most = since.saturating_mul(SLEW_PPM) / 1_000_000;
                epoch + (centre - epoch).clamp(-most, most)
            }
            _ => centre,
        });
    }

    fn epochs_changed(&mut self) {
        let mut sorted: Vec<i64> = self.epochs.iter().copied().collect();
        sorted.sort_unstable();
        let n = sorted.len();
        let middle = &sorted[n / 4..n - n / 4];
        let sum: i128 = middle.iter().map(|e| i128::from(*e)).sum();
        self.centre = i128::try_from(middle.len())
            .ok()
            .filter(|count| *count > 0)
            .and_then(|count| i64::try_from(sum / count).ok());
    }

    /// A device callback at `now` asking for `frames` frames, the first of
    /// which the device says it plays `delay` from now. Returns when that
    /// frame is heard, by the device's clock; `None` while it is not yet
    /// known, or while a report that the device stalled awaits
    /// confirmation.
    pub(crate) fn callback(
        &mut self,
        now: Instant,
        delay: Duration,
        frames: usize,
    ) -> Option<Instant> {
        if self.base.is_none() {
            self.base = Some(now);
        }
        let paced = self
            .last
            .is_some_and(|last| now.saturating_duration_since(last) >= PACED_GAP);
        self.last = Some(now);
        // No device plays with no delay: a report of 0 is none (PulseAudio's
        // ALSA plugin gives 0 for seconds while its stream recovers from an
        // underrun, playing with the delay it had). It stands for the last
        // delay reported, if there was one.
        let delay = match self.delay() {
            Some(last) if delay.is_zero() => last,
            _ => delay,
        };
        if paced {
            // The burst that fills an empty buffer reports a delay still
            // growing from 0: only paced callbacks tell the device's.
            let us = u64::try_from(delay.as_micros()).unwrap_or(u64::MAX);
            self.range = Some(
                self.range
                    .map_or((us, us), |(lo, hi)| (lo.min(us), hi.max(us))),
            );
            if self.delays.len() == WINDOW {
                self.delays.pop_front();
            }
            self.delays.push_back(us);
            let mut sorted: Vec<u64> = self.delays.iter().copied().collect();
            sorted.sort_unstable();
            self.delay = sorted
                .get(sorted.len() / 2)
                .map(|us| Duration::from_micros(*us));
        }
        let delay_ns = i64::try_from(delay.as_nanos()).unwrap_or(i64::MAX);
        let estimate = self.ns(now) + delay_ns - self.frames_ns(self.frames);
        if paced {
            self.estimate(estimate);
        }
        self.follow(self.ns(now));
        // A report in doubt that says the device played nothing for a while
        // (a stall) holds the stream; one that says otherwise (the plugin
        // restarting its stream reports a few short delays) changes nothing
        // unless the next confirms it.
        let jump = i64::try_from(JUMP * 1_000_000_000 / u64::from(RATE)).unwrap_or(i64::MAX);
        let stalled = self
            .doubt
            .last()
            .zip(self.centre())
            .is_some_and(|(doubt, centre)| doubt - centre > jump);
        let heard = if stalled {
            None
        } else {
            self.epoch()
                .and_then(|epoch| self.instant(epoch + self.frames_ns(self.frames)))
        };
        self.frames += frames as u64;
        self.buffer = frames as u64;
        heard
    }

    /// Takes one epoch estimate: agreed with, held in doubt, or confirming
    /// the doubt and replacing what was known.
    fn estimate(&mut self, estimate: i64) {
        let far = i64::try_from(FAR.as_nanos()).unwrap_or(i64::MAX);
        let agrees = self
            .centre()
            .is_none_or(|centre| (estimate - centre).abs() <= far);
        if agrees {
            self.doubt.clear();
            if self.epochs.len() == WINDOW {
                self.epochs.pop_front();
            }
            self.epochs.push_back(estimate);
            self.epochs_changed();
            self.settled |= self.epochs.len() >= SETTLE;
            return;
        }
        let confirms = self
            .doubt
            .last()
            .is_some_and(|last| (estimate - last).abs() <= far);
        if confirms {
            self.epochs.clear();
            self.epochs.extend(self.doubt.drain(..));
            self.epochs.push_back(estimate);
            self.epochs_changed();
            // A step, confirmed: taken at once.
            self.epoch = self.centre;
        } else {
            self.doubt.clear();
            self.doubt.push(estimate);
        }
    }

    /// The stream starts (or starts over): it is placed exactly at the
    /// next callback.
    pub fn restart(&mut self) {
        self.placed = false;
    }

    /// What to play of a stream whose sample 0 stands for `start`, now at
    /// `position`, given when this buffer's first sample is heard (`at`:
    /// [`Pacer::callback`]'s answer plus any extra offset).
    pub fn place(
        &mut self,
        at: Option<Instant>,
        start: Instant,
        position: u64,
        room: Room,
    ) -> Pace {
        let Some(at) = at else {
            return Pace::Hold;
        };
        let due = signed_samples(start, at);
        let err = i64::try_from(position)
            .unwrap_or(i64::MAX)
            .saturating_sub(due);
        let off = err.unsigned_abs();
        if self.placed && off > JUMP {
            self.resyncs += 1;
            self.placed = false;
        }
        if !self.placed {
            // Placed once the stream plays from this buffer on: silence
            // for a whole buffer or more is still waiting for its start.
            self.placed = err <= 0 || off < self.buffer;
            return match err {
                0 => Pace::Play,
                e if e > 0 => Pace::Silence(off),
                _ => Pace::Jump(u64::try_from(due).unwrap_or(0)),
            };
        }
        if off <= TOLERANCE || !room.quiet {
            return Pace::Play;
        }
        if err > 0 {
            self.corrections += 1;
            Pace::Silence(off)
        } else if room.clear > off {
            self.corrections += 1;
            Pace::Skip(off)
        } else {
            Pace::Play
        }
    }

    /// How long from `now` until the next frame handed to the device is
    /// heard: what it holds and its delay, by its clock. `None` until a
    /// callback told.
    pub(crate) fn lead(&self, now: Instant) -> Option<Duration> {
        let next = self.epoch()? + self.frames_ns(self.frames);
        let ns = next - self.ns(now);
        Some(Duration::from_nanos(u64::try_from(ns).unwrap_or(0)))
    }

    /// The delay the device reported lately (the median of the recent
    /// paced callbacks').
    pub fn delay(&self) -> Option<Duration> {
        self.delay
    }

    /// The smallest and largest delay paced callbacks reported so far.
    pub(crate) fn delay_range(&self) -> Option<(Duration, Duration)> {
        self.range
            .map(|(lo, hi)| (Duration::from_micros(lo), Duration::from_micros(hi)))
    }

    /// Whether the device's clock is known: [`SETTLE`] paced callbacks
    /// agreed, and none since is in doubt.
    pub(crate) fn is_settled(&self) -> bool {
        self.settled && self.doubt.is_empty()
    }

    /// How many drift corrections and jumps back in step there were.
    pub fn corrections(&self) -> (u64, u64) {
        (self.corrections, self.resyncs)
    }

    /// Frames handed to the device so far.
    pub(crate) fn frames(&self) -> u64 {
        self.frames
    }
}

/// The samples from `from` to `to` at [`RATE`], negative if `to` is before
/// `from`, rounded to the nearest.
pub(crate) fn signed_samples(from: Instant, to: Instant) -> i64 {
    let (d, sign) = match to.checked_duration_since(from) {
        Some(d) => (d, 1),
        None => (from.duration_since(to), -1),
    };
    let n = (d.as_nanos() * u128::from(RATE) + 500_000_000) / 1_000_000_000;
    sign * i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::units::duration;

    const PERIOD: usize = 1365;

    /// How long a device whose clock runs `ppm` fast takes to play
    /// `frames` frames.
    fn device_time(frames: u64, ppm: i64) -> Duration {
        let ns = u128::from(frames) * 1_000_000_000 / u128::from(RATE);
        let ns = ns * 1_000_000 / u128::try_from(1_000_000 + ppm).expect("ppm");
        Duration::from_nanos(u64::try_from(ns).expect("fits"))
    }

    /// When a device that started at `t0` and holds two periods plays
    /// frame `n`.
    fn truth(t0: Instant, n: u64, ppm: i64) -> Instant {
        t0 + device_time(n + 2 * PERIOD as u64, ppm)
    }

    /// A device as [`truth`] has it, called back whenever a period is free
    /// (callback `i` asks for frames from `i` × PERIOD), its reports off by
    /// `jitter(i)` µs. Each callback's time and reported delay.
    fn device(
        t0: Instant,
        periods: usize,
        jitter: impl Fn(usize) -> i64,
        ppm: i64,
    ) -> Vec<(Instant, Duration)> {
        (0..periods)
            .map(|i| {
                let first = (i * PERIOD) as u64;
                let now = t0 + device_time(first, ppm);
                let delay = truth(t0, first, ppm).duration_since(now);
                let j = jitter(i);
                let delay = if j >= 0 {
                    delay + Duration::from_micros(j.unsigned_abs())
                } else {
                    delay.saturating_sub(Duration::from_micros(j.unsigned_abs()))
                };
                (now, delay)
            })
            .collect()
    }

    /// Each callback's answer, in samples from when the device really
    /// plays that buffer (`truth`, a steady clock): `None` while unknown.
    fn heard_off(t0: Instant, calls: &[(Instant, Duration)]) -> (Pacer, Vec<Option<i64>>) {
        let mut pacer = Pacer::new(RATE);
        let mut frames = 0u64;
        let mut offs = Vec::new();
        for (now, delay) in calls {
            let heard = pacer.callback(*now, *delay, PERIOD);
            offs.push(heard.map(|h| signed_samples(truth(t0, frames, 0), h)));
            frames += PERIOD as u64;
        }
        (pacer, offs)
    }

    #[test]
    fn the_heard_instant_follows_the_reports_and_ignores_their_jitter() {
        let t0 = Instant::now();
        // Reports off by up to ±3 ms (through a PulseAudio pipe sink the
        // callback's time and the delay it reports vary together by ±1 ms).
        let jitter = |i: usize| {
            // splitmix64: independent draws from -3000 to 3000 µs.
            let mut z = (i as u64)
                .wrapping_add(1)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            i64::try_from((z ^ (z >> 31)) % 6001).expect("small") - 3000
        };
        let calls = device(t0, 400, jitter, 0);
        let (pacer, offs) = heard_off(t0, &calls);
        for (i, off) in offs.into_iter().enumerate().skip(WINDOW + 1) {
            let off = off.expect("known");
            assert!(
                off.unsigned_abs() < TOLERANCE / 2,
                "callback {i}: {off} samples off"
            );
        }
        assert!(pacer.is_settled());
        let delay = pacer.delay().expect("a delay");
        assert!(delay > duration(52) && delay < duration(61), "{delay:?}");
    }

    #[test]
    fn a_stall_is_held_in_doubt_then_followed_and_an_outlier_is_dropped() {
        let t0 = Instant::now();
        let mut pacer = Pacer::new(RATE);
        let period = Duration::from_nanos(PERIOD as u64 * 1_000_000_000 / u64::from(RATE));
        let mut now = t0;
        let call =
            |pacer: &mut Pacer, now: Instant, delay: Duration| pacer.callback(now, delay, PERIOD);
        for _ in 0..20 {
            assert!(call(&mut pacer, now, period * 2).is_some() || now == t0);
            now += period;
        }
        let before = pacer.lead(now).expect("lead");
        // One report 100 ms longer: in doubt (a stall?), so the stream waits,
        // then dropped when the next agrees with the others.
        assert_eq!(call(&mut pacer, now, period * 2 + duration(100)), None);
        now += period;
        assert!(call(&mut pacer, now, period * 2).is_some());
        now += period;
        // One 42 ms shorter (PulseAudio's plugin restarting its stream): in
        // doubt, the stream plays on by the clock it had.
        let on =
            call(&mut pacer, now, (period * 2).saturating_sub(duration(42))).expect("plays on");
        assert!(on.duration_since(now).abs_diff(period * 2) < duration(1));
        now += period;
        assert!(call(&mut pacer, now, period * 2).is_some());
        now += period;
        // A report of 0 is none: the delay stays what it was.
        let zero = call(&mut pacer, now, Duration::ZERO).expect("no report");
        assert!(zero.duration_since(now).abs_diff(period * 2) < duration(1));
        now += period;
        let lead = pacer.lead(now).expect("lead");
        assert!(
            lead.abs_diff(before) < duration(1),
            "{lead:?} vs {before:?}"
        );
        // A stall of 3 s: the device played nothing meanwhile, so every
        // frame is heard 3 s later than the clock said. Doubt, then it is
        // confirmed and followed.
        now += Duration::from_secs(3);
        let at_stall = now;
        assert_eq!(call(&mut pacer, now, period * 2), None);
        now += period;
        let heard = call(&mut pacer, now, period * 2).expect("confirmed");
        assert!(heard.duration_since(now).abs_diff(period * 2) < duration(1));
        assert!(pacer.is_settled());
        assert!(at_stall < heard);
    }

    #[test]
    fn the_first_callbacks_of_a_burst_give_way_to_the_paced_ones() {
        // PulseAudio's ALSA plugin: three callbacks at once fill the buffer,
        // reporting 0, 28 and 56 ms; then the server starts the stream 1.8 s
        // later and reports 56 ms at every paced callback.
        let t0 = Instant::now();
        let mut pacer = Pacer::new(RATE);
        let period = Duration::from_nanos(PERIOD as u64 * 1_000_000_000 / u64::from(RATE));
        for (i, d) in [0, 28, 56].into_iter().enumerate() {
            let at = t0 + Duration::from_micros(50 * i as u64);
            assert_eq!(
                pacer.callback(at, duration(d), PERIOD),
                None,
                "not known yet"
            );
        }
        let mut now = t0 + duration(1800);
        for _ in 0..SETTLE {
            assert!(!pacer.is_settled());
            let heard = pacer.callback(now, duration(56), PERIOD).expect("paced");
            assert_eq!(heard.duration_since(now), duration(56));
            now += period;
        }
        assert!(pacer.is_settled());
        now -= period;
        // A frame handed over now is heard after what the device holds.
        let lead = pacer.lead(now).expect("lead");
        assert!(
            lead.abs_diff(duration(56) + period) < Duration::from_micros(1),
            "{lead:?}"
        );
    }

    fn room() -> Room {
        Room {
            quiet: true,
            clear: u64::MAX,
        }
    }

    #[test]
    fn the_stream_is_placed_exactly_then_corrected_only_when_quiet() {
        let t0 = Instant::now();
        let mut pacer = Pacer::new(RATE);
        let start = t0 + duration(100);
        // Heard 40 ms before the start: 1920 samples of silence first.
        assert_eq!(
            pacer.place(Some(t0 + duration(60)), start, 0, room()),
            Pace::Silence(1920)
        );
        // In step: play.
        assert_eq!(
            pacer.place(Some(start + duration(10)), start, 480, room()),
            Pace::Play
        );
        // 2 ms off is within tolerance.
        assert_eq!(
            pacer.place(Some(start + duration(10)), start, 480 + 96, room()),
            Pace::Play
        );
        // 5 ms behind while a cue sounds: wait; when quiet: skip 240.
        let loud = Room {
            quiet: false,
            ..room()
        };
        assert_eq!(
            pacer.place(Some(start + duration(15)), start, 480, loud),
            Pace::Play
        );
        assert_eq!(
            pacer.place(Some(start + duration(15)), start, 480, room()),
            Pace::Skip(240)
        );
        // Not over the next cue's start, though.
        let cue_soon = Room {
            clear: 100,
            ..room()
        };
        assert_eq!(
            pacer.place(Some(start + duration(15)), start, 480, cue_soon),
            Pace::Play
        );
        // 5 ms ahead when quiet: silence.
        assert_eq!(
            pacer.place(Some(start + duration(5)), start, 480, room()),
            Pace::Silence(240)
        );
        // 3 s behind (a stall), cue or no cue: jump.
        assert_eq!(
            pacer.place(Some(start + duration(3000)), start, 480, loud),
            Pace::Jump(144_000)
        );
        // In doubt: hold.
        assert_eq!(pacer.place(None, start, 480, room()), Pace::Hold);
        assert_eq!(pacer.corrections(), (2, 1));
        // A new stream is placed at once, wherever it is.
        pacer.restart();
        assert_eq!(
            pacer.place(Some(start + duration(1)), start, 0, loud),
            Pace::Jump(48)
        );
    }

    #[test]
    fn a_device_clock_that_drifts_is_followed_by_small_corrections() {
        // A device 80 ppm fast for 5 minutes: the stream placed by its
        // clock stays within the tolerance of the truth, corrected a few ms
        // at a time.
        let t0 = Instant::now();
        let periods = 5 * 60 * RATE as usize / PERIOD;
        let calls = device(t0, periods, |_| 0, 80);
        let (pacer, worst) = play(t0, &calls, 80);
        let (corrections, resyncs) = pacer.corrections();
        assert_eq!(resyncs, 0);
        // 80 ppm of 300 s is 24 ms: some 8 corrections of 3 ms.
        assert!((5..=12).contains(&corrections), "{corrections} corrections");
        assert!(worst <= TOLERANCE + 48, "worst {worst} samples off");
    }

    /// Plays `calls` through a pacer into a stream that starts 200 ms in,
    /// always quiet: the corrections made, and the worst distance (samples)
    /// after the first second between where the stream is and where the
    /// device really plays (`truth`, `ppm`).
    fn play(t0: Instant, calls: &[(Instant, Duration)], ppm: i64) -> (Pacer, u64) {
        let mut pacer = Pacer::new(RATE);
        let start = t0 + duration(200);
        let mut position = 0u64;
        let mut frames = 0u64;
        let mut worst = 0u64;
        for (now, delay) in calls {
            let heard = pacer.callback(*now, *delay, PERIOD);
            let pace = pacer.place(heard, start, position, room());
            let mut n = PERIOD as u64;
            match pace {
                Pace::Play => {}
                Pace::Silence(s) => n = n.saturating_sub(s),
                Pace::Skip(s) => position += s,
                Pace::Jump(to) => position = to,
                Pace::Hold => n = 0,
            }
            // When this buffer's first frame is really heard.
            let real = truth(t0, frames, ppm);
            if real > start + duration(1000) {
                let due = signed_samples(start, real);
                // The stream's sample at the buffer's first frame (before it,
                // when the buffer starts with silence).
                let first = i64::try_from(position).expect("fits")
                    - i64::try_from(PERIOD as u64 - n).expect("fits");
                worst = worst.max((first - due).unsigned_abs());
            }
            position += n;
            frames += PERIOD as u64;
        }
        (pacer, worst)
    }

    /// The seconds since `t0` of callback `i`.
    fn seconds(i: usize) -> f64 {
        (i * PERIOD) as f64 / f64::from(RATE)
    }

    /// When the device's frame 0 is heard, by a callback's answer for a
    /// buffer starting at `frames`, in ns since `t0`.
    fn epoch_ns(t0: Instant, heard: Instant, frames: u64) -> i128 {
        let at = i128::try_from(heard.duration_since(t0).as_nanos()).expect("fits");
        at - i128::from(frames) * 1_000_000_000 / i128::from(RATE)
    }

    #[test]
    fn reports_that_wander_faster_than_a_clock_drifts_move_the_stream_at_a_clock_s_pace() {
        // PulseAudio's ALSA plugin under CPU load, as traced: the delay it
        // reports climbs in a sawtooth (4 ms/s, dropping every 1.5 s) to
        // +16 ms over 5.5 s and comes back over 12 s, while the device
        // plays on steadily.
        let hump = |i: usize| {
            let t = seconds(i);
            let base = if t < 5.5 {
                16.0 * t / 5.5
            } else {
                (16.0 * (1.0 - (t - 5.5) / 12.0)).max(0.0)
            };
            let saw = if t < 17.5 { 4.0 * (t % 1.5) } else { 0.0 };
            #[allow(clippy::cast_possible_truncation, reason = "a few thousand µs")]
            let us = ((base + saw) * 1000.0) as i64;
            us
        };
        let t0 = Instant::now();
        let calls = device(t0, 30 * RATE as usize / PERIOD, hump, 0);
        // The epoch moves no faster than SLEW_PPM once settled.
        let mut pacer = Pacer::new(RATE);
        let mut frames = 0u64;
        let mut last: Option<(Instant, i128)> = None;
        for (now, delay) in &calls {
            if let Some(heard) = pacer.callback(*now, *delay, PERIOD) {
                let epoch = epoch_ns(t0, heard, frames);
                if let Some((then, before)) = last.filter(|_| pacer.is_settled()) {
                    let most = i128::try_from(now.duration_since(then).as_nanos()).expect("fits")
                        * i128::from(SLEW_PPM)
                        / 1_000_000;
                    assert!(
                        (epoch - before).abs() <= most + 1,
                        "moved {} ns in {:?}",
                        epoch - before,
                        now.duration_since(then)
                    );
                }
                last = Some((*now, epoch));
            }
            frames += PERIOD as u64;
        }
        // So a stream played by it moves 3 ms once at most (following the
        // reports' centre as it comes, it is moved 12 times here), and is
        // never far off.
        let (pacer, worst) = play(t0, &calls, 0);
        let (corrections, resyncs) = pacer.corrections();
        assert!(
            corrections <= 1 && resyncs == 0,
            "{corrections} corrections, {resyncs} jumps"
        );
        assert!(worst <= TOLERANCE + 48, "worst {worst} samples off");
    }

    #[test]
    fn a_small_step_in_the_delay_is_followed_at_a_clock_s_pace() {
        // The reported delay steps up 10 ms at 10 s (less than FAR): the
        // heard instant moves towards it at SLEW_PPM, 2 ms in 10 s, and has
        // followed it whole 50 s after.
        let t0 = Instant::now();
        let step = |i: usize| if seconds(i) < 10.0 { 0 } else { 10_000 };
        let calls = device(t0, 70 * RATE as usize / PERIOD, step, 0);
        let (_, offs) = heard_off(t0, &calls);
        for (i, moved) in offs.into_iter().enumerate() {
            let Some(moved) = moved else { continue };
            let t = seconds(i);
            let most = (t - 10.0).max(0.0) * SLEW_PPM as f64 / 1e6 * f64::from(RATE);
            assert!(
                (moved as f64) <= most + 2.0,
                "{t:.2} s: moved {moved} samples, at most {most:.0}"
            );
            if t > 20.5 && t < 21.0 {
                assert!(moved >= 90, "{t:.2} s: moved {moved} samples, 2 ms is 96");
            }
            if t > 61.0 {
                assert_eq!(moved, 480, "{t:.2} s: the whole step, 10 ms");
            }
        }
    }

    #[test]
    fn signed_samples_round_both_ways() {
        let t = Instant::now() + duration(1000);
        assert_eq!(signed_samples(t, t + duration(1)), 48);
        assert_eq!(signed_samples(t + duration(1), t), -48);
        assert_eq!(signed_samples(t, t), 0);
    }
}
