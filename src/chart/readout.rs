//! The crosshair's readout: at one x, the exact x (as the grid shows it, in its time zone) and
//! each series' exact value there, and the row a point came from, for Enter to jump to.

use super::model::{ChartModel, XKind};
use crate::results::display::safe_text;
use crate::results::view::cell_text_at;
use crate::results::{ColumnKind, ResultSet, Value};

/// The points at exactly `x`: (series index, the point's value, its row).
pub fn points_at(model: &ChartModel, x: f64) -> Vec<(usize, f64, usize)> {
    model
        .series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let at = s.points.partition_point(|p| p.x.total_cmp(&x).is_lt());
            s.points
                .get(at)
                .filter(|p| p.x.to_bits() == x.to_bits())
                .or_else(|| s.points.iter().find(|p| p.x.to_bits() == x.to_bits()))
                .map(|p| (i, p.y, p.row))
        })
        .collect()
}

/// The row of the first point at `x`: where Enter takes the grid.
pub fn row_at(model: &ChartModel, x: f64) -> Option<usize> {
    points_at(model, x).into_iter().map(|(_, _, row)| row).min()
}

/// The value as the grid writes it: every digit, no exponent for ordinary numbers.
fn exact(y: f64) -> String {
    let mut out = String::new();
    crate::results::write_real(&mut out, y);
    out
}

/// `Timestamp 2026-01-01 03:00:00.0000000 │ cmd.exe 12 │ other 7`
pub fn readout(model: &ChartModel, result: &ResultSet, x: f64, local: bool) -> String {
    let points = points_at(model, x);
    let x_text = match (model.x_kind, result.column_index(&model.x_column)) {
        (XKind::Category, _) => model
            .categories
            .get(x.max(0.0) as usize)
            .cloned()
            .unwrap_or_default(),
        (_, Some(c)) if result.column(c).kind() != ColumnKind::Dynamic && !points.is_empty() => {
            let column = result.column(c);
            cell_text_at(column.value(points[0].2), column.kind(), local).text
        }
        (XKind::Time, _) => {
            cell_text_at(Value::DateTime(x as i64), ColumnKind::DateTime, local).text
        }
        _ => exact(x),
    };
    let mut out = format!("{} {x_text}", safe_text(&model.x_column));
    for (series, y, _) in points {
        out.push_str(&format!(
            " │ {} {}",
            safe_text(&model.series[series].name),
            exact(y)
        ));
    }
    out
}
