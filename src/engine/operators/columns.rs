//! Choosing, computing and renaming columns: project, extend, project-away/keep/rename/reorder.

use super::super::context::Ctx;
use super::super::naming;
use super::super::scalar::Scalar;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::NamedExpr;
use crate::kql::Span;
use crate::results::ColumnKind;

fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head) && name[head.len()..].len() >= tail.len() && {
                if tail.contains('*') {
                    true
                } else {
                    name.ends_with(tail)
                }
            }
        }
    }
}

fn column_kind(values: &[Scalar]) -> ColumnKind {
    values
        .iter()
        .find(|v| !v.is_null())
        .map_or(ColumnKind::Unknown, Scalar::kind)
}

impl Ctx<'_> {
    /// A computed column's type: the expression's, else its values'.
    pub(crate) fn result_kind(
        &self,
        expr: &crate::kql::ast::Expr,
        table: &Table,
        values: &[Scalar],
    ) -> ColumnKind {
        match self.kind_of(expr, table) {
            ColumnKind::Unknown => column_kind(values),
            kind => kind,
        }
    }
}

impl Ctx<'_> {
    /// Values of one expression over every row.
    fn compute(&self, table: &Table, item: &NamedExpr) -> Result<Vec<Scalar>, EngineError> {
        let bound = self.bind(&item.expr, table)?;
        Ok((0..table.len()).map(|r| bound.eval(table, r)).collect())
    }

    pub fn project(&self, table: &Table, items: &[NamedExpr]) -> Result<Table, EngineError> {
        let mut columns: Vec<ColumnDef> = Vec::new();
        let mut data = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(several) = self.multi_columns(table, item)? {
                for (def, values) in several {
                    columns.push(def);
                    data.push(values);
                }
                continue;
            }
            // `project A` keeps the column as it is, type and all.
            if let (crate::kql::ast::ExprKind::Name(name), true) =
                (&item.expr.kind, item.names.is_empty())
            {
                if let Some(c) = table.column_index(name) {
                    columns.push(table.columns[c].clone());
                    data.push(table.column_values(c));
                    continue;
                }
            }
            let values = self.compute(table, item)?;
            let name = item
                .names
                .first()
                .cloned()
                .or_else(|| naming::inferred(&item.expr))
                .unwrap_or_else(|| format!("Column{}", i + 1));
            let taken: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
            columns.push(ColumnDef {
                name: naming::unique(&name, &taken),
                kind: self.result_kind(&item.expr, table, &values),
            });
            data.push(values);
        }
        Ok(Table::new(columns, data))
    }

    pub fn extend(&self, mut table: Table, items: &[NamedExpr]) -> Result<Table, EngineError> {
        for (i, item) in items.iter().enumerate() {
            if let Some(several) = self.multi_columns(&table, item)? {
                for (def, values) in several {
                    table = table.with_column(def, values);
                }
                continue;
            }
            let values = self.compute(&table, item)?;
            let kind = self.result_kind(&item.expr, &table, &values);
            if item.names.len() > 1 {
                return Err(EngineError::unsupported(
                    "extend with several names from one expression is not supported",
                    item.expr.span,
                ));
            }
            let name = item
                .names
                .first()
                .cloned()
                .or_else(|| {
                    naming::inferred(&item.expr).filter(|_| {
                        matches!(item.expr.kind, crate::kql::ast::ExprKind::Member { .. })
                    })
                })
                .unwrap_or_else(|| format!("Column{}", i + 1));
            table = table.with_column(ColumnDef { name, kind }, values);
        }
        Ok(table)
    }
}

pub fn project_away(table: &Table, patterns: &[String]) -> Table {
    let keep: Vec<usize> = (0..table.columns.len())
        .filter(|&c| !patterns.iter().any(|p| matches(p, &table.columns[c].name)))
        .collect();
    table.keep(&keep)
}

pub fn project_keep(table: &Table, patterns: &[String]) -> Table {
    let keep: Vec<usize> = (0..table.columns.len())
        .filter(|&c| patterns.iter().any(|p| matches(p, &table.columns[c].name)))
        .collect();
    table.keep(&keep)
}

pub fn project_reorder(table: &Table, patterns: &[String]) -> Table {
    let mut order: Vec<usize> = Vec::new();
    for pattern in patterns {
        for c in 0..table.columns.len() {
            if matches(pattern, &table.columns[c].name) && !order.contains(&c) {
                order.push(c);
            }
        }
    }
    order.extend(
        (0..table.columns.len())
            .filter(|c| !order.contains(c))
            .collect::<Vec<_>>(),
    );
    table.keep(&order)
}

pub fn project_rename(
    mut table: Table,
    pairs: &[(String, String)],
    span: Span,
) -> Result<Table, EngineError> {
    for (new, old) in pairs {
        let c = table.column_index(old).ok_or_else(|| {
            EngineError::semantic(
                format!("'project-rename' operator: Failed to resolve column named '{old}'"),
                span,
            )
        })?;
        table.columns[c].name = new.clone();
    }
    Ok(table)
}

pub fn get_schema(table: &Table) -> Table {
    let names = table.columns.iter().map(|c| Scalar::str(&c.name)).collect();
    let ordinals = (0..table.columns.len())
        .map(|i| Scalar::Long(i as i64))
        .collect();
    let types = table
        .columns
        .iter()
        .map(|c| Scalar::str(c.kind.kql_name()))
        .collect();
    // The .NET type behind each KQL type, as the service's getschema lists it.
    let data_types = table
        .columns
        .iter()
        .map(|c| {
            Scalar::str(match c.kind {
                ColumnKind::DateTime => "System.DateTime",
                ColumnKind::Text | ColumnKind::Unknown => "System.String",
                ColumnKind::Int => "System.Int32",
                ColumnKind::Long => "System.Int64",
                ColumnKind::Real => "System.Double",
                ColumnKind::Bool => "System.SByte",
                ColumnKind::Dynamic => "System.Object",
                ColumnKind::Guid => "System.Guid",
                ColumnKind::TimeSpan => "System.TimeSpan",
            })
        })
        .collect();
    Table::new(
        vec![
            ColumnDef {
                name: "ColumnName".into(),
                kind: ColumnKind::Text,
            },
            ColumnDef {
                name: "ColumnOrdinal".into(),
                kind: ColumnKind::Long,
            },
            ColumnDef {
                name: "DataType".into(),
                kind: ColumnKind::Text,
            },
            ColumnDef {
                name: "ColumnType".into(),
                kind: ColumnKind::Text,
            },
        ],
        vec![names, ordinals, data_types, types],
    )
}
