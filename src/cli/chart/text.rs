//! A ratatui `Buffer` as lines of text for stdout: each cell's symbol, wide characters once,
//! trailing blanks dropped; with `colour`, the cells' colours and weight as SGR escapes (only
//! ever ours: the symbols themselves were made safe when they were drawn).

use std::io::Write;

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::style::{
    Attribute, ResetColor, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use ratatui::crossterm::QueueableCommand;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

pub fn buffer_text(buf: &Buffer, colour: bool) -> Vec<u8> {
    let area = buf.area;
    let mut out: Vec<u8> = Vec::new();
    for y in area.top()..area.bottom() {
        let mut line: Vec<u8> = Vec::new();
        // Where the line's text ends, leaving trailing blanks out.
        let mut end = 0;
        let mut hidden = 0;
        let mut current = Style::default();
        let mut styled = false;
        for x in area.left()..area.right() {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            // Drawn text was made safe already; a symbol is checked again all the same.
            let symbol = crate::results::display::safe_text(cell.symbol());
            hidden = symbol.as_ref().width().saturating_sub(1);
            if colour {
                let style = plain(cell.style());
                if style != current {
                    let _ = set(&mut line, style);
                    current = style;
                    styled = true;
                }
            }
            line.extend_from_slice(symbol.as_bytes());
            if !symbol.trim().is_empty() {
                end = line.len();
            }
        }
        line.truncate(end);
        if styled {
            let _ = line.queue(SetAttribute(Attribute::Reset));
        }
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    // Blank lines at the bottom say nothing.
    while out.ends_with(b"\n\n") {
        out.pop();
    }
    out
}

/// What a cell's style shows: the terminal's own colours are no colour at all.
fn plain(style: Style) -> Style {
    let own = |c: Option<Color>| c.filter(|c| *c != Color::Reset);
    Style {
        fg: own(style.fg),
        bg: own(style.bg),
        add_modifier: style.add_modifier,
        ..Style::default()
    }
}

fn set(line: &mut Vec<u8>, style: Style) -> std::io::Result<()> {
    line.queue(SetAttribute(Attribute::Reset))?;
    line.queue(ResetColor)?;
    if let Some(fg) = style.fg.filter(|c| *c != Color::Reset) {
        line.queue(SetForegroundColor(fg.into_crossterm()))?;
    }
    if let Some(bg) = style.bg.filter(|c| *c != Color::Reset) {
        line.queue(SetBackgroundColor(bg.into_crossterm()))?;
    }
    if style.add_modifier.contains(Modifier::BOLD) {
        line.queue(SetAttribute(Attribute::Bold))?;
    }
    if style.add_modifier.contains(Modifier::DIM) {
        line.queue(SetAttribute(Attribute::Dim))?;
    }
    if style.add_modifier.contains(Modifier::REVERSED) {
        line.queue(SetAttribute(Attribute::Reverse))?;
    }
    if style.add_modifier.contains(Modifier::UNDERLINED) {
        line.queue(SetAttribute(Attribute::Underlined))?;
    }
    line.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn wide_characters_once_trailing_blanks_dropped_colour_only_when_asked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        buf.set_string(0, 0, "日本 x", Style::default().fg(Color::Red));
        buf.set_string(1, 1, "ab", Style::default());
        let plain = String::from_utf8(buffer_text(&buf, false)).unwrap();
        assert_eq!(plain, "日本 x\n ab\n");
        let coloured = String::from_utf8(buffer_text(&buf, true)).unwrap();
        assert_eq!(
            coloured, "\u{1b}[0m\u{1b}[0m\u{1b}[38;5;1m日本 x\u{1b}[0m\n ab\n",
            "red text, reset at its line's end; uncoloured lines stay plain"
        );
    }
}
