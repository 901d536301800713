//! The headless table: columns sized to their content, shrunk to fit the terminal, every cell
//! passed through [`safe_text`] because it goes straight to a terminal.

use std::io::{self, Write};

use crate::results::display::{display_width, fit_width, safe_text};
use crate::results::{ResultSet, Value};

const MAX_COLUMN: usize = 60;
const MIN_COLUMN: usize = 6;
const GAP: &str = "  ";

pub fn write_table(result: &ResultSet, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let cells: Vec<Vec<String>> = (0..result.row_count())
        .map(|row| {
            result
                .columns()
                .iter()
                .map(|c| cell_text(c.value(row)))
                .collect()
        })
        .collect();
    let headers: Vec<String> = result
        .columns()
        .iter()
        .map(|c| safe_text(c.name()).into_owned())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell)).min(MAX_COLUMN);
        }
    }
    fit_to(&mut widths, width);
    let right: Vec<bool> = result
        .columns()
        .iter()
        .map(|c| c.kind().is_numeric())
        .collect();
    write_line(out, &headers, &widths, &vec![false; widths.len()])?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    write_line(out, &rule, &widths, &right)?;
    for row in &cells {
        write_line(out, row, &widths, &right)?;
    }
    Ok(())
}

fn cell_text(value: Value<'_>) -> String {
    match value {
        Value::Null => String::new(),
        Value::DateTime(_) => {
            let mut s = String::with_capacity(28);
            value.write_plain(&mut s);
            s
        }
        other => safe_text(&other.to_plain()).into_owned(),
    }
}

/// Shrinks the widest columns first until the line fits; columns never go below a few
/// characters, so a very narrow terminal wraps rather than losing columns silently.
fn fit_to(widths: &mut [usize], total: usize) {
    let gaps = GAP.len() * widths.len().saturating_sub(1);
    let mut used: usize = widths.iter().sum::<usize>() + gaps;
    while used > total {
        let Some((widest, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            return;
        };
        if w <= MIN_COLUMN {
            return;
        }
        widths[widest] = w - 1;
        used -= 1;
    }
}

fn write_line(
    out: &mut dyn Write,
    cells: &[String],
    widths: &[usize],
    right: &[bool],
) -> io::Result<()> {
    let mut line = String::new();
    for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str(GAP);
        }
        let text = fit_width(cell, width);
        let pad = width.saturating_sub(display_width(&text));
        let last = i + 1 == cells.len();
        if right[i] {
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(&text);
        } else {
            line.push_str(&text);
            if !last {
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}
