//! Pivoting from a cell, as the portal's "include" and "exclude" do: a `where` on the cell's
//! value is added to the end of the query under the cursor, and the query runs again. Values
//! are written as KQL literals that read back as exactly the value (checked against our lexer).

use super::app::{App, Command};
use crate::results::{ColumnKind, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pivot {
    Equals,
    NotEquals,
    Has,
    NotHas,
    /// A time window around a timestamp: `between (t - w .. t + w)`.
    Around,
}

/// The `where` condition for a pivot on one cell, or why there is none.
pub fn condition(
    column: &str,
    kind: ColumnKind,
    value: Value<'_>,
    how: Pivot,
    window: &str,
) -> Result<String, String> {
    let name = identifier(column);
    if how == Pivot::Around {
        let Value::DateTime(_) = value else {
            return Err(format!(
                "{column} is not a timestamp: a time window needs one"
            ));
        };
        let at = format!("datetime({})", value.to_plain());
        return Ok(format!(
            "{name} between ({at} - {window} .. {at} + {window})"
        ));
    }
    if value.is_null() || matches!(value, Value::Text("")) {
        let empty = if value.is_null() { "isnull" } else { "isempty" };
        return Ok(match how {
            Pivot::Equals => format!("{empty}({name})"),
            Pivot::NotEquals => format!("not({empty}({name}))"),
            _ => return Err(format!("the {column} cell is empty: has needs a value")),
        });
    }
    let (left, right) = match (kind, value) {
        (_, Value::Bool(b)) => (name, b.to_string()),
        (_, Value::Long(n)) => (name, n.to_string()),
        (_, Value::Real(x)) if x.is_finite() => (name, value.to_plain()),
        (_, Value::DateTime(_)) => (name, format!("datetime({})", value.to_plain())),
        (ColumnKind::Text | ColumnKind::Unknown, Value::Text(s)) => (name, string_literal(s)),
        // Dynamic, guid, timespan and odd values compare as the text the service sent.
        _ => (
            format!("tostring({name})"),
            string_literal(&value.to_plain()),
        ),
    };
    let operator = match how {
        Pivot::Equals => "==",
        Pivot::NotEquals => "!=",
        Pivot::Has => "has",
        _ => "!has",
    };
    Ok(format!("{left} {operator} {right}"))
}

/// The `pivot_window` setting, checked: a number and a KQL timespan unit.
pub fn window(setting: &str) -> Result<String, String> {
    let setting = setting.trim();
    let digits = setting.chars().take_while(char::is_ascii_digit).count();
    let unit = &setting[digits..];
    if digits > 0 && digits <= 6 && ["d", "h", "m", "s", "ms"].contains(&unit) {
        Ok(setting.to_owned())
    } else {
        Err(format!(
            "[workbench] pivot_window = \"{}\" is not a timespan like 5m, 1h or 30s; using 5m",
            crate::results::display::safe_text(setting)
        ))
    }
}

/// A column name as KQL reads it: bare when it is a plain identifier, else `['...']`.
pub fn identifier(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "and",
        "or",
        "not",
        "by",
        "on",
        "with",
        "in",
        "has",
        "contains",
        "between",
        "true",
        "false",
        "null",
        "let",
        "where",
        "project",
        "extend",
        "summarize",
        "take",
        "sort",
        "order",
        "asc",
        "desc",
        "join",
        "union",
        "kind",
        "to",
        "of",
        "typeof",
        "datatable",
    ];
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name.to_ascii_lowercase().as_str());
    if plain {
        name.to_owned()
    } else {
        format!("['{}']", escape(name, '\''))
    }
}

/// A string literal for any text: verbatim `@"..."` for Windows paths and the like, so they
/// read as the hunter sees them; escaped `"..."` when the text holds control characters.
pub fn string_literal(text: &str) -> String {
    if text.contains('\\') && !text.chars().any(char::is_control) {
        return format!("@\"{}\"", text.replace('"', "\"\""));
    }
    format!("\"{}\"", escape(text, '"'))
}

fn escape(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

impl App {
    /// Adds the pivot on the current cell to the query under the cursor and runs it.
    pub(super) fn pivot(&mut self, how: Pivot) -> Option<Command> {
        let result = self.view.result.clone()?;
        if result.is_empty() || result.column_count() == 0 {
            self.say("nothing to pivot on: the result has no rows", true);
            return None;
        }
        let row = self.view.table.source_row(self.view.grid.row);
        let column = result.column(self.view.grid.column.min(result.column_count() - 1));
        let clause = match condition(
            column.name(),
            column.kind(),
            column.value(row),
            how,
            &self.pivot_window,
        ) {
            Ok(clause) => clause,
            Err(e) => {
                self.say(&e, true);
                return None;
            }
        };
        self.add_where(&clause, "pivoting")
    }

    /// Adds `| where clause` to the query under the editor's cursor, as one undoable edit, and
    /// runs it: at the end, or before a closing `render` (which the service takes only last).
    /// Pivots and the chart's range both narrow the query through here.
    pub(super) fn add_where(&mut self, clause: &str, doing: &str) -> Option<Command> {
        if self.is_running() {
            self.say(
                &format!("a query is running: wait for it or cancel it before {doing}"),
                true,
            );
            return None;
        }
        self.editor.area.cancel_selection();
        let (query, start) = self.editor.query_under_cursor();
        if query.trim().is_empty() {
            let editor = self
                .keymap
                .first_key(super::keymap::Action::FocusEditor)
                .to_owned();
            self.say(
                &format!("put the editor's cursor on the query to narrow ({editor}), then pivot"),
                true,
            );
            return None;
        }
        let whole = super::undo::EditKind::Whole;
        let before = self.editor.undo.before(&self.editor.area, whole);
        match crate::chart::render_pipe(&query) {
            Some(at) => {
                // The render's line and column, in characters, within the editor.
                let above = &query[..at];
                let line = start + above.matches('\n').count();
                let line_start = above.rfind('\n').map_or(0, |n| n + 1);
                let column = above[line_start..].chars().count();
                self.editor.go_to(line, column);
                if above[line_start..].trim().is_empty() {
                    self.editor.area.insert_str(format!("| where {clause}\n"));
                } else {
                    self.editor.area.insert_str(format!("| where {clause} "));
                }
            }
            None => {
                let last = start + query.lines().count().max(1) - 1;
                let width = self.editor.area.lines()[last].chars().count();
                self.editor.go_to(last, width);
                self.editor.area.insert_str(format!("\n| where {clause}"));
            }
        }
        self.editor.undo.after(&self.editor.area, before, whole);
        self.edited();
        self.start_run()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kql::lexer::string_value;

    #[test]
    fn string_literals_read_back_as_exactly_the_value() {
        for text in [
            "plain",
            r"C:\Windows\System32\cmd.exe",
            r#"say "hi" \ there"#,
            "line\nbreak\tand\r\u{1b}[31m",
            "it's",
            "",
        ] {
            assert_eq!(string_value(&string_literal(text)), text, "{text:?}");
        }
        assert_eq!(string_literal(r"C:\Temp"), r#"@"C:\Temp""#);
    }

    #[test]
    fn conditions_follow_the_type_of_the_cell() {
        let text = ColumnKind::Text;
        assert_eq!(
            condition(
                "FileName",
                text,
                Value::Text("a.exe"),
                Pivot::NotEquals,
                "5m"
            )
            .unwrap(),
            "FileName != \"a.exe\""
        );
        assert_eq!(
            condition(
                "Count",
                ColumnKind::Long,
                Value::Long(42),
                Pivot::Equals,
                "5m"
            )
            .unwrap(),
            "Count == 42"
        );
        assert_eq!(
            condition("Cmd", text, Value::Null, Pivot::Equals, "5m").unwrap(),
            "isnull(Cmd)"
        );
        assert_eq!(
            condition("Cmd", text, Value::Text(""), Pivot::NotEquals, "5m").unwrap(),
            "not(isempty(Cmd))"
        );
        assert_eq!(
            condition(
                "Extra",
                ColumnKind::Dynamic,
                Value::Dynamic("{\"a\": 1}"),
                Pivot::Has,
                "5m"
            )
            .unwrap(),
            "tostring(Extra) has \"{\\\"a\\\":1}\""
        );
        assert_eq!(
            condition("my col", text, Value::Text("x"), Pivot::Equals, "5m").unwrap(),
            "['my col'] == \"x\""
        );
        assert!(condition("Name", text, Value::Text("x"), Pivot::Around, "5m").is_err());
    }
}
