//! The small lines of the full-screen view, under the band: what comes
//! next, the hint, the notices, the TUT gauge, the keys at the foot, and
//! the key help drawn over everything.

use super::*;

impl View {
    pub(super) fn next_text(&self) -> Option<String> {
        let s = &self.status;
        if let Some((_, line)) = &self.next_block {
            return Some(line.clone());
        }
        if s.step.phase == Phase::Rest {
            return Some(format!(
                "next: set {}/{}",
                s.step.set.saturating_add(1),
                self.sets
            ));
        }
        let n = s.next?;
        let next = match n.phase {
            Phase::Done => "next: done".to_string(),
            _ if n.manual => "next: PARTNER LIFTS".to_string(),
            Phase::CountIn => format!("next: GET READY {} s", fmt_secs(n.ms)),
            phase => format!("next: {} {} s", phase_word(phase), fmt_secs(n.ms)),
        };
        // The big number counts the lowering; the seconds left stay here.
        Some(match count_secs(s) {
            Some(left) if measure::lowering_second(s).is_some() => {
                format!("{left} s left · {next}")
            }
            _ => next,
        })
    }

    pub(super) fn hint(&self) -> Option<String> {
        if self.asking_quit {
            let quit = self
                .keys
                .first(keys::Binding::Quit)
                .unwrap_or_else(|| "q".into());
            return Some(format!(
                "quit? {quit} again to leave, any other key to go on"
            ));
        }
        if self.status.paused {
            let phase = if self.status.waiting {
                "PARTNER LIFTS"
            } else {
                phase_word(self.status.step.phase)
            };
            Some(format!("paused in {phase} · space resumes"))
        } else if self.status.waiting {
            Some("any key when the partner has lifted".to_string())
        } else if self.status.step.partner {
            Some("a key starts the lowering now".to_string())
        } else {
            None
        }
    }

    /// The small lines under the band; notices (the coaching line) are
    /// wrapped to `width`, so none is cut off mid-sentence.
    pub(super) fn info_lines(&self, width: u16) -> Vec<Info> {
        let mut out = Vec::new();
        let logged = self
            .logged
            .as_ref()
            .map(|line| Info::Text(line.clone(), Style::default().add_modifier(Modifier::BOLD)));
        if let Some(summary) = &self.summary {
            for line in summary_text(summary).lines() {
                out.push(Info::Text(line.to_string(), Style::default()));
            }
            out.extend(logged);
            out.push(Info::Text(
                "press any key to leave".to_string(),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            return out;
        }
        if let Some(hint) = self.hint() {
            out.push(Info::Text(
                hint,
                Style::default().add_modifier(Modifier::BOLD),
            ));
        }
        if let Some(next) = self.next_text() {
            out.push(Info::Text(next, Style::default()));
        }
        out.extend(logged);
        if self.status.step.phase != Phase::Done {
            out.push(Info::Tut);
        }
        if let Some(note) = &self.note {
            out.push(Info::Text(
                note.clone(),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ));
        }
        // A 2-column margin each side, as `put` leaves.
        let room = usize::from(width.saturating_sub(4)).max(10);
        for notice in &self.notices {
            for line in wrap(notice, room) {
                out.push(Info::Text(line, Style::default()));
            }
        }
        out
    }

    /// The keys at the foot of the screen, as bound: the long list where
    /// it fits, else the short one, else none.
    pub(super) fn footer_text(&self, width: u16) -> String {
        use keys::Binding::{EndSet, Help, Mute, Next, Pause, Quit, Restart};
        if self.summary.is_some() {
            return String::new();
        }
        let list = |what: &[(keys::Binding, &str)]| {
            what.iter()
                .filter_map(|(b, does)| self.keys.first(*b).map(|k| format!("{k} {does}")))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        // After a set, the line above names the keys that correct it: the
        // set's end means nothing until the next one, and `r` does the set
        // just done again.
        let long = if self.logged.is_some() {
            list(&[
                (Pause, "pause"),
                (Next, "next"),
                (Restart, "redo"),
                (Mute, "mute"),
                (Help, "help"),
                (Quit, "quit"),
            ])
        } else {
            list(&[
                (Pause, "pause"),
                (Next, "next"),
                (EndSet, "set ends"),
                (Restart, "restart"),
                (Mute, "mute"),
                (Help, "help"),
                (Quit, "quit"),
            ])
        };
        let short = list(&[(Pause, "pause"), (Help, "help"), (Quit, "quit")]);
        [long, short]
            .into_iter()
            .find(|t| t.chars().count() <= usize::from(width))
            .unwrap_or_default()
    }

    pub(super) fn render_info(&self, parts: &Parts, buf: &mut Buffer) {
        let area = parts.info;
        for (row, info) in self.info_lines(area.width).into_iter().enumerate() {
            let Ok(row) = u16::try_from(row) else { break };
            if row >= area.height {
                break;
            }
            match info {
                Info::Text(text, style) => put(buf, area, row, &text, self.paint(style), false),
                Info::Tut => self.render_tut(area, row, parts.gauge, buf),
            }
        }
    }

    pub(super) fn render_tut(&self, area: Rect, row: u16, gauge: u16, buf: &mut Buffer) {
        let tut_ms = self.status.set_tut_ms;
        let (lo, hi) = TUT_BAND_MS;
        let (verdict, colour) = if tut_ms < lo {
            ("below", Color::Yellow)
        } else if tut_ms <= hi {
            ("in", Color::Green)
        } else {
            ("above", Color::Red)
        };
        let head = format!("TUT {} s ", tut_ms / 1000);
        let tail = format!(" {verdict} {}-{} s", lo / 1000, hi / 1000);
        let y = area.y + row;
        let mut x = area.x + 2;
        let right = area.right();
        let plain = self.paint(Style::default());
        let (nx, _) = buf.set_stringn(x, y, &head, usize::from(right.saturating_sub(x)), plain);
        x = nx;
        let filled = gauge_filled(self.status.set_tut_ms, gauge);
        for i in 0..gauge {
            if x >= right {
                break;
            }
            let start_ms = u64::from(i) * GAUGE_SPAN_MS / u64::from(gauge);
            let (symbol, style) = if i < filled {
                ("█", self.paint(Style::default().fg(colour)))
            } else if (lo..hi).contains(&start_ms) {
                ("░", self.paint(Style::default().fg(Color::Green)))
            } else {
                ("·", plain)
            };
            if let Some(cell) = buf.cell_mut(Position::new(x, y)) {
                cell.set_symbol(symbol).set_style(style);
            }
            x += 1;
        }
        buf.set_stringn(x, y, &tail, usize::from(right.saturating_sub(x)), plain);
    }

    pub(super) fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let style = self.paint(Style::default().add_modifier(Modifier::DIM));
        put(buf, area, 0, &self.footer_text(area.width), style, false);
    }

    pub(super) fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let help = self.keys.help();
        let key_w = help
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let lines: Vec<String> = help
            .iter()
            .map(|(k, what)| format!("{k:<key_w$}  {what}"))
            .collect();
        let text_w = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        // Two for the borders, two of indent, two of air on the right.
        let w = u16::try_from(text_w + 6)
            .unwrap_or(u16::MAX)
            .min(area.width);
        let h = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let rect = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        );
        Clear.render(rect, buf);
        let style = self.paint(Style::default().fg(Color::White).bg(Color::Black));
        let block = Block::bordered().title(" keys ").style(style);
        let inner = block.inner(rect);
        block.render(rect, buf);
        for (row, line) in lines.iter().enumerate() {
            let Ok(row) = u16::try_from(row) else { break };
            if row >= inner.height {
                break;
            }
            put(buf, inner, row, line, style, false);
        }
    }
}
