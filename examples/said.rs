//! What the voice says in a session, and when: `bench/intelligibility.py`
//! runs this to cut each phrase out of a rendered session and ask a
//! recogniser what it hears.
//!
//!     cargo run --release --example said -- TEMPO SETS REPS REST_S COUNT_IN_S lift|lower
//!
//! prints one line per phrase, `START_NS END_NS TEXT`, for the session as
//! `repcadence render TEMPO --sets SETS --reps REPS --rest REST_S
//! --count-in COUNT_IN_S --start lift|lower` plays it with the built-in
//! sound settings (the full voice). A phrase is everything spoken from one
//! instant: "rest set two of three", "down", "four".

use std::process::ExitCode;
use std::time::{Duration, Instant};

use repcadence::audio::RATE;
use repcadence::audio::cues::{Bank, Cue, Settings};
use repcadence::audio::script::planned;
use repcadence::timing::plan::{Session, Start};
use repcadence::timing::workout::Workout;

const ONES: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 5] = ["twenty", "thirty", "forty", "fifty", "sixty"];

/// `n` (1-60) as words.
fn number(n: u8) -> String {
    let n = usize::from(n);
    match n {
        1..=9 => ONES[n - 1].to_string(),
        10..=19 => TEENS[n - 10].to_string(),
        _ if n % 10 == 0 => TENS[n / 10 - 2].to_string(),
        _ => format!("{} {}", TENS[n / 10 - 2], ONES[n % 10 - 1]),
    }
}

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
            eprintln!("said: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<Vec<String>, String> {
    const USAGE: &str = "TEMPO SETS REPS REST_S COUNT_IN_S lift|lower";
    let whole = |i: usize| -> Result<u32, String> {
        let text = args.get(i).ok_or(USAGE)?;
        text.parse()
            .map_err(|_| format!("{text:?} is not a whole number"))
    };
    let tempo = args.first().ok_or(USAGE)?;
    let session = Session {
        tempo: tempo.parse().map_err(|e| format!("{e}"))?,
        sets: u16::try_from(whole(1)?).map_err(|e| e.to_string())?,
        reps: u16::try_from(whole(2)?).map_err(|e| e.to_string())?,
        rest_ms: whole(3)? * 1000,
        count_in_ms: whole(4)? * 1000,
        start: match args.get(5).map(String::as_str) {
            Some("lift") => Start::Lift,
            Some("lower") => Start::Lower,
            _ => return Err(USAGE.into()),
        },
        ..Session::default()
    };
    let workout = Workout::single(session);
    let bank = Bank::new();
    // A phrase: the spoken sounds of one instant.
    let mut phrases: Vec<(Duration, usize, Vec<String>)> = Vec::new();
    for (t, s) in planned(&workout, &Settings::default(), Instant::now(), &bank) {
        let text = match s.cue {
            Cue::Number(n) => number(n),
            Cue::Word(w) => w.name().replace('-', " "),
            _ => continue,
        };
        let end = s.delay + bank.get(s.cue).len();
        match phrases.last_mut() {
            Some((at, last, words)) if *at == t => {
                *last = (*last).max(end);
                words.push(text);
            }
            _ => phrases.push((t, end, vec![text])),
        }
    }
    let out = phrases
        .into_iter()
        .map(|(t, end, words)| {
            let start = t.as_nanos();
            let end = start + (end as u128) * 1_000_000_000 / u128::from(RATE);
            format!("{start} {end} {}", words.join(" "))
        })
        .collect();
    Ok(out)
}
