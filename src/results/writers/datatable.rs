//! A KQL `datatable` literal: paste it into a query to bring these rows along.

use std::io::{self, Write};

use super::Selection;
use crate::results::{ColumnKind, Value};

/// A KQL string literal that survives any content: verbatim when it can be, escaped otherwise.
fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn literal(value: Value<'_>, kind: ColumnKind) -> String {
    match value {
        Value::Null => match kind {
            ColumnKind::Text | ColumnKind::Unknown | ColumnKind::Guid => "\"\"".into(),
            ColumnKind::Dynamic => "dynamic(null)".into(),
            other => format!("{}(null)", other.kql_name()),
        },
        Value::Bool(b) => b.to_string(),
        Value::Long(n) => match kind {
            ColumnKind::Real => format!("real({n})"),
            ColumnKind::Int => format!("int({n})"),
            _ => format!("long({n})"),
        },
        Value::Real(x) if x.is_finite() => format!("real({x})"),
        Value::Real(_) => "real(null)".into(),
        Value::DateTime(_) => format!("datetime({})", value.to_plain()),
        Value::Dynamic(json) => format!("dynamic({json})"),
        Value::Text(s) => match kind {
            ColumnKind::TimeSpan => format!("timespan({s})"),
            ColumnKind::Guid => format!("guid({s})"),
            _ => string_literal(s),
        },
    }
}

pub fn write(selection: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
    let result = selection.result;
    let columns: Vec<String> = selection
        .columns
        .iter()
        .map(|&c| {
            let column = result.column(c);
            let name = column.name();
            let simple = name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                && !name.starts_with(|ch: char| ch.is_ascii_digit());
            let name = if simple {
                name.to_owned()
            } else {
                format!("[{}]", string_literal(name))
            };
            format!("{name}:{}", column.kind().kql_name())
        })
        .collect();
    writeln!(out, "datatable({}) [", columns.join(", "))?;
    for &row in &selection.rows {
        let values: Vec<String> = selection
            .columns
            .iter()
            .map(|&c| literal(result.column(c).value(row), result.column(c).kind()))
            .collect();
        writeln!(out, "    {},", values.join(", "))?;
    }
    writeln!(out, "]")
}
