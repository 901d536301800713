//! Rows from inside values: `mv-expand` (arrays into rows) and `parse` (text into columns).

use std::sync::Arc;

use regex::Regex;
use serde_json::Value as Json;

use super::super::context::Ctx;
use super::super::naming;
use super::super::scalar::Scalar;
use super::super::sources::coerce;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Expr, NamedExpr, ParsePart};
use crate::kql::Span;
use crate::results::ColumnKind;

fn elements(value: Scalar) -> Vec<Scalar> {
    match value {
        Scalar::Null => Vec::new(),
        Scalar::Dynamic(j) => match &*j {
            Json::Array(items) => items.iter().cloned().map(Scalar::from_json).collect(),
            Json::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    Scalar::from_json(Json::Object(
                        std::iter::once((k.clone(), v.clone())).collect(),
                    ))
                })
                .collect(),
            _ => vec![Scalar::Dynamic(j.clone())],
        },
        // A string holding a JSON array expands like the array.
        Scalar::String(s) => match serde_json::from_str::<Json>(&s) {
            Ok(Json::Array(items)) => items.into_iter().map(Scalar::from_json).collect(),
            _ => vec![Scalar::String(s)],
        },
        other => vec![other],
    }
}

impl Ctx<'_> {
    pub fn mv_expand(
        &self,
        table: &Table,
        columns: &[NamedExpr],
        limit: Option<&Expr>,
        span: Span,
    ) -> Result<Table, EngineError> {
        let bound = columns
            .iter()
            .map(|c| self.bind(&c.expr, table))
            .collect::<Result<Vec<_>, _>>()?;
        let names: Vec<String> = columns
            .iter()
            .map(|c| {
                c.names
                    .first()
                    .cloned()
                    .or_else(|| naming::inferred(&c.expr))
                    .ok_or_else(|| {
                        EngineError::semantic(
                            "mv-expand: name the expanded column (Name = expression)",
                            span,
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        let limit = match limit {
            Some(e) => self
                .bind(e, &Table::default())?
                .eval(&Table::default(), 0)
                .as_i64()
                .unwrap_or(i64::MAX) as usize,
            None => usize::MAX,
        };
        let mut rows: Vec<u32> = Vec::new();
        let mut expanded: Vec<Vec<Scalar>> = vec![Vec::new(); names.len()];
        // Each row becomes as many as its longest array: counted before each row is added.
        let budget = self.budget();
        let columns = table.columns.len() + names.len();
        for row in 0..table.len() {
            let lists: Vec<Vec<Scalar>> =
                bound.iter().map(|b| elements(b.eval(table, row))).collect();
            let count = lists.iter().map(Vec::len).max().unwrap_or(0).min(limit);
            let total = rows.len().saturating_add(count);
            if !budget.fits(total, columns) {
                // The whole output, as far as it can be told without expanding the rest.
                let remaining = (row + 1..table.len()).fold(total, |sum, r| {
                    let longest = bound
                        .iter()
                        .map(|b| elements(b.eval(table, r)).len())
                        .max()
                        .unwrap_or(0);
                    sum.saturating_add(longest.min(limit))
                });
                return budget
                    .check("MvExpand", remaining, columns, Some(span))
                    .map(|_| Table::default());
            }
            for i in 0..count {
                rows.push(row as u32);
                for (column, list) in expanded.iter_mut().zip(&lists) {
                    column.push(list.get(i).cloned().unwrap_or(Scalar::Null));
                }
            }
        }
        let mut result = table.select(rows).materialized();
        for (name, values) in names.into_iter().zip(expanded) {
            result = result.with_column(
                ColumnDef {
                    name,
                    kind: ColumnKind::Dynamic,
                },
                values,
            );
        }
        Ok(result)
    }

    pub fn parse_operator(
        &self,
        table: &Table,
        expr: &Expr,
        pattern: &[ParsePart],
        kind: &str,
        span: Span,
    ) -> Result<Table, EngineError> {
        let source = self.bind(expr, table)?;
        let columns: Vec<(String, ColumnKind)> = pattern
            .iter()
            .filter_map(|p| match p {
                ParsePart::Column { name, kind } => Some((
                    name.clone(),
                    kind.as_deref()
                        .map_or(ColumnKind::Text, ColumnKind::from_type_name),
                )),
                _ => None,
            })
            .collect();
        let regex = if kind.eq_ignore_ascii_case("regex") {
            let mut text = String::new();
            for part in pattern {
                match part {
                    ParsePart::Text(t) => text.push_str(t),
                    ParsePart::Column { .. } => text.push_str("(.*?)"),
                    ParsePart::Wildcard => text.push_str(".*?"),
                }
            }
            let text = if matches!(pattern.last(), Some(ParsePart::Column { .. })) {
                format!("{}$", text.trim_end_matches("(.*?)").to_owned() + "(.*)")
            } else {
                text
            };
            Some(Arc::new(Regex::new(&text).map_err(|e| {
                EngineError::semantic(
                    format!("parse: the pattern is not a valid regular expression: {e}"),
                    span,
                )
            })?))
        } else {
            None
        };
        let mut outputs: Vec<Vec<Scalar>> = vec![Vec::with_capacity(table.len()); columns.len()];
        for row in 0..table.len() {
            let text = source.eval(table, row).to_text().map(|s| s.into_owned());
            let captures = text.and_then(|t| match &regex {
                Some(re) => re.captures(&t).map(|c| {
                    (1..c.len())
                        .map(|i| c.get(i).map_or(String::new(), |m| m.as_str().to_owned()))
                        .collect()
                }),
                None => simple_parse(&t, pattern),
            });
            for (i, column) in outputs.iter_mut().enumerate() {
                let value = captures
                    .as_ref()
                    .and_then(|c: &Vec<String>| c.get(i))
                    .map_or(Scalar::Null, |s| coerce(Scalar::str(s), columns[i].1));
                column.push(value);
            }
        }
        let mut result = table.materialized();
        for ((name, kind), values) in columns.into_iter().zip(outputs) {
            result = result.with_column(ColumnDef { name, kind }, values);
        }
        Ok(result)
    }
}

/// The `simple` parse: literals must appear in order; columns take what lies between them.
fn simple_parse(text: &str, pattern: &[ParsePart]) -> Option<Vec<String>> {
    let mut captures = Vec::new();
    let mut pos = 0;
    let mut pending: Option<bool> = None; // Some(true): a column waits for its end; Some(false): a wildcard
    for part in pattern {
        match part {
            ParsePart::Text(literal) => {
                let found = if pending.is_some() {
                    text[pos..].find(literal.as_str()).map(|i| pos + i)?
                } else if text[pos..].starts_with(literal.as_str()) {
                    pos
                } else {
                    return None;
                };
                if pending == Some(true) {
                    captures.push(text[pos..found].to_owned());
                }
                pending = None;
                pos = found + literal.len();
            }
            ParsePart::Column { .. } => {
                if pending == Some(true) {
                    captures.push(String::new());
                }
                pending = Some(true);
            }
            ParsePart::Wildcard => pending = Some(false).or(pending.filter(|p| *p)),
        }
    }
    if pending == Some(true) {
        captures.push(text[pos..].to_owned());
    }
    Some(captures)
}
