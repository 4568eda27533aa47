//! The full-screen view: what a lifter sees from 1-3 m away.
//!
//! Pure: a [`View`] is built from fixed values (the engine's [`Status`] at
//! one instant, the session, a few flags) and rendered into a ratatui
//! buffer. Nothing here reads the clock, the environment or the terminal.
//! [`next_change`] tells the app loop when the picture will next change,
//! so it sleeps until exactly then instead of redrawing on a timer.

pub mod big;
mod draw;
pub mod keys;
mod lines;
mod measure;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use crate::present::plain::{self as text, summary_text};
use crate::timing::counting::Counting;
use crate::timing::engine::{Status, Summary};
use crate::timing::plan::{Phase, Session, TUT_BAND_MS};
use crate::timing::units::fmt_secs;
use crate::timing::workout::Workout;

use big::Scale;
use draw::{Layout, draw_place, place, put};
pub use measure::*;

/// How much time under tension the TUT gauge spans, in ms.
pub(crate) const GAUGE_SPAN_MS: u64 = 80_000;

/// Below this size only the phase and the seconds left are shown.
pub const TINY: (u16, u16) = (20, 5);

/// Everything the screen shows, at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Where the session stands.
    pub status: Status,
    /// Sets planned.
    pub sets: u16,
    /// Reps per set.
    pub reps: u16,
    /// The tempo now in force (the lowering may have been changed live).
    pub tempo: String,
    /// The exercise's name, if known.
    pub title: Option<String>,
    /// One-line notices (no audio device, a coaching line…).
    pub notices: Vec<String>,
    /// A short-lived line about the lifter's last change (the lowering).
    pub note: Option<String>,
    /// Sound is muted.
    pub muted: bool,
    /// Colours may be used (false when `NO_COLOR` is set).
    pub color: bool,
    /// The key help is shown over the view.
    pub help: bool,
    /// The session is over: what it amounted to (stays until a key).
    pub summary: Option<Summary>,
    /// Where the block stands in a workout of more than one: `block 2/4`.
    pub block: Option<String>,
    /// During a changeover: the next block's exercise (the big word) and
    /// what it is (tempo, sets × reps, load).
    pub next_block: Option<(String, String)>,
    /// "quit?" is asked.
    pub asking_quit: bool,
    /// Which way the lowering is counted: the big number during a
    /// lowering is the one the voice says.
    pub counting: Counting,
    /// The keys as bound (the built-in ones with the config's `[keys]`),
    /// as the footer and the help name them.
    pub keys: keys::Keymap,
    /// The load in force (the block's, else the session's), if given.
    pub load: Option<String>,
    /// During a changeover: the next block's sets × reps and load, as the
    /// big line shows them (`3X8 80KG`).
    pub next_sets: Option<String>,
    /// After a set, until the next: what was logged for it and the keys
    /// that correct it.
    pub logged: Option<String>,
}

impl View {
    /// A view of `status` in `session`, with no title, notices or flags.
    pub fn new(status: Status, session: &Session) -> View {
        let reps = session.reps_of(status.step.set);
        View {
            status,
            sets: session.sets,
            reps,
            tempo: session.tempo.to_string(),
            title: None,
            notices: Vec::new(),
            note: None,
            muted: false,
            color: true,
            help: false,
            summary: None,
            block: None,
            next_block: None,
            asking_quit: false,
            counting: Counting::Up,
            keys: keys::Keymap::default(),
            load: None,
            next_sets: None,
            logged: None,
        }
    }

    /// Labels the view with its place in `workout`: the block and its
    /// exercise (in a workout of more than one) and, during a changeover,
    /// what comes next.
    pub(crate) fn in_workout(mut self, workout: &Workout) -> View {
        let step = self.status.step;
        if workout.len() > 1 {
            self.block = Some(format!("block {}/{}", step.block, workout.len()));
            if let Some(exercise) = &workout.block(step.block).exercise {
                self.title = Some(exercise.clone());
            }
        }
        // In a rest, the load is the next set's: the bar being loaded.
        let set = match step.phase {
            Phase::Rest => step.set.saturating_add(1),
            _ => step.set,
        };
        if let Some(load) = workout.block(step.block).load_of(set) {
            self.load = Some(load.to_string());
        }
        if step.phase == Phase::Changeover {
            let next = step.block.saturating_add(1);
            let b = workout.block(next);
            let mut sets = format!("{}X{}", b.session.sets, b.session.reps_text());
            if let Some(load) = b.load_text() {
                sets.push_str(&format!(" {load}"));
            }
            self.next_sets = Some(sets);
            let word = workout
                .block(next)
                .exercise
                .as_deref()
                .map_or("NEXT".to_string(), str::to_uppercase);
            self.next_block = Some((word, format!("next: {}", text::next_block(workout, next))));
        }
        self
    }

    /// The big word: the phase, or PAUSED, PARTNER LIFTS, DONE, or during
    /// a changeover the next exercise.
    pub fn word(&self) -> String {
        let s = &self.status;
        if self.summary.is_some() || s.step.phase == Phase::Done {
            "DONE".to_string()
        } else if s.paused {
            "PAUSED".to_string()
        } else if s.waiting {
            "PARTNER LIFTS".to_string()
        } else if s.step.partner {
            "PARTNER".to_string()
        } else if let Some((word, _)) = &self.next_block {
            word.clone()
        } else {
            phase_word(s.step.phase).to_string()
        }
    }

    /// The big number as shown: during a lowering its count, the number
    /// the voice says ([`Counting`]); otherwise the seconds left (`7`,
    /// `1:30`). `None` when nothing counts (a partner's lift, the end).
    pub fn countdown(&self) -> Option<String> {
        if self.summary.is_some() {
            return None;
        }
        let s = &self.status;
        if measure::lowering_second(s).is_some() {
            let of = u32::try_from(s.elapsed_ms + s.remaining_ms).unwrap_or(u32::MAX);
            return Some(self.counting.shown(s.elapsed_ms, of).to_string());
        }
        let secs = count_secs(s).map(clock)?;
        // A changeover's big number is the time until the next block, and
        // says so: "IN 58", never a bare number that reads like reps.
        Some(if self.next_block.is_some() {
            format!("IN {secs}")
        } else {
            secs
        })
    }

    /// The rep in big glyphs beside the count during a set (`4/6`), or
    /// `None` outside a set.
    pub fn rep(&self) -> Option<String> {
        let s = &self.status;
        let in_set = s.step.rep >= 1 && s.step.phase != Phase::Done;
        (in_set && self.summary.is_none()).then(|| format!("{}/{}", s.step.rep, self.reps))
    }

    /// The line in big glyphs under the count: the set and the load
    /// (`SET 2/3 80KG`), at a changeover the next block's sets × reps and
    /// load; only what has big glyphs (a load that has none is left out).
    pub fn extra(&self) -> Option<String> {
        let s = &self.status;
        if self.summary.is_some() || s.step.phase == Phase::Done || s.waiting {
            return None;
        }
        let load = self
            .load
            .as_deref()
            .map(str::to_uppercase)
            .filter(|l| big::supports(l));
        if let Some(next) = &self.next_sets {
            let next = next.to_uppercase();
            return big::supports(&next).then_some(next);
        }
        let set = match s.step.phase {
            Phase::Rest => s.step.set.saturating_add(1),
            _ => s.step.set.max(1),
        };
        let mut line = format!("SET {set}/{}", self.sets);
        if let Some(load) = load {
            line.push_str(&format!(" {load}"));
        }
        Some(line)
    }

    /// What the loop needs to know of the layout at `area` to schedule
    /// the next redraw.
    pub(crate) fn cells(&self, area: Rect) -> Cells {
        let parts = self.parts(area);
        Cells {
            bar: parts.bar.width,
            gauge: parts.gauge,
            tut: parts.tut_shown,
        }
    }

    fn tone(&self) -> (Color, Color) {
        let s = &self.status;
        if self.summary.is_some() || s.step.phase == Phase::Done {
            (Color::Gray, Color::Black)
        } else if s.paused {
            (Color::DarkGray, Color::White)
        } else if s.waiting || (s.step.partner && s.step.phase == Phase::Lift) {
            // A partner's lift, timed or waiting: magenta, as the README
            // says, never the lifter's own blue.
            (Color::Magenta, Color::White)
        } else {
            match s.step.phase {
                Phase::CountIn => (Color::Cyan, Color::Black),
                Phase::Lift => (Color::Blue, Color::White),
                Phase::TopPause | Phase::BottomPause => (Color::Yellow, Color::Black),
                Phase::Lower => (Color::Red, Color::White),
                Phase::Rest | Phase::Changeover => (Color::Green, Color::Black),
                Phase::Done => (Color::Gray, Color::Black),
            }
        }
    }

    /// `style`, with its colours dropped when colours are off.
    fn paint(&self, style: Style) -> Style {
        if self.color {
            style
        } else {
            Style::default().add_modifier(style.add_modifier)
        }
    }

    fn band_style(&self) -> Style {
        let (bg, fg) = self.tone();
        self.paint(Style::default().bg(bg).fg(fg))
    }

    fn header_text(&self) -> String {
        let s = &self.status;
        let mut parts: Vec<String> = self.block.iter().cloned().collect();
        parts.extend(self.title.iter().cloned());
        let set = s.step.set.max(1);
        parts.push(match s.step.phase {
            Phase::Rest | Phase::Changeover => format!("set {set}/{} done", self.sets),
            _ if s.step.rep > self.reps => {
                format!("set {set}/{} · rep {} · to failure", self.sets, s.step.rep)
            }
            _ if s.step.rep >= 1 => {
                format!("set {set}/{} · rep {}/{}", self.sets, s.step.rep, self.reps)
            }
            _ => format!("set {set}/{}", self.sets),
        });
        parts.push(format!("tempo {}", self.tempo));
        parts.extend(self.load.iter().cloned());
        parts.join(" · ")
    }

    /// Where everything goes in `area`.
    fn parts(&self, area: Rect) -> Parts {
        if area.width < TINY.0 || area.height < TINY.1 {
            return Parts {
                tiny: true,
                band: area,
                ..Parts::default()
            };
        }
        let info = self.info_lines(area.width);
        let footer_h = u16::from(area.height >= 12 && !self.footer_text(area.width).is_empty());
        let header_h = 1;
        let room = area.height - header_h - footer_h;
        let info_want = u16::try_from(info.len()).unwrap_or(u16::MAX);
        let info_h = info_want.min(room.saturating_sub(3));
        let band_h = room - info_h;
        let header = Rect::new(area.x, area.y, area.width, header_h);
        let band = Rect::new(area.x, area.y + header_h, area.width, band_h);
        let info_rect = Rect::new(area.x, band.bottom(), area.width, info_h);
        let footer = Rect::new(area.x, info_rect.bottom(), area.width, footer_h);

        let margin = if area.width >= 40 { 2 } else { 1 };
        let inner_w = band.width.saturating_sub(2 * margin);
        let count = self.countdown();
        let bar_h = u16::from(band_h >= 3 && count.is_some());
        let pad = u16::from(band_h >= 12);
        let content_h = band_h.saturating_sub(bar_h + 2 * pad);
        let content = Rect::new(band.x + margin, band.y + pad, inner_w, content_h);
        let bar = Rect::new(
            band.x + margin,
            content.bottom() + pad.min(band_h.saturating_sub(content_h + bar_h)),
            if bar_h == 1 { inner_w } else { 0 },
            bar_h,
        );
        let (word, extra) = (self.word(), self.extra());
        let mut layout = place(
            content,
            &word,
            count.as_deref(),
            self.rep().as_deref(),
            extra.as_deref(),
        );
        let mut words = (word, extra);
        // At a changeover with no room for the next block's sets × reps
        // and load on a line of their own, they join its name, where that
        // stays big: "CURL 3X8 12KG".
        if let (Some(next), None) = (&words.1, layout.extra)
            && self.next_sets.is_some()
        {
            let joined = format!("{} {next}", words.0);
            let tried = place(content, &joined, count.as_deref(), None, None);
            if tried.word.scale.is_some() {
                layout = tried;
                words = (joined, None);
            }
        }
        let tut_index = info.iter().position(|i| matches!(i, Info::Tut));
        let tut_shown = tut_index.is_some_and(|i| i < usize::from(info_h));
        let gauge = match area.width {
            w if w >= 60 => 20,
            w if w >= 40 => 10,
            _ => 0,
        };
        Parts {
            tiny: false,
            header,
            band,
            info: info_rect,
            footer,
            layout,
            word: words.0,
            extra: words.1,
            bar,
            gauge: if tut_shown { gauge } else { 0 },
            tut_shown,
        }
    }

    fn render_tiny(&self, area: Rect, buf: &mut Buffer) {
        let style = self.band_style().add_modifier(Modifier::BOLD);
        buf.set_style(area, style);
        let text = match self.countdown() {
            Some(c) => format!("{} {c}", self.word()),
            None => self.word().to_string(),
        };
        put(buf, area, 0, &text, style, true);
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let bold = self.paint(Style::default().add_modifier(Modifier::BOLD));
        put(buf, area, 0, &self.header_text(), bold, false);
        if self.muted && area.width >= 30 {
            let tag = " MUTED ";
            let x = area.right().saturating_sub(7);
            let style = self.paint(
                Style::default()
                    .add_modifier(Modifier::REVERSED)
                    .add_modifier(Modifier::BOLD),
            );
            buf.set_stringn(x, area.y, tag, 7, style);
        }
    }

    fn render_band(&self, parts: &Parts, buf: &mut Buffer) {
        let style = self.band_style();
        buf.set_style(parts.band, style);
        let strong = style.add_modifier(Modifier::BOLD);
        let layout = &parts.layout;
        draw_place(buf, &layout.word, &parts.word, strong);
        if let (Some(place), Some(count)) = (&layout.count, self.countdown()) {
            draw_place(buf, place, &count, strong);
        }
        if let (Some(place), Some(rep)) = (&layout.rep, self.rep()) {
            draw_place(buf, place, &rep, strong);
        }
        if let (Some(place), Some(extra)) = (&layout.extra, &parts.extra) {
            draw_place(buf, place, extra, style);
        }
        if parts.bar.width > 0 {
            let filled = bar_filled(&self.status, parts.bar.width);
            let line: String = (0..parts.bar.width)
                .map(|i| if i < filled { '█' } else { '░' })
                .collect();
            buf.set_stringn(
                parts.bar.x,
                parts.bar.y,
                line,
                usize::from(parts.bar.width),
                style,
            );
        }
    }
}

impl Widget for &View {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let parts = self.parts(area);
        if parts.tiny {
            self.render_tiny(area, buf);
        } else {
            self.render_header(parts.header, buf);
            self.render_band(&parts, buf);
            self.render_info(&parts, buf);
            self.render_footer(parts.footer, buf);
        }
        if self.help {
            self.render_help(area, buf);
        }
    }
}

/// A line of the small info under the band.
enum Info {
    Text(String, Style),
    Tut,
}

/// Where a word or number goes: in big glyphs at `scale`, or as one line
/// of text when `scale` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Place {
    rect: Rect,
    scale: Option<Scale>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Parts {
    tiny: bool,
    header: Rect,
    band: Rect,
    info: Rect,
    footer: Rect,
    layout: Layout,
    /// The big word as laid out (at a changeover it may name the next
    /// block's sets too).
    word: String,
    /// The big line under the count, as laid out.
    extra: Option<String>,
    bar: Rect,
    gauge: u16,
    tut_shown: bool,
}

/// `text` in lines of at most `width` characters, broken between words
/// (a word longer than a line is cut into pieces).
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    // Columns as the terminal draws them: 2 for a wide character.
    let cols = |c: char| c.width().unwrap_or(0);
    let width = width.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let mut word_w: usize = word.iter().map(|c| cols(*c)).sum();
        while word_w > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            let mut take = 0;
            let mut piece_w = 0;
            while take < word.len() && piece_w + cols(word[take]) <= width {
                piece_w += cols(word[take]);
                take += 1;
            }
            let take = take.max(1);
            let piece: String = word.drain(..take).collect();
            word_w -= crate::text::width(&piece).min(word_w);
            lines.push(piece);
        }
        let word: String = word.into_iter().collect();
        if used > 0 && used + 1 + word_w > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(&word);
        used += word_w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests;
