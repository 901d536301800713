//! JSON (one array) and JSON Lines: objects keyed by column name, values typed, dynamic values
//! embedded as JSON.

use std::io::{self, Write};

use super::Selection;
use crate::results::value::write_json_string;

pub fn write_json(selection: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_json_part(selection, true, 0, out)?;
    close_json(selection.rows.len(), out)
}

/// The end of a JSON array of `rows` rows.
pub fn close_json(rows: usize, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })
}

/// Rows of a JSON array written in parts: `opens` for the first part, `before` rows written
/// by earlier parts; [`close_json`] ends it.
pub fn write_json_part(
    selection: &Selection<'_>,
    opens: bool,
    before: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opens {
        out.write_all(b"[")?;
    }
    let mut line = String::new();
    for (i, &row) in selection.rows.iter().enumerate() {
        line.clear();
        if before + i > 0 {
            line.push(',');
        }
        line.push('\n');
        write_object(selection, row, &mut line);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

pub fn write_jsonl(selection: &Selection<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut line = String::new();
    for &row in &selection.rows {
        line.clear();
        write_object(selection, row, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A whole response document in the Graph shape (`schema`, then `results`), which
/// [`crate::results::load_response`] reads back to the same result set.
pub fn write_response(result: &crate::results::ResultSet, out: &mut dyn Write) -> io::Result<()> {
    let selection = Selection::all(result);
    let mut line = String::from("{\"schema\":[");
    for (i, column) in result.columns().iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str("{\"name\":");
        write_json_string(&mut line, column.name());
        line.push_str(",\"type\":");
        write_json_string(&mut line, column.declared_type());
        line.push('}');
    }
    line.push_str("],\"results\":[");
    out.write_all(line.as_bytes())?;
    for (i, &row) in selection.rows.iter().enumerate() {
        line.clear();
        if i > 0 {
            line.push(',');
        }
        write_object(&selection, row, &mut line);
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"]}")
}

fn write_object(selection: &Selection<'_>, row: usize, out: &mut String) {
    out.push('{');
    for (i, &c) in selection.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let column = selection.result.column(c);
        write_json_string(out, column.name());
        out.push(':');
        match column.number_as_sent(row) {
            Some(digits) => out.push_str(digits),
            None => column.value(row).write_json(out),
        }
    }
    out.push('}');
}
