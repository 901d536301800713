//! `partition by Column ( operators )`: the operators run on the rows of each value of the
//! column, and the results are put together.

use std::collections::HashMap;

use super::super::context::Ctx;
use super::super::scalar::Key;
use super::super::table::Table;
use super::super::union::union_tables;
use super::super::EngineError;
use crate::kql::ast::Operator;
use crate::kql::Span;

impl Ctx<'_> {
    pub fn partition(
        &self,
        table: &Table,
        by: &str,
        operators: &[Operator],
        span: Span,
    ) -> Result<Table, EngineError> {
        let column = table.column_index(by).ok_or_else(|| {
            EngineError::semantic(
                format!("partition: Failed to resolve column named '{by}'"),
                span,
            )
        })?;
        let mut order: Vec<Vec<u32>> = Vec::new();
        let mut index: HashMap<Key, usize> = HashMap::new();
        for row in 0..table.len() {
            let g = *index
                .entry(Key::of(table.get(row, column)))
                .or_insert_with(|| {
                    order.push(Vec::new());
                    order.len() - 1
                });
            order[g].push(row as u32);
        }
        let mut parts = Vec::new();
        for rows in order {
            let part = self.operators(table.select(rows), operators, false)?;
            parts.push((String::new(), part));
        }
        if parts.is_empty() {
            // No partitions: the operators run once on no rows for their columns, no rows out.
            let columns = self.operators(table.clone(), operators, false)?;
            return Ok(columns.select(Vec::new()));
        }
        Ok(union_tables(parts, None))
    }
}
