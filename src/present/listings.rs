//! The listings: `repcadence presets`, `exercises` and `workouts` as
//! tables, a workout written out as TOML (`workouts show`), and a block
//! in one line.

use crate::program::layer::Layer;
use crate::program::presets::Catalogue;
use crate::program::workouts::{Source, WorkoutSpec, length_and_tut, resolve};
use crate::text::{pad, quote, safe};
use crate::timing::plan::Session;
use crate::timing::tempo::Lift;
use crate::timing::units::{count, fmt_minutes, fmt_secs, fmt_secs1};
use crate::timing::workout::{Block, Workout};

/// `repcadence presets`: each preset's tempo, sets × reps, rest, time
/// under tension per set and description, as it would run with this config.
pub(crate) fn presets_table(catalogue: &Catalogue, defaults: &Layer) -> String {
    let base = defaults.overlay(&Session::default());
    let mut out = format!(
        "{:<16} {:<9} {:<11} {:>6} {:>8}  {}\n",
        "preset", "tempo", "sets × reps", "rest", "TUT/set", "description"
    );
    for p in &catalogue.presets {
        let s = p.values.overlay(&base);
        let tempo = s.tempo.to_string();
        let mut description = p.description.clone();
        if p.from_config {
            description = format!("{description} (config)").trim_start().to_string();
        }
        out.push_str(&format!(
            "{} {:<9} {:<11} {:>6} {:>8}  {}\n",
            pad(&p.name, 16),
            tempo,
            format!("{} × {}", s.sets, s.reps),
            format!("{} s", fmt_secs(s.rest_ms)),
            format!("{} s", fmt_secs1(s.tut_per_set_ms())),
            safe(&description)
        ));
    }
    out.push_str(
        "\nP: a partner lifts, timed (3 s unless partner_lift says otherwise); only the \
         lowering counts as time under tension. (--lift manual waits for a key instead.)\n\
         Use one with --preset NAME (-p); any option on the command line overrides its values.\n",
    );
    out
}

/// `repcadence exercises`: each exercise and the phase a rep starts with.
pub(crate) fn exercises_table(catalogue: &Catalogue, filter: &str) -> String {
    let shown = catalogue.exercises_matching(filter);
    let width = shown
        .iter()
        .map(|e| crate::text::width(&e.name))
        .max()
        .unwrap_or(0)
        .max(20);
    let mut out = format!("{} {}\n", pad("exercise", width), "starts with the");
    for e in &shown {
        let from = if e.from_config { "  (config)" } else { "" };
        out.push_str(&format!(
            "{} {}{from}\n",
            pad(&e.name, width),
            e.start.key()
        ));
    }
    if shown.is_empty() {
        out.push_str(&format!(
            "(none matches \"{}\": try a shorter word, or `repcadence exercises` for all)\n",
            quote(filter)
        ));
    }
    out.push_str(&format!(
        "\n{} of {}. Use one with --exercise NAME (any spelling, or another name for it: \
         ohp, rdl…): it sets --start and labels the screen and the log. A name not here \
         works too: it starts with the lowering (--start lift to change).\n",
        count(shown.len() as u64, "exercise"),
        catalogue.exercises.len()
    ));
    out
}

/// `text` as a TOML basic string, in quotes with its escapes.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `workout` as a workout file: every value of every block spelled out,
/// so that `-w` reads it back to the same plan whatever the config's
/// defaults (`repcadence workouts show NAME`).
pub(crate) fn workout_toml(workout: &Workout, description: &str) -> String {
    let mut out = format!(
        "# {}: every value spelled out; run it with -w FILE.toml.\n",
        workout.name.as_deref().unwrap_or("workout")
    );
    if !description.is_empty() {
        out.push_str(&format!("description = {}\n", toml_string(description)));
    }
    let last = workout.blocks.len();
    for (i, b) in workout.blocks.iter().enumerate() {
        let s = &b.session;
        out.push_str("\n[[blocks]]\n");
        if let Some(e) = &b.exercise {
            out.push_str(&format!("exercise = {}\n", toml_string(e)));
        }
        out.push_str(&format!("tempo = \"{}\"\n", s.tempo));
        if s.tempo.lift == Lift::Manual {
            out.push_str("lift = \"manual\"\n");
        }
        out.push_str(&format!("sets = {}\n", s.sets));
        // An open-ended count is text in quotes in TOML ("8+").
        let reps = |n: u16| {
            let r = s.set_reps(n);
            if r.open_ended {
                format!("\"{r}\"")
            } else {
                r.to_string()
            }
        };
        if s.reps_vary() {
            let each: Vec<String> = (1..=s.sets).map(reps).collect();
            out.push_str(&format!("reps = [{}]\n", each.join(", ")));
        } else {
            out.push_str(&format!("reps = {}\n", reps(1)));
        }
        out.push_str(&format!("rest = {}\n", fmt_secs(s.rest_ms)));
        out.push_str(&format!("count_in = {}\n", fmt_secs(s.count_in_ms)));
        out.push_str(&format!("start = \"{}\"\n", s.start.key()));
        out.push_str(&format!("explosive = {}\n", fmt_secs(s.explosive_ms)));
        out.push_str(&format!("partner_lift = {}\n", fmt_secs(s.partner_ms)));
        let loads: Vec<Option<&str>> = (1..=s.sets).map(|n| b.load_of(n)).collect();
        if loads.iter().any(|l| *l != loads[0]) {
            let each: Vec<String> = loads
                .iter()
                .map(|l| toml_string(l.unwrap_or_default()))
                .collect();
            out.push_str(&format!("load = [{}]\n", each.join(", ")));
        } else if let Some(load) = b.load_of(1) {
            out.push_str(&format!("load = {}\n", toml_string(load)));
        }
        if i + 1 < last {
            out.push_str(&format!("changeover = {}\n", fmt_secs(b.changeover_ms)));
        }
    }
    out
}

/// One block in words: `squat 5-0-X-0 3 × 8+, 90 s rest`.
pub(crate) fn block_line(block: &Block) -> String {
    let s: &Session = &block.session;
    let mut text = format!(
        "{} {} {} × {}, {} s rest",
        block.exercise.as_deref().unwrap_or("-"),
        s.tempo,
        s.sets,
        s.reps_text(),
        fmt_secs(s.rest_ms)
    );
    if let Some(load) = block.load_text() {
        text.push_str(&format!(", {load}"));
    }
    text
}

/// `repcadence workouts`: every workout with its blocks, length and time
/// under tension, as it would run with this config.
pub(crate) fn workouts_table(
    all: &[WorkoutSpec],
    catalogue: &Catalogue,
    defaults: &Layer,
) -> String {
    let mut out = String::new();
    for spec in all {
        let from = match &spec.source {
            Source::BuiltIn => String::new(),
            Source::Config => " (config)".to_string(),
            Source::File(path) => format!(" ({path})"),
        };
        // Names, descriptions, exercises and loads come from files: each
        // line is made safe for the terminal as a whole.
        let mut put = |line: String| {
            out.push_str(&safe(&line));
            out.push('\n');
        };
        put(format!("{}{from}: {}", spec.name, spec.description));
        match resolve(spec, catalogue, defaults, 1) {
            Ok(w) => {
                for (i, b) in w.blocks.iter().enumerate() {
                    let next = if i + 1 < w.blocks.len() {
                        match b.changeover_ms {
                            0 => ", straight on".to_string(),
                            ms => format!(", then {} s changeover", fmt_secs(ms)),
                        }
                    } else {
                        String::new()
                    };
                    put(format!("  {}. {}{next}", i + 1, block_line(b)));
                }
                let (length, tut) = length_and_tut(&w);
                put(format!(
                    "  {}, TUT {} s",
                    fmt_minutes(length),
                    fmt_secs1(tut)
                ));
            }
            Err(e) => put(format!("  cannot be put together: {e}")),
        }
        put(String::new());
    }
    out.push_str(
        "Run one with --workout NAME (-w), or a file of your own: -w FILE.toml. \
         --from N starts at block N.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::presets::{Exercise, Preset};
    use crate::program::workouts::builtin_workouts;
    use crate::timing::plan::Start;

    fn tempo(text: &str) -> crate::timing::tempo::Tempo {
        text.parse().expect("tempo")
    }

    fn cat() -> Catalogue {
        Catalogue::new(vec![], vec![])
    }

    #[test]
    fn every_built_in_workout_shown_as_a_file_reads_back_to_the_same_plan() {
        // Defaults far from the built-in ones: the file must not lean on
        // them.
        let odd = Layer {
            rest: Some(7_000),
            count_in: Some(11_000),
            explosive: Some(2_500),
            ..Layer::default()
        };
        for spec in builtin_workouts() {
            let w = resolve(&spec, &cat(), &Layer::default(), 1).expect("resolves");
            let text = workout_toml(&w, &spec.description);
            let back = crate::program::config::parse_workout(
                &text,
                std::path::Path::new("shown.toml"),
                &spec.name,
                &cat(),
            )
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", spec.name));
            assert_eq!(back.description, spec.description);
            let again = resolve(&back, &cat(), &odd, 1).expect("resolves");
            assert_eq!(again.steps(false), w.steps(false), "{}\n{text}", spec.name);
            let plan = |w: &Workout| -> Vec<_> {
                w.blocks
                    .iter()
                    .map(|b| {
                        (
                            b.session.clone(),
                            b.exercise.clone(),
                            b.load.clone(),
                            b.changeover_ms,
                        )
                    })
                    .collect()
            };
            assert_eq!(plan(&again), plan(&w), "{}\n{text}", spec.name);
        }
        // Text that needs escaping stays what it was.
        assert_eq!(toml_string("a \"b\"\\c\n"), "\"a \\\"b\\\"\\\\c\\n\"");
    }

    #[test]
    fn tables_show_control_characters_as_escapes_and_align_wide_names() {
        let mine = Preset {
            name: "深蹲".into(),
            description: "ring\u{7} \u{1b}[2J clear\nnext".into(),
            values: Layer {
                tempo: Some(tempo("4-0-1-0")),
                ..Layer::default()
            },
            from_config: true,
        };
        let wide = Exercise {
            name: "深蹲".into(),
            start: Start::Lower,
            bodyweight: false,
            from_config: true,
        };
        let cat = Catalogue::new(vec![mine], vec![wide]);
        let table = presets_table(&cat, &Layer::default());
        assert!(!table.contains(['\u{7}', '\u{1b}']), "{table}");
        assert!(
            table.contains("ring\\u{7} \\u{1b}[2J clear\\nnext (config)"),
            "{table}"
        );
        let column = |table: &str, name: &str| {
            let line = table.lines().find(|l| l.starts_with(name)).expect(name);
            let before = line
                .find(" 4-0-1-0")
                .or(line.find(" lower"))
                .expect("column");
            crate::text::width(&line[..before])
        };
        assert_eq!(column(&table, "深蹲"), column(&table, "four-one"));
        let table = exercises_table(&cat, "");
        assert_eq!(column(&table, "深蹲"), column(&table, "squat"));
    }
}
