//! A pie: one slice per value of the first column, clockwise from twelve o'clock, in the
//! order the legend lists them; each slice says its value and share on hover.

use std::fmt::Write;

use super::{colour, px, text, Area};
use crate::chart::model::ChartModel;

pub use crate::chart::draw::pie::shares;

pub fn draw(svg: &mut String, model: &ChartModel, area: Area) {
    let shares = shares(model);
    let radius = (area.width.min(area.height) / 2.0 - 8.0).max(4.0);
    let (cx, cy) = (area.x + area.width / 2.0, area.y + area.height / 2.0);
    let point = |turn: f64| {
        let angle = turn * std::f64::consts::TAU;
        (cx + radius * angle.sin(), cy - radius * angle.cos())
    };
    let _ = writeln!(svg, "<g class=\"series\" stroke=\"#ffffff\">");
    let mut start = 0.0;
    for (i, share) in shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let series = &model.series[i];
        let mut value = String::new();
        crate::results::write_real(&mut value, series.total);
        let hover = format!(
            "<title>{} {} ({:.1}%)</title>",
            text(&series.name),
            text(&value),
            share * 100.0
        );
        if *share >= 1.0 - 1e-9 {
            let _ = writeln!(
                svg,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\">{hover}</circle>",
                px(cx),
                px(cy),
                px(radius),
                colour(i)
            );
            break;
        }
        let end = start + share;
        let (x0, y0) = point(start);
        let (x1, y1) = point(end);
        let large = if *share > 0.5 { 1 } else { 0 };
        let _ = writeln!(
            svg,
            "<path d=\"M{},{} L{},{} A{r},{r} 0 {large} 1 {},{} Z\" fill=\"{}\">{hover}</path>",
            px(cx),
            px(cy),
            px(x0),
            px(y0),
            px(x1),
            px(y1),
            colour(i),
            r = px(radius)
        );
        start = end;
    }
    svg.push_str("</g>\n");
}
