//! One continuous stream of samples with every cue at its exact sample.
//!
//! The stream owns a copy of the session's engine and walks it on the
//! sample clock: sample `n` stands for the instant `start + n / RATE`, and
//! an event due at instant `t` starts its cues on sample
//! `round((t - start) × RATE)`. Nothing is started from a timer, so nothing
//! jitters. The same stream feeds the sound device and `render`'s WAV file.
//!
//! Live changes (pause, skip, restart, a longer lowering) reach the stream
//! as a fresh copy of the app's engine ([`CueStream::replace_engine`]), so
//! sound and display follow one schedule. The stream never reads a clock.

use std::sync::Arc;
use std::time::Instant;

use crate::timing::engine::Engine;

use super::cues::{Bank, Cue, Limiter, Settings};
use super::sample_at;
use super::script::{self, Sound};

/// A cue being played, or waiting `wait` samples to start (a phrase's
/// later words).
#[derive(Debug, Clone, Copy)]
struct Playing {
    cue: Cue,
    wait: usize,
    offset: usize,
    level: f32,
}

/// The cue stream: a session's cues, sample by sample.
#[derive(Debug)]
pub(crate) struct CueStream {
    engine: Engine,
    start: Instant,
    pos: u64,
    due: Option<(u64, Instant)>,
    bank: Arc<Bank>,
    playing: Vec<Playing>,
    settings: Settings,
    /// Every cue's first sample, when the tests record them.
    #[cfg(test)]
    onsets: Option<Vec<(u64, Cue)>>,
    limiter: Limiter,
}

impl CueStream {
    /// A stream for `engine`, whose sample 0 stands for `start`.
    pub fn new(engine: Engine, start: Instant, bank: Arc<Bank>, settings: Settings) -> CueStream {
        let mut stream = CueStream {
            engine,
            start,
            pos: 0,
            due: None,
            bank,
            playing: Vec::new(),
            settings,
            #[cfg(test)]
            onsets: None,
            limiter: Limiter::default(),
        };
        stream.due = stream.next_due();
        stream
    }

    /// Records every cue's first sample, for the tests.
    #[cfg(test)]
    pub fn record_onsets(mut self) -> CueStream {
        self.onsets = Some(Vec::new());
        self
    }

    /// The cues started so far and their first samples, if recorded.
    #[cfg(test)]
    pub fn onsets(&self) -> &[(u64, Cue)] {
        self.onsets.as_deref().unwrap_or(&[])
    }

    /// The next sample to be produced.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// The session is over and its last cue has played.
    pub fn is_finished(&self) -> bool {
        self.engine.is_done() && self.playing.is_empty()
    }

    /// The engine the stream walks.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Changes volume, mute, voice or ticks from the next sample on.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        if settings.muted {
            self.playing.clear();
        }
    }

    /// Takes over a copy of the app's engine after a lifter's command.
    /// Events the copy has not yet reached but whose samples are already
    /// produced are dropped, not played late. A pause stops what was being
    /// said and, with the full voice, says "paused".
    pub fn replace_engine(&mut self, engine: Engine) {
        let pausing = engine.is_paused() && !self.engine.is_paused();
        self.engine = engine;
        self.skip_to(self.pos);
        if pausing {
            self.playing.clear();
            let sounds = script::paused(&self.settings);
            self.start(&sounds);
        }
    }

    fn start(&mut self, sounds: &[Sound]) {
        for sound in sounds {
            self.playing.push(Playing {
                cue: sound.cue,
                wait: sound.delay,
                offset: 0,
                level: sound.level,
            });
            #[cfg(test)]
            if let Some(onsets) = &mut self.onsets {
                onsets.push((self.pos + sound.delay as u64, sound.cue));
            }
        }
    }

    /// Jumps to sample `pos` without playing the cues due in between (after
    /// the process was stopped, say): no burst of stale cues.
    pub fn skip_to(&mut self, pos: u64) {
        // A cue under way is dropped, not played from its middle; a
        // phrase's later words still waiting keep their samples.
        let skipped = usize::try_from(pos.saturating_sub(self.pos)).unwrap_or(usize::MAX);
        if skipped > 0 {
            self.playing.retain_mut(|p| {
                let waiting = p.wait > skipped;
                p.wait = p.wait.saturating_sub(skipped);
                waiting
            });
        }
        self.pos = self.pos.max(pos);
        while let Some(due) = self.engine.next_deadline() {
            if sample_at(self.start, due) >= self.pos {
                break;
            }
            self.engine.advance(due);
        }
        self.due = self.next_due();
    }

    fn next_due(&self) -> Option<(u64, Instant)> {
        self.engine
            .next_deadline()
            .map(|at| (sample_at(self.start, at), at))
    }

    fn fire_due(&mut self) {
        while let Some((sample, at)) = self.due {
            if sample > self.pos {
                break;
            }
            // Every event of this instant together, so that a count can
            // duck the tones that start with it, and a phrase is said only
            // where it ends before the next instant.
            let events: Vec<_> = self
                .engine
                .advance(at)
                .into_iter()
                .map(|e| e.kind)
                .collect();
            self.due = self.next_due();
            let room = self.due.map(|(next, _)| {
                usize::try_from(next.saturating_sub(sample)).unwrap_or(usize::MAX)
            });
            let sounds = script::sounds(
                &events,
                self.engine.workout(),
                &self.settings,
                room,
                &self.bank,
            );
            self.start(&sounds);
        }
    }

    /// Fills `out` with the next samples. Returns how many it wrote: fewer
    /// than `out.len()` only when the stream is finished.
    pub fn fill(&mut self, out: &mut [f32]) -> usize {
        let gain = self.settings.level();
        let mut written = 0;
        while written < out.len() {
            self.fire_due();
            if self.is_finished() {
                break;
            }
            let until_due = self
                .due
                .map_or(u64::MAX, |(sample, _)| sample.saturating_sub(self.pos));
            let n = (out.len() - written).min(usize::try_from(until_due).unwrap_or(usize::MAX));
            let chunk = &mut out[written..written + n];
            chunk.fill(0.0);
            for p in &mut self.playing {
                let skip = p.wait.min(n);
                p.wait -= skip;
                let src = self.bank.get(p.cue);
                let take = src.len().saturating_sub(p.offset).min(n - skip);
                let g = gain * p.level;
                for (o, s) in chunk[skip..]
                    .iter_mut()
                    .zip(&src[p.offset..p.offset + take])
                {
                    *o += s * g;
                }
                p.offset += take;
            }
            for o in chunk.iter_mut() {
                *o = self.limiter.next(*o);
            }
            let bank = &self.bank;
            self.playing.retain(|p| p.offset < bank.get(p.cue).len());
            written += n;
            self.pos += n as u64;
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::cue_times;
    use crate::audio::instant_of;
    use crate::audio::onsets::onsets;
    use crate::audio::voice::Word;
    use crate::timing::counting::Voice;
    use crate::timing::engine::{Command, EventKind};
    use crate::timing::plan::Session;
    use std::time::Duration;

    fn session(tempo: &str, reps: u16, sets: u16, rest_s: u32) -> Session {
        Session {
            tempo: tempo.parse().expect("tempo"),
            reps,
            sets,
            rest_ms: rest_s * 1000,
            count_in_ms: 3000,
            ..Session::default()
        }
    }

    /// A stream of `s` from `start`, with the built-in sounds.
    fn stream_of(s: &Session, start: Instant, settings: Settings) -> CueStream {
        CueStream::new(
            Engine::new(s.clone(), start),
            start,
            Arc::new(Bank::new()),
            settings,
        )
    }

    fn render_all(mut stream: CueStream) -> (Vec<f32>, CueStream) {
        let mut out = Vec::new();
        let mut block = vec![0.0; 4096];
        loop {
            let n = stream.fill(&mut block);
            out.extend_from_slice(&block[..n]);
            if n < block.len() {
                return (out, stream);
            }
        }
    }

    #[test]
    fn every_cue_starts_on_its_planned_sample() {
        let s = session("4-1-2-1", 3, 2, 10);
        let start = Instant::now();
        let stream = stream_of(&s, start, Settings::default());
        let (samples, _) = render_all(stream);
        let planned: Vec<usize> = cue_times(&s, &Settings::default(), start)
            .iter()
            .map(|t| {
                usize::try_from((t.as_nanos() * 48_000 + 500_000_000) / 1_000_000_000)
                    .expect("fits")
            })
            .collect();
        assert_eq!(onsets(&samples, 240), planned);
        let peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(peak < 1.0, "no clipping: peak {peak}");
        assert!(peak > 0.1, "audible: peak {peak}");
    }

    #[test]
    fn pause_and_a_longer_lowering_shift_later_cues_exactly() {
        let s = session("2-0-1-0", 4, 1, 0);
        let start = Instant::now();
        let bank = Arc::new(Bank::new());
        // The app's engine: pause at 4.2 s for 1.5 s, then lower 0.5 s longer.
        let mut app = Engine::new(s.clone(), start);
        // Tones only: every event's cues at its instant.
        let tones = Settings {
            voice: Voice::Off,
            ..Settings::default()
        };
        let workout = app.workout().clone();
        let cues_for = |kind: &EventKind, _: &Settings| -> Vec<Cue> {
            script::sounds(std::slice::from_ref(kind), &workout, &tones, None, &bank)
                .into_iter()
                .map(|s| s.cue)
                .collect()
        };
        let mut stream = CueStream::new(app.clone(), start, bank.clone(), tones).record_onsets();
        let mut out = vec![0.0; 48];
        let mut feed_until = |stream: &mut CueStream, at: Instant| {
            while stream.position() < sample_at(start, at) {
                stream.fill(&mut out);
            }
        };
        let pause = start + Duration::from_millis(4_200);
        feed_until(&mut stream, pause);
        app.advance(pause);
        app.command(Command::TogglePause, pause);
        stream.replace_engine(app.clone());
        let resume = pause + Duration::from_millis(1_500);
        feed_until(&mut stream, resume);
        app.command(Command::TogglePause, resume);
        app.command(Command::Longer, resume);
        stream.replace_engine(app.clone());
        let (_, stream) = render_all(stream);
        // Where the app's own engine says each cue falls.
        let mut want = Vec::new();
        let mut check = Engine::new(s, start);
        for e in check.advance(pause) {
            let cues = cues_for(&e.kind, &Settings::default());
            want.extend(cues.into_iter().map(|c| (sample_at(start, e.at), c)));
        }
        let mut rest = app.clone();
        while let Some(d) = rest.next_deadline() {
            for e in rest.advance(d) {
                let cues = cues_for(&e.kind, &Settings::default());
                want.extend(cues.into_iter().map(|c| (sample_at(start, e.at), c)));
            }
        }
        assert_eq!(stream.onsets(), want.as_slice());
        // Rep 1 (lowering 4-6 s) was paused for 1.5 s: rep 2 lifts at 7.5 s.
        let at = |ms| sample_at(start, start + Duration::from_millis(ms));
        assert!(want.contains(&(at(7_500), Cue::Lift)));
        // Rep 2 lowers for 2.5 s from 8.5 s: rep 3 lifts at 11.0 s.
        assert!(want.contains(&(at(11_000), Cue::Lift)));
        assert!(!want.contains(&(at(10_500), Cue::Lift)));
    }

    #[test]
    fn skipping_ahead_drops_stale_cues() {
        let s = session("4-0-1-0", 2, 1, 0);
        let start = Instant::now();
        let mut stream = stream_of(&s, start, Settings::default()).record_onsets();
        stream.skip_to(48_000 * 11 / 2);
        let mut out = vec![0.0; 48_000];
        stream.fill(&mut out);
        let first = stream.onsets().first().copied();
        // Count-in 0-3 s, lift 3-4, lower 4-8: skipped to 5.5 s, the next
        // cue is the count at 6 s; nothing between 0 and 5.5 s plays.
        assert_eq!(first, Some((48_000 * 6, Cue::Tick)));
    }

    #[test]
    fn mute_silences_and_settings_apply_live() {
        let s = session("3-0-1-0", 2, 1, 0);
        let start = Instant::now();
        let mut stream = stream_of(
            &s,
            start,
            Settings {
                muted: true,
                ..Settings::default()
            },
        );
        let mut out = vec![0.0; 48_000 * 5];
        stream.fill(&mut out);
        assert!(out.iter().all(|s| *s == 0.0));
        stream.set_settings(Settings::default());
        stream.fill(&mut out);
        assert!(out.iter().any(|s| *s != 0.0));
    }

    #[test]
    fn sample_clock_rounds_to_the_nearest_sample() {
        let start = Instant::now();
        assert_eq!(sample_at(start, start + Duration::from_millis(1)), 48);
        assert_eq!(sample_at(start, start + Duration::from_nanos(10_416)), 0);
        assert_eq!(sample_at(start, start + Duration::from_nanos(10_417)), 1);
        assert_eq!(sample_at(start, instant_of(start, 123_457)), 123_457);
    }

    #[test]
    fn a_small_skip_keeps_a_phrase_s_later_words_on_their_samples() {
        let s = session("4-0-1-0", 2, 3, 30);
        let start = Instant::now();
        let mut stream = stream_of(&s, start, Settings::default());
        // 0.1 s into the first rest's phrase ("rest, set two of three"),
        // 3 ms are skipped, as a drift correction does.
        let rest = sample_at(start, start + Duration::from_millis(3000 + 2 * 5000 + 100));
        let mut out = vec![0.0; 48];
        while stream.position() < rest {
            stream.fill(&mut out);
        }
        let waits = |s: &CueStream| -> Vec<(Cue, usize)> {
            s.playing.iter().map(|p| (p.cue, p.wait)).collect()
        };
        let before = waits(&stream);
        assert_eq!(before.len(), 5, "{before:?}");
        assert_eq!(before[0], (Cue::Word(Word::Rest), 0));
        stream.skip_to(rest + 144);
        // The word under way is dropped; the rest stay on their samples.
        let after = waits(&stream);
        let want: Vec<(Cue, usize)> = before[1..].iter().map(|&(c, w)| (c, w - 144)).collect();
        assert_eq!(after, want);
    }
}
