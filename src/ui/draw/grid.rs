//! The results grid. Only the rows and columns on screen are turned into cells, so a
//! 100,000-row result draws as fast as a 10-row one.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::results::display::{display_width, fit_width, safe_text};
use crate::results::view::{shown_cell_text, Working};
use crate::ui::app::{App, Focus, RunState};
use crate::ui::keymap::Action;
use crate::ui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Results;
    let title = match &app.view.result {
        Some(r) => {
            let mut title = format!(
                " results: {} × {} ",
                crate::text::rows(r.row_count()),
                crate::text::count(r.column_count() as u128, "column", "columns")
            );
            if r.row_count() >= crate::api::ROW_CAP {
                title.push_str(
                    "· at the service's row cap: the result may be cut, narrow the query ",
                );
            }
            if let Some((column, descending)) = app.view.table.sort() {
                let arrow = if descending { "↓" } else { "↑" };
                title.push_str(&format!(
                    "· sorted by {} {arrow} ",
                    safe_text(r.column(column).name())
                ));
            }
            if let Some(filter) = app.view.table.filter() {
                title.push_str(&format!(
                    "· {} with '{}' ",
                    crate::text::rows(app.view.table.len(r)),
                    safe_text(filter)
                ));
            }
            title.push_str(&working(app));
            title.push_str(&more_columns(app, area.width as usize));
            title
        }
        None if app.view.opening.is_some() => " results: opening the cached result… ".to_owned(),
        None => " results ".to_owned(),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(title)
        .title_style(theme.title(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(result) = &app.view.result else {
        let hint = match app.view.run {
            RunState::Running { .. } => "running…".to_owned(),
            _ => format!(
                "Put the cursor on a query and press {} to run it.",
                app.keymap.keys_for(Action::RunQuery)
            ),
        };
        frame.render_widget(Paragraph::new(hint).style(theme.dim()), inner);
        return;
    };
    if result.column_count() == 0 {
        frame.render_widget(
            Paragraph::new("The query returned no columns.").style(theme.dim()),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let columns = app.view.grid.visible_columns(&app.view.table, width);
    let mut lines: Vec<Line<'_>> = Vec::with_capacity(inner.height as usize);
    // Each column's width on screen: the last one gets what is left, and shows `…` where cut,
    // so a value is never silently shortened.
    let mut left = width;
    let mut shown: Vec<(usize, usize)> = columns
        .iter()
        .map(|&c| {
            let w = app.view.table.widths[c].min(left);
            left = left.saturating_sub(w + 1);
            (c, w)
        })
        .filter(|(_, w)| *w > 0)
        .collect();
    // The last column shown takes the room that is left, so free space shows more of its text
    // (numbers stay by their row: right-aligned across the whole screen they would drift off).
    if let Some((c, w)) = shown.last_mut() {
        if !result.column(*c).kind().is_numeric() {
            *w += left;
        }
    }
    let header = |text: &dyn Fn(usize) -> String, style: Style| {
        let mut spans = Vec::new();
        for &(c, w) in &shown {
            spans.push(Span::styled(pad(&fit_width(&text(c), w), w, false), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    };
    lines.push(header(
        &|c| safe_text(result.column(c).name()).into_owned(),
        theme.header(),
    ));
    let local = app.view.grid.local_time;
    let frozen = app.view.table.frozen;
    lines.push(header(
        &|c| {
            let kind = safe_text(result.column(c).declared_type());
            let zone = if local && result.column(c).kind() == crate::results::ColumnKind::DateTime {
                " local"
            } else {
                ""
            };
            let pin = if c < frozen { " ⇤" } else { "" };
            format!("{kind}{zone}{pin}")
        },
        theme.dim(),
    ));
    if app.view.table.len(result) == 0 {
        lines.push(Line::styled("No rows matched.", theme.dim()));
    }
    let rows = inner.height.saturating_sub(2) as usize;
    for row in app.view.grid.top..(app.view.grid.top + rows).min(app.view.table.len(result)) {
        let marked = app
            .view
            .visual
            .is_some_and(|v| (v.min(app.view.grid.row)..=v.max(app.view.grid.row)).contains(&row));
        let selected_row = row == app.view.grid.row || marked;
        let source = app.view.table.source_row(row);
        let mut spans = Vec::with_capacity(shown.len() * 2);
        for &(c, w) in &shown {
            let column = result.column(c);
            let cell = shown_cell_text(
                column.value(source),
                column.kind(),
                app.view.grid.local_time,
            );
            let mut style = if cell.null {
                theme.null()
            } else {
                Style::default()
            };
            if selected_row {
                style = style.patch(theme.selected_row());
            }
            if selected_row && c == app.view.grid.column && focused {
                style = style.patch(theme.selected_cell());
            }
            spans.push(Span::styled(
                pad(&fit_width(&cell.text, w), w, cell.right),
                style,
            ));
            spans.push(Span::styled(
                " ",
                if selected_row {
                    theme.selected_row()
                } else {
                    Style::default()
                },
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Work shorter than this never shows, so a quick sort does not flicker in the title.
const SHOWN_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// "· sorting…": the view waits for rows (or a search) computed off the UI loop.
fn working(app: &App) -> String {
    let table = &app.view.table;
    let what = match table.working() {
        _ if app.view.opening.is_some() => "opening the cached result…",
        Some((since, what)) if since.elapsed() >= SHOWN_AFTER => match what {
            Working::Sorting => "sorting…",
            Working::Filtering => "filtering…",
        },
        _ => match table.finding() {
            Some(since) if since.elapsed() >= SHOWN_AFTER => "searching…",
            _ => return String::new(),
        },
    };
    format!("· {what} ")
}

fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = width.saturating_sub(display_width(text));
    if right {
        format!("{}{text}", " ".repeat(fill))
    } else {
        format!("{text}{}", " ".repeat(fill))
    }
}

/// "· ◀ 2 · 5 ▶ more columns": columns scrolled out of view on either side, hidden ones aside.
fn more_columns(app: &App, width: usize) -> String {
    let shown = app.view.grid.visible_columns(&app.view.table, width);
    let (Some(&first), Some(&last)) = (
        shown.iter().find(|&&c| c >= app.view.table.frozen),
        shown.last(),
    ) else {
        return String::new();
    };
    let hidden = |c: &usize| app.view.table.is_hidden(*c);
    let before = (app.view.table.frozen..first)
        .filter(|c| !hidden(c))
        .count();
    let after = (last + 1..app.view.table.widths.len())
        .filter(|c| !hidden(c))
        .count();
    match (before, after) {
        (0, 0) => String::new(),
        (b, 0) => format!("· ◀ {b} more ",),
        (0, a) => format!("· {a} more ▶ "),
        (b, a) => format!("· ◀ {b} · {a} more ▶ "),
    }
}
