//! `mv-apply`: each row's arrays expanded into a table of their own, the subquery run on it,
//! and the results joined back to the row's other columns.

use serde_json::Value as Json;

use super::super::context::Ctx;
use super::super::scalar::Scalar;
use super::super::table::{ColumnDef, Table};
use super::super::union::union_tables;
use super::super::EngineError;
use crate::kql::ast::{ExprKind, MvApply};
use crate::kql::Span;
use crate::results::ColumnKind;

/// An array's elements; anything else is one element, and null none.
fn elements(value: &Scalar) -> Vec<Json> {
    match value {
        Scalar::Null => Vec::new(),
        Scalar::Dynamic(j) => match &**j {
            Json::Array(items) => items.clone(),
            other => vec![other.clone()],
        },
        other => vec![other.to_json()],
    }
}

/// An element as the type `to typeof(...)` names: one that does not conform is null.
fn conform(item: Json, kind: Option<ColumnKind>) -> Scalar {
    match (kind, item) {
        (None | Some(ColumnKind::Dynamic), item) => Scalar::from_json(item),
        (_, Json::Null) => Scalar::Null,
        (Some(ColumnKind::Long), Json::Number(n)) => n.as_i64().map_or(Scalar::Null, Scalar::Long),
        (Some(ColumnKind::Real), Json::Number(n)) => n.as_f64().map_or(Scalar::Null, Scalar::Real),
        (Some(ColumnKind::Bool), Json::Bool(b)) => Scalar::Bool(b),
        (Some(ColumnKind::Text), Json::String(s)) => Scalar::str(&s),
        (Some(ColumnKind::Text), _) => Scalar::str(""),
        (Some(ColumnKind::DateTime), Json::String(s)) => {
            crate::results::datetime::parse_ticks(&s).map_or(Scalar::Null, Scalar::DateTime)
        }
        _ => Scalar::Null,
    }
}

/// A row's value of a column, `times` times (no values without a row).
fn repeat(table: &Table, row: Option<usize>, column: usize, times: usize) -> Vec<Scalar> {
    match row {
        Some(r) => vec![table.get(r, column).clone(); times],
        None => Vec::new(),
    }
}

impl Ctx<'_> {
    pub fn mv_apply(
        &self,
        table: &Table,
        spec: &MvApply,
        span: Span,
    ) -> Result<Table, EngineError> {
        let mut arrays = Vec::new();
        for (item, kind) in &spec.columns {
            let name = item
                .names
                .first()
                .cloned()
                .or_else(|| match &item.expr.kind {
                    ExprKind::Name(n) => Some(n.clone()),
                    _ => None,
                })
                .ok_or_else(|| {
                    EngineError::unsupported(
                        "mv-apply of an unnamed expression is not supported by the kqlhunt demo tenant: name it (Name = expression)",
                        item.expr.span,
                    )
                })?;
            let kind = kind.as_deref().map(ColumnKind::from_type_name);
            arrays.push((name, kind, self.bind(&item.expr, table)?));
        }
        let limit = match &spec.limit {
            Some(e) => self
                .bind(e, &Table::default())?
                .eval(&Table::default(), 0)
                .as_i64()
                .map_or(usize::MAX, |n| n.max(0) as usize),
            None => usize::MAX,
        };
        // The input's columns stay, but those an array of the same name replaces.
        let outer: Vec<usize> = (0..table.columns.len())
            .filter(|&c| !arrays.iter().any(|(n, _, _)| *n == table.columns[c].name))
            .collect();
        let mut pieces = Vec::new();
        let mut rows = 0usize;
        // No rows still runs the subquery once, on no rows, for the columns it gives.
        let each: Vec<Option<usize>> = if table.is_empty() {
            vec![None]
        } else {
            (0..table.len()).map(Some).collect()
        };
        for row in each {
            let expanded: Vec<Vec<Json>> = arrays
                .iter()
                .map(|(_, _, b)| row.map_or_else(Vec::new, |r| elements(&b.eval_ref(table, r))))
                .collect();
            let length = expanded.iter().map(Vec::len).max().unwrap_or(0).min(limit);
            let mut columns: Vec<ColumnDef> =
                outer.iter().map(|&c| table.columns[c].clone()).collect();
            let mut data: Vec<Vec<Scalar>> = outer
                .iter()
                .map(|&c| repeat(table, row, c, length))
                .collect();
            for ((name, kind, _), items) in arrays.iter().zip(expanded) {
                let mut items = items.into_iter();
                data.push(
                    (0..length)
                        .map(|_| conform(items.next().unwrap_or(Json::Null), *kind))
                        .collect(),
                );
                columns.push(ColumnDef {
                    name: name.clone(),
                    kind: kind.unwrap_or(ColumnKind::Dynamic),
                });
            }
            if let Some(index) = &spec.item_index {
                columns.push(ColumnDef {
                    name: index.clone(),
                    kind: ColumnKind::Long,
                });
                data.push((0..length as i64).map(Scalar::Long).collect());
            }
            let result = self.operators(Table::new(columns, data), &spec.operators, false)?;
            let piece = self.rejoin(table, row, &outer, result, span)?;
            rows += piece.len();
            self.budget()
                .check("mv-apply", rows, piece.columns.len(), Some(span))?;
            pieces.push((String::new(), piece));
        }
        Ok(union_tables(pieces, None))
    }

    /// The row's own columns first, then the subquery's others. A subquery column named like
    /// one of the row's must hold the row's values: which one Kusto keeps otherwise is not
    /// documented, so that is refused.
    fn rejoin(
        &self,
        table: &Table,
        row: Option<usize>,
        outer: &[usize],
        result: Table,
        span: Span,
    ) -> Result<Table, EngineError> {
        // Without an input row the subquery ran only for its columns: no rows come out.
        let result = match row {
            Some(_) => result,
            None => result.select(Vec::new()),
        };
        let mut columns: Vec<ColumnDef> = outer.iter().map(|&c| table.columns[c].clone()).collect();
        let mut data: Vec<Vec<Scalar>> = outer
            .iter()
            .map(|&c| repeat(table, row, c, result.len()))
            .collect();
        for (c, def) in result.columns.iter().enumerate() {
            if let Some(o) = outer
                .iter()
                .position(|&o| table.columns[o].name == def.name)
            {
                let same = (0..result.len()).all(|r| {
                    let (a, b) = (result.get(r, c), &data[o][r]);
                    a == b || a.equals(b) == Some(true)
                });
                if !same {
                    return Err(EngineError::unsupported(
                        format!("mv-apply: the subquery's column '{}' has the name of an input column but other values; this is not supported by the kqlhunt demo tenant: rename it", def.name),
                        span,
                    ));
                }
                continue;
            }
            columns.push(def.clone());
            data.push(result.column_values(c));
        }
        Ok(Table::new(columns, data))
    }
}
