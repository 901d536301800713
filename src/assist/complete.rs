//! Completion at the cursor: what may come next in KQL there, filtered by what is typed.
//!
//! The context comes from the engine's lexer (where the cursor is: a new statement, after `|`,
//! after `join`, in an expression, in a string) and the engine itself (the columns the pipe
//! produces up to the current operator, run over empty tables).

use std::ops::Range;

use super::knowledge::Knowledge;
use crate::kql::catalogue::{self, Kind};
use crate::kql::lexer::{lex, Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Table,
    Column,
    Operator,
    Function,
    Aggregate,
    Variable,
    Keyword,
    Value,
}

impl ItemKind {
    pub fn tag(self) -> &'static str {
        match self {
            ItemKind::Table => "table",
            ItemKind::Column => "column",
            ItemKind::Operator => "operator",
            ItemKind::Function => "function",
            ItemKind::Aggregate => "aggregate",
            ItemKind::Variable => "let",
            ItemKind::Keyword => "keyword",
            ItemKind::Value => "value",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    /// A column's type, a function's signature.
    pub detail: String,
    /// What replaces the typed word.
    pub insert: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    pub items: Vec<Item>,
    /// The bytes of the text the chosen item replaces (the word typed so far).
    pub replace: Range<usize>,
}

/// Most items offered at once.
const SHOWN: usize = 60;

const STRING_OPERATORS: &[&str] = &[
    "==",
    "!=",
    "=~",
    "!~",
    "has",
    "!has",
    "has_cs",
    "has_any",
    "has_all",
    "contains",
    "!contains",
    "contains_cs",
    "startswith",
    "!startswith",
    "endswith",
    "!endswith",
    "in",
    "!in",
    "in~",
    "!in~",
    "matches regex",
    "between",
    "and",
    "or",
];

/// Completion for `text` (one query, lets included) with the cursor at byte `cursor`.
pub fn complete(knowledge: &Knowledge, text: &str, cursor: usize) -> Completion {
    let cursor = floor_char(text, cursor.min(text.len()));
    let tokens: Vec<Token> = lex(&text[..cursor])
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    // Inside a string being typed: values seen for the column it is compared with.
    if let Some(last) = tokens.last() {
        let word = last.text(text);
        let quote = word.find(['"', '\'']);
        let string = last.kind == TokenKind::String && !closed(word)
            || last.kind == TokenKind::Unknown && quote.is_some();
        if let (true, true, Some(quote)) = (string, last.span.end == cursor, quote) {
            return values(
                knowledge,
                text,
                &tokens,
                last.span.start + quote + 1..cursor,
            );
        }
    }
    let start = word_start(text, cursor);
    let typed = &text[start..cursor];
    let before: Vec<&Token> = tokens.iter().filter(|t| t.span.end <= start).collect();
    let previous = before.last().map(|t| t.text(text));
    let mut items = Vec::new();
    let lets = let_names(text, &tokens);
    match previous {
        None | Some(";") => {
            items.extend(tables(knowledge));
            items.extend(lets.iter().map(|n| variable(n)));
            for word in [
                "let",
                "union",
                "print",
                "datatable",
                "range",
                "search",
                "find",
                "externaldata",
            ] {
                items.push(simple(word, ItemKind::Keyword, "starts a query"));
            }
        }
        Some("|") => {
            for op in catalogue::of_kind(Kind::Operator).filter(|e| !e.hidden) {
                items.push(simple(op.name, ItemKind::Operator, &op.signature()));
            }
        }
        Some(_) if expects_table(text, &before) => {
            items.extend(tables(knowledge));
            items.extend(lets.iter().map(|n| variable(n)));
        }
        _ => {
            let operator = current_operator(text, &before);
            let after_operand = before.last().is_some_and(|t| {
                matches!(
                    t.kind,
                    TokenKind::Ident
                        | TokenKind::BracketIdent
                        | TokenKind::String
                        | TokenKind::Number
                ) || t.text(text) == ")"
            }) && !matches!(previous, Some("by" | "on" | "and" | "or" | "not"));
            if after_operand {
                for op in STRING_OPERATORS {
                    items.push(simple(op, ItemKind::Keyword, "operator"));
                }
            }
            items.extend(columns(knowledge, text, &before));
            items.extend(lets.iter().map(|n| variable(n)));
            let aggregates = matches!(
                operator.as_deref(),
                Some("summarize" | "make-series" | "top-nested")
            );
            let callables = catalogue::all().filter(|e| {
                !e.hidden
                    && (e.kind == Kind::Function || (aggregates && e.kind == Kind::Aggregate))
                    && !e.name.starts_with("__")
            });
            for entry in callables {
                items.push(Item {
                    label: entry.name.to_owned(),
                    kind: if entry.kind == Kind::Aggregate {
                        ItemKind::Aggregate
                    } else {
                        ItemKind::Function
                    },
                    detail: entry.signature(),
                    insert: format!("{}(", entry.name),
                });
            }
        }
    }
    let mut ranked = crate::fuzzy::rank(typed, items, |i| i.label.as_str());
    ranked.dedup_by(|a, b| a.label == b.label);
    ranked.truncate(SHOWN);
    Completion {
        items: ranked,
        replace: start..cursor,
    }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn closed(string: &str) -> bool {
    let body = string.trim_start_matches(['@', 'h', 'H']);
    let quote = body.chars().next().unwrap_or('"');
    body.len() >= 2 && body.ends_with(quote) && !body.ends_with(&format!("\\{quote}"))
}

/// Where the word being typed starts: letters, digits, `_`, and `-` inside operator names.
fn word_start(text: &str, cursor: usize) -> usize {
    let mut start = cursor;
    for (i, c) in text[..cursor].char_indices().rev() {
        if c.is_alphanumeric() || c == '_' || (c == '-' && i > 0 && start < cursor) {
            start = i;
        } else {
            break;
        }
    }
    // A trailing `-` belongs to the word only between letters (`project-aw`).
    if text[start..cursor].starts_with('-') {
        start += 1;
    }
    start
}

fn is_join(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "join" | "union" | "lookup"
    )
}

/// After `join`, `union` or `lookup`, their parameters (`kind=inner`) and an opening `(`, a
/// table comes next.
fn expects_table(text: &str, before: &[&Token]) -> bool {
    let mut n = before.len();
    if n > 0 && before[n - 1].text(text) == "(" {
        n -= 1;
    }
    loop {
        match n {
            0 => return false,
            _ if is_join(before[n - 1].text(text)) => return true,
            _ if n >= 3 && before[n - 2].text(text) == "=" => n -= 3,
            _ => return false,
        }
    }
}

fn simple(label: &str, kind: ItemKind, detail: &str) -> Item {
    Item {
        label: label.to_owned(),
        kind,
        detail: detail.to_owned(),
        insert: label.to_owned(),
    }
}

fn variable(name: &str) -> Item {
    simple(name, ItemKind::Variable, "let")
}

fn tables(knowledge: &Knowledge) -> Vec<Item> {
    knowledge
        .tables
        .iter()
        .map(|(name, columns)| simple(name, ItemKind::Table, &format!("{} columns", columns.len())))
        .collect()
}

/// Names bound by `let NAME =` before the cursor.
fn let_names(text: &str, tokens: &[Token]) -> Vec<String> {
    tokens
        .windows(3)
        .filter(|w| {
            w[0].text(text) == "let" && w[1].kind == TokenKind::Ident && w[2].text(text) == "="
        })
        .map(|w| w[1].text(text).to_owned())
        .collect()
}

/// The tabular operator the cursor is in: the word after the last `|` at the top level.
fn current_operator(text: &str, before: &[&Token]) -> Option<String> {
    let pipe = last_top_level_pipe(text, before)?;
    before
        .get(pipe + 1)
        .map(|t| t.text(text).to_ascii_lowercase())
}

fn last_top_level_pipe(text: &str, before: &[&Token]) -> Option<usize> {
    let mut depth = 0i32;
    for (i, token) in before.iter().enumerate().rev() {
        match token.text(text) {
            ")" | "]" => depth += 1,
            "(" | "[" => depth -= 1,
            "|" if depth <= 0 => return Some(i),
            ";" if depth <= 0 => return None,
            _ => {}
        }
    }
    None
}

/// The columns in scope: what the pipe up to the current operator produces, with the lets
/// before it; else the columns of the statement's first table.
fn columns(knowledge: &Knowledge, text: &str, before: &[&Token]) -> Vec<Item> {
    let statement_start = before
        .iter()
        .rposition(|t| t.text(text) == ";")
        .map_or(0, |i| before[i].span.end);
    let found = match last_top_level_pipe(text, before) {
        Some(pipe) => {
            let source = &text[..before[pipe].span.start];
            knowledge.columns_of(source).ok()
        }
        None => None,
    };
    let found = found.or_else(|| {
        let first = before
            .iter()
            .find(|t| t.span.start >= statement_start && t.kind == TokenKind::Ident)?;
        knowledge.table(first.text(text)).map(<[_]>::to_vec)
    });
    let mut items: Vec<Item> = found
        .unwrap_or_default()
        .into_iter()
        .map(|(name, kind)| Item {
            insert: name.clone(),
            label: name,
            kind: ItemKind::Column,
            detail: kind,
        })
        .collect();
    items.extend(knowledge.seen_columns.iter().map(|(name, kind)| Item {
        label: name.clone(),
        kind: ItemKind::Column,
        detail: format!("{kind}, seen in a result"),
        insert: name.clone(),
    }));
    items
}

/// Values seen in results for the column a string is compared with: `ActionType == "Pro`.
fn values(
    knowledge: &Knowledge,
    text: &str,
    tokens: &[Token],
    replace: Range<usize>,
) -> Completion {
    let typed = &text[replace.clone()];
    // Back from the string: past `(`, `,` and other strings of an `in (...)` list, and the operator.
    let mut column = None;
    for token in tokens[..tokens.len() - 1].iter().rev() {
        let word = token.text(text);
        if matches!(token.kind, TokenKind::Ident | TokenKind::BracketIdent)
            && knowledge.values.contains_key(word)
        {
            column = Some(word);
            break;
        }
        if matches!(word, "|" | ";") {
            break;
        }
    }
    let Some(values) = column.and_then(|c| knowledge.values.get(c)) else {
        return Completion {
            items: Vec::new(),
            replace,
        };
    };
    let items = values
        .iter()
        .map(|v| simple(v, ItemKind::Value, column.unwrap_or("")))
        .collect();
    let mut items = crate::fuzzy::rank(typed, items, |i: &Item| i.label.as_str());
    items.truncate(SHOWN);
    Completion { items, replace }
}

#[cfg(test)]
mod tests;
