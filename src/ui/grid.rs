//! The grid's cursor and scrolling: which cell is selected, what is scrolled into view. What
//! the grid shows (rows in order, hidden and frozen columns, widths) is the tab's
//! [`TableView`], which has no terminal in it.

use crate::results::{ResultSet, TableView};

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub row: usize,
    pub column: usize,
    /// First row on screen.
    pub top: usize,
    /// First column on screen.
    pub left: usize,
    /// Timestamps in the local time zone instead of UTC.
    pub local_time: bool,
}

impl Grid {
    /// Moves the selection, keeping it on screen (`rows` and `width` are the grid's size).
    pub fn move_to(
        &mut self,
        (row, column): (usize, usize),
        result: &ResultSet,
        table: &TableView,
        (rows, width): (usize, usize),
    ) {
        self.row = row.min(table.len(result).saturating_sub(1));
        self.column = column.min(result.column_count().saturating_sub(1));
        let rows = rows.max(1);
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + rows {
            self.top = self.row + 1 - rows;
        }
        // Step over hidden columns in the direction of travel, or back if none is left there.
        if table.is_hidden(self.column) {
            let forward = (self.column..result.column_count()).find(|c| !table.is_hidden(*c));
            let backward = (0..self.column).rev().find(|c| !table.is_hidden(*c));
            self.column = forward.or(backward).unwrap_or(0);
        }
        let frozen = table.frozen.min(result.column_count());
        if self.column >= frozen && self.column < self.left.max(frozen) {
            self.left = self.column;
        }
        self.left = self.left.max(frozen);
        while self.column > self.left && !self.visible_columns(table, width).contains(&self.column)
        {
            self.left += 1;
        }
    }

    /// Back to the first row, as after the rows changed order.
    pub fn to_top(&mut self) {
        self.row = 0;
        self.top = 0;
    }

    /// The columns that fit in `width` from `left`, the last one possibly cut.
    pub fn visible_columns(&self, table: &TableView, width: usize) -> Vec<usize> {
        let mut used = 0;
        let mut out = Vec::new();
        let widths = &table.widths;
        let frozen = table.frozen.min(widths.len());
        for c in (0..frozen).chain(self.left.max(frozen)..widths.len()) {
            if used >= width {
                break;
            }
            if table.is_hidden(c) {
                continue;
            }
            out.push(c);
            used += widths[c] + 1;
        }
        if used > width + 1 && out.len() > 1 {
            // The last column would be cut: count it as visible only if most of it shows.
            let last = *out.last().unwrap_or(&0);
            if used - width > widths[last] / 2 {
                out.pop();
            }
        }
        out
    }
}
