//! Points from rows: each row gives an x, a series (the combined values of the series
//! columns, as the render data model says) and one point per y column. Rows of `make-series`
//! hold arrays: each element is a point.

use std::collections::HashMap;

use super::infer::Roles;
use super::model::{Point, Series, XKind};
use crate::results::display::safe_text;
use crate::results::view::cell_text;
use crate::results::{ColumnKind, ResultSet, Value};

/// `ysplit=panels` draws at most this many panels, as the service's user agents do.
pub const MAX_PANELS: usize = 5;

pub struct Extracted {
    pub series: Vec<Series>,
    pub categories: Vec<String>,
}

/// What a `make-series` array column holds, from its first array's first element.
pub fn array_kind(result: &ResultSet, column: usize, rows: &[usize]) -> XKind {
    let first = rows.iter().find_map(|&r| match result.cell(r, column) {
        Value::Dynamic(json) => serde_json::from_str::<Vec<serde_json::Value>>(json)
            .ok()
            .and_then(|a| a.into_iter().next()),
        _ => None,
    });
    match first {
        Some(serde_json::Value::String(s))
            if crate::results::datetime::parse_ticks(&s).is_some() =>
        {
            XKind::Time
        }
        Some(serde_json::Value::Number(_)) => XKind::Number,
        _ => XKind::Category,
    }
}

/// A cell as a number to draw, if it is one.
fn number(value: Value<'_>) -> Option<f64> {
    match value {
        Value::Long(n) => Some(n as f64),
        Value::Real(x) if x.is_finite() => Some(x),
        Value::Bool(b) => Some(f64::from(u8::from(b))),
        _ => None,
    }
}

fn array(value: Value<'_>) -> Vec<serde_json::Value> {
    match value {
        Value::Dynamic(json) => serde_json::from_str(json).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn array_x(element: &serde_json::Value, kind: XKind) -> Option<f64> {
    match (element, kind) {
        (serde_json::Value::String(s), XKind::Time) => {
            crate::results::datetime::parse_ticks(s).map(|t| t as f64)
        }
        (serde_json::Value::Number(n), _) => n.as_f64(),
        _ => None,
    }
}

pub fn extract(
    result: &ResultSet,
    roles: &Roles,
    rows: &[usize],
    x_kind: XKind,
    panels: bool,
    pie: bool,
) -> Extracted {
    let mut series: Vec<Series> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut categories: Vec<String> = Vec::new();
    let mut category_at: HashMap<String, usize> = HashMap::new();
    let x_column = result.column(roles.x);
    let y_names: Vec<String> = roles
        .ys
        .iter()
        .map(|&c| safe_text(result.column(c).name()).into_owned())
        .collect();
    let mut key = String::new();
    let mut add = |name: &str, panel: usize, anomaly: bool, point: Point| {
        let at = match by_name.get(name) {
            Some(&at) => at,
            None => {
                by_name.insert(name.to_owned(), series.len());
                series.push(Series {
                    name: name.to_owned(),
                    points: Vec::new(),
                    total: 0.0,
                    panel,
                    anomaly,
                });
                series.len() - 1
            }
        };
        series[at].total += point.y;
        series[at].points.push(point);
    };
    for &row in rows {
        key.clear();
        for (i, &c) in roles.series.iter().enumerate() {
            if i > 0 {
                key.push_str(", ");
            }
            let column = result.column(c);
            key.push_str(&cell_text(column.value(row), column.kind()).text);
        }
        let x_value = x_column.value(row);
        // A single x, or a make-series array of them.
        let xs: Vec<f64> = match (x_column.kind(), x_kind) {
            (ColumnKind::Dynamic, XKind::Time | XKind::Number) => array(x_value)
                .iter()
                .map(|e| array_x(e, x_kind).unwrap_or(f64::NAN))
                .collect(),
            (_, XKind::Time) => match x_value {
                Value::DateTime(t) => vec![t as f64],
                _ => continue,
            },
            (_, XKind::Number) => match number(x_value) {
                Some(x) => vec![x],
                None => continue,
            },
            (_, XKind::Category) => {
                let text = cell_text(x_value, x_column.kind()).text;
                let next = categories.len();
                let at = *category_at.entry(text.clone()).or_insert_with(|| {
                    categories.push(text.clone());
                    next
                });
                vec![at as f64]
            }
        };
        for (j, &c) in roles.ys.iter().enumerate() {
            let name = if pie {
                categories[xs[0] as usize].clone()
            } else if key.is_empty() {
                y_names[j].clone()
            } else if roles.ys.len() > 1 {
                format!("{key}: {}", y_names[j])
            } else {
                key.clone()
            };
            let panel = if panels { j.min(MAX_PANELS - 1) } else { 0 };
            let value = result.cell(row, c);
            let ys: Vec<Option<f64>> = if xs.len() == 1 && !matches!(value, Value::Dynamic(_)) {
                vec![number(value)]
            } else {
                array(value).iter().map(serde_json::Value::as_f64).collect()
            };
            for (x, y) in xs.iter().zip(ys) {
                if let (true, Some(y)) = (x.is_finite(), y) {
                    add(
                        &name,
                        panel,
                        false,
                        Point {
                            x: *x,
                            y,
                            top: y,
                            row,
                        },
                    );
                }
            }
        }
        // Anomaly flags: a mark on the first y column's value wherever the flag is not zero.
        for &c in &roles.anomalies {
            let flags: Vec<Option<f64>> = match result.cell(row, c) {
                Value::Dynamic(_) => array(result.cell(row, c))
                    .iter()
                    .map(serde_json::Value::as_f64)
                    .collect(),
                other => vec![number(other)],
            };
            let base: Vec<Option<f64>> = match result.cell(row, roles.ys[0]) {
                Value::Dynamic(_) => array(result.cell(row, roles.ys[0]))
                    .iter()
                    .map(serde_json::Value::as_f64)
                    .collect(),
                other => vec![number(other)],
            };
            let name = format!("{} (anomalies)", safe_text(result.column(c).name()));
            for ((x, flag), y) in xs.iter().zip(flags).zip(base) {
                if let (true, Some(flag), Some(y)) = (x.is_finite(), flag, y) {
                    if flag != 0.0 {
                        add(
                            &name,
                            0,
                            true,
                            Point {
                                x: *x,
                                y,
                                top: y,
                                row,
                            },
                        );
                    }
                }
            }
        }
    }
    if x_kind != XKind::Category {
        for s in &mut series {
            s.points.sort_by(|a, b| a.x.total_cmp(&b.x));
        }
    }
    Extracted { series, categories }
}
