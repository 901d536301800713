//! Where the editor's text lands on screen. The text area lays its lines out in screen rows
//! (one per line, or several for a wrapped line), and its drawing, cursor moves, scrolling and
//! the answer to a click all come from that one layout. The rows in view are read from it here,
//! so the gutter's numbers and the colours and marks laid over the text sit on the cells the
//! text was drawn in, wrapped or not.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui_textarea::{DataCursor, TextArea};

/// The rows of the editor in view, top first.
pub struct ScreenRows {
    pub rows: Vec<ScreenRow>,
    /// The text's cells on screen.
    area: Rect,
}

pub struct ScreenRow {
    /// The buffer's line this row shows part (or all) of.
    pub line: usize,
    /// The first row of its line: the line number is shown here.
    pub first: bool,
    /// Byte range in the whole text (lines joined by `\n`).
    start: usize,
    end: usize,
    /// The characters in view: (byte in the text, columns from the area's left edge, width).
    cells: Vec<(usize, u16, u16)>,
}

impl ScreenRows {
    /// Reads the rows the text area drew in `area` (call it after drawing the text area).
    /// `line_starts` holds the byte where each line starts in the whole text.
    pub fn in_view(text_area: &TextArea<'_>, area: Rect, line_starts: &[usize]) -> ScreenRows {
        let (top, left) = text_area.scroll_offset();
        let lines = text_area.lines();
        // Where each row in view starts, and the row after them (where the last one ends).
        let mut starts: Vec<DataCursor> = Vec::with_capacity(area.height as usize + 1);
        for y in 0..=area.height as usize {
            let at = text_area.screen_to_data(top as usize + y, 0);
            if starts.last() == Some(&at) {
                break; // past the last row: the text area answers its last row again
            }
            starts.push(at);
        }
        let tab = usize::from(text_area.tab_length().max(1));
        let mut rows = Vec::with_capacity(starts.len());
        // (line, column, byte in the line) of the last row placed: a long line's rows come in
        // order, so its characters are walked once, not once per row.
        let mut walked: Option<(usize, usize, usize)> = None;
        for (i, &DataCursor(line, column)) in starts.iter().enumerate().take(area.height.into()) {
            let Some(text) = lines.get(line) else { break };
            let from = match walked {
                Some((l, c, b)) if l == line && c <= column => byte_after(text, b, column - c),
                _ => byte_after(text, 0, column),
            };
            let to = match starts.get(i + 1) {
                Some(&DataCursor(next, next_column)) if next == line => {
                    byte_after(text, from, next_column - column)
                }
                _ => text.len(),
            };
            walked = Some((line, column, from));
            let base = line_starts.get(line).copied().unwrap_or(0);
            rows.push(ScreenRow {
                line,
                first: column == 0,
                start: base + from,
                end: base + to,
                cells: cells_in_view(&text[from..to], base + from, left, area.width, tab),
            });
        }
        ScreenRows { rows, area }
    }

    /// The screen row of each row in view, with the row.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &ScreenRow)> {
        (self.area.y..).zip(&self.rows)
    }

    /// The bytes of the text shown, from the first row's start to the last one's end.
    pub fn bytes(&self) -> std::ops::Range<usize> {
        match (self.rows.first(), self.rows.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    /// Lays a style over the cells of a byte range of the text, where they are in view.
    pub fn paint(&self, buffer: &mut Buffer, start: usize, end: usize, style: Style) {
        // Rows are in text order: skip those that end before the range.
        let first = self.rows.partition_point(|r| r.end < start);
        for (y, row) in (self.area.y + first as u16..).zip(&self.rows[first..]) {
            if row.start >= end {
                break;
            }
            let from = row.cells.partition_point(|(b, ..)| *b < start);
            for &(byte, x, width) in &row.cells[from..] {
                if byte >= end {
                    break;
                }
                for dx in 0..width.max(1) {
                    if let Some(cell) = buffer.cell_mut((self.area.x + x + dx, y)) {
                        cell.set_style(style);
                    }
                }
            }
        }
    }
}

/// The byte `chars` characters after `from` in `text`.
fn byte_after(text: &str, from: usize, chars: usize) -> usize {
    let rest = &text[from..];
    if rest.is_ascii() {
        return from + chars.min(rest.len());
    }
    rest.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| from + b)
}

/// The characters of a row that fall in the columns `left..left + width`, laid out as the text
/// area draws them: a tab reaches the next stop of the row, a control character takes no cell
/// (it is never drawn), every other character ratatui's own cell width.
fn cells_in_view(
    row: &str,
    base: usize,
    left: u16,
    width: u16,
    tab: usize,
) -> Vec<(usize, u16, u16)> {
    let (left, right) = (usize::from(left), usize::from(left) + usize::from(width));
    let mut cells = Vec::new();
    let mut x = 0usize;
    let mut utf8 = [0u8; 4];
    for (b, c) in row.char_indices() {
        if x >= right {
            break;
        }
        let w = if c == '\t' {
            tab - x % tab
        } else if c.is_control() {
            0
        } else {
            usize::from(c.encode_utf8(&mut utf8).cell_width())
        };
        if x >= left {
            let shown = w.min(right - x) as u16;
            cells.push((base + b, (x - left) as u16, shown));
        }
        x += w;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_lays_out_tabs_wide_characters_and_the_scrolled_columns() {
        let cells = cells_in_view("a\tb犬c", 10, 0, 80, 4);
        assert_eq!(
            cells,
            vec![(10, 0, 1), (11, 1, 3), (12, 4, 1), (13, 5, 2), (16, 7, 1)]
        );
        let scrolled = cells_in_view("abcdef", 0, 2, 3, 4);
        assert_eq!(scrolled, vec![(2, 0, 1), (3, 1, 1), (4, 2, 1)]);
    }

    #[test]
    fn characters_are_counted_in_whole_characters() {
        assert_eq!(byte_after("é犬x", 0, 2), 5);
        assert_eq!(byte_after("abc", 1, 10), 3);
        assert_eq!(byte_after("é犬x", 2, 1), 5);
    }
}
