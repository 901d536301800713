//! Diagnostics before a run spends quota: syntax errors and names that do not resolve (from the
//! engine's parser and binder over empty tables), and advice from Microsoft's advanced hunting
//! guidance, each piece of which the hunter can switch off.

use serde::Serialize;

use super::knowledge::Knowledge;
pub use crate::config::Advice;
use crate::engine::ErrorKind;
use crate::kql::lexer::{lex, Token, TokenKind};
use crate::kql::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// Short and stable: `syntax`, `unknown-name`, `unknown-function`, `not-in-demo`,
    /// `no-time-filter`, `contains-term`, `join-kind`, `unscoped-search`.
    pub code: &'static str,
    pub message: String,
}

/// Everything worth saying about `text` (one query, its lets included), in text order.
pub fn diagnose(knowledge: &Knowledge, text: &str, advice: Advice) -> Vec<Diagnostic> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    match crate::kql::parse(text) {
        Err(e) => found.push(Diagnostic {
            span: e.span,
            severity: Severity::Error,
            code: "syntax",
            message: format!("syntax error: {}", e.message),
        }),
        Ok(query) => {
            found.extend(unknown_functions(&query));
            if let Err(e) = knowledge.columns_of(text) {
                // What the demo engine cannot run is no mistake of the query's; a function
                // that does not exist is already said, at its name.
                let said = found.iter().any(|d| d.message == e.message);
                if e.kind == ErrorKind::Semantic && !said {
                    found.push(Diagnostic {
                        span: e.span.unwrap_or(Span { start: 0, end: 0 }),
                        severity: Severity::Error,
                        code: "unknown-name",
                        message: e.message,
                    });
                }
            }
        }
    }
    let tokens: Vec<Token> = lex(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    if advice.time_filter {
        found.extend(no_time_filter(knowledge, text, &tokens));
    }
    for (i, token) in tokens.iter().enumerate() {
        let word = token.text(text).to_ascii_lowercase();
        let next = tokens.get(i + 1);
        let after_pipe = i > 0 && tokens[i - 1].text(text) == "|";
        if advice.has_over_contains
            && matches!(
                word.as_str(),
                "contains" | "!contains" | "contains_cs" | "!contains_cs"
            )
        {
            if let Some(term) = next
                .filter(|t| t.kind == TokenKind::String)
                .map(|t| t.text(text))
            {
                let inner = term.trim_matches(['"', '\'', '@']);
                if inner.len() >= 3 && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
                    let better = word.replace("contains", "has");
                    found.push(Diagnostic {
                        span: token.span,
                        severity: Severity::Hint,
                        code: "contains-term",
                        message: format!("`{better} {term}` finds the whole term faster than `{word}` (it uses the term index)"),
                    });
                }
            }
        }
        if advice.join_kind
            && after_pipe
            && word == "join"
            && !next.is_some_and(|t| t.text(text).eq_ignore_ascii_case("kind"))
        {
            found.push(Diagnostic {
                span: token.span,
                severity: Severity::Warning,
                code: "join-kind",
                message: "join without kind= is innerunique: it keeps one row per left key and drops the rest; say kind=inner (or the kind you mean)".into(),
            });
        }
        let starts_statement = i == 0 || matches!(tokens[i - 1].text(text), ";" | "|" | "(");
        if advice.scoped_search
            && word == "search"
            && starts_statement
            && !next.is_some_and(|t| t.text(text).eq_ignore_ascii_case("in"))
        {
            found.push(Diagnostic {
                span: token.span,
                severity: Severity::Warning,
                code: "unscoped-search",
                message:
                    "search without `in (Table, ...)` scans every table: name the tables to search"
                        .into(),
            });
        }
    }
    found.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
    found
}

/// Calls of names that are no function (an error, as the service says), and of functions the
/// demo tenant does not run (a hint: the service runs them).
fn unknown_functions(query: &crate::kql::ast::Query) -> Vec<Diagnostic> {
    use crate::kql::catalogue;
    crate::kql::calls::calls(query)
        .into_iter()
        // `_tab(..)` and `_run(..)` are kqlhunt's own sources, read by local queries.
        .filter(|call| !crate::engine::fetched::is_fetched_function(&call.name))
        .filter_map(|call| {
            let known = catalogue::callable(&call.name);
            let (severity, code, message) = match known {
                None => (
                    Severity::Error,
                    "unknown-function",
                    catalogue::unknown_function(&call.name),
                ),
                Some(entry) if !entry.runs => (
                    Severity::Hint,
                    "not-in-demo",
                    catalogue::not_in_demo(entry.name),
                ),
                Some(_) => return None,
            };
            Some(Diagnostic {
                span: call.span,
                severity,
                code,
                message,
            })
        })
        .collect()
}

/// The query reads a table with a Timestamp but never filters on time.
fn no_time_filter(knowledge: &Knowledge, text: &str, tokens: &[Token]) -> Option<Diagnostic> {
    let mentions_time = tokens.iter().any(|t| {
        let w = t.text(text);
        w.eq_ignore_ascii_case("Timestamp")
            || w.eq_ignore_ascii_case("ago")
            || w.eq_ignore_ascii_case("between")
            || w.eq_ignore_ascii_case("TimeGenerated")
    });
    if mentions_time {
        return None;
    }
    let table = tokens.iter().find(|t| {
        t.kind == TokenKind::Ident
            && knowledge
                .table(t.text(text))
                .is_some_and(|columns| columns.iter().any(|(c, _)| c == "Timestamp"))
    })?;
    Some(Diagnostic {
        span: table.span,
        severity: Severity::Warning,
        code: "no-time-filter",
        message: format!(
            "no time filter on {}: add `| where Timestamp > ago(7d)` to read less and spend less of the CPU quota",
            table.text(text)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        diagnose(&Knowledge::default(), text, Advice::default())
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_clean_hunt_has_nothing_to_say() {
        assert!(codes("DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FileName has \"powershell\"\n| join kind=inner (DeviceInfo | where Timestamp > ago(1d)) on DeviceId").is_empty());
    }

    #[test]
    fn mistakes_and_advice_are_named_where_they_are() {
        let text = "DeviceProcessEvents | where ProcessCommandLin contains \"mimikatz\"";
        let found = diagnose(&Knowledge::default(), text, Advice::default());
        let unknown = found
            .iter()
            .find(|d| d.code == "unknown-name")
            .expect("the typo is found");
        assert_eq!(
            &text[unknown.span.start..unknown.span.end],
            "ProcessCommandLin"
        );
        assert!(codes(text).contains(&"no-time-filter"));
        assert!(codes(text).contains(&"contains-term"));
        assert_eq!(
            codes("DeviceInfo | where Timestamp > ago(1d) | where"),
            ["syntax"]
        );
        assert!(codes(
            "DeviceInfo | where Timestamp > ago(1d) | join (DeviceLogonEvents) on DeviceId"
        )
        .contains(&"join-kind"));
        assert!(codes("search \"evil.exe\"").contains(&"unscoped-search"));
        assert!(!codes("search in (DeviceProcessEvents) \"evil.exe\"").contains(&"unscoped-search"));
    }

    #[test]
    fn advice_can_be_switched_off() {
        let quiet = Advice {
            time_filter: false,
            ..Advice::default()
        };
        assert!(diagnose(&Knowledge::default(), "DeviceInfo | take 1", quiet).is_empty());
    }
}
