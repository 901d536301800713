//! The memory budget of one operator. Operators that multiply rows (`join`, `mv-expand`,
//! `range`, `union`) count what they would build before building it, and refuse past the
//! budget in the service's words, rather than asking the allocator for gigabytes and aborting.

use super::context::Ctx;
use super::{EngineError, ErrorKind};
use crate::kql::Span;

/// Cells (rows × columns) one operator may produce: `Limits::max_cells`.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub max_cells: usize,
}

impl Budget {
    /// Whether `rows` rows of `columns` columns fit.
    pub fn fits(&self, rows: usize, columns: usize) -> bool {
        rows.saturating_mul(columns.max(1)) <= self.max_cells
    }

    /// `Ok` when the output fits; otherwise the runaway-query error naming the operator, what
    /// it would have built and the limit.
    pub fn check(
        &self,
        operator: &str,
        rows: usize,
        columns: usize,
        span: Option<Span>,
    ) -> Result<(), EngineError> {
        if self.fits(rows, columns) {
            return Ok(());
        }
        let rows = if rows == usize::MAX {
            "more than 18446744073709551615".to_owned()
        } else {
            rows.to_string()
        };
        Err(EngineError {
            kind: ErrorKind::Limits,
            message: format!(
                "Runaway query (E_RUNAWAY_QUERY): {operator} operator has exceeded the memory \
                 budget during evaluation: it would produce {rows} rows of {columns} columns, \
                 over the {} cells one operator may hold. Narrow its input with where, \
                 summarize or take, join on a more selective key, or project only the columns \
                 you need",
                self.max_cells
            ),
            span,
        })
    }
}

impl Ctx<'_> {
    pub fn budget(&self) -> Budget {
        Budget {
            max_cells: self.limits.max_cells,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_counts_cells_without_overflowing_and_names_the_operator() {
        let budget = Budget { max_cells: 100 };
        assert!(budget.fits(10, 10));
        assert!(!budget.fits(usize::MAX, usize::MAX));
        let err = budget.check("HashJoin", 11, 10, None).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Limits);
        assert!(
            err.message.starts_with("Runaway query (E_RUNAWAY_QUERY): HashJoin operator has exceeded the memory budget during evaluation: it would produce 11 rows of 10 columns, over the 100 cells"),
            "{}",
            err.message
        );
    }
}
