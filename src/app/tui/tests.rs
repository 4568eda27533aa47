//! The full-screen loop's step ([`App::handle`]) on a synthetic clock,
//! drawn at 80×24 into ratatui's test backend: keys, pause, `f`, the quit
//! question, resize, signals and the end of a session, with no terminal
//! and no waiting.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::timing::plan::Session;

/// A muted session with no log: `reps` reps of 1-0-1-0 from the lowering,
/// `sets` sets with 2 s rests, no count-in, started at `start`.
fn app(reps: u16, sets: u16, open_ended: bool, start: Instant) -> App {
    let session = Session {
        tempo: "1-0-1-0".parse().expect("tempo"),
        start: crate::timing::plan::Start::Lower,
        reps,
        sets,
        rest_ms: 2000,
        count_in_ms: 0,
        open_ended,
        ..Session::default()
    };
    App::new(Live::new(session, start), Options::default())
}

fn key(c: char) -> Option<Arrival> {
    Some(Arrival::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

/// The view at `now` as the terminal would show it at 80×24, its cells
/// noted for the next deadline as the loop's draw does.
fn screen(app: &mut App, now: Instant) -> String {
    let view = app.view(now);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut cells = Cells::default();
    terminal
        .draw(|frame| {
            cells = view.cells(frame.area());
            frame.render_widget(&view, frame.area());
        })
        .expect("draw");
    app.cells = cells;
    terminal.backend().to_string()
}

/// Steps the loop as it runs with nothing arriving: from deadline to
/// deadline, drawing each time, until `until` or the end.
fn run_until(app: &mut App, from: Instant, until: Instant) -> (Instant, Flow) {
    let mut now = from;
    let mut flow = Flow::Draw;
    while let Some(next) = app.deadline(now) {
        if next > until {
            break;
        }
        now = next.max(now);
        flow = app.handle(None, now);
        if matches!(flow, Flow::End(_)) {
            break;
        }
        screen(app, now);
        if app.summary.is_some() {
            break;
        }
    }
    (now, flow)
}

#[test]
fn a_session_runs_to_its_summary_and_a_key_ends_it() {
    let start = Instant::now();
    let mut app = app(2, 2, false, start);
    let first = screen(&mut app, start);
    assert!(first.contains("set 1/2 · rep 1/2"), "{first}");
    // 2 sets of 2 reps of 2 s, a 2 s rest: over at 10 s.
    let (now, flow) = run_until(&mut app, start, start + Duration::from_secs(60));
    assert_eq!(flow, Flow::Draw);
    assert_eq!(now, start + Duration::from_secs(10));
    let summary = app.summary.clone().expect("the summary is up");
    assert_eq!((summary.sets_done(), summary.reps()), (2, 4));
    assert!(screen(&mut app, now).contains("2 of 2 sets done"));
    // Any key now ends it, as done.
    assert_eq!(app.handle(key('x'), now), Flow::End(ViewEnd::Done(summary)));
}

#[test]
fn space_pauses_and_resumes_and_the_clock_stands_still_meanwhile() {
    let start = Instant::now();
    let mut app = app(3, 1, false, start);
    let at = start + Duration::from_millis(1500);
    assert_eq!(app.handle(key(' '), at), Flow::Draw);
    assert!(app.live.engine().is_paused());
    assert!(screen(&mut app, at).contains("paused"));
    // Paused, the engine has no deadline: nothing moves for a minute.
    assert_eq!(app.live.engine().next_deadline(), None);
    let later = at + Duration::from_secs(60);
    assert_eq!(app.handle(key(' '), later), Flow::Draw);
    assert!(!app.live.engine().is_paused());
    let text = screen(&mut app, later);
    assert!(text.contains("set 1/1 · rep 1/3"), "{text}");
}

#[test]
fn f_ends_an_open_ended_set_where_it_is() {
    let start = Instant::now();
    let mut app = app(2, 1, true, start);
    // Past the 2 planned reps: rep 4 of an open-ended set, at 6.5 s.
    let (now, _) = run_until(&mut app, start, start + Duration::from_millis(6500));
    let now = now.max(start + Duration::from_millis(6500));
    assert!(screen(&mut app, now).contains("rep 4 · to failure"));
    assert_eq!(app.handle(key('f'), now), Flow::Draw);
    let summary = app.summary.clone().expect("one set: the session is done");
    assert_eq!(summary.reps(), 3, "3 reps done, the 4th cut short");
}

#[test]
fn q_asks_first_any_other_key_stays_and_q_again_quits() {
    let start = Instant::now();
    let mut app = app(3, 1, false, start);
    let at = start + Duration::from_secs(1);
    assert_eq!(app.handle(key('q'), at), Flow::Draw);
    assert!(app.live.engine().is_paused(), "asking pauses");
    let text = screen(&mut app, at);
    assert!(text.contains("quit?"), "{text}");
    // Another key: stay, and the session goes on.
    assert_eq!(app.handle(key('x'), at), Flow::Draw);
    assert!(!app.live.engine().is_paused() && app.asking.is_none());
    // q, q: quit, with what was done.
    app.handle(key('q'), at);
    match app.handle(key('q'), at) {
        Flow::End(ViewEnd::Quit(summary)) => assert_eq!(summary.sets_done(), 0),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ctrl_c_a_signal_and_ctrl_z_each_do_what_they_say() {
    let start = Instant::now();
    let at = start + Duration::from_millis(2500);
    let ctrl_c = Some(Arrival::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    let mut a = app(3, 1, false, start);
    assert!(matches!(
        a.handle(ctrl_c, at),
        Flow::End(ViewEnd::Stopped(signal_hook::consts::SIGINT, _))
    ));
    let mut b = app(3, 1, false, start);
    match b.handle(Some(Arrival::Signal(15)), at) {
        Flow::End(ViewEnd::Stopped(15, summary)) => {
            assert_eq!(summary.reps(), 1, "rep 1 done, rep 2 under way");
        }
        other => panic!("{other:?}"),
    }
    // Ctrl-Z and SIGTSTP pause first, then the loop stops the process;
    // SIGCONT takes the terminal again.
    let mut c = app(3, 1, false, start);
    assert_eq!(c.handle(Some(Arrival::Suspend), at), Flow::Suspend);
    assert!(c.live.engine().is_paused());
    assert_eq!(c.handle(Some(Arrival::Continued), at), Flow::TakeAgain);
    assert!(c.live.engine().is_paused(), "back paused");
}

#[test]
fn a_resize_is_laid_out_anew_and_a_key_that_does_nothing_draws_nothing() {
    let start = Instant::now();
    let mut app = app(3, 1, false, start);
    let at = start + Duration::from_millis(500);
    assert_eq!(
        app.handle(Some(Arrival::Resize(120, 40)), at),
        Flow::Resize(120, 40)
    );
    // An unbound key between two deadlines changes nothing on screen.
    screen(&mut app, at);
    assert_eq!(app.handle(key('y'), at), Flow::Wait);
}

#[test]
fn input_that_ends_once_the_session_is_done_ends_the_view() {
    let start = Instant::now();
    let mut app = app(1, 1, false, start);
    assert_eq!(
        app.handle(
            Some(Arrival::InputClosed),
            start + Duration::from_millis(100)
        ),
        Flow::Draw,
        "mid-set, the view stays"
    );
    match app.handle(None, start + Duration::from_secs(2)) {
        Flow::End(ViewEnd::Done(summary)) => assert_eq!(summary.reps(), 1),
        other => panic!("{other:?}"),
    }
}

/// The rows of the log at `path` as they now stand, once written.
fn logged(app: &App, path: &std::path::Path) -> Vec<crate::training::rows::Row> {
    let wait = app.live.log_wait().expect("a log");
    assert!(wait.settle(Duration::from_secs(20)), "the log is stuck");
    crate::training::store::read(path).expect("read").0
}

#[test]
fn after_a_set_the_keys_correct_what_was_logged_and_the_log_stays_append_only() {
    use crate::training::rows::EndedBy;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let start = Instant::now();
    let wall: jiff::Zoned = "2026-11-20T18:00:00+01:00[+01:00]".parse().expect("zoned");
    let mut app = app(2, 2, false, start);
    app.live = std::mem::replace(&mut app.live, Live::new(Session::default(), start)).log_to(
        crate::training::store::LogWriter::new(path.clone()),
        start,
        wall,
    );
    // Set 1 is 0-4 s; the rest after it, 4-6 s.
    let (_, _) = run_until(&mut app, start, start + Duration::from_millis(4500));
    let rest = start + Duration::from_millis(4500);
    let text = screen(&mut app, rest);
    assert!(
        text.contains("logged set 1: 2/2 reps · + - reps · f failed"),
        "{text}"
    );
    // During the rest, `-` and `f` correct the set (not the lowering, not
    // the end of a set).
    assert_eq!(app.handle(key('-'), rest), Flow::Draw);
    assert_eq!(app.live.engine().status(rest).lower_ms, 1000);
    assert_eq!(app.handle(key('f'), rest), Flow::Draw);
    let text = screen(&mut app, rest);
    assert!(
        text.contains("set 1: 1/2 reps · to failure (corrected)"),
        "{text}"
    );
    // During the next set, `+` lowers longer again.
    let during = start + Duration::from_millis(6500);
    run_until(&mut app, rest, during);
    assert!(app.live.logged().is_none(), "set 2 is under way");
    app.handle(key('+'), during);
    assert_eq!(app.live.engine().status(during).lower_ms, 1500);
    // On the summary after the last set, `+` corrects it and another key
    // leaves.
    let (end, _) = run_until(&mut app, during, start + Duration::from_secs(60));
    assert!(app.summary.is_some());
    assert_eq!(app.handle(key('+'), end), Flow::Draw);
    assert!(matches!(
        app.handle(key('x'), end),
        Flow::End(ViewEnd::Done(_))
    ));
    let rows = logged(&app, &path);
    let sets: Vec<(u16, u16, EndedBy)> = rows
        .iter()
        .map(|r| (r.set, r.completed, r.facts.ended_by))
        .collect();
    assert_eq!(sets, [(1, 1, EndedBy::Failure), (2, 3, EndedBy::Plan)]);
    let (raw, _) = crate::training::store::read_all(&path).expect("raw");
    assert_eq!(raw.len(), 5, "two sets and three corrections");
}
