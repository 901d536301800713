//! `evaluate` plugins: `bag_unpack` and `narrow` here, `pivot` and `ipv4_lookup` beside; the
//! others are refused by name.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::Value as Json;

use super::super::context::Ctx;
use super::super::scalar::Scalar;
use super::super::sources::coerce;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Evaluate, Expr, ExprKind};
use crate::kql::Span;
use crate::results::ColumnKind;

impl Ctx<'_> {
    pub fn evaluate(
        &self,
        table: Table,
        plugin: &Evaluate,
        span: Span,
    ) -> Result<Table, EngineError> {
        match plugin.plugin.as_str() {
            "bag_unpack" => self.bag_unpack(&table, plugin, span),
            "pivot" if plugin.schema.is_none() => self.pivot(&table, &plugin.args, span),
            "narrow" if plugin.args.is_empty() => Ok(narrow(&table)),
            "ipv4_lookup" if plugin.schema.is_none() => {
                self.ipv4_lookup(&table, &plugin.args, span)
            }
            name => Err(EngineError::unsupported(
                format!(
                    "The 'evaluate {name}' plugin{} is not supported by the kqlhunt demo tenant",
                    if plugin.schema.is_some() {
                        " with an output schema"
                    } else {
                        ""
                    }
                ),
                span,
            )),
        }
    }

    /// Each top-level slot of a column of property bags as a column of its own.
    fn bag_unpack(
        &self,
        table: &Table,
        plugin: &Evaluate,
        span: Span,
    ) -> Result<Table, EngineError> {
        let mut positional = Vec::new();
        let (mut prefix, mut conflict, mut ignored) = (None, None, None);
        for arg in &plugin.args {
            match &arg.kind {
                ExprKind::Assign { name, value } => {
                    let value = self.constant_text_or_json(value)?;
                    match name.to_ascii_lowercase().as_str() {
                        "outputcolumnprefix" => prefix = Some(value),
                        "columnsconflict" => conflict = Some(value),
                        "ignoredproperties" => ignored = Some(value),
                        other => {
                            return Err(EngineError::semantic(
                                format!("bag_unpack has no parameter '{other}'"),
                                arg.span,
                            ))
                        }
                    }
                }
                _ => positional.push(arg),
            }
        }
        let column =
            match positional.first().map(|a| &a.kind) {
                Some(ExprKind::Name(name)) => table.column_index(name).ok_or_else(|| {
                    EngineError::semantic(
                        format!("Failed to resolve scalar expression named '{name}'"),
                        positional[0].span,
                    )
                })?,
                _ => return Err(EngineError::semantic(
                    "bag_unpack needs the column of property bags to unpack: bag_unpack(Column)",
                    span,
                )),
            };
        let rest: Vec<Json> = positional[1..]
            .iter()
            .map(|a| self.constant_text_or_json(a))
            .collect::<Result<_, _>>()?;
        let text = |j: Option<&Json>| j.and_then(Json::as_str).map(str::to_owned);
        let prefix = text(prefix.as_ref().or(rest.first())).unwrap_or_default();
        let conflict = text(conflict.as_ref().or(rest.get(1))).unwrap_or_else(|| "error".into());
        let ignored: HashSet<String> = ignored
            .as_ref()
            .or(rest.get(2))
            .and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if table.columns[column].kind == ColumnKind::Text {
            return Err(EngineError::semantic(
                format!(
                    "bag_unpack: '{}' is a string column; unpack parse_json({0}) instead",
                    table.columns[column].name
                ),
                span,
            ));
        }
        // The slots are counted before any column is built: bags with many distinct keys would
        // make a table past the budget.
        let bag_of = |row: usize| match table.get(row, column) {
            Scalar::Dynamic(bag) => match &**bag {
                Json::Object(map) => Some(map),
                _ => None,
            },
            _ => None,
        };
        let mut names: BTreeSet<String> = BTreeSet::new();
        for row in 0..table.len() {
            for (key, value) in bag_of(row).into_iter().flatten() {
                if !ignored.contains(key) && !value.is_null() {
                    names.insert(format!("{prefix}{key}"));
                }
            }
        }
        self.budget().check(
            "bag_unpack",
            table.len(),
            table.columns.len() + names.len(),
            Some(span),
        )?;
        // Slot name -> its values by row, in slot-name order as Kusto lists them.
        let mut slots: BTreeMap<String, Vec<Option<Json>>> = names
            .into_iter()
            .map(|name| (name, vec![None; table.len()]))
            .collect();
        for row in 0..table.len() {
            for (key, value) in bag_of(row).into_iter().flatten() {
                if let Some(values) = slots.get_mut(&format!("{prefix}{key}")) {
                    if !ignored.contains(key) && !value.is_null() {
                        values[row] = Some(value.clone());
                    }
                }
            }
        }
        let taken: Vec<usize> = (0..table.columns.len())
            .filter(|&c| c != column && slots.contains_key(&table.columns[c].name))
            .collect();
        if let Some(&c) = taken.first() {
            if !matches!(conflict.as_str(), "replace_source" | "keep_source") {
                return Err(EngineError::semantic(
                    format!("bag_unpack: the slot '{}' has the name of an existing column; pass columnsConflict='replace_source' or 'keep_source'", table.columns[c].name),
                    span,
                ));
            }
        }
        let kept: Vec<usize> = (0..table.columns.len())
            .filter(|&c| c != column && !taken.contains(&c))
            .collect();
        let mut columns: Vec<ColumnDef> = kept.iter().map(|&c| table.columns[c].clone()).collect();
        let mut data: Vec<Vec<Scalar>> = kept.iter().map(|&c| table.column_values(c)).collect();
        for (name, values) in slots {
            let source = table.column_index(&name).filter(|c| taken.contains(c));
            match source {
                Some(c) if conflict == "keep_source" => {
                    columns.push(table.columns[c].clone());
                    data.push(table.column_values(c));
                }
                _ => {
                    let kind = slot_kind(&values);
                    data.push(values.into_iter().map(|v| slot_value(v, kind)).collect());
                    columns.push(ColumnDef { name, kind });
                }
            }
        }
        let unpacked = Table::new(columns, data);
        match &plugin.schema {
            None => Ok(unpacked),
            Some(schema) => Ok(with_schema(table, column, &unpacked, schema)),
        }
    }

    /// A constant argument: a string or a dynamic value.
    fn constant_text_or_json(&self, expr: &Expr) -> Result<Json, EngineError> {
        let empty = Table::default();
        Ok(self.bind(expr, &empty)?.eval(&empty, 0).to_json())
    }
}

/// The type of a slot: the one all its values share, else dynamic.
fn slot_kind(values: &[Option<Json>]) -> ColumnKind {
    let kinds: HashSet<ColumnKind> = values
        .iter()
        .flatten()
        .map(|v| match v {
            Json::Bool(_) => ColumnKind::Bool,
            Json::Number(n) if n.is_i64() || n.is_u64() => ColumnKind::Long,
            Json::Number(_) => ColumnKind::Real,
            Json::String(_) => ColumnKind::Text,
            _ => ColumnKind::Dynamic,
        })
        .collect();
    match kinds.len() {
        1 => kinds.into_iter().next().unwrap_or(ColumnKind::Dynamic),
        _ => ColumnKind::Dynamic,
    }
}

fn slot_value(value: Option<Json>, kind: ColumnKind) -> Scalar {
    let Some(value) = value else {
        return if kind == ColumnKind::Text {
            Scalar::str("")
        } else {
            Scalar::Null
        };
    };
    match (kind, value) {
        (ColumnKind::Dynamic, v) => Scalar::from_json(v),
        (_, Json::Bool(b)) => Scalar::Bool(b),
        (_, Json::String(s)) => Scalar::str(&s),
        (_, Json::Number(n)) => n.as_i64().map_or_else(
            || Scalar::Real(n.as_f64().unwrap_or(f64::NAN)),
            Scalar::Long,
        ),
        (_, v) => Scalar::from_json(v),
    }
}

/// The output schema's columns, in its order; `*` stands for the input's columns but the bag.
fn with_schema(input: &Table, bag: usize, unpacked: &Table, schema: &[(String, String)]) -> Table {
    let mut columns = Vec::new();
    let mut data = Vec::new();
    for (name, kind) in schema {
        if name == "*" {
            for c in (0..input.columns.len()).filter(|&c| c != bag) {
                columns.push(input.columns[c].clone());
                data.push(input.column_values(c));
            }
            continue;
        }
        let kind = ColumnKind::from_type_name(kind);
        let values = match unpacked.column_index(name) {
            Some(c) => unpacked
                .column_values(c)
                .into_iter()
                .map(|v| coerce(v, kind))
                .collect(),
            None => vec![Scalar::Null; input.len()],
        };
        columns.push(ColumnDef {
            name: name.clone(),
            kind,
        });
        data.push(values);
    }
    Table::new(columns, data)
}

/// `narrow()`: one row per cell, as (Row, Column, Value) with the value as text the way the
/// plugin writes it (`True`, `2017-03-14 10:59:18.9263023`).
fn narrow(table: &Table) -> Table {
    let (mut rows, mut names, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for row in 0..table.len() {
        for (c, def) in table.columns.iter().enumerate() {
            rows.push(Scalar::Long(row as i64));
            names.push(Scalar::str(&def.name));
            let text = match table.get(row, c) {
                Scalar::Bool(true) => "True".to_owned(),
                Scalar::Bool(false) => "False".to_owned(),
                Scalar::DateTime(t) => crate::results::datetime::format_ticks(*t)
                    .trim_end_matches('Z')
                    .replace('T', " "),
                other => other.to_text().unwrap_or_default().into_owned(),
            };
            values.push(Scalar::str(&text));
        }
    }
    let def = |name: &str, kind| ColumnDef {
        name: name.into(),
        kind,
    };
    Table::new(
        vec![
            def("Row", ColumnKind::Long),
            def("Column", ColumnKind::Text),
            def("Value", ColumnKind::Text),
        ],
        vec![rows, names, values],
    )
}
