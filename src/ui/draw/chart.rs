//! The results pane as a chart: the tab's chart view drawn with the theme's series colours
//! and the grid's time zone, its crosshair and readout; or, over the grid, the picker of a
//! chart for a result without `render`.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::chart::draw_chart;
use crate::results::display::safe_text;
use crate::ui::app::{App, Focus};
use crate::ui::keymap::Action;
use crate::ui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let (Some(chart), Some(result)) = (&app.view.chart, &app.view.result) else {
        return;
    };
    let rows = app.view.table.len(result);
    let mut title = format!(
        " chart: {} of {} ",
        safe_text(chart.spec.visualization.name()),
        crate::text::rows(rows)
    );
    if let Ok(model) = &chart.model {
        if model.folded > 0 {
            title.push_str(&format!("· {} folded into other ", model.folded));
        }
    }
    if let Some(filter) = app.view.table.filter() {
        title.push_str(&format!("· with '{}' ", safe_text(filter)));
    }
    title.push_str(&format!(
        "· {} table ",
        app.keymap.first_key(Action::ToggleChart)
    ));
    let block = Block::default()
        .borders(Borders::TOP)
        .title(title)
        .title_style(theme.title(app.focus == Focus::Results));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match &chart.model {
        Ok(model) => {
            let local = app.view.grid.local_time;
            let crosshair = chart.crosshair(result, local);
            draw_chart(
                model,
                inner,
                frame.buffer_mut(),
                &theme.chart_style(local),
                crosshair.as_ref(),
            );
        }
        Err(e) => frame.render_widget(
            Paragraph::new(safe_text(&e.to_string()).into_owned()).style(theme.error()),
            inner,
        ),
    }
}

/// The picker, a small box at the top of the results pane.
pub fn draw_picker(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let (Some(picker), Some(result)) = (&app.view.picker, &app.view.result) else {
        return;
    };
    let lines: Vec<Line<'_>> = picker
        .lines(result)
        .into_iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let style = if i == picker.field {
                theme.selected_cell()
            } else {
                theme.dim()
            };
            Line::from(vec![
                Span::styled(format!(" {name:<7}"), theme.header()),
                Span::styled(format!(" ‹ {} › ", safe_text(&value)), style),
            ])
        })
        .collect();
    let title = app.keymap.picker_title();
    let width = (crate::results::display::display_width(&title) as u16 + 2).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let at = Rect::new(
        area.x + 1.min(area.width),
        area.y + 1.min(area.height),
        width,
        height,
    )
    .intersection(area);
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(theme.title(true)),
        ),
        at,
    );
}
