//! The help palette: a filter line, then one line per command (keys, pane, what it does), cut
//! to the width and scrolled so the chosen line is always in view, down to the last one.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::results::display::{display_width, fit_width, safe_text};
use crate::ui::app::App;
use crate::ui::help::palette;
use crate::ui::theme::Theme;

pub fn draw(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    selected: usize,
    filter: &str,
    theme: &Theme,
) {
    let entries = palette(&app.keymap, filter);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(app.keymap.palette_title(entries.len()));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let keys_width = entries
        .iter()
        .map(|e| display_width(&safe_text(&e.keys)))
        .max()
        .unwrap_or(10)
        .min(24)
        .min(width / 3);
    // On a narrow screen the pane column gives way to what the command does.
    let with_pane = width >= 70;
    let mut lines = vec![Line::from(vec![
        Span::styled(" filter: ", theme.header()),
        Span::raw(format!("{}▏", safe_text(filter))),
    ])];
    // The filter line stays; the list scrolls under it.
    let rows = (inner.height as usize).saturating_sub(1);
    let selected = selected.min(entries.len().saturating_sub(1));
    let first = selected.saturating_sub(rows.saturating_sub(1));
    for (i, entry) in entries.iter().enumerate().skip(first).take(rows) {
        // Keys longer than the column run on; the line is cut at the popup's edge instead.
        let keys = safe_text(&entry.keys);
        let pad = " ".repeat(keys_width.saturating_sub(display_width(&keys)));
        let text = if with_pane {
            format!(" {keys}{pad}  {:<9}  {}", entry.pane, entry.what)
        } else {
            format!(" {keys}{pad}  {}", entry.what)
        };
        let line = fit_width(&text, width).into_owned();
        let style = if i == selected {
            theme.selected_cell()
        } else if !entry.runs {
            theme.dim()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(line, style));
    }
    if entries.is_empty() {
        lines.push(Line::styled(
            " no command matches: Backspace widens",
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
