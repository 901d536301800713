//! The completion popup, just under the cursor (above it when there is no room below).

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::results::display::{fit_width, safe_text};
use crate::ui::app::App;
use crate::ui::theme::Theme;

const ROWS: usize = 8;

pub fn draw(app: &App, frame: &mut Frame<'_>, editor: Rect, theme: &Theme) {
    let Some(popup) = &app.assist.popup else {
        return;
    };
    let items = &popup.completion.items;
    let screen = frame.area();
    let area = &app.editor.area;
    // Where the text area drew the cursor, wrapped or scrolled sideways.
    let (top, left) = area.scroll_offset();
    let cursor = area.screen_cursor();
    let column = u16::try_from(cursor.col).unwrap_or(u16::MAX);
    let row = u16::try_from(cursor.row).unwrap_or(u16::MAX);
    let x = editor.x + app.editor.gutter_width() + column.saturating_sub(left);
    let y = editor.y + 1 + row.saturating_sub(top);
    let label_width = items
        .iter()
        .map(|i| i.label.width())
        .max()
        .unwrap_or(0)
        .min(40);
    let width = (label_width + 34).min(screen.width as usize) as u16;
    let height = (items.len().min(ROWS) + 2) as u16;
    let below = y + 1 + height <= screen.height.saturating_sub(2);
    let y = if below {
        y + 1
    } else {
        y.saturating_sub(height)
    };
    let x = x.min(screen.width.saturating_sub(width));
    let rect = Rect::new(x, y, width, height).intersection(screen);
    let first = popup.selected.saturating_sub(ROWS - 1);
    let inner_width = rect.width.saturating_sub(2) as usize;
    let lines: Vec<Line<'_>> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(ROWS)
        .map(|(i, item)| {
            let label = fit_width(&safe_text(&item.label), label_width).into_owned();
            let pad = label_width.saturating_sub(label.width());
            let detail_width = inner_width.saturating_sub(label_width + 12);
            let detail = fit_width(&safe_text(&item.detail), detail_width).into_owned();
            let mut style = ratatui::style::Style::default();
            if i == popup.selected {
                style = style
                    .patch(theme.selected_cell())
                    .add_modifier(Modifier::BOLD);
            }
            Line::from(vec![
                Span::styled(format!("{label}{} ", " ".repeat(pad)), style),
                Span::styled(format!("{:>9} ", item.kind.tag()), theme.dim()),
                Span::styled(detail, theme.dim()),
            ])
        })
        .collect();
    let title = app.keymap.completion_title(popup.selected + 1, items.len());
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        rect,
    );
}
