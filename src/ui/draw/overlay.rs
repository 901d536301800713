//! Popups over the panes: help, the full error, the record view.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::results::display::safe_text;
use crate::results::Value;
use crate::ui::app::{App, Overlay};
use crate::ui::grid::cell_text_at;
use crate::ui::theme::Theme;

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
        Overlay::Help { selected } => {
            let help = app.keymap.help();
            let width = help
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(10);
            let lines = help
                .into_iter()
                .enumerate()
                .map(|(i, (keys, what))| {
                    let line = Line::from(vec![
                        Span::styled(format!("{keys:width$}  "), theme.header()),
                        Span::raw(what),
                    ]);
                    if i == *selected {
                        line.style(theme.selected_cell())
                    } else {
                        line
                    }
                })
                .chain([
                    Line::raw(""),
                    Line::styled(
                        "Your own keys: keymap.toml in the config folder (see the README).",
                        theme.dim(),
                    ),
                ])
                .collect();
            let shown = frame.area().height.saturating_sub(6);
            let scroll = (*selected as u16).saturating_sub(shown.saturating_sub(1));
            (
                " keys: ↑↓ choose, Enter runs it, Esc closes ",
                lines,
                scroll,
            )
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
                lines.push(Line::from(vec![
                    Span::styled(safe_text(column.name()).into_owned(), theme.header()),
                    Span::styled(
                        format!("  {}", safe_text(column.declared_type())),
                        theme.dim(),
                    ),
                ]));
                let value = column.value(row);
                let text = match value {
                    Value::Dynamic(json) => serde_json::from_str::<serde_json::Value>(json)
                        .and_then(|v| serde_json::to_string_pretty(&v))
                        .unwrap_or_else(|_| json.to_owned()),
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
