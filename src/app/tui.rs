//! The full-screen app loop: terminal setup and restore, keys, signals,
//! Ctrl-Z, and redraws at exactly the instants the picture changes.
//!
//! This is the only part of the view that reads the clock. It sleeps on
//! [`inbox::wait`] until the engine's next deadline or the view's next
//! visible change ([`ui::next_change`]), whichever is sooner, or until a
//! key, a resize or a signal arrives; it never counts ticks. The terminal
//! is given back on every way out: a normal end, an error (a guard's
//! `Drop`), a panic (a hook that restores before the message prints) and a
//! signal (delivered on the channel like a key). Before the process stops
//! (Ctrl-Z, or SIGTSTP from outside) too, and it is taken again when the
//! process continues (SIGCONT).

use std::io::{self, Stdout};
use std::sync::Once;
use std::time::Instant;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::inbox::{self, Arrival};
use crate::app::live::{self, Live};
use crate::audio::device::Output;
use crate::audio::quiet;
use crate::timing::engine::{Command, Event, EventKind, Summary};
use crate::timing::plan::Phase;
use crate::timing::units::fmt_secs;
use crate::training::rows::EndedBy;
use crate::ui::keys::{self, Action, Binding, Context};
use crate::ui::{self, Cells, View};

/// How the view looks. Read from the environment, the command line and the
/// config file by the caller, never in here.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Colours may be used (false when `NO_COLOR` is set).
    pub color: bool,
    /// Which key does what.
    pub keys: keys::Keymap,
}

/// How a full-screen session ended, and what it amounted to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewEnd {
    /// Every set was done and the summary was dismissed.
    Done(Summary),
    /// The lifter quit (q, Esc or Ctrl-C).
    Quit(Summary),
    /// A signal stopped it (SIGINT, SIGTERM, SIGHUP or another of
    /// [`inbox::stop_signals`]).
    Stopped(i32, Summary),
}

/// Runs a live session full-screen until it is done and dismissed, quit or
/// stopped by a signal. The terminal is restored before this returns.
/// While the view is up, stderr goes nowhere, so that nothing (ALSA, say)
/// writes over it.
pub fn run(live: Live, options: Options) -> io::Result<ViewEnd> {
    let (tx, rx) = inbox::channel();
    let signals = inbox::watch_signals(tx.clone(), inbox::Watch::JobControl)?;
    let mut screen = Screen::enter()?;
    inbox::watch_terminal(tx);
    let mut app = App::new(live, options);
    let outcome = app.run(&mut screen, &rx);
    drop(screen);
    signals.close();
    outcome
}

/// Gives the terminal back: stderr, cooked mode, the main screen, a
/// visible cursor. Errors are ignored: this runs on the way out, when the
/// terminal may already be gone (SIGHUP).
fn restore_terminal() {
    quiet::restore_stderr();
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
}

fn take_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
    // Dropped without restoring: restore_terminal puts stderr back.
    std::mem::forget(quiet::silence_stderr());
    Ok(())
}

/// Restores the terminal before a panic's message prints, so the message
/// is readable and the shell works afterwards.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}

/// The terminal while the view is up; dropping it gives the terminal back.
struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Screen {
    fn enter() -> io::Result<Screen> {
        install_panic_hook();
        let setup = take_terminal().and_then(|()| {
            // A fixed viewport, resized on resize events: ratatui's automatic
            // resize would ask the system for the size before every frame.
            let (width, height) = ratatui::crossterm::terminal::size()?;
            Terminal::with_options(
                CrosstermBackend::new(io::stdout()),
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
                },
            )
        });
        match setup {
            Ok(terminal) => Ok(Screen { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        }
    }

    /// Lays the view out anew for a terminal of `width` × `height`, and
    /// forgets what was drawn so the next frame is drawn whole.
    fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.terminal.resize(Rect::new(0, 0, width, height))
    }

    /// Ctrl-Z or SIGTSTP: gives the terminal back and stops the process as
    /// the shell would; when continued (`fg`), takes the terminal again
    /// and forces a full redraw.
    fn suspend(&mut self) -> io::Result<()> {
        restore_terminal();
        // Windows has no job control: there Ctrl-Z only pauses.
        #[cfg(unix)]
        inbox::stop_process()?;
        self.take_again()
    }

    /// Takes the terminal again (raw mode, the alternate screen, no
    /// cursor) and forces a full redraw: after a stop, the shell may have
    /// set the terminal back to cooked mode and drawn over the view.
    fn take_again(&mut self) -> io::Result<()> {
        // crossterm skips enabling raw mode when it believes it on: let it
        // forget first (this sets the terminal as it was before the view,
        // the mode raw mode is made from).
        disable_raw_mode()?;
        take_terminal()?;
        // `resize` clears the screen and forgets what was drawn, without
        // asking the terminal where its cursor is (`clear` does, and the
        // answer would wait behind the key reader). The size may have
        // changed while stopped.
        let (width, height) = ratatui::crossterm::terminal::size()?;
        self.resize(width, height)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// What the loop does after a step ([`App::handle`]): draw, wait on
/// without drawing, act on the terminal and draw, or end.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Flow {
    /// Draw the view.
    Draw,
    /// Nothing changed: wait again.
    Wait,
    /// Give the terminal back and stop the process (Ctrl-Z); draw once
    /// continued.
    Suspend,
    /// Take the terminal again after a stop, and draw.
    TakeAgain,
    /// Lay the view out for a terminal of this size, and draw.
    Resize(u16, u16),
    /// The session is over.
    End(ViewEnd),
}

/// The loop's state: the live session and what the lifter toggled.
struct App {
    live: Live,
    options: Options,
    help: bool,
    note: Option<String>,
    summary: Option<Summary>,
    input_closed: bool,
    cells: Cells,
    /// "quit?" is asked; `true` if asking paused the session (and going
    /// on resumes it).
    asking: Option<bool>,
}

impl App {
    fn new(live: Live, options: Options) -> App {
        App {
            live,
            options,
            help: false,
            note: None,
            summary: None,
            input_closed: false,
            cells: Cells::default(),
            asking: None,
        }
    }

    fn view(&self, now: Instant) -> View {
        let engine = self.live.engine();
        let mut view = View::new(engine.status(now), engine.session());
        view.title = self.live.info().exercise.clone();
        let mut view = view.in_workout(engine.workout());
        view.notices = self.live.notices_at(now);
        view.color = self.options.color;
        view.note = self.note.clone();
        view.muted = self.live.is_muted();
        view.help = self.help;
        view.summary = self.summary.clone();
        view.asking_quit = self.asking.is_some();
        view.counting = self.live.counting();
        view.keys = self.options.keys.clone();
        if view.load.is_none() {
            view.load = self.live.info().load.clone();
        }
        view.logged = self.live.logged().map(|row| {
            let keys = [Binding::MoreReps, Binding::FewerReps, Binding::Failed]
                .map(|b| self.options.keys.first(b).unwrap_or_default());
            format!(
                "logged {} · {} {} reps · {} failed",
                live::logged_text(row),
                keys[0],
                keys[1],
                keys[2]
            )
        });
        view
    }

    fn context(&self, now: Instant) -> Context {
        let engine = self.live.engine();
        Context {
            waiting: engine.status(now).step.partner && !engine.is_done(),
            help: self.help,
            done: self.summary.is_some(),
            confirm_quit: self.asking.is_some(),
            logged: self.live.logged().is_some(),
        }
    }

    /// When to wake up if nothing arrives: the engine's next event or the
    /// picture's next change, whichever is first.
    fn deadline(&self, now: Instant) -> Option<Instant> {
        let engine = self.live.engine();
        let change = ui::next_change(&engine.status(now), self.cells).map(|d| now + d);
        match (engine.next_deadline(), change) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn follow(&mut self, events: &[Event]) {
        for event in events {
            match event.kind {
                EventKind::LoweringChanged { lower_ms } => {
                    self.note = Some(format!(
                        "lowering {} s from the next rep",
                        fmt_secs(lower_ms)
                    ));
                }
                EventKind::SetRestarted { set, .. } => {
                    self.note = Some(format!("set {set} restarted"));
                }
                EventKind::PhaseStarted(step) if step.phase == Phase::Lower => self.note = None,
                _ => {}
            }
        }
    }

    /// m: sound on or off. A session started with `--mute` has no sound
    /// device yet: the first unmute opens it.
    fn toggle_mute(&mut self) {
        self.live.toggle_mute();
        if self.live.wants_device() {
            self.live
                .device_opened(Output::open_ready(), Instant::now());
        }
    }

    fn draw(&mut self, screen: &mut Screen, now: Instant) -> io::Result<()> {
        let view = self.view(now);
        let mut cells = Cells::default();
        screen.terminal.draw(|frame| {
            cells = view.cells(frame.area());
            frame.render_widget(&view, frame.area());
        })?;
        self.cells = cells;
        Ok(())
    }

    fn run(
        &mut self,
        screen: &mut Screen,
        rx: &std::sync::mpsc::Receiver<Arrival>,
    ) -> io::Result<ViewEnd> {
        let mut now = Instant::now();
        let events = self.live.advance(now);
        self.follow(&events);
        self.draw(screen, now)?;
        if self.live.wants_device() {
            // The first frame is up; now the sound device (a sound server
            // can take a while), and the session starts when it plays.
            self.live
                .begin_with_sound(Output::open_ready(), Instant::now());
            now = Instant::now();
            // Shows at once if there was no device.
            self.draw(screen, now)?;
        }
        loop {
            let arrival = inbox::wait(rx, self.deadline(now));
            now = Instant::now();
            match self.handle(arrival, now) {
                Flow::Wait => continue,
                Flow::Draw => {}
                Flow::Suspend => screen.suspend()?,
                Flow::TakeAgain => screen.take_again()?,
                Flow::Resize(width, height) => screen.resize(width, height)?,
                Flow::End(end) => return Ok(end),
            }
            self.draw(screen, now)?;
        }
    }

    /// One step of the loop, with no terminal and no clock: what arrived
    /// (`None`: the deadline passed) at `now`, the session advanced to
    /// `now` and the lifter's key done. Says what the loop does next.
    fn handle(&mut self, arrival: Option<Arrival>, now: Instant) -> Flow {
        let events = self.live.advance(now);
        self.follow(&events);
        let flow = match arrival {
            // Lines are read only by --plain.
            None | Some(Arrival::Line | Arrival::NotLines) => Flow::Draw,
            // SIGTSTP from outside (`kill -TSTP`) is Ctrl-Z.
            Some(Arrival::Suspend) => self.pause_to_stop(now),
            // SIGCONT: running again after a stop this program did not
            // see coming (SIGSTOP), or after its own (again, harmless).
            Some(Arrival::Continued) => Flow::TakeAgain,
            Some(Arrival::Resize(width, height)) => Flow::Resize(width, height),
            Some(Arrival::Signal(signal)) => {
                return Flow::End(ViewEnd::Stopped(signal, self.finish(now, EndedBy::Signal)));
            }
            Some(Arrival::InputClosed) => {
                self.input_closed = true;
                Flow::Draw
            }
            Some(Arrival::Key(key)) => {
                match keys::action_in(&self.options.keys, key, self.context(now)) {
                    None if events.is_empty() => return Flow::Wait,
                    None => Flow::Draw,
                    Some(Action::Interrupt) => {
                        let signal = signal_hook::consts::SIGINT;
                        return Flow::End(ViewEnd::Stopped(
                            signal,
                            self.finish(now, EndedBy::Signal),
                        ));
                    }
                    Some(Action::Quit) => {
                        let summary = self.finish(now, EndedBy::Quit);
                        return Flow::End(if self.live.engine().is_done() {
                            ViewEnd::Done(summary)
                        } else {
                            ViewEnd::Quit(summary)
                        });
                    }
                    Some(Action::Engine(command)) => {
                        let events = self.live.command(command, now);
                        self.follow(&events);
                        Flow::Draw
                    }
                    Some(Action::AskQuit) => {
                        let running = !self.live.engine().is_paused();
                        if running {
                            let events = self.live.command(Command::TogglePause, now);
                            self.follow(&events);
                        }
                        self.help = false;
                        self.asking = Some(running);
                        Flow::Draw
                    }
                    Some(Action::Stay) => {
                        if self.asking.take() == Some(true) {
                            let events = self.live.command(Command::TogglePause, now);
                            self.follow(&events);
                        }
                        Flow::Draw
                    }
                    Some(Action::ToggleMute) => {
                        self.toggle_mute();
                        Flow::Draw
                    }
                    Some(Action::ToggleHelp) => {
                        self.help = !self.help;
                        Flow::Draw
                    }
                    Some(Action::Suspend) => self.pause_to_stop(now),
                    Some(Action::Correct(correction)) => {
                        self.note = Some(match self.live.correct(&correction, now) {
                            Ok(said) | Err(said) => said,
                        });
                        Flow::Draw
                    }
                }
            }
        };
        if self.live.engine().is_done() && self.summary.is_none() {
            self.summary = Some(self.live.finish(now, EndedBy::Plan));
        }
        if let Some(summary) = &self.summary
            && self.input_closed
        {
            return Flow::End(ViewEnd::Done(summary.clone()));
        }
        flow
    }

    /// Ctrl-Z, or SIGTSTP from outside: pauses, then the loop gives the
    /// terminal back and stops; once continued, the view is back, paused.
    fn pause_to_stop(&mut self, now: Instant) -> Flow {
        if !self.live.engine().is_paused() {
            let events = self.live.command(Command::TogglePause, now);
            self.follow(&events);
        }
        Flow::Suspend
    }

    fn finish(&mut self, now: Instant, by: EndedBy) -> Summary {
        match &self.summary {
            Some(summary) => summary.clone(),
            None => self.live.finish(now, by),
        }
    }
}

#[cfg(test)]
mod tests;
