//! The results grid's state: which cell is selected, what is scrolled into view, how wide each
//! column is. Widths come from the whole column, measured once when the result arrives, off the
//! UI loop for a run (see `measure_widths`).

use crate::results::display::{display_width, safe_text};
use crate::results::{ColumnKind, ResultSet, Value};

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
    /// The result's rows in view order, when sorted or filtered; all rows in order otherwise.
    pub order: Option<Vec<u32>>,
    /// Sorted by this column, descending or not.
    pub sort: Option<(usize, bool)>,
    /// Only rows with a cell containing this text (ignoring case).
    pub filter: Option<String>,
    /// Columns hidden from view (empty: none).
    pub hidden: Vec<bool>,
    /// The first this many columns stay in view when scrolling right.
    pub frozen: usize,
    /// Timestamps in the local time zone instead of UTC.
    pub local_time: bool,
    /// Columns empty in every row are hidden (the portal's "show empty columns" turned off).
    pub empty_hidden: bool,
}

/// A cell as the grid shows it: safe text, right-aligned or not, null or not.
pub struct CellText {
    pub text: String,
    pub right: bool,
    pub null: bool,
}

pub fn cell_text(value: Value<'_>, kind: ColumnKind) -> CellText {
    cell_text_at(value, kind, false)
}

/// Bytes of a cell the grid draws from: far more than the widest column shows.
const SHOWN_BYTES: usize = 4096;

/// As [`cell_text_at`], from the start of a very long value only: what the grid draws.
pub fn shown_cell_text(value: Value<'_>, kind: ColumnKind, local: bool) -> CellText {
    let value = match value {
        Value::Text(s) => Value::Text(crate::results::display::preview(s, SHOWN_BYTES).0),
        Value::Dynamic(s) => Value::Dynamic(crate::results::display::preview(s, SHOWN_BYTES).0),
        other => other,
    };
    cell_text_at(value, kind, local)
}

/// As [`cell_text`], with timestamps in local time when `local`.
pub fn cell_text_at(value: Value<'_>, kind: ColumnKind, local: bool) -> CellText {
    let right = kind.is_numeric();
    match value {
        Value::Null => CellText {
            text: "null".into(),
            right,
            null: true,
        },
        Value::DateTime(t) => {
            let t = if local {
                let offset =
                    crate::results::datetime::local_offset_seconds(t.div_euclid(10_000_000));
                t.saturating_add(offset * 10_000_000)
            } else {
                t
            };
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

/// Each column's width: its widest cell over every row (or its header), between 4 and 40
/// columns. Linear in the cells; a column stops being measured once it reaches the most a
/// column starts with. Runs on a blocking thread for a run's result.
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
            let s = crate::results::display::preview(s, MEASURED_BYTES).0;
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

/// Dynamic values on one line, whatever whitespace they arrived with, every digit as sent.
fn compact(json: &str) -> std::borrow::Cow<'_, str> {
    crate::results::value::compact_json(json)
}

impl Grid {
    /// Rows in view.
    pub fn len(&self, result: &ResultSet) -> usize {
        self.order.as_ref().map_or(result.row_count(), Vec::len)
    }

    /// The result's row shown at `view_row`.
    pub fn source_row(&self, view_row: usize) -> usize {
        self.order.as_ref().map_or(view_row, |o| {
            o.get(view_row).map_or(view_row, |r| *r as usize)
        })
    }

    /// Recomputes the view after a sort or filter change. The sort is stable and follows the
    /// column's type: numbers by value, timestamps by time, text ignoring case, nulls last.
    pub fn rebuild(&mut self, result: &ResultSet) {
        if self.sort.is_none() && self.filter.is_none() {
            self.order = None;
        } else {
            let needle = self.filter.as_ref().map(|f| f.to_lowercase());
            let mut rows: Vec<u32> = (0..result.row_count() as u32)
                .filter(|&r| {
                    needle
                        .as_ref()
                        .is_none_or(|n| row_contains(result, r as usize, n))
                })
                .collect();
            // A sort kept from a result with more columns sorts nothing here.
            if let Some((column, descending)) = self.sort {
                if let Some(column) = result.columns().get(column) {
                    sort_rows(&mut rows, column, descending);
                }
            }
            self.order = Some(rows);
        }
        self.row = 0;
        self.top = 0;
    }

    /// The next cell after the selection (or before it) whose text contains `needle`.
    pub fn find(&self, result: &ResultSet, needle: &str, forward: bool) -> Option<(usize, usize)> {
        let needle = needle.to_lowercase();
        let (rows, columns) = (self.len(result), result.column_count());
        let total = rows * columns;
        let start = self.row * columns + self.column;
        (1..=total).find_map(|step| {
            let at = if forward {
                (start + step) % total
            } else {
                (start + total - step % total) % total
            };
            let (row, column) = (at / columns, at % columns);
            let c = result.column(column);
            cell_text(c.value(self.source_row(row)), c.kind())
                .text
                .to_lowercase()
                .contains(&needle)
                .then_some((row, column))
        })
    }

    /// Hides the columns that are empty (null, empty text, empty dynamic) in every row, or
    /// shows them again; the number hidden. At least one column always stays.
    pub fn toggle_empty_columns(&mut self, result: &ResultSet) -> usize {
        self.hidden.resize(result.column_count(), false);
        if self.empty_hidden {
            self.hidden.iter_mut().for_each(|h| *h = false);
            self.empty_hidden = false;
            return 0;
        }
        let rows = result.row_count();
        let empty: Vec<bool> = result
            .columns()
            .iter()
            .map(|c| (0..rows).all(|r| super::record::is_empty(c.value(r))))
            .collect();
        if empty.iter().all(|e| *e) {
            return 0;
        }
        let mut hidden = 0;
        for (h, e) in self.hidden.iter_mut().zip(&empty) {
            if *e && !*h {
                *h = true;
                hidden += 1;
            }
        }
        self.empty_hidden = true;
        if self.hidden.get(self.column).copied().unwrap_or(false) {
            self.column = self.hidden.iter().position(|h| !h).unwrap_or(0);
        }
        hidden
    }

    pub fn for_result(result: &ResultSet) -> Grid {
        Grid::with_widths(result, measure_widths(result))
    }

    /// A grid over `result` with widths already measured (`measure_widths`); widths that do
    /// not fit the result (another result's) are measured again.
    pub fn with_widths(result: &ResultSet, widths: Vec<usize>) -> Grid {
        let widths = if widths.len() == result.column_count() {
            widths
        } else {
            measure_widths(result)
        };
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
        self.row = row.min(self.len(result).saturating_sub(1));
        self.column = column.min(result.column_count().saturating_sub(1));
        let rows = rows.max(1);
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + rows {
            self.top = self.row + 1 - rows;
        }
        // Step over hidden columns in the direction of travel, or back if none is left there.
        let hidden = |c: usize| self.hidden.get(c).copied().unwrap_or(false);
        if hidden(self.column) {
            let forward = (self.column..result.column_count()).find(|c| !hidden(*c));
            let backward = (0..self.column).rev().find(|c| !hidden(*c));
            self.column = forward.or(backward).unwrap_or(0);
        }
        let frozen = self.frozen.min(result.column_count());
        if self.column >= frozen && self.column < self.left.max(frozen) {
            self.left = self.column;
        }
        self.left = self.left.max(frozen);
        while self.column > self.left && !self.visible_columns(width).contains(&self.column) {
            self.left += 1;
        }
    }

    /// The columns that fit in `width` from `left`, the last one possibly cut.
    pub fn visible_columns(&self, width: usize) -> Vec<usize> {
        let mut used = 0;
        let mut out = Vec::new();
        let frozen = self.frozen.min(self.widths.len());
        for c in (0..frozen).chain(self.left.max(frozen)..self.widths.len()) {
            if used >= width {
                break;
            }
            if self.hidden.get(c).copied().unwrap_or(false) {
                continue;
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

/// Whether a cell of the row contains `needle` (already lower case), ignoring case. Text is
/// searched in place; numbers and timestamps are written out only when the needle could be in
/// them.
fn row_contains(result: &ResultSet, row: usize, needle: &str) -> bool {
    const RENDERED: &str = "0123456789-:. +eEtruefalsnNaiIf";
    let could_be_rendered = needle.chars().all(|c| RENDERED.contains(c));
    result.columns().iter().any(|c| match c.value(row) {
        Value::Text(text) | Value::Dynamic(text) => contains_ignoring_case(text, needle),
        _ if !could_be_rendered => false,
        other => cell_text(other, c.kind())
            .text
            .to_lowercase()
            .contains(needle),
    })
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        needle.is_empty()
            || haystack
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

/// A stable, type-aware sort, nulls last. Text is compared by a lower-case key made once per
/// row, not once per comparison.
fn sort_rows(rows: &mut [u32], column: &crate::results::Column, descending: bool) {
    let order = |x: Value<'_>, y: Value<'_>| match (x.is_null(), y.is_null()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ if descending => compare(y, x),
        _ => compare(x, y),
    };
    let textual = rows
        .first()
        .is_some_and(|&r| matches!(column.value(r as usize), Value::Text(_) | Value::Dynamic(_)))
        || matches!(column.kind(), ColumnKind::Text | ColumnKind::Dynamic);
    if !textual {
        rows.sort_by(|&a, &b| order(column.value(a as usize), column.value(b as usize)));
        return;
    }
    let mut keyed: Vec<(Option<String>, u32)> = rows
        .iter()
        .map(|&r| {
            let value = column.value(r as usize);
            (
                (!value.is_null()).then(|| value.to_plain().to_lowercase()),
                r,
            )
        })
        .collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(a), Some(b)) if descending => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
    });
    for (slot, (_, row)) in rows.iter_mut().zip(keyed) {
        *slot = row;
    }
}

fn compare(x: Value<'_>, y: Value<'_>) -> std::cmp::Ordering {
    match (x, y) {
        (Value::Long(a), Value::Long(b)) => a.cmp(&b),
        (Value::DateTime(a), Value::DateTime(b)) => a.cmp(&b),
        (Value::Real(a), Value::Real(b)) => a.total_cmp(&b),
        (Value::Long(a), Value::Real(b)) => (a as f64).total_cmp(&b),
        (Value::Real(a), Value::Long(b)) => a.total_cmp(&(b as f64)),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(&b),
        (a, b) => a
            .to_plain()
            .to_lowercase()
            .cmp(&b.to_plain().to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cells_measured_width_is_the_width_it_is_drawn_with() {
        use crate::results::{ColumnKind, Value};
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
            let drawn = super::display_width(&super::shown_cell_text(value, kind, false).text);
            assert_eq!(super::cell_width(value, kind), drawn, "{value:?}");
        }
    }

    use super::*;

    fn result() -> ResultSet {
        let json = r#"{"schema":[{"name":"N","type":"Int64"},{"name":"S","type":"String"}],
            "results":[{"N":10,"S":"beta"},{"N":null,"S":"Alpha"},{"N":2,"S":"gamma"},{"N":10,"S":"alpha"}]}"#;
        crate::results::load_response(json.as_bytes().to_vec())
            .unwrap()
            .result
    }

    #[test]
    fn sorting_is_stable_typed_and_puts_nulls_last() {
        let r = result();
        let mut grid = Grid::for_result(&r);
        grid.sort = Some((0, false));
        grid.rebuild(&r);
        assert_eq!(
            grid.order,
            Some(vec![2, 0, 3, 1]),
            "2 < 10 as numbers; equal keys keep their order; null last"
        );
        grid.sort = Some((1, true));
        grid.rebuild(&r);
        assert_eq!(
            grid.order,
            Some(vec![2, 0, 1, 3]),
            "text ignores case, descending keeps ties stable"
        );
    }

    #[test]
    fn a_filter_keeps_matching_rows_and_search_walks_the_cells() {
        let r = result();
        let mut grid = Grid::for_result(&r);
        grid.filter = Some("ALPHA".into());
        grid.rebuild(&r);
        assert_eq!((grid.len(&r), grid.source_row(1)), (2, 3));
        grid.filter = None;
        grid.rebuild(&r);
        assert_eq!(grid.find(&r, "gam", true), Some((2, 1)));
        grid.row = 2;
        grid.column = 1;
        assert_eq!(
            grid.find(&r, "a", true),
            Some((3, 1)),
            "the next match after the selection"
        );
        assert_eq!(grid.find(&r, "beta", false), Some((0, 1)), "and backwards");
        assert_eq!(grid.find(&r, "zzz", true), None);
    }
}
