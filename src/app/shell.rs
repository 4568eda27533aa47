//! Pieces the app loops share: one channel on which every outside
//! happening (a signal, a line typed, a key pressed, a resize) arrives,
//! and a wait on it that ends at the loop's next deadline. Only app loops
//! use this module.

use std::io::{self, BufRead};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use crossterm::event::{self, Event, KeyEvent};
#[cfg(unix)]
use signal_hook::consts::SIGHUP;
use signal_hook::consts::{SIGINT, SIGTERM};

/// Something from outside the app loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A signal arrived (SIGINT, SIGTERM or SIGHUP).
    Signal(i32),
    /// A line was typed on standard input (Enter).
    Line,
    /// Standard input reached its end (or the terminal's input failed).
    InputClosed,
    /// A key was pressed, in the full-screen view.
    Key(KeyEvent),
    /// The terminal was resized to this many columns and rows.
    Resize(u16, u16),
}

/// The signals that stop a session cleanly.
#[cfg(unix)]
pub const STOP_SIGNALS: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];
/// The signals that stop a session cleanly (Windows has no SIGHUP).
#[cfg(not(unix))]
pub const STOP_SIGNALS: [i32; 2] = [SIGINT, SIGTERM];

/// The exit status for a session stopped by `signal` (128 + its number).
pub fn signal_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

/// A new channel.
pub fn channel() -> (Sender<Msg>, Receiver<Msg>) {
    mpsc::channel()
}

/// Watches for the stop signals until closed.
#[derive(Debug)]
pub struct SignalWatch {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    #[cfg(not(unix))]
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl SignalWatch {
    /// Stops watching; the signals' default actions are not restored.
    pub fn close(&self) {
        #[cfg(unix)]
        self.handle.close();
        #[cfg(not(unix))]
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Delivers SIGINT, SIGTERM and SIGHUP on `tx` instead of killing the
/// process.
#[cfg(unix)]
pub fn watch_signals(tx: Sender<Msg>) -> io::Result<SignalWatch> {
    let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS)?;
    let handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Msg::Signal(signal)).is_err() {
                break;
            }
        }
    });
    Ok(SignalWatch { handle })
}

/// Delivers SIGINT and SIGTERM (Ctrl-C, Ctrl-Break) on `tx` instead of
/// killing the process. Windows has no signal iterator: flags set by the
/// handlers are looked at ten times a second.
#[cfg(not(unix))]
pub fn watch_signals(tx: Sender<Msg>) -> io::Result<SignalWatch> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let flags: Vec<(i32, Arc<AtomicBool>)> = STOP_SIGNALS
        .iter()
        .map(|&sig| (sig, Arc::new(AtomicBool::new(false))))
        .collect();
    for (sig, flag) in &flags {
        signal_hook::flag::register(*sig, Arc::clone(flag))?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            for (sig, flag) in &flags {
                if flag.swap(false, Ordering::Relaxed) && tx.send(Msg::Signal(*sig)).is_err() {
                    return;
                }
            }
            thread::sleep(std::time::Duration::from_millis(100));
        }
    });
    Ok(SignalWatch { stop })
}

/// Sends [`Msg::Line`] for each line typed on standard input.
pub fn watch_lines(tx: Sender<Msg>) {
    thread::spawn(move || {
        let stdin = io::stdin();
        for line in stdin.lock().lines() {
            if line.is_err() || tx.send(Msg::Line).is_err() {
                break;
            }
        }
        let _ = tx.send(Msg::InputClosed);
    });
}

/// Sends [`Msg::Key`] and [`Msg::Resize`] for the terminal's events (the
/// full-screen view, in raw mode), and [`Msg::InputClosed`] if reading
/// them fails.
pub fn watch_terminal(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    break;
                }
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
}

/// Waits for a message until `deadline` (forever without one). `None`
/// means the deadline came first.
pub fn wait(rx: &Receiver<Msg>, deadline: Option<Instant>) -> Option<Msg> {
    match deadline {
        Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
            Ok(msg) => Some(msg),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(due.saturating_duration_since(Instant::now()));
                None
            }
        },
        None => rx.recv().ok(),
    }
}
