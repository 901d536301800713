//! The legend on one line: each series' swatch (its colour, or its marker without colour)
//! and name; a pie's shares in percent; how many series were folded into "other".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::ChartStyle;
use crate::chart::model::ChartModel;
use crate::chart::spec::Visualization;
use crate::results::display::{display_width, fit_width, safe_text};

pub fn draw(model: &ChartModel, line: Rect, buf: &mut Buffer, style: &ChartStyle) {
    let shares =
        (model.visualization == Visualization::PieChart).then(|| super::pie::shares(model));
    let mut x = line.x;
    let end = line.right();
    for (i, series) in model.series.iter().enumerate() {
        let mut name = fit_width(&safe_text(&series.name), 40).into_owned();
        if let Some(shares) = &shares {
            name.push_str(&format!(" {:.0}%", shares[i] * 100.0));
        }
        if series.name == "other" && model.folded > 0 {
            name.push_str(&format!(" ({} series)", model.folded));
        }
        let swatch = style.swatch(i);
        let width = display_width(&name).min(200) as u16 + 3;
        if x + width > end {
            if x + 1 < end {
                buf.set_string(x, line.y, "…", style.dim);
            }
            break;
        }
        buf.set_string(x, line.y, swatch, style.series(i));
        buf.set_string(x + 2, line.y, &name, style.text);
        x += width;
    }
}
