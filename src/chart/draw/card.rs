//! A card: the first row's values, one per line, the value in bold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::{put_line, ChartStyle};
use crate::chart::model::ChartModel;

pub fn draw(model: &ChartModel, area: Rect, buf: &mut Buffer, style: &ChartStyle) {
    let lines = model.card.len() as u16 * 2;
    let mut y = area.y + area.height.saturating_sub(lines) / 2;
    for (name, value) in &model.card {
        if y + 1 >= area.bottom() {
            break;
        }
        put_line(buf, area, y, name, style.dim);
        put_line(
            buf,
            area,
            y + 1,
            value,
            style.series(0).add_modifier(Modifier::BOLD),
        );
        y += 2;
    }
}
