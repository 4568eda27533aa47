//! The real-audio test: a session played through the normal output path
//! (ALSA's default device → a private PulseAudio null sink), recorded from
//! the sink's monitor with parec, and every cue checked against the plan.
//!
//! It needs the sound server that `tests/audio/real-audio.sh` starts, so it
//! is ignored by a plain `cargo test`; `.ci/run` runs it through that script.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use repcadence::audio::cues::Settings;
use repcadence::audio::{cue_times, onsets};
use repcadence::plan::Session;

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
