//! The results grid's state: which cell is selected, what is scrolled into view, how wide each
//! column is. Widths come from a sample of rows, so a 100,000-row result costs the same to open.

use crate::results::display::{display_width, safe_text};
use crate::results::{ColumnKind, ResultSet, Value};

const SAMPLE_ROWS: usize = 200;
const MAX_WIDTH: usize = 40;
const MIN_WIDTH: usize = 4;

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub row: usize,
    pub column: usize,
    /// First row on screen.
    pub top: usize,
    /// First column on screen.
    pub left: usize,
    pub widths: Vec<usize>,
}

/// A cell as the grid shows it: safe text, right-aligned or not, null or not.
pub struct CellText {
    pub text: String,
    pub right: bool,
    pub null: bool,
}

pub fn cell_text(value: Value<'_>, kind: ColumnKind) -> CellText {
    let right = kind.is_numeric();
    match value {
        Value::Null => CellText {
            text: "null".into(),
            right,
            null: true,
        },
        Value::DateTime(t) => {
            let mut s = String::with_capacity(27);
            crate::results::datetime::write_ticks(&mut s, t, ' ', false);
            CellText {
                text: s,
                right: false,
                null: false,
            }
        }
        Value::Dynamic(json) => CellText {
            text: safe_text(&compact(json)).into_owned(),
            right: false,
            null: false,
        },
        other => CellText {
            text: safe_text(&other.to_plain()).into_owned(),
            right,
            null: false,
        },
    }
}

/// Dynamic values on one line, whatever whitespace they arrived with.
fn compact(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .map_or_else(|_| json.to_owned(), |v| v.to_string())
}

impl Grid {
    pub fn for_result(result: &ResultSet) -> Grid {
        let widths = result
            .columns()
            .iter()
            .map(|column| {
                let header =
                    display_width(column.name()).max(display_width(column.declared_type()));
                let cells = (0..result.row_count().min(SAMPLE_ROWS))
                    .map(|r| display_width(&cell_text(column.value(r), column.kind()).text))
                    .max()
                    .unwrap_or(0);
                header.max(cells).clamp(MIN_WIDTH, MAX_WIDTH)
            })
            .collect();
        Grid {
            widths,
            ..Grid::default()
        }
    }

    /// Moves the selection, keeping it on screen (`rows` and `width` are the grid's size).
    pub fn move_to(
        &mut self,
        row: usize,
        column: usize,
        result: &ResultSet,
        rows: usize,
        width: usize,
    ) {
        self.row = row.min(result.row_count().saturating_sub(1));
        self.column = column.min(result.column_count().saturating_sub(1));
        let rows = rows.max(1);
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + rows {
            self.top = self.row + 1 - rows;
        }
        if self.column < self.left {
            self.left = self.column;
        }
        while self.column > self.left && !self.visible_columns(width).contains(&self.column) {
            self.left += 1;
        }
    }

    /// The columns that fit in `width` from `left`, the last one possibly cut.
    pub fn visible_columns(&self, width: usize) -> Vec<usize> {
        let mut used = 0;
        let mut out = Vec::new();
        for c in self.left..self.widths.len() {
            if used >= width {
                break;
            }
            out.push(c);
            used += self.widths[c] + 1;
        }
        if used > width + 1 && out.len() > 1 {
            // The last column would be cut: count it as visible only if most of it shows.
            let last = *out.last().unwrap_or(&0);
            if used - width > self.widths[last] / 2 {
                out.pop();
            }
        }
        out
    }
}
