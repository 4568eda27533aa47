//! What the view shows, measured: the phase's word, the count in the big
//! digits, how much of the bar and the gauge is filled, and when the next
//! cell changes (so the app redraws exactly then, not on a timer).

use std::time::Duration;

use crate::timing::units::duration;

use crate::timing::engine::Status;
use crate::timing::plan::Phase;

use super::GAUGE_SPAN_MS;

/// The big word for a phase.
pub(crate) fn phase_word(phase: Phase) -> &'static str {
    match phase {
        Phase::CountIn => "GET READY",
        Phase::Lift => "LIFT",
        Phase::TopPause | Phase::BottomPause => "HOLD",
        Phase::Lower => "LOWER",
        Phase::Rest => "REST",
        Phase::Changeover => "NEXT",
        Phase::Done => "DONE",
    }
}

/// Whole seconds as the countdown shows them: `7`, `59`, `1:30`.
pub fn clock(secs: u64) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}

/// The layout facts that decide when the picture changes: the progress
/// bar's width, the TUT gauge's width, and whether the TUT line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cells {
    /// Cells of the phase progress bar (0 if not drawn).
    pub bar: u16,
    /// Cells of the TUT gauge (0 if not drawn).
    pub gauge: u16,
    /// Whether the TUT line (its whole seconds) is on screen.
    pub tut: bool,
}

/// The countdown's whole seconds (rounded up, so it reads 4, 3, 2, 1 and
/// changes on each whole second before the phase ends), or `None` when
/// nothing counts down.
pub(crate) fn count_secs(status: &Status) -> Option<u64> {
    if status.waiting || status.step.phase == Phase::Done {
        return None;
    }
    Some(status.remaining_ms.div_ceil(1000))
}

/// Whole seconds into a lowering (the count shown changes on them), or
/// `None` in any other phase.
pub(crate) fn lowering_second(status: &Status) -> Option<u64> {
    (status.step.phase == Phase::Lower && !status.waiting).then_some(status.elapsed_ms / 1000)
}

/// The progress bar moves in at most this many steps per second of a
/// phase: smooth to the eye, and it bounds how often the bar alone
/// makes the screen redraw.
pub(crate) const BAR_STEPS_PER_SEC: u16 = 4;

/// The steps a `width`-cell bar takes through a phase of `len` ms: one
/// per cell, or fewer for a short phase.
fn bar_steps(len: u64, width: u16) -> u16 {
    let by_time = len * u64::from(BAR_STEPS_PER_SEC) / 1000;
    u16::try_from(by_time)
        .unwrap_or(u16::MAX)
        .clamp(1, width.max(1))
}

/// Filled cells of a `width`-cell bar through the current phase.
pub(crate) fn bar_filled(status: &Status, width: u16) -> u16 {
    let len = status.elapsed_ms + status.remaining_ms;
    if len == 0 {
        return width;
    }
    let steps = bar_steps(len, width);
    let step = status.elapsed_ms * u64::from(steps) / len;
    let filled = step * u64::from(width) / u64::from(steps);
    u16::try_from(filled).unwrap_or(width).min(width)
}

/// Filled cells of a `width`-cell gauge of time under tension.
pub(crate) fn gauge_filled(tut_ms: u64, width: u16) -> u16 {
    let filled = tut_ms * u64::from(width) / GAUGE_SPAN_MS;
    u16::try_from(filled).unwrap_or(width).min(width)
}

/// Everything on screen that moves with time, as numbers: equal marks
/// mean an identical picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// The countdown's seconds.
    pub count: Option<u64>,
    /// The lowering's whole seconds, where its count is shown.
    pub second: Option<u64>,
    /// Filled cells of the progress bar.
    pub bar: u16,
    /// Whole seconds of TUT, if shown.
    pub tut: Option<u64>,
    /// Filled cells of the TUT gauge.
    pub gauge: u16,
}

/// The marks of `status` with the layout `cells`.
pub fn marks(status: &Status, cells: Cells) -> Marks {
    Marks {
        count: count_secs(status),
        second: lowering_second(status),
        bar: bar_filled(status, cells.bar),
        tut: cells.tut.then_some(status.set_tut_ms / 1000),
        gauge: gauge_filled(status.set_tut_ms, cells.gauge),
    }
}

/// The smallest `d > t` at which `floor(d · cells / len)` exceeds its
/// value at `t` (all in ms), or `None` once the last cell is reached.
fn next_cell(t: u64, len: u64, cells: u16) -> Option<u64> {
    if len == 0 || cells == 0 {
        return None;
    }
    let cells = u64::from(cells);
    let filled = t * cells / len;
    (filled < cells).then(|| ((filled + 1) * len).div_ceil(cells))
}

/// How long after the instant of `status` the picture next changes by
/// itself (a countdown second, a bar cell, a TUT second or gauge cell),
/// or `None` if it will not (paused, waiting, done). The engine's own
/// deadlines (phase ends) come on top of this.
pub(crate) fn next_change(status: &Status, cells: Cells) -> Option<Duration> {
    if status.paused || status.waiting || status.step.phase == Phase::Done {
        return None;
    }
    let e = status.elapsed_ms;
    let len = e + status.remaining_ms;
    let mut due: Vec<u64> = Vec::new();
    if let Some(secs) = count_secs(status).filter(|&s| s > 0) {
        // The count drops to secs - 1 when that much is left.
        let left = (secs - 1) * 1000;
        due.push(status.remaining_ms.saturating_sub(left));
    }
    if lowering_second(status).is_some() {
        // The lowering's count changes on its whole seconds.
        due.push(1000 - e % 1000);
    }
    if cells.bar > 0
        && let Some(at) = next_cell(e, len, bar_steps(len, cells.bar))
    {
        due.push(at - e);
    }
    if status.step.under_tension() {
        let tut = status.set_tut_ms;
        if cells.tut {
            due.push((tut / 1000 + 1) * 1000 - tut);
        }
        let span = GAUGE_SPAN_MS;
        if let Some(at) = next_cell(tut, span, cells.gauge) {
            due.push(at - tut);
        }
    }
    due.into_iter().filter(|&d| d > 0).min().map(duration)
}
