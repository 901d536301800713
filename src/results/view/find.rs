//! Finding a text in the cells, from the selection onwards (or backwards), in the order the
//! view shows the rows. A request carries the view's generation and its own ticket, so an
//! answer about rows that have since been sorted or filtered, or for an older search, is
//! dropped.

use std::sync::Arc;

use super::cell::cell_text;
use crate::results::ResultSet;

#[derive(Clone, Debug)]
pub struct FindRequest {
    pub generation: u64,
    pub ticket: u64,
    pub needle: String,
    /// The selection, as (view row, column).
    pub from: (usize, usize),
    pub forward: bool,
    /// The view's rows when the search started (`None`: every row in order).
    pub order: Option<Arc<Vec<u32>>>,
}

/// Where a search ended: the next cell that contains the text, or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub generation: u64,
    pub ticket: u64,
    pub needle: String,
    pub at: Option<(usize, usize)>,
}

impl FindRequest {
    /// The next cell after the selection (or before it) whose text contains the needle,
    /// ignoring case; the search wraps around.
    pub fn compute(&self, result: &ResultSet) -> Found {
        let needle = self.needle.to_lowercase();
        let rows = self.order.as_ref().map_or(result.row_count(), |o| o.len());
        let columns = result.column_count();
        let total = rows * columns;
        let start = self.from.0 * columns + self.from.1;
        let source = |row: usize| self.order.as_ref().map_or(row, |o| o[row] as usize);
        let at = (1..=total).find_map(|step| {
            let at = if self.forward {
                (start + step) % total
            } else {
                (start + total - step % total) % total
            };
            let (row, column) = (at / columns, at % columns);
            let c = result.column(column);
            cell_text(c.value(source(row)), c.kind())
                .text
                .to_lowercase()
                .contains(&needle)
                .then_some((row, column))
        });
        Found {
            generation: self.generation,
            ticket: self.ticket,
            needle: self.needle.clone(),
            at,
        }
    }
}
