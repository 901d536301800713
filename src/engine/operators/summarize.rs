//! `summarize`: groups rows by keys and folds each group through its aggregates.

use std::collections::HashMap;

use super::super::aggregate::{AggKind, Aggregate, State, SET_LIMIT};
use super::super::context::Ctx;
use super::super::expr::Bound;
use super::super::naming;
use super::super::scalar::{Key, Scalar};
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{ExprKind, NamedExpr};
use crate::kql::Span;
use crate::results::ColumnKind;

pub(super) struct Plan {
    pub(super) aggregate: Aggregate,
    pub(super) names: Vec<String>,
    /// The type of each output column, `Unknown` where it is told by the values.
    pub(super) kinds: Vec<ColumnKind>,
}

/// The type an aggregate returns over values of type `arg`.
fn aggregate_kind(kind: AggKind, arg: ColumnKind) -> ColumnKind {
    use ColumnKind as K;
    match kind {
        AggKind::Count | AggKind::CountIf | AggKind::DCount | AggKind::DCountIf => K::Long,
        AggKind::Sum | AggKind::SumIf | AggKind::Percentile => match arg {
            K::Int | K::Long => K::Long,
            other => other,
        },
        AggKind::Avg | AggKind::AvgIf | AggKind::Stdev | AggKind::Variance => K::Real,
        AggKind::MakeSet
        | AggKind::MakeSetIf
        | AggKind::MakeList
        | AggKind::MakeListIf
        | AggKind::MakeBag => K::Dynamic,
        AggKind::Min
        | AggKind::Max
        | AggKind::MinIf
        | AggKind::MaxIf
        | AggKind::ArgMax
        | AggKind::ArgMin
        | AggKind::TakeAny
        | AggKind::TakeAnyIf => arg,
    }
}

impl Ctx<'_> {
    pub fn summarize(
        &self,
        table: &Table,
        aggregates: &[NamedExpr],
        by: &[NamedExpr],
        span: Span,
    ) -> Result<Table, EngineError> {
        if let Some(done) = self.summarize_expressions(table, aggregates, by, span)? {
            return Ok(done);
        }
        let keys: Vec<Bound> = by
            .iter()
            .map(|k| self.bind(&k.expr, table))
            .collect::<Result<_, _>>()?;
        let key_names = naming::group_keys(by);
        let plans: Vec<Plan> = aggregates
            .iter()
            .map(|a| self.plan(table, a, &key_names))
            .collect::<Result<_, _>>()?;

        let mut groups: Vec<(Vec<Scalar>, Vec<State>)> = Vec::new();
        let start = || {
            plans
                .iter()
                .map(|p| p.aggregate.start())
                .collect::<Vec<_>>()
        };
        if keys.is_empty() {
            groups.push((Vec::new(), start()));
            for row in 0..table.len() {
                for (plan, state) in plans.iter().zip(groups[0].1.iter_mut()) {
                    plan.aggregate.fold(state, table, row);
                }
            }
        } else if keys.len() == 1 {
            // One key, the common case: no vector allocated per row.
            let mut index: HashMap<Key, usize> = HashMap::new();
            for row in 0..table.len() {
                let value = keys[0].eval_ref(table, row);
                let g = *index.entry(Key::of(&value)).or_insert_with(|| {
                    groups.push((vec![value.clone().into_owned()], start()));
                    groups.len() - 1
                });
                for (plan, state) in plans.iter().zip(groups[g].1.iter_mut()) {
                    plan.aggregate.fold(state, table, row);
                }
            }
        } else {
            let mut index: HashMap<Vec<Key>, usize> = HashMap::new();
            for row in 0..table.len() {
                let values: Vec<Scalar> = keys.iter().map(|k| k.eval(table, row)).collect();
                let key: Vec<Key> = values.iter().map(Key::of).collect();
                let g = *index.entry(key).or_insert_with(|| {
                    groups.push((values, start()));
                    groups.len() - 1
                });
                for (plan, state) in plans.iter().zip(groups[g].1.iter_mut()) {
                    plan.aggregate.fold(state, table, row);
                }
            }
        }

        let mut kinds: Vec<ColumnKind> = by.iter().map(|k| self.kind_of(&k.expr, table)).collect();
        kinds.extend(plans.iter().flat_map(|p| p.kinds.iter().copied()));
        let mut names = key_names.clone();
        for plan in &plans {
            for name in &plan.names {
                names.push(naming::unique(name, &names));
            }
        }
        let mut data: Vec<Vec<Scalar>> = vec![Vec::with_capacity(groups.len()); names.len()];
        for (key, states) in groups {
            let mut column = 0;
            for value in key {
                data[column].push(value);
                column += 1;
            }
            for (plan, state) in plans.iter().zip(states) {
                for value in plan.aggregate.finish(state, table) {
                    data[column].push(value);
                    column += 1;
                }
            }
        }
        if data.iter().any(|c| c.len() != data[0].len()) {
            return Err(EngineError::semantic(
                "summarize produced columns of different lengths",
                span,
            ));
        }
        let columns = names
            .into_iter()
            .zip(&data)
            .zip(kinds)
            .map(|((name, values), kind)| ColumnDef {
                name,
                kind: match kind {
                    ColumnKind::Unknown => values
                        .iter()
                        .find(|v| !v.is_null())
                        .map_or(ColumnKind::Unknown, Scalar::kind),
                    kind => kind,
                },
            })
            .collect();
        Ok(Table::new(columns, data))
    }

    pub(super) fn plan(
        &self,
        table: &Table,
        item: &NamedExpr,
        key_names: &[String],
    ) -> Result<Plan, EngineError> {
        let span = item.expr.span;
        let ExprKind::Call { name, args } = &item.expr.kind else {
            return Err(EngineError::unsupported("summarize: only a direct aggregate call (count(), dcount(x), ...) is supported here; compute the rest with extend after", span));
        };
        let kind = AggKind::from_name(name).ok_or_else(|| {
            if crate::kql::catalogue::find(crate::kql::catalogue::Kind::Aggregate, name).is_some() {
                EngineError::unsupported(crate::kql::catalogue::not_in_demo(name), span)
            } else {
                EngineError::semantic(format!("'{name}' is not an aggregation function: summarize needs count(), dcount(), make_set(), ..."), span)
            }
        })?;
        let bind_arg = |i: usize| args.get(i).map(|a| self.bind(a, table)).transpose();
        let mut bound = Vec::new();
        let mut carry = Vec::new();
        let mut names = Vec::new();
        let mut max_size = SET_LIMIT;
        match kind {
            AggKind::ArgMax | AggKind::ArgMin | AggKind::TakeAny | AggKind::TakeAnyIf => {
                let first = args.first().ok_or_else(|| {
                    EngineError::semantic(format!("{name}() needs an argument"), span)
                })?;
                let star_only = matches!(first.kind, ExprKind::Star);
                // `any(X)` is named `any_X`; take_any, arg_max and arg_min keep `X`.
                let first_name = if star_only {
                    None
                } else if name.eq_ignore_ascii_case("any") {
                    Some(naming::aggregate(name, args))
                } else {
                    naming::inferred(first)
                };
                let rest: &[crate::kql::ast::Expr] = if star_only { args } else { &args[1..] };
                if !star_only {
                    bound.push(self.bind(first, table)?);
                    names.push(
                        item.names
                            .first()
                            .cloned()
                            .or(first_name.clone())
                            .unwrap_or_else(|| naming::aggregate(name, args)),
                    );
                } else {
                    bound.push(Bound::Const(Scalar::Null));
                }
                for extra in rest {
                    match &extra.kind {
                        ExprKind::Star => {
                            for (c, def) in table.columns.iter().enumerate() {
                                if !key_names.contains(&def.name)
                                    && first_name.as_ref() != Some(&def.name)
                                    && !carry.contains(&c)
                                {
                                    carry.push(c);
                                    names.push(def.name.clone());
                                }
                            }
                        }
                        ExprKind::Name(column) => {
                            let c = table.column_index(column).ok_or_else(|| {
                                EngineError::semantic(format!("'summarize' operator: Failed to resolve scalar expression named '{column}'"), extra.span)
                            })?;
                            carry.push(c);
                            names.push(column.clone());
                        }
                        _ => {
                            return Err(EngineError::unsupported(
                                format!("{name}(): extra arguments must be column names or *"),
                                extra.span,
                            ))
                        }
                    }
                }
                let mut kinds: Vec<ColumnKind> =
                    carry.iter().map(|&c| table.columns[c].kind).collect();
                if !star_only {
                    kinds.insert(0, self.kind_of(first, table));
                }
                let aggregate = Aggregate {
                    kind,
                    args: bound,
                    carry,
                    emit_value: !star_only,
                    max_size: SET_LIMIT,
                };
                return Ok(Plan {
                    aggregate,
                    names,
                    kinds,
                });
            }
            AggKind::Count if args.is_empty() => {}
            AggKind::Percentile => {
                bound
                    .push(bind_arg(0)?.ok_or_else(|| {
                        EngineError::semantic("percentile() needs a value", span)
                    })?);
                bound.push(bind_arg(1)?.unwrap_or(Bound::Const(Scalar::Long(50))));
            }
            AggKind::DCount => {
                if let Some(b) = bind_arg(0)? {
                    bound.push(b);
                }
            }
            AggKind::MakeSet | AggKind::MakeList | AggKind::MakeSetIf | AggKind::MakeListIf => {
                let at = if matches!(kind, AggKind::MakeSet | AggKind::MakeList) {
                    1
                } else {
                    2
                };
                if let Some(b) = bind_arg(0)? {
                    bound.push(b);
                }
                if at == 2 {
                    if let Some(b) = bind_arg(1)? {
                        bound.push(b);
                    }
                }
                if let Some(limit) = bind_arg(at)? {
                    let Bound::Const(value) = limit else {
                        return Err(EngineError::semantic(
                            format!("{name}(): MaxSize must be a constant"),
                            span,
                        ));
                    };
                    max_size = value.as_i64().map_or(SET_LIMIT, |n| n.max(0) as usize);
                }
            }
            _ => {
                for i in 0..args.len() {
                    if let Some(b) = bind_arg(i)? {
                        bound.push(b);
                    }
                }
            }
        }
        let output = item
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| naming::aggregate(name, args));
        let arg = args
            .first()
            .map_or(ColumnKind::Unknown, |a| self.kind_of(a, table));
        Ok(Plan {
            aggregate: Aggregate {
                kind,
                args: bound,
                carry,
                emit_value: true,
                max_size,
            },
            names: vec![output],
            kinds: vec![aggregate_kind(kind, arg)],
        })
    }
}
