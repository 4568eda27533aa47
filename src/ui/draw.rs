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

/// Lays out the word above the countdown in `area`: the countdown as big
/// as it can be while the word stays at least half its size; failing that
/// any big word; then the word as text; then both as text.
pub(super) fn place(area: Rect, word: &str, count: Option<&str>) -> (Place, Option<Place>) {
    let (w, h) = (area.width, area.height);
    let Some(count) = count else {
        return match big::fit(word, w, h, u16::MAX) {
            Some(scale) => {
                let top = (h - scale.size(word).1) / 2;
                (centred(area, word, scale, top), None)
            }
            None => (text_row(area, h / 2), None),
        };
    };
    let max_sd = h / big::HEIGHT;
    for balanced in [true, false] {
        for sd in (1..=max_sd).rev() {
            let Some(ds) = digits_at(count, w, sd) else {
                continue;
            };
            let rem = h.saturating_sub(sd * big::HEIGHT + 1);
            let Some(ws) = big::fit(word, w, rem, sd) else {
                continue;
            };
            if balanced && ws.sy * 2 < sd {
                continue;
            }
            let used = (ws.sy + sd) * big::HEIGHT + 1;
            let top = (h - used) / 2;
            let word_place = centred(area, word, ws, top);
            let count_place = centred(area, count, ds, top + ws.sy * big::HEIGHT + 1);
            return (word_place, Some(count_place));
        }
    }
    for sd in (1..=h.saturating_sub(1) / big::HEIGHT).rev() {
        if let Some(ds) = digits_at(count, w, sd) {
            let used = sd * big::HEIGHT + 1;
            let top = (h - used) / 2;
            return (text_row(area, top), Some(centred(area, count, ds, top + 1)));
        }
    }
    if h >= 2 {
        let top = (h - 2) / 2;
        (text_row(area, top), Some(text_row(area, top + 1)))
    } else {
        // One row: the word and the count share it.
        (text_row(area, 0), None)
    }
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
