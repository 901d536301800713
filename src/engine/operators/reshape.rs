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

/// The elements `mv-expand` makes rows of: a null value is one row of null, an empty array or
/// bag none.
fn elements(value: Scalar) -> Vec<Scalar> {
    match value {
        Scalar::Null => vec![Scalar::Null],
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

/// An element under `to typeof(T)`: a cast, never a conversion; an element of another type is
/// null.
fn cast(value: Scalar, kind: ColumnKind) -> Scalar {
    let plain = value.unwrap_dynamic().into_owned();
    let fits = match (kind, &plain) {
        (ColumnKind::Dynamic, _) => return value,
        (_, Scalar::Null) => false,
        (ColumnKind::Int | ColumnKind::Long, Scalar::Long(_))
        | (ColumnKind::Real, Scalar::Real(_) | Scalar::Long(_))
        | (ColumnKind::Bool, Scalar::Bool(_))
        | (ColumnKind::Text, Scalar::String(_)) => true,
        (ColumnKind::DateTime | ColumnKind::TimeSpan | ColumnKind::Guid, Scalar::String(_)) => true,
        _ => false,
    };
    if !fits {
        return Scalar::Null;
    }
    coerce(plain, kind)
}

/// How `mv-expand` expands, besides its columns.
pub struct Expansion<'a> {
    pub limit: Option<&'a Expr>,
    pub item_index: Option<&'a str>,
    pub types: &'a [Option<String>],
}

impl Ctx<'_> {
    pub fn mv_expand(
        &self,
        table: &Table,
        columns: &[NamedExpr],
        shape: Expansion<'_>,
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
        let mut kinds = Vec::with_capacity(names.len());
        for i in 0..names.len() {
            kinds.push(match shape.types.get(i).and_then(Option::as_deref) {
                None => ColumnKind::Dynamic,
                Some(name) => match ColumnKind::from_type_name(name) {
                    ColumnKind::Unknown => {
                        return Err(EngineError::semantic(
                            format!("mv-expand: '{name}' is not a type"),
                            span,
                        ))
                    }
                    kind => kind,
                },
            });
        }
        let limit = match shape.limit {
            Some(e) => self
                .bind(e, &Table::default())?
                .eval(&Table::default(), 0)
                .as_i64()
                .unwrap_or(i64::MAX)
                .max(0) as usize,
            None => usize::MAX,
        };
        let mut rows: Vec<u32> = Vec::new();
        let mut expanded: Vec<Vec<Scalar>> = vec![Vec::new(); names.len()];
        let mut indexes: Vec<Scalar> = Vec::new();
        // Each row becomes as many as its longest array: counted before each row is added.
        let budget = self.budget();
        let columns = table.columns.len() + names.len() + usize::from(shape.item_index.is_some());
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
                indexes.push(Scalar::Long(i as i64));
                for ((column, list), kind) in expanded.iter_mut().zip(&lists).zip(&kinds) {
                    let value = list.get(i).cloned().unwrap_or(Scalar::Null);
                    column.push(cast(value, *kind));
                }
            }
        }
        let mut result = table.select(rows).materialized();
        for ((name, values), kind) in names.into_iter().zip(expanded).zip(kinds) {
            result = result.with_column(ColumnDef { name, kind }, values);
        }
        if let Some(name) = shape.item_index {
            let def = ColumnDef {
                name: name.to_owned(),
                kind: ColumnKind::Long,
            };
            result = result.with_column(def, indexes);
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
        let regex = Arc::new(parse_regex(pattern, kind).map_err(|e| {
            EngineError::semantic(
                format!("parse: the pattern is not a valid regular expression: {e}"),
                span,
            )
        })?);
        let mut outputs: Vec<Vec<Scalar>> = vec![Vec::with_capacity(table.len()); columns.len()];
        for row in 0..table.len() {
            let text = source.eval(table, row).to_text().map(|s| s.into_owned());
            let captures = text.and_then(|t| {
                regex.captures(&t).map(|c| {
                    (1..c.len())
                        .map(|i| c.get(i).map_or(String::new(), |m| m.as_str().to_owned()))
                        .collect()
                })
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

/// The pattern of `parse` as one regular expression. `simple` (the default) matches its text
/// literally from the start of the value, and a typed column only where the text has that type
/// (so a row whose number is not a number does not match, and all its columns are null);
/// `relaxed` lets a typed column take any text and be null where it does not convert; `regex`
/// takes the text as regular expressions. `*` skips as little as it can, and a string column
/// last in the pattern takes the rest of the value.
fn parse_regex(pattern: &[ParsePart], kind: &str) -> Result<Regex, regex::Error> {
    let kind = kind.to_ascii_lowercase();
    let mut text = String::new();
    if kind != "regex" {
        text.push('^');
    }
    for (i, part) in pattern.iter().enumerate() {
        match part {
            ParsePart::Text(t) if kind == "regex" => {
                text.push_str(&crate::engine::re2::translate(t))
            }
            ParsePart::Text(t) => text.push_str(&regex::escape(t)),
            ParsePart::Wildcard => text.push_str(".*?"),
            ParsePart::Column { kind: typed, .. } => {
                let column = typed
                    .as_deref()
                    .map_or(ColumnKind::Text, ColumnKind::from_type_name);
                let last = i + 1 == pattern.len();
                text.push_str(match column {
                    _ if kind == "relaxed" && last => "(.*)",
                    _ if kind == "relaxed" => "(.*?)",
                    ColumnKind::Int | ColumnKind::Long => r"([-+]?\d+)",
                    ColumnKind::Real => r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)",
                    ColumnKind::Bool => "((?i:true|false))",
                    _ if last => "(.*)",
                    _ => "(.*?)",
                });
            }
        }
    }
    Regex::new(&text)
}
