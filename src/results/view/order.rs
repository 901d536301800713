//! Which rows a view shows, in which order: the rows containing the filter's text, sorted by a
//! column. Computed from a request that names the view's generation, so an answer that comes
//! after a newer sort or filter is known to be stale and dropped.

use super::cell::cell_text;
use crate::results::{Column, ColumnKind, ResultSet, Value};

/// Sorted by this column, descending or not.
pub type SortBy = (usize, bool);

/// A sort and filter to compute the rows of, for the view at `generation`. `Send`: it runs on
/// a worker thread.
#[derive(Clone, Debug)]
pub struct OrderRequest {
    pub generation: u64,
    pub sort: Option<SortBy>,
    pub filter: Option<String>,
}

/// The rows a request asked for (`None`: every row in the result's order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowOrder {
    pub generation: u64,
    pub rows: Option<Vec<u32>>,
}

impl OrderRequest {
    /// The sort is stable and follows the column's type: numbers by value, timestamps by time,
    /// text ignoring case, nulls last.
    pub fn compute(&self, result: &ResultSet) -> RowOrder {
        let rows = (self.sort.is_some() || self.filter.is_some()).then(|| {
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
            rows
        });
        RowOrder {
            generation: self.generation,
            rows,
        }
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
fn sort_rows(rows: &mut [u32], column: &Column, descending: bool) {
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
