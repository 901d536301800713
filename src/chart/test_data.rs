//! Small results for the chart's unit tests.

use crate::results::{Column, ResultSet, Value};

/// An empty result with these (name, type) columns.
pub fn table(columns: &[(&str, &str)]) -> ResultSet {
    rows(columns, &[])
}

/// A result with these columns and rows.
pub fn rows(columns: &[(&str, &str)], rows: &[Vec<Value<'_>>]) -> ResultSet {
    let mut built: Vec<Column> = columns.iter().map(|(n, t)| Column::new(*n, *t)).collect();
    for row in rows {
        for (column, value) in built.iter_mut().zip(row) {
            column.push_value(*value);
        }
    }
    ResultSet::from_columns(built).expect("rows of equal length")
}

/// Ticks of an hour after 2026-01-01T00:00Z.
pub fn hour(n: i64) -> Value<'static> {
    Value::DateTime(
        crate::results::datetime::days_from_civil(2026, 1, 1) * 864_000_000_000
            + n * 36_000_000_000,
    )
}
