//! The record view's drawing: each field's name and type, then its value wrapped to the width
//! (JSON pretty-printed), the chosen field marked and kept in view. Huge values are drawn from
//! their start with their size named; copy and export take them whole.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::results::display::{display_width, preview, safe_text};
use crate::results::view::cell_text_at;
use crate::results::Value;
use crate::ui::app::App;
use crate::ui::copy::CopyTarget;
use crate::ui::keymap::{Action, RecordAction};
use crate::ui::record::fields;
use crate::ui::theme::Theme;

/// Bytes of one value the record view draws; the rest is counted, not drawn.
const RECORD_BYTES: usize = 16 * 1024;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, hide_empty: bool, theme: &Theme) {
    let Some(result) = &app.view.result else {
        return;
    };
    if result.column_count() == 0 || result.row_count() == 0 {
        return;
    }
    let row = app
        .view
        .table
        .source_row(app.view.grid.row)
        .min(result.row_count().saturating_sub(1));
    let count = app.view.table.len(result);
    let title = app
        .keymap
        .record_title(app.view.grid.row + 1, count, hide_empty);
    let key = |action| app.keymap.first_key(action);
    let copy_key = key(Action::Record(RecordAction::Copy(CopyTarget::Cell)));
    let empty_key = key(Action::Record(RecordAction::ToggleEmpty));
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = (inner.width as usize).saturating_sub(2).max(1);
    let mut lines = Vec::new();
    let mut chosen = 0;
    let shown = fields(result, row, hide_empty);
    for &c in &shown {
        let column = result.column(c);
        let value = column.value(row);
        let whole = match value {
            Value::Text(s) | Value::Dynamic(s) => s.len(),
            _ => 0,
        };
        let (value, cut) = match value {
            Value::Text(s) => (
                Value::Text(preview(s, RECORD_BYTES).0),
                whole > RECORD_BYTES,
            ),
            Value::Dynamic(s) => (
                Value::Dynamic(preview(s, RECORD_BYTES).0),
                whole > RECORD_BYTES,
            ),
            other => (other, false),
        };
        let selected = c == app.view.grid.column;
        if selected {
            chosen = lines.len();
        }
        let name_style = if selected {
            theme.selected_cell()
        } else {
            theme.header()
        };
        let mut header = vec![
            Span::styled(safe_text(column.name()).into_owned(), name_style),
            Span::styled(
                format!("  {}", safe_text(column.declared_type())),
                theme.dim(),
            ),
        ];
        if cut {
            header.push(Span::styled(
                format!(
                    "  (cut: {} in all; {copy_key} copies it whole, {} in the grid exports it)",
                    crate::text::human_bytes(whole as u64),
                    key(Action::Export)
                ),
                theme.error(),
            ));
        }
        lines.push(Line::from(header));
        let text = match value {
            Value::Dynamic(json) => crate::results::value::pretty_json(json),
            other => cell_text_at(other, column.kind(), app.view.grid.local_time).text,
        };
        let style = if value.is_null() {
            theme.null()
        } else {
            ratatui::style::Style::default()
        };
        for l in safe_text(&text).split('␊') {
            for piece in wrap(l, width) {
                lines.push(Line::styled(format!("  {piece}"), style));
            }
        }
        if cut {
            lines.push(Line::styled("  …", theme.dim()));
        }
    }
    if shown.is_empty() {
        lines.push(Line::styled(
            format!("every field of this record is empty ({empty_key} shows them)"),
            theme.dim(),
        ));
    }
    // The chosen field's name stays in view, a third of the way down when the view must move.
    let height = inner.height as usize;
    let scroll = if chosen < height.saturating_sub(2) {
        0
    } else {
        chosen.saturating_sub(height / 3)
    };
    let visible: Vec<Line<'_>> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// Safe text cut into pieces of at most `width` columns, whole characters each.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
        used += w;
    }
    pieces
}
