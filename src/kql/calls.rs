//! Every call in a query, with where its name is, for the checks that read the catalogue
//! (a function that does not exist, one the demo engine does not run). Names the query defines
//! itself (`let f = (x: string) { ... }`) are left out.

use std::collections::HashSet;

use super::ast::{
    Expr, ExprKind, LetValue, NamedExpr, Operator, OperatorKind, Pipeline, Query, SortKey,
    Statement,
};
use super::Span;

/// A call of a name the query does not define: the name and the span of the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub name: String,
    pub span: Span,
}

/// The calls of `query`, in text order. The walk keeps its own stack, so a deep query cannot
/// exhaust the thread's.
pub fn calls(query: &Query) -> Vec<Call> {
    let mut defined = HashSet::new();
    let mut stack: Vec<&Expr> = Vec::new();
    let mut pending: Vec<&Statement> = query.statements.iter().collect();
    while let Some(statement) = pending.pop() {
        match statement {
            Statement::Let { name, value, .. } => {
                defined.insert(name.to_ascii_lowercase());
                match value {
                    LetValue::Expr(e) => stack.push(e),
                    LetValue::Function(lambda) => {
                        for param in &lambda.params {
                            defined.insert(param.name.to_ascii_lowercase());
                            stack.extend(param.default.as_ref());
                        }
                        pending.extend(lambda.body.iter());
                        stack.push(&lambda.result);
                    }
                }
            }
            Statement::Set { .. } => {}
            Statement::Tabular(pipeline) => push_pipeline(&mut stack, pipeline),
        }
    }
    let mut found = Vec::new();
    while let Some(expr) = stack.pop() {
        match &expr.kind {
            ExprKind::Call { name, args } => {
                if !defined.contains(&name.to_ascii_lowercase()) {
                    let start = expr.span.start;
                    found.push(Call {
                        name: name.clone(),
                        span: Span::new(start, start + name.len()),
                    });
                }
                stack.extend(args);
            }
            ExprKind::Literal(_) | ExprKind::Name(_) | ExprKind::Star => {}
            ExprKind::Unsupported(_) => {}
            ExprKind::Chain { first, rest } => {
                stack.push(first);
                stack.extend(rest.iter().map(|(_, e)| e));
            }
            ExprKind::Unary { operand, .. } => stack.push(operand),
            ExprKind::Member { target, .. } => stack.push(target),
            ExprKind::Index { target, index } => stack.extend([&**target, &**index]),
            ExprKind::InList { target, list, .. } => {
                stack.push(target);
                stack.extend(list);
            }
            ExprKind::Between {
                target, low, high, ..
            } => stack.extend([&**target, &**low, &**high]),
            ExprKind::Assign { value, .. } => stack.push(value),
            ExprKind::Pipeline(pipeline) => push_pipeline(&mut stack, pipeline),
            ExprKind::Datatable { values, .. } => stack.extend(values),
            ExprKind::Print(items) => push_named(&mut stack, items),
            ExprKind::Union { tables, .. } => stack.extend(tables),
            ExprKind::Search { predicate, .. } => stack.push(predicate),
            ExprKind::Range { from, to, step, .. } => stack.extend([&**from, &**to, &**step]),
            ExprKind::Find {
                tables, predicate, ..
            } => {
                stack.extend(tables);
                stack.push(predicate);
            }
            ExprKind::ExternalData(_) => {}
        }
    }
    found.sort_by_key(|c| c.span.start);
    found.dedup();
    found
}

fn push_named<'q>(stack: &mut Vec<&'q Expr>, items: &'q [NamedExpr]) {
    stack.extend(items.iter().map(|i| &i.expr));
}

fn push_keys<'q>(stack: &mut Vec<&'q Expr>, keys: &'q [SortKey]) {
    stack.extend(keys.iter().map(|k| &k.expr));
}

fn push_pipeline<'q>(stack: &mut Vec<&'q Expr>, pipeline: &'q Pipeline) {
    stack.push(&pipeline.source);
    push_operators(stack, &pipeline.operators);
}

fn push_operators<'q>(stack: &mut Vec<&'q Expr>, operators: &'q [Operator]) {
    for Operator { kind, .. } in operators {
        match kind {
            OperatorKind::Where(e)
            | OperatorKind::Take(e)
            | OperatorKind::Sample(e)
            | OperatorKind::Invoke(e) => stack.push(e),
            OperatorKind::Project(items)
            | OperatorKind::Extend(items)
            | OperatorKind::Serialize(items) => push_named(stack, items),
            OperatorKind::Summarize { aggregates, by } => {
                push_named(stack, aggregates);
                push_named(stack, by);
            }
            OperatorKind::Sort(keys) => push_keys(stack, keys),
            OperatorKind::Top { count, by } => {
                stack.push(count);
                stack.push(&by.expr);
            }
            OperatorKind::Distinct(columns) => stack.extend(columns),
            OperatorKind::Join { right, .. } | OperatorKind::Lookup { right, .. } => {
                stack.push(right)
            }
            OperatorKind::Union { tables, .. } => stack.extend(tables),
            OperatorKind::MvExpand { columns, limit, .. } => {
                push_named(stack, columns);
                stack.extend(limit.as_ref());
            }
            OperatorKind::Parse { expr, .. } => stack.push(expr),
            OperatorKind::Evaluate(evaluate) => stack.extend(&evaluate.args),
            OperatorKind::MakeSeries(series) => {
                for (aggregate, default) in &series.aggregates {
                    stack.push(&aggregate.expr);
                    stack.extend(default.as_ref());
                }
                stack.push(&series.axis);
                stack.extend(series.from.as_ref());
                stack.extend(series.to.as_ref());
                stack.push(&series.step);
                push_named(stack, &series.by);
            }
            OperatorKind::MvApply(apply) => {
                stack.extend(apply.columns.iter().map(|(c, _)| &c.expr));
                stack.extend(apply.limit.as_ref());
                push_operators(stack, &apply.operators);
            }
            OperatorKind::TopNested(levels) => {
                for level in levels {
                    stack.extend(level.count.as_ref());
                    stack.push(&level.of.expr);
                    stack.extend(level.others.as_ref());
                    stack.push(&level.by.expr);
                }
            }
            OperatorKind::Partition { operators, .. } => push_operators(stack, operators),
            OperatorKind::ProjectAway(_)
            | OperatorKind::ProjectKeep(_)
            | OperatorKind::ProjectRename(_)
            | OperatorKind::ProjectReorder(_)
            | OperatorKind::Count
            | OperatorKind::Render(_)
            | OperatorKind::As(_)
            | OperatorKind::GetSchema
            | OperatorKind::Other { .. } => {}
        }
    }
}
