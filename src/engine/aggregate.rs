//! Aggregates for `summarize`: each keeps a small state per group and folds rows into it.

use std::collections::HashSet;

use serde_json::Value as Json;

use super::expr::Bound;
use super::scalar::{Key, Scalar};
use super::table::Table;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggKind {
    Count,
    CountIf,
    DCount,
    DCountIf,
    Sum,
    SumIf,
    Avg,
    AvgIf,
    Min,
    Max,
    MinIf,
    MaxIf,
    MakeSet,
    MakeSetIf,
    MakeList,
    MakeListIf,
    ArgMax,
    ArgMin,
    TakeAny,
    TakeAnyIf,
    Stdev,
    Variance,
    Percentile,
    MakeBag,
}

impl AggKind {
    pub fn from_name(name: &str) -> Option<AggKind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "count" => AggKind::Count,
            "countif" => AggKind::CountIf,
            "dcount" | "count_distinct" | "dcount_hll" => AggKind::DCount,
            "dcountif" => AggKind::DCountIf,
            "sum" => AggKind::Sum,
            "sumif" => AggKind::SumIf,
            "avg" => AggKind::Avg,
            "avgif" => AggKind::AvgIf,
            "min" => AggKind::Min,
            "max" => AggKind::Max,
            "minif" => AggKind::MinIf,
            "maxif" => AggKind::MaxIf,
            "make_set" | "makeset" => AggKind::MakeSet,
            "make_set_if" => AggKind::MakeSetIf,
            "make_list" | "makelist" | "make_list_with_nulls" => AggKind::MakeList,
            "make_list_if" => AggKind::MakeListIf,
            "arg_max" | "argmax" => AggKind::ArgMax,
            "arg_min" | "argmin" => AggKind::ArgMin,
            "take_any" | "any" => AggKind::TakeAny,
            "take_anyif" | "anyif" => AggKind::TakeAnyIf,
            "stdev" => AggKind::Stdev,
            "variance" => AggKind::Variance,
            "percentile" => AggKind::Percentile,
            "make_bag" => AggKind::MakeBag,
            _ => return None,
        })
    }

    /// Which argument is a condition (the `if` forms).
    fn condition(self, args: usize) -> Option<usize> {
        match self {
            AggKind::CountIf => Some(0),
            AggKind::DCountIf
            | AggKind::SumIf
            | AggKind::AvgIf
            | AggKind::MinIf
            | AggKind::MaxIf
            | AggKind::TakeAnyIf => Some(1),
            AggKind::MakeSetIf | AggKind::MakeListIf => Some(1).filter(|_| args >= 2),
            _ => None,
        }
    }
}

/// One aggregate of a `summarize`: what to compute, over which bound arguments.
#[derive(Clone, Debug)]
pub struct Aggregate {
    pub kind: AggKind,
    pub args: Vec<Bound>,
    /// For arg_max/arg_min/take_any: the columns to return from the chosen row.
    pub carry: Vec<usize>,
    /// False for `take_any(*)`, which returns only the carried columns.
    pub emit_value: bool,
    /// make_set and make_list keep at most this many values (their `MaxSize` argument).
    pub max_size: usize,
}

#[derive(Clone, Debug)]
pub enum State {
    Count(i64),
    Distinct(HashSet<Key>),
    Sum {
        long: i64,
        real: f64,
        is_real: bool,
        any: bool,
    },
    Avg {
        sum: f64,
        count: i64,
    },
    Extreme(Option<Scalar>),
    Set(Vec<Json>, HashSet<Key>),
    List(Vec<Json>),
    Arg {
        best: Option<Scalar>,
        row: Option<usize>,
    },
    Any(Option<usize>),
    Moments {
        n: f64,
        sum: f64,
        sum_sq: f64,
    },
    Values(Vec<f64>),
    Bag(serde_json::Map<String, Json>),
}

/// make_set's and make_list's documented default `MaxSize`.
pub const SET_LIMIT: usize = 1_048_576;

impl Aggregate {
    pub fn start(&self) -> State {
        match self.kind {
            AggKind::Count | AggKind::CountIf => State::Count(0),
            AggKind::DCount | AggKind::DCountIf => State::Distinct(HashSet::new()),
            AggKind::Sum | AggKind::SumIf => State::Sum {
                long: 0,
                real: 0.0,
                is_real: false,
                any: false,
            },
            AggKind::Avg | AggKind::AvgIf => State::Avg { sum: 0.0, count: 0 },
            AggKind::Min | AggKind::Max | AggKind::MinIf | AggKind::MaxIf => State::Extreme(None),
            AggKind::MakeSet | AggKind::MakeSetIf => State::Set(Vec::new(), HashSet::new()),
            AggKind::MakeList | AggKind::MakeListIf => State::List(Vec::new()),
            AggKind::ArgMax | AggKind::ArgMin => State::Arg {
                best: None,
                row: None,
            },
            AggKind::TakeAny | AggKind::TakeAnyIf => State::Any(None),
            AggKind::Stdev | AggKind::Variance => State::Moments {
                n: 0.0,
                sum: 0.0,
                sum_sq: 0.0,
            },
            AggKind::Percentile => State::Values(Vec::new()),
            AggKind::MakeBag => State::Bag(serde_json::Map::new()),
        }
    }

    pub fn fold(&self, state: &mut State, table: &Table, row: usize) {
        if let Some(c) = self.kind.condition(self.args.len()) {
            if !self.args.get(c).is_some_and(|a| a.is_true(table, row)) {
                return;
            }
        }
        let value = || {
            self.args
                .first()
                .map_or(Scalar::Null, |a| a.eval(table, row))
        };
        match state {
            State::Count(n) => {
                // count(x) counts non-null x; count() and countif count rows.
                if self.kind == AggKind::CountIf || self.args.is_empty() || !value().is_null() {
                    *n += 1;
                }
            }
            State::Distinct(set) => {
                let v = value();
                if !v.is_null() {
                    set.insert(Key::of(&v));
                }
            }
            State::Sum {
                long,
                real,
                is_real,
                any,
            } => match value().unwrap_dynamic().into_owned() {
                Scalar::Long(n) => {
                    *long = long.wrapping_add(n);
                    *any = true;
                }
                Scalar::Timespan(t) => {
                    *long = long.wrapping_add(t);
                    *any = true;
                }
                other => {
                    if let Some(x) = other.as_f64() {
                        *real += x;
                        *is_real = true;
                        *any = true;
                    }
                }
            },
            State::Avg { sum, count } => {
                if let Some(x) = value().as_f64() {
                    *sum += x;
                    *count += 1;
                }
            }
            State::Extreme(best) => {
                let v = value();
                if v.is_null() {
                    return;
                }
                let better = self.beats(&v, best);
                if better {
                    *best = Some(v);
                }
            }
            State::Set(items, seen) => {
                for v in flatten(value()) {
                    if items.len() < self.max_size
                        && seen.insert(Key::of(&Scalar::from_json(v.clone())))
                    {
                        items.push(v);
                    }
                }
            }
            State::List(items) => {
                let v = value();
                if !v.is_null() && items.len() < self.max_size {
                    items.push(v.to_json());
                }
            }
            State::Arg { best, row: at } => {
                let v = value();
                if v.is_null() {
                    if at.is_none() {
                        *at = Some(row);
                    }
                    return;
                }
                let better = self.beats(&v, best);
                if better {
                    *best = Some(v);
                    *at = Some(row);
                }
            }
            State::Any(at) => {
                if at.is_none() {
                    *at = Some(row);
                }
            }
            State::Moments { n, sum, sum_sq } => {
                if let Some(x) = value().as_f64() {
                    *n += 1.0;
                    *sum += x;
                    *sum_sq += x * x;
                }
            }
            State::Values(values) => {
                if let Some(x) = value().as_f64() {
                    values.push(x);
                }
            }
            State::Bag(map) => {
                if let Json::Object(o) = value().to_json() {
                    map.extend(o);
                }
            }
        }
    }

    /// The aggregate's output columns for a finished group.
    pub fn finish(&self, state: State, table: &Table) -> Vec<Scalar> {
        match state {
            State::Count(n) => vec![Scalar::Long(n)],
            State::Distinct(set) => vec![Scalar::Long(set.len() as i64)],
            State::Sum {
                long,
                real,
                is_real,
                any,
            } => vec![match (any, is_real) {
                // The sum of no values is 0 (of the column's type).
                (false, _) => Scalar::Long(0),
                (true, true) => Scalar::Real(real + long as f64),
                (true, false) => Scalar::Long(long),
            }],
            State::Avg { sum, count } => vec![if count == 0 {
                // 0/0, as Kusto's avg of no values.
                Scalar::Real(f64::NAN)
            } else {
                Scalar::Real(sum / count as f64)
            }],
            State::Extreme(best) => vec![best.unwrap_or(Scalar::Null)],
            State::Set(items, _) | State::List(items) => {
                vec![Scalar::from_json(Json::Array(items))]
            }
            State::Arg { best, row } => {
                let value = self.emit_value.then(|| best.unwrap_or(Scalar::Null));
                self.with_carried(value, row, table)
            }
            State::Any(row) => {
                let value = self.emit_value.then(|| {
                    row.map_or(Scalar::Null, |r| {
                        self.args.first().map_or(Scalar::Null, |a| a.eval(table, r))
                    })
                });
                self.with_carried(value, row, table)
            }
            State::Moments { n, sum, sum_sq } => {
                if n < 2.0 {
                    return vec![Scalar::Real(0.0)];
                }
                let variance = (sum_sq - sum * sum / n) / (n - 1.0);
                vec![Scalar::Real(if self.kind == AggKind::Stdev {
                    variance.max(0.0).sqrt()
                } else {
                    variance
                })]
            }
            State::Values(mut values) => {
                let p = match self.args.get(1).map(|a| a.eval(table, 0)) {
                    Some(v) => v.as_f64().unwrap_or(50.0),
                    None => 50.0,
                };
                values.sort_by(f64::total_cmp);
                if values.is_empty() {
                    return vec![Scalar::Null];
                }
                let rank = ((p / 100.0) * (values.len() - 1) as f64).round() as usize;
                vec![Scalar::Real(values[rank.min(values.len() - 1)])]
            }
            State::Bag(map) => vec![Scalar::from_json(Json::Object(map))],
        }
    }
}

impl Aggregate {
    /// The aggregate's own value (if it has one) and the columns carried from the chosen row.
    fn with_carried(
        &self,
        value: Option<Scalar>,
        row: Option<usize>,
        table: &Table,
    ) -> Vec<Scalar> {
        let carried = self
            .carry
            .iter()
            .map(|&c| row.map_or(Scalar::Null, |r| table.get(r, c).clone()));
        value.into_iter().chain(carried).collect()
    }

    /// Whether `value` beats the best so far: larger for the max forms, smaller for the min ones.
    fn beats(&self, value: &Scalar, best: &Option<Scalar>) -> bool {
        best.as_ref().is_none_or(|b| {
            let ordering = value.compare(b);
            if matches!(self.kind, AggKind::Max | AggKind::MaxIf | AggKind::ArgMax) {
                ordering.is_gt()
            } else {
                ordering.is_lt()
            }
        })
    }
}

/// make_set of an array adds its elements; of anything else, the value.
fn flatten(value: Scalar) -> Vec<Json> {
    match value {
        Scalar::Null => Vec::new(),
        Scalar::Dynamic(j) => match &*j {
            Json::Array(items) => items.clone(),
            other => vec![other.clone()],
        },
        other => vec![other.to_json()],
    }
}
