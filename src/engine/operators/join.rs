//! `join` in all its kinds, and `lookup`.

use std::collections::HashMap;

use super::super::budget::Budget;
use super::super::naming;
use super::super::scalar::{Key, Scalar};
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::JoinKey;
use crate::kql::Span;

fn key_columns(
    left: &Table,
    right: &Table,
    on: &[JoinKey],
    span: Span,
) -> Result<Vec<(usize, usize)>, EngineError> {
    if on.is_empty() {
        return Err(EngineError::semantic(
            "join: name the key columns with 'on'",
            span,
        ));
    }
    on.iter()
        .map(|key| {
            let (l, r) = match key {
                JoinKey::Same(name) => (name, name),
                JoinKey::Pair(a, b) => (a, b),
            };
            let li = left.column_index(l).ok_or_else(|| {
                EngineError::semantic(
                    format!("join: Failed to resolve column named '{l}' on the left side"),
                    span,
                )
            })?;
            let ri = right.column_index(r).ok_or_else(|| {
                EngineError::semantic(
                    format!("join: Failed to resolve column named '{r}' on the right side"),
                    span,
                )
            })?;
            Ok((li, ri))
        })
        .collect()
}

fn row_key(table: &Table, row: usize, columns: impl Iterator<Item = usize>) -> Option<Vec<Key>> {
    let key: Vec<Key> = columns.map(|c| Key::of(table.get(row, c))).collect();
    // Null keys match nothing.
    (!key.contains(&Key::Null)).then_some(key)
}

/// The rows a join of `kind` will produce at most, counted before any is built: a key shared
/// by many rows on both sides multiplies them (a self-join on `ActionType` would ask for
/// billions).
fn rows_out(
    left: &Table,
    right: &Table,
    kind: &str,
    keys: &[(usize, usize)],
    by_key: &HashMap<Vec<Key>, Vec<usize>>,
) -> usize {
    let multiplies = matches!(kind, "inner" | "leftouter" | "fullouter" | "rightouter");
    if !multiplies {
        // Each right row once per distinct left key (innerunique), or each row of one side at
        // most once (semi, anti): no more rows than a side already has.
        return left.len().max(right.len());
    }
    let mut rows = 0usize;
    for row in 0..left.len() {
        let matches = row_key(left, row, keys.iter().map(|k| k.0))
            .and_then(|k| by_key.get(&k))
            .map_or(0, Vec::len);
        let kept = if kind == "leftouter" || kind == "fullouter" {
            matches.max(1)
        } else {
            matches
        };
        rows = rows.saturating_add(kept);
    }
    // The right side's unmatched rows, for the kinds that keep them.
    if kind == "rightouter" || kind == "fullouter" {
        rows = rows.saturating_add(right.len());
    }
    rows
}

pub fn join(
    left: &Table,
    right: &Table,
    kind: &str,
    on: &[JoinKey],
    span: Span,
    budget: Budget,
) -> Result<Table, EngineError> {
    let keys = key_columns(left, right, on, span)?;
    let mut by_key: HashMap<Vec<Key>, Vec<usize>> = HashMap::new();
    for row in 0..right.len() {
        if let Some(key) = row_key(right, row, keys.iter().map(|k| k.1)) {
            by_key.entry(key).or_default().push(row);
        }
    }
    let columns = left.columns.len() + right.columns.len();
    budget.check(
        "HashJoin",
        rows_out(left, right, kind, &keys, &by_key),
        columns,
        Some(span),
    )?;
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut matched_right = vec![false; right.len()];
    let mut seen_left: std::collections::HashSet<Vec<Key>> = std::collections::HashSet::new();
    for row in 0..left.len() {
        let key = row_key(left, row, keys.iter().map(|k| k.0));
        if kind == "innerunique" {
            match &key {
                Some(k) if !seen_left.insert(k.clone()) => continue,
                _ => {}
            }
        }
        let matches = key.as_ref().and_then(|k| by_key.get(k));
        match kind {
            "inner" | "innerunique" => {
                for &r in matches.into_iter().flatten() {
                    pairs.push((Some(row), Some(r)));
                }
            }
            "leftouter" | "fullouter" => match matches {
                Some(rs) => {
                    for &r in rs {
                        pairs.push((Some(row), Some(r)));
                        matched_right[r] = true;
                    }
                }
                None => pairs.push((Some(row), None)),
            },
            "leftanti" | "anti" | "leftantisemi" => {
                if matches.is_none() {
                    pairs.push((Some(row), None));
                }
            }
            "leftsemi" => {
                if matches.is_some() {
                    pairs.push((Some(row), None));
                }
            }
            "rightouter" | "rightanti" | "rightantisemi" | "rightsemi" => {
                for &r in matches.into_iter().flatten() {
                    matched_right[r] = true;
                    if kind == "rightouter" {
                        pairs.push((Some(row), Some(r)));
                    }
                }
            }
            other => {
                return Err(EngineError::semantic(
                    format!("join: unknown kind '{other}'"),
                    span,
                ))
            }
        }
    }
    match kind {
        "rightouter" | "fullouter" => pairs.extend(
            (0..right.len())
                .filter(|&r| !matched_right[r])
                .map(|r| (None, Some(r))),
        ),
        "rightanti" | "rightantisemi" => pairs.extend(
            (0..right.len())
                .filter(|&r| !matched_right[r])
                .map(|r| (None, Some(r))),
        ),
        "rightsemi" => pairs.extend(
            (0..right.len())
                .filter(|&r| matched_right[r])
                .map(|r| (None, Some(r))),
        ),
        _ => {}
    }
    let (take_left, take_right) = match kind {
        "leftanti" | "anti" | "leftantisemi" | "leftsemi" => (true, false),
        "rightanti" | "rightantisemi" | "rightsemi" => (false, true),
        _ => (true, true),
    };
    let right_columns: Vec<usize> = if take_right {
        (0..right.columns.len()).collect()
    } else {
        Vec::new()
    };
    Ok(assemble(left, right, &pairs, take_left, &right_columns))
}

/// `lookup`: like a left outer join, without repeating the right side's key columns.
pub fn lookup(
    left: &Table,
    right: &Table,
    kind: &str,
    on: &[JoinKey],
    span: Span,
) -> Result<Table, EngineError> {
    let keys = key_columns(left, right, on, span)?;
    let mut by_key: HashMap<Vec<Key>, usize> = HashMap::new();
    for row in 0..right.len() {
        if let Some(key) = row_key(right, row, keys.iter().map(|k| k.1)) {
            by_key.entry(key).or_insert(row);
        }
    }
    let mut pairs = Vec::new();
    for row in 0..left.len() {
        match row_key(left, row, keys.iter().map(|k| k.0)).and_then(|k| by_key.get(&k)) {
            Some(&r) => pairs.push((Some(row), Some(r))),
            None if kind == "leftouter" => pairs.push((Some(row), None)),
            None => {}
        }
    }
    let right_columns: Vec<usize> = (0..right.columns.len())
        .filter(|c| !keys.iter().any(|k| k.1 == *c))
        .collect();
    Ok(assemble(left, right, &pairs, true, &right_columns))
}

fn assemble(
    left: &Table,
    right: &Table,
    pairs: &[(Option<usize>, Option<usize>)],
    take_left: bool,
    right_columns: &[usize],
) -> Table {
    let mut columns: Vec<ColumnDef> = Vec::new();
    let mut data: Vec<Vec<Scalar>> = Vec::new();
    if take_left {
        for (c, def) in left.columns.iter().enumerate() {
            columns.push(def.clone());
            data.push(
                pairs
                    .iter()
                    .map(|(l, _)| l.map_or(Scalar::Null, |r| left.get(r, c).clone()))
                    .collect(),
            );
        }
    }
    for &c in right_columns {
        let def = &right.columns[c];
        let collides = columns.iter().any(|d| d.name == def.name);
        // A right column whose name the left has is renamed to a name neither side uses
        // (`a` becomes `a2` when the right already has `a1`), as Kusto does.
        let name = if collides {
            let mut taken: Vec<String> = columns.iter().map(|d| d.name.clone()).collect();
            taken.extend(right.columns.iter().map(|d| d.name.clone()));
            naming::unique(&def.name, &taken)
        } else {
            def.name.clone()
        };
        columns.push(ColumnDef {
            name,
            kind: def.kind,
        });
        data.push(
            pairs
                .iter()
                .map(|(_, r)| r.map_or(Scalar::Null, |r| right.get(r, c).clone()))
                .collect(),
        );
    }
    Table::new(columns, data)
}
