//! The query editor: ratatui-textarea does the editing; kqlhunt finds the query under the
//! cursor, as the portal and Kusto.Explorer do: queries are separated by blank lines.

use ratatui_textarea::TextArea;

pub struct Editor {
    pub area: TextArea<'static>,
}

pub const WELCOME: &str =
    "// F5 runs the query under the cursor; queries are separated by blank lines. F1: help.
DeviceProcessEvents
| where Timestamp > ago(7d)
| where FileName in~ (\"powershell.exe\", \"cmd.exe\")
| project Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine
| take 100

DeviceNetworkEvents
| summarize Connections = count() by RemoteUrl
| top 20 by Connections";

impl Editor {
    pub fn new(text: &str) -> Editor {
        let mut area = TextArea::new(text.lines().map(str::to_owned).collect());
        area.set_max_histories(1000);
        area.set_tab_length(4);
        area.set_line_number_style(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM),
        );
        area.set_cursor_line_style(ratatui::style::Style::default());
        Editor { area }
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::CursorMove;

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
}
