//! Workouts from the command line: every subcommand with `--workout`, a
//! workout file of one's own and one in the config file, `--from`, the log
//! a workout leaves, and bad workouts refused with where and what.

mod common;

use common::{Home, ok};
use predicates::prelude::*;
use serde_json::Value;

/// Three exercises, short enough to run: squats (2 × 2), a 2 s
/// changeover, bench (1 × 2), straight on to curls (1 × 1).
const THREE: &str = r#"description = "squats, bench, curls"

[[blocks]]
exercise = "squat"
tempo = "1-0-1-0"
sets = 2
reps = 2
rest = 1
changeover = 2
load = "60kg"

[[blocks]]
exercise = "bench"
tempo = "1-0-1-0"
sets = 1
reps = 2
changeover = 0

[[blocks]]
exercise = "curl"
preset = "slow"
tempo = "1-0-1-0"
sets = 1
reps = 1
"#;

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("json")
}

#[test]
fn plan_json_of_a_workout_file_shows_every_block_with_its_exercise_on_every_event() {
    let home = Home::new();
    home.write("three.toml", THREE);
    let out = home
        .cmd()
        .args(["plan", "-w"])
        .arg(home.path("three.toml"))
        .args(["--json", "--count-in", "0"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let p = json(&out);
    assert_eq!(p["workout"], "three");
    let blocks = p["blocks"].as_array().expect("blocks");
    let names: Vec<&str> = blocks
        .iter()
        .filter_map(|b| b["exercise"].as_str())
        .collect();
    assert_eq!(names, ["squat", "bench", "curl"]);
    assert_eq!(blocks[0]["load"], "60kg");
    assert_eq!(blocks[0]["changeover_seconds"], 2.0);
    assert_eq!(blocks[2]["preset"], "slow");
    let events = p["events"].as_array().expect("events");
    for e in events {
        let block = e["block"].as_u64().expect("every event has its block");
        if e["phase"] != "done" {
            let want = names[usize::try_from(block).expect("small") - 1];
            assert_eq!(e["exercise"], want, "{e}");
        }
    }
    let changeover: Vec<&Value> = events
        .iter()
        .filter(|e| e["phase"] == "changeover")
        .collect();
    assert_eq!(changeover.len(), 1, "bench goes straight on to curls");
    assert_eq!(changeover[0]["t"], 9.0);
    assert_eq!(p["total_seconds"], 17.0);
}

#[test]
fn plan_of_a_workout_groups_by_block_and_gives_the_articles_advice() {
    let home = Home::new();
    let text = THREE.replace(
        "preset = \"slow\"\ntempo = \"1-0-1-0\"",
        "preset = \"slow\"\ntempo = \"6-0-1-0\"",
    );
    home.write("three.toml", &text);
    home.cmd()
        .args(["plan", "-w"])
        .arg(home.path("three.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("workout three: 3 blocks"))
        .stdout(predicate::str::contains("block 2/3: exercise bench"))
        .stdout(predicate::str::contains("TUT block    4.0 s"))
        .stdout(predicate::str::contains(
            "advice: block 3 (curl): heavy negatives are best done early in a workout, while fresh",
        ));
}

#[test]
fn a_workout_runs_plain_from_start_to_finish_and_logs_a_row_per_set() {
    let home = Home::new();
    // At half the tempo, a rep is 1 s: the workout runs in 10 s.
    home.write("three.toml", &THREE.replace("1-0-1-0", "0.5-0-0.5-0"));
    let out = home
        .cmd()
        .arg("-w")
        .arg(home.path("three.toml"))
        .args(["--count-in", "0", "--plain", "--mute"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("00:00.000 lower  block 1/3 squat  set 1/2  rep 1/2  0.5 s"),
        "{text}"
    );
    assert!(
        text.contains("00:05.000 changeover  next: block 2/3 bench 0.5-0-0.5-0 1 × 2  2.0 s"),
        "{text}"
    );
    assert!(
        text.contains("00:09.000 lift  block 3/3 curl  set 1/1  rep 1/1  0.5 s"),
        "{text}"
    );
    assert!(text.contains("4 of 4 sets done"), "{text}");
    let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
    let rows: Vec<&str> = log.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{log}");
    let exercises: Vec<&str> = rows.iter().filter_map(|r| r.split(',').nth(1)).collect();
    assert_eq!(exercises, ["squat", "squat", "bench", "curl"]);
    assert!(rows[0].contains(",60kg,,60,kg,,three,1,3,"), "{}", rows[0]);
    assert!(
        rows[3].contains(",curl,slow,0.5-0-0.5-0,1,1,1,"),
        "{}",
        rows[3]
    );
    // `repcadence log` groups them by workout and exercise.
    home.cmd()
        .args(["log", "--chart", "columns"])
        .assert()
        .success()
        .stdout(predicate::str::contains("workout three"))
        .stdout(predicate::str::contains(
            "block 1/3 squat: 2 sets, 4/4 reps",
        ));
}

#[test]
fn from_starts_at_a_block_and_render_writes_the_rest() {
    let home = Home::new();
    home.write("three.toml", THREE);
    let out = home
        .cmd()
        .args(["plan", "--json", "-w"])
        .arg(home.path("three.toml"))
        .args(["--from", "2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let p = json(&out);
    assert_eq!(p["exercise"], "bench");
    assert_eq!(p["events"][1]["block"], 2);
    home.cmd()
        .args(["render", "-w"])
        .arg(home.path("three.toml"))
        .args(["--from", "3", "-o"])
        .arg(home.path("curls.wav"))
        .assert()
        .success();
    let size = std::fs::metadata(home.path("curls.wav"))
        .expect("rendered")
        .len();
    // A 5 s count-in and one 2 s rep at 48 kHz, 16-bit: about 7 s.
    assert!((600_000..800_000).contains(&size), "{size}");
    home.cmd()
        .args(["plan", "-w"])
        .arg(home.path("three.toml"))
        .args(["--from", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --from 1 to 3"));
    home.cmd()
        .args(["plan", "--from", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--workout"));
}

#[test]
fn workouts_lists_the_built_in_ones_and_the_config_s() {
    let home = Home::new();
    home.write(
        "config.toml",
        "[workouts.mine]\ndescription = \"my own\"\n\n[[workouts.mine.blocks]]\nexercise = \"row\"\nsets = 2\n",
    );
    home.cmd()
        .arg("workouts")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "beyond-failure: a set at your tempo to failure",
        ))
        .stdout(predicate::str::contains("slow-first:"))
        .stdout(predicate::str::contains("finisher:"))
        .stdout(predicate::str::contains("mine (config): my own"))
        .stdout(predicate::str::contains(
            "  1. row 3-0-1-0 2 × 8, 90 s rest",
        ));
    let out = home
        .cmd()
        .args(["plan", "-w", "mine", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["sets"], 2);
}

#[test]
fn the_beyond_failure_preset_is_a_set_to_failure_then_partner_negatives() {
    let home = Home::new();
    let out = home
        .cmd()
        .args([
            "plan",
            "-p",
            "beyond-failure",
            "--exercise",
            "bench",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let p = json(&out);
    let blocks = p["blocks"].as_array().expect("blocks");
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0]["tempo"], "3-0-1-0");
    assert_eq!(blocks[0]["to_failure"], true);
    assert_eq!(blocks[0]["changeover_seconds"], 0.0);
    assert_eq!(blocks[1]["tempo"], "7-0-P-0");
    assert_eq!(
        (
            blocks[1]["reps"].as_u64(),
            blocks[1]["to_failure"].as_bool()
        ),
        (Some(6), Some(true))
    );
}

#[test]
fn bad_workouts_exit_2_saying_where_and_what_to_type() {
    let home = Home::new();
    home.write(
        "bad.toml",
        &THREE.replace("sets = 1\nreps = 2", "sets = 1\nreps = \"two\""),
    );
    home.cmd()
        .args(["plan", "-w"])
        .arg(home.path("bad.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:16:8: `blocks[2].reps`"))
        .stderr(predicate::str::contains(
            "reps is a whole number from 1 to 100",
        ));
    home.cmd()
        .args(["-w", "nope", "--plain"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no workout \"nope\": use one of beyond-failure, slow-first, finisher",
        ));
    home.cmd()
        .args(["-w"])
        .arg(home.path("missing.toml"))
        .arg("--plain")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the workout file"));
    home.cmd()
        .args(["plan", "-w", "slow-first", "--reps", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "with --workout, each block sets its own",
        ));
    // Any exercise name works in a workout; a name with no letters is
    // refused where it stands.
    home.write("config.toml", "[[workouts.x.blocks]]\nexercise = \" \"\n");
    home.cmd()
        .arg("workouts")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.toml:2:12: `workouts.x.blocks[1].exercise`: an exercise needs a name",
        ));
}

/// `plan` says each block's real count-in (only the first block run has
/// one) and a partner's lift as timed, not "lift 0 s"; and the articles'
/// beyond-failure protocol starts its negatives with the partner's lift.
#[test]
fn plan_gives_each_block_s_real_count_in_and_a_partner_s_lift_as_timed() {
    let home = Home::new();
    let out = home
        .cmd()
        .args(["plan", "-w", "beyond-failure"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let blocks: Vec<&str> = text.split("block ").skip(1).collect();
    assert!(blocks.len() >= 2, "{text}");
    assert!(blocks[0].contains("5 s count-in"), "{text}");
    let second = blocks
        .iter()
        .find(|b| b.starts_with("2/2"))
        .expect("block 2");
    assert!(second.contains("no count-in"), "{second}");
    assert!(second.contains("a partner's lift 3 s"), "{second}");
    assert!(!text.contains("lift 0 s"), "{text}");
    // The bar is at the chest after the failed set: the partner lifts it
    // before the first negative.
    let first_row = second
        .lines()
        .find(|l| l.trim_start().starts_with("1    1"))
        .expect("the first rep");
    assert!(
        first_row.contains("lift") && first_row.contains("P 3.0 s"),
        "{second}"
    );
}

/// `-w NAME` finds a built-in or config workout, then `NAME.toml` in the
/// current directory, then in the config directory's `workouts/`; a name
/// that stands for two is refused, naming both.
#[test]
fn a_workout_s_name_finds_its_file_here_or_beside_the_config() {
    let home = Home::new();
    let file = "[[blocks]]\nexercise = \"squat\"\nsets = 1\nreps = 1\n";
    let here = home.path("here");
    std::fs::create_dir_all(&here).expect("dir");
    std::fs::write(here.join("today.toml"), file).expect("today");
    home.cmd()
        .current_dir(&here)
        .args(["plan", "-w", "today"])
        .assert()
        .success()
        .stdout(predicate::str::contains("workout today"));
    std::fs::create_dir_all(home.path("workouts")).expect("dir");
    std::fs::write(home.path("workouts/legs.toml"), file).expect("legs");
    home.cmd()
        .current_dir(&here)
        .args(["plan", "-w", "legs"])
        .assert()
        .success()
        .stdout(predicate::str::contains("workout legs"));
    std::fs::write(here.join("legs.toml"), file).expect("legs here");
    home.cmd()
        .current_dir(&here)
        .args(["plan", "-w", "legs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-w legs could be"))
        .stderr(predicate::str::contains("workouts/legs.toml"));
    std::fs::write(here.join("finisher.toml"), file).expect("finisher");
    home.cmd()
        .current_dir(&here)
        .args(["plan", "-w", "finisher"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "-w finisher could be the built-in workout finisher or finisher.toml",
        ));
}

/// With -w, the options that make sense apply to every block over the
/// file: `--rest`, `--sets`, `--changeover`, and `--load` for a workout of
/// one exercise; the ones that cannot are refused, naming which.
#[test]
fn a_workout_bends_to_the_options_that_apply_to_every_block() {
    let home = Home::new();
    let out = home
        .cmd()
        .args(["plan", "-w", "slow-first", "--rest", "20", "--sets", "2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(" s rest,")).collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in &lines {
        assert!(l.starts_with("2 sets") && l.contains("20 s rest"), "{l}");
    }
    let out = home
        .cmd()
        .args(["plan", "--json", "-w", "slow-first", "--changeover", "45"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let p = json(&out);
    let blocks = p["blocks"].as_array().expect("blocks");
    assert_eq!(blocks[0]["changeover_seconds"], 45.0);
    assert_eq!(blocks[1]["changeover_seconds"], 45.0);
    home.cmd()
        .args(["plan", "-w", "slow-first", "--lower", "6"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--lower cannot apply to blocks that differ",
        ));
    home.cmd()
        .args(["-w", "slow-first", "--load", "80kg", "--plain", "--mute"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--load gives one load, and this workout has 3 exercises (squat, bench, row)",
        ));
    // One exercise in two blocks: --load is every block's, and logged so.
    home.write(
        "two.toml",
        "[[blocks]]\nexercise = \"curl\"\nsets = 1\nreps = 1\ntempo = \"1-0-1-0\"\ncount_in = 0\n\
         changeover = 0\nload = \"10kg\"\n[[blocks]]\nexercise = \"curls\"\nsets = 1\nreps = 1\n\
         tempo = \"1-0-1-0\"\n",
    );
    home.cmd()
        .args(["-w"])
        .arg(home.path("two.toml"))
        .args(["--load", "12kg", "--plain", "--mute"])
        .assert()
        .success();
    let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
    let rows: Vec<&str> = log.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{log}");
    assert!(rows.iter().all(|r| r.contains(",12kg,")), "{log}");
}

/// `workouts show NAME` prints a file that `-w` reads back to the same
/// plan, for every built-in workout.
#[test]
fn every_built_in_workout_shown_runs_as_the_same_plan() {
    let home = Home::new();
    for name in ["beyond-failure", "slow-first", "finisher"] {
        let shown = home
            .cmd()
            .args(["workouts", "show", name])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let file = home.path(&format!("{name}-copy.toml"));
        std::fs::write(&file, &shown).expect("write");
        let plan = |w: &str| {
            let out = home
                .cmd()
                .args(["plan", "--json", "-w", w])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            let p = json(&out);
            (p["events"].clone(), p["blocks"].as_array().map(|b| b.len()))
        };
        assert_eq!(
            plan(file.to_str().expect("path")),
            plan(name),
            "{name}:\n{}",
            String::from_utf8_lossy(&shown)
        );
    }
}

/// A pyramid: three sets of squats, each with its own reps and load, the
/// last to failure; a rep is 1 s.
const PYRAMID: &str = r#"description = "a pyramid"

[[blocks]]
exercise = "squat"
tempo = "0.5-0-0.5-0"
rest = 1
reps = [2, 1, "1+"]
load = ["60kg", "70kg", "80kg"]
"#;

#[test]
fn a_block_with_a_list_per_set_runs_logs_and_plans_each_set_s_own_values() {
    let home = Home::new();
    home.write("pyramid.toml", PYRAMID);
    let file = home.path("pyramid.toml");
    let (text, _) =
        ok(home
            .cmd()
            .arg("-w")
            .arg(&file)
            .args(["--count-in", "0", "--plain", "--mute"]));
    for line in ["set 1/3  rep 2/2", "set 2/3  rep 1/1", "set 3/3  rep 1/1"] {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    assert!(!text.contains("rep 2/1"), "{text}");
    // Each set's row has its own planned reps and its own load.
    let log = std::fs::read_to_string(home.path("log.csv")).expect("log");
    let rows: Vec<Vec<&str>> = log
        .lines()
        .skip(1)
        .map(|r| r.split(',').collect())
        .collect();
    let planned_and_load: Vec<(&str, &str)> = rows.iter().map(|r| (r[5], r[9])).collect();
    assert_eq!(
        planned_and_load,
        [("2", "60kg"), ("1", "70kg"), ("1", "80kg")],
        "{log}"
    );
    // The plan gives each set's own values, in words and in JSON.
    home.cmd()
        .args(["plan", "-w"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("load 60kg/70kg/80kg"))
        .stdout(predicate::str::contains("3 sets × 2/1/1+ reps"));
    let (out, _) = ok(home.cmd().args(["plan", "--json", "-w"]).arg(&file));
    let p = json(out.as_bytes());
    let b = &p["blocks"][0];
    assert_eq!(b["sets"], 3);
    assert_eq!(b["reps_per_set"], serde_json::json!(["2", "1", "1+"]));
    assert_eq!(
        b["load_per_set"],
        serde_json::json!(["60kg", "70kg", "80kg"])
    );
    let reps_of_set = |set: u64| {
        p["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter(|e| e["set"] == set && e["phase"] == "lift")
            .count()
    };
    assert_eq!((reps_of_set(1), reps_of_set(2), reps_of_set(3)), (2, 1, 1));
    // `workouts show` writes the lists, and they read back to the same plan.
    let (shown_text, _) = ok(home.cmd().args(["workouts", "show"]).arg(&file));
    assert!(
        shown_text.contains("reps = [2, 1, \"1+\"]")
            && shown_text.contains("load = [\"60kg\", \"70kg\", \"80kg\"]"),
        "{shown_text}"
    );
    home.write("copy.toml", &shown_text);
    let (again, _) = ok(home
        .cmd()
        .args(["plan", "--json", "-w"])
        .arg(home.path("copy.toml")));
    let again = json(again.as_bytes());
    assert_eq!(again["events"], p["events"]);
    assert_eq!(again["blocks"][0]["load_per_set"], b["load_per_set"]);
}

#[test]
fn sets_over_a_list_per_set_cuts_it_or_goes_on_with_its_last_value() {
    let home = Home::new();
    home.write("pyramid.toml", PYRAMID);
    let plan = |sets: &str| {
        let (out, _) = ok(home
            .cmd()
            .args(["plan", "--json", "--sets", sets, "-w"])
            .arg(home.path("pyramid.toml")));
        let b = json(out.as_bytes())["blocks"][0].clone();
        (b["sets"].clone(), b["load_per_set"].clone())
    };
    assert_eq!(
        plan("2"),
        (serde_json::json!(2), serde_json::json!(["60kg", "70kg"]))
    );
    assert_eq!(
        plan("4"),
        (
            serde_json::json!(4),
            serde_json::json!(["60kg", "70kg", "80kg", "80kg"])
        )
    );
}

#[test]
fn a_built_in_workout_raises_no_advice_against_its_own_design() {
    let home = Home::new();
    for name in ["beyond-failure", "slow-first", "finisher"] {
        let (out, err) = ok(home.cmd().args(["plan", "-w", name]));
        let all = out + &err;
        assert!(
            !all.contains("best done early") && !all.contains("one exercise per workout"),
            "{name}: {all}"
        );
    }
    // The finisher's negatives come last by design: the same blocks in a
    // file of one's own are a workout like any other, and get the advice.
    let (shown, _) = ok(home.cmd().args(["workouts", "show", "finisher"]));
    home.write("mine.toml", &shown);
    let (out, err) = ok(home.cmd().args(["plan", "-w"]).arg(home.path("mine.toml")));
    let all = out + &err;
    assert!(all.contains("best done early"), "{all}");
}
