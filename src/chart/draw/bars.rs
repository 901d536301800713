//! Columns (columnchart) and bars (barchart): ratatui's `BarChart`, grouped by category, when
//! colours tell series apart; stacks, and several series without colour, through `Canvas`,
//! one layer per series with its own marker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::canvas::{Canvas, Line as Stroke};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

use super::axes::{self, XAxis};
use super::labels;
use super::{ChartStyle, Crosshair};
use crate::chart::model::{ChartModel, XKind};
use crate::chart::spec::Visualization;
use crate::results::display::{display_width, fit_width};

/// Each series' value in each category: `values[series][category]` (drawn height, own value).
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

pub fn draw(
    model: &ChartModel,
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    crosshair: Option<&Crosshair>,
) {
    if model.categories.is_empty() || area.is_empty() {
        return;
    }
    let horizontal = model.visualization == Visualization::BarChart;
    let values = values(model);
    if !model.stacking.stacks() && (style.coloured() || model.series.len() == 1) {
        grouped(model, &values, area, buf, style, horizontal, crosshair);
    } else {
        layered(model, &values, area, buf, style, horizontal);
    }
}

fn grouped(
    model: &ChartModel,
    values: &[Vec<(f64, f64)>],
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    horizontal: bool,
    crosshair: Option<&Crosshair>,
) {
    let high = values.iter().flatten().map(|v| v.0).fold(0.0_f64, f64::max);
    let high = model.ymax.unwrap_or(high).max(f64::MIN_POSITIVE);
    // BarChart counts in whole numbers: a thousand steps to the tallest is fine enough.
    let scale = |v: f64| ((v.max(0.0) / high) * 1000.0).round() as u64;
    let series = model.series.len() as u16;
    let groups = model.categories.len() as u16;
    let room = if horizontal { area.height } else { area.width };
    let width = (room.saturating_sub(groups) / (groups * series).max(1)).clamp(1, 12);
    let cursor = crosshair.map(|c| c.x as usize);
    let data: Vec<BarGroup<'_>> = model
        .categories
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let bars: Vec<Bar<'_>> = values
                .iter()
                .enumerate()
                .map(|(s, row)| {
                    let bar_style = if cursor == Some(c) {
                        style.cursor
                    } else {
                        style.series(s)
                    };
                    Bar::default()
                        .value(scale(row[c].0))
                        .text_value(labels::number(row[c].1))
                        .style(bar_style)
                        .value_style(style.text.patch(
                            Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
                        ))
                })
                .collect();
            let room = if horizontal {
                area.width / 2
            } else {
                width * series
            };
            let label = fit_width(name, usize::from(room).max(3)).into_owned();
            BarGroup::default().label(Line::from(label)).bars(&bars)
        })
        .collect();
    let mut chart = BarChart::default()
        .bar_width(width)
        .bar_gap(0)
        .group_gap(1)
        .max(1000)
        .label_style(style.dim);
    if horizontal {
        chart = chart.direction(Direction::Horizontal);
    }
    for group in data {
        chart = chart.data(group);
    }
    chart.render(area, buf);
}

fn layered(
    model: &ChartModel,
    values: &[Vec<(f64, f64)>],
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    horizontal: bool,
) {
    let count = model.categories.len();
    let stacked = model.stacking.stacks();
    let y = model.y_bounds(0);
    let slots = (-0.5, count as f64 - 0.5);
    let plot = if horizontal {
        let names = model
            .categories
            .iter()
            .map(|c| display_width(c))
            .max()
            .unwrap_or(0) as u16;
        let left = (names + 1).min(area.width / 4);
        let plot = Rect::new(area.x + left, area.y, area.width - left, area.height);
        for (c, name) in model.categories.iter().enumerate() {
            let slot = ((c as f64 + 0.5) / count as f64 * f64::from(plot.height)).floor() as u16;
            let row = plot.y + slot.min(plot.height.saturating_sub(1));
            let label = fit_width(name, usize::from(left.saturating_sub(1))).into_owned();
            buf.set_string(area.x, row, label, style.dim);
        }
        plot
    } else {
        let x_axis = XAxis {
            bounds: slots,
            kind: XKind::Category,
            categories: &model.categories,
        };
        axes::draw(area, buf, style, y, Some(&x_axis))
    };
    let series = values.len().max(1);
    // Each stack segment starts where the series before it ended.
    let mut below = vec![0.0_f64; count];
    for (s, row) in values.iter().enumerate() {
        let marker = if style.coloured() {
            Marker::HalfBlock
        } else {
            style.marker(s)
        };
        let series_style = style.series(s);
        let bars: Vec<(f64, f64, f64, f64)> = row
            .iter()
            .enumerate()
            .map(|(c, &(top, _))| {
                // Horizontal bars: the first category at the top.
                let slot = if horizontal {
                    (count - 1 - c) as f64
                } else {
                    c as f64
                };
                let (from, to) = if stacked {
                    (slot - 0.4, slot + 0.4)
                } else {
                    let width = 0.8 / series as f64;
                    let from = slot - 0.4 + width * s as f64;
                    (from, from + width)
                };
                let base = if stacked { below[c] } else { 0.0 };
                below[c] = top;
                (from, to, base, top)
            })
            .collect();
        let cells = f64::from(if horizontal { plot.height } else { plot.width }).max(1.0);
        let step = (slots.1 - slots.0) / cells / 4.0;
        let canvas = Canvas::default().marker(marker).paint(|ctx| {
            for &(from, to, base, top) in &bars {
                let mut at = from;
                while at <= to {
                    let line = if horizontal {
                        Stroke::new(base, at, top, at, series_style.fg.unwrap_or_default())
                    } else {
                        Stroke::new(at, base, at, top, series_style.fg.unwrap_or_default())
                    };
                    ctx.draw(&line);
                    at += step;
                }
            }
        });
        let canvas = if horizontal {
            canvas.x_bounds([y.0, y.1]).y_bounds([slots.0, slots.1])
        } else {
            canvas.x_bounds([slots.0, slots.1]).y_bounds([y.0, y.1])
        };
        canvas.render(plot, buf);
    }
}
