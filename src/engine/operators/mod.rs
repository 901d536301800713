//! The tabular operators, one concern per file.

mod columns;
mod evaluate;
mod invoke;
mod ipv4_lookup;
mod join;
mod multi_column;
mod mv_apply;
mod order;
mod partition;
mod pivot;
mod reshape;
mod series;
mod summarize;
mod summarize_expressions;
mod top_nested;

use super::context::Ctx;
use super::table::Table;
use super::EngineError;
use crate::kql::ast::{Operator, OperatorKind};

impl Ctx<'_> {
    pub fn operator(&self, table: Table, operator: &Operator) -> Result<Table, EngineError> {
        let span = operator.span;
        match &operator.kind {
            OperatorKind::Where(predicate) => {
                let bound = self.bind(predicate, &table)?;
                let rows: Vec<u32> = (0..table.len())
                    .filter(|&r| bound.is_true(&table, r))
                    .map(|r| r as u32)
                    .collect();
                Ok(table.select(rows))
            }
            OperatorKind::Project(items) => self.project(&table, items),
            OperatorKind::Extend(items) => self.extend(table, items),
            OperatorKind::ProjectAway(patterns) => Ok(columns::project_away(&table, patterns)),
            OperatorKind::ProjectKeep(patterns) => Ok(columns::project_keep(&table, patterns)),
            OperatorKind::ProjectRename(pairs) => columns::project_rename(table, pairs, span),
            OperatorKind::ProjectReorder(patterns) => {
                Ok(columns::project_reorder(&table, patterns))
            }
            OperatorKind::Summarize { aggregates, by } => {
                self.summarize(&table, aggregates, by, span)
            }
            OperatorKind::Sort(keys) => self.sort(&table, keys),
            OperatorKind::Top { count, by } => {
                let sorted = self.sort(&table, std::slice::from_ref(by))?;
                self.take(sorted, count)
            }
            OperatorKind::Take(count) | OperatorKind::Sample(count) => self.take(table, count),
            OperatorKind::Distinct(columns) => self.distinct(&table, columns),
            OperatorKind::Count => Ok(Table::new(
                vec![super::table::ColumnDef {
                    name: "Count".into(),
                    kind: crate::results::ColumnKind::Long,
                }],
                vec![vec![super::scalar::Scalar::Long(table.len() as i64)]],
            )),
            OperatorKind::Join { kind, right, on } => {
                let right = self.tabular(right)?;
                join::join(&table, &right, kind, on, span, self.budget())
            }
            OperatorKind::Lookup { kind, right, on } => {
                let right = self.tabular(right)?;
                let kind = if kind == "inner" {
                    "inner"
                } else {
                    "leftouter"
                };
                join::lookup(&table, &right, kind, on, span)
            }
            OperatorKind::Union {
                tables,
                with_source,
            } => {
                if with_source.is_some() {
                    // The piped-in leg's source name is not known here.
                    return Err(EngineError::unsupported(
                        "union withsource= after a pipe (the input's source name) is not supported by the kqlhunt demo tenant; start the query with union withsource=...",
                        span,
                    ));
                }
                self.union_after(Some(table), tables, None)
            }
            OperatorKind::MvExpand {
                columns,
                limit,
                item_index,
                types,
                bag_as_array,
            } => {
                if *bag_as_array {
                    return Err(EngineError::unsupported(
                        "mv-expand bagexpansion=array is not supported by the kqlhunt demo tenant",
                        span,
                    ));
                }
                let shape = reshape::Expansion {
                    limit: limit.as_ref(),
                    item_index: item_index.as_deref(),
                    types,
                };
                self.mv_expand(&table, columns, shape, span)
            }
            OperatorKind::Parse {
                expr,
                pattern,
                kind,
            } => self.parse_operator(&table, expr, pattern, kind, span),
            OperatorKind::Render(text) => {
                // The last render of the query is the one the service reports.
                *self.render.borrow_mut() = Some(text.clone());
                Ok(table)
            }
            OperatorKind::As(_) => Ok(table),
            OperatorKind::Serialize(items) => {
                if items.is_empty() {
                    Ok(table)
                } else {
                    self.extend(table, items)
                }
            }
            OperatorKind::GetSchema => Ok(columns::get_schema(&table)),
            OperatorKind::Invoke(call) => self.invoke(table, call, span),
            OperatorKind::Evaluate(plugin) => self.evaluate(table, plugin, span),
            OperatorKind::MakeSeries(series) => self.make_series(&table, series, span),
            OperatorKind::MvApply(apply) => self.mv_apply(&table, apply, span),
            OperatorKind::TopNested(levels) => self.top_nested(&table, levels, span),
            OperatorKind::Partition { by, operators } => {
                self.partition(&table, by, operators, span)
            }
            OperatorKind::Other { name } => Err(EngineError::unsupported(
                format!("The '{name}' operator is not supported by the kqlhunt demo tenant"),
                span,
            )),
        }
    }
}
