//! The editor pane: the buffers' tabs, the text area drawn by ratatui-textarea, with KQL colours
//! laid over it from kqlhunt's own lexer (the classes Microsoft's editor uses), the query under
//! the cursor marked in the gutter, the bracket partner lit, and the places a server error or a
//! diagnostic names underlined.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use crate::assist::diagnose::Severity;
use crate::assist::highlight::Class;
use crate::results::display::safe_text;
use crate::ui::app::{App, Focus};
use crate::ui::screen_rows::ScreenRows;
use crate::ui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Editor;
    let mut title = vec![Span::styled(" query ", theme.title(focused))];
    let labels = app.tab_labels();
    if labels.len() > 1 {
        for (i, label) in labels.iter().enumerate() {
            let style = if i == app.active {
                theme.title(focused)
            } else {
                theme.dim()
            };
            title.push(Span::styled(
                format!("[{} {}] ", i + 1, safe_text(label)),
                style,
            ));
        }
    }
    let mut block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(title));
    if app.editor.wraps() {
        // On the right, so the tabs keep their places (a click finds them there).
        block = block.title_top(Line::from(Span::styled(" wrap ", theme.dim())).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let textarea = &app.editor.area;
    let gutter = app.editor.gutter_width().min(inner.width);
    // The widget keeps its own scroll position as it draws, so the cursor stays in view; the
    // line numbers are drawn beside it, so they stay when a long line scrolls sideways. A
    // wrapped row leaves its last column free, so the cursor after a full row's last
    // character is still on screen.
    let free = u16::from(app.editor.wraps() && inner.width > gutter + 1);
    let text_area = Rect {
        x: inner.x + gutter,
        width: inner.width - gutter - free,
        ..inner
    };
    frame.render_widget(textarea, text_area);
    // The text, where its lines start and its colours come from the last edit, not from
    // highlighting every frame.
    let painted = app.editor.painted();
    let (text, line_starts) = (&painted.text, &painted.line_starts);
    let rows = ScreenRows::in_view(textarea, text_area, line_starts);
    let continued = if gutter > 2 { "↪" } else { "" };
    for (y, row) in rows.iter() {
        let label = if row.first {
            format!(
                " {:>w$} ",
                row.line + 1,
                w = gutter.saturating_sub(2) as usize
            )
        } else {
            format!(" {continued:>w$} ", w = gutter.saturating_sub(2) as usize)
        };
        frame.buffer_mut().set_stringn(
            inner.x,
            y,
            label,
            gutter as usize,
            Style::default().add_modifier(Modifier::DIM),
        );
    }
    let buffer = frame.buffer_mut();
    // Only the tokens in view are laid over the text: a megabyte on one line costs what a
    // screenful costs.
    let shown = rows.bytes();
    let tokens = &painted.colours;
    let from = tokens.partition_point(|(span, _)| span.end <= shown.start);
    for &(span, class) in tokens[from..].iter() {
        if span.start >= shown.end {
            break;
        }
        let style = match class {
            Class::Comment => theme.comment(),
            Class::String => theme.string(),
            Class::Literal => theme.number(),
            Class::Function => theme.function(),
            Class::Keyword | Class::Operator => theme.keyword(),
            Class::Punctuation if &text[span.start..span.end] == "|" => theme.pipe(),
            Class::Punctuation | Class::Identifier => continue,
        };
        rows.paint(buffer, span.start, span.end, style);
    }
    // Diagnostics of the query under the cursor, while its text is what was diagnosed.
    let (query, first) = app.editor.query_under_cursor();
    let query_lines = query.lines().count().max(1);
    if query == app.assist.diagnosed && first == app.assist.diagnosed_line {
        let base = line_starts.get(first).copied().unwrap_or(0);
        for d in &app.assist.diagnostics {
            let style = match d.severity {
                Severity::Error => theme.error(),
                Severity::Warning => theme.mark(),
                Severity::Hint => theme.dim(),
            }
            .add_modifier(Modifier::UNDERLINED);
            let end = d.span.end.max(d.span.start + 1);
            rows.paint(
                buffer,
                base + d.span.start,
                (base + end).min(text.len()),
                style,
            );
        }
    }
    if focused {
        if let Some((here, there)) = app.editor.matching_bracket() {
            for (line, column) in [here, there] {
                if let Some(start) = line_starts.get(line) {
                    let at = text[*start..]
                        .char_indices()
                        .nth(column)
                        .map_or(text.len(), |(b, _)| start + b);
                    let bold = Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED);
                    rows.paint(buffer, at, (at + 1).min(text.len()), bold);
                }
            }
        }
    }
    // The query F5 would run: its line numbers (and its wrapped rows' marks) stand out.
    for (y, row) in rows.iter() {
        if (first..first + query_lines).contains(&row.line) {
            for x in 0..gutter.min(inner.width) {
                let cell = &mut buffer[(inner.x + x, y)];
                cell.set_style(Style::default().add_modifier(Modifier::BOLD));
            }
        }
    }
    if let Some((line, column)) = app.view.error.as_ref().and_then(|e| e.at) {
        if let Some(start) = line_starts.get(line) {
            let end = text[*start..].find('\n').map_or(text.len(), |e| start + e);
            let at = text[*start..end]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(end, |(b, _)| start + b);
            let until = text[at..end]
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .map_or(end, |e| at + e)
                .max(at + 1)
                .min(end.max(at + 1));
            rows.paint(buffer, at, until.min(text.len()), theme.mark());
        }
    }
}
