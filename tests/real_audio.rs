//! The real-audio tests: a session played through the normal output path
//! (ALSA's default device → a private PulseAudio null sink), recorded from
//! the sink's monitor with parec, and every cue checked against the plan;
//! and a session stopped for 3 s and continued, recorded from a pipe sink.
//!
//! They need the sound server that `tests/audio/real-audio.sh` starts, so
//! they are ignored by a plain `cargo test`; `.ci/run` runs them through that
//! script.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use repcadence::audio::cue_times;
use repcadence::audio::cues::Settings;

#[path = "../src/audio/onsets.rs"]
mod onsets;
use onsets::onsets;
use repcadence::timing::plan::Session;

const RATE: f64 = 48_000.0;
const ARGS: [&str; 9] = [
    "2-0.5-1-0.5",
    "--sets",
    "2",
    "--reps",
    "2",
    "--rest",
    "4",
    "--count-in",
    "4",
];

#[test]
#[ignore = "needs the private PulseAudio of tests/audio/real-audio.sh"]
fn every_planned_cue_is_heard_with_the_planned_spacing() {
    assert!(
        std::env::var_os("PULSE_SERVER").is_some(),
        "no sound server: run tests/audio/real-audio.sh (it starts one)"
    );
    let sink = std::env::var("PULSE_HARNESS_SINK").unwrap_or_else(|_| "null".into());
    let mut parec = Command::new("parec")
        .args([
            "--format=s16le",
            "--rate=48000",
            "--channels=1",
            "--latency-msec=10",
        ])
        .arg(format!("--device={sink}.monitor"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("parec (apt-get install pulseaudio-utils)");
    let mut pipe = parec.stdout.take().expect("parec's stdout");
    let recording = Arc::new(AtomicBool::new(false));
    let started = Arc::clone(&recording);
    let reader = std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => return Ok(raw),
                Ok(n) => {
                    raw.extend_from_slice(&chunk[..n]);
                    started.store(true, Ordering::Release);
                }
                Err(e) => return Err(e),
            }
        }
    });
    // parec drops its first seconds: play only once data flows.
    let until = Instant::now() + Duration::from_secs(15);
    while !recording.load(Ordering::Acquire) {
        assert!(Instant::now() < until, "parec recorded nothing for 15 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));

    let diagnostics = tempfile::tempdir().expect("tempdir");
    let debug_log = diagnostics.path().join("debug.log");
    let played = Command::new(assert_cmd::cargo::cargo_bin("repcadence"))
        .args(ARGS)
        .arg("--plain")
        .arg("--debug-log")
        .arg(&debug_log)
        .output()
        .expect("run repcadence");
    // The monitor delivers the last ~1 s late: wait before stopping.
    std::thread::sleep(Duration::from_millis(1_500));
    let _ = Command::new("kill")
        .args(["-INT", &parec.id().to_string()])
        .status();
    let _ = parec.wait();
    let raw = reader.join().expect("reader").expect("recording");

    assert!(played.status.success(), "{played:?}");
    assert_eq!(
        String::from_utf8_lossy(&played.stderr),
        "",
        "nothing on stderr: no notice, no ALSA or JACK lines"
    );
    let samples: Vec<i16> = raw
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    let heard = onsets(&samples, 240);

    let session = Session {
        tempo: "2-0.5-1-0.5".parse().expect("tempo"),
        reps: 2,
        sets: 2,
        rest_ms: 4000,
        count_in_ms: 4000,
        ..Session::default()
    };
    let planned: Vec<f64> = cue_times(&session, &Settings::default(), Instant::now())
        .iter()
        .map(Duration::as_secs_f64)
        .collect();

    assert_eq!(
        heard.len(),
        planned.len(),
        "every planned cue is heard once: heard at {heard:?}"
    );
    // Heard gap less planned gap, in samples: 0 (±1 for rounding) unless
    // the stream was moved back in step with the device's clock in it.
    let errors: Vec<i64> = heard
        .windows(2)
        .zip(planned.windows(2))
        .map(|(h, p)| whole(h[1] as f64 - h[0] as f64 - (p[1] - p[0]) * RATE))
        .collect();
    let log = std::fs::read_to_string(&debug_log).expect("the debug log");
    let runs = corrections(&log);
    assert_eq!(runs.len(), 1, "never jumped back in step: {runs:?}");
    let moved = runs.concat();
    let unexplained = unexplained(&errors, &moved);
    let exact = errors.iter().filter(|e| e.abs() <= 1).count();
    println!(
        "real audio: {} cues, {exact} of {} gaps exact to the sample; moved back in step {moved:?} (samples)",
        heard.len(),
        errors.len(),
    );
    assert!(
        unexplained.is_empty(),
        "every gap is as planned to the sample, or differs by a correction the debug log names: \
         gaps off by {errors:?} samples, corrections {moved:?}, unexplained {unexplained:?}"
    );
}

/// A difference in samples, rounded to a whole one.
#[allow(
    clippy::cast_possible_truncation,
    reason = "differences between cues of a session, far inside i64"
)]
fn whole(samples: f64) -> i64 {
    samples.round() as i64
}

/// The drift corrections a debug log names, in order, as what they do to
/// the next gap between cues: silence added lengthens it, a skip shortens.
/// A jump back in step (after a stop) starts a new run of them.
fn corrections(log: &str) -> Vec<Vec<i64>> {
    let mut runs = vec![Vec::new()];
    for said in log.lines().filter_map(|line| line.split_once("sound: ")) {
        if said.1.starts_with("far off, back in step at once") {
            runs.push(Vec::new());
            continue;
        }
        let Some((kind, n)) = said
            .1
            .split_once(" (samples)")
            .and_then(|(pace, _)| pace.strip_suffix(')')?.split_once('('))
        else {
            continue;
        };
        let n: i64 = n.parse().expect("a number of samples");
        let run = runs.last_mut().expect("a run");
        match kind {
            "Silence" => run.push(n),
            "Skip" => run.push(-n),
            _ => panic!("a correction is silence added or a skip: {}", said.1),
        }
    }
    runs
}

/// The gaps whose error no correction explains: each gap off by more than
/// a sample must be off by the next corrections in the log (one or more,
/// within 2 samples), taken in order. Corrections left over at the end
/// fell after the last cue.
fn unexplained(errors: &[i64], corrections: &[i64]) -> Vec<(usize, i64)> {
    let mut next = corrections.iter().copied();
    let mut wrong = Vec::new();
    for (gap, error) in errors.iter().copied().enumerate() {
        if error.abs() <= 1 {
            continue;
        }
        let mut sum = 0;
        let explained = loop {
            match next.next() {
                Some(c) => {
                    sum += c;
                    if (error - sum).abs() <= 2 {
                        break true;
                    }
                }
                None => break false,
            }
        };
        if !explained {
            wrong.push((gap, error));
        }
    }
    wrong
}

#[test]
fn a_gap_is_explained_only_by_the_corrections_logged_in_order() {
    let log = "[… DEBUG repcadence::audio::feed] sound: Skip(206) (samples) to keep in step\n\
               [… DEBUG repcadence::audio::device] something else\n\
               [… DEBUG repcadence::audio::feed] sound: Silence(146) (samples) to keep in step\n";
    assert_eq!(corrections(log), [[-206, 146]]);
    let jumped = "sound: Skip(150) (samples) to keep in step\n\
                  sound: far off, back in step at once: Silence(9000) (samples)\n";
    assert_eq!(corrections(jumped), [vec![-150], vec![]]);
    assert_eq!(unexplained(&[0, -205, 1, 147, 0], &[-206, 146]), []);
    assert_eq!(unexplained(&[0, -60, 0], &[-30, -31]), [], "two in one gap");
    assert_eq!(unexplained(&[0, 0], &[146]), [], "after the last cue");
    assert_eq!(unexplained(&[0, 40, 0], &[]), [(1, 40)], "a sample lost");
    assert_eq!(
        unexplained(&[146, -206], &[-206, 146]),
        [(0, 146), (1, -206)],
        "out of order"
    );
}

/// Reads the pipe sink's FIFO (`cue`, PULSE_HARNESS_SINK=cue) until told
/// to stop: every sample it renders, in real time, silence included.
fn record_cue_sink() -> (Arc<AtomicBool>, std::thread::JoinHandle<Vec<i16>>) {
    let dir = std::env::var_os("PULSE_HARNESS_DIR").expect("PULSE_HARNESS_DIR");
    let fifo = std::path::Path::new(&dir).join("cue.fifo");
    let mut file = std::fs::File::open(&fifo).expect("the cue sink's FIFO");
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let reader = std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut chunk = [0u8; 4096];
        // What the FIFO held before anyone read it is not this session's.
        let fresh = Instant::now() + Duration::from_millis(300);
        while !stopping.load(Ordering::Acquire) {
            let n = file.read(&mut chunk).expect("read the FIFO");
            if Instant::now() > fresh {
                raw.extend_from_slice(&chunk[..n]);
            }
        }
        raw.chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    });
    (stop, reader)
}

/// SIGSTOP for 3 s mid-set, then SIGCONT, with sound: the cues due while
/// the process was stopped are dropped, not played late in a rush, and the
/// cues after it are heard at their planned times, in step with those
/// before it (within 20 ms: a buffer's worth, 43-60 ms, is what goes wrong
/// when the stream jumps ahead without letting the device refill), spaced
/// as planned to the sample but for the drift corrections the debug log
/// names. The sound device is not given up as lost.
#[test]
#[ignore = "needs the private PulseAudio of tests/audio/real-audio.sh, with PULSE_HARNESS_SINK=cue"]
fn a_session_stopped_mid_set_is_heard_in_step_after_sigcont() {
    use std::io::BufRead;
    assert_eq!(
        std::env::var("PULSE_HARNESS_SINK").as_deref(),
        Ok("cue"),
        "run tests/audio/real-audio.sh: it starts a sound server whose default sink is the pipe sink `cue`"
    );
    let (stop_recording, recorder) = record_cue_sink();
    std::thread::sleep(Duration::from_millis(500));

    let args = ["2-0-1-0", "--sets", "1", "--reps", "3", "--count-in", "2"];
    let home = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("repcadence"))
        .args(args)
        .args(["--plain", "--no-log", "--debug-log"])
        .arg(home.path().join("debug.log"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run repcadence");
    let pid = child.id().to_string();
    let signal = |name: &str| {
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(&pid)
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -{name}");
    };
    // Each line with when it arrived; session time 0 is the earliest
    // arrival less its planned time.
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut origin: Option<Instant> = None;
    loop {
        let line = lines.next().expect("a line").expect("read");
        let at = Instant::now();
        let ms: u64 =
            line[3..5].parse::<u64>().expect("s") * 1000 + line[6..9].parse::<u64>().expect("ms");
        let zero = at
            .checked_sub(Duration::from_millis(ms))
            .expect("after boot");
        origin = Some(origin.map_or(zero, |o| o.min(zero)));
        if line.contains("lower  set 1/1  rep 1/3") {
            break;
        }
    }
    // Stopped half a second into the first lowering (2.0-4.0 s: the counts
    // at 3.0 and 4.0, rep 2's lift at 4.0 and lowering at 5.0 fall in the
    // stop), continued 3 s later.
    std::thread::sleep(Duration::from_millis(500));
    signal("STOP");
    let stopped = Instant::now();
    std::thread::sleep(Duration::from_secs(3));
    let continued = Instant::now();
    signal("CONT");
    for line in lines {
        line.expect("read");
    }
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    std::thread::sleep(Duration::from_millis(1_000));
    stop_recording.store(true, Ordering::Release);
    let samples = recorder.join().expect("recorder");

    assert!(status.success(), "{status:?}: {err}");
    assert_eq!(err, "", "nothing on stderr: the device was not given up");
    let origin = origin.expect("lines");
    let stop = stopped.duration_since(origin).as_secs_f64();
    let cont = continued.duration_since(origin).as_secs_f64();

    let session = Session {
        tempo: "2-0-1-0".parse().expect("tempo"),
        reps: 3,
        sets: 1,
        count_in_ms: 2000,
        ..Session::default()
    };
    let planned: Vec<f64> = cue_times(&session, &Settings::default(), Instant::now())
        .iter()
        .map(Duration::as_secs_f64)
        .collect();
    let heard = onsets(&samples, 240);
    assert!(!heard.is_empty(), "nothing was heard");
    // The first cue (the count-in's countdown at 0 s) places the plan on
    // the recording; every onset heard must be a planned cue.
    let zero = heard[0] as f64 - planned[0] * RATE;
    let at: Vec<f64> = heard.iter().map(|h| (*h as f64 - zero) / RATE).collect();
    let before: Vec<f64> = planned
        .iter()
        .copied()
        .filter(|p| *p < stop - 0.2)
        .collect();
    let during: Vec<f64> = planned
        .iter()
        .copied()
        .filter(|p| *p > stop + 0.2 && *p < cont + 0.2)
        .collect();
    let after: Vec<f64> = planned
        .iter()
        .copied()
        .filter(|p| *p > cont + 0.3)
        .collect();
    assert!(during.len() >= 3, "cues due while stopped: {during:?}");
    let shift = |p: f64| {
        at.iter()
            .map(|a| a - p)
            .min_by(|a, b| a.abs().total_cmp(&b.abs()))
            .unwrap_or(f64::MAX)
    };
    // Spaced as planned to the sample, but for the drift corrections the
    // debug log names (the jump back in step after the stop parts them).
    let log = std::fs::read_to_string(home.path().join("debug.log")).expect("the debug log");
    let runs = corrections(&log);
    let gaps = |cues: &[f64]| -> Vec<i64> {
        cues.windows(2)
            .map(|p| whole((shift(p[1]) - shift(p[0])) * RATE))
            .collect()
    };
    let (moved_before, moved_after) = match runs.as_slice() {
        [before, after] => (before.as_slice(), after.as_slice()),
        _ => panic!("one jump back in step after the stop: {runs:?}"),
    };
    let off = unexplained(&gaps(&before), moved_before);
    assert!(
        off.is_empty(),
        "the cues before the stop are spaced as planned: gaps off by {:?} samples, \
         corrections {moved_before:?}: heard at {at:?}",
        gaps(&before)
    );
    for p in &during {
        assert!(
            shift(*p).abs() > 0.1,
            "the cue due at {p} s, while stopped ({stop:.2}-{cont:.2} s), was played: heard at {at:?}"
        );
    }
    let shifts: Vec<f64> = after.iter().map(|p| shift(*p)).collect();
    println!(
        "stopped {stop:.3}-{cont:.3} s: {} cues before, {} dropped, {} after, heard {:+.1} ms from plan",
        before.len(),
        during.len(),
        after.len(),
        shifts.first().copied().unwrap_or(f64::NAN) * 1000.0
    );
    // In step with the cues before the stop: off by what was corrected
    // before it, and a few ms more at most.
    let last_before = before.last().map_or(0.0, |p| shift(*p));
    let first_after = shifts.first().copied().expect("cues after the stop");
    assert!(
        (first_after - last_before).abs() < 0.020,
        "the first cue after SIGCONT is heard {:+.1} ms off the cues before the stop: heard at {at:?}",
        (first_after - last_before) * 1000.0
    );
    let off = unexplained(&gaps(&after), moved_after);
    assert!(
        off.is_empty(),
        "the cues after SIGCONT are spaced as planned: gaps off by {:?} samples, \
         corrections {moved_after:?}: heard at {at:?}",
        gaps(&after)
    );
    // Nothing else: no burst of stale cues, no cue twice.
    assert_eq!(
        heard.len(),
        before.len() + after.len(),
        "every onset is a planned cue before or after the stop: heard at {at:?}, planned {planned:?}"
    );
}

/// `repcadence doctor` through the private PulseAudio: the device opens,
/// reports a delay, and takes every cue.
#[test]
#[ignore = "needs the private PulseAudio of tests/audio/real-audio.sh"]
fn doctor_plays_through_the_sound_server_and_names_its_delay() {
    assert!(
        std::env::var_os("PULSE_SERVER").is_some(),
        "no sound server: run tests/audio/real-audio.sh (it starts one)"
    );
    let home = tempfile::tempdir().expect("tempdir");
    let out = Command::new(assert_cmd::cargo::cargo_bin("repcadence"))
        .arg("doctor")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("run repcadence doctor");
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
    // "rep one" at the lift (two words), the count, the end.
    assert!(text.contains("cues:           4 of 4 played"), "{text}");
    assert!(text.contains("cues are flowing"), "{text}");
    assert!(text.contains("reported delay: ") && !text.contains("reports no delay"));
    assert!(text.ends_with("ok: the sound path works\n"), "{text}");
}

/// A pipe sink that its reader clocks (no system clock) reports what its
/// FIFO holds as its latency: read at real-time pace from a FIFO of 16 KiB
/// it reports about 170 ms, as a Bluetooth headset does. Loaded into the
/// private PulseAudio if it is not there; returns its FIFO.
#[cfg(target_os = "linux")]
fn high_delay_sink() -> std::path::PathBuf {
    let dir = std::env::var_os("PULSE_HARNESS_DIR").expect("PULSE_HARNESS_DIR");
    let fifo = std::path::Path::new(&dir).join("slow.fifo");
    if !fifo.exists() {
        let loaded = Command::new("pactl")
            .args(["load-module", "module-pipe-sink", "sink_name=slow"])
            .arg(format!("file={}", fifo.display()))
            .args(["format=s16le", "rate=48000", "channels=1"])
            .stdout(Stdio::null())
            .status()
            .expect("pactl (apt-get install pulseaudio-utils)");
        assert!(loaded.success(), "pactl load-module module-pipe-sink");
    }
    fifo
}

/// What a paced reader played: the samples, and (samples so far, when).
#[cfg(target_os = "linux")]
type Played = (Vec<i16>, Vec<(usize, Instant)>);

/// The sound card of [`high_delay_sink`]: takes its samples at real-time
/// pace from a FIFO of 16 KiB until told to stop. Returns the samples and
/// (samples taken so far, when): the last sample of each read is played
/// as it is read.
#[cfg(target_os = "linux")]
fn play_paced(fifo: std::path::PathBuf) -> (Arc<AtomicBool>, std::thread::JoinHandle<Played>) {
    use std::os::fd::AsRawFd;
    let mut file = std::fs::File::open(&fifo).expect("the sink's FIFO");
    // SAFETY: F_SETPIPE_SZ and O_NONBLOCK on a FIFO this test opened and
    // owns (the sink stops writing when its stream ends: a blocking read
    // would wait for ever).
    let (size, flags) = unsafe {
        let fd = file.as_raw_fd();
        (
            libc::fcntl(fd, libc::F_SETPIPE_SZ, 16_384),
            libc::fcntl(fd, libc::F_SETFL, libc::O_NONBLOCK),
        )
    };
    assert!(
        size >= 16_384 && flags == 0,
        "F_SETPIPE_SZ: {size}, O_NONBLOCK: {flags}"
    );
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let player = std::thread::spawn(move || {
        let t0 = Instant::now();
        let mut raw = Vec::new();
        let mut marks = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        while !stopping.load(Ordering::Acquire) {
            let now = Instant::now();
            let ns = now.duration_since(t0).as_nanos();
            let due = usize::try_from(ns * 48_000 / 1_000_000_000).unwrap_or(usize::MAX) * 2;
            let want = due.saturating_sub(raw.len()).min(chunk.len());
            match file.read(&mut chunk[..want]) {
                Ok(n) if n > 0 => {
                    raw.extend_from_slice(&chunk[..n]);
                    marks.push((raw.len() / 2, now));
                }
                Err(e) if e.kind() != std::io::ErrorKind::WouldBlock => panic!("read: {e}"),
                _ => {}
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let samples = raw
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        (samples, marks)
    });
    (stop, player)
}

/// With no flag and no config, on a sink that reports a delay like a
/// Bluetooth headset's, every cue is heard when the display shows it:
/// within a few ms, where a fixed guess of the delay would be 100 ms or
/// more off. (`bench/run` measures the same, on two sinks, over 60 s.)
#[test]
#[cfg(target_os = "linux")]
#[ignore = "needs the private PulseAudio of tests/audio/real-audio.sh"]
fn sight_and_sound_agree_on_a_sink_that_reports_a_long_delay() {
    use std::io::BufRead;
    let fifo = high_delay_sink();
    let (stop_playing, player) = play_paced(fifo);
    std::thread::sleep(Duration::from_millis(500));
    let home = tempfile::tempdir().expect("tempdir");
    let debug_log = home.path().join("debug.log");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("repcadence"))
        .args(["1-0-1-0", "--sets", "1", "--reps", "3", "--count-in", "3"])
        .args(["--plain", "--no-log", "--debug-log"])
        .arg(&debug_log)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("PULSE_SINK", "slow")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run repcadence");
    // When the display showed session time 0: each line's arrival less the
    // time it carries (the earliest: a line is never early).
    let mut origin: Option<Instant> = None;
    for line in std::io::BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("read");
        let at = Instant::now();
        // "00:03.000 lift …"; the summary at the end carries no time.
        let (Some(s), Some(ms)) = (line.get(3..5), line.get(6..9)) else {
            continue;
        };
        let (Ok(s), Ok(ms)) = (s.parse::<u64>(), ms.parse::<u64>()) else {
            continue;
        };
        let zero = at
            .checked_sub(Duration::from_millis(s * 1000 + ms))
            .expect("after boot");
        origin = Some(origin.map_or(zero, |o| o.min(zero)));
    }
    let status = child.wait().expect("wait");
    std::thread::sleep(Duration::from_millis(1_000));
    stop_playing.store(true, Ordering::Release);
    let (samples, marks) = player.join().expect("player");
    assert!(status.success(), "{status:?}");
    let origin = origin.expect("lines");

    let log = std::fs::read_to_string(&debug_log).expect("debug log");
    let reported: f64 = log
        .split("delay reported ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|ms| ms.parse().ok())
        .expect("the delay reported, in the debug log");
    assert!(reported > 150.0, "the sink reports {reported} ms");

    let session = Session {
        tempo: "1-0-1-0".parse().expect("tempo"),
        reps: 3,
        sets: 1,
        count_in_ms: 3000,
        ..Session::default()
    };
    let planned = cue_times(&session, &Settings::default(), Instant::now());
    let heard = onsets(&samples, 240);
    assert_eq!(
        heard.len(),
        planned.len(),
        "every cue once: heard {heard:?}"
    );
    let played = |sample: usize| {
        let (end, t) = marks
            .iter()
            .find(|(end, _)| *end > sample)
            .copied()
            .expect("a read holds it");
        t.checked_sub(Duration::from_secs_f64((end - sample) as f64 / RATE))
            .expect("after boot")
    };
    let offsets: Vec<f64> = heard
        .iter()
        .zip(&planned)
        .map(|(h, p)| {
            let heard = played(*h);
            let shown = origin + *p;
            if heard >= shown {
                heard.duration_since(shown).as_secs_f64() * 1000.0
            } else {
                -(shown.duration_since(heard).as_secs_f64() * 1000.0)
            }
        })
        .collect();
    println!("delay reported {reported} ms; sound after sight, per cue (ms): {offsets:.1?}");
    for off in &offsets {
        assert!(
            off.abs() < 15.0,
            "a cue heard {off:+.1} ms from when it was shown: {offsets:.1?}"
        );
    }
}
