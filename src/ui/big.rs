//! Big glyphs drawn with full blocks, for reading from across the room.
//!
//! Each glyph is five "pixels" tall on a small grid of our own. A pixel is
//! drawn as `sx` columns by `sy` rows of `█`, so the same text scales from
//! 5 rows on a laptop's 80×24 terminal to most of a large screen. Only the
//! characters the view needs are here: digits, `:`, `-`, `/`, `.`, `+`, a
//! space and the letters A-Z (phase words, exercise names and loads).

/// Glyph height in pixels.
pub(crate) const HEIGHT: u16 = 5;

/// The pixel rows of `c`, or `None` when there is no big glyph for it.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["####", "#  #", "#  #", "#  #", "####"],
        '1' => [" ## ", "  # ", "  # ", "  # ", " ###"],
        '2' => ["####", "   #", "####", "#   ", "####"],
        '3' => ["####", "   #", " ###", "   #", "####"],
        '4' => ["#  #", "#  #", "####", "   #", "   #"],
        '5' => ["####", "#   ", "####", "   #", "####"],
        '6' => ["####", "#   ", "####", "#  #", "####"],
        '7' => ["####", "   #", "  # ", " #  ", " #  "],
        '8' => ["####", "#  #", "####", "#  #", "####"],
        '9' => ["####", "#  #", "####", "   #", "####"],
        ':' => [" ", "#", " ", "#", " "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        '/' => ["   #", "  # ", " #  ", "#   ", "    "],
        '.' => [" ", " ", " ", " ", "#"],
        '+' => ["   ", " # ", "###", " # ", "   "],
        'A' => [" ## ", "#  #", "####", "#  #", "#  #"],
        'B' => ["### ", "#  #", "### ", "#  #", "### "],
        'C' => [" ###", "#   ", "#   ", "#   ", " ###"],
        'D' => ["### ", "#  #", "#  #", "#  #", "### "],
        'E' => ["####", "#   ", "### ", "#   ", "####"],
        'F' => ["####", "#   ", "### ", "#   ", "#   "],
        'G' => [" ###", "#   ", "# ##", "#  #", " ###"],
        'H' => ["#  #", "#  #", "####", "#  #", "#  #"],
        'I' => ["###", " # ", " # ", " # ", "###"],
        'J' => ["   #", "   #", "   #", "#  #", " ## "],
        'K' => ["#  #", "# # ", "##  ", "# # ", "#  #"],
        'L' => ["#   ", "#   ", "#   ", "#   ", "####"],
        'M' => ["#   #", "## ##", "# # #", "#   #", "#   #"],
        'N' => ["#  #", "## #", "# ##", "#  #", "#  #"],
        'O' => [" ## ", "#  #", "#  #", "#  #", " ## "],
        'P' => ["### ", "#  #", "### ", "#   ", "#   "],
        'Q' => [" ## ", "#  #", "#  #", "# ##", " ###"],
        'R' => ["### ", "#  #", "### ", "# # ", "#  #"],
        'S' => [" ###", "#   ", " ## ", "   #", "### "],
        'T' => ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        'U' => ["#  #", "#  #", "#  #", "#  #", " ## "],
        'V' => ["#   #", "#   #", "#   #", " # # ", "  #  "],
        'W' => ["#   #", "#   #", "# # #", "## ##", "#   #"],
        'X' => ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        'Y' => ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        'Z' => ["####", "   #", "  # ", " #  ", "####"],
        _ => return None,
    })
}

/// Whether every character of `text` has a big glyph.
pub(crate) fn supports(text: &str) -> bool {
    text.chars().all(|c| glyph(c).is_some())
}

/// The pixel rows of `text`: glyphs side by side, one blank pixel column
/// between them. `None` if a character has no glyph.
pub(crate) fn pixels(text: &str) -> Option<[String; 5]> {
    let mut rows: [String; 5] = Default::default();
    for (i, c) in text.chars().enumerate() {
        let g = glyph(c)?;
        for (row, part) in rows.iter_mut().zip(g) {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(part);
        }
    }
    Some(rows)
}

/// Width of `text` in pixels (0 if a character has no glyph).
pub(crate) fn pixel_width(text: &str) -> u16 {
    pixels(text).map_or(0, |rows| {
        u16::try_from(rows[0].chars().count()).unwrap_or(u16::MAX)
    })
}

/// A pixel's size in terminal cells: `sx` columns by `sy` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Columns per pixel.
    pub sx: u16,
    /// Rows per pixel.
    pub sy: u16,
}

impl Scale {
    /// The size of `text` at this scale, in cells: (columns, rows).
    pub fn size(self, text: &str) -> (u16, u16) {
        (
            pixel_width(text).saturating_mul(self.sx),
            HEIGHT.saturating_mul(self.sy),
        )
    }
}

/// The largest scale at which `text` fits in `width` × `height` cells, with
/// `sy` at most `max_sy`. Terminal cells are about twice as tall as wide,
/// so a pixel is two columns per row when there is room, narrowing to one
/// column per row before the text gets shorter.
pub(crate) fn fit(text: &str, width: u16, height: u16, max_sy: u16) -> Option<Scale> {
    let w = pixel_width(text);
    if w == 0 {
        return None;
    }
    let max_sy = max_sy.min(height / HEIGHT);
    (1..=max_sy).rev().find_map(|sy| {
        let sx = (width / w).min(sy.saturating_mul(2));
        (sx >= sy).then_some(Scale { sx, sy })
    })
}

/// `text` drawn at `scale` as lines of `█` and spaces, for tests and
/// captures. `None` if a character has no glyph.
pub fn lines(text: &str, scale: Scale) -> Option<Vec<String>> {
    let rows = pixels(text)?;
    let mut out = Vec::new();
    for row in rows {
        let line: String = row
            .chars()
            .flat_map(|c| {
                let cell = if c == '#' { '█' } else { ' ' };
                std::iter::repeat_n(cell, usize::from(scale.sx))
            })
            .collect();
        for _ in 0..scale.sy {
            out.push(line.clone());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_word_and_digit_has_glyphs_of_five_rows() {
        for word in [
            "GET READY",
            "LIFT",
            "HOLD",
            "LOWER",
            "REST",
            "DONE",
            "PAUSED",
            "PARTNER LIFTS",
            "0123456789",
            "1:30",
        ] {
            let rows = pixels(word).expect(word);
            let w = rows[0].chars().count();
            assert!(rows.iter().all(|r| r.chars().count() == w), "{word}");
        }
        assert!(!supports("lower"));
    }

    #[test]
    fn fit_prefers_square_pixels_then_narrows() {
        // "12" is 9 pixels wide.
        assert_eq!(fit("12", 80, 10, 9), Some(Scale { sx: 4, sy: 2 }));
        assert_eq!(fit("12", 12, 5, 9), Some(Scale { sx: 1, sy: 1 }));
        assert_eq!(fit("12", 8, 5, 9), None);
        assert_eq!(fit("12", 80, 4, 9), None);
        assert_eq!(fit("12", 80, 60, 3), Some(Scale { sx: 6, sy: 3 }));
        assert_eq!(fit("?", 80, 60, 3), None);
    }

    #[test]
    fn lines_scale_each_pixel() {
        let l = lines("1", Scale { sx: 2, sy: 2 }).expect("glyph");
        assert_eq!(l.len(), 10);
        assert_eq!(l[0], "  ████  ");
        assert_eq!(l[1], l[0]);
    }
}
