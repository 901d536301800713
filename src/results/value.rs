//! One cell's value, borrowed from its column, and how it is written as text.

use super::datetime;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    /// 100 ns ticks since the Unix epoch, UTC.
    DateTime(i64),
    Text(&'a str),
    /// JSON text of a dynamic value.
    Dynamic(&'a str),
}

impl Value<'_> {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as plain text, the way exports write it: nulls empty, timestamps ISO 8601 UTC,
    /// numbers with all their digits, dynamic values as compact JSON, strings unchanged.
    pub fn write_plain(&self, out: &mut String) {
        use std::fmt::Write;
        match *self {
            Value::Null => {}
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Long(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Real(x) => write_real(out, x),
            Value::DateTime(t) => datetime::write_ticks(out, t, 'T', true),
            Value::Text(s) => out.push_str(s),
            Value::Dynamic(s) => out.push_str(&compact_json(s)),
        }
    }

    pub fn to_plain(&self) -> String {
        let mut s = String::new();
        self.write_plain(&mut s);
        s
    }

    /// The value as a JSON value: typed where the type is known, raw JSON for dynamic cells.
    pub fn write_json(&self, out: &mut String) {
        match *self {
            Value::Null => out.push_str("null"),
            Value::Real(x) if !x.is_finite() => out.push_str("null"),
            Value::Bool(_) | Value::Long(_) | Value::Real(_) => self.write_plain(out),
            Value::DateTime(_) => {
                out.push('"');
                self.write_plain(out);
                out.push('"');
            }
            Value::Text(s) => write_json_string(out, s),
            Value::Dynamic(s) => out.push_str(&compact_json(s)),
        }
    }
}

/// Shortest text that reads back as the same double; integral values keep no fraction.
pub fn write_real(out: &mut String, x: f64) {
    use std::fmt::Write;
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        let _ = write!(out, "{x}");
    }
}

pub fn write_json_string(out: &mut String, s: &str) {
    // serde_json's escaping is the reference; writing into a String cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// JSON text without the whitespace between tokens, so a dynamic value stays on one line in
/// TSV, CSV and JSON Lines. Strings are left exactly as they are.
pub fn compact_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.contains(|c: char| c.is_ascii_whitespace()) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON text laid out two spaces an indent, one member a line, with every token (numbers of
/// any length included) exactly as it came. Not JSON (a cut value) is laid out as far as it goes.
pub fn pretty_json(json: &str) -> String {
    let compact = compact_json(json);
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut in_string, mut escaped, mut depth) = (false, false, 0usize);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', depth * 2));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // `{}` and `[]` stay on one line.
                if chars.peek().is_some_and(|n| matches!(n, '}' | ']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                if !matches!(out.chars().last(), Some('{' | '[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_json_keeps_every_digit_and_string() {
        assert_eq!(
            pretty_json(r#"{"id":18446744073709551616,"a":[1,{}],"s":"x,{y}: \"[" ,"e":[]}"#),
            "{\n  \"id\": 18446744073709551616,\n  \"a\": [\n    1,\n    {}\n  ],\n  \"s\": \"x,{y}: \\\"[\",\n  \"e\": []\n}"
        );
        assert_eq!(pretty_json("[1,2"), "[\n  1,\n  2");
    }

    #[test]
    fn dynamic_values_are_written_on_one_line_with_strings_intact() {
        assert_eq!(
            compact_json("{\n  \"a b\": [1, 2],\n  \"c\": \"x \\\" y\"\n}"),
            "{\"a b\":[1,2],\"c\":\"x \\\" y\"}"
        );
        assert!(matches!(
            compact_json("[1,2]"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
