//! The app loops' inbox: one channel on which every outside
//! happening (a signal, a line typed, a key pressed, a resize) arrives,
//! and a wait on it that ends at the loop's next deadline. Only app loops
//! use this module.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Instant;

use ratatui::crossterm::event::{self, Event, KeyEvent};

use crate::program::keys::Correction;

/// Something from outside the app loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// A signal that stops the session arrived (one of [`stop_signals`]).
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`), in the full-screen view: do
    /// what Ctrl-Z does.
    Suspend,
    /// SIGCONT, in the full-screen view: the process runs again after a
    /// stop (`fg`, `kill -CONT`), and the terminal may have been changed
    /// meanwhile.
    Continued,
    /// A line came on standard input (Enter, or `f`); it waits in
    /// [`Lines`], in order, until the app loop uses it.
    Line,
    /// Standard input reached its end (or the terminal's input failed).
    InputClosed,
    /// Standard input sent more than [`MAX_LINE`] bytes without a newline:
    /// it is not lines, and reading stopped.
    NotLines,
    /// A key was pressed, in the full-screen view.
    Key(KeyEvent),
    /// The terminal was resized to this many columns and rows.
    Resize(u16, u16),
}

/// The signals that stop a session cleanly, as SIGTERM does (the set so
/// far logged, the summary printed, exit 128 + N): every signal whose
/// default action ends the process and that can be caught, but for
/// SIGPIPE (a closed stdout is handled where it is written), SIGABRT
/// (the program itself giving up), SIGTRAP and SIGSYS (a debugger, a
/// forbidden system call) and the faults signal-hook forbids catching
/// (SIGSEGV, SIGBUS, SIGILL, SIGFPE). On Linux also SIGPWR, SIGIO and the
/// real-time signals; SIGSTKFLT, unused and missing on some
/// architectures, is left.
#[cfg(unix)]
pub(crate) fn stop_signals() -> Vec<i32> {
    use libc::{
        SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU,
        SIGXFSZ,
    };
    #[allow(unused_mut)]
    let mut all = vec![
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        all.extend([libc::SIGPWR, libc::SIGIO]);
        all.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    all
}

/// The signals that stop a session cleanly (Windows has SIGINT and
/// SIGTERM only: Ctrl-C, Ctrl-Break).
#[cfg(not(unix))]
pub(crate) fn stop_signals() -> Vec<i32> {
    vec![signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM]
}

/// The exit status for a session stopped by `signal` (128 + its number).
pub(crate) fn signal_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

/// A new channel.
pub fn channel() -> (Sender<Arrival>, Receiver<Arrival>) {
    mpsc::channel()
}

/// Which signals an app loop takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Watch {
    /// The stop signals only; SIGTSTP and SIGCONT keep their default
    /// actions (`--plain`: stopped, the clock catches up after).
    Stop,
    /// The stop signals, and SIGTSTP and SIGCONT as [`Arrival::Suspend`] and
    /// [`Arrival::Continued`] (the full-screen view, which must give the
    /// terminal back before it stops and take it again after).
    JobControl,
}

/// Watches for signals until closed.
#[derive(Debug)]
pub(crate) struct SignalWatch {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    #[cfg(not(unix))]
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl SignalWatch {
    /// Stops watching; the signals' default actions are not restored.
    pub(crate) fn close(&self) {
        #[cfg(unix)]
        self.handle.close();
        #[cfg(not(unix))]
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Delivers the [`stop_signals`] on `tx` instead of letting them kill the
/// process, and SIGTSTP and SIGCONT too if `watch` says so.
#[cfg(unix)]
pub(crate) fn watch_signals(tx: Sender<Arrival>, watch: Watch) -> io::Result<SignalWatch> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut wanted = stop_signals();
    if watch == Watch::JobControl {
        wanted.extend([SIGTSTP, SIGCONT]);
    }
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    let handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            let msg = match signal {
                SIGTSTP => Arrival::Suspend,
                SIGCONT => Arrival::Continued,
                _ => Arrival::Signal(signal),
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
    Ok(SignalWatch { handle })
}

/// Stops the process as SIGTSTP's default action would (the shell then
/// has it as a stopped job); returns once it is continued. SIGTSTP itself
/// may be caught here, so it stops with SIGSTOP, which cannot be.
#[cfg(unix)]
pub(crate) fn stop_process() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
}

/// Delivers SIGINT and SIGTERM (Ctrl-C, Ctrl-Break) on `tx` instead of
/// killing the process. Windows has no signal iterator: flags set by the
/// handlers are looked at ten times a second. It has no job control
/// either, so `watch` changes nothing.
#[cfg(not(unix))]
pub(crate) fn watch_signals(tx: Sender<Arrival>, _watch: Watch) -> io::Result<SignalWatch> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let flags: Vec<(i32, Arc<AtomicBool>)> = stop_signals()
        .into_iter()
        .map(|sig| (sig, Arc::new(AtomicBool::new(false))))
        .collect();
    for (sig, flag) in &flags {
        signal_hook::flag::register(*sig, Arc::clone(flag))?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            for (sig, flag) in &flags {
                if flag.swap(false, Ordering::Relaxed) && tx.send(Arrival::Signal(*sig)).is_err() {
                    return;
                }
            }
            thread::sleep(std::time::Duration::from_millis(100));
        }
    });
    Ok(SignalWatch { stop })
}

/// The most bytes a line of standard input may hold before its newline.
/// A person at a terminal cannot type more (the terminal's own line
/// buffer holds 4096 bytes), and a script that means "the partner has
/// lifted" sends a short line: more than this without a newline is not
/// lines at all (`< /dev/zero`, a binary file), and reading stops.
pub(crate) const MAX_LINE: usize = 4096;

/// How many lift lines may wait, read but not yet used. Past this a new
/// lift line is dropped (`--debug-log` says so), so that reading never
/// stops and a line behind them, an `f` above all, always gets through,
/// and memory stays bounded however fast lines come (`yes '' |`).
pub(crate) const MAX_QUEUED: usize = 64;

/// The most of a line's text kept: enough for `reps 12` or
/// `load bw+102.5kg`; a longer line is a lift's line.
const KEPT: usize = 32;

/// Counts the lines in a stream of bytes, keeping of their text only the
/// first [`KEPT`] bytes: what a line says (`f`, `reps 7`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LineCounter {
    /// Bytes since the last newline.
    open: usize,
    /// The line's first bytes, up to [`KEPT`].
    text: Vec<u8>,
}

/// What a line of standard input says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// Anything else: the partner has lifted.
    Lift,
    /// `f` (or `F`) alone: that was the last rep, the set ends here.
    EndSet,
    /// `reps N`, `load 82.5kg` or `failed`: a correction of the set just
    /// logged.
    Correct(Correction),
}

impl Line {
    /// What the text of a line says.
    fn of(text: &str) -> Line {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if lower == "f" {
            return Line::EndSet;
        }
        if lower == "failed" {
            return Line::Correct(Correction::Failed);
        }
        if let Some(n) = lower.strip_prefix("reps ") {
            // A number out of range is refused, with what to type, where
            // it is used.
            return Line::Correct(Correction::Reps(n.trim().parse().unwrap_or(0)));
        }
        if lower.starts_with("load ") {
            return Line::Correct(Correction::Load(text[5..].trim().to_string()));
        }
        Line::Lift
    }
}

/// More than [`MAX_LINE`] bytes came without a newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotLines;

impl LineCounter {
    /// How many lines `bytes` ends; an error once a line has grown past
    /// [`MAX_LINE`] bytes.
    #[cfg(test)]
    pub fn feed(&mut self, bytes: &[u8]) -> Result<usize, NotLines> {
        self.lines(bytes).map(|lines| lines.len())
    }

    /// The lines `bytes` ends, each as what it says; an error once a line
    /// has grown past [`MAX_LINE`] bytes.
    pub fn lines(&mut self, bytes: &[u8]) -> Result<Vec<Line>, NotLines> {
        let mut lines = Vec::new();
        for chunk in bytes.split_inclusive(|&b| b == b'\n') {
            let ended = chunk.last() == Some(&b'\n');
            let text = &chunk[..chunk.len() - usize::from(ended)];
            self.open = self.open.saturating_add(text.len());
            if self.open > MAX_LINE {
                return Err(NotLines);
            }
            let room = (KEPT + 1).saturating_sub(self.text.len());
            self.text.extend(text.iter().take(room));
            if ended {
                lines.push(self.take());
            }
        }
        Ok(lines)
    }

    /// The line now ended, and a fresh start.
    fn take(&mut self) -> Line {
        let line = if self.text.len() > KEPT {
            Line::Lift
        } else {
            Line::of(&String::from_utf8_lossy(&self.text))
        };
        *self = LineCounter::default();
        line
    }

    /// At the end of the input: a last line without a newline, if one is
    /// left (it counts as a line too).
    pub(crate) fn finish(&mut self) -> Option<Line> {
        (self.open > 0).then(|| self.take())
    }
}

/// Lines read from standard input and not yet used, in the order they
/// came, shared by the thread that reads them and the app loop that uses
/// them: a lift's line for each partner's lift, and `f` to end a set.
/// However lines arrive (typed one by one, or many in one read from a
/// pipe), each is kept until the app loop takes it, and they are taken in
/// order: an `f` after two lifts' lines ends the set after those lifts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines(Arc<Mutex<VecDeque<Line>>>);

impl Lines {
    fn queue(&self) -> MutexGuard<'_, VecDeque<Line>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds `line` at the end; `false` if it was dropped: a lift's line
    /// when [`MAX_QUEUED`] of them wait already, or any line when twice
    /// that many lines wait.
    fn push(&self, line: Line) -> bool {
        let mut queue = self.queue();
        let lifts = queue.iter().filter(|l| **l == Line::Lift).count();
        let full = match line {
            Line::Lift => lifts >= MAX_QUEUED,
            Line::EndSet | Line::Correct(_) => queue.len() >= 2 * MAX_QUEUED,
        };
        if !full {
            queue.push_back(line);
        }
        !full
    }

    /// The line that came first of those waiting, left in place.
    pub fn first(&self) -> Option<Line> {
        self.queue().front().cloned()
    }

    /// Takes the line that came first; `None` if none waits.
    pub fn take(&self) -> Option<Line> {
        self.queue().pop_front()
    }

    /// How many lines are waiting.
    pub(crate) fn pending(&self) -> usize {
        self.queue().len()
    }
}

/// Reads `input` to its end, adding each line to `lines` and sending
/// [`Arrival::Line`] for it; then sends [`Arrival::InputClosed`] (the end, or a
/// read error) or [`Arrival::NotLines`] (a line past [`MAX_LINE`]). Reads in
/// pieces of fixed size and keeps no text, so memory stays bounded
/// whatever comes.
pub(crate) fn read_lines(mut input: impl Read, lines: &Lines, tx: &Sender<Arrival>) {
    let mut buf = [0u8; 4096];
    let mut counter = LineCounter::default();
    let end = loop {
        let n = match input.read(&mut buf) {
            Ok(n) if n > 0 => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // The end, or an error: a last line without its newline counts.
            _ => {
                if let Some(line) = counter.finish()
                    && !hand_over(line, lines, tx)
                {
                    return;
                }
                break Arrival::InputClosed;
            }
        };
        let Ok(read) = counter.lines(&buf[..n]) else {
            break Arrival::NotLines;
        };
        for line in read {
            if !hand_over(line, lines, tx) {
                return;
            }
        }
    };
    let _ = tx.send(end);
}

/// Hands `line` over: it waits in `lines`, with a [`Arrival::Line`] to say
/// so; a line dropped because too many wait is said in the debug log.
/// `false` once the app loop is gone.
fn hand_over(line: Line, lines: &Lines, tx: &Sender<Arrival>) -> bool {
    if lines.push(line.clone()) {
        tx.send(Arrival::Line).is_ok()
    } else {
        log::debug!(
            "input: a line dropped ({line:?}): {} lines wait already, none of them used yet",
            lines.pending()
        );
        true
    }
}

/// Reads standard input on a thread of its own (see [`read_lines`]); the
/// lines read wait in what this returns.
pub(crate) fn watch_lines(tx: Sender<Arrival>) -> Lines {
    let lines = Lines::default();
    let queue = lines.clone();
    thread::spawn(move || read_lines(io::stdin().lock(), &queue, &tx));
    lines
}

/// Sends [`Arrival::Key`] and [`Arrival::Resize`] for the terminal's events (the
/// full-screen view, in raw mode), and [`Arrival::InputClosed`] if reading
/// them fails.
pub(crate) fn watch_terminal(tx: Sender<Arrival>) {
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Arrival::Key(key),
                Ok(Event::Resize(w, h)) => Arrival::Resize(w, h),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Arrival::InputClosed);
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
pub fn wait(rx: &Receiver<Arrival>, deadline: Option<Instant>) -> Option<Arrival> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `input` sends, and how many lines wait after it.
    fn read_all(input: impl Read) -> (Vec<Arrival>, usize) {
        let (tx, rx) = channel();
        let lines = Lines::default();
        read_lines(input, &lines, &tx);
        drop(tx);
        (rx.iter().collect(), lines.pending())
    }

    #[cfg(unix)]
    #[test]
    fn every_signal_that_would_end_the_process_stops_the_session() {
        use libc::*;
        let stop = stop_signals();
        for sig in [
            SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
            SIGXCPU, SIGXFSZ,
        ] {
            assert!(stop.contains(&sig), "{sig} missing");
        }
        // Not these: handled elsewhere, not ending the process, or a fault.
        for sig in [
            SIGPIPE, SIGTSTP, SIGCONT, SIGCHLD, SIGWINCH, SIGURG, SIGTTIN, SIGTTOU, SIGABRT,
            SIGTRAP, SIGSYS,
        ] {
            assert!(!stop.contains(&sig), "{sig} stops the session");
        }
        // signal-hook can register every one of them.
        for sig in &stop {
            assert!(!signal_hook::consts::FORBIDDEN.contains(sig), "{sig}");
        }
        assert_eq!(signal_status(SIGQUIT), 131);
    }

    #[test]
    fn lines_that_arrive_in_one_read_are_each_a_line() {
        let (msgs, pending) = read_all(&b"\n\n\n\n\n"[..]);
        assert_eq!(msgs.iter().filter(|m| **m == Arrival::Line).count(), 5);
        assert_eq!(msgs.last(), Some(&Arrival::InputClosed));
        assert_eq!(pending, 5);
    }

    #[test]
    fn a_last_line_without_its_newline_counts() {
        let (msgs, pending) = read_all(&b"lifted\nlifted"[..]);
        assert_eq!(msgs, [Arrival::Line, Arrival::Line, Arrival::InputClosed]);
        assert_eq!(pending, 2);
        assert_eq!(read_all(&b""[..]), (vec![Arrival::InputClosed], 0));
    }

    #[test]
    fn endless_input_without_a_newline_is_not_lines_and_reading_stops() {
        // /dev/zero: this returns rather than read into one line forever.
        let (msgs, pending) = read_all(io::repeat(0));
        assert_eq!(msgs, [Arrival::NotLines]);
        assert_eq!(pending, 0);
        // Lines before the garbage still count.
        let input = b"a\nb\n".chain(io::repeat(b'x'));
        let (msgs, pending) = read_all(input);
        assert_eq!(msgs, [Arrival::Line, Arrival::Line, Arrival::NotLines]);
        assert_eq!(pending, 2);
    }

    #[test]
    fn a_line_may_be_as_long_as_the_bound_and_no_longer() {
        let mut counter = LineCounter::default();
        assert_eq!(counter.feed(&[b'x'; MAX_LINE - 1]), Ok(0));
        assert_eq!(counter.feed(b"x\ny"), Ok(1), "4096 bytes and a newline");
        assert_eq!(counter.feed(&[b'x'; MAX_LINE - 1]), Ok(0));
        assert_eq!(counter.feed(b"x"), Err(NotLines), "4097 bytes");
        let mut counter = LineCounter::default();
        assert_eq!(counter.feed(b"a\r\nb\n\nc"), Ok(3));
        assert_eq!(counter.finish(), Some(Line::Lift), "c is left");
        assert_eq!(counter.finish(), None);
    }

    #[test]
    fn lines_are_taken_one_at_a_time_in_the_order_they_came() {
        let lines = Lines::default();
        assert_eq!(lines.take(), None);
        assert!(lines.push(Line::Lift));
        assert!(lines.push(Line::EndSet));
        assert!(lines.push(Line::Lift));
        assert_eq!(lines.pending(), 3);
        assert_eq!(lines.first(), Some(Line::Lift), "first is left in place");
        assert_eq!(lines.take(), Some(Line::Lift));
        assert_eq!(lines.take(), Some(Line::EndSet));
        assert_eq!(lines.take(), Some(Line::Lift));
        assert_eq!(lines.take(), None);
    }

    #[test]
    fn past_the_bound_lift_lines_are_dropped_and_an_f_still_gets_through() {
        // 70 lift lines, then f: reading never stops, the six lift lines
        // past the bound are dropped, and the f is kept after the rest.
        let mut input = vec![b'\n'; 70];
        input.extend_from_slice(b"f\n");
        let (msgs, pending) = read_all(&input[..]);
        assert_eq!(msgs.last(), Some(&Arrival::InputClosed));
        assert_eq!(
            msgs.iter().filter(|m| **m == Arrival::Line).count(),
            MAX_QUEUED + 1
        );
        assert_eq!(pending, MAX_QUEUED + 1);
        let lines = Lines::default();
        for _ in 0..MAX_QUEUED {
            assert!(lines.push(Line::Lift));
        }
        assert!(!lines.push(Line::Lift), "a lift line past the bound");
        assert!(lines.push(Line::EndSet), "f always has room");
        for _ in 0..MAX_QUEUED {
            assert_eq!(lines.take(), Some(Line::Lift));
        }
        assert_eq!(lines.take(), Some(Line::EndSet));
        // Memory stays bounded even for endless f's behind the bound.
        for _ in 0..10 * MAX_QUEUED {
            lines.push(Line::EndSet);
        }
        assert_eq!(lines.pending(), 2 * MAX_QUEUED);
    }

    #[test]
    fn a_line_f_ends_the_set_and_any_other_is_a_lift() {
        let mut counter = LineCounter::default();
        assert_eq!(
            counter.lines(b"f\n F \n\nff\nfoo\n\tf"),
            Ok(vec![
                Line::EndSet,
                Line::EndSet,
                Line::Lift,
                Line::Lift,
                Line::Lift
            ])
        );
        assert_eq!(counter.finish(), Some(Line::EndSet));
        let (msgs, waiting) = read_all(&b"\nf\n\n"[..]);
        assert_eq!(
            msgs,
            [
                Arrival::Line,
                Arrival::Line,
                Arrival::Line,
                Arrival::InputClosed
            ],
            "every line waits, in order, f among them"
        );
        assert_eq!(waiting, 3);
    }
}
