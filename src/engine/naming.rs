//! The names Kusto gives columns nobody named: `count_`, `dcount_DeviceName`, `Timestamp` for
//! `bin(Timestamp, 1h)`, `Column1` otherwise.

use crate::kql::ast::{Expr, ExprKind, NamedExpr};

/// The column an expression is "about", if it has one.
pub fn inferred(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(n) => Some(n.clone()),
        ExprKind::Member { target, name } => inferred(target).map(|t| format!("{t}_{name}")),
        ExprKind::Index { target, index } => match &index.kind {
            ExprKind::Literal(crate::kql::ast::Literal::String(s)) => {
                inferred(target).map(|t| format!("{t}_{s}"))
            }
            _ => inferred(target),
        },
        ExprKind::Call { args, .. } => args.iter().find_map(inferred),
        _ => None,
    }
}

/// The names of `by` keys (of `summarize`, `make-series`): the name given, or one taken from
/// the expression, or `ColumnN` by position.
pub fn group_keys(by: &[NamedExpr]) -> Vec<String> {
    by.iter()
        .enumerate()
        .map(|(i, k)| {
            k.names
                .first()
                .cloned()
                .or_else(|| inferred(&k.expr))
                .unwrap_or_else(|| format!("Column{}", i + 1))
        })
        .collect()
}

/// The name of an unnamed aggregate: `count_`, `max_Timestamp`.
pub fn aggregate(function: &str, args: &[Expr]) -> String {
    let function = match function.to_ascii_lowercase().as_str() {
        "make_set" | "makeset" | "make_set_if" => "set".to_owned(),
        "make_list" | "makelist" | "make_list_if" => "list".to_owned(),
        "make_bag" => "bag".to_owned(),
        other => other.to_owned(),
    };
    match args.first().and_then(inferred) {
        Some(column) => format!("{function}_{column}"),
        None => format!("{function}_"),
    }
}

/// Makes `name` unique among `taken` by appending a number, as Kusto does (`DeviceId1`).
pub fn unique(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_owned();
    }
    (1..)
        .map(|i| format!("{name}{i}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}
