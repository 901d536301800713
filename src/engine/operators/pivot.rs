//! `evaluate pivot(Column [, aggregate] [, Key, ...])`: each distinct value of a column becomes
//! a column holding the aggregate of its rows, by the other columns.

use std::collections::HashMap;

use super::super::aggregate::{AggKind, Aggregate, State};
use super::super::context::Ctx;
use super::super::scalar::{Key, Scalar};
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Expr, ExprKind};
use crate::kql::Span;
use crate::results::ColumnKind;

impl Ctx<'_> {
    pub(super) fn pivot(
        &self,
        table: &Table,
        args: &[Expr],
        span: Span,
    ) -> Result<Table, EngineError> {
        let column_of = |expr: &Expr| match &expr.kind {
            ExprKind::Name(name) => table.column_index(name).ok_or_else(|| {
                EngineError::semantic(
                    format!("Failed to resolve scalar expression named '{name}'"),
                    expr.span,
                )
            }),
            _ => Err(EngineError::semantic(
                "pivot takes column names: pivot(Column [, aggregate] [, Key, ...])",
                expr.span,
            )),
        };
        let pivot = column_of(
            args.first()
                .ok_or_else(|| EngineError::semantic("pivot needs the column to rotate", span))?,
        )?;
        let (aggregate, rest) = match args.get(1).map(|a| &a.kind) {
            Some(ExprKind::Call { name, args: inner }) => (
                Some((name.to_ascii_lowercase(), inner, args[1].span)),
                &args[2..],
            ),
            _ => (None, &args[1..]),
        };
        let (kind, value_column) = match &aggregate {
            None => (AggKind::Count, None),
            Some((name, inner, at)) => {
                // Missing cells are 0 for these, as the documentation shows; the others'
                // empty cells are not documented, so they are refused rather than guessed.
                let kind = match name.as_str() {
                    "count" => AggKind::Count,
                    "sum" => AggKind::Sum,
                    "dcount" => AggKind::DCount,
                    other => {
                        return Err(EngineError::unsupported(
                            format!("pivot with {other}() is not supported by the kqlhunt demo tenant (count(), sum() and dcount() are)"),
                            *at,
                        ))
                    }
                };
                let value = match inner.first() {
                    Some(e) => Some(column_of(e)?),
                    None if kind == AggKind::Count => None,
                    None => {
                        return Err(EngineError::semantic(
                            format!("{name}() needs a column"),
                            *at,
                        ))
                    }
                };
                (kind, value)
            }
        };
        let keys: Vec<usize> = if rest.is_empty() {
            (0..table.columns.len())
                .filter(|&c| c != pivot && Some(c) != value_column)
                .collect()
        } else {
            rest.iter().map(column_of).collect::<Result<_, _>>()?
        };
        let aggregate = Aggregate {
            kind,
            args: value_column
                .map(super::super::expr::Bound::Column)
                .into_iter()
                .collect(),
            carry: Vec::new(),
            emit_value: true,
            max_size: usize::MAX,
        };

        let mut pivots: Vec<String> = Vec::new();
        let mut pivot_index: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<(Vec<Scalar>, HashMap<usize, State>)> = Vec::new();
        let mut group_index: HashMap<Vec<Key>, usize> = HashMap::new();
        for row in 0..table.len() {
            let name = table
                .get(row, pivot)
                .to_text()
                .unwrap_or_default()
                .into_owned();
            if name.is_empty() {
                return Err(EngineError::unsupported(
                    format!("pivot of an empty value of '{}' is not supported by the kqlhunt demo tenant: filter it out first", table.columns[pivot].name),
                    span,
                ));
            }
            let p = *pivot_index.entry(name.clone()).or_insert_with(|| {
                pivots.push(name);
                pivots.len() - 1
            });
            let values: Vec<Scalar> = keys.iter().map(|&c| table.get(row, c).clone()).collect();
            let key: Vec<Key> = values.iter().map(Key::of).collect();
            let g = *group_index.entry(key).or_insert_with(|| {
                groups.push((values, HashMap::new()));
                groups.len() - 1
            });
            let state = groups[g].1.entry(p).or_insert_with(|| aggregate.start());
            aggregate.fold(state, table, row);
        }

        let mut columns: Vec<ColumnDef> = keys.iter().map(|&c| table.columns[c].clone()).collect();
        for name in &pivots {
            if columns.iter().any(|c| &c.name == name) {
                return Err(EngineError::semantic(
                    format!("pivot: the value '{name}' has the name of a key column"),
                    span,
                ));
            }
        }
        let mut data: Vec<Vec<Scalar>> = vec![Vec::new(); keys.len() + pivots.len()];
        let is_real = value_column.is_some_and(|c| table.columns[c].kind == ColumnKind::Real);
        let empty = match kind {
            AggKind::Sum if is_real => Scalar::Real(0.0),
            _ => Scalar::Long(0),
        };
        for (values, mut states) in groups {
            for (c, v) in values.into_iter().enumerate() {
                data[c].push(v);
            }
            for p in 0..pivots.len() {
                let cell = match states.remove(&p) {
                    Some(state) => aggregate
                        .finish(state, table)
                        .into_iter()
                        .next()
                        .unwrap_or(Scalar::Null),
                    None => empty.clone(),
                };
                data[keys.len() + p].push(cell);
            }
        }
        for (p, name) in pivots.into_iter().enumerate() {
            let kind = data[keys.len() + p]
                .iter()
                .find(|v| !v.is_null())
                .map_or(empty.kind(), Scalar::kind);
            columns.push(ColumnDef { name, kind });
        }
        Ok(Table::new(columns, data))
    }
}
