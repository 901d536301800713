//! Drawing: a pure function of the app's state into a frame. Nothing here changes state.

mod cell;
mod chart;
mod completion;
mod editor;
mod grid;
mod help;
mod overlay;
mod record;
mod side;
mod statistics;
mod stats_line;
mod status;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::app::App;
use super::theme::Theme;

/// Where each pane goes. The app uses the same layout to page and scroll.
pub struct Layout {
    pub side: Option<Rect>,
    pub editor: Rect,
    pub results: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl Layout {
    /// Data rows the grid shows: its height less the title and the two header lines.
    pub fn grid_rows(&self) -> usize {
        usize::from(self.results.height.saturating_sub(3))
    }
}

/// The side pane, when shown, takes a column on the left; bars take the last two lines.
pub fn layout(area: Rect, side: bool) -> Layout {
    let bars = 2.min(area.height);
    let body = area.height - bars;
    let side_width = if side {
        (area.width / 4).clamp(24.min(area.width), 40)
    } else {
        0
    };
    let main = Rect::new(area.x + side_width, area.y, area.width - side_width, body);
    let editor_height = (body * 2 / 5)
        .clamp(body.min(4), 16.max(body / 3))
        .min(body);
    Layout {
        side: side.then(|| Rect::new(area.x, area.y, side_width, body)),
        editor: Rect::new(main.x, main.y, main.width, editor_height),
        results: Rect::new(
            main.x,
            main.y + editor_height,
            main.width,
            body - editor_height,
        ),
        status: Rect::new(area.x, area.y + body, area.width, bars.min(1)),
        hints: Rect::new(
            area.x,
            area.y + body + 1,
            area.width,
            bars.saturating_sub(1),
        ),
    }
}

pub fn draw(app: &App, frame: &mut Frame<'_>, theme: &Theme) {
    let layout = layout(frame.area(), app.side.visible);
    if let Some(area) = layout.side {
        side::draw(app, frame, area, theme);
    }
    editor::draw(app, frame, layout.editor, theme);
    if app.view.chart.is_some() {
        chart::draw(app, frame, layout.results, theme);
    } else {
        grid::draw(app, frame, layout.results, theme);
        chart::draw_picker(app, frame, layout.results, theme);
    }
    status::draw(app, frame, layout.status, theme);
    let hints = if status::note_needs_two_lines(app, layout.hints.width) && layout.status.height > 0
    {
        // The quota keeps its place at the status bar's end; the note takes the rest of both rows.
        let quota = format!(" │ {}", status::quota_text(app).0.trim_end_matches(" min"));
        let quota_width = crate::results::display::display_width(&quota) as u16;
        let both = Rect {
            y: layout.status.y,
            height: layout.status.height + layout.hints.height,
            width: layout.hints.width.saturating_sub(quota_width),
            ..layout.hints
        };
        frame.render_widget(ratatui::widgets::Clear, both);
        if quota_width < layout.status.width {
            let at = Rect {
                x: layout.status.x + layout.status.width - quota_width,
                width: quota_width,
                ..layout.status
            };
            frame.render_widget(
                ratatui::widgets::Paragraph::new(quota).style(theme.status()),
                at,
            );
        }
        both
    } else {
        layout.hints
    };
    status::draw_hints(app, frame, hints, theme);
    completion::draw(app, frame, layout.editor, theme);
    overlay::draw(app, frame, theme);
}
