//! A buffer printed as lines of text, with its colours as escape
//! sequences only when colour is on.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::text::width as width_of;

/// The SGR sequence that sets `style` from a reset.
fn sgr(fg: Color, bg: Color, modifier: Modifier) -> String {
    fn code(c: Color, base: u8) -> Option<String> {
        let named = |n: u8| Some((base + n).to_string());
        match c {
            Color::Reset => None,
            Color::Black => named(0),
            Color::Red => named(1),
            Color::Green => named(2),
            Color::Yellow => named(3),
            Color::Blue => named(4),
            Color::Magenta => named(5),
            Color::Cyan => named(6),
            Color::Gray => named(7),
            Color::DarkGray => Some((base + 60).to_string()),
            Color::LightRed => Some((base + 61).to_string()),
            Color::LightGreen => Some((base + 62).to_string()),
            Color::LightYellow => Some((base + 63).to_string()),
            Color::LightBlue => Some((base + 64).to_string()),
            Color::LightMagenta => Some((base + 65).to_string()),
            Color::LightCyan => Some((base + 66).to_string()),
            Color::White => Some((base + 67).to_string()),
            Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
            Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
        }
    }
    let mut codes = vec!["0".to_string()];
    for (m, c) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if modifier.contains(m) {
            codes.push(c.to_string());
        }
    }
    codes.extend(code(fg, 30));
    codes.extend(code(bg, 40));
    format!("\u{1b}[{}m", codes.join(";"))
}

/// `buf` as lines of text, each ending in a line end, without trailing
/// spaces; with the cells' colours and bold as escape sequences when
/// `colour` is on, plain text otherwise.
pub fn lines(buf: &Buffer, colour: bool) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let cells: Vec<_> = (area.left()..area.right()).map(|x| &buf[(x, y)]).collect();
        let end = cells
            .iter()
            .rposition(|c| c.symbol() != " " || (colour && c.bg != Color::Reset))
            .map_or(0, |i| i + 1);
        let mut now = (Color::Reset, Color::Reset, Modifier::empty());
        let mut skip = 0;
        for cell in &cells[..end] {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let style = (cell.fg, cell.bg, cell.modifier);
            if colour && style != now {
                out.push_str(&sgr(style.0, style.1, style.2));
                now = style;
            }
            out.push_str(cell.symbol());
            skip = width_of(cell.symbol()).saturating_sub(1);
        }
        if now != (Color::Reset, Color::Reset, Modifier::empty()) {
            out.push_str("\u{1b}[0m");
        }
        out.push('\n');
    }
    out
}
