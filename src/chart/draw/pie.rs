//! A pie through ratatui's `Canvas`: one layer per slice (its colour, or its own marker
//! without colour), the disc kept round on cells twice as tall as they are wide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::Widget;

use super::{ChartStyle, Crosshair};
use crate::chart::model::ChartModel;

/// Each slice's share of the whole (negative values count as nothing).
pub fn shares(model: &ChartModel) -> Vec<f64> {
    let sizes: Vec<f64> = model.series.iter().map(|s| s.total.max(0.0)).collect();
    let whole: f64 = sizes.iter().sum();
    sizes
        .iter()
        .map(|s| if whole > 0.0 { s / whole } else { 0.0 })
        .collect()
}

pub fn draw(
    model: &ChartModel,
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    _crosshair: Option<&Crosshair>,
) {
    if area.height < 2 || area.width < 4 {
        return;
    }
    let height = area.height.min(area.width / 2);
    let width = height * 2;
    let disc = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let shares = shares(model);
    // Where each slice ends, clockwise from twelve o'clock, as a fraction of the turn.
    let ends: Vec<f64> = shares
        .iter()
        .scan(0.0, |sum, s| {
            *sum += s;
            Some(*sum)
        })
        .collect();
    // Braille: 2 x 4 dots a cell; every dot inside the disc belongs to one slice.
    let (across, down) = (usize::from(width) * 2, usize::from(height) * 4);
    let mut dots: Vec<Vec<(f64, f64)>> = vec![Vec::new(); shares.len()];
    for j in 0..down {
        for i in 0..across {
            let x = (i as f64 + 0.5) / across as f64 * 2.0 - 1.0;
            let y = 1.0 - (j as f64 + 0.5) / down as f64 * 2.0;
            if x * x + y * y > 1.0 {
                continue;
            }
            let turn = (x.atan2(y) / std::f64::consts::TAU).rem_euclid(1.0);
            if let Some(slice) = ends.iter().position(|end| turn < *end) {
                dots[slice].push((x, y));
            }
        }
    }
    for (slice, points) in dots.iter().enumerate() {
        let colour = style.series(slice).fg.unwrap_or_default();
        Canvas::default()
            .marker(style.marker(slice))
            .x_bounds([-1.0, 1.0])
            .y_bounds([-1.0, 1.0])
            .paint(|ctx| {
                ctx.draw(&Points {
                    coords: points,
                    color: colour,
                })
            })
            .render(disc, buf);
    }
}
