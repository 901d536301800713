//! `top-nested`: the top values of a column by an aggregate, then within each of them the top
//! values of the next clause's column, and so on; two columns per clause.

use std::collections::HashMap;

use super::super::context::Ctx;
use super::super::naming;
use super::super::scalar::{Key, Scalar};
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::TopNestedLevel;
use crate::kql::Span;
use crate::results::ColumnKind;

impl Ctx<'_> {
    pub fn top_nested(
        &self,
        table: &Table,
        levels: &[TopNestedLevel],
        span: Span,
    ) -> Result<Table, EngineError> {
        if levels.len() > 1 && levels.iter().any(|l| l.others.is_some()) {
            return Err(EngineError::unsupported(
                "top-nested with 'with others' over several clauses is not supported by the kqlhunt demo tenant",
                span,
            ));
        }
        let empty = Table::default();
        // Each partition: the values chosen so far, and its rows.
        let mut partitions: Vec<(Vec<Scalar>, Vec<u32>)> =
            vec![(Vec::new(), (0..table.len() as u32).collect())];
        let mut names = Vec::new();
        for (depth, level) in levels.iter().enumerate() {
            let of_name = level
                .of
                .names
                .first()
                .cloned()
                .or_else(|| naming::inferred(&level.of.expr))
                .unwrap_or_else(|| format!("Column{}", depth + 1));
            let by_name = level
                .by
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| format!("aggregated_{of_name}"));
            names.push(of_name);
            names.push(by_name);
            let limit = match &level.count {
                Some(e) => self
                    .bind(e, &empty)?
                    .eval(&empty, 0)
                    .as_i64()
                    .ok_or_else(|| {
                        EngineError::semantic("top-nested: N must be a constant number", e.span)
                    })?,
                None => i64::MAX,
            }
            .max(0) as usize;
            let others = match &level.others {
                Some(e) => Some(self.bind(e, &empty)?.eval(&empty, 0)),
                None => None,
            };
            let of = self.bind(&level.of.expr, table)?;
            let aggregate = self
                .plan(
                    table,
                    &crate::kql::ast::NamedExpr {
                        names: Vec::new(),
                        expr: level.by.expr.clone(),
                    },
                    &[],
                )?
                .aggregate;
            let total = |rows: &[u32]| -> Scalar {
                let mut state = aggregate.start();
                for &r in rows {
                    aggregate.fold(&mut state, table, r as usize);
                }
                aggregate
                    .finish(state, table)
                    .into_iter()
                    .next()
                    .unwrap_or(Scalar::Null)
            };
            let mut next = Vec::new();
            for (prefix, rows) in partitions {
                let mut groups: Vec<(Scalar, Vec<u32>)> = Vec::new();
                let mut index: HashMap<Key, usize> = HashMap::new();
                for &r in &rows {
                    let value = of.eval(table, r as usize);
                    let g = *index.entry(Key::of(&value)).or_insert_with(|| {
                        groups.push((value, Vec::new()));
                        groups.len() - 1
                    });
                    groups[g].1.push(r);
                }
                let mut ranked: Vec<(Scalar, Scalar, Vec<u32>)> = groups
                    .into_iter()
                    .map(|(value, rows)| (value, total(&rows), rows))
                    .collect();
                ranked.sort_by(|a, b| match (a.1.is_null(), b.1.is_null()) {
                    (true, false) => std::cmp::Ordering::Greater,
                    (false, true) => std::cmp::Ordering::Less,
                    _ if level.ascending => a.1.compare(&b.1),
                    _ => b.1.compare(&a.1),
                });
                let rest: Vec<u32> = ranked
                    .iter()
                    .skip(limit)
                    .flat_map(|g| g.2.iter().copied())
                    .collect();
                for (value, aggregated, rows) in ranked.into_iter().take(limit) {
                    let mut chosen = prefix.clone();
                    chosen.push(value);
                    chosen.push(aggregated);
                    next.push((chosen, rows));
                }
                if let Some(label) = &others {
                    let mut chosen = prefix.clone();
                    chosen.push(label.clone());
                    chosen.push(total(&rest));
                    next.push((chosen, rest));
                }
            }
            partitions = next;
            self.check_deadline()?;
        }
        let mut data: Vec<Vec<Scalar>> = vec![Vec::with_capacity(partitions.len()); names.len()];
        for (values, _) in partitions {
            for (c, v) in values.into_iter().enumerate() {
                data[c].push(v);
            }
        }
        let mut taken = Vec::new();
        let columns = names
            .into_iter()
            .zip(&data)
            .map(|(name, values)| {
                let name = naming::unique(&name, &taken);
                taken.push(name.clone());
                ColumnDef {
                    name,
                    kind: values
                        .iter()
                        .find(|v| !v.is_null())
                        .map_or(ColumnKind::Unknown, Scalar::kind),
                }
            })
            .collect();
        Ok(Table::new(columns, data))
    }
}
