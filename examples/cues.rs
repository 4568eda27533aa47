//! Where cues should be and where they are: `bench/run` runs this to check
//! recordings of a session's sound.
//!
//!     cargo run --release --example cues -- plan TEMPO SETS REPS REST_S COUNT_IN_S
//!         the session time of every cue, in ns, one per line, with the
//!         built-in sound settings (voice and ticks on), as the program
//!         plays that session with no config file;
//!     cargo run --release --example cues -- onsets FILE
//!         the sample index of every onset (sound after at least 5 ms of
//!         digital silence) in FILE, raw signed 16-bit little-endian mono.

use std::process::ExitCode;
use std::time::Instant;

use repcadence::audio::cue_times;
use repcadence::audio::cues::Settings;

#[path = "../src/audio/onsets.rs"]
mod onsets;
use onsets::onsets;
use repcadence::timing::plan::Session;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("cues: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<Vec<String>, String> {
    let number = |i: usize| -> Result<u32, String> {
        let text = args
            .get(i)
            .ok_or("plan TEMPO SETS REPS REST_S COUNT_IN_S")?;
        text.parse()
            .map_err(|_| format!("{text:?} is not a whole number"))
    };
    match args.first().map(String::as_str) {
        Some("plan") => {
            let tempo = args.get(1).ok_or("plan needs a tempo, e.g. 4-0-1-0")?;
            let session = Session {
                tempo: tempo.parse().map_err(|e| format!("{e}"))?,
                sets: u16::try_from(number(2)?).map_err(|e| e.to_string())?,
                reps: u16::try_from(number(3)?).map_err(|e| e.to_string())?,
                rest_ms: number(4)? * 1000,
                count_in_ms: number(5)? * 1000,
                ..Session::default()
            };
            Ok(cue_times(&session, &Settings::default(), Instant::now())
                .iter()
                .map(|t| t.as_nanos().to_string())
                .collect())
        }
        Some("onsets") => {
            let path = args.get(1).ok_or("onsets needs a file")?;
            let raw = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            let samples: Vec<i16> = raw
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect();
            Ok(onsets(&samples, 240).iter().map(usize::to_string).collect())
        }
        _ => Err("use `plan TEMPO SETS REPS REST_S COUNT_IN_S` or `onsets FILE`".into()),
    }
}
