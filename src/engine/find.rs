//! `find`: rows that match a predicate across tables, with the `source_` column naming each
//! row's table and, under `project-smart`, the other columns packed into `pack_`.

use serde_json::{Map, Value as Json};

use super::context::Ctx;
use super::scalar::Scalar;
use super::table::{ColumnDef, Table};
use super::EngineError;
use crate::kql::ast::{Expr, ExprKind, Literal};
use crate::kql::Span;
use crate::results::ColumnKind;

impl Ctx<'_> {
    pub fn find(
        &self,
        tables: &[Expr],
        predicate: &Expr,
        project: Option<&[String]>,
        source: &str,
        span: Span,
    ) -> Result<Table, EngineError> {
        let inputs = self.find_inputs(tables, span)?;
        if matches!(predicate.kind, ExprKind::Star)
            || matches!(&predicate.kind, ExprKind::Chain { first, .. } if matches!(first.kind, ExprKind::Star))
        {
            return Err(EngineError::unsupported(
                "find where * has ... is not supported by the kqlhunt demo tenant: use find \"term\"",
                predicate.span,
            ));
        }
        let terms: Vec<&Expr> = match &predicate.kind {
            ExprKind::Chain { first, rest } if rest.iter().all(|(op, _)| op == "or") => {
                std::iter::once(&**first)
                    .chain(rest.iter().map(|(_, e)| e))
                    .collect()
            }
            _ => vec![predicate],
        };
        let mut mentioned: Vec<String> = Vec::new();
        let term_columns: Vec<Vec<String>> = terms
            .iter()
            .map(|t| {
                let mut names = Vec::new();
                self.column_names(t, &mut names);
                for n in &names {
                    if !mentioned.contains(n) {
                        mentioned.push(n.clone());
                    }
                }
                names
            })
            .collect();
        // Each table keeps the terms whose columns it has; a table with none is left out.
        let mut matched: Vec<(String, Table)> = Vec::new();
        for (name, table) in inputs {
            let mut kept = Vec::new();
            for (term, columns) in terms.iter().zip(&term_columns) {
                let present = columns
                    .iter()
                    .filter(|c| table.column_index(c).is_some())
                    .count();
                if present == columns.len() {
                    kept.push((*term).clone());
                } else if present > 0 {
                    return Err(EngineError::unsupported(
                        format!("find: table '{name}' has only some of the columns of one condition ({}); this is not supported by the kqlhunt demo tenant: split the condition with 'or' or use union", columns.join(", ")),
                        term.span,
                    ));
                }
            }
            if kept.is_empty() {
                continue;
            }
            let filter = match kept.len() {
                1 => kept.remove(0),
                _ => {
                    let first = Box::new(kept.remove(0));
                    let rest = kept.into_iter().map(|t| ("or".to_owned(), t)).collect();
                    Expr::new(ExprKind::Chain { first, rest }, predicate.span)
                }
            };
            let filter = match &filter.kind {
                ExprKind::Literal(Literal::String(_)) => Expr::new(
                    ExprKind::Call {
                        name: "__search_all".into(),
                        args: vec![filter.clone()],
                    },
                    filter.span,
                ),
                _ => filter,
            };
            let bound = self.bind(&filter, &table)?;
            let rows = (0..table.len())
                .filter(|&r| bound.is_true(&table, r))
                .map(|r| r as u32)
                .collect();
            matched.push((name, table.select(rows)));
        }
        let (shown, pack) = match project {
            Some(columns) => {
                if let Some(c) = columns
                    .iter()
                    .find(|c| c.contains(':') || c.ends_with("()"))
                {
                    return Err(EngineError::unsupported(
                        format!("find ... project {c} is not supported by the kqlhunt demo tenant: project plain column names"),
                        span,
                    ));
                }
                (columns.to_vec(), false)
            }
            None => {
                // Columns every table has, in the first table's order, then the other columns
                // the predicate names, as the analyzer orders them.
                let mut shown: Vec<String> = Vec::new();
                if let Some((_, first)) = matched.first() {
                    for def in &first.columns {
                        if matched
                            .iter()
                            .all(|(_, t)| t.column_index(&def.name).is_some())
                        {
                            shown.push(def.name.clone());
                        }
                    }
                }
                for column in mentioned {
                    let somewhere = matched
                        .iter()
                        .any(|(_, t)| t.column_index(&column).is_some());
                    if somewhere && !shown.contains(&column) {
                        shown.push(column);
                    }
                }
                // `pack_` holds what is left over, and is there only when something is.
                let left_over = matched
                    .iter()
                    .any(|(_, t)| t.columns.iter().any(|c| !shown.contains(&c.name)));
                (shown, left_over)
            }
        };
        let rows = matched.iter().map(|(_, t)| t.len()).sum();
        self.budget()
            .check("find", rows, shown.len() + 2, Some(span))?;
        assemble(&matched, &shown, pack, source, span)
    }

    /// The tables `find` looks in: those named (wildcards allowed), or all of them.
    fn find_inputs(
        &self,
        tables: &[Expr],
        span: Span,
    ) -> Result<Vec<(String, Table)>, EngineError> {
        let mut names: Vec<String> = Vec::new();
        if tables.is_empty() {
            names = self.db.names().cloned().collect();
            names.sort();
        }
        for expr in tables {
            match &expr.kind {
                ExprKind::Name(pattern) if pattern.contains('*') => {
                    let mut found: Vec<String> = self
                        .db
                        .names()
                        .filter(|n| super::sources::wildcard(pattern, n))
                        .cloned()
                        .collect();
                    found.sort();
                    names.extend(found);
                }
                ExprKind::Name(name) => names.push(name.clone()),
                _ => {
                    return Err(EngineError::unsupported(
                        "find in a tabular expression is not supported by the kqlhunt demo tenant: name tables or let views",
                        expr.span,
                    ))
                }
            }
        }
        names
            .into_iter()
            .map(|n| {
                let t = self.tabular(&Expr::new(ExprKind::Name(n.clone()), span))?;
                Ok((n, t))
            })
            .collect()
    }

    /// Names in an expression that are not `let` values: the columns it reads.
    fn column_names(&self, expr: &Expr, out: &mut Vec<String>) {
        let mut pending = vec![expr];
        while let Some(e) = pending.pop() {
            match &e.kind {
                // Every kind of `let` binding is a value, not a column.
                ExprKind::Name(n) if !self.env.contains_key(n) && !out.contains(n) => {
                    out.push(n.clone());
                }
                ExprKind::Call { args, .. } => pending.extend(args.iter().rev()),
                ExprKind::Chain { first, rest } => {
                    pending.extend(rest.iter().rev().map(|(_, e)| e));
                    pending.push(first);
                }
                ExprKind::Unary { operand, .. } => pending.push(operand),
                ExprKind::Member { target, .. } => pending.push(target),
                ExprKind::Index { target, index } => {
                    pending.push(index);
                    pending.push(target);
                }
                ExprKind::InList { target, list, .. } => {
                    pending.extend(list.iter().rev());
                    pending.push(target);
                }
                ExprKind::Between {
                    target, low, high, ..
                } => {
                    pending.push(high);
                    pending.push(low);
                    pending.push(target);
                }
                _ => {}
            }
        }
    }
}

/// The result: the source column, the shown columns (a table without one gets its empty
/// value), and `pack_` with the rest of each row's columns.
fn assemble(
    matched: &[(String, Table)],
    shown: &[String],
    pack: bool,
    source: &str,
    span: Span,
) -> Result<Table, EngineError> {
    let mut columns = vec![ColumnDef {
        name: source.to_owned(),
        kind: ColumnKind::Text,
    }];
    for name in shown {
        let kinds: Vec<ColumnKind> = matched
            .iter()
            .filter_map(|(_, t)| t.column_index(name).map(|c| t.columns[c].kind))
            .collect();
        if kinds.windows(2).any(|w| w[0] != w[1]) {
            return Err(EngineError::unsupported(
                format!("find: the column '{name}' has different types in different tables; this is not supported by the kqlhunt demo tenant"),
                span,
            ));
        }
        columns.push(ColumnDef {
            name: name.clone(),
            kind: kinds.first().copied().unwrap_or(ColumnKind::Text),
        });
    }
    if pack {
        columns.push(ColumnDef {
            name: "pack_".into(),
            kind: ColumnKind::Dynamic,
        });
    }
    let mut data: Vec<Vec<Scalar>> = vec![Vec::new(); columns.len()];
    for (name, table) in matched {
        let at: Vec<Option<usize>> = shown.iter().map(|c| table.column_index(c)).collect();
        for row in 0..table.len() {
            data[0].push(Scalar::str(name));
            for (i, c) in at.iter().enumerate() {
                data[i + 1].push(match c {
                    Some(c) => table.get(row, *c).clone(),
                    None if columns[i + 1].kind == ColumnKind::Text => Scalar::str(""),
                    None => Scalar::Null,
                });
            }
            if pack {
                let bag: Map<String, Json> = table
                    .columns
                    .iter()
                    .enumerate()
                    .filter(|(_, def)| !shown.contains(&def.name))
                    .map(|(c, def)| (def.name.clone(), table.get(row, c).to_json()))
                    .collect();
                data[shown.len() + 1].push(Scalar::from_json(Json::Object(bag)));
            }
        }
    }
    Ok(Table::new(columns, data))
}
