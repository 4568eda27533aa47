//! Tests of the view: snapshots of each screen at three sizes, every size
//! from 0×0 up, colours, and the next-change schedule on a fake clock.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;

use super::*;
use crate::timing::engine::{Command, Engine};
use crate::timing::workout::Workout;

const SIZES: [(u16, u16); 4] = [(80, 24), (40, 12), (120, 40), (200, 60)];

fn session() -> Session {
    Session {
        tempo: "4-0-1-0".parse().expect("tempo"),
        ..Session::default()
    }
}

/// An engine started at a fixed base and advanced to `ms` after it.
fn engine_at(session: Session, ms: u64) -> (Engine, Instant) {
    let base = Instant::now();
    let mut engine = Engine::new(session, base);
    let now = base + Duration::from_millis(ms);
    engine.advance(now);
    (engine, now)
}

fn view_at(session: Session, ms: u64) -> View {
    let (engine, now) = engine_at(session, ms);
    View::new(engine.status(now), engine.session())
}

/// 5 s count-in, then reps of 1 s lift + 4 s lower: rep 3's lowering,
/// 1.5 s in.
const LOWER_MS: u64 = 5_000 + 2 * 5_000 + 1_000 + 1_500;

fn screens() -> Vec<(&'static str, View)> {
    let count_in = view_at(session(), 2_300);
    let lift = view_at(session(), 5_400);
    let lower = view_at(session(), LOWER_MS);
    let rest = view_at(session(), 45_000 + 30_200);
    let paused = {
        let (mut engine, now) = engine_at(session(), LOWER_MS);
        engine.command(Command::TogglePause, now);
        let later = now + Duration::from_secs(20);
        View::new(engine.status(later), engine.session())
    };
    let help = View {
        help: true,
        ..lower.clone()
    };
    let summary = {
        let (engine, now) = engine_at(session(), 305_000);
        View {
            summary: Some(engine.summary(now)),
            ..View::new(engine.status(now), engine.session())
        }
    };
    let partner = view_at(
        Session {
            ..Session {
                tempo: crate::timing::tempo::Tempo {
                    lift: crate::timing::tempo::Lift::Manual,
                    .."5-0-1-0".parse().expect("tempo")
                },
                ..Session::default()
            }
        },
        5_000 + 5_000 + 2_000,
    );
    vec![
        ("count_in", count_in),
        ("lift", lift),
        ("lower", lower),
        ("rest", rest),
        ("paused", paused),
        ("help", help),
        ("summary", summary),
        ("partner_lifts", partner),
    ]
}

fn render(view: &View, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(view, frame.area()))
        .expect("draw");
    terminal
}

#[test]
fn screens_at_every_size() {
    for (name, view) in screens() {
        for (w, h) in SIZES {
            let terminal = render(&view, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
        }
    }
}

#[test]
fn title_notices_note_and_mute_are_shown() {
    let view = View {
        title: Some("Barbell curl".to_string()),
        notices: vec![
            "no audio device: cues are visual only".to_string(),
            "keep the elbows still".to_string(),
        ],
        note: Some("lowering 4.5 s from the next rep".to_string()),
        muted: true,
        ..view_at(session(), LOWER_MS)
    };
    let terminal = render(&view, 80, 24);
    let text = terminal.backend().to_string();
    for want in [
        "Barbell curl",
        "no audio device: cues are visual only",
        "keep the elbows still",
        "lowering 4.5 s from the next rep",
        "MUTED",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    insta::assert_snapshot!("title_and_notices_80x24", terminal.backend());
}

#[test]
fn the_rest_shows_what_was_logged_and_the_keys_that_correct_it() {
    let view = View {
        logged: Some("logged set 1: 7/8 reps · 80kg · to failure · + - reps · f failed".into()),
        note: Some("set 1: 7/8 reps · 80kg · to failure (corrected)".into()),
        ..view_at(session(), 45_000 + 30_200)
    };
    let terminal = render(&view, 80, 24);
    let text = terminal.backend().to_string();
    for want in [
        "set 1/3 done",
        "logged set 1: 7/8 reps · 80kg · to failure · + - reps · f failed",
        "set 1: 7/8 reps · 80kg · to failure (corrected)",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    insta::assert_snapshot!("rest_logged_80x24", terminal.backend());
    // Smaller screens cut it, and never panic.
    for (w, h) in [(40, 12), (20, 6)] {
        render(&view, w, h);
    }
}

#[test]
fn the_phase_word_and_count_are_big_at_80x24() {
    let mut view = view_at(session(), LOWER_MS);
    assert_eq!(view.word(), "LOWER");
    // 1.4 s into a 4 s lowering: its second second, 2.6 s left.
    assert_eq!(view.countdown().as_deref(), Some("2"));
    let text = render(&view, 80, 24).backend().to_string();
    assert!(text.contains("3 s left · next: LIFT 1 s"), "{text}");
    view.counting = Counting::Down;
    assert_eq!(view.countdown().as_deref(), Some("3"));
    let text = render(&view, 80, 24).backend().to_string();
    for glyphs in [
        ("LOWER", Scale { sx: 2, sy: 1 }),
        ("3", Scale { sx: 4, sy: 2 }),
    ] {
        for line in big::lines(glyphs.0, glyphs.1).expect("glyphs") {
            assert!(text.contains(line.trim_end()), "{glyphs:?}:\n{text}");
        }
    }
}

#[test]
fn every_size_from_nothing_to_120x40_renders_without_panic() {
    for (_, view) in screens() {
        for w in 0..=120 {
            for h in 0..=40 {
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                view.render(buf.area, &mut buf);
                let _ = view.cells(buf.area);
            }
        }
        for (w, h) in [(u16::MAX, 1), (1, u16::MAX), (640, 200)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            view.render(buf.area, &mut buf);
            let _ = view.cells(buf.area);
        }
    }
}

#[test]
fn an_area_inside_a_larger_buffer_is_respected() {
    let view = view_at(session(), LOWER_MS);
    let mut buf = Buffer::empty(Rect::new(0, 0, 100, 30));
    let area = Rect::new(10, 3, 80, 24);
    view.render(area, &mut buf);
    for (x, y) in [(0, 0), (9, 10), (95, 10), (50, 29)] {
        assert_eq!(buf[(x, y)].symbol(), " ", "({x}, {y})");
    }
}

#[test]
fn tiny_screens_show_only_the_phase_and_seconds() {
    let view = view_at(session(), LOWER_MS);
    let text = render(&view, 19, 4).backend().to_string();
    assert!(text.contains("LOWER 2"), "{text}");
}

#[test]
fn each_phase_has_its_own_colour_and_no_color_has_none() {
    let colour_at = |view: &View| render(view, 80, 24).backend().buffer()[(0, 5)].bg;
    let bgs: Vec<Color> = screens()
        .iter()
        .filter(|(name, _)| {
            [
                "count_in",
                "lift",
                "lower",
                "rest",
                "paused",
                "partner_lifts",
            ]
            .contains(name)
        })
        .map(|(_, v)| colour_at(v))
        .collect();
    for (i, a) in bgs.iter().enumerate() {
        for b in &bgs[i + 1..] {
            assert_ne!(a, b, "{bgs:?}");
        }
    }
    assert_eq!(colour_at(&view_at(session(), LOWER_MS)), Color::Red);
    // A timed partner's lift (P) is the partner's magenta, not LIFT's blue.
    let timed = Session {
        tempo: "4-0-P-0".parse().expect("tempo"),
        ..session()
    };
    // After the 5 s count-in, rep 1 starts with its lift.
    let (engine, now) = engine_at(timed, 5_100);
    assert!(engine.status(now).step.partner, "a partner's lift first");
    let partner = View::new(engine.status(now), engine.session());
    assert_eq!(colour_at(&partner), Color::Magenta);
    assert_eq!(colour_at(&view_at(session(), 5_100)), Color::Blue);
    for (name, view) in screens() {
        let view = View {
            color: false,
            ..view
        };
        let terminal = render(&view, 80, 24);
        for cell in terminal.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}");
        }
    }
}

#[test]
fn countdown_reads_whole_seconds_and_minutes() {
    assert_eq!(clock(0), "0");
    assert_eq!(clock(59), "59");
    assert_eq!(clock(60), "1:00");
    assert_eq!(clock(90), "1:30");
    assert_eq!(
        view_at(session(), 45_000 + 30_200).countdown().as_deref(),
        Some("1:00")
    );
    assert_eq!(
        view_at(session(), 45_000).countdown().as_deref(),
        Some("1:30")
    );
}

const CELLS: Cells = Cells {
    bar: 76,
    gauge: 20,
    tut: true,
};

#[test]
fn next_change_is_the_nearest_second_or_cell() {
    let (engine, now) = engine_at(session(), LOWER_MS);
    let status = engine.status(now);
    // 4 s over 76 cells moves in 16 steps of 250 ms: 1.5 s is step 6,
    // and step 7 starts at 1.75 s.
    assert_eq!(bar_filled(&status, 76), 6 * 76 / 16);
    assert_eq!(
        next_change(&status, CELLS),
        Some(Duration::from_millis(250))
    );
    // A long phase moves a cell at a time: 90 s over 76 cells.
    let (engine, now) = engine_at(session(), 45_000 + 30_000);
    let rest = engine.status(now);
    // Time is whole ms: the first whole ms at which cell 27 is reached.
    let cell_ms = (26u64 * 90_000).div_ceil(76) - 30_000;
    let bar_only = Cells {
        bar: 76,
        ..Cells::default()
    };
    assert_eq!(
        next_change(&rest, bar_only),
        Some(Duration::from_millis(cell_ms))
    );
    let no_bar = Cells { bar: 0, ..CELLS };
    // The countdown shows 3 (2.5 s left) until 2 s are left; TUT is 12.5 s.
    assert_eq!(
        next_change(&status, no_bar),
        Some(Duration::from_millis(500))
    );
    let nothing = Cells::default();
    assert_eq!(
        next_change(&status, nothing),
        Some(Duration::from_millis(500))
    );
}

#[test]
fn nothing_changes_while_paused_waiting_or_done() {
    let views = screens();
    for (name, view) in &views {
        let expect_none = ["paused", "summary", "partner_lifts"].contains(name);
        assert_eq!(
            next_change(&view.status, CELLS).is_none(),
            expect_none,
            "{name}"
        );
    }
}

/// Walks a whole session on a fake clock the way the app loop does:
/// sleep to the engine's deadline or the next visible change. The
/// picture must be the same just before each wake-up, and every wake-up
/// for a visible change must show a change.
#[test]
fn waking_at_next_change_never_misses_or_wastes_a_redraw() {
    let session = Session {
        tempo: "2.5-1-X-0".parse().expect("tempo"),
        sets: 2,
        reps: 3,
        rest_ms: 7_300,
        count_in_ms: 3_000,
        ..Session::default()
    };
    for cells in [
        CELLS,
        Cells {
            bar: 13,
            gauge: 10,
            tut: true,
        },
    ] {
        let base = Instant::now();
        let mut engine = Engine::new(session.clone(), base);
        let mut now = base;
        engine.advance(now);
        let mut wakes = 0;
        while !engine.is_done() {
            let status = engine.status(now);
            let change = next_change(&status, cells).map(|d| now + d);
            let deadline = engine.next_deadline().expect("running");
            let wake = change.map_or(deadline, |c| c.min(deadline));
            let before = wake
                .checked_sub(Duration::from_nanos(1))
                .expect("after the start");
            assert_eq!(
                marks(&engine.status(before), cells),
                marks(&status, cells),
                "changed before the wake-up at {:?}",
                wake - base
            );
            if change == Some(wake) && wake < deadline {
                assert_ne!(
                    marks(&engine.status(wake), cells),
                    marks(&status, cells),
                    "nothing changed at {:?}",
                    wake - base
                );
            }
            now = wake;
            engine.advance(now);
            wakes += 1;
            assert!(wakes < 10_000, "runaway");
        }
    }
}

/// A two-block workout: squats, a 90 s changeover, curls at 12 kg.
fn workout() -> Workout {
    use crate::timing::workout::Block;
    let block = |ex: &str, tempo: &str, sets, load: Option<&str>| Block {
        session: Session {
            tempo: tempo.parse().expect("tempo"),
            sets,
            reps: 2,
            rest_ms: 10_000,
            count_in_ms: 0,
            ..Session::default()
        },
        exercise: Some(ex.to_string()),
        load: load.map(str::to_string),
        changeover_ms: 90_000,
        ..Block::default()
    };
    Workout {
        name: Some("legs-then-arms".into()),
        blocks: vec![
            block("squat", "4-0-1-0", 1, None),
            block("curl", "3-0-1-0", 3, Some("12kg")),
        ],
        from: 1,
        run_as: None,
        protocol: false,
    }
}

#[test]
fn the_changeover_shows_what_comes_next_in_big_type() {
    let base = Instant::now();
    let mut engine = Engine::live(workout(), base);
    // Squats: 2 reps of 5 s, then 30.4 s into the changeover.
    let now = base + Duration::from_millis(10_000 + 30_400);
    engine.advance(now);
    let view = View::new(engine.status(now), engine.session()).in_workout(engine.workout());
    assert_eq!(view.word(), "CURL");
    // The countdown says what it counts to, and the next block's sets ×
    // reps and load are big too.
    assert_eq!(view.countdown().as_deref(), Some("IN 1:00"));
    assert_eq!(view.extra().as_deref(), Some("3X2 12KG"));
    assert_eq!(view.rep(), None);
    for (w, h) in [(80, 24), (40, 12)] {
        let terminal = render(&view, w, h);
        let text = terminal.backend().to_string();
        assert!(text.contains("block 1/2"), "{text}");
        if w == 80 {
            assert!(
                text.contains("next: block 2/2 curl 3-0-1-0 3 × 2 12kg"),
                "{text}"
            );
        }
        insta::assert_snapshot!(format!("changeover_{w}x{h}"), terminal.backend());
    }
    // In the next block the header names it, and a rep past the plan of an
    // open-ended set says so.
    let later = now + Duration::from_secs(60);
    engine.advance(later);
    let view = View::new(engine.status(later), engine.session()).in_workout(engine.workout());
    let text = render(&view, 80, 24).backend().to_string();
    assert!(
        text.contains("block 2/2 · curl · set 1/3 · rep 1/2"),
        "{text}"
    );
}

#[test]
fn a_long_coaching_line_is_wrapped_whole_at_80_and_100_columns() {
    let coaching = "squat: heavy negatives 30 h ago (2026-11-20 18:05); on your 4-5 days a \
                    week, negatives go every other workout: they need more recovery, so keep \
                    today's lowering short";
    let view = View {
        notices: vec![coaching.to_string()],
        ..view_at(session(), 2_300)
    };
    for (w, h) in [(80, 24), (100, 30)] {
        let text = render(&view, w, h).backend().to_string();
        let shown: String = text
            .lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(shown.contains(coaching), "{w}x{h}:\n{text}");
    }
    assert_eq!(super::wrap("a bb ccc", 4), ["a bb", "ccc"]);
    assert_eq!(super::wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    assert_eq!(super::wrap("", 5), [""]);
}

/// The text of `terminal`'s screen, row by row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

#[test]
fn the_footer_and_help_show_the_keys_as_bound() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut keys = keys::Keymap::default();
    keys.bind(KeyCode::Char('q'), keys::Binding::EndSet);
    let view = View {
        keys: keys.clone(),
        ..view_at(session(), 1500)
    };
    let text = screen_text(&render(&view, 120, 40));
    assert!(!text.contains("q quit"), "{text}");
    assert!(text.contains("Ctrl-C quit"), "{text}");
    let help = View {
        help: true,
        ..view.clone()
    };
    let text = screen_text(&render(&help, 120, 40));
    assert!(text.contains("f PgUp q"), "{text}");
    assert!(!text.contains("q q "), "{text}");
    // q ends the set, and never asks to quit.
    let press = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        keys::action_in(&keys, press, keys::Context::default()),
        Some(keys::Action::Engine(Command::EndSet))
    );
    // The built-in keys read as built in.
    let text = screen_text(&render(&view_at(session(), 1500), 120, 40));
    assert!(
        text.contains("f set ends") && text.contains("q quit"),
        "{text}"
    );
}

#[test]
fn a_partner_s_lift_reads_the_same_in_the_header_as_in_the_log_and_the_plan() {
    // --lift manual and a timed P: both are a partner's lift, "P".
    for (tempo, manual) in [("5-0-1-0", true), ("5-0-P-0", false)] {
        let mut s = Session {
            tempo: tempo.parse().expect("tempo"),
            ..session()
        };
        if manual {
            s.tempo.lift = crate::timing::tempo::Lift::Manual;
        }
        let text = render(&view_at(s.clone(), 0), 80, 24).backend().to_string();
        assert!(text.contains("tempo 5-0-P-0"), "{tempo}: {text}");
        assert_eq!(s.tempo.to_string(), "5-0-P-0");
    }
}

#[test]
fn lines_wrap_by_the_columns_the_terminal_draws() {
    // Each of these characters is two columns wide.
    let lines = wrap("漢字漢字 漢字", 6);
    for l in &lines {
        assert!(crate::text::width(l) <= 6, "{lines:?}");
    }
    assert_eq!(lines, ["漢字漢", "字", "漢字"].map(String::from));
    assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"].map(String::from));
}

#[test]
fn a_block_with_each_set_s_own_reps_and_load_shows_the_set_s_own() {
    use crate::timing::plan::{SetReps, Start};
    use crate::timing::workout::Block;
    // 1-0-1-0 from the lowering: a rep is 2 s; 10 s rests; no count-in.
    let mut b = Block {
        exercise: Some("squat".into()),
        load: Some("60kg".into()),
        each_load: vec!["60kg".into(), "70kg".into()],
        ..Block::default()
    };
    b.session.tempo = "1-0-1-0".parse().expect("tempo");
    b.session.start = Start::Lower;
    b.session.rest_ms = 10_000;
    b.session.count_in_ms = 0;
    b.session.set_each(vec![
        SetReps {
            reps: 3,
            open_ended: false,
        },
        SetReps {
            reps: 2,
            open_ended: false,
        },
    ]);
    let base = Instant::now();
    let mut engine = Engine::live(Workout::single(b.session.clone()), base);
    let mut w = engine.workout().clone();
    w.blocks[0] = b;
    let at = |engine: &mut Engine, ms: u64| {
        let now = base + Duration::from_millis(ms);
        engine.advance(now);
        View::new(engine.status(now), engine.session()).in_workout(&w)
    };
    // Set 1: rep 2 of its 3, at 60 kg.
    let view = at(&mut engine, 2_500);
    assert_eq!(view.rep().as_deref(), Some("2/3"));
    assert_eq!(view.extra().as_deref(), Some("SET 1/2 60KG"));
    // The rest shows the next set and the load to put on the bar.
    let view = at(&mut engine, 7_000);
    assert_eq!(view.extra().as_deref(), Some("SET 2/2 70KG"));
    // Set 2: its own 2 reps.
    let view = at(&mut engine, 16_500);
    assert_eq!(view.rep().as_deref(), Some("1/2"));
    let text = render(&view, 80, 24).backend().to_string();
    assert!(text.contains("set 2/2 · rep 1/2"), "{text}");
}
