//! The query editor: ratatui-textarea does the editing; kqlhunt finds the query under the
//! cursor, as the portal and Kusto.Explorer do: queries are separated by blank lines.

use std::sync::atomic::{AtomicU64, Ordering};

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::undo::{Snapshot, UndoHistory};

pub struct Editor {
    pub area: TextArea<'static>,
    /// Whole-edit undo and redo (the text area's own history is off).
    pub undo: UndoHistory,
    /// Tells buffers apart when a key switches tabs in the middle of an edit.
    pub id: u64,
    /// Bumped by every edit: work asked about the text (lint, completion) and the colours
    /// drawn carry it, and are stale when it moved on.
    pub edits: u64,
    /// The text as drawn, with its colours, for the edit it was made at.
    painted: std::cell::RefCell<Option<std::sync::Arc<Painted>>>,
}

/// The buffer's text, where its lines start and its KQL colours, made once per edit and drawn
/// from in every frame until the next one.
pub struct Painted {
    pub edits: u64,
    pub text: String,
    pub line_starts: Vec<usize>,
    pub colours: Vec<(crate::kql::Span, crate::assist::highlight::Class)>,
}

/// The first buffer of a workbench with nothing kept: how to run and where the help is, in the
/// keys in force, then two hunts to start from.
pub fn welcome(keymap: &super::keymap::Keymap) -> String {
    format!("{}\n{EXAMPLES}", keymap.welcome_comment())
}

const EXAMPLES: &str = "DeviceProcessEvents
| where Timestamp > ago(7d)
| where FileName in~ (\"powershell.exe\", \"cmd.exe\")
| project Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine
| take 100

DeviceNetworkEvents
| summarize Connections = count() by RemoteUrl
| top 20 by Connections";

impl Default for Editor {
    fn default() -> Editor {
        Editor::new("")
    }
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let text = crate::results::display::editable_text(text);
        Editor {
            area: text_area(text.lines().map(str::to_owned).collect()),
            undo: UndoHistory::default(),
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            edits: 0,
            painted: Default::default(),
        }
    }

    /// The text and its colours as of the last edit: highlighted again only after an edit, not
    /// in every frame.
    pub fn painted(&self) -> std::sync::Arc<Painted> {
        let mut cache = self.painted.borrow_mut();
        if let Some(painted) = cache.as_ref().filter(|p| p.edits == self.edits) {
            return painted.clone();
        }
        let text = self.text();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let colours = crate::assist::highlight::highlight(&text);
        let painted = std::sync::Arc::new(Painted {
            edits: self.edits,
            text,
            line_starts,
            colours,
        });
        *cache = Some(painted.clone());
        painted
    }

    /// Columns of the line-number gutter: the digits of the last line and a space each side.
    pub fn gutter_width(&self) -> u16 {
        let mut digits = 1;
        let mut n = self.area.lines().len();
        while n >= 10 {
            n /= 10;
            digits += 1;
        }
        digits + 2
    }

    /// Soft wrap: a long line takes as many screen rows as it needs, broken after a word or an
    /// operator where one falls in the row, else at the width (never inside a character).
    pub fn set_wrap(&mut self, on: bool) {
        if on != self.wraps() {
            let mode = if on {
                WrapMode::WordOrGlyph
            } else {
                WrapMode::None
            };
            self.area.set_wrap_mode(mode);
        }
    }

    pub fn wraps(&self) -> bool {
        self.area.wrap_mode() != WrapMode::None
    }

    /// Takes back the last whole edit. False when there is none.
    pub fn undo_step(&mut self) -> bool {
        let now = Snapshot::of(&self.area);
        match self.undo.undo(now) {
            Some(step) => {
                self.restore(step);
                true
            }
            None => false,
        }
    }

    /// Makes the last undone edit again. False when there is none.
    pub fn redo_step(&mut self) -> bool {
        let now = Snapshot::of(&self.area);
        match self.undo.redo(now) {
            Some(step) => {
                self.restore(step);
                true
            }
            None => false,
        }
    }

    fn restore(&mut self, step: Snapshot) {
        let wrap = self.wraps();
        self.area = text_area(step.lines);
        self.set_wrap(wrap);
        let (row, column) = step.cursor;
        self.go_to(row, column);
    }

    /// Puts the cursor at a line and column, on buffers of any length.
    pub fn go_to(&mut self, row: usize, column: usize) {
        self.area.move_cursor(CursorMove::Top);
        let jump = row.min(u16::MAX as usize);
        self.area.move_cursor(CursorMove::Jump(jump as u16, 0));
        for _ in jump..row {
            self.area.move_cursor(CursorMove::Down);
        }
        let width = self.area.lines().get(row).map_or(0, |l| l.chars().count());
        for _ in 0..column.min(width) {
            self.area.move_cursor(CursorMove::Forward);
        }
    }

    /// Ctrl+Home and Ctrl+End: the start and the end of the buffer.
    pub fn to_start(&mut self) {
        self.area.cancel_selection();
        self.area.move_cursor(CursorMove::Top);
        self.area.move_cursor(CursorMove::Head);
    }

    pub fn to_end(&mut self) {
        self.area.cancel_selection();
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
    }

    /// Types `text` at the cursor, its control characters as visible symbols.
    pub fn insert(&mut self, text: &str) {
        self.area
            .insert_str(crate::results::display::editable_text(text));
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The selection if there is one, else the blank-line-separated block under the cursor
    /// (or just above it, when the cursor sits on a blank line). Also its first line.
    pub fn query_under_cursor(&self) -> (String, usize) {
        let lines = self.area.lines();
        if let Some(((r1, c1), (r2, c2))) = self.area.selection_range() {
            let mut out = String::new();
            for (r, line) in lines.iter().enumerate().take(r2 + 1).skip(r1) {
                let chars: Vec<char> = line.chars().collect();
                let start = if r == r1 { c1.min(chars.len()) } else { 0 };
                let end = if r == r2 {
                    c2.min(chars.len())
                } else {
                    chars.len()
                };
                out.extend(&chars[start..end.max(start)]);
                if r != r2 {
                    out.push('\n');
                }
            }
            return (out, r1);
        }
        let blank = |r: usize| lines.get(r).is_none_or(|l| l.trim().is_empty());
        let mut row = self.area.cursor().0.min(lines.len().saturating_sub(1));
        while row > 0 && blank(row) {
            row -= 1;
        }
        let mut start = row;
        while start > 0 && !blank(start - 1) {
            start -= 1;
        }
        let mut end = row;
        while end + 1 < lines.len() && !blank(end + 1) {
            end += 1;
        }
        (lines[start..=end].join("\n"), start)
    }
}

/// A text area set up as the editor wants it. Its own undo is off: [`UndoHistory`] keeps
/// whole edits instead. Its own line numbers are off too: they would scroll away with a long
/// line, so the drawing puts them in a gutter of its own ([`Editor::gutter_width`]).
fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    area.set_max_histories(0);
    area.set_tab_length(4);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

impl Editor {
    /// The lines an edit of whole lines applies to: the selected ones, else the cursor's.
    fn touched_lines(&self) -> (usize, usize) {
        match self.area.selection_range() {
            Some(((r1, _), (r2, c2))) if r2 > r1 && c2 == 0 => (r1, r2 - 1),
            Some(((r1, _), (r2, _))) => (r1, r2),
            None => (self.area.cursor().0, self.area.cursor().0),
        }
    }

    /// Runs `edit` on each touched line with the cursor at its start, then puts the cursor
    /// back on its line. The key that asked for it is one step of undo.
    fn each_line(&mut self, mut edit: impl FnMut(&mut TextArea<'static>, &str)) {
        let (first, last) = self.touched_lines();
        let ratatui_textarea::DataCursor(row, column) = self.area.cursor();
        self.area.cancel_selection();
        for r in first..=last {
            let line = self.area.lines()[r].clone();
            self.area.move_cursor(CursorMove::Jump(r as u16, 0));
            edit(&mut self.area, &line);
        }
        let width = self.area.lines()[row].chars().count();
        self.area
            .move_cursor(CursorMove::Jump(row as u16, column.min(width) as u16));
    }

    /// Comments the touched lines with `// `, or uncomments them when all are comments.
    pub fn toggle_comment(&mut self) {
        let (first, last) = self.touched_lines();
        let lines = &self.area.lines()[first..=last];
        let all_comments = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.trim_start().starts_with("//"));
        self.each_line(|area, line| {
            let indent = line.chars().take_while(|c| c.is_whitespace()).count();
            if all_comments {
                let rest = &line.trim_start()[2..];
                let remove = 2 + usize::from(rest.starts_with(' '));
                area.move_cursor(CursorMove::Jump(area.cursor().0 as u16, indent as u16));
                area.delete_str(remove);
            } else if !line.trim().is_empty() {
                area.insert_str("// ");
            }
        });
    }

    /// Indents (or dedents) the touched lines by four spaces.
    pub fn indent(&mut self, more: bool) {
        self.each_line(|area, line| {
            if more {
                area.insert_str("    ");
            } else {
                let spaces = line.chars().take(4).take_while(|c| *c == ' ').count();
                area.delete_str(spaces);
            }
        });
    }

    /// The bracket at (or just before) the cursor and its partner, outside strings and
    /// comments: ((line, column), (line, column)).
    pub fn matching_bracket(&self) -> Option<((usize, usize), (usize, usize))> {
        let text = self.text();
        let ratatui_textarea::DataCursor(row, column) = self.area.cursor();
        let line_start: usize = self.area.lines()[..row].iter().map(|l| l.len() + 1).sum();
        let line = &self.area.lines()[row];
        let at = |c: usize| line_start + line.char_indices().nth(c).map_or(line.len(), |(b, _)| b);
        let brackets: Vec<(usize, char)> = crate::kql::lexer::lex(&text)
            .into_iter()
            .filter(|t| t.kind == crate::kql::lexer::TokenKind::Symbol)
            .filter_map(|t| {
                let c = t.text(&text).chars().next()?;
                (t.span.end - t.span.start == 1 && "()[]{}".contains(c))
                    .then_some((t.span.start, c))
            })
            .collect();
        let here = brackets
            .iter()
            .position(|(b, _)| *b == at(column))
            .or_else(|| {
                column
                    .checked_sub(1)
                    .and_then(|c| brackets.iter().position(|(b, _)| *b == at(c)))
            })?;
        let (open, close, forward) = match brackets[here].1 {
            '(' => ('(', ')', true),
            '[' => ('[', ']', true),
            '{' => ('{', '}', true),
            ')' => ('(', ')', false),
            ']' => ('[', ']', false),
            _ => ('{', '}', false),
        };
        let mut depth = 0i32;
        let order: Box<dyn Iterator<Item = &(usize, char)>> = if forward {
            Box::new(brackets[here..].iter())
        } else {
            Box::new(brackets[..=here].iter().rev())
        };
        for (byte, c) in order {
            if *c == open {
                depth += if forward { 1 } else { -1 };
            } else if *c == close {
                depth += if forward { -1 } else { 1 };
            }
            if depth == 0 {
                return Some((place(&text, brackets[here].0), place(&text, *byte)));
            }
        }
        None
    }
}

/// (line, column in characters) of a byte offset.
fn place(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_under_the_cursor_is_its_block() {
        let mut editor = Editor::new("A\n| take 1\n\nB\n| count\n\n");
        editor.area.move_cursor(CursorMove::Jump(4, 2));
        assert_eq!(editor.query_under_cursor(), ("B\n| count".to_string(), 3));
        editor.area.move_cursor(CursorMove::Jump(0, 0));
        assert_eq!(editor.query_under_cursor().0, "A\n| take 1");
        editor.area.move_cursor(CursorMove::Jump(6, 0));
        assert_eq!(
            editor.query_under_cursor().0,
            "B\n| count",
            "a blank line below a query still runs it"
        );
    }

    #[test]
    fn comment_toggle_comments_then_uncomments_the_selected_lines() {
        let mut editor = Editor::new("DeviceInfo\n| where OSPlatform == 'Windows10'\n| take 5");
        editor.area.move_cursor(CursorMove::Jump(1, 0));
        editor.area.start_selection();
        editor.area.move_cursor(CursorMove::Jump(2, 3));
        editor.toggle_comment();
        assert_eq!(
            editor.text(),
            "DeviceInfo\n// | where OSPlatform == 'Windows10'\n// | take 5"
        );
        editor.area.move_cursor(CursorMove::Jump(2, 0));
        editor.toggle_comment();
        assert_eq!(
            editor.text(),
            "DeviceInfo\n// | where OSPlatform == 'Windows10'\n| take 5"
        );
    }

    #[test]
    fn indent_and_dedent_move_lines_by_four_spaces() {
        let mut editor = Editor::new("| take 5");
        editor.indent(true);
        assert_eq!(editor.text(), "    | take 5");
        editor.indent(false);
        editor.indent(false);
        assert_eq!(editor.text(), "| take 5");
    }

    #[test]
    fn the_bracket_at_the_cursor_finds_its_partner_across_lines_and_skips_strings() {
        let mut editor = Editor::new("T | where x in (\"a)\",\n  \"b\") | take 1");
        editor.area.move_cursor(CursorMove::Jump(0, 15));
        assert_eq!(editor.matching_bracket(), Some(((0, 15), (1, 5))));
        editor.area.move_cursor(CursorMove::Jump(1, 6));
        assert_eq!(
            editor.matching_bracket(),
            Some(((1, 5), (0, 15))),
            "just after a bracket counts"
        );
        editor.area.move_cursor(CursorMove::Jump(0, 2));
        assert_eq!(editor.matching_bracket(), None);
    }
}
