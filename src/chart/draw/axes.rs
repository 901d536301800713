//! The frame around a plot: y labels on the left, an axis line, x labels below. Drawn here
//! rather than by the `Chart` widget so the plot's exact cells are known, and the crosshair
//! lands on the column its x is drawn at.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::labels;
use super::ChartStyle;
use crate::chart::model::XKind;
use crate::results::display::display_width;

/// What the x axis shows below the plot.
pub struct XAxis<'a> {
    pub bounds: (f64, f64),
    pub kind: XKind,
    pub categories: &'a [String],
}

/// The screen column of `x` in `plot`.
pub fn column_of(x: f64, bounds: (f64, f64), plot: Rect) -> u16 {
    let span = bounds.1 - bounds.0;
    let at = if span > 0.0 {
        ((x - bounds.0) / span * f64::from(plot.width.saturating_sub(1))).round()
    } else {
        0.0
    };
    plot.x + (at.max(0.0) as u16).min(plot.width.saturating_sub(1))
}

fn x_label(x: f64, axis: &XAxis<'_>, style: &ChartStyle) -> String {
    match axis.kind {
        XKind::Time => labels::time(x, axis.bounds.1 - axis.bounds.0, style.local_time),
        XKind::Number => labels::number(x),
        XKind::Category => axis
            .categories
            .get(x.max(0.0) as usize)
            .cloned()
            .unwrap_or_default(),
    }
}

/// Draws the y labels (for `y`), the axis lines and, with `x`, the x labels; returns the
/// plot's area. A tiny area gets no frame at all.
pub fn draw(
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    y: (f64, f64),
    x: Option<&XAxis<'_>>,
) -> Rect {
    let below = if x.is_some() { 2 } else { 0 };
    if area.height < below + 2 || area.width < 12 {
        return area;
    }
    let plot_height = area.height - below;
    let count = usize::from(plot_height / 3).clamp(2, 6);
    let ys = labels::spread(y.0, y.1, count);
    let texts: Vec<String> = ys.iter().map(|v| labels::number(*v)).collect();
    let label_width = texts.iter().map(|t| display_width(t)).max().unwrap_or(0) as u16;
    let left = (label_width + 1).min(area.width / 3);
    let plot = Rect::new(area.x + left, area.y, area.width - left, plot_height);
    for (v, text) in ys.iter().zip(&texts) {
        let row = plot.bottom() - 1 - row_offset(*v, y, plot.height);
        let start = plot
            .x
            .saturating_sub(1 + display_width(text) as u16)
            .max(area.x);
        buf.set_stringn(
            start,
            row,
            text,
            usize::from(left.saturating_sub(1)),
            style.dim,
        );
    }
    for row in plot.y..plot.bottom() {
        buf.set_string(plot.x - 1, row, "│", style.dim);
    }
    let Some(x) = x else {
        return plot;
    };
    let axis_row = plot.bottom();
    buf.set_string(plot.x - 1, axis_row, "└", style.dim);
    buf.set_string(
        plot.x,
        axis_row,
        "─".repeat(usize::from(plot.width)),
        style.dim,
    );
    let sample = display_width(&x_label(x.bounds.1, x, style)).max(5) as u16;
    let count = usize::from(plot.width / (sample + 3)).max(2);
    let mut free_from = plot.x;
    for value in labels::spread(x.bounds.0, x.bounds.1, count) {
        let text = x_label(value, x, style);
        let width = display_width(&text) as u16;
        let column = column_of(value, x.bounds, plot);
        let start = column
            .saturating_sub(width / 2)
            .max(plot.x)
            .min(plot.right().saturating_sub(width));
        if start < free_from {
            continue;
        }
        buf.set_string(column, axis_row, "┴", style.dim);
        buf.set_stringn(
            start,
            axis_row + 1,
            &text,
            usize::from(plot.right() - start),
            style.dim,
        );
        free_from = start + width + 1;
    }
    plot
}

/// Rows above the plot's bottom row where `v` is drawn.
pub fn row_offset(v: f64, y: (f64, f64), height: u16) -> u16 {
    let span = y.1 - y.0;
    if span <= 0.0 || height == 0 {
        return 0;
    }
    let at = ((v - y.0) / span * f64::from(height - 1)).round();
    (at.max(0.0) as u16).min(height - 1)
}
