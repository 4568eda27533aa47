//! The architecture, checked: imports run one way (cli → app → ui →
//! present → program | training | audio → timing → text, with `load`
//! under program and training; see [`ALLOWED`]), outside crates stay in
//! their layers ([`OUTSIDE`]), and only `app/`, `cli/` and the I/O edges that `lib.rs` names read the clock, print or touch files.
//! Test code (`#[cfg(test)]` modules and `tests.rs` files) is not held to
//! this.

use std::path::{Path, PathBuf};

/// Each layer and the layers it may import (itself included). `text`
/// (people's text bound for a terminal) and `load` (loads as numbers) are
/// small shared modules at the bottom.
const ALLOWED: [(&str, &[&str]); 10] = [
    ("text", &["text"]),
    ("load", &["load", "text"]),
    ("timing", &["timing", "text"]),
    ("program", &["program", "timing", "text", "load"]),
    ("training", &["training", "timing", "text", "load"]),
    ("audio", &["audio", "timing", "text"]),
    (
        "present",
        &["present", "program", "training", "timing", "text", "load"],
    ),
    (
        "ui",
        &["ui", "present", "program", "timing", "text", "load"],
    ),
    (
        "app",
        &[
            "app", "ui", "present", "audio", "training", "program", "timing", "text", "load",
        ],
    ),
    (
        "cli",
        &[
            "cli", "app", "ui", "present", "audio", "training", "program", "timing", "text", "load",
        ],
    ),
];

/// Outside crates that only some layers may use: the terminal's crates
/// for the view, the presentation layer and the app; JSON for the
/// presentation layer and the app; the sound device's for audio; the
/// command line's parser for the command line and the app that runs it.
const OUTSIDE: [(&str, &[&str]); 6] = [
    ("ratatui", &["ui", "present", "app"]),
    ("crossterm", &["ui", "present", "app"]),
    ("serde_json", &["present", "app"]),
    ("rodio", &["audio"]),
    ("cpal", &["audio"]),
    ("clap", &["cli", "app"]),
];

/// Files below `app/` and `cli/` that may read the clock and do I/O, as
/// `lib.rs` names them.
const IO_EDGES: [&str; 4] = [
    "training/store.rs",
    "audio/device.rs",
    "audio/render.rs",
    "audio/quiet.rs",
];

/// What only the app, the command line and the I/O edges may do.
const IO: [&str; 10] = [
    "Instant::now",
    "SystemTime::now",
    "Zoned::now",
    "Timestamp::now",
    "std::fs",
    "fs::",
    "print!",
    "println!",
    "eprint!",
    "eprintln!",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The product code of `path`: up to its test module, without comments.
fn product_lines(path: &Path) -> Vec<(usize, String)> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let text = std::fs::read_to_string(path).expect("read a source file");
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// The layers a line names as `crate::LAYER`.
fn named_layers(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .filter_map(|(at, m)| {
            let rest = &line[at + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (end > 0).then(|| &rest[..end])
        })
        .collect()
}

/// The layer a file under `src/` belongs to, and its path below `src/`.
fn layer_of(path: &Path) -> (String, String) {
    let below = path
        .strip_prefix(src())
        .expect("under src")
        .to_string_lossy()
        .replace('\\', "/");
    let layer = below
        .split('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".rs")
        .to_string();
    (layer, below)
}

#[test]
fn imports_run_one_way() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in files(&src()) {
        let (layer, below) = layer_of(&path);
        let Some((_, allowed)) = ALLOWED.iter().find(|(l, _)| *l == layer) else {
            assert!(
                below == "lib.rs" || below == "main.rs",
                "{below} is in no layer: put it in one of {:?}",
                ALLOWED.map(|(l, _)| l)
            );
            continue;
        };
        for (n, line) in product_lines(&path) {
            for named in named_layers(&line) {
                checked += 1;
                if !allowed.contains(&named) {
                    wrong.push(format!("src/{below}:{n}: {layer} imports {named}: {line}"));
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} imports found: is the scan right?"
    );
    assert!(
        wrong.is_empty(),
        "imports the wrong way:\n{}",
        wrong.join("\n")
    );
}

/// A file as scanned: its layer, its path below `src/`, and its numbered
/// product lines.
type Scanned = (String, String, Vec<(usize, String)>);

/// The outside crates a line uses, of those [`OUTSIDE`] names.
fn outside_crates(line: &str) -> Vec<&'static str> {
    OUTSIDE
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| {
            line.match_indices(&format!("{c}::")).any(|(at, _)| {
                // `ratatui::` alone, not `my_ratatui::`.
                !line[..at]
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii_alphanumeric() || p == '_')
            })
        })
        .collect()
}

/// Every use of an outside crate by a layer [`OUTSIDE`] keeps it from.
fn outside_misuses(files: &[Scanned]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (layer, below, lines) in files {
        for (n, line) in lines {
            for c in outside_crates(line) {
                let allowed = OUTSIDE
                    .iter()
                    .find(|(o, _)| *o == c)
                    .is_some_and(|(_, layers)| layers.contains(&layer.as_str()));
                if !allowed {
                    wrong.push(format!("src/{below}:{n}: {layer} uses {c}: {line}"));
                }
            }
        }
    }
    wrong
}

#[test]
fn outside_crates_stay_in_their_layers() {
    let all: Vec<Scanned> = files(&src())
        .iter()
        .map(|path| {
            let (layer, below) = layer_of(path);
            (layer, below, product_lines(path))
        })
        .filter(|(layer, _, _)| layer != "lib" && layer != "main")
        .collect();
    let used: usize = all
        .iter()
        .flat_map(|(_, _, lines)| lines)
        .map(|(_, l)| outside_crates(l).len())
        .sum();
    assert!(used > 10, "only {used} uses found: is the scan right?");
    let wrong = outside_misuses(&all);
    assert!(
        wrong.is_empty(),
        "outside crates used where they do not belong:\n{}",
        wrong.join("\n")
    );
    // The rule bites: a chart drawn with ratatui in the domain, JSON in
    // the program layer, a sound device in the view and a key code in the
    // timing core are each caught.
    let broken = [
        ("training", "use ratatui::widgets::Chart;"),
        ("program", "let v = serde_json::to_string(&x);"),
        ("ui", "use cpal::traits::HostTrait;"),
        ("timing", "use ratatui::crossterm::event::KeyCode;"),
    ]
    .map(|(layer, line)| {
        (
            layer.to_string(),
            format!("{layer}/x.rs"),
            vec![(1, line.to_string())],
        )
    });
    // The last line is two misuses: ratatui, and crossterm through it.
    assert_eq!(outside_misuses(&broken).len(), 5);
    assert!(outside_crates("use my_ratatui::x;").is_empty());
}

#[test]
fn main_only_parses_and_hands_over() {
    let main = std::fs::read_to_string(src().join("main.rs")).expect("main.rs");
    assert!(
        main.lines().count() <= 80,
        "main.rs has grown past 80 lines"
    );
    for line in main.lines().filter(|l| l.contains("repcadence::")) {
        assert!(
            line.contains("repcadence::cli") || line.contains("repcadence::app"),
            "main.rs reaches past cli and app: {line}"
        );
    }
}

#[test]
fn only_the_app_the_command_line_and_named_edges_read_the_clock_or_do_io() {
    let mut wrong = Vec::new();
    for path in files(&src()) {
        let (layer, below) = layer_of(&path);
        if ["app", "cli"].contains(&layer.as_str())
            || IO_EDGES.contains(&below.as_str())
            || below == "main.rs"
        {
            continue;
        }
        for (n, line) in product_lines(&path) {
            for call in IO.iter().filter(|c| line.contains(*c)) {
                wrong.push(format!("src/{below}:{n}: {call}: {line}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "clock or I/O outside app/ and cli/:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn lib_rs_names_every_io_edge() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    for edge in IO_EDGES {
        let module = edge.trim_end_matches(".rs").replace('/', "::");
        assert!(
            lib.contains(&module),
            "lib.rs does not name the I/O edge {module}"
        );
    }
}

#[test]
fn the_scan_sees_a_wrong_import_and_a_clock_read() {
    assert_eq!(named_layers("use crate::app::live::Live;"), ["app"]);
    assert_eq!(
        named_layers("let x = crate::timing::units::fmt_secs(crate::ui::clock(1));"),
        ["timing", "ui"]
    );
    assert!(IO.iter().any(|c| "let now = Instant::now();".contains(c)));
}

#[test]
fn no_file_has_more_than_about_600_lines_of_product_code() {
    for path in files(&src()) {
        let (_, below) = layer_of(&path);
        let text = std::fs::read_to_string(&path).expect("read");
        let product = text
            .lines()
            .take_while(|l| l.trim() != "#[cfg(test)]")
            .count();
        let limit = if below.ends_with("tests.rs") {
            usize::MAX
        } else {
            650
        };
        assert!(
            product <= limit,
            "src/{below} has {product} lines of product code"
        );
    }
}

/// The module path of a file below `src/` (`program/config/raw.rs` →
/// `program::config::raw`; a `mod.rs` is its folder's module).
fn module_of(below: &str) -> Vec<String> {
    let path = below.trim_end_matches(".rs");
    let path = path.strip_suffix("/mod").unwrap_or(path);
    if path == "lib" || path == "main" {
        return Vec::new();
    }
    path.split('/').map(str::to_string).collect()
}

/// The paths a piece of code names after `prefix` (`crate::` or
/// `super::`), groups spread out: `crate::a::{b, c::{d, e}}` names
/// `a::b`, `a::c::d` and `a::c::e`.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    /// Reads a path (and any group after it) from `s`, into `out` under
    /// `base`; returns how much of `s` it read.
    fn read(s: &str, base: &[String], out: &mut Vec<Vec<String>>) -> usize {
        let mut path = base.to_vec();
        let mut at = 0;
        loop {
            let rest = &s[at..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut inner = group;
                loop {
                    inner = inner.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                    if let Some(after) = inner.strip_prefix('}') {
                        return s.len() - after.len();
                    }
                    if inner.is_empty() {
                        return s.len();
                    }
                    let n = read(inner, &path, out);
                    inner = &inner[n.max(1)..];
                }
            }
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            let ident = &rest[..end];
            if ident != "self" {
                path.push(ident.to_string());
            }
            at += end;
            let after = &s[at..];
            match after.strip_prefix("::") {
                Some(_) => at += 2,
                None => {
                    // `x as y`: the alias is not a path.
                    if let Some(alias) = after.strip_prefix(" as ") {
                        let len = alias
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .unwrap_or(alias.len());
                        at += 4 + len;
                    }
                    break;
                }
            }
        }
        out.push(path);
        at
    }
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        read(&code[at + prefix.len()..], &[], &mut out);
    }
    out
}

/// Which files each file imports, by the `crate::` and `super::` paths
/// its product code names, each resolved to the file of the longest
/// module it starts with. A folder's `mod.rs` and its own files are one
/// module: `super::` from a file to its folder's `mod.rs` is not counted.
fn file_imports() -> Vec<(String, Vec<String>)> {
    let all: Vec<(String, Vec<String>)> = files(&src())
        .iter()
        .map(|p| layer_of(p).1)
        .filter(|b| !b.ends_with("tests.rs"))
        .map(|b| (b.clone(), module_of(&b)))
        .collect();
    let file_of = |path: &[String]| -> Option<String> {
        (1..=path.len()).rev().find_map(|n| {
            all.iter()
                .find(|(_, m)| m.as_slice() == &path[..n])
                .map(|(b, _)| b.clone())
        })
    };
    all.iter()
        .map(|(below, module)| {
            let code: String = product_lines(&src().join(below))
                .into_iter()
                .map(|(_, l)| l + "\n")
                .collect();
            // `super::` is the module above this file's own.
            let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
            let mut named: Vec<String> = paths_after(&code, "crate::")
                .into_iter()
                .filter_map(|p| file_of(&p))
                .collect();
            named.extend(
                paths_after(&code, "super::")
                    .into_iter()
                    .filter_map(|p| {
                        let full: Vec<String> = parent.iter().cloned().chain(p).collect();
                        file_of(&full)
                    })
                    .filter(|f| module_of(f) != parent),
            );
            named.retain(|f| f != below);
            named.sort();
            named.dedup();
            (below.clone(), named)
        })
        .collect()
}

/// The files of each loop of imports (two or more files that reach each
/// other), found by walking every file's imports.
fn import_loops(imports: &[(String, Vec<String>)]) -> Vec<Vec<String>> {
    let reaches = |from: &str| -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        let mut todo = vec![from.to_string()];
        while let Some(f) = todo.pop() {
            for next in imports
                .iter()
                .find(|(b, _)| *b == f)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
            {
                if !seen.contains(&next) {
                    seen.push(next.clone());
                    todo.push(next);
                }
            }
        }
        seen
    };
    let mut loops: Vec<Vec<String>> = Vec::new();
    for (file, _) in imports {
        let from = reaches(file);
        if !from.contains(file) {
            continue;
        }
        let mut members: Vec<String> = from
            .into_iter()
            .filter(|other| reaches(other).contains(file))
            .collect();
        members.sort();
        if !loops.contains(&members) {
            loops.push(members);
        }
    }
    loops
}

#[test]
fn no_two_files_import_each_other_directly_or_through_a_loop() {
    let imports = file_imports();
    let edges: usize = imports.iter().map(|(_, n)| n.len()).sum();
    assert!(
        edges > 150,
        "only {edges} file imports found: is the scan right?"
    );
    let loops = import_loops(&imports);
    assert!(
        loops.is_empty(),
        "files that import each other:\n{}",
        loops
            .iter()
            .map(|l| l.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The scan reads groups, aliases and `super::`, and sees a loop.
    assert_eq!(
        paths_after("use crate::a::{b, c::{d, e as f}, self};", "crate::"),
        [
            vec!["a", "b"],
            vec!["a", "c", "d"],
            vec!["a", "c", "e"],
            vec!["a"]
        ]
    );
    let three = [("x.rs", "y.rs"), ("y.rs", "z.rs"), ("z.rs", "x.rs")]
        .map(|(a, b)| (a.to_string(), vec![b.to_string()]));
    assert_eq!(import_loops(&three).len(), 1);
}
