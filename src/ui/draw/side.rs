//! The side pane: History, Saved and Schema lists, one shown at a time.

use chrono_free::clock;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::cli::report::human_duration;
use crate::results::display::{fit_width, safe_text};
use crate::ui::app::{App, Focus};
use crate::ui::side::{SideItem, SideTab};
use crate::ui::theme::Theme;

mod chrono_free {
    /// `hh:mm:ss` UTC of a moment.
    pub fn clock(at: std::time::SystemTime) -> String {
        let secs = at
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs()
            % 86_400;
        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    }
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Side;
    let tabs: Vec<Span<'_>> = [
        (SideTab::History, "History"),
        (SideTab::Saved, "Saved"),
        (SideTab::Schema, "Schema"),
    ]
    .into_iter()
    .flat_map(|(tab, label)| {
        let style = if tab == app.side.tab {
            theme.title(focused)
        } else {
            theme.dim()
        };
        [Span::styled(format!(" {label} "), style), Span::raw("│")]
    })
    .collect();
    let block = Block::default()
        .borders(Borders::TOP | Borders::RIGHT)
        .title(Line::from(tabs));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let items = app.side.items();
    if items.is_empty() {
        let empty = match app.side.tab {
            SideTab::History => "No runs yet in this session.",
            SideTab::Saved => {
                "No saved queries: .kql files in the data folder's saved/ appear here."
            }
            SideTab::Schema => "No schema.",
        };
        frame.render_widget(
            Paragraph::new(empty)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let first = app.side.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line<'_>> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, item)| {
            let (text, style) = match item {
                SideItem::History(entry) => {
                    let query = entry
                        .query
                        .lines()
                        .find(|l| !l.trim().starts_with("//"))
                        .unwrap_or("")
                        .trim();
                    let style = if entry.failed {
                        theme.error()
                    } else {
                        Style::default()
                    };
                    (
                        format!(
                            "{} {:>6} {}  {}",
                            clock(entry.at),
                            human_duration(entry.took),
                            entry.outcome,
                            query
                        ),
                        style,
                    )
                }
                SideItem::Saved(saved) => (saved.name.clone(), Style::default()),
                SideItem::Table {
                    name,
                    columns,
                    open,
                } => (
                    format!("{} {name} ({columns})", if *open { "▾" } else { "▸" }),
                    theme.header(),
                ),
                SideItem::Column { name, kind } => {
                    (format!("    {name}  {kind}"), Style::default())
                }
            };
            let style = if i == app.side.selected && focused {
                style.patch(theme.selected_cell())
            } else {
                style
            };
            Line::styled(fit_width(&safe_text(&text), width).into_owned(), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
