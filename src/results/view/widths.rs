//! Each column's starting width: its widest cell over the whole result (or its header), between
//! 4 and 40 columns. Measured once when a result arrives, off the UI loop.

use super::cell::shown_cell_text;
use crate::results::display::{display_width, preview, safe_text};
use crate::results::{ColumnKind, ResultSet, Value};

pub const MAX_WIDTH: usize = 40;
pub const MIN_WIDTH: usize = 4;

/// Linear in the cells; a column stops being measured once it reaches the most a column starts
/// with.
pub fn measure_widths(result: &ResultSet) -> Vec<usize> {
    result
        .columns()
        .iter()
        .map(|column| {
            let header = display_width(&safe_text(column.name()))
                .max(display_width(&safe_text(column.declared_type())));
            let mut widest = header;
            for row in 0..result.row_count() {
                if widest >= MAX_WIDTH {
                    break;
                }
                widest = widest.max(cell_width(column.value(row), column.kind()));
            }
            widest.clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}

/// Bytes of a text cell that decide its width up to `MAX_WIDTH`: every character takes at
/// least a byte, and a shown width past the cap is never needed.
const MEASURED_BYTES: usize = MAX_WIDTH * 4;

/// A cell's width as the grid shows it, without building its text when it is plain.
fn cell_width(value: Value<'_>, kind: ColumnKind) -> usize {
    match value {
        Value::Text(s) => {
            let s = preview(s, MEASURED_BYTES).0;
            // Printable ASCII, most cells, is one column a byte: no need to split graphemes.
            if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                s.len()
            } else {
                display_width(&safe_text(s))
            }
        }
        Value::Null => "null".len(),
        Value::Long(n) => {
            n.unsigned_abs()
                .checked_ilog10()
                .map_or(1, |d| d as usize + 1)
                + usize::from(n < 0)
        }
        // `yyyy-MM-dd HH:mm:ss.fffffff` for four-digit years (days 1148 AD to 9909 AD here).
        Value::DateTime(t) if (-300_000..2_900_000).contains(&t.div_euclid(864_000_000_000)) => 27,
        other => display_width(&shown_cell_text(other, kind, false).text),
    }
}

#[cfg(test)]
mod tests {
    use crate::results::{ColumnKind, Value};

    #[test]
    fn a_cells_measured_width_is_the_width_it_is_drawn_with() {
        let cells = [
            (Value::Long(0), ColumnKind::Long),
            (Value::Long(-9_007_199_254_740_993), ColumnKind::Long),
            (Value::Long(i64::MIN), ColumnKind::Long),
            (Value::Long(1000), ColumnKind::Int),
            (
                Value::DateTime(17_640_000_000_000_000),
                ColumnKind::DateTime,
            ),
            (
                Value::DateTime(-621_355_968_000_000_000),
                ColumnKind::DateTime,
            ),
            (Value::Null, ColumnKind::Text),
            (Value::Text("powershell.exe"), ColumnKind::Text),
            (Value::Text("évil\u{202e}txt"), ColumnKind::Text),
            (Value::Text("a\u{1b}[31m"), ColumnKind::Text),
        ];
        for (value, kind) in cells {
            let drawn = crate::results::display::display_width(
                &super::shown_cell_text(value, kind, false).text,
            );
            assert_eq!(super::cell_width(value, kind), drawn, "{value:?}");
        }
    }
}
