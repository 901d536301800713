//! Aggregates inside expressions in `summarize` (`tostring(make_set(x))`, `count() * 2`):
//! each aggregate is computed as a hidden column, then the expression over those columns.

use super::super::aggregate::AggKind;
use super::super::context::Ctx;
use super::super::naming;
use super::super::scalar::Scalar;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Expr, ExprKind, NamedExpr};
use crate::kql::Span;
use crate::results::ColumnKind;

fn is_aggregate_call(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call { name, .. } if AggKind::from_name(name).is_some())
}

fn hidden(item: usize, k: usize) -> String {
    format!("$aggregate {item}.{k}")
}

impl Ctx<'_> {
    /// `summarize` when an item is an expression over aggregates; `None` when every item is a
    /// plain aggregate call.
    pub(super) fn summarize_expressions(
        &self,
        table: &Table,
        aggregates: &[NamedExpr],
        by: &[NamedExpr],
        span: Span,
    ) -> Result<Option<Table>, EngineError> {
        if aggregates.iter().all(|a| is_aggregate_call(&a.expr)) {
            return Ok(None);
        }
        let mut items = Vec::new();
        let mut rewritten = Vec::new();
        for (i, item) in aggregates.iter().enumerate() {
            if is_aggregate_call(&item.expr) {
                items.push(item.clone());
                rewritten.push(None);
                continue;
            }
            let mut calls = Vec::new();
            let expr = lift(&item.expr, i, &mut calls);
            if calls.is_empty() {
                return Err(EngineError::semantic(
                    "summarize: each item needs an aggregation function (count(), sum(), make_set(), ...)",
                    item.expr.span,
                ));
            }
            for (k, call) in calls.into_iter().enumerate() {
                items.push(NamedExpr {
                    names: vec![hidden(i, k)],
                    expr: call,
                });
            }
            rewritten.push(Some(expr));
        }
        let summarized = self.summarize(table, &items, by, span)?;
        let mut columns = Vec::new();
        let mut data = Vec::new();
        let mut unnamed = 0;
        for (c, def) in summarized.columns.iter().enumerate() {
            let Some(rest) = def.name.strip_prefix("$aggregate ") else {
                columns.push(def.clone());
                data.push(summarized.column_values(c));
                continue;
            };
            let Some((i, "0")) = rest.split_once('.') else {
                continue;
            };
            let i: usize = i.parse().unwrap_or_default();
            let (item, Some(expr)) = (&aggregates[i], &rewritten[i]) else {
                continue;
            };
            let bound = self.bind(expr, &summarized)?;
            let values: Vec<Scalar> = (0..summarized.len())
                .map(|r| bound.eval(&summarized, r))
                .collect();
            let name = match item.names.first() {
                Some(name) => name.clone(),
                None => kept_name(&item.expr).unwrap_or_else(|| {
                    unnamed += 1;
                    format!("Column{unnamed}")
                }),
            };
            let taken: Vec<String> = columns.iter().map(|c: &ColumnDef| c.name.clone()).collect();
            let kind = values
                .iter()
                .find(|v| !v.is_null())
                .map_or(ColumnKind::Unknown, Scalar::kind);
            columns.push(ColumnDef {
                name: naming::unique(&name, &taken),
                kind,
            });
            data.push(values);
        }
        Ok(Some(Table::new(columns, data)))
    }
}

/// A call is named after its first argument's aggregate, as the analyzer names it:
/// `tostring(make_set(x))` is `set_x`, `round(avg(n), 2)` is `avg_n`; anything else is unnamed.
fn kept_name(expr: &Expr) -> Option<String> {
    let ExprKind::Call { args, .. } = &expr.kind else {
        return None;
    };
    let first = args.first()?;
    match &first.kind {
        ExprKind::Call { name, args: inner } if is_aggregate_call(first) => {
            Some(naming::aggregate(name, inner))
        }
        _ => kept_name(first),
    }
}

/// The expression with each aggregate call replaced by the name of its hidden column.
fn lift(expr: &Expr, item: usize, calls: &mut Vec<Expr>) -> Expr {
    if is_aggregate_call(expr) {
        let name = hidden(item, calls.len());
        calls.push(expr.clone());
        return Expr::new(ExprKind::Name(name), expr.span);
    }
    let kind = match &expr.kind {
        ExprKind::Call { name, args } => ExprKind::Call {
            name: name.clone(),
            args: args.iter().map(|a| lift(a, item, calls)).collect(),
        },
        ExprKind::Chain { first, rest } => ExprKind::Chain {
            first: Box::new(lift(first, item, calls)),
            rest: rest
                .iter()
                .map(|(op, e)| (op.clone(), lift(e, item, calls)))
                .collect(),
        },
        ExprKind::Unary { op, operand } => ExprKind::Unary {
            op: op.clone(),
            operand: Box::new(lift(operand, item, calls)),
        },
        ExprKind::Member { target, name } => ExprKind::Member {
            target: Box::new(lift(target, item, calls)),
            name: name.clone(),
        },
        ExprKind::Index { target, index } => ExprKind::Index {
            target: Box::new(lift(target, item, calls)),
            index: Box::new(lift(index, item, calls)),
        },
        ExprKind::Between {
            negated,
            target,
            low,
            high,
        } => ExprKind::Between {
            negated: *negated,
            target: Box::new(lift(target, item, calls)),
            low: Box::new(lift(low, item, calls)),
            high: Box::new(lift(high, item, calls)),
        },
        ExprKind::InList { op, target, list } => ExprKind::InList {
            op: op.clone(),
            target: Box::new(lift(target, item, calls)),
            list: list.iter().map(|e| lift(e, item, calls)).collect(),
        },
        other => other.clone(),
    };
    Expr::new(kind, expr.span)
}
