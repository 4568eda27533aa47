//! Bad input, row by row: each bad invocation must exit 2 (bad usage),
//! print nothing on stdout, never panic, and say on stderr what to type
//! instead: the allowed values, an example, or the option or subcommand
//! meant.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

/// `{dir}` in a row's arguments and hints: the directory of the files
/// below.
const DIR: &str = "{dir}";

/// Files the rows read: bad config files, and files in the way.
const FILES: [(&str, &[u8]); 21] = [
    (
        "wrong-type.toml",
        b"[defaults]\nreps = 8\nvolume = \"loud\"\n",
    ),
    ("unclosed.toml", b"[defaults\nreps = 3\n"),
    ("no-tempo.toml", b"[presets.heavy]\nreps = 6\n"),
    (
        "bad-tempo.toml",
        b"# mine\n[presets.heavy]\ntempo = \"4-0-1\"\n",
    ),
    ("latin-1.toml", b"[defaults]\n# caf\xe9\n"),
    ("list.toml", b"[[defaults]]\nreps = 3\n"),
    ("bad-start.toml", b"[exercises.lunge]\nstart = \"down\"\n"),
    ("exists.toml", b"[defaults]\nreps = 5\n"),
    ("exists.wav", b"keep me"),
    ("keys-twice.toml", b"[keys]\npause = \"x\"\nquit = \"x\"\n"),
    ("keys-space.toml", b"[keys]\npause = \"Space\"\nnext = \"space\"\n"),
    ("keys-newline.toml", b"[keys]\n\nnext = \"\\n\"\n"),
    (
        "man.toml",
        b"[[blocks]]\nexercise = \"squat\"\n\n[[blocks]]\nexercise = \"bench\"\nlift = \"manual\"\n",
    ),
    (
        "foo.toml",
        b"[[blocks]]\nexercise = \"squat\"\n[[blocks]]\nexercise = \"curl\"\nsets = \"three\"\n",
    ),
    (
        "changeover.toml",
        b"[[blocks]]\nexercise = \"squat\"\nchangeover = 4000\n",
    ),
    (
        "list-length.toml",
        b"[[blocks]]\nexercise = \"squat\"\nsets = 4\nreps = [8, 6, 4]\n",
    ),
    (
        "list-element.toml",
        b"[[blocks]]\nexercise = \"squat\"\nload = [\"60kg\", \"70 bananas\"]\n",
    ),
    (
        "lists-differ.toml",
        b"[[blocks]]\nexercise = \"squat\"\nreps = [8, 6, 4]\nload = [\"60kg\", \"70kg\"]\n",
    ),
    (
        "list-empty.toml",
        b"[[blocks]]\nexercise = \"squat\"\nreps = []\n",
    ),
    ("case.toml", b"[exercises.Deadlift]\nstart = \"lift\"\n"),
    (
        "empty-name.toml",
        b"[workouts.legs]\n[[workouts.legs.blocks]]\nexercise = \"squat\"\n\n[workouts.\"\"]\n\
          description = \"x\"\n[[workouts.\"\".blocks]]\nexercise = \"curl\"\n",
    ),
];

/// One bad invocation: what it tries, its arguments, and the words stderr
/// must have (all of them): the hint of what to type instead.
struct Row {
    what: &'static str,
    args: &'static [&'static str],
    hint: &'static [&'static str],
}

const fn row(
    what: &'static str,
    args: &'static [&'static str],
    hint: &'static [&'static str],
) -> Row {
    Row { what, args, hint }
}

/// Every tempo message ends with this example.
const LIKE: &str = "like 4-0-1-0 or 31X0";

const ROWS: &[Row] = &[
    // Malformed tempos.
    row("three fields", &["plan", "4-0-1"], &["(found 3)", LIKE]),
    row(
        "five characters",
        &["40100", "--plain"],
        &["without separators each is one digit or X", LIKE],
    ),
    row(
        "commas",
        &["plan", "4,0,1,0"],
        &["\",\" does not separate them: use -, : or /", LIKE],
    ),
    row(
        "dots",
        &["render", "4.0.1.0", "-o", "{dir}/dots.wav"],
        &["\".\" is the decimal point: separate them with -, : or /"],
    ),
    row(
        "a leading separator",
        &["plan", "--", "-4-0-1-0"],
        &["(it begins with \"-\")", LIKE],
    ),
    row(
        "a field over 60 s",
        &["plan", "4-0-61-0"],
        &["the lift (3rd) field \"61\" is more than 60 s", LIKE],
    ),
    row(
        "X out of place",
        &["plan", "X-0-1-0"],
        &["\"X\" is X (explosive), which only fits the lift, the 3rd field"],
    ),
    row(
        "an empty rep",
        &["0-0-0-0", "--plain"],
        &["a rep must last longer than 0 s", LIKE],
    ),
    row(
        "a rep of 0 s after --lift",
        &["plan", "0-0-1-0", "--lift", "0"],
        &["give it a lowering, e.g. --lower 3"],
    ),
    // Numbers: zero, negative, huge, not numbers.
    row(
        "zero reps",
        &["plan", "--reps", "0"],
        &["0 is not in 1..=100"],
    ),
    row(
        "negative reps",
        &["plan", "--reps", "-3"],
        &["--reps takes no negative number: -3 is not in 1..=100"],
    ),
    row(
        "huge reps",
        &["plan", "--reps", "99999999999999999999"],
        &["99999999999999999999 is not in 1..=100"],
    ),
    row(
        "reps in words",
        &["plan", "--reps", "eight"],
        &["\"eight\" is not a whole number: give one from 1 to 100"],
    ),
    row(
        "too many sets",
        &["plan", "--sets", "51"],
        &["51 is not in 1..=50"],
    ),
    row(
        "sets in words",
        &["--plain", "--sets", "three"],
        &["give one from 1 to 50"],
    ),
    row(
        "a rest over an hour",
        &["plan", "--rest", "3601"],
        &["\"3601\" is more than 3600 s: give seconds like 3 or 2.5"],
    ),
    row(
        "a negative rest",
        &["plan", "--rest", "-2.5"],
        &[
            "--rest takes no negative number",
            "give seconds like 3 or 2.5",
        ],
    ),
    row(
        "a rest in an unknown unit",
        &["plan", "--rest", "1m30x"],
        &["\"1m30x\" is not a number of seconds: give seconds like 3 or 2.5"],
    ),
    row(
        "a long count-in",
        &["plan", "--count-in", "61"],
        &["\"61\" is more than 60 s: give seconds like 3 or 2.5"],
    ),
    row(
        "a negative count-in",
        &["plan", "--count-in", "-1"],
        &[
            "--count-in takes no negative number",
            "give seconds like 3 or 2.5",
        ],
    ),
    row(
        "a count-in finer than 1 ms",
        &["plan", "--count-in", "0.0001"],
        &["has more than 3 decimals: give seconds like 3 or 2.5"],
    ),
    row(
        "an explosive lift too short",
        &["plan", "--explosive", "0.05"],
        &["an explosive lift is timed as 0.1-10 s, like 1 or 0.5"],
    ),
    // Sound.
    row(
        "a volume over 100",
        &["--plain", "--volume", "101"],
        &["101 is not in 0..=100"],
    ),
    row(
        "a volume in words",
        &["render", "--volume", "loud", "-o", "{dir}/loud.wav"],
        &["\"loud\" is not a whole number: give one from 0 to 100"],
    ),
    row(
        "a latency over a second",
        &["--plain", "--audio-latency", "5000"],
        &["5000 is not in 0..=1000"],
    ),
    row(
        "a negative latency",
        &["--plain", "--audio-latency", "-5"],
        &["--audio-latency takes no negative number: -5 is not in 0..=1000"],
    ),
    // Loads.
    row(
        "a load without a unit",
        &["--plain", "--load", "80"],
        &["\"80\" has no unit: type it like 80kg or 80lb"],
    ),
    row(
        "a load as a count times a load",
        &["--plain", "--load", "2x20kg"],
        &["type the load of one"],
    ),
    row(
        "a load finer than plates",
        &["--plain", "--load", "0.001kg"],
        &["more than 2 decimals", "like 80kg or 175lb"],
    ),
    row(
        "a load too heavy to be one",
        &["--plain", "--load", "99999999999999999999999kg"],
        &["more than 9999 kg or lb"],
    ),
    row(
        "a load that is a word",
        &["--plain", "--load", "heavy"],
        &["\"heavy\" is not a load", "bw for bodyweight"],
    ),
    // Names and choices.
    row(
        "an unknown preset",
        &["plan", "-p", "heavy"],
        &["use one of slow, four-one, tut, overload, beyond-failure"],
    ),
    row(
        "an exercise with no name",
        &["--plain", "--exercise", " - "],
        &[
            "an exercise needs a name: use one of squat, bench",
            "`repcadence exercises` lists all",
        ],
    ),
    row(
        "a lift in words",
        &["plan", "--lift", "fast"],
        &["give seconds like 1, X, P or manual"],
    ),
    row(
        "an unknown start",
        &["plan", "--start", "up"],
        &["[possible values: lift, lower]"],
    ),
    row(
        "no start given",
        &["plan", "--start"],
        &[
            "a value is required for '--start <PHASE>'",
            "[possible values: lift, lower]",
        ],
    ),
    row(
        "an unknown colour",
        &["plan", "--color", "pink"],
        &["[possible values: auto, always, never]"],
    ),
    // Unknown flags and subcommands.
    row(
        "a flag spelled the British way",
        &["--colour", "never"],
        &["a similar argument exists: '--color'"],
    ),
    row(
        "a flag with a letter missing",
        &["plan", "--rep", "5"],
        &["a similar argument exists: '--reps'"],
    ),
    row(
        "a flag of another command",
        &["log", "--volume", "50"],
        &[
            "--volume is an option of a session (no subcommand), `repcadence plan` and \
             `repcadence render`",
        ],
    ),
    row(
        "a flag of a subcommand, without it",
        &["--json"],
        &["--json is an option of `repcadence plan`"],
    ),
    row(
        "a misspelt subcommand",
        &["plna"],
        &["a similar subcommand exists: `repcadence plan`"],
    ),
    row(
        "an unknown subcommand",
        &["frobnicate"],
        &["they are plan, render, presets, exercises, workouts, config, log, journal"],
    ),
    row(
        "a misspelt config action",
        &["config", "int"],
        &["a similar subcommand exists: 'init'"],
    ),
    row(
        "no config action",
        &["config"],
        &["init  Write a fully commented example config file"],
    ),
    row(
        "a second tempo, not in ASCII",
        &["plan", "4-0-1-0", "éé"],
        &[
            "unexpected argument 'éé' found",
            "Usage: repcadence plan [OPTIONS] [TEMPO]",
        ],
    ),
    row(
        "an argument man does not take",
        &["man", "extra"],
        &[
            "unexpected argument 'extra'",
            "Usage: repcadence man [OPTIONS]",
        ],
    ),
    // Conflicts and misplaced options.
    row(
        "session options before the subcommand",
        &["--reps", "5", "plan"],
        &["session options go after the subcommand, e.g. `repcadence plan 4-0-1-0 --reps 6`"],
    ),
    row(
        "rows and a chart at once",
        &["log", "--csv", "--chart", "bars"],
        &[
            "cannot be used with '--chart <HOW>'",
            "Usage: repcadence log --csv",
        ],
    ),
    row(
        "a partner's lift in a file",
        &["render", "--lift", "manual", "-o", "{dir}/partner.wav"],
        &["give the lift a time instead, e.g. --lift 2"],
    ),
    // Missing values, and files in the way.
    row(
        "render without a file",
        &["render", "4-0-1-0"],
        &[
            "the following required arguments were not provided",
            "--output <FILE.wav>",
        ],
    ),
    row(
        "-o without its value",
        &["render", "-o"],
        &["a value is required for '--output <FILE.wav>'"],
    ),
    row(
        "render over a file",
        &["render", "--sets", "1", "-o", "{dir}/exists.wav"],
        &["already exists: add --force to overwrite it, or choose another name with -o"],
    ),
    row(
        "render to a directory",
        &["render", "--force", "-o", "{dir}"],
        &["{dir} is a directory: name a file in it, e.g. -o {dir}/session.wav"],
    ),
    // log, journal, completions.
    row(
        "no recent sets",
        &["log", "--recent", "0"],
        &["0 is not in 1..=1000"],
    ),
    row(
        "an unknown chart",
        &["log", "--chart", "pie"],
        &["[possible values: auto, charts, columns]"],
    ),
    row(
        "a correction with no log",
        &["log", "amend", "--reps", "5"],
        &["has no sets", "a session logs each set"],
    ),
    row(
        "a correction to no reps",
        &["log", "amend", "--reps", "0"],
        &["0 is not in 1..=300"],
    ),
    row(
        "a correction past the cap",
        &["log", "amend", "--reps", "301"],
        &["301 is not in 1..=300"],
    ),
    row(
        "a correction to a load that is none",
        &["log", "amend", "--load", "70 bananas"],
        &["is not a load", "80kg or 175lb"],
    ),
    row(
        "a correction of nothing",
        &["log", "amend"],
        &["give --reps N, --load LOAD or --note TEXT"],
    ),
    row(
        "an undo of no set",
        &["log", "undo", "--set", "0"],
        &["0 is not in 1..=100000"],
    ),
    row(
        "an import of an unknown format",
        &["log", "--import", "fitbod", "x.csv"],
        &["type --import strong FILE"],
    ),
    row(
        "an export to an unknown format",
        &["log", "--export", "hevy"],
        &["[possible values: strong]"],
    ),
    row("the raw file without --csv", &["log", "--raw"], &["--csv"]),
    row(
        "soreness over 5",
        &["journal", "--soreness", "6", "--sleep", "3"],
        &["6 is not in 1..=5"],
    ),
    row(
        "sleep in words",
        &["journal", "--soreness", "2", "--sleep", "well"],
        &["\"well\" is not a whole number: give one from 1 to 5"],
    ),
    row(
        "no soreness",
        &["journal", "--sleep", "4"],
        &[
            "the following required arguments were not provided",
            "--soreness <1-5>",
        ],
    ),
    row(
        "an unknown shell",
        &["completions", "tcsh"],
        &["[possible values: bash, elvish, fish, powershell, zsh]"],
    ),
    // The config file (--config PATH).
    row(
        "a value of the wrong type",
        &["plan", "--config", "{dir}/wrong-type.toml"],
        &[
            "{dir}/wrong-type.toml:3:10: `defaults.volume`:",
            "volume is a whole number from 0 to 100",
        ],
    ),
    row(
        "a TOML syntax error",
        &["presets", "--config", "{dir}/unclosed.toml"],
        &[
            "{dir}/unclosed.toml:1:10: unclosed table, expected `]`",
            "`repcadence config init --config /tmp/example.toml` writes a commented example",
        ],
    ),
    row(
        "a preset without a tempo",
        &["plan", "-p", "heavy", "--config", "{dir}/no-tempo.toml"],
        &[
            "{dir}/no-tempo.toml:1:1: `presets.heavy`: missing field `tempo`",
            "every preset needs one, like tempo = \"4-0-1-0\"",
        ],
    ),
    row(
        "a preset with a bad tempo",
        &["--plain", "--config", "{dir}/bad-tempo.toml"],
        &[
            "{dir}/bad-tempo.toml:3:9: `presets.heavy.tempo`: \"4-0-1\" is not a tempo",
            LIKE,
        ],
    ),
    row(
        "a file that is not UTF-8",
        &["plan", "--config", "{dir}/latin-1.toml"],
        &["{dir}/latin-1.toml:2:6: byte 0xE9 is not UTF-8 text: save the file as UTF-8"],
    ),
    row(
        "a list where [defaults] belongs",
        &["exercises", "--config", "{dir}/list.toml"],
        &["expected the table [defaults], with keys like reps = 8"],
    ),
    row(
        "an exercise with a bad start",
        &[
            "render",
            "--config",
            "{dir}/bad-start.toml",
            "-o",
            "{dir}/start.wav",
        ],
        &["start is \"lift\" (curls, pull-ups) or \"lower\" (squats, bench)"],
    ),
    row(
        "a key bound twice",
        &["--plain", "--config", "{dir}/keys-twice.toml"],
        &[
            "{dir}/keys-twice.toml:3:8: `keys.quit`:",
            "\"x\" is bound twice, to pause and to quit",
        ],
    ),
    row(
        "one key bound twice under two names",
        &["plan", "--config", "{dir}/keys-space.toml"],
        &["{dir}/keys-space.toml:3:8: `keys.next`:", "is bound twice"],
    ),
    row(
        "a key that can never arrive",
        &["plan", "--config", "{dir}/keys-newline.toml"],
        &[
            "{dir}/keys-newline.toml:3:8: `keys.next`:",
            "can never arrive as a key press: write \"Enter\"",
        ],
    ),
    row(
        "a workout file's manual lift, rendered",
        &["render", "-w", "{dir}/man.toml", "-o", "{dir}/man.wav"],
        &[
            "block 2 of the workout \"man\" has lift = \"manual\"",
            "lift = 2 in that block of the file",
        ],
    ),
    row(
        "a workout file's type error",
        &["plan", "-w", "{dir}/foo.toml"],
        &[
            "{dir}/foo.toml:5:8: `blocks[2].sets`:",
            "tip: a workout file holds description",
        ],
    ),
    row(
        "a changeover out of range",
        &["plan", "-w", "{dir}/changeover.toml"],
        &["`blocks[1].changeover`: 4000 is not allowed: changeover is a number of seconds"],
    ),
    row(
        "a list of reps of the wrong length",
        &["plan", "-w", "{dir}/list-length.toml"],
        &[
            "{dir}/list-length.toml:4:8: `blocks[1].reps`:",
            "reps has 3 values, one per set, and sets = 4: give 4 values, or leave out sets",
        ],
    ),
    row(
        "a list of loads with a bad element",
        &["plan", "-w", "{dir}/list-element.toml"],
        &[
            "{dir}/list-element.toml:3:",
            "`blocks[1].load`: element 2 of the list (set 2)",
            "70 bananas",
        ],
    ),
    row(
        "lists of reps and loads of different lengths",
        &["plan", "-w", "{dir}/lists-differ.toml"],
        &[
            "`blocks[1].load`:",
            "load has 2 values and reps has 3: give one value per set in both",
        ],
    ),
    row(
        "an empty list of reps",
        &["plan", "-w", "{dir}/list-empty.toml"],
        &[
            "`blocks[1].reps`:",
            "[] gives no reps: give one value for every set",
        ],
    ),
    row(
        "a config exercise differing from the catalogue's only in case",
        &[
            "plan",
            "--config",
            "{dir}/case.toml",
            "--exercise",
            "deadlift",
        ],
        &[
            "{dir}/case.toml:1:",
            "differs from the catalogue's \"deadlift\" only in case: write \
             [exercises.\"deadlift\"]",
        ],
    ),
    row(
        "a workout with no name",
        &["workouts", "--config", "{dir}/empty-name.toml"],
        &["{dir}/empty-name.toml:5:1: ", "has no name"],
    ),
    row(
        "a rest in minutes and seconds of 75 seconds",
        &["plan", "--rest", "1:75"],
        &["\"1:75\" is not minutes and seconds: write them like 1:30"],
    ),
    row(
        "a negative rest",
        &["plan", "--rest=-1m"],
        &["\"-1m\" is negative"],
    ),
    row(
        "a rest past the range in hours",
        &["plan", "--rest", "2h"],
        &["\"2h\" is more than 3600 s"],
    ),
    row(
        "minutes with decimals before the colon",
        &["plan", "--count-in", "1.5:00"],
        &["\"1.5:00\" is not minutes and seconds"],
    ),
    row(
        "--tempo, as other programs spell it",
        &["--tempo", "4-0-1-0"],
        &["the tempo is given on its own, without an option: `repcadence 4-0-1-0`"],
    ),
    row(
        "--weight for the load",
        &["plan", "--weight", "80kg"],
        &["the weight is --load: `--load 80kg`"],
    ),
    row(
        "sets × reps where the tempo goes",
        &["plan", "3x6"],
        &["\"3x6\" reads like sets × reps: give them as --sets 3 --reps 6"],
    ),
    row(
        "reps to failure where the tempo goes",
        &["8+", "--plain"],
        &["\"8+\" reads like reps to failure: give it as --reps 8+"],
    ),
    row(
        "an exercise where the tempo goes",
        &["render", "squat", "-o", "{dir}/squat.wav"],
        &["to name the exercise: --exercise squat"],
    ),
    row(
        "reps with the plus in front",
        &["plan", "--reps", "+8"],
        &["\"+8\" has its + in front: to go on to failure after 8 reps, write 8+"],
    ),
    row(
        "config init over a file",
        &["config", "init", "--config", "{dir}/exists.toml"],
        &[
            "already exists and is left as it is",
            "tip: edit it, or move it away",
        ],
    ),
];

/// Why `row` fails, run with `dir` as `{dir}` and `home` as its home, or
/// `None` if it passes.
fn check(row: &Row, dir: &Path, home: &Path, alsa: &Path) -> Option<String> {
    let dir = dir.to_str().expect("a UTF-8 temp dir");
    let args: Vec<String> = row.args.iter().map(|a| a.replace(DIR, dir)).collect();
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("repcadence"));
    cmd.args(&args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("ALSA_CONFIG_PATH", alsa)
        .write_stdin("")
        .timeout(Duration::from_secs(30));
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RUST_LOG"] {
        cmd.env_remove(var);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => return Some(format!("could not run: {e}")),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut wrong = Vec::new();
    if out.status.code() != Some(2) {
        wrong.push(format!("exit status {:?}, not 2", out.status.code()));
    }
    for hint in row.hint {
        let hint = hint.replace(DIR, dir);
        if !stderr.contains(&hint) {
            wrong.push(format!("stderr lacks {hint:?}"));
        }
    }
    if !stdout.is_empty() {
        wrong.push(format!("stdout is not empty: {stdout:?}"));
    }
    if stderr.contains("panicked") {
        wrong.push("it panicked".to_string());
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "row \"{}\": repcadence {}\n  {}\n  stderr: {stderr}",
            row.what,
            args.join(" "),
            wrong.join("\n  ")
        )
    })
}

#[test]
fn every_bad_invocation_exits_2_with_a_hint_of_what_to_type_instead() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("files");
    std::fs::create_dir(&dir).expect("files dir");
    for (name, bytes) in FILES {
        std::fs::write(dir.join(name), bytes).expect("write a file");
    }
    // An ALSA setup whose default device is a card that does not exist:
    // nothing plays, and nothing talks to a sound server.
    let alsa = tmp.path().join("no-sound-card.conf");
    std::fs::write(
        &alsa,
        "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n",
    )
    .expect("write the ALSA config");

    assert!(ROWS.len() >= 30, "only {} rows", ROWS.len());
    let distinct: HashSet<&[&str]> = ROWS.iter().map(|r| r.args).collect();
    assert_eq!(distinct.len(), ROWS.len(), "two rows run the same thing");

    // The README counts the rows: the count must be this table's.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md");
    let said = format!("`tests/bad_input.rs`: {} bad invocations", ROWS.len());
    assert!(readme.contains(&said), "README.md should say: {said}");

    // Rows run on a few threads, each in a home of its own.
    let threads = 4;
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (tmp, dir, alsa) = (tmp.path(), &dir, &alsa);
                s.spawn(move || {
                    ROWS.iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .filter_map(|(i, row)| {
                            let home = tmp.join(format!("home-{i}"));
                            check(row, dir, &home, alsa)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a row's thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n\n")
    );

    // Refused, the files in the way are left as they were.
    for (name, bytes) in FILES {
        assert_eq!(
            std::fs::read(dir.join(name)).expect("still there"),
            bytes,
            "{name}"
        );
    }
    for never in [
        "dots.wav",
        "loud.wav",
        "partner.wav",
        "start.wav",
        "session.wav",
    ] {
        assert!(!dir.join(never).exists(), "{never} was written");
    }
}
