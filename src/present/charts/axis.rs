//! The y axes of the line charts: each row a round step apart, so that a
//! value on that grid is drawn on its own row and its label beside it.

use crate::training::series::{LoadKind, Loads};

/// `v` rounded, as a count of cells: 0 below 0, `u16::MAX` above.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to u16's range
pub(super) fn cells(v: f64) -> u16 {
    v.round().clamp(0.0, f64::from(u16::MAX)) as u16
}

/// One y axis. Each row of the plot is `per_row` apart, the bottom one
/// `bottom`, so that a value on the grid is drawn on its own row; the top
/// row is left for the title.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YAxis {
    pub(super) bottom: f64,
    pub(super) per_row: f64,
    /// The plot's rows.
    pub(super) rows: u16,
    /// The values labelled, each on its row.
    pub(super) ticks: Vec<f64>,
    pub(super) title: String,
}

/// Round steps: 1, 2 and 5 times a power of 10 from `at_least` on.
pub(super) fn round_steps(at_least: f64) -> impl Iterator<Item = f64> {
    let start = 10f64.powf(at_least.max(0.01).log10().floor());
    (0..40)
        .flat_map(move |p| [1.0, 2.0, 5.0].map(|m| m * start * 10f64.powi(p)))
        .filter(move |s| *s >= at_least)
}

impl YAxis {
    /// An axis from `lo` to `hi` in as few rows as needed, at most
    /// `max_rows`, each row a round step at least `finest` apart.
    pub(super) fn fit(lo: f64, hi: f64, max_rows: u16, finest: f64, title: String) -> YAxis {
        let (lo, hi) = (lo.min(hi), hi.max(lo));
        let mut fitted = None;
        for per_row in round_steps(finest) {
            let bottom = (lo / per_row).floor() * per_row;
            let values = ((hi / per_row).ceil() - (lo / per_row).floor()).max(1.0);
            if values + 2.0 <= f64::from(max_rows.max(3)) || per_row > 1e9 {
                fitted = Some((bottom, per_row, cells(values).saturating_add(2)));
                break;
            }
        }
        let (bottom, per_row, rows) = fitted.unwrap_or((lo, (hi - lo).max(1.0), 3));
        // Labels two or more rows apart, on round values.
        let step = [2.0, 5.0]
            .iter()
            .map(|k| k * per_row)
            .find(|s| {
                round_steps(*s)
                    .next()
                    .is_some_and(|r| (r - s).abs() < s * 1e-9)
            })
            .unwrap_or(2.0 * per_row);
        let top = bottom + f64::from(rows - 2) * per_row;
        let first = (bottom / step).ceil() * step;
        let mut ticks: Vec<f64> = (0..=u32::from(rows))
            .map(|i| first + f64::from(i) * step)
            .take_while(|v| *v <= top + per_row / 2.0)
            .collect();
        if ticks.len() < 2 {
            ticks = vec![bottom, top];
        }
        YAxis {
            bottom,
            per_row,
            rows,
            ticks,
            title,
        }
    }

    /// The chart's bounds: the bottom row's value and the top row's.
    pub(super) fn bounds(&self) -> [f64; 2] {
        [
            self.bottom,
            self.bottom + f64::from(self.rows.saturating_sub(1)) * self.per_row,
        ]
    }

    /// The row, from the plot's top, that `v` is drawn on (as the chart's
    /// canvas puts a point).
    pub(super) fn row(&self, v: f64) -> u16 {
        let [bottom, top] = self.bounds();
        let rows = f64::from(self.rows);
        let row = ((top - v) * (rows - 1.0) / (top - bottom)).round();
        cells(row.clamp(0.0, rows - 1.0))
    }
}

/// A number as a label: `60`, `52.5`, `-20`.
pub(super) fn number(v: f64) -> String {
    let tenths = (v * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// The lowering's axis: seconds from 0 to 7 (the progression's longest)
/// or further for longer lowerings.
pub(super) fn lowering_axis(points: &[(f64, f64)], max_rows: u16) -> YAxis {
    let max = points.iter().map(|p| p.1).fold(7.0, f64::max);
    YAxis::fit(0.0, max, max_rows, 0.5, "lowering, s".to_string())
}

/// The load's axis, at least 4 units high, rows half a unit apart at the
/// finest (plates are not finer), titled with its unit and with what a
/// bodyweight load shows.
pub(super) fn load_axis(loads: &Loads, max_rows: u16) -> YAxis {
    let (lo, hi) = loads
        .points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let (lo, hi) = if lo > hi { (0.0, 1.0) } else { (lo, hi) };
    // At least 4 units high, so that one load (or a few alike) shows the
    // rows around it rather than half a unit.
    let (lo, hi) = if hi - lo < 4.0 {
        let mid = f64::midpoint(lo, hi);
        (mid - 2.0, mid + 2.0)
    } else {
        (lo, hi)
    };
    let unit = loads.unit.symbol();
    let title = match loads.kind {
        LoadKind::Weight => format!("load, {unit}"),
        LoadKind::AddedToBodyweight => format!("{unit} added to bodyweight"),
        LoadKind::Mixed => format!("load, {unit} (bodyweight: {unit} added)"),
    };
    YAxis::fit(lo, hi, max_rows, 0.5, title)
}

/// The journal's axis: 1 to 5, each labelled where the rows are far
/// enough apart, else 1, 3 and 5.
pub(super) fn journal_axis(max_rows: u16) -> YAxis {
    let mut axis = YAxis::fit(1.0, 5.0, max_rows, 0.5, "x soreness  o sleep".to_string());
    axis.ticks = if axis.per_row < 1.0 {
        vec![1.0, 2.0, 3.0, 4.0, 5.0]
    } else {
        vec![1.0, 3.0, 5.0]
    };
    axis
}
