//! How the hunter views a result, with no terminal in it: which rows in which order (sort and
//! filter), which columns (hidden, frozen), how wide each is, and where a search lands. The
//! grid draws it; export, copies and charts take their rows and columns from it, so "what I
//! see" is the same everywhere.
//!
//! Sorting, filtering and finding over 100,000 rows take tens of milliseconds: a change asks
//! for them with a request that carries the view's generation, the request is computed on a
//! worker, and its answer is taken only if no newer change came since.

mod cell;
mod find;
mod order;
mod widths;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

pub use cell::{cell_text, cell_text_at, is_empty, shown_cell_text, CellText};
pub use find::{FindRequest, Found};
pub use order::{OrderRequest, RowOrder, SortBy};
pub use widths::measure_widths;

use super::ResultSet;

#[derive(Clone, Debug, Default)]
pub struct TableView {
    /// Each column's width on screen.
    pub widths: Vec<usize>,
    /// Columns hidden from view (empty: none).
    pub hidden: Vec<bool>,
    /// The first this many columns stay in view when scrolling right.
    pub frozen: usize,
    /// Columns empty in every row are hidden (the portal's "show empty columns" turned off).
    pub empty_hidden: bool,
    sort: Option<SortBy>,
    filter: Option<String>,
    /// The rows shown, in order, once computed for the current sort and filter (`None`: every
    /// row in the result's order).
    order: Option<Arc<Vec<u32>>>,
    /// New with every sort or filter: answers for an older one are dropped. Drawn from one
    /// counter for every view, so an answer about an earlier result of the same tab never
    /// passes for one about the result shown now.
    generation: u64,
    /// The generation whose rows `order` holds.
    shown: u64,
    /// New with every search (from the same counter): only the newest one's answer counts.
    ticket: u64,
    /// Rows asked for and not yet computed: since when, and what.
    working: Option<(Instant, Working)>,
    finding: Option<Instant>,
}

/// What a view waits for, as its title says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Working {
    Sorting,
    Filtering,
}

impl TableView {
    /// A view of a result whose widths are measured (`measure_widths`); widths that do not fit
    /// the result (another result's) are measured again.
    pub fn with_widths(result: &ResultSet, widths: Vec<usize>) -> TableView {
        let widths = if widths.len() == result.column_count() {
            widths
        } else {
            measure_widths(result)
        };
        TableView {
            widths,
            ..TableView::default()
        }
    }

    pub fn for_result(result: &ResultSet) -> TableView {
        TableView::with_widths(result, measure_widths(result))
    }

    /// The sort asked for (shown in the title even while its rows are computed).
    pub fn sort(&self) -> Option<SortBy> {
        self.sort
    }

    pub fn filter(&self) -> Option<&str> {
        self.filter.as_deref()
    }

    /// What the view waits for, and since when.
    pub fn working(&self) -> Option<(Instant, Working)> {
        self.working
    }

    /// Since when a search runs.
    pub fn finding(&self) -> Option<Instant> {
        self.finding
    }

    /// Which sort and filter the rows shown answer: changes whenever they do, so a chart of
    /// them knows to draw again.
    pub fn shown_generation(&self) -> u64 {
        self.shown
    }

    /// Rows in view.
    pub fn len(&self, result: &ResultSet) -> usize {
        self.order.as_ref().map_or(result.row_count(), |o| o.len())
    }

    /// The result's row shown at `view_row`.
    pub fn source_row(&self, view_row: usize) -> usize {
        self.order.as_ref().map_or(view_row, |o| {
            o.get(view_row).map_or(view_row, |r| *r as usize)
        })
    }

    /// The result's rows for the view rows `from..=to`, in view order.
    pub fn source_rows(&self, from: usize, to: usize) -> Vec<usize> {
        (from.min(to)..=from.max(to))
            .map(|r| self.source_row(r))
            .collect()
    }

    /// Every row shown, filtered and sorted: what "every row shown" exports and copies.
    pub fn rows(&self, result: &ResultSet) -> Vec<usize> {
        match &self.order {
            Some(order) => order.iter().map(|r| *r as usize).collect(),
            None => (0..result.row_count()).collect(),
        }
    }

    pub fn is_hidden(&self, column: usize) -> bool {
        self.hidden.get(column).copied().unwrap_or(false)
    }

    /// Columns not hidden, in order.
    pub fn shown_columns(&self, result: &ResultSet) -> Vec<usize> {
        (0..result.column_count())
            .filter(|c| !self.is_hidden(*c))
            .collect()
    }

    /// Sorts by `sort` (or not at all). `None` when nothing is left to compute.
    pub fn sort_by(&mut self, sort: Option<SortBy>) -> Option<OrderRequest> {
        self.sort = sort;
        self.ask(Working::Sorting)
    }

    /// Keeps only the rows containing `filter` (all rows for `None`).
    pub fn filter_by(&mut self, filter: Option<String>) -> Option<OrderRequest> {
        self.filter = filter.filter(|f| !f.is_empty());
        self.ask(Working::Filtering)
    }

    fn ask(&mut self, what: Working) -> Option<OrderRequest> {
        self.generation = fresh();
        let request = OrderRequest {
            generation: self.generation,
            sort: self.sort,
            filter: self.filter.clone(),
        };
        if self.sort.is_none() && self.filter.is_none() {
            // Every row in order: nothing to wait for.
            self.working = None;
            self.order = None;
            self.shown = self.generation;
            return None;
        }
        self.working = Some((Instant::now(), what));
        Some(request)
    }

    /// Takes computed rows if they answer the newest sort or filter; false (and nothing
    /// changes) for an older one's.
    pub fn take_order(&mut self, order: RowOrder) -> bool {
        if order.generation != self.generation {
            return false;
        }
        self.order = order.rows.map(Arc::new);
        self.shown = order.generation;
        self.working = None;
        // A search still running is about rows no longer shown: its answer will be dropped.
        self.finding = None;
        true
    }

    /// A search for `needle` from the view row and column `from`.
    pub fn find_from(&mut self, needle: &str, from: (usize, usize), forward: bool) -> FindRequest {
        self.ticket = fresh();
        self.finding = Some(Instant::now());
        FindRequest {
            generation: self.shown,
            ticket: self.ticket,
            needle: needle.to_owned(),
            from,
            forward,
            order: self.order.clone(),
        }
    }

    /// Takes a search's answer if it is the newest search over the rows shown now: `None`
    /// when it is stale, else where it landed.
    pub fn take_found(&mut self, found: &Found) -> Option<Option<(usize, usize)>> {
        if found.ticket != self.ticket || found.generation != self.shown {
            return None;
        }
        self.finding = None;
        Some(found.at)
    }

    /// A job for this view stopped without an answer: nothing is waited for any more.
    pub fn stop_waiting(&mut self) {
        self.working = None;
        self.finding = None;
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
            .map(|c| (0..rows).all(|r| is_empty(c.value(r))))
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
        hidden
    }

    /// Hides a column, unless it is the last one shown; whether it hid.
    pub fn hide(&mut self, column: usize, count: usize) -> bool {
        self.hidden.resize(count, false);
        if column >= count || self.hidden.iter().filter(|h| !**h).count() <= 1 {
            return false;
        }
        self.hidden[column] = true;
        true
    }

    pub fn show_all_columns(&mut self) {
        self.hidden.clear();
        self.empty_hidden = false;
    }

    /// Freezes the columns up to `column`, or lets go when they already are.
    pub fn toggle_frozen(&mut self, column: usize) {
        self.frozen = if self.frozen == column + 1 {
            0
        } else {
            column + 1
        };
    }

    /// Widens (or narrows) a column by a step.
    pub fn resize(&mut self, column: usize, wider: bool) {
        if let Some(w) = self.widths.get_mut(column) {
            *w = if wider {
                (*w + 4).min(400)
            } else {
                w.saturating_sub(4).max(3)
            };
        }
    }
}

/// A number no view has used: generations and tickets of every view and result.
fn fresh() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests;
