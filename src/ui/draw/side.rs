//! The side pane: History, Saved and Schema lists, one shown at a time.

use chrono_free::clock;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::history::Outcome;
use crate::results::display::{fit_width, safe_text};
use crate::text::human_duration;
use crate::ui::app::{App, Focus};
use crate::ui::keymap::{Action, PromptAction, SideAction};
use crate::ui::side::{SideItem, SideTab};
use crate::ui::theme::Theme;

mod chrono_free {
    use std::time::{SystemTime, UNIX_EPOCH};

    /// `hh:mm` UTC for a moment of today, `MM-DD hh:mm` for an older one.
    pub fn clock(at: SystemTime) -> String {
        let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let (at, now) = (secs(at), secs(SystemTime::now()));
        let time = format!("{:02}:{:02}", at % 86_400 / 3600, at / 60 % 60);
        if at / 86_400 == now / 86_400 {
            time
        } else {
            let (_, month, day) = crate::results::datetime::civil_from_days((at / 86_400) as i64);
            format!("{month:02}-{day:02} {time}")
        }
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
        let key = |action| app.keymap.first_key(action);
        let empty = match app.side.tab {
            SideTab::History if !app.side.history_search.is_empty() => format!(
                "No run matches the search ({} to change it, {} in it to clear).",
                key(Action::Side(SideAction::Search)),
                key(Action::Prompt(PromptAction::Cancel))
            ),
            SideTab::History => format!(
                "No runs yet. Every run is kept here, with its result: {} opens it without a call.",
                key(Action::Side(SideAction::OpenCached))
            ),
            SideTab::Saved => {
                "No saved queries: .kql files in the data folder's saved/ appear here.".into()
            }
            SideTab::Schema => "No schema.".into(),
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
                SideItem::History(run) => {
                    let style = if matches!(run.outcome, Outcome::Error | Outcome::Throttled) {
                        theme.error()
                    } else {
                        Style::default()
                    };
                    (
                        format!(
                            "{} {:>6} {}{}  {}",
                            clock(run.started),
                            human_duration(run.wall_time),
                            if run.cached { "◆ " } else { "" },
                            match run.outcome {
                                // The query matters more than the error's words in a list;
                                // Enter on the run shows it all.
                                Outcome::Error => "✗ error".to_owned(),
                                Outcome::Throttled => "✗ throttled".to_owned(),
                                _ => run.summary(),
                            },
                            run.headline()
                        ),
                        style,
                    )
                }
                SideItem::Saved(saved) => (
                    if saved.name == saved.path.rsplit('/').next().unwrap_or("") {
                        saved.path.clone()
                    } else {
                        format!("{}  {}", saved.path, saved.name)
                    },
                    Style::default(),
                ),
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
