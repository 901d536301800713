//! The whole current cell, wrapped in place over the grid: the row's line stays where it was,
//! the value unfolds below it across the grid's width (JSON pretty-printed, control characters
//! as symbols, a huge value from its start with its size named).

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::record::wrap;
use crate::results::display::{preview, safe_text};
use crate::results::view::cell_text_at;
use crate::results::Value;
use crate::ui::app::App;
use crate::ui::keymap::Action;
use crate::ui::theme::Theme;

/// Bytes of the value drawn; copy and export take all of it.
const CELL_BYTES: usize = 16 * 1024;

pub fn draw(app: &App, frame: &mut Frame<'_>, results: Rect, theme: &Theme) {
    let Some(result) = &app.view.result else {
        return;
    };
    if result.row_count() == 0 || result.column_count() == 0 {
        return;
    }
    let row = app.view.table.source_row(app.view.grid.row);
    let column = result.column(app.view.grid.column.min(result.column_count() - 1));
    let value = column.value(row);
    let (shown, whole) = match value {
        Value::Text(s) => (Value::Text(preview(s, CELL_BYTES).0), s.len()),
        Value::Dynamic(s) => (Value::Dynamic(preview(s, CELL_BYTES).0), s.len()),
        other => (other, 0),
    };
    let text = match shown {
        Value::Dynamic(json) => crate::results::value::pretty_json(json),
        other => cell_text_at(other, column.kind(), app.view.grid.local_time).text,
    };
    let width = results.width.saturating_sub(2).max(1) as usize;
    let mut lines: Vec<Line<'_>> = safe_text(&text)
        .split('␊')
        .flat_map(|l| wrap(l, width))
        .map(Line::raw)
        .collect();
    if whole > CELL_BYTES {
        lines.push(Line::styled(
            format!(
                "… {} in all: {} copies it whole",
                crate::text::human_bytes(whole as u64),
                app.keymap.first_key(Action::CopyCell)
            ),
            theme.dim(),
        ));
    }
    // Just under the selected row (a title line, names, types, then the rows above it).
    let below = results.y + 3 + (app.view.grid.row.saturating_sub(app.view.grid.top)) as u16 + 1;
    let room = (results.y + results.height).saturating_sub(below);
    let (top, height) = if room >= 3 {
        (below, room.min(lines.len() as u16 + 2))
    } else {
        let height = results.height.min(lines.len() as u16 + 2);
        (results.y + results.height - height, height)
    };
    let area = Rect::new(results.x, top, results.width, height);
    let title = format!(
        " {} · {} copies it · {} closes ",
        safe_text(column.name()),
        app.keymap.first_key(Action::CopyCell),
        app.keymap.first_key(Action::Cancel)
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}
