//! A Markdown table: pipes and line breaks in cells escaped so each row stays one row. Markdown
//! is read by people (rendered, pasted into a ticket), so control and bidirectional characters
//! show as visible symbols here, whatever the output is.

use std::io::{self, Write};

use super::Selection;

fn cell(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>");
    // Tabs lay text out and drive nothing: they stay, as the format always kept them.
    let mut shown = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        match c {
            '\t' => shown.push(c),
            c => crate::results::display::push_safe(&mut shown, c),
        }
    }
    shown
}

pub fn write(selection: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
    let result = selection.result;
    let names: Vec<String> = selection
        .columns
        .iter()
        .map(|&c| cell(result.column(c).name()))
        .collect();
    writeln!(out, "| {} |", names.join(" | "))?;
    let rule: Vec<&str> = selection
        .columns
        .iter()
        .map(|&c| {
            if result.column(c).kind().is_numeric() {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    let mut text = String::new();
    for &row in &selection.rows {
        let cells: Vec<String> = selection
            .columns
            .iter()
            .map(|&c| {
                text.clear();
                result.column(c).value(row).write_plain(&mut text);
                cell(&text)
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
