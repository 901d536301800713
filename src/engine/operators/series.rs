//! `make-series`: per group, one array per aggregate with a value for each step of the axis
//! from `from` up to (not including) `to`, the default where a step has no rows.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::super::aggregate::State;
use super::super::context::Ctx;
use super::super::naming;
use super::super::scalar::{Key, Scalar};
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Expr, MakeSeries};
use crate::kql::Span;
use crate::results::ColumnKind;

/// The most values one series may hold, as in Kusto.
const MAX_POINTS: i64 = 1 << 20;

/// An axis value as a whole number (ticks for times and durations), with how to write it back.
fn axis_number(value: &Scalar) -> Option<i64> {
    match value.unwrap_dynamic().as_ref() {
        Scalar::DateTime(t) | Scalar::Timespan(t) | Scalar::Long(t) => Some(*t),
        _ => None,
    }
}

impl Ctx<'_> {
    pub fn make_series(
        &self,
        table: &Table,
        spec: &MakeSeries,
        span: Span,
    ) -> Result<Table, EngineError> {
        let (Some(from), Some(to)) = (&spec.from, &spec.to) else {
            return Err(EngineError::unsupported(
                "make-series without both 'from' and 'to' is not supported by the kqlhunt demo tenant: give the axis range",
                span,
            ));
        };
        let empty = Table::default();
        let constant =
            |e: &Expr| -> Result<Scalar, EngineError> { Ok(self.bind(e, &empty)?.eval(&empty, 0)) };
        let (start, end, step) = (constant(from)?, constant(to)?, constant(&spec.step)?);
        let rebuild: fn(i64) -> Scalar = match &start {
            Scalar::DateTime(_) => Scalar::DateTime,
            Scalar::Timespan(_) => Scalar::Timespan,
            Scalar::Long(_) => Scalar::Long,
            _ => {
                return Err(EngineError::unsupported(
                    "make-series over an axis that is not a datetime, timespan or long is not supported by the kqlhunt demo tenant",
                    from.span,
                ))
            }
        };
        let (Some(first), Some(last), Some(width)) =
            (axis_number(&start), axis_number(&end), axis_number(&step))
        else {
            return Err(EngineError::semantic(
                "make-series: from, to and step must be constants of the axis's type",
                span,
            ));
        };
        if width <= 0 {
            return Err(EngineError::semantic(
                "make-series: the step must be positive",
                spec.step.span,
            ));
        }
        let points = if last > first {
            (last - first + width - 1) / width
        } else {
            0
        };
        if points > MAX_POINTS {
            return Err(EngineError::semantic(
                format!("make-series: {points} points per series is over the limit of {MAX_POINTS}: use a larger step"),
                spec.step.span,
            ));
        }
        let axis = self.bind(&spec.axis, table)?;
        let keys = spec
            .by
            .iter()
            .map(|k| self.bind(&k.expr, table))
            .collect::<Result<Vec<_>, _>>()?;
        let key_names = naming::group_keys(&spec.by);
        let plans = spec
            .aggregates
            .iter()
            .map(|(item, _)| self.plan(table, item, &key_names))
            .collect::<Result<Vec<_>, _>>()?;
        let defaults = spec
            .aggregates
            .iter()
            .map(|(_, d)| {
                d.as_ref()
                    .map_or(Ok(Json::from(0)), |d| constant(d).map(|v| v.to_json()))
            })
            .collect::<Result<Vec<_>, _>>()?;

        // Each group: its key values, then per aggregate the state of each point that has rows.
        type Points = Vec<HashMap<usize, State>>;
        let mut groups: Vec<(Vec<Scalar>, Points)> = Vec::new();
        let mut index: HashMap<Vec<Key>, usize> = HashMap::new();
        for row in 0..table.len() {
            let Some(at) = axis_number(&axis.eval_ref(table, row)) else {
                continue;
            };
            if at < first || at >= last {
                continue;
            }
            let point = ((at - first) / width) as usize;
            let values: Vec<Scalar> = keys.iter().map(|k| k.eval(table, row)).collect();
            let key: Vec<Key> = values.iter().map(Key::of).collect();
            let g = *index.entry(key).or_insert_with(|| {
                groups.push((values, vec![HashMap::new(); plans.len()]));
                groups.len() - 1
            });
            for (plan, states) in plans.iter().zip(groups[g].1.iter_mut()) {
                let state = states
                    .entry(point)
                    .or_insert_with(|| plan.aggregate.start());
                plan.aggregate.fold(state, table, row);
            }
        }
        if groups.is_empty() && spec.nonempty {
            if !keys.is_empty() {
                return Err(EngineError::unsupported(
                    "make-series kind=nonempty with 'by' over no rows is not supported by the kqlhunt demo tenant",
                    span,
                ));
            }
            groups.push((Vec::new(), vec![HashMap::new(); plans.len()]));
        }

        let mut columns: Vec<ColumnDef> = Vec::new();
        let mut data: Vec<Vec<Scalar>> = Vec::new();
        for (c, name) in key_names.iter().enumerate() {
            let values: Vec<Scalar> = groups.iter().map(|(k, _)| k[c].clone()).collect();
            let kind = values
                .iter()
                .find(|v| !v.is_null())
                .map_or(ColumnKind::Unknown, Scalar::kind);
            columns.push(ColumnDef {
                name: name.clone(),
                kind,
            });
            data.push(values);
        }
        let mut taken = key_names.clone();
        for (p, plan) in plans.iter().enumerate() {
            let series = groups
                .iter_mut()
                .map(|(_, states)| {
                    let mut states = std::mem::take(&mut states[p]);
                    let items = (0..points as usize)
                        .map(|point| match states.remove(&point) {
                            Some(state) => plan
                                .aggregate
                                .finish(state, table)
                                .into_iter()
                                .next()
                                .map_or(Json::Null, |v| v.to_json()),
                            None => defaults[p].clone(),
                        })
                        .collect();
                    Scalar::from_json(Json::Array(items))
                })
                .collect();
            let name = plan
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| "Column1".into());
            if taken.contains(&name) {
                return Err(EngineError::semantic(
                    format!("make-series: a column with the name '{name}' is already declared"),
                    span,
                ));
            }
            taken.push(name.clone());
            columns.push(ColumnDef {
                name,
                kind: ColumnKind::Dynamic,
            });
            data.push(series);
        }
        let axis_values = Json::Array(
            (0..points)
                .map(|i| rebuild(first + i * width).to_json())
                .collect(),
        );
        let axis_name = naming::inferred(&spec.axis).unwrap_or_else(|| "Column1".into());
        columns.push(ColumnDef {
            name: naming::unique(&axis_name, &taken),
            kind: ColumnKind::Dynamic,
        });
        data.push(vec![Scalar::from_json(axis_values); groups.len()]);
        Ok(Table::new(columns, data))
    }
}
