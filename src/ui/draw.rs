//! Placing and drawing: where the phase word and the countdown go at a
//! given size, and drawing big glyphs and lines of text into the buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::Place;
use super::big::{self, Scale};

/// The largest scale of the countdown `count` (at most `max_sy`) at
/// which it fits in `width` × `height`, at exactly that `sy`.
pub(super) fn digits_at(count: &str, width: u16, sy: u16) -> Option<Scale> {
    big::fit(count, width, sy.saturating_mul(big::HEIGHT), sy).filter(|s| s.sy == sy)
}

/// Where everything big goes: the word, the countdown, the rep beside
/// the countdown, and the line under it (the set and the load).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Layout {
    /// The phase word.
    pub word: Place,
    /// The countdown (the lowering's count).
    pub count: Option<Place>,
    /// The rep (`4/6`), beside the countdown.
    pub rep: Option<Place>,
    /// The line under the countdown (`SET 1/3 80KG`).
    pub extra: Option<Place>,
}

/// The columns between the countdown and the rep beside it.
const GAP: u16 = 4;

/// Lays out the word above the countdown in `area`: the countdown as big
/// as it can be while the word stays at least half its size, with the
/// line `extra` under it where it fits (smaller than the countdown); failing
/// that any big word; then the word as text; then both as text. The rep
/// goes beside the countdown, smaller than it, where there is room.
pub(super) fn place(
    area: Rect,
    word: &str,
    count: Option<&str>,
    rep: Option<&str>,
    extra: Option<&str>,
) -> Layout {
    let (w, h) = (area.width, area.height);
    let Some(count) = count else {
        let word = match big::fit(word, w, h, u16::MAX) {
            Some(scale) => {
                let top = (h - scale.size(word).1) / 2;
                centred(area, word, scale, top)
            }
            None => text_row(area, h / 2),
        };
        return Layout {
            word,
            ..Layout::default()
        };
    };
    let max_sd = h / big::HEIGHT;
    // The word, the countdown at `sd` and the line `below` under it (its
    // text and scale), if they fit; `balanced`: with the word at least
    // half the countdown.
    let attempt_at = |sd: u16, below: Option<(&str, Scale)>, balanced: bool| -> Option<Layout> {
        let ds = digits_at(count, w, sd)?;
        let below_h = below.map_or(0, |(_, es)| es.sy * big::HEIGHT + 1);
        let rem = h.checked_sub(sd * big::HEIGHT + 1 + below_h)?;
        let ws = big::fit(word, w, rem, sd)?;
        if balanced && ws.sy * 2 < sd {
            return None;
        }
        let used = (ws.sy + sd) * big::HEIGHT + 1 + below_h;
        let top = (h - used) / 2;
        let count_top = top + ws.sy * big::HEIGHT + 1;
        let (count_place, rep_place) = beside(area, count, ds, rep, count_top);
        Some(Layout {
            word: centred(area, word, ws, top),
            count: Some(count_place),
            rep: rep_place,
            extra: below
                .map(|(text, es)| centred(area, text, es, count_top + sd * big::HEIGHT + 1)),
        })
    };
    // With `extra` under the countdown, smaller than it: as big as leaves
    // room for the rest.
    let attempt = |sd: u16, extra: Option<&str>, balanced: bool| -> Option<Layout> {
        match extra {
            Some(text) => (1..sd).rev().find_map(|es| {
                let scale = digits_at(text, w, es)?;
                attempt_at(sd, Some((text, scale)), balanced)
            }),
            None => attempt_at(sd, None, balanced),
        }
    };
    // The countdown as big as it can be; the line under it where it fits
    // at that size or one step smaller (never the smallest).
    let best = [true, false].into_iter().find_map(|balanced| {
        (1..=max_sd)
            .rev()
            .find_map(|sd| attempt(sd, None, balanced).map(|l| (sd, balanced, l)))
    });
    if let Some((sd, balanced, layout)) = best {
        let with_extra = extra.and_then(|_| {
            [sd, sd.saturating_sub(1)]
                .into_iter()
                .filter(|s| *s >= 2)
                .find_map(|s| attempt(s, extra, balanced))
        });
        return with_extra.unwrap_or(layout);
    }
    for sd in (1..=h.saturating_sub(1) / big::HEIGHT).rev() {
        if let Some(ds) = digits_at(count, w, sd) {
            let used = sd * big::HEIGHT + 1;
            let top = (h - used) / 2;
            let (count_place, rep_place) = beside(area, count, ds, rep, top + 1);
            return Layout {
                word: text_row(area, top),
                count: Some(count_place),
                rep: rep_place,
                extra: None,
            };
        }
    }
    if h >= 2 {
        let top = (h - 2) / 2;
        Layout {
            word: text_row(area, top),
            count: Some(text_row(area, top + 1)),
            ..Layout::default()
        }
    } else {
        // One row: the word and the count share it.
        Layout {
            word: text_row(area, 0),
            ..Layout::default()
        }
    }
}

/// The countdown at `scale` on row `top` of `area`, and `rep` beside it,
/// centred on it, as big as fits while smaller than the countdown (as
/// tall, at the smallest size): the two centred as a pair. With no room for the rep,
/// the countdown alone, centred.
fn beside(
    area: Rect,
    count: &str,
    scale: Scale,
    rep: Option<&str>,
    top: u16,
) -> (Place, Option<Place>) {
    let alone = centred(area, count, scale, top);
    let Some(rep) = rep else {
        return (alone, None);
    };
    let (count_w, count_h) = scale.size(count);
    let room = area.width.saturating_sub(count_w + GAP);
    let most = scale.sy.saturating_sub(1).max(1);
    let Some(rs) = (1..=most).rev().find_map(|sy| digits_at(rep, room, sy)) else {
        return (alone, None);
    };
    let (rep_w, rep_h) = rs.size(rep);
    let x = area.x + area.width.saturating_sub(count_w + GAP + rep_w) / 2;
    let count_place = Place {
        rect: Rect::new(x, area.y + top, count_w, count_h),
        scale: Some(scale),
    };
    let rep_place = Place {
        rect: Rect::new(
            x + count_w + GAP,
            area.y + top + count_h.saturating_sub(rep_h) / 2,
            rep_w,
            rep_h,
        ),
        scale: Some(rs),
    };
    (count_place, Some(rep_place))
}

pub(super) fn centred(area: Rect, text: &str, scale: Scale, top: u16) -> Place {
    let (w, h) = scale.size(text);
    Place {
        rect: Rect::new(
            area.x + area.width.saturating_sub(w) / 2,
            area.y + top,
            w.min(area.width),
            h,
        ),
        scale: Some(scale),
    }
}

pub(super) fn text_row(area: Rect, row: u16) -> Place {
    Place {
        rect: Rect::new(area.x, area.y + row, area.width, u16::from(area.height > 0)),
        scale: None,
    }
}

pub(super) fn draw_place(buf: &mut Buffer, place: &Place, text: &str, style: Style) {
    match place.scale {
        Some(scale) => draw_big(buf, place.rect, text, scale, style),
        None if place.rect.height > 0 => put(buf, place.rect, 0, text, style, true),
        None => {}
    }
}

/// Draws `text` in big glyphs with its top left at `rect`'s, clipped to
/// `rect` and the buffer.
pub(super) fn draw_big(buf: &mut Buffer, rect: Rect, text: &str, scale: Scale, style: Style) {
    let Some(rows) = big::pixels(text) else {
        return;
    };
    let clip = rect.intersection(buf.area);
    for (py, row) in (0u16..).zip(rows.iter()) {
        for (px, pixel) in (0u16..).zip(row.chars()) {
            if pixel != '#' {
                continue;
            }
            for dy in 0..scale.sy {
                for dx in 0..scale.sx {
                    let x = rect
                        .x
                        .saturating_add(px.saturating_mul(scale.sx))
                        .saturating_add(dx);
                    let y = rect
                        .y
                        .saturating_add(py.saturating_mul(scale.sy))
                        .saturating_add(dy);
                    let pos = Position::new(x, y);
                    if clip.contains(pos)
                        && let Some(cell) = buf.cell_mut(pos)
                    {
                        cell.set_symbol("█").set_style(style);
                    }
                }
            }
        }
    }
}

/// Writes `text` on row `row` of `area`, centred or from the left (two
/// columns in), cut to fit.
pub(super) fn put(buf: &mut Buffer, area: Rect, row: u16, text: &str, style: Style, centre: bool) {
    if row >= area.height || area.width == 0 {
        return;
    }
    let len = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    let indent = if centre {
        area.width.saturating_sub(len) / 2
    } else {
        2.min(area.width.saturating_sub(1))
    };
    let x = area.x + indent;
    buf.set_stringn(
        x,
        area.y + row,
        text,
        usize::from(area.right().saturating_sub(x)),
        style,
    );
}
