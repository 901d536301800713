//! Popups over the panes: help, the full error, the record view.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::results::display::safe_text;
use crate::ui::app::{App, Overlay};
use crate::ui::keymap::{Action, CopyChoice, Scope, MODE_ACTIONS};
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
        Overlay::Help { selected, filter } => {
            let area = centered(frame.area(), 80, 80);
            super::help::draw(app, frame, area, *selected, filter, theme);
            return;
        }
        Overlay::Error => {
            let detail = app
                .view
                .error
                .as_ref()
                .map_or(String::new(), |e| e.detail.clone());
            let lines = safe_text(&detail)
                .lines()
                .map(|l| Line::raw(l.to_owned()))
                .chain([
                    Line::raw(""),
                    Line::styled(
                        format!(
                            "Your query is unchanged in the editor. {} closes.",
                            app.keymap.first_key(Action::Cancel)
                        ),
                        theme.dim(),
                    ),
                ])
                .collect();
            (" the query failed ", lines, 0)
        }
        Overlay::Statistics => {
            let lines = super::statistics::lines(app)
                .into_iter()
                .map(|l| Line::raw(safe_text(&l).into_owned()))
                .chain([
                    Line::raw(""),
                    Line::styled(
                        format!("{} closes.", app.keymap.first_key(Action::Cancel)),
                        theme.dim(),
                    ),
                ])
                .collect();
            (" statistics of the last run ", lines, 0)
        }
        Overlay::Cell => {
            let layout = super::layout(frame.area(), app.side.visible);
            super::cell::draw(app, frame, layout.results, theme);
            return;
        }
        Overlay::CopyMenu => {
            let menu = |scope| MODE_ACTIONS.iter().filter(move |row| row.2 == scope);
            let formats: Vec<Span<'_>> = menu(Scope::CopyMenu)
                .filter_map(|(action, ..)| match action {
                    Action::CopyMenuChoice(CopyChoice::Format(format)) => Some((*action, *format)),
                    _ => None,
                })
                .flat_map(|(action, format)| {
                    let key = app.keymap.first_key(action);
                    let style = if format == app.copy_format {
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
                menu(Scope::CopyMenu)
                    .filter(|row| matches!(row.0, Action::CopyMenuChoice(CopyChoice::Target(_))))
                    .map(|(action, _, _, what, _)| {
                        Line::raw(format!("[{}] {what}", app.keymap.first_key(*action)))
                    }),
            );
            lines.push(Line::raw(""));
            let key = |action| app.keymap.first_key(action);
            lines.push(Line::styled(
                format!(
                    "{} copies the cell, {} the row, {} exports to a file. {} closes.",
                    key(Action::CopyCell),
                    key(Action::CopyRow),
                    key(Action::Export),
                    key(Action::Cancel)
                ),
                theme.dim(),
            ));
            (" copy ", lines, 0)
        }
        Overlay::Record { hide_empty, .. } => {
            let area = centered(frame.area(), 80, 80);
            super::record::draw(app, frame, area, *hide_empty, theme);
            return;
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
