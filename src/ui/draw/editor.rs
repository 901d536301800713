//! The editor pane: the buffers' tabs, the text area drawn by ratatui-textarea, with KQL colours
//! laid over it from kqlhunt's own lexer (the classes Microsoft's editor uses), the query under
//! the cursor marked in the gutter, the bracket partner lit, and the places a server error or a
//! diagnostic names underlined.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use crate::assist::diagnose::Severity;
use crate::assist::highlight::Class;
use crate::results::display::safe_text;
use crate::ui::app::{App, Focus};
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
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let textarea = &app.editor.area;
    let gutter = app.editor.gutter_width().min(inner.width);
    // The widget keeps its own scroll position as it draws, so the cursor stays in view; the
    // line numbers are drawn beside it, so they stay when a long line scrolls sideways.
    let text_area = Rect {
        x: inner.x + gutter,
        width: inner.width - gutter,
        ..inner
    };
    frame.render_widget(textarea, text_area);
    let (top, left) = textarea.scroll_offset();
    let numbers = textarea.lines().len();
    for y in 0..inner.height {
        let line = top as usize + y as usize;
        if line >= numbers {
            break;
        }
        let label = format!(" {:>w$} ", line + 1, w = gutter.saturating_sub(2) as usize);
        frame.buffer_mut().set_stringn(
            inner.x,
            inner.y + y,
            label,
            gutter as usize,
            Style::default().add_modifier(Modifier::DIM),
        );
    }
    // The text and its colours come from the last edit, not from highlighting every frame.
    let painted = app.editor.painted();
    let (text, line_starts) = (&painted.text, &painted.line_starts);
    let page = Page {
        inner,
        text,
        line_starts,
        top,
        left,
        gutter,
    };
    let buffer = frame.buffer_mut();
    for &(span, class) in &painted.colours {
        let style = match class {
            Class::Comment => theme.comment(),
            Class::String => theme.string(),
            Class::Literal => theme.number(),
            Class::Function => theme.function(),
            Class::Keyword | Class::Operator => theme.keyword(),
            Class::Punctuation if &text[span.start..span.end] == "|" => theme.pipe(),
            Class::Punctuation | Class::Identifier => continue,
        };
        paint(buffer, &page, span.start, span.end, style);
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
            paint(
                buffer,
                &page,
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
                    paint(buffer, &page, at, (at + 1).min(text.len()), bold);
                }
            }
        }
    }
    // The query F5 would run: its line numbers stand out.
    for line in first..first + query_lines {
        let Some(y) = (line as u16).checked_sub(top).filter(|y| *y < inner.height) else {
            continue;
        };
        for x in 0..gutter.min(inner.width) {
            let cell = &mut buffer[(inner.x + x, inner.y + y)];
            cell.set_style(Style::default().add_modifier(Modifier::BOLD));
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
            paint(buffer, &page, at, until.min(text.len()), theme.mark());
        }
    }
}

/// What stays the same for every range painted in one frame.
struct Page<'t> {
    inner: Rect,
    text: &'t str,
    line_starts: &'t [usize],
    top: u16,
    left: u16,
    gutter: u16,
}

/// Lays a style over the cells of a byte range of the text, where they are on screen.
fn paint(
    buffer: &mut ratatui::buffer::Buffer,
    page: &Page<'_>,
    start: usize,
    end: usize,
    style: Style,
) {
    let (inner, text) = (page.inner, page.text);
    let line = page
        .line_starts
        .partition_point(|s| *s <= start)
        .saturating_sub(1);
    let mut x: usize = text[page.line_starts[line]..start]
        .chars()
        .map(|c| c.width().unwrap_or(0))
        .sum();
    let mut row = line;
    for c in text[start..end.min(text.len())].chars() {
        if c == '\n' {
            row += 1;
            x = 0;
            continue;
        }
        let w = c.width().unwrap_or(0);
        let screen_x = x as i64 - i64::from(page.left);
        if let Some(y) = (row as u16)
            .checked_sub(page.top)
            .filter(|y| *y < inner.height)
        {
            if screen_x >= 0 && (screen_x as u16) < inner.width.saturating_sub(page.gutter) {
                buffer[(inner.x + page.gutter + screen_x as u16, inner.y + y)].set_style(style);
            }
        }
        x += w;
    }
}
