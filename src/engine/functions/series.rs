//! The `series_*` functions over the dynamic arrays `make-series` builds: filling gaps,
//! FIR filtering and summary statistics.

use serde_json::{Map, Value as Json};

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "series_fill_forward" => (fill_forward as ScalarFn, 1, 2),
        "series_fill_backward" => (fill_backward, 1, 2),
        "series_fill_const" => (fill_const, 1, 3),
        "series_fill_linear" => (fill_linear, 1, 4),
        "series_fir" => (fir, 2, 4),
        "series_stats_dynamic" => (stats_dynamic, 1, 2),
        _ => return None,
    })
}

/// The elements of a dynamic array; `None` for anything else (the functions answer null).
fn elements(value: &Scalar) -> Option<Vec<Json>> {
    match value {
        Scalar::Dynamic(j) => j.as_array().cloned(),
        _ => None,
    }
}

fn array(items: Vec<Json>) -> Scalar {
    Scalar::from_json(Json::Array(items))
}

/// Whether an element stands for a missing value: null, or equal to the placeholder.
fn is_missing(item: &Json, placeholder: &Scalar) -> bool {
    item.is_null()
        || (!placeholder.is_null()
            && Scalar::from_json(item.clone()).equals(placeholder) == Some(true))
}

fn fill_forward(args: &[Scalar]) -> Scalar {
    let Some(mut items) = elements(arg(args, 0)) else {
        return Scalar::Null;
    };
    let mut last: Option<Json> = None;
    for item in &mut items {
        if is_missing(item, arg(args, 1)) {
            if let Some(v) = &last {
                *item = v.clone();
            }
        } else {
            last = Some(item.clone());
        }
    }
    array(items)
}

fn fill_backward(args: &[Scalar]) -> Scalar {
    let Some(mut items) = elements(arg(args, 0)) else {
        return Scalar::Null;
    };
    let mut next: Option<Json> = None;
    for item in items.iter_mut().rev() {
        if is_missing(item, arg(args, 1)) {
            if let Some(v) = &next {
                *item = v.clone();
            }
        } else {
            next = Some(item.clone());
        }
    }
    array(items)
}

fn fill_const(args: &[Scalar]) -> Scalar {
    let Some(mut items) = elements(arg(args, 0)) else {
        return Scalar::Null;
    };
    let constant = match args.get(1) {
        Some(c) => c.to_json(),
        None => Json::from(0),
    };
    // The constant takes the type of the array's elements.
    let reals = items.iter().any(|i| i.is_f64());
    let constant = match (&constant, reals) {
        (Json::Number(n), true) => n.as_f64().map_or(constant.clone(), Json::from),
        _ => constant,
    };
    for item in &mut items {
        if is_missing(item, arg(args, 2)) {
            *item = constant.clone();
        }
    }
    array(items)
}

fn fill_linear(args: &[Scalar]) -> Scalar {
    let Some(items) = elements(arg(args, 0)) else {
        return Scalar::Null;
    };
    let placeholder = arg(args, 1);
    let fill_edges = args.get(2).is_none_or(|v| v.as_bool() != Some(false));
    let known: Vec<(usize, f64)> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| !is_missing(i, placeholder))
        .filter_map(|(at, i)| i.as_f64().map(|x| (at, x)))
        .collect();
    if known.is_empty() {
        let constant = args.get(3).map_or(Json::from(0.0), Scalar::to_json);
        return array(vec![constant; items.len()]);
    }
    // Arrays of whole numbers stay whole: interpolated values are truncated, as the
    // documentation's example shows (73.5 becomes 73).
    let whole = items
        .iter()
        .filter(|i| !is_missing(i, placeholder))
        .all(|i| i.is_i64() || i.is_u64());
    let number = |x: f64| {
        if whole {
            Json::from(x as i64)
        } else {
            Json::from(x)
        }
    };
    let mut out = items.clone();
    for (at, item) in out.iter_mut().enumerate() {
        if !is_missing(item, placeholder) {
            continue;
        }
        let before = known.iter().rev().find(|(i, _)| *i < at);
        let after = known.iter().find(|(i, _)| *i > at);
        *item = match (before, after) {
            (Some(&(i, a)), Some(&(j, b))) => {
                number(a + (b - a) * (at - i) as f64 / (j - i) as f64)
            }
            (Some(&(_, a)), None) | (None, Some(&(_, a))) if fill_edges => number(a),
            _ => item.clone(),
        };
    }
    array(out)
}

/// A finite impulse response filter: each output is the weighted sum of the current and
/// earlier inputs (around the current one with `center`); inputs before the start count 0.
fn fir(args: &[Scalar]) -> Scalar {
    let (Some(items), Some(filter)) = (elements(arg(args, 0)), elements(arg(args, 1))) else {
        return Scalar::Null;
    };
    let Some(filter) = filter
        .iter()
        .map(Json::as_f64)
        .collect::<Option<Vec<f64>>>()
    else {
        return Scalar::Null;
    };
    let negative = filter.iter().any(|c| *c < 0.0);
    let normalize = args.get(2).map_or(!negative, |v| v.as_bool() == Some(true));
    let center = args.get(3).is_some_and(|v| v.as_bool() == Some(true));
    let sum: f64 = filter.iter().sum();
    if normalize && (negative || sum == 0.0) {
        return Scalar::Null;
    }
    let scale = if normalize { sum } else { 1.0 };
    let shift = if center { (filter.len() / 2) as i64 } else { 0 };
    let values: Vec<Option<f64>> = items.iter().map(Json::as_f64).collect();
    let out = (0..values.len() as i64)
        .map(|i| {
            let mut total = 0.0;
            for (k, c) in filter.iter().enumerate() {
                let at = i + shift - k as i64;
                if (0..values.len() as i64).contains(&at) {
                    match values[at as usize] {
                        Some(x) => total += c * x,
                        None => return Json::Null,
                    }
                }
            }
            Json::from(total / scale)
        })
        .collect();
    array(out)
}

/// min, min_idx, max, max_idx, avg, stdev and variance of a numeric array, in that order; all
/// null when the array holds a value that is not a finite number, unless told to skip those.
pub fn stats(series: &Scalar, skip_nonfinite: bool) -> [Scalar; 7] {
    let none = || std::array::from_fn(|_| Scalar::Null);
    let Some(items) = elements(series) else {
        return none();
    };
    let mut values = Vec::new();
    for (at, item) in items.iter().enumerate() {
        match item.as_f64().filter(|x| x.is_finite()) {
            Some(x) => values.push((at, x)),
            None if skip_nonfinite => {}
            None => return none(),
        }
    }
    if values.is_empty() {
        return none();
    }
    let (mut min, mut max) = (values[0], values[0]);
    for &(at, x) in &values {
        if x < min.1 {
            min = (at, x);
        }
        if x > max.1 {
            max = (at, x);
        }
    }
    let n = values.len() as f64;
    let avg = values.iter().map(|(_, x)| x).sum::<f64>() / n;
    let variance = if values.len() < 2 {
        0.0
    } else {
        values.iter().map(|(_, x)| (x - avg).powi(2)).sum::<f64>() / (n - 1.0)
    };
    [
        Scalar::Real(min.1),
        Scalar::Long(min.0 as i64),
        Scalar::Real(max.1),
        Scalar::Long(max.0 as i64),
        Scalar::Real(avg),
        Scalar::Real(variance.sqrt()),
        Scalar::Real(variance),
    ]
}

pub const STATS: [&str; 7] = [
    "min", "min_idx", "max", "max_idx", "avg", "stdev", "variance",
];

fn stats_dynamic(args: &[Scalar]) -> Scalar {
    let skip = arg(args, 1).as_bool() == Some(true);
    let values = stats(arg(args, 0), skip);
    let bag: Map<String, Json> = STATS
        .iter()
        .zip(values.iter())
        .map(|(name, value)| ((*name).to_owned(), value.to_json()))
        .collect();
    Scalar::from_json(Json::Object(bag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Scalar {
        Scalar::from_json(serde_json::from_str(text).unwrap())
    }

    #[test]
    fn filling_forward_and_backward_keeps_the_edges_they_cannot_reach() {
        let s = json("[null, null, 36, 41, null, null, 16, 61, 33, null, null]");
        assert_eq!(
            fill_forward(std::slice::from_ref(&s)),
            json("[null,null,36,41,41,41,16,61,33,33,33]")
        );
        assert_eq!(
            fill_backward(&[s]),
            json("[36,36,36,41,16,16,16,61,33,null,null]")
        );
    }
}
