//! The frame around a plot: y labels and grid lines on the left, x labels below, the axis
//! titles; labels as the terminal chart writes them (`draw::labels`).

use std::fmt::Write;

use super::{px, text, Area, FONT};
use crate::chart::draw::labels;
use crate::chart::model::XKind;

/// What the x axis shows.
pub struct XAxis<'a> {
    pub bounds: (f64, f64),
    pub kind: XKind,
    pub categories: &'a [String],
    pub title: &'a str,
    pub local_time: bool,
}

impl XAxis<'_> {
    pub fn label(&self, x: f64) -> String {
        match self.kind {
            XKind::Time => labels::time(x, self.bounds.1 - self.bounds.0, self.local_time),
            XKind::Number => labels::number(x),
            XKind::Category => self
                .categories
                .get(x.max(0.0).round() as usize)
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// Where `v` of `bounds` falls between `from` and `to` pixels.
pub fn scale(v: f64, bounds: (f64, f64), from: f64, to: f64) -> f64 {
    let span = bounds.1 - bounds.0;
    if span > 0.0 {
        from + (v - bounds.0) / span * (to - from)
    } else {
        (from + to) / 2.0
    }
}

/// Draws the y axis of `y` (labels, grid lines, its title) and, with `x`, the x labels and
/// title; returns the plot's area.
pub fn draw(
    svg: &mut String,
    area: Area,
    y: (f64, f64),
    y_title: &str,
    x: Option<&XAxis<'_>>,
) -> Area {
    let below = if x.is_some() { 2.0 * FONT + 14.0 } else { 0.0 };
    let ys = labels::spread(
        y.0,
        y.1,
        ((area.height - below) / 50.0).clamp(2.0, 8.0) as usize,
    );
    let texts: Vec<String> = ys.iter().map(|v| labels::number(*v)).collect();
    let label_width = texts.iter().map(|t| t.chars().count()).max().unwrap_or(1) as f64;
    let left = 20.0 + label_width * FONT * 0.6 + 6.0;
    let plot = Area {
        x: area.x + left,
        y: area.y + 4.0,
        width: (area.width - left - 8.0).max(10.0),
        height: (area.height - below - 4.0).max(10.0),
    };
    let _ = writeln!(svg, "<g class=\"axes\" fill=\"#555555\">");
    for (v, label) in ys.iter().zip(&texts) {
        let row = scale(*v, y, plot.bottom(), plot.y);
        let _ = writeln!(
            svg,
            "<line x1=\"{}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"#e0e0e0\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            px(plot.x),
            px(plot.right()),
            px(plot.x - 6.0),
            px(row + 4.0),
            text(label),
            r = px(row)
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#888888\"/>",
        px(plot.y),
        px(plot.bottom()),
        x = px(plot.x)
    );
    let middle = plot.y + plot.height / 2.0;
    let _ = writeln!(
        svg,
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" transform=\"rotate(-90 {x} {y})\">{}</text>",
        text(y_title),
        x = px(area.x + 10.0),
        y = px(middle)
    );
    if let Some(x) = x {
        x_labels(svg, plot, x);
    }
    svg.push_str("</g>\n");
    plot
}

fn x_labels(svg: &mut String, plot: Area, x: &XAxis<'_>) {
    let _ = writeln!(
        svg,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#888888\"/>",
        px(plot.x),
        px(plot.right()),
        y = px(plot.bottom())
    );
    let values: Vec<f64> = match x.kind {
        // One label per category, as many as fit.
        XKind::Category => {
            let count = x.categories.len().max(1);
            let fits = (plot.width / 70.0).max(1.0) as usize;
            let step = count.div_ceil(fits).max(1);
            (0..count).step_by(step).map(|c| c as f64).collect()
        }
        _ => {
            let sample = x.label(x.bounds.1).chars().count().max(5) as f64 * FONT * 0.6;
            labels::spread(
                x.bounds.0,
                x.bounds.1,
                ((plot.width / (sample + 24.0)) as usize).max(2),
            )
        }
    };
    let room = match x.kind {
        XKind::Category => (plot.width / x.categories.len().max(1) as f64 / (FONT * 0.6)) as usize,
        _ => usize::MAX,
    };
    for v in values {
        let at = scale(v, x.bounds, plot.x, plot.right());
        let label = x.label(v);
        let label = crate::results::display::fit_width(&label, room.max(3)).into_owned();
        let _ = writeln!(
            svg,
            "<line x1=\"{a}\" y1=\"{}\" x2=\"{a}\" y2=\"{}\" stroke=\"#888888\"/><text x=\"{a}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            px(plot.bottom()),
            px(plot.bottom() + 4.0),
            px(plot.bottom() + 4.0 + FONT + 2.0),
            text(&label),
            a = px(at)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        px(plot.x + plot.width / 2.0),
        px(plot.bottom() + 2.0 * FONT + 12.0),
        text(x.title)
    );
}
