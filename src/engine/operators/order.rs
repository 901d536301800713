//! Ordering and cutting: sort, top, take, distinct.

use std::cmp::Ordering;
use std::collections::HashSet;

use super::super::context::Ctx;
use super::super::scalar::{Key, Scalar};
use super::super::table::Table;
use super::super::EngineError;
use crate::kql::ast::{Expr, ExprKind, SortKey};

impl Ctx<'_> {
    /// A stable sort; nulls first when ascending and last when descending, unless told.
    pub fn sort(&self, table: &Table, keys: &[SortKey]) -> Result<Table, EngineError> {
        let bound = keys
            .iter()
            .map(|k| self.bind(&k.expr, table))
            .collect::<Result<Vec<_>, _>>()?;
        let values: Vec<Vec<Scalar>> = bound
            .iter()
            .map(|b| (0..table.len()).map(|r| b.eval(table, r)).collect())
            .collect();
        let mut rows: Vec<u32> = (0..table.len() as u32).collect();
        rows.sort_by(|&a, &b| {
            for (k, key) in keys.iter().enumerate() {
                let (x, y) = (&values[k][a as usize], &values[k][b as usize]);
                let nulls_first = key.nulls_first.unwrap_or(!key.descending);
                let ord = match (x.is_null(), y.is_null()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => {
                        if nulls_first {
                            Ordering::Less
                        } else {
                            Ordering::Greater
                        }
                    }
                    (false, true) => {
                        if nulls_first {
                            Ordering::Greater
                        } else {
                            Ordering::Less
                        }
                    }
                    _ => {
                        let o = x.compare(y);
                        if key.descending {
                            o.reverse()
                        } else {
                            o
                        }
                    }
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            Ordering::Equal
        });
        Ok(table.select(rows))
    }

    pub fn take(&self, table: Table, count: &Expr) -> Result<Table, EngineError> {
        let bound = self.bind(count, &Table::default())?;
        let n = bound
            .eval_ref(&Table::default(), 0)
            .as_i64()
            .ok_or_else(|| EngineError::semantic("take needs a number of rows", count.span))?;
        let n = (n.max(0) as usize).min(table.len());
        Ok(table.select((0..n as u32).collect()))
    }

    pub fn distinct(&self, table: &Table, columns: &[Expr]) -> Result<Table, EngineError> {
        let source = if columns.len() == 1 && matches!(columns[0].kind, ExprKind::Star) {
            table.clone()
        } else {
            let items: Vec<_> = columns
                .iter()
                .map(|e| crate::kql::ast::NamedExpr {
                    names: Vec::new(),
                    expr: e.clone(),
                })
                .collect();
            self.project(table, &items)?
        };
        let mut seen = HashSet::new();
        let rows: Vec<u32> = (0..source.len())
            .filter(|&r| {
                seen.insert(
                    (0..source.columns.len())
                        .map(|c| Key::of(source.get(r, c)))
                        .collect::<Vec<_>>(),
                )
            })
            .map(|r| r as u32)
            .collect();
        Ok(source.select(rows))
    }
}
