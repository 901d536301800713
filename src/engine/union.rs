//! `union`: tables put together by column name, a column missing from a leg null there, a
//! name that comes with two types split as Kusto splits it; and `union *` cut to the columns
//! the rest of the query reads (see `pruning.rs`).

use super::context::Ctx;
use super::scalar::Scalar;
use super::sources::wildcard;
use super::table::{ColumnDef, Table};
use super::EngineError;
use crate::kql::ast::{Expr, ExprKind};
use crate::results::ColumnKind;

impl Ctx<'_> {
    /// `union` of tables by column name: a column missing from a table is null there.
    pub fn union(&self, tables: &[Expr], with_source: Option<&str>) -> Result<Table, EngineError> {
        self.union_after(None, tables, with_source)
    }

    /// `union` with the piped-in table (the operator form) as its first leg: all legs are put
    /// together at once, so a column with two types is split the same way whichever leg has it.
    pub fn union_after(
        &self,
        input: Option<Table>,
        tables: &[Expr],
        with_source: Option<&str>,
    ) -> Result<Table, EngineError> {
        self.union_reading(input, tables, with_source, None)
    }

    /// `union`, each leg cut to the columns in `read` when given (see `pruning.rs`). A leg
    /// with none of them keeps one column, so its rows still count.
    pub(super) fn union_reading(
        &self,
        input: Option<Table>,
        tables: &[Expr],
        with_source: Option<&str>,
        read: Option<&std::collections::HashSet<String>>,
    ) -> Result<Table, EngineError> {
        let mut parts: Vec<(String, Table)> =
            input.map(|t| (String::new(), t)).into_iter().collect();
        for expr in tables {
            match &expr.kind {
                ExprKind::Name(pattern) if pattern.contains('*') => {
                    let mut names: Vec<&String> =
                        self.db.names().filter(|n| wildcard(pattern, n)).collect();
                    names.sort();
                    for name in names {
                        parts.push((name.clone(), self.named_table(name, expr.span)?));
                    }
                }
                ExprKind::Name(name) => parts.push((name.clone(), self.tabular(expr)?)),
                _ if with_source.is_some() => {
                    return Err(EngineError::unsupported(
                        "union withsource= over a leg that is not a table name (its source name) is not supported by the kqlhunt demo tenant",
                        expr.span,
                    ))
                }
                _ => parts.push((String::new(), self.tabular(expr)?)),
            }
        }
        if let Some(read) = read {
            for (_, table) in &mut parts {
                *table = reading_only(table, read);
            }
        }
        let rows: usize = parts.iter().map(|(_, t)| t.len()).sum();
        let mut names: Vec<&str> = parts
            .iter()
            .flat_map(|(_, t)| t.columns.iter().map(|c| c.name.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        self.budget().check("Union", rows, names.len(), None)?;
        Ok(union_tables(parts, with_source))
    }
}

pub fn union_tables(parts: Vec<(String, Table)>, with_source: Option<&str>) -> Table {
    // One output column per name and type: a name that comes with two types becomes
    // `Name_long` and `Name_string`, as Kusto names them.
    let mut kinds: Vec<(String, Vec<ColumnKind>)> = Vec::new();
    for (_, table) in &parts {
        for def in &table.columns {
            let at = match kinds.iter().position(|(n, _)| *n == def.name) {
                Some(at) => at,
                None => {
                    kinds.push((def.name.clone(), Vec::new()));
                    kinds.len() - 1
                }
            };
            if def.kind != ColumnKind::Unknown && !kinds[at].1.contains(&def.kind) {
                kinds[at].1.push(def.kind);
            }
        }
    }
    // (output column, source name, the type it takes; None for any)
    let mut columns: Vec<ColumnDef> = Vec::new();
    let mut sources: Vec<(String, Option<ColumnKind>)> = Vec::new();
    if let Some(source) = with_source {
        columns.push(ColumnDef {
            name: source.to_owned(),
            kind: ColumnKind::Text,
        });
        sources.push((String::new(), None));
    }
    for (name, types) in &kinds {
        match types.as_slice() {
            [] | [_] => {
                columns.push(ColumnDef {
                    name: name.clone(),
                    kind: types.first().copied().unwrap_or(ColumnKind::Unknown),
                });
                sources.push((name.clone(), None));
            }
            several => {
                for kind in several {
                    columns.push(ColumnDef {
                        name: format!("{name}_{}", kind.kql_name()),
                        kind: *kind,
                    });
                    sources.push((name.clone(), Some(*kind)));
                }
            }
        }
    }
    // Column by column: each part either has the column (copied) or gets nulls.
    let total: usize = parts.iter().map(|(_, t)| t.len()).sum();
    let mut data: Vec<Vec<Scalar>> = Vec::with_capacity(columns.len());
    for (at, (source, kind)) in sources.iter().enumerate() {
        let mut values = Vec::with_capacity(total);
        for (name, table) in &parts {
            let column = table
                .column_index(source)
                .filter(|&c| kind.is_none_or(|k| table.columns[c].kind == k));
            match column {
                _ if with_source.is_some() && at == 0 => {
                    values.resize(values.len() + table.len(), Scalar::str(name))
                }
                Some(c) => values.extend((0..table.len()).map(|r| table.get(r, c).clone())),
                None => values.resize(values.len() + table.len(), Scalar::Null),
            }
        }
        data.push(values);
    }
    Table::new(columns, data)
}

/// `table` cut to the columns `read` names: a column `x` is also kept for `x_long` or
/// `x_string`, the names `union` gives a column whose type differs between legs. With none of
/// them, the first column stays so that the rows do.
fn reading_only(table: &Table, read: &std::collections::HashSet<String>) -> Table {
    let wanted = |name: &str| {
        read.contains(name)
            || read.iter().any(|r| {
                r.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('_'))
            })
    };
    let mut keep: Vec<usize> = (0..table.columns.len())
        .filter(|&c| wanted(&table.columns[c].name))
        .collect();
    if keep.is_empty() && !table.columns.is_empty() {
        keep.push(0);
    }
    table.keep(&keep)
}
