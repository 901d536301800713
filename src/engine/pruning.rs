//! Which columns a pipeline reads after its source, so that `union *` (every table at once)
//! keeps only those instead of holding hundreds of columns of nulls. Kusto answers
//! `union withsource=T * | where Timestamp > ago(1d) | distinct T` over every table; the engine
//! could not, as the full union is more than one operator may hold.
//!
//! The analysis is conservative: it answers only for pipelines whose operators it knows, up to
//! one that fixes the output's columns (`project`, `summarize`, `distinct`, `count`), and gives
//! up (`None`) on anything that could read a column by other means than its name (`*`,
//! `pack_all()`, `column_ifexists`, a subquery). Reading extra names is harmless; missing one
//! would be a wrong answer, so every doubt keeps every column.

use std::collections::HashSet;

use crate::kql::ast::{Expr, ExprKind, NamedExpr, Operator, OperatorKind};

/// The names the operators read, when they end in a fixed set of columns; `None` when every
/// column may be needed.
pub fn columns_read(operators: &[Operator]) -> Option<HashSet<String>> {
    let mut read = HashSet::new();
    for operator in operators {
        match &operator.kind {
            OperatorKind::Where(e) | OperatorKind::Take(e) => names(e, &mut read)?,
            OperatorKind::Extend(items) => named(items, &mut read)?,
            OperatorKind::Sort(keys) => {
                for key in keys {
                    names(&key.expr, &mut read)?;
                }
            }
            OperatorKind::Top { count, by } => {
                names(count, &mut read)?;
                names(&by.expr, &mut read)?;
            }
            OperatorKind::Project(items) => {
                named(items, &mut read)?;
                return Some(read);
            }
            OperatorKind::Summarize { aggregates, by } => {
                named(aggregates, &mut read)?;
                named(by, &mut read)?;
                return Some(read);
            }
            OperatorKind::Distinct(exprs) => {
                for e in exprs {
                    names(e, &mut read)?;
                }
                return Some(read);
            }
            OperatorKind::Count => return Some(read),
            _ => return None,
        }
    }
    // The pipeline ends with every column it has: nothing may be left out.
    None
}

fn named(items: &[NamedExpr], read: &mut HashSet<String>) -> Option<()> {
    items.iter().try_for_each(|item| names(&item.expr, read))
}

/// Adds the names `expr` reads; `None` when it may read columns not named.
fn names(expr: &Expr, read: &mut HashSet<String>) -> Option<()> {
    match &expr.kind {
        ExprKind::Literal(_) => Some(()),
        ExprKind::Name(name) if name.contains('*') => None,
        ExprKind::Name(name) => {
            read.insert(name.clone());
            Some(())
        }
        ExprKind::Star => None,
        // `count(*)` counts rows and reads no column.
        ExprKind::Call { name, args }
            if name.eq_ignore_ascii_case("count")
                && matches!(
                    args.as_slice(),
                    [Expr {
                        kind: ExprKind::Star,
                        ..
                    }]
                ) =>
        {
            Some(())
        }
        ExprKind::Call { name, args } => {
            let lower = name.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "pack_all" | "column_ifexists" | "bag_pack_columns" | "toscalar" | "materialize"
            ) {
                return None;
            }
            args.iter().try_for_each(|a| names(a, read))
        }
        ExprKind::Chain { first, rest } => {
            names(first, read)?;
            rest.iter().try_for_each(|(_, e)| names(e, read))
        }
        ExprKind::Unary { operand, .. } => names(operand, read),
        ExprKind::Member { target, .. } => names(target, read),
        ExprKind::Index { target, index } => {
            names(target, read)?;
            names(index, read)
        }
        ExprKind::InList { target, list, .. } => {
            names(target, read)?;
            list.iter().try_for_each(|e| names(e, read))
        }
        ExprKind::Between {
            target, low, high, ..
        } => {
            names(target, read)?;
            names(low, read)?;
            names(high, read)
        }
        ExprKind::Assign { value, .. } => names(value, read),
        // Subqueries and table-making expressions: not worth the risk.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::columns_read;
    use crate::kql::ast::Statement;

    fn read(query: &str) -> Option<Vec<String>> {
        let script = crate::kql::parse(query).unwrap();
        let Some(Statement::Tabular(p)) = script.statements.last() else {
            panic!("no query");
        };
        columns_read(&p.operators).map(|set| {
            let mut names: Vec<String> = set.into_iter().collect();
            names.sort();
            names
        })
    }

    #[test]
    fn a_pipeline_ending_in_fixed_columns_reads_only_its_names() {
        assert_eq!(
            read("union withsource=T * | where Timestamp > ago(1d) | distinct T"),
            Some(vec!["T".into(), "Timestamp".into()])
        );
        assert_eq!(
            read("union * | summarize count() by bin(Timestamp, 1d)"),
            Some(vec!["Timestamp".into()])
        );
        assert_eq!(read("union * | count"), Some(vec![]));
    }

    #[test]
    fn anything_that_may_read_unnamed_columns_keeps_them_all() {
        for query in [
            "union * | where Timestamp > ago(1d)",
            "union * | project-away A",
            "union * | where * has 'x' | count",
            "union * | extend p = pack_all() | project p",
            "union * | summarize arg_max(Timestamp, *) by DeviceId",
            "union * | where DeviceId in ((DeviceInfo | project DeviceId)) | count",
        ] {
            assert_eq!(read(query), None, "{query}");
        }
    }
}
