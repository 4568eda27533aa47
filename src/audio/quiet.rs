//! Standard error, kept off the terminal while it must not be written
//! over: ALSA, JACK and PulseAudio print there while a sound device opens
//! or fails, and nothing may scribble over the full-screen view.
//!
//! One of two modules with `unsafe` code: `dup`/`dup2` on fd 2 (the other
//! is `render`'s free-space query). On other systems than Unix (Windows:
//! no ALSA, and its sound APIs do not print) it does nothing.

#[cfg(unix)]
use std::sync::atomic::{AtomicI32, Ordering};

/// The real stderr while it is redirected (-1 when it is not).
#[cfg(unix)]
static SAVED: AtomicI32 = AtomicI32::new(-1);

/// Points fd 2 at /dev/null until [`restore_stderr`] (or the guard's drop).
/// Returns `None` if it could not, or if stderr is already redirected.
#[cfg(unix)]
pub(crate) fn silence_stderr() -> Option<Silenced> {
    // SAFETY: dup, open, dup2 and close on file descriptors this function
    // owns; on any failure everything opened is closed and fd 2 is left as
    // it was.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if null < 0 {
            return None;
        }
        let saved = libc::dup(2);
        if saved < 0
            || SAVED
                .compare_exchange(-1, saved, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
        {
            if saved >= 0 {
                libc::close(saved);
            }
            libc::close(null);
            return None;
        }
        libc::dup2(null, 2);
        libc::close(null);
    }
    Some(Silenced(()))
}

/// Stderr is left as it is where there is nothing to silence.
#[cfg(not(unix))]
pub(crate) fn silence_stderr() -> Option<Silenced> {
    None
}

/// Puts the real stderr back, if it was redirected. Safe to call from a
/// panic hook and more than once.
#[cfg(not(unix))]
pub(crate) fn restore_stderr() {}

/// Puts the real stderr back, if it was redirected. Safe to call from a
/// panic hook and more than once.
#[cfg(unix)]
pub(crate) fn restore_stderr() {
    let saved = SAVED.swap(-1, Ordering::AcqRel);
    if saved >= 0 {
        // SAFETY: `saved` is the duplicate of fd 2 made by silence_stderr
        // and owned by nobody else (it was swapped out of SAVED).
        unsafe {
            libc::dup2(saved, 2);
            libc::close(saved);
        }
    }
}

/// Stderr is silenced while this lives.
#[derive(Debug)]
pub(crate) struct Silenced(());

impl Drop for Silenced {
    fn drop(&mut self) {
        restore_stderr();
    }
}

/// Runs `f` with stderr silenced (unless it already is).
pub fn quiet<T>(f: impl FnOnce() -> T) -> T {
    let _guard = silence_stderr();
    f()
}
