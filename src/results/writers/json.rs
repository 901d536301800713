//! JSON (one array) and JSON Lines: objects keyed by column name, values typed, dynamic values
//! embedded as JSON.

use std::io::{self, Write};

use crate::results::value::write_json_string;
use crate::results::ResultSet;

pub fn write_json(result: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut line = String::new();
    for row in 0..result.row_count() {
        line.clear();
        if row > 0 {
            line.push(',');
        }
        line.push('\n');
        write_object(result, row, &mut line);
        out.write_all(line.as_bytes())?;
    }
    out.write_all(if result.is_empty() { b"]\n" } else { b"\n]\n" })
}

pub fn write_jsonl(result: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
    let mut line = String::new();
    for row in 0..result.row_count() {
        line.clear();
        write_object(result, row, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn write_object(result: &ResultSet, row: usize, out: &mut String) {
    out.push('{');
    for (i, column) in result.columns().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_json_string(out, column.name());
        out.push(':');
        column.value(row).write_json(out);
    }
    out.push('}');
}
