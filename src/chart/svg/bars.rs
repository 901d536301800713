//! Columns (columnchart, upright) and bars (barchart, lying): side by side per category, or
//! one on another with `kind=stacked` / `stacked100`. Each bar says its exact value on hover
//! (`<title>`), and above itself where there is room.

use std::fmt::Write;

use super::frame::{self, scale, XAxis};
use super::{colour, px, text, Area, SvgOptions, FONT};
use crate::chart::draw::labels;
use crate::chart::model::{ChartModel, XKind};
use crate::chart::spec::Visualization;

/// Each series' (drawn top, own value) in each category: `values[series][category]`.
fn values(model: &ChartModel) -> Vec<Vec<(f64, f64)>> {
    model
        .series
        .iter()
        .map(|s| {
            let mut row = vec![(0.0, 0.0); model.categories.len()];
            for p in &s.points {
                if let Some(cell) = row.get_mut(p.x as usize) {
                    cell.0 += p.top;
                    cell.1 += p.y;
                }
            }
            row
        })
        .collect()
}

/// One bar: where along the category axis (from, to, as fractions of a slot), and from which
/// value to which.
struct Bar {
    category: usize,
    series: usize,
    from: f64,
    to: f64,
    base: f64,
    top: f64,
    value: f64,
}

fn bars(model: &ChartModel) -> Vec<Bar> {
    let values = values(model);
    let stacked = model.stacking.stacks();
    let count = values.len().max(1) as f64;
    let mut below = vec![0.0_f64; model.categories.len()];
    let mut out = Vec::new();
    for (s, row) in values.iter().enumerate() {
        for (c, &(top, value)) in row.iter().enumerate() {
            let (from, to, base) = if stacked {
                (0.1, 0.9, below[c])
            } else {
                let width = 0.8 / count;
                (0.1 + width * s as f64, 0.1 + width * (s as f64 + 1.0), 0.0)
            };
            below[c] = top;
            out.push(Bar {
                category: c,
                series: s,
                from,
                to,
                base,
                top,
                value,
            });
        }
    }
    out
}

pub fn draw(svg: &mut String, model: &ChartModel, area: Area, options: &SvgOptions) {
    let count = model.categories.len();
    if count == 0 {
        return;
    }
    let y = model.y_bounds(0);
    let bars = bars(model);
    let _ = writeln!(svg, "<g class=\"series\">");
    if model.visualization == Visualization::BarChart {
        lying(svg, model, area, y, &bars);
    } else {
        let axis = XAxis {
            bounds: (-0.5, count as f64 - 0.5),
            kind: XKind::Category,
            categories: &model.categories,
            title: &model.xtitle,
            local_time: options.local_time,
        };
        let plot = frame::draw(svg, area, y, &model.ytitle, Some(&axis));
        let slot = plot.width / count as f64;
        for bar in &bars {
            let left = plot.x + slot * (bar.category as f64 + bar.from);
            let width = slot * (bar.to - bar.from);
            let (top, bottom) = (
                scale(bar.top.clamp(y.0, y.1), y, plot.bottom(), plot.y),
                scale(bar.base.clamp(y.0, y.1), y, plot.bottom(), plot.y),
            );
            rect(
                svg,
                model,
                bar,
                (left, top.min(bottom)),
                (width, (bottom - top).abs()),
            );
            if width >= 24.0 && !model.stacking.stacks() {
                let _ = writeln!(
                    svg,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                    px(left + width / 2.0),
                    px(top.min(bottom) - 3.0),
                    text(&labels::number(bar.value))
                );
            }
        }
    }
    svg.push_str("</g>\n");
}

/// A barchart: categories down the left, values along the bottom, the first category on top.
fn lying(svg: &mut String, model: &ChartModel, area: Area, y: (f64, f64), bars: &[Bar]) {
    let count = model.categories.len();
    let names: Vec<String> = model
        .categories
        .iter()
        .map(|c| crate::results::display::fit_width(c, 24).into_owned())
        .collect();
    let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) as f64;
    let left = (widest * FONT * 0.6 + 10.0).min(area.width / 3.0);
    let plot = Area {
        x: area.x + left,
        y: area.y,
        width: (area.width - left - 16.0).max(10.0),
        height: (area.height - 2.0 * FONT - 14.0).max(10.0),
    };
    let slot = plot.height / count as f64;
    for (c, name) in names.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555555\">{}</text>",
            px(plot.x - 6.0),
            px(plot.y + slot * (c as f64 + 0.5) + 4.0),
            text(name)
        );
    }
    for v in labels::spread(y.0, y.1, ((plot.width / 90.0) as usize).clamp(2, 10)) {
        let at = scale(v, y, plot.x, plot.right());
        let _ = writeln!(
            svg,
            "<line x1=\"{a}\" y1=\"{}\" x2=\"{a}\" y2=\"{}\" stroke=\"#e0e0e0\"/><text x=\"{a}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555555\">{}</text>",
            px(plot.y),
            px(plot.bottom()),
            px(plot.bottom() + FONT + 4.0),
            text(&labels::number(v)),
            a = px(at)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555555\">{}</text>",
        px(plot.x + plot.width / 2.0),
        px(plot.bottom() + 2.0 * FONT + 10.0),
        text(&model.ytitle)
    );
    for bar in bars {
        let top = plot.y + slot * (bar.category as f64 + bar.from);
        let height = slot * (bar.to - bar.from);
        let (start, end) = (
            scale(bar.base.clamp(y.0, y.1), y, plot.x, plot.right()),
            scale(bar.top.clamp(y.0, y.1), y, plot.x, plot.right()),
        );
        rect(
            svg,
            model,
            bar,
            (start.min(end), top),
            ((end - start).abs(), height),
        );
    }
}

fn rect(svg: &mut String, model: &ChartModel, bar: &Bar, (x, y): (f64, f64), (w, h): (f64, f64)) {
    let mut value = String::new();
    crate::results::write_real(&mut value, bar.value);
    let _ = writeln!(
        svg,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}</title></rect>",
        px(x),
        px(y),
        px(w),
        px(h),
        colour(bar.series),
        text(&model.categories[bar.category]),
        text(&model.series[bar.series].name),
        text(&value)
    );
}
