//! `repcadence log`'s charts on a terminal (pure): time under tension per
//! week, then per exercise the lowering and the load session by session,
//! then the journal's soreness and sleep, drawn with ratatui's chart
//! widgets into a buffer as wide as the terminal, each chart as high as
//! its axis needs up to about two thirds of the terminal, and printed as
//! lines so that they stay in the scrollback.
//!
//! Every line chart shares one x axis: the days of the span
//! ([`series::span`]), a tick `┬` under each Monday with its date, so a
//! column means the same day in each. A point is a session (the journal:
//! an entry). The span is the last weeks that have sets or entries, as
//! many as the week bars fit across the width ([`max_weeks`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Widget};

use jiff::Zoned;
use jiff::civil::Date;

use crate::text::{safe, width as width_of};
use crate::timing::units::count;
use crate::training::rows::{JournalEntry, Row};
use crate::training::series::{self, DaySpan, ExerciseSeries, Loads, Progress, add_days};

mod axis;
mod print;

use axis::{YAxis, cells, journal_axis, load_axis, lowering_axis, number};
pub use print::lines;

/// Where the charts are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Columns: every line is at most this wide.
    pub width: u16,
    /// Rows: a chart is at most about two thirds of them high.
    pub height: u16,
    /// Colours may be used.
    pub colour: bool,
}

/// The most exercises charted, the latest done: more would make the
/// report longer than anyone scrolls.
pub(crate) const MAX_EXERCISES: usize = 12;

/// The columns a week's bar takes, its gap included, at the least.
const WEEK_COLUMNS: u16 = 6;

/// How many weeks the charts span at `width` columns: as many week bars
/// as fit (13 at 80 columns), at least 4 and at most 26.
pub(crate) fn max_weeks(width: u16) -> u16 {
    (width.saturating_sub(2) / WEEK_COLUMNS).clamp(4, 26)
}

/// The most rows one line chart's plot takes on a screen `height` rows
/// high: about two thirds of it, 9 to 19.
pub(crate) fn max_plot_rows(height: u16) -> u16 {
    (height / 3 * 2).saturating_sub(2).clamp(9, 19)
}

/// The rows of the week bars, their dates under them.
fn week_rows(height: u16) -> u16 {
    (height / 2).clamp(9, 13)
}

/// One set of points on a line chart.
struct Series<'a> {
    points: &'a [(f64, f64)],
    marker: Marker,
    joined: bool,
    colour: Color,
}

/// What a line chart shows.
enum What<'a> {
    Lowering(&'a ExerciseSeries),
    Load(&'a Loads),
    Journal,
}

/// What the report shows, top to bottom.
enum Part<'a> {
    /// Lines of text, wrapped to the width.
    Text(Vec<String>),
    Blank,
    Weeks,
    Totals,
    Plot(What<'a>, YAxis),
}

/// The charts of `rows` and `journal` as of `now`, in its zone, for
/// `screen`: a buffer as wide as the screen (empty when nothing is
/// logged).
pub(crate) fn draw(rows: &[Row], journal: &[JournalEntry], now: &Zoned, screen: Screen) -> Buffer {
    let width = screen.width;
    let Some(mut p) = series::progress(rows, journal, now.time_zone(), max_weeks(width)) else {
        return Buffer::empty(Rect::new(0, 0, width, 0));
    };
    let hidden = p.exercises.len().saturating_sub(MAX_EXERCISES);
    if hidden > 0 {
        let mut latest: Vec<(f64, usize)> = p
            .exercises
            .iter()
            .enumerate()
            .map(|(i, e)| (e.lowering.last().map_or(0.0, |l| l.0), i))
            .collect();
        latest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let keep: Vec<usize> = latest.iter().take(MAX_EXERCISES).map(|l| l.1).collect();
        let mut i = 0;
        p.exercises.retain(|_| {
            i += 1;
            keep.contains(&(i - 1))
        });
    }
    let parts = parts(&p, hidden, max_plot_rows(screen.height), width);
    let height_of = |part: &Part<'_>| match part {
        Part::Blank => 1,
        Part::Text(lines) => u16::try_from(lines.len()).unwrap_or(u16::MAX),
        Part::Weeks => week_rows(screen.height),
        Part::Totals => u16::try_from(p.exercises.len()).unwrap_or(u16::MAX),
        Part::Plot(_, axis) => axis.rows + 2,
    };
    let total = parts
        .iter()
        .fold(0u16, |sum, part| sum.saturating_add(height_of(part)));
    let mut buf = Buffer::empty(Rect::new(0, 0, width, total));
    // The widest y label of every line chart, so that their axes line up.
    let label_width = parts
        .iter()
        .filter_map(|part| match part {
            Part::Plot(_, axis) => Some(axis),
            _ => None,
        })
        .flat_map(|axis| axis.ticks.iter())
        .map(|v| u16::try_from(width_of(&number(*v))).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(1);
    let painter = Painter {
        p: &p,
        colour: screen.colour,
        label_width,
    };
    let mut y = 0u16;
    for part in &parts {
        let height = height_of(part).min(total - y);
        let area = Rect::new(0, y, width, height);
        painter.part(part, area, &mut buf);
        y += height;
    }
    buf
}

/// `text` in lines at most `columns` wide, broken between words (a word
/// wider than that is cut by the buffer).
fn wrap(text: &str, columns: u16) -> Vec<String> {
    let columns = usize::from(columns.max(1));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && width_of(&line) + 1 + width_of(word) > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The days the x axis marks with `┬`: its Mondays, or where it spans
/// fewer than two, its first and last day.
fn ticks(span: DaySpan) -> Vec<Date> {
    let mut ticks: Vec<Date> = Vec::new();
    let mut d = series::monday(add_days(span.first, 6));
    while d <= span.last && ticks.len() < 400 {
        ticks.push(d);
        d = add_days(d, 7);
    }
    if ticks.len() < 2 {
        ticks = vec![span.first, span.last];
        ticks.dedup();
    }
    ticks
}

/// What the axis's `┬` marks, as the heading says it.
fn ticks_mark(span: DaySpan) -> &'static str {
    let ticks = ticks(span);
    if ticks
        .iter()
        .all(|d| d.weekday() == jiff::civil::Weekday::Monday)
    {
        "┬ marks a Monday"
    } else if ticks.len() == 1 {
        "┬ marks its day"
    } else {
        "┬ marks its first and last day"
    }
}

/// The parts of the report for `p`, `hidden` exercises left out, each
/// line chart's plot at most `max_rows` high, text wrapped to `columns`.
fn parts(p: &Progress, hidden: usize, max_rows: u16, columns: u16) -> Vec<Part<'_>> {
    let text = |s: String| Part::Text(wrap(&s, columns));
    let span = p.span;
    let mut parts = vec![
        text(format!(
            "Charts of {} to {}{}; a point is a session, {}",
            span.first,
            span.last,
            if p.earlier {
                " (earlier weeks: --chart columns)"
            } else {
                ""
            },
            ticks_mark(span),
        )),
        Part::Blank,
        text("Time under tension per week, minutes (each bar a week from Monday)".into()),
        Part::Weeks,
    ];
    if !p.exercises.is_empty() {
        parts.push(Part::Blank);
        parts.push(text("Time under tension per exercise, these weeks".into()));
        parts.push(Part::Totals);
    }
    for e in &p.exercises {
        parts.push(Part::Blank);
        parts.push(text(format!(
            "{}: the lowering and the load, {}",
            safe(&e.name),
            count(e.lowering.len() as u64, "session")
        )));
        parts.push(Part::Plot(
            What::Lowering(e),
            lowering_axis(&e.lowering, max_rows),
        ));
        match &e.loads {
            Some(loads) => parts.push(Part::Plot(What::Load(loads), load_axis(loads, max_rows))),
            None => parts.push(text(
                "(no load logged that reads as one: --load 80kg, bw+10kg, -20kg)".into(),
            )),
        }
    }
    if hidden > 0 {
        parts.push(Part::Blank);
        parts.push(text(format!(
            "{} not charted here: `repcadence log --chart columns` lists every one",
            count(hidden as u64, "more exercise")
        )));
    }
    parts.push(Part::Blank);
    if p.journal.is_empty() {
        parts.push(text(
            "Journal: no entries these weeks (`repcadence journal --soreness N --sleep N`)".into(),
        ));
    } else {
        parts.push(text("Journal: soreness and sleep, 1 to 5".into()));
        parts.push(Part::Plot(What::Journal, journal_axis(max_rows)));
    }
    parts
}

/// Draws the parts.
struct Painter<'a> {
    p: &'a Progress,
    colour: bool,
    label_width: u16,
}

impl Painter<'_> {
    fn paint(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    fn part(&self, part: &Part<'_>, area: Rect, buf: &mut Buffer) {
        match part {
            Part::Blank => {}
            Part::Text(lines) => {
                let style = if self.colour {
                    Style::new().add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                for (y, line) in (area.y..area.bottom()).zip(lines) {
                    buf.set_stringn(area.x, y, line, usize::from(area.width), style);
                }
            }
            Part::Weeks => self.weeks(area, buf),
            Part::Totals => self.totals(area, buf),
            Part::Plot(what, axis) => self.plot(what, axis, area, buf),
        }
    }

    fn plot(&self, what: &What<'_>, axis: &YAxis, area: Rect, buf: &mut Buffer) {
        let line = |points, colour| Series {
            points,
            marker: Marker::Dot,
            joined: true,
            colour,
        };
        match what {
            What::Lowering(e) => {
                self.line_chart(&[line(&e.lowering, Color::Cyan)], axis, area, buf);
            }
            What::Load(loads) => {
                self.line_chart(&[line(&loads.points, Color::Yellow)], axis, area, buf);
            }
            What::Journal => {
                let points = |f: fn(&series::Feeling) -> u8| -> Vec<(f64, f64)> {
                    self.p
                        .journal
                        .iter()
                        .map(|j| (j.day, f64::from(f(j))))
                        .collect()
                };
                let (soreness, sleep) = (points(|j| j.soreness), points(|j| j.sleep));
                let series = [
                    Series {
                        points: &sleep,
                        marker: Marker::Custom('o'),
                        joined: false,
                        colour: Color::Blue,
                    },
                    Series {
                        points: &soreness,
                        marker: Marker::Custom('x'),
                        joined: false,
                        colour: Color::Red,
                    },
                ];
                self.line_chart(&series, axis, area, buf);
            }
        }
    }

    /// A bar a week, under its Monday's date, its minutes in the bar.
    fn weeks(&self, area: Rect, buf: &mut Buffer) {
        let weeks = &self.p.weeks;
        let n = u16::try_from(weeks.len()).unwrap_or(u16::MAX).max(1);
        let bar_width = ((area.width + 1) / n).saturating_sub(1).clamp(1, 9);
        let bars: Vec<Bar<'_>> = weeks
            .iter()
            .map(|w| {
                Bar::default()
                    .value(w.tut_ms / 1000)
                    .text_value(format!("{:.1}", w.tut_ms as f64 / 60_000.0))
                    .label(Line::from(w.monday.strftime("%m-%d").to_string()))
            })
            .collect();
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .bar_style(self.paint(Color::Green))
            .value_style(if self.colour {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            })
            .render(area, buf);
    }

    /// A bar an exercise, its minutes and sets after it.
    fn totals(&self, area: Rect, buf: &mut Buffer) {
        let list = &self.p.exercises;
        let texts: Vec<String> = list
            .iter()
            .map(|e| {
                format!(
                    "{:.1} min, {}",
                    e.tut_ms as f64 / 60_000.0,
                    count(e.sets, "set")
                )
            })
            .collect();
        let names: Vec<String> = list.iter().map(|e| safe(&e.name).into_owned()).collect();
        let name_width = names.iter().map(|n| width_of(n)).max().unwrap_or(0);
        let text_width = texts.iter().map(|t| width_of(t)).max().unwrap_or(0);
        let room = usize::from(area.width).saturating_sub(name_width + 1 + text_width + 2);
        let bar_length = u16::try_from(room.min(24)).unwrap_or(0);
        let chart_width = u16::try_from(name_width + 1)
            .unwrap_or(u16::MAX)
            .saturating_add(bar_length)
            .min(area.width);
        let bars: Vec<Bar<'_>> = list
            .iter()
            .zip(&names)
            .map(|(e, name)| {
                Bar::default()
                    .value(e.tut_ms / 1000)
                    .text_value(String::new())
                    .label(Line::from(name.clone()))
            })
            .collect();
        BarChart::horizontal(bars)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(self.paint(Color::Green))
            .render(
                Rect {
                    width: chart_width,
                    ..area
                },
                buf,
            );
        for (i, text) in texts.iter().enumerate() {
            let x = chart_width.saturating_add(2);
            let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
            if x < area.right() && y < area.bottom() {
                buf.set_stringn(x, y, text, usize::from(area.right() - x), Style::new());
            }
        }
    }

    /// A chart of `series` over the span's days, with `y` on its y axis,
    /// a tick and a date under Mondays.
    fn line_chart(&self, series: &[Series<'_>], y: &YAxis, area: Rect, buf: &mut Buffer) {
        let span = self.p.span;
        let last = span.length().max(1) as f64;
        let mut datasets = Vec::new();
        for s in series {
            if s.joined && s.points.len() > 1 {
                datasets.push(
                    Dataset::default()
                        .data(s.points)
                        .marker(Marker::Braille)
                        .graph_type(GraphType::Line)
                        .style(self.paint(s.colour)),
                );
            }
        }
        for s in series {
            datasets.push(
                Dataset::default()
                    .data(s.points)
                    .marker(s.marker)
                    .graph_type(GraphType::Scatter)
                    .style(self.paint(s.colour)),
            );
        }
        // Blank labels as wide as the real ones keep the room for them and
        // have the axes drawn; the labels go on their rows after.
        let blank = " ".repeat(usize::from(self.label_width));
        Chart::new(datasets)
            .x_axis(Axis::default().bounds([0.0, last]).labels(["", ""]))
            .y_axis(
                Axis::default()
                    .bounds(y.bounds())
                    .labels([blank.clone(), blank])
                    .title(y.title.clone()),
            )
            .legend_position(None)
            .render(area, buf);
        self.values(y, area, buf);
        self.dates(span, area, buf);
    }

    /// Ticks `┤` on the y axis and values left of them, on the rows the
    /// values are drawn on.
    fn values(&self, y: &YAxis, area: Rect, buf: &mut Buffer) {
        let margin = self.label_width.min(area.width / 3);
        if area.height < 3 || margin + 2 >= area.width {
            return;
        }
        for &v in &y.ticks {
            let row = area.y + y.row(v);
            let text = format!("{:>w$}", number(v), w = usize::from(margin));
            buf.set_stringn(area.x, row, &text, usize::from(margin), Style::new());
            buf[(area.x + margin, row)].set_symbol("┤");
        }
    }

    /// Ticks on the x axis and dates under them, at Mondays (every other
    /// one, or fewer, where they would crowd).
    fn dates(&self, span: DaySpan, area: Rect, buf: &mut Buffer) {
        let margin = self.label_width.min(area.width / 3);
        if area.height < 3 || margin + 2 >= area.width {
            return;
        }
        let left = area.x + margin + 1;
        let columns = f64::from(area.width - margin - 2);
        let last = span.length().max(1) as f64;
        let column = |d: Date| {
            let x = (span.day(d) as f64 * columns / last).round();
            left.saturating_add(cells(x))
        };
        let ticks = ticks(span);
        let (axis, under) = (area.bottom() - 2, area.bottom() - 1);
        let mut free_from = area.x;
        for d in ticks {
            let col = column(d);
            if col >= area.right() {
                continue;
            }
            let text = d.strftime("%m-%d").to_string();
            let start = col.saturating_sub(2).min(area.right().saturating_sub(5));
            if start < free_from {
                continue;
            }
            buf[(col, axis)].set_symbol("┬");
            buf.set_stringn(start, under, &text, 5, Style::new());
            free_from = start + 6;
        }
    }
}

#[cfg(test)]
mod tests;
