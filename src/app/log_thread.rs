//! The training log written from a thread of its own, so that the timing,
//! the view and the signals never wait on a file: a stalled network
//! drive holds up only this thread. The loop hands each set over and
//! goes on; the first write that fails comes back as a notice, and at the
//! end of a session [`LogWait::end`] gives the last rows a bounded time
//! to reach the file.

use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use crate::timing::units::{count, fmt_secs};
use crate::training::rows::Row;
use crate::training::store::LogWriter;

/// How long the end of a session waits for its last rows to be written.
pub(crate) const END_WAIT: Duration = Duration::from_secs(5);

/// One row to write.
#[derive(Debug)]
struct Job {
    row: Row,
}

/// What appends a line: the log's writer, or a test's stand-in. It says
/// why, if it could not.
type Write = Box<dyn FnMut(&Job) -> Result<(), String> + Send>;

/// What the thread and the loop share.
#[derive(Debug, Default)]
struct State {
    /// Rows handed over and not yet written (or failed).
    pending: usize,
    /// The first failure's notice: the one place it is kept.
    notice: Option<String>,
    /// Whether the notice was taken (shown).
    taken: bool,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    idle: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Writes a live session's sets from its own thread; see the module.
pub(crate) struct LogThread {
    /// The queue to the thread; `None` if it could not be started, when
    /// each row is written where it is handed over.
    queue: Option<Sender<Job>>,
    write: Arc<Mutex<Write>>,
    shared: Arc<Shared>,
    path: PathBuf,
}

impl std::fmt::Debug for LogThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogThread")
            .field("threaded", &self.queue.is_some())
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl LogThread {
    /// Starts the thread that appends with `writer`. If the system cannot
    /// start a thread, each row is written where it is handed over.
    pub fn start(writer: LogWriter) -> LogThread {
        let path = writer.path().to_path_buf();
        let shown = path.display().to_string();
        LogThread::with(
            path,
            Box::new(move |job: &Job| {
                writer
                    .append_row(&job.row)
                    .map_err(|e| format!("training log not written: {shown}: {e}"))
            }),
        )
    }

    fn with(path: PathBuf, write: Write) -> LogThread {
        let shared = Arc::new(Shared::default());
        let write = Arc::new(Mutex::new(write));
        let (tx, rx) = mpsc::channel::<Job>();
        let (theirs, their_write) = (Arc::clone(&shared), Arc::clone(&write));
        let spawned = thread::Builder::new()
            .name("training-log".into())
            .spawn(move || {
                for job in rx {
                    let result = their_write.lock().unwrap_or_else(PoisonError::into_inner)(&job);
                    done(&theirs, result);
                }
            });
        let queue = match spawned {
            Ok(_) => Some(tx),
            Err(e) => {
                log::warn!("no thread for the training log ({e}): rows are written inline");
                None
            }
        };
        LogThread {
            queue,
            write,
            shared,
            path,
        }
    }

    /// Hands over `row`, built whole ([`Row::of_set`]); returns at once.
    /// The thread only appends its line.
    pub fn write(&mut self, row: &Row) {
        self.shared.lock().pending += 1;
        let job = Job { row: row.clone() };
        let job = match &self.queue {
            Some(queue) => match queue.send(job) {
                Ok(()) => return,
                // The thread is gone (it cannot be, short of a panic):
                // write here rather than lose the row.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let result = self.write.lock().unwrap_or_else(PoisonError::into_inner)(&job);
        done(&self.shared, result);
    }

    /// The notice of the first write that failed, once.
    pub fn notice(&mut self) -> Option<String> {
        let mut state = self.shared.lock();
        if state.taken {
            return None;
        }
        let notice = state.notice.clone()?;
        state.taken = true;
        Some(notice)
    }

    /// A handle to wait for the rows handed over so far.
    pub(crate) fn waiter(&self) -> LogWait {
        LogWait {
            shared: Arc::clone(&self.shared),
            path: self.path.clone(),
        }
    }
}

/// One row written, or not (`Err` says why): the first failure is kept
/// as the notice to show, with the file's path.
fn done(shared: &Shared, result: Result<(), String>) {
    let mut state = shared.lock();
    state.pending = state.pending.saturating_sub(1);
    if let (Err(why), None) = (result, &state.notice) {
        state.notice = Some(why);
    }
    shared.idle.notify_all();
}

/// Waits for a [`LogThread`]'s rows; see [`LogWait::end`].
#[derive(Debug, Clone)]
pub(crate) struct LogWait {
    shared: Arc<Shared>,
    path: PathBuf,
}

impl LogWait {
    /// Waits until every row handed over so far is written (or failed),
    /// at most `limit`; whether they all were.
    pub(crate) fn settle(&self, limit: Duration) -> bool {
        let guard = self.shared.lock();
        let (state, _) = self
            .shared
            .idle
            .wait_timeout_while(guard, limit, |s| s.pending > 0)
            .unwrap_or_else(PoisonError::into_inner);
        state.pending == 0
    }

    /// Whether any row handed over is not in the file: a write failed, or
    /// one has not yet been made.
    pub fn lost(&self) -> bool {
        let state = self.shared.lock();
        state.pending > 0 || state.notice.is_some()
    }

    /// The end of a session: waits for the last rows, at most `limit`.
    /// `Err` is a line to show: how many rows the file did not take in
    /// time (the program then ends without them rather than hang), or the
    /// first failure if the session did not show it.
    pub fn end(&self, limit: Duration) -> Result<(), String> {
        self.settle(limit);
        let mut state = self.shared.lock();
        if state.pending > 0 {
            return Err(format!(
                "training log not written: {}: {} did not reach the file within {} s \
                 (a stalled network drive?); ending without {}",
                self.path.display(),
                count(state.pending as u64, "set"),
                fmt_secs(u32::try_from(limit.as_millis()).unwrap_or(u32::MAX)),
                if state.pending == 1 { "it" } else { "them" }
            ));
        }
        match state.notice.clone() {
            Some(notice) if !state.taken => {
                state.taken = true;
                Err(notice)
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::engine::{Attempt, SetSummary};
    use crate::training::rows::{Facts, SessionInfo, When};
    use crate::training::store;

    /// The row of set `n` of 2 reps at 3-0-1-0.
    fn set(n: u16) -> Row {
        let summary = SetSummary {
            block: 1,
            set: n,
            reps_planned: 2,
            reps_done: 2,
            tut_ms: 8000,
            lower_ms: 3000,
            open_ended: false,
            ended: None,
            attempt: Attempt::Planned,
        };
        let when = When::parse("2026-11-20T18:00:00+01:00").expect("when");
        let tempo = "3-0-1-0".parse().expect("tempo");
        Row::of_set(
            &summary,
            when,
            &tempo,
            &SessionInfo::default(),
            Facts::default(),
        )
    }

    #[test]
    fn rows_handed_over_are_written_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.csv");
        let mut log = LogThread::start(LogWriter::new(path.clone()));
        for n in 1..=3 {
            log.write(&set(n));
        }
        assert_eq!(log.waiter().end(Duration::from_secs(20)), Ok(()));
        let (rows, skipped) = store::read(&path).expect("read");
        assert_eq!(skipped, []);
        let sets: Vec<u16> = rows.iter().map(|r| r.set).collect();
        assert_eq!(sets, [1, 2, 3]);
        assert_eq!(log.notice(), None);
    }

    #[test]
    fn a_failure_is_one_notice_shown_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("file"), "").expect("file");
        let path = dir.path().join("file/log.csv");
        let mut log = LogThread::start(LogWriter::new(path.clone()));
        log.write(&set(1));
        log.write(&set(2));
        // Not shown during the session: the end says it.
        let end = log.waiter().end(Duration::from_secs(20));
        let want = format!("training log not written: {}: ", path.display());
        assert!(end.as_ref().is_err_and(|e| e.starts_with(&want)), "{end:?}");
        assert_eq!(log.notice(), None, "already said");
        assert_eq!(log.waiter().end(Duration::from_secs(1)), Ok(()));
    }

    /// A write that does not return (a stalled network drive): handing
    /// rows over does not wait for it, and the end waits only as long as
    /// it is told, then says how many rows did not make it.
    #[test]
    fn a_write_that_blocks_holds_up_nothing_but_its_thread() {
        let (release, blocked) = mpsc::channel::<()>();
        let blocked = Mutex::new(blocked);
        let mut log = LogThread::with(
            PathBuf::from("slow.csv"),
            Box::new(move |_: &Job| {
                let _ = blocked.lock().map(|rx| rx.recv());
                Ok(())
            }),
        );
        log.write(&set(1));
        log.write(&set(2));
        let end = log.waiter().end(Duration::from_millis(100));
        assert_eq!(
            end,
            Err(
                "training log not written: slow.csv: 2 sets did not reach the file within \
                 0.1 s (a stalled network drive?); ending without them"
                    .to_string()
            )
        );
        // The drive answers again: both rows go through.
        release.send(()).expect("release 1");
        release.send(()).expect("release 2");
        assert_eq!(log.waiter().end(Duration::from_secs(20)), Ok(()));
    }
}
