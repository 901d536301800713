//! Lines (timechart, linechart, anomalychart), filled areas (areachart, stackedareachart) and
//! points (scatterchart) through ratatui's `Chart`, one panel per y column with
//! `ysplit=panels`. Each series is decimated to what the plot's width can show first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use super::axes::{self, XAxis};
use super::{ChartStyle, Crosshair};
use crate::chart::decimate::decimate;
use crate::chart::model::ChartModel;
use crate::chart::spec::Visualization;

pub fn draw(
    model: &ChartModel,
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    crosshair: Option<&Crosshair>,
) {
    let Some(x_bounds) = model.x_bounds() else {
        return;
    };
    let x_bounds = if x_bounds.1 > x_bounds.0 {
        x_bounds
    } else {
        (x_bounds.0 - 1.0, x_bounds.0 + 1.0)
    };
    let panels = model.panels.len().max(1) as u16;
    let each = area.height / panels;
    for panel in 0..panels {
        let last = panel + 1 == panels;
        let height = if last {
            area.height - each * (panels - 1)
        } else {
            each
        };
        let part = Rect::new(area.x, area.y + each * panel, area.width, height);
        let name = &model.panels[usize::from(panel)];
        let part = if name.is_empty() || part.height < 4 {
            part
        } else {
            super::put_line(buf, part, part.y, name, style.dim);
            Rect {
                y: part.y + 1,
                height: part.height - 1,
                ..part
            }
        };
        let x_axis = XAxis {
            bounds: x_bounds,
            kind: model.x_kind,
            categories: &model.categories,
        };
        let y = model.y_bounds(usize::from(panel));
        let plot = axes::draw(part, buf, style, y, last.then_some(&x_axis));
        draw_panel(model, usize::from(panel), plot, buf, style, x_bounds, y);
        if let Some(c) = crosshair {
            for mark in &c.marks {
                rule(
                    buf,
                    plot,
                    axes::column_of(*mark, x_bounds, plot),
                    "┊",
                    style.mark,
                );
            }
            rule(
                buf,
                plot,
                axes::column_of(c.x, x_bounds, plot),
                "│",
                style.cursor,
            );
        }
    }
}

fn draw_panel(
    model: &ChartModel,
    panel: usize,
    plot: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    x: (f64, f64),
    y: (f64, f64),
) {
    let graph = match model.visualization {
        Visualization::ScatterChart => GraphType::Scatter,
        Visualization::AreaChart | Visualization::StackedAreaChart => GraphType::Area,
        _ => GraphType::Line,
    };
    // Braille has two dots across a cell.
    let columns = usize::from(plot.width) * 2;
    let shown: Vec<(usize, Vec<(f64, f64)>)> = model
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| s.panel == panel)
        .map(|(i, s)| {
            let points = decimate(&s.points, x, columns);
            (i, points.iter().map(|p| (p.x, p.top)).collect())
        })
        .collect();
    // Stacks and areas: the highest drawn first, so each lower one stays in view.
    let order: Vec<&(usize, Vec<(f64, f64)>)> = if graph == GraphType::Area {
        shown.iter().rev().collect()
    } else {
        shown.iter().collect()
    };
    let datasets: Vec<Dataset<'_>> = order
        .into_iter()
        .map(|(i, data)| {
            let series = &model.series[*i];
            Dataset::default()
                .data(data)
                .marker(style.marker(*i))
                .graph_type(if series.anomaly {
                    GraphType::Scatter
                } else {
                    graph
                })
                .style(style.series(*i))
        })
        .collect();
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([x.0, x.1]))
        .y_axis(Axis::default().bounds([y.0, y.1]))
        .legend_position(None)
        .render(plot, buf);
}

/// A vertical rule at `column` of the plot, over what is drawn there.
fn rule(buf: &mut Buffer, plot: Rect, column: u16, symbol: &str, style: ratatui::style::Style) {
    for row in plot.y..plot.bottom() {
        let cell = &mut buf[(column, row)];
        if cell.symbol().trim().is_empty() || cell.symbol() == "\u{2800}" {
            cell.set_symbol(symbol);
        }
        cell.set_style(style);
    }
}
