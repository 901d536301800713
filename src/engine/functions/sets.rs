//! Arrays as sets and lists: `set_*`, `array_*`, `strcat_array`, `jaccard_index`, and the
//! code points of a string. An argument that should be an array and is not gives null, as in
//! Kusto.

use serde_json::Value as Json;

use super::{arg, ScalarFn};
use crate::engine::scalar::{Key, Scalar};

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "set_union" => (set_union, 2, 64),
        "set_intersect" => (set_intersect, 2, 64),
        "set_difference" => (set_difference, 2, 64),
        "jaccard_index" => (jaccard_index, 2, 2),
        "array_slice" => (array_slice, 3, 3),
        "array_reverse" => (
            |a| array(a, 0).map_or(Scalar::Null, |v| list(v.into_iter().rev().collect())),
            1,
            1,
        ),
        "array_sum" => (array_sum, 1, 1),
        "array_iff" | "array_iif" => (array_iff, 3, 3),
        "array_rotate_left" => (|a| rotate(a, true), 2, 2),
        "array_rotate_right" => (|a| rotate(a, false), 2, 2),
        "array_shift_left" => (|a| shift(a, true), 2, 3),
        "array_shift_right" => (|a| shift(a, false), 2, 3),
        "array_split" => (array_split, 2, 2),
        "strcat_array" => (strcat_array, 2, 2),
        "unicode_codepoints_from_string" => (codepoints_from_string, 1, 1),
        "unicode_codepoints_to_string" | "make_string" => (codepoints_to_string, 1, 64),
        "set_equals" => (set_equals, 2, 2),
        "repeat" => (repeat, 2, 2),
        "range" => (range, 2, 3),
        _ => return None,
    })
}

/// Argument `i` as the items of an array.
fn array(args: &[Scalar], i: usize) -> Option<Vec<Json>> {
    match arg(args, i) {
        Scalar::Dynamic(j) => j.as_array().cloned(),
        _ => None,
    }
}

fn list(items: Vec<Json>) -> Scalar {
    Scalar::from_json(Json::Array(items))
}

/// How sets compare their elements: by value, `1` and `1.0` alike.
fn key(item: &Json) -> Key {
    Key::of(&Scalar::from_json(item.clone()).unwrap_dynamic())
}

fn arrays(args: &[Scalar]) -> Option<Vec<Vec<Json>>> {
    (0..args.len()).map(|i| array(args, i)).collect()
}

/// The distinct items of `items`, in their first order.
fn distinct(items: impl IntoIterator<Item = Json>) -> Vec<Json> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|i| seen.insert(key(i))).collect()
}

fn set_union(a: &[Scalar]) -> Scalar {
    arrays(a).map_or(Scalar::Null, |all| {
        list(distinct(all.into_iter().flatten()))
    })
}

fn set_intersect(a: &[Scalar]) -> Scalar {
    let Some(mut all) = arrays(a) else {
        return Scalar::Null;
    };
    let first = all.remove(0);
    let others: Vec<std::collections::HashSet<Key>> = all
        .iter()
        .map(|items| items.iter().map(key).collect())
        .collect();
    list(distinct(
        first
            .into_iter()
            .filter(|i| others.iter().all(|o| o.contains(&key(i)))),
    ))
}

fn set_difference(a: &[Scalar]) -> Scalar {
    let Some(mut all) = arrays(a) else {
        return Scalar::Null;
    };
    let first = all.remove(0);
    let others: std::collections::HashSet<Key> = all.iter().flatten().map(key).collect();
    list(distinct(
        first.into_iter().filter(|i| !others.contains(&key(i))),
    ))
}

fn jaccard_index(a: &[Scalar]) -> Scalar {
    let (Some(x), Some(y)) = (array(a, 0), array(a, 1)) else {
        return Scalar::Null;
    };
    let x: std::collections::HashSet<Key> = x.iter().map(key).collect();
    let y: std::collections::HashSet<Key> = y.iter().map(key).collect();
    let union = x.union(&y).count();
    if union == 0 {
        return Scalar::Real(f64::NAN);
    }
    Scalar::Real(x.intersection(&y).count() as f64 / union as f64)
}

/// An index into `len` items, negative from the end.
fn index(value: &Scalar, len: usize) -> Option<i64> {
    let i = value.as_i64()?;
    Some(if i < 0 { len as i64 + i } else { i })
}

fn array_slice(a: &[Scalar]) -> Scalar {
    let Some(items) = array(a, 0) else {
        return Scalar::Null;
    };
    let (Some(start), Some(end)) = (index(arg(a, 1), items.len()), index(arg(a, 2), items.len()))
    else {
        return Scalar::Null;
    };
    // Out of bounds indices are ignored: the slice is what lies inside.
    let start = start.max(0) as usize;
    let end = end.min(items.len() as i64 - 1);
    if end < start as i64 {
        return list(Vec::new());
    }
    list(items[start..=end as usize].to_vec())
}

fn array_sum(a: &[Scalar]) -> Scalar {
    let Some(items) = array(a, 0) else {
        return Scalar::Null;
    };
    let mut sum = 0.0;
    for item in &items {
        match item.as_f64() {
            Some(x) => sum += x,
            None => return Scalar::Null,
        }
    }
    Scalar::Real(sum)
}

/// `array_iff(conditions, when_true, when_false)`: element by element; either choice may be
/// an array (its item at that place, null past its end) or one value for all.
fn array_iff(a: &[Scalar]) -> Scalar {
    let Some(conditions) = array(a, 0) else {
        return Scalar::Null;
    };
    let pick = |choice: &Scalar, i: usize| match choice {
        Scalar::Dynamic(j) if j.is_array() => j.get(i).cloned().unwrap_or(Json::Null),
        other => other.to_json(),
    };
    let out = conditions
        .iter()
        .enumerate()
        .map(
            |(i, c)| match Scalar::from_json(c.clone()).unwrap_dynamic().as_bool() {
                Some(true) => pick(arg(a, 1), i),
                Some(false) => pick(arg(a, 2), i),
                None => Json::Null,
            },
        )
        .collect();
    list(out)
}

fn rotate(a: &[Scalar], left: bool) -> Scalar {
    let (Some(mut items), Some(n)) = (array(a, 0), arg(a, 1).as_i64()) else {
        return Scalar::Null;
    };
    if items.is_empty() {
        return list(items);
    }
    let len = items.len() as i64;
    let by = (if left { n } else { -n }).rem_euclid(len) as usize;
    items.rotate_left(by);
    list(items)
}

fn shift(a: &[Scalar], left: bool) -> Scalar {
    let (Some(items), Some(n)) = (array(a, 0), arg(a, 1).as_i64()) else {
        return Scalar::Null;
    };
    let fill = arg(a, 2).to_json();
    let len = items.len() as i64;
    // Shifting left by a negative count shifts right.
    let by = if left { n } else { -n };
    let out = (0..len)
        .map(|i| {
            let from = i + by;
            if (0..len).contains(&from) {
                items[from as usize].clone()
            } else {
                fill.clone()
            }
        })
        .collect();
    list(out)
}

fn array_split(a: &[Scalar]) -> Scalar {
    let Some(items) = array(a, 0) else {
        return Scalar::Null;
    };
    let len = items.len();
    let mut cuts: Vec<usize> = match arg(a, 1) {
        Scalar::Dynamic(j) if j.is_array() => j
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| index(&Scalar::from_json(v.clone()).unwrap_dynamic(), len))
            .map(|i| i.clamp(0, len as i64) as usize)
            .collect(),
        other => match index(other, len) {
            Some(i) => vec![i.clamp(0, len as i64) as usize],
            None => return Scalar::Null,
        },
    };
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([len]) {
        let cut = cut.max(from);
        out.push(Json::Array(items[from..cut].to_vec()));
        from = cut;
    }
    list(out)
}

fn strcat_array(a: &[Scalar]) -> Scalar {
    let Some(items) = array(a, 0) else {
        return Scalar::Null;
    };
    let delimiter = arg(a, 1).to_text().unwrap_or_default().into_owned();
    let parts: Vec<String> = items
        .into_iter()
        .map(|i| {
            Scalar::from_json(i)
                .to_text()
                .unwrap_or_default()
                .into_owned()
        })
        .collect();
    Scalar::str(&parts.join(&delimiter))
}

fn codepoints_from_string(a: &[Scalar]) -> Scalar {
    arg(a, 0).to_text().map_or(Scalar::Null, |s| {
        list(s.chars().map(|c| Json::from(u32::from(c))).collect())
    })
}

fn codepoints_to_string(a: &[Scalar]) -> Scalar {
    let mut out = String::new();
    for value in a {
        let numbers: Vec<Json> = match value {
            Scalar::Dynamic(j) if j.is_array() => j.as_array().cloned().unwrap_or_default(),
            other => vec![other.to_json()],
        };
        for n in numbers {
            match n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .and_then(char::from_u32)
            {
                Some(c) => out.push(c),
                None => return Scalar::Null,
            }
        }
    }
    Scalar::str(&out)
}

/// Whether two arrays hold the same distinct values, in any order and count.
fn set_equals(a: &[Scalar]) -> Scalar {
    let (Some(x), Some(y)) = (array(a, 0), array(a, 1)) else {
        return Scalar::Null;
    };
    let keys = |v: Vec<Json>| v.iter().map(key).collect::<std::collections::HashSet<_>>();
    Scalar::Bool(keys(x) == keys(y))
}

/// The most items `repeat` and `range` build: Kusto caps `range` at 1,048,576 values.
const MOST_ITEMS: i64 = 1_048_576;

/// `repeat(value, count)`: an array of `count` copies; a negative count gives an empty array.
fn repeat(a: &[Scalar]) -> Scalar {
    let Some(count) = arg(a, 1).as_i64() else {
        return Scalar::Null;
    };
    let value = arg(a, 0).to_json();
    list(vec![value; count.clamp(0, MOST_ITEMS) as usize])
}

/// `range(start, stop [, step])`: the values from `start` to `stop` inclusive (numbers,
/// timespans or datetimes), the step 1 when not given (a timespan or datetime range needs one).
fn range(a: &[Scalar]) -> Scalar {
    let step = a.get(2).cloned().unwrap_or(Scalar::Long(1));
    let values: Option<Vec<Json>> = match (arg(a, 0), arg(a, 1), &step) {
        (Scalar::Long(x), Scalar::Long(y), Scalar::Long(s)) => {
            whole_steps(*x, *y, *s).map(|v| v.into_iter().map(Json::from).collect())
        }
        (Scalar::DateTime(x), Scalar::DateTime(y), Scalar::Timespan(s)) => whole_steps(*x, *y, *s)
            .map(|v| {
                v.into_iter()
                    .map(|t| Scalar::DateTime(t).to_json())
                    .collect()
            }),
        (Scalar::Timespan(x), Scalar::Timespan(y), Scalar::Timespan(s)) => whole_steps(*x, *y, *s)
            .map(|v| {
                v.into_iter()
                    .map(|t| Scalar::Timespan(t).to_json())
                    .collect()
            }),
        (
            x @ (Scalar::Long(_) | Scalar::Real(_)),
            y @ (Scalar::Long(_) | Scalar::Real(_)),
            s @ (Scalar::Long(_) | Scalar::Real(_)),
        ) => match (x.as_f64(), y.as_f64(), s.as_f64()) {
            (Some(x), Some(y), Some(s)) if [x, y, s].iter().all(|v| v.is_finite()) => {
                real_steps(x, y, s).map(|v| v.into_iter().map(Json::from).collect())
            }
            _ => None,
        },
        _ => None,
    };
    values.map_or(Scalar::Null, list)
}

/// How many values a range from `start` to `stop` by `step` holds; `None` past the cap.
fn step_count(span: f64, step: f64) -> Option<usize> {
    if step == 0.0 || span * step < 0.0 {
        return Some(0);
    }
    let count = (span / step).floor() + 1.0;
    (count <= MOST_ITEMS as f64).then_some(count as usize)
}

fn whole_steps(start: i64, stop: i64, step: i64) -> Option<Vec<i64>> {
    let span = i128::from(stop) - i128::from(start);
    let count = step_count(span as f64, step as f64)?;
    Some(
        (0..count as i128)
            .map(|i| i128::from(start) + i * i128::from(step))
            .take_while(|v| {
                (span >= 0 && *v <= i128::from(stop)) || (span < 0 && *v >= i128::from(stop))
            })
            .filter_map(|v| i64::try_from(v).ok())
            .collect(),
    )
}

fn real_steps(start: f64, stop: f64, step: f64) -> Option<Vec<f64>> {
    let count = step_count(stop - start, step)?;
    Some((0..count).map(|i| start + step * i as f64).collect())
}
