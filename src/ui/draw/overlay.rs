//! Popups over the panes: help, the full error, the record view.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::results::display::{preview, safe_text};
use crate::results::Value;
use crate::ui::app::{App, Overlay};
use crate::ui::grid::cell_text_at;
use crate::ui::theme::Theme;

/// Bytes of one value the record view draws; the rest is counted, not drawn.
const RECORD_BYTES: usize = 16 * 1024;

fn centered(area: Rect, width_pct: u16, height_pct: u16) -> Rect {
    let w = (area.width * width_pct / 100).max(20.min(area.width));
    let h = (area.height * height_pct / 100).max(5.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn draw(app: &App, frame: &mut Frame<'_>, theme: &Theme) {
    let (title, lines, scroll): (&str, Vec<Line<'_>>, u16) = match &app.overlay {
        Overlay::None => return,
        Overlay::Help { selected, filter } => {
            let area = centered(frame.area(), 80, 80);
            super::help::draw(app, frame, area, *selected, filter, theme);
            return;
        }
        Overlay::Error => {
            let detail = app
                .error
                .as_ref()
                .map_or(String::new(), |e| e.detail.clone());
            let lines = safe_text(&detail)
                .lines()
                .map(|l| Line::raw(l.to_owned()))
                .chain([
                    Line::raw(""),
                    Line::styled(
                        "Your query is unchanged in the editor. Esc closes.",
                        theme.dim(),
                    ),
                ])
                .collect();
            (" the query failed ", lines, 0)
        }
        Overlay::CopyMenu => {
            let formats: Vec<Span<'_>> = crate::ui::copy::FORMAT_KEYS
                .iter()
                .flat_map(|(key, format)| {
                    let style = if *format == app.copy_format {
                        theme.selected_cell()
                    } else {
                        ratatui::style::Style::default()
                    };
                    [
                        Span::styled(format!("[{key}] {}", format.name()), style),
                        Span::raw("  "),
                    ]
                })
                .collect();
            let mut lines = vec![
                Line::styled("Format (stays chosen):", theme.header()),
                Line::from(formats),
                Line::raw(""),
                Line::styled("Copy:", theme.header()),
            ];
            lines.extend(
                crate::ui::copy::TARGET_KEYS
                    .iter()
                    .map(|(key, _, what)| Line::raw(format!("[{key}] {what}"))),
            );
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "y copies the cell, Y the row, e exports to a file. Esc closes.",
                theme.dim(),
            ));
            (" copy ", lines, 0)
        }
        Overlay::Record { scroll } => {
            let Some(result) = &app.result else { return };
            let row = app
                .grid
                .source_row(app.grid.row)
                .min(result.row_count().saturating_sub(1));
            let mut lines = Vec::new();
            for column in result.columns() {
                let value = column.value(row);
                // A huge value is shown from its start, with its size: drawing all of a 47 MB
                // cell on every key would freeze the view. Copy and export take it whole.
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
                let mut header = vec![
                    Span::styled(safe_text(column.name()).into_owned(), theme.header()),
                    Span::styled(
                        format!("  {}", safe_text(column.declared_type())),
                        theme.dim(),
                    ),
                ];
                if cut {
                    header.push(Span::styled(
                        format!(
                            "  (cut: {} in all; y in the grid copies it whole, e exports it)",
                            crate::cli::report::human_bytes(whole as u64)
                        ),
                        theme.error(),
                    ));
                }
                lines.push(Line::from(header));
                let text = match value {
                    Value::Dynamic(json) => crate::results::value::pretty_json(json),
                    other => cell_text_at(other, column.kind(), app.grid.local_time).text,
                };
                for l in safe_text(&text).split('␊') {
                    let style = if value.is_null() {
                        theme.null()
                    } else {
                        ratatui::style::Style::default()
                    };
                    lines.push(Line::styled(format!("  {l}"), style));
                }
                if cut {
                    lines.push(Line::styled("  …", theme.dim()));
                }
            }
            (" record (↑↓ scroll, Esc closes) ", lines, *scroll)
        }
    };
    let area = centered(frame.area(), 80, 80);
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
