//! CSV (RFC 4180) and TSV. Values are written exactly as received: these formats are for
//! spreadsheets and scripts, not for the terminal.

use std::io::{self, Write};

use crate::results::ResultSet;

pub fn write_csv(result: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
    write_delimited(result, out, ',', "\r\n", csv_field)
}

pub fn write_tsv(result: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
    write_delimited(result, out, '\t', "\n", tsv_field)
}

fn write_delimited(
    result: &ResultSet,
    out: &mut dyn Write,
    separator: char,
    line_end: &str,
    field: fn(&str, &mut String),
) -> io::Result<()> {
    let mut line = String::new();
    for (i, column) in result.columns().iter().enumerate() {
        if i > 0 {
            line.push(separator);
        }
        field(column.name(), &mut line);
    }
    line.push_str(line_end);
    out.write_all(line.as_bytes())?;
    let mut cell = String::new();
    for row in 0..result.row_count() {
        line.clear();
        for (i, column) in result.columns().iter().enumerate() {
            if i > 0 {
                line.push(separator);
            }
            cell.clear();
            column.value(row).write_plain(&mut cell);
            field(&cell, &mut line);
        }
        line.push_str(line_end);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Quotes a field that holds a comma, a quote or a line break, doubling inner quotes.
pub fn csv_field(value: &str, out: &mut String) {
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Escapes what would break a TSV line: backslash, tab, line feed, carriage return.
pub fn tsv_field(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(v: &str) -> String {
        let mut s = String::new();
        csv_field(v, &mut s);
        s
    }

    fn tsv(v: &str) -> String {
        let mut s = String::new();
        tsv_field(v, &mut s);
        s
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(csv("日本語"), "日本語");
    }

    #[test]
    fn tsv_keeps_one_record_per_line() {
        assert_eq!(tsv("tab\there\nnewline\r\n"), "tab\\there\\nnewline\\r\\n");
        assert_eq!(tsv("C:\\Windows"), "C:\\\\Windows");
    }
}
