//! Lines (timechart, linechart), filled areas (areachart, stackedareachart), points
//! (scatterchart) and anomaly marks, one panel per y column with `ysplit=panels`. Each series
//! is decimated to the plot's width in pixels first, so a spike survives and the file stays
//! small.

use std::fmt::Write;

use super::frame::{self, scale, XAxis};
use super::{colour, px, text, Area, SvgOptions, FONT};
use crate::chart::decimate::decimate;
use crate::chart::model::ChartModel;
use crate::chart::spec::Visualization;

pub fn draw(svg: &mut String, model: &ChartModel, area: Area, options: &SvgOptions) {
    let Some(x) = model.x_bounds() else {
        return;
    };
    let x = if x.1 > x.0 { x } else { (x.0 - 1.0, x.0 + 1.0) };
    let panels = model.panels.len().max(1);
    let each = area.height / panels as f64;
    for panel in 0..panels {
        let last = panel + 1 == panels;
        let mut part = Area {
            y: area.y + each * panel as f64,
            height: each,
            ..area
        };
        let name = &model.panels[panel];
        if !name.is_empty() {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>",
                px(part.x),
                px(part.y + FONT),
                text(name)
            );
            part.y += FONT + 4.0;
            part.height -= FONT + 4.0;
        }
        let axis = XAxis {
            bounds: x,
            kind: model.x_kind,
            categories: &model.categories,
            title: &model.xtitle,
            local_time: options.local_time,
        };
        let y = model.y_bounds(panel);
        let plot = frame::draw(svg, part, y, &model.ytitle, last.then_some(&axis));
        draw_panel(svg, model, panel, plot, x, y);
    }
}

fn draw_panel(
    svg: &mut String,
    model: &ChartModel,
    panel: usize,
    plot: Area,
    x: (f64, f64),
    y: (f64, f64),
) {
    let area = matches!(
        model.visualization,
        Visualization::AreaChart | Visualization::StackedAreaChart
    );
    let scatter = model.visualization == Visualization::ScatterChart;
    let at = |px_x: f64, px_y: f64| (scale(px_x, x, plot.x, plot.right()), px_y);
    let row = |v: f64| scale(v.clamp(y.0, y.1), y, plot.bottom(), plot.y);
    let shown: Vec<usize> = (0..model.series.len())
        .filter(|&i| model.series[i].panel == panel)
        .collect();
    // Areas: the highest drawn first, so each lower one stays in view.
    let order: Vec<usize> = if area {
        shown.iter().rev().copied().collect()
    } else {
        shown
    };
    let _ = writeln!(svg, "<g class=\"series\">");
    for i in order {
        let series = &model.series[i];
        let points = decimate(&series.points, x, plot.width.max(1.0) as usize);
        let name = text(&series.name);
        if series.anomaly || scatter {
            let radius = if series.anomaly { 4.0 } else { 2.5 };
            let _ = writeln!(svg, "<g fill=\"{}\"><title>{name}</title>", colour(i));
            for p in &points {
                let (cx, _) = at(p.x, 0.0);
                let _ = writeln!(
                    svg,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"/>",
                    px(cx),
                    px(row(p.top))
                );
            }
            svg.push_str("</g>\n");
            continue;
        }
        let path: Vec<String> = points
            .iter()
            .map(|p| format!("{},{}", px(at(p.x, 0.0).0), px(row(p.top))))
            .collect();
        if path.is_empty() {
            continue;
        }
        if area {
            let base = px(row(y.0.max(0.0).min(y.1)));
            let first = px(at(points[0].x, 0.0).0);
            let last = px(at(points[points.len() - 1].x, 0.0).0);
            let _ = writeln!(
                svg,
                "<polygon points=\"{first},{base} {} {last},{base}\" fill=\"{c}\" fill-opacity=\"0.75\" stroke=\"{c}\"><title>{name}</title></polygon>",
                path.join(" "),
                c = colour(i)
            );
        } else {
            let _ = writeln!(
                svg,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"><title>{name}</title></polyline>",
                path.join(" "),
                colour(i)
            );
        }
    }
    svg.push_str("</g>\n");
}
