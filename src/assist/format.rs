//! The formatter: each tabular operator on its own line after `|`, one space between words,
//! `, ` after commas, spaces around comparison and arithmetic. It only moves whitespace: the
//! tokens (comments included) come out exactly as they went in, so the query means the same.
//! A query that does not parse is left as it is.

use crate::kql::lexer::{lex, Token, TokenKind};

const SPACED: &[&str] = &[
    "==", "!=", "<>", "<", "<=", ">", ">=", "=~", "!~", "+", "-", "*", "/", "%", "=", "=>",
];

/// Parameters written `name=value` without spaces, as the docs write them.
const PARAMETERS: &[&str] = &[
    "kind",
    "withsource",
    "isfuzzy",
    "bagexpansion",
    "with_itemindex",
    "with_match_id",
    "flags",
    "title",
    "xtitle",
    "ytitle",
    "format",
    "ignorefirstrecord",
    "strategy",
    "shufflekey",
    "remote",
    "num_partitions",
    "materialized",
];

/// The formatted query, or why it was left alone.
pub fn format(text: &str) -> Result<String, String> {
    if let Err(e) = crate::kql::parse(text) {
        let (line, column) = e.span.line_column(text);
        return Err(format!(
            "not formatted: syntax error at line {line}, column {column}: {}",
            e.message
        ));
    }
    let tokens = lex(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut depth = 0usize;
    let mut verbatim_until = None;
    for (i, token) in tokens.iter().enumerate() {
        let word = token.text(text);
        // Inside `datetime(...)`, `timespan(...)`, `guid(...)` the text is the literal: kept whole.
        if let Some(end) = verbatim_until {
            out.push_str(&text[tokens[i - 1].span.end..token.span.end]);
            if i == end {
                verbatim_until = None;
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if word == "("
            && i > 0
            && matches!(
                tokens[i - 1].text(text).to_ascii_lowercase().as_str(),
                "datetime" | "timespan" | "guid" | "time"
            )
        {
            verbatim_until = closing(text, &tokens, i);
        }
        let previous = i.checked_sub(1).map(|p| &tokens[p]);
        let gap = previous.map_or("", |p| &text[p.span.end..token.span.start]);
        let own_line = gap.contains('\n');
        let separator = match previous {
            None => "",
            // A comment ends its line, whatever comes after it.
            Some(p) if p.kind == TokenKind::Comment => "\n",
            Some(_) if token.kind == TokenKind::Comment => {
                if own_line {
                    "\n"
                } else {
                    " "
                }
            }
            Some(p) if p.text(text) == ";" && depth == 0 => "\n",
            Some(_) if word == "|" && depth == 0 => "\n",
            Some(p) => between(text, &tokens, i, p, token),
        };
        // A blank line stays: it separates queries in a buffer.
        if gap.matches('\n').count() >= 2 && depth == 0 {
            out.push_str("\n\n");
        } else {
            out.push_str(separator);
        }
        out.push_str(word);
        match word {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // The promise: only whitespace moved. A query that ends inside an unclosed string would take
    // the final newline into the string, so it goes without one; anything else is left alone.
    let same = |formatted: &str| {
        let texts = |t: &str| {
            lex(t)
                .iter()
                .map(|k| k.text(t).to_owned())
                .collect::<Vec<_>>()
        };
        texts(formatted) == texts(text)
    };
    out.push('\n');
    if same(&out) {
        return Ok(out);
    }
    out.pop();
    if same(&out) {
        return Ok(out);
    }
    Err("not formatted: formatting would change a token of this query (please report it)".into())
}

/// The index of the `)` that closes the `(` at `open`.
fn closing(text: &str, tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, token) in tokens.iter().enumerate().skip(open) {
        match token.text(text) {
            "(" => depth += 1,
            ")" => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// The space between two tokens on one line.
fn between(
    text: &str,
    tokens: &[Token],
    i: usize,
    previous: &Token,
    token: &Token,
) -> &'static str {
    let (p, w) = (previous.text(text), token.text(text));
    let touching = previous.span.end == token.span.start;
    // Words joined by `-` or `.` stay joined: `project-away`, `$left.DeviceId`, `hint.strategy`.
    if touching
        && (matches!(w, "-" | ".") || matches!(p, "-" | "."))
        && joined_word(text, tokens, i)
    {
        return "";
    }
    if matches!(w, "." | "..") || matches!(p, "." | "..") {
        return "";
    }
    if matches!(w, "," | ";" | ")" | "]" | "}" | ":") || matches!(p, "(" | "[" | "{" | ":") {
        return "";
    }
    if p == "," || p == "|" {
        return " ";
    }
    if w == "(" || w == "[" {
        // A call or an index sticks to its name; a list after a keyword does not.
        let word_before = previous.kind == TokenKind::Ident
            && !matches!(
                p.to_ascii_lowercase().as_str(),
                "in" | "in~"
                    | "!in"
                    | "!in~"
                    | "has_any"
                    | "has_all"
                    | "by"
                    | "on"
                    | "and"
                    | "or"
                    | "join"
                    | "union"
                    | "lookup"
                    | "with"
                    | "inner"
                    | "innerunique"
                    | "leftouter"
                    | "rightouter"
                    | "fullouter"
                    | "leftanti"
                    | "rightanti"
                    | "leftsemi"
                    | "rightsemi"
                    | "anti"
                    | "semi"
            );
        return if word_before || p == ")" || p == "]" {
            ""
        } else {
            " "
        };
    }
    if w == "=" || p == "=" {
        let name = if w == "=" {
            p
        } else {
            i.checked_sub(2).map_or("", |j| tokens[j].text(text))
        };
        if PARAMETERS.contains(&name.to_ascii_lowercase().as_str()) {
            return "";
        }
    }
    if p == "-" && is_unary(text, tokens, i - 1) {
        return "";
    }
    if SPACED.contains(&w) || SPACED.contains(&p) {
        return " ";
    }
    " "
}

/// A `-` or `.` between two words written without spaces: part of one name.
fn joined_word(text: &str, tokens: &[Token], i: usize) -> bool {
    let at = |j: usize| tokens.get(j);
    let joint = |j: usize| {
        at(j).is_some_and(|t| matches!(t.text(text), "-" | "."))
            && j >= 1
            && at(j - 1)
                .is_some_and(|l| l.span.end == tokens[j].span.start && l.kind == TokenKind::Ident)
            && at(j + 1)
                .is_some_and(|r| tokens[j].span.end == r.span.start && r.kind == TokenKind::Ident)
    };
    joint(i) || (i >= 1 && joint(i - 1))
}

/// A minus with nothing to subtract from: `ago(-1d)`, `== -1`.
fn is_unary(text: &str, tokens: &[Token], minus: usize) -> bool {
    minus == 0 || {
        let before = &tokens[minus - 1];
        matches!(before.kind, TokenKind::Symbol) && !matches!(before.text(text), ")" | "]")
            || matches!(
                before.text(text).to_ascii_lowercase().as_str(),
                "by" | "and" | "or" | "in" | "take" | "top"
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operator_goes_on_its_own_line() {
        let text = "DeviceProcessEvents|where Timestamp>ago(7d)and FileName in~(\"a.exe\",\"b.exe\")   // recent\n|project-away  Foo,Bar | join kind=inner (DeviceInfo | take 1) on $left.DeviceId == $right.DeviceId|extend x = -1";
        assert_eq!(
            format(text).unwrap(),
            "DeviceProcessEvents\n| where Timestamp > ago(7d) and FileName in~ (\"a.exe\", \"b.exe\") // recent\n| project-away Foo, Bar\n| join kind=inner (DeviceInfo | take 1) on $left.DeviceId == $right.DeviceId\n| extend x = -1\n"
        );
    }

    #[test]
    fn formatting_twice_changes_nothing_and_broken_queries_are_left_alone() {
        let text = "let x = 1;\n\n// the hunt\nDeviceInfo|take x";
        let once = format(text).unwrap();
        assert_eq!(once, "let x = 1;\n\n// the hunt\nDeviceInfo\n| take x\n");
        assert_eq!(format(&once).unwrap(), once);
        assert!(format("DeviceInfo | where")
            .unwrap_err()
            .contains("syntax error at line 1"));
    }
}
