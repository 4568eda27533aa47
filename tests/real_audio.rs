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

use repcadence::audio::cues::Settings;
use repcadence::audio::{cue_times, onsets};
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

    let played = Command::new(assert_cmd::cargo::cargo_bin("repcadence"))
        .args(ARGS)
        .arg("--plain")
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
    let errors: Vec<f64> = heard
        .windows(2)
        .zip(planned.windows(2))
        .map(|(h, p)| ((h[1] - h[0]) as f64 - (p[1] - p[0]) * RATE).abs())
        .collect();
    let max = errors.iter().copied().fold(0.0, f64::max);
    let mean = errors.iter().sum::<f64>() / errors.len() as f64;
    println!(
        "real audio: {} cues, spacing error mean {:.3} ms ({mean:.2} samples), max {:.3} ms ({max} samples)",
        heard.len(),
        mean / RATE * 1000.0,
        max / RATE * 1000.0
    );
    assert!(max <= RATE / 1000.0, "spacing within 1 ms: {errors:?}");
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
/// as planned to the sample. The sound device is not given up as lost.
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
        .args(["--plain", "--no-log"])
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
    for p in &before {
        assert!(
            shift(*p).abs() < 0.001,
            "the cue at {p} s before the stop: heard at {at:?}"
        );
    }
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
    for (p, s) in after.iter().zip(&shifts) {
        assert!(
            s.abs() < 0.020,
            "the cue at {p} s, after SIGCONT, is heard {:+.1} ms off the plan: heard at {at:?}",
            s * 1000.0
        );
        assert!(
            (s - shifts[0]).abs() < 0.001,
            "the cues after SIGCONT are spaced as planned: {shifts:?}"
        );
    }
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
    assert!(text.contains("cues:           3 of 3 played"), "{text}");
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
