//! CSV (RFC 4180) and TSV.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Selection;

pub fn write(
    selection: &Selection<'_>,
    separator: char,
    line_end: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let field = if separator == ',' {
        csv_field
    } else {
        tsv_field
    };
    let result = selection.result;
    let mut line = String::new();
    if selection.header {
        for (i, &c) in selection.columns.iter().enumerate() {
            if i > 0 {
                line.push(separator);
            }
            // A column name is the service's (or an attacker's) text too: same guard as cells.
            let name = result.column(c).name();
            field(&defused(name, selection.raw), &mut line);
        }
        line.push_str(line_end);
        out.write_all(line.as_bytes())?;
    }
    let mut cell = String::new();
    for &row in &selection.rows {
        line.clear();
        for (i, &c) in selection.columns.iter().enumerate() {
            if i > 0 {
                line.push(separator);
            }
            cell.clear();
            result.column(c).value(row).write_plain(&mut cell);
            field(&defused(&cell, selection.raw), &mut line);
        }
        line.push_str(line_end);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a `'` in
/// front, unless the output is asked for raw.
fn defused(value: &str, raw: bool) -> Cow<'_, str> {
    if !raw && value.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
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
