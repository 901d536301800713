//! Token classes for colouring KQL, from the engine's own lexer and a little context: a word
//! after `|` is a tabular operator, a word before `(` a function, `has` a string operator.

use crate::kql::lexer::{lex, Token, TokenKind};
use crate::kql::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Keyword,
    Operator,
    Function,
    String,
    Literal,
    Comment,
    Identifier,
    Punctuation,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Keyword => "keyword",
            Class::Operator => "operator",
            Class::Function => "function",
            Class::String => "string",
            Class::Literal => "number",
            Class::Comment => "comment",
            Class::Identifier => "identifier",
            Class::Punctuation => "punctuation",
        }
    }
}

/// Tabular operators, as written after `|` (hyphenated ones are joined from their words), the
/// most used first: completion offers them in this order.
pub const TABULAR_OPERATORS: &[&str] = &[
    "where",
    "extend",
    "summarize",
    "project",
    "join",
    "sort",
    "distinct",
    "top",
    "take",
    "project-away",
    "project-rename",
    "project-reorder",
    "project-keep",
    "union",
    "order",
    "mv-expand",
    "parse",
    "count",
    "lookup",
    "make-series",
    "evaluate",
    "invoke",
    "render",
    "limit",
    "sample",
    "search",
    "serialize",
    "as",
    "consume",
    "externaldata",
    "facet",
    "find",
    "fork",
    "getschema",
    "mv-apply",
    "mvexpand",
    "parse-kv",
    "parse-where",
    "partition",
    "print",
    "range",
    "reduce",
    "sample-distinct",
    "scan",
    "top-hitters",
    "top-nested",
    "filter",
];

/// Words the service colours as keywords wherever they stand.
const KEYWORDS: &[&str] = &[
    "let",
    "by",
    "on",
    "in",
    "in~",
    "!in",
    "!in~",
    "has_any",
    "has_all",
    "between",
    "!between",
    "dynamic",
    "desc",
    "asc",
    "inner",
    "innerunique",
    "leftouter",
    "rightouter",
    "fullouter",
    "leftanti",
    "rightanti",
    "leftsemi",
    "rightsemi",
    "anti",
    "semi",
    "with",
    "to",
    "step",
    "typeof",
    "datetime",
    "timespan",
    "materialize",
    "datatable",
    "toscalar",
    "nulls",
    "first",
    "last",
    "from",
    "of",
    "kind",
    "withsource",
    "isfuzzy",
    "bagexpansion",
    "with_itemindex",
    "with_match_id",
    "format",
    "title",
    "xtitle",
    "ytitle",
    "ignoreFirstRecord",
    "flags",
    "set",
    "declare",
    "query_parameters",
    "hint.strategy",
    "hint.shufflekey",
    "hint.remote",
];

/// Words that compare strings or join conditions.
const WORD_OPERATORS: &[&str] = &[
    "and",
    "or",
    "has",
    "contains",
    "startswith",
    "endswith",
    "hasprefix",
    "hassuffix",
    "matches",
    "regex",
    "like",
    "has_cs",
    "contains_cs",
    "startswith_cs",
    "endswith_cs",
    "hasprefix_cs",
    "hassuffix_cs",
    "!has",
    "!contains",
    "!startswith",
    "!endswith",
    "!hasprefix",
    "!hassuffix",
    "!has_cs",
    "!contains_cs",
    "!startswith_cs",
    "!endswith_cs",
];

const SYMBOL_OPERATORS: &[&str] = &[
    "==", "!=", "<>", "<", "<=", ">", ">=", "=~", "!~", "+", "-", "*", "/", "%",
];

const TYPES: &[&str] = &[
    "string", "int", "long", "real", "double", "bool", "boolean", "datetime", "timespan",
    "dynamic", "guid", "decimal",
];

/// Every token of `text` with its class, comments included, in order.
pub fn classify(text: &str) -> Vec<(Span, Class)> {
    let tokens = lex(text);
    let mut out = Vec::with_capacity(tokens.len());
    let significant = |i: usize| tokens.get(i).filter(|t| t.kind != TokenKind::Comment);
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let word = token.text(text);
        // The token before, skipping comments.
        let before = (0..i)
            .rev()
            .find(|&j| tokens[j].kind != TokenKind::Comment)
            .map(|j| tokens[j].text(text));
        let next = (i + 1..tokens.len()).find_map(significant);
        let class = match token.kind {
            TokenKind::Comment => Class::Comment,
            TokenKind::String => Class::String,
            TokenKind::Number | TokenKind::Timespan => Class::Literal,
            TokenKind::BracketIdent => Class::Identifier,
            TokenKind::Unknown => Class::Identifier,
            TokenKind::Symbol if SYMBOL_OPERATORS.contains(&word) => Class::Operator,
            TokenKind::Symbol => Class::Punctuation,
            TokenKind::Ident => {
                // `project-away`, `mv-expand`: one operator of three tokens.
                if let Some(joined) = hyphenated(text, &tokens, i) {
                    if before == Some("|") || TABULAR_OPERATORS.contains(&joined.0.as_str()) {
                        let end = tokens[joined.1].span.end;
                        out.push((
                            Span {
                                start: token.span.start,
                                end,
                            },
                            Class::Keyword,
                        ));
                        i = joined.1 + 1;
                        continue;
                    }
                }
                word_class(word, before, next.map(|t| t.text(text)))
            }
        };
        out.push((token.span, class));
        i += 1;
    }
    out
}

fn word_class(word: &str, before: Option<&str>, next: Option<&str>) -> Class {
    let lower = word.to_ascii_lowercase();
    let is_call = next == Some("(");
    if before == Some("|") && TABULAR_OPERATORS.contains(&lower.as_str()) {
        return Class::Keyword;
    }
    if matches!(lower.as_str(), "true" | "false") {
        return Class::Literal;
    }
    if before == Some(":") && TYPES.contains(&lower.as_str()) {
        return Class::Keyword;
    }
    if WORD_OPERATORS.contains(&lower.as_str()) {
        return Class::Operator;
    }
    if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
        return Class::Keyword;
    }
    if is_call {
        // A tabular operator that opens a source: `union (`, `print(`.
        if matches!(before, None | Some(";"))
            && matches!(lower.as_str(), "union" | "print" | "range")
        {
            return Class::Keyword;
        }
        return Class::Function;
    }
    if matches!(before, None | Some(";") | Some("(") | Some("="))
        && matches!(
            lower.as_str(),
            "union" | "print" | "search" | "find" | "range" | "evaluate"
        )
    {
        return Class::Keyword;
    }
    Class::Identifier
}

/// `word-word(-word)` written without spaces: the joined text and the last token's index.
fn hyphenated(text: &str, tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let mut joined = tokens[i].text(text).to_ascii_lowercase();
    let mut last = i;
    while let (Some(dash), Some(word)) = (tokens.get(last + 1), tokens.get(last + 2)) {
        let touching = dash.span.start == tokens[last].span.end && word.span.start == dash.span.end;
        if !(touching && dash.text(text) == "-" && word.kind == TokenKind::Ident) {
            break;
        }
        joined.push('-');
        joined.push_str(&word.text(text).to_ascii_lowercase());
        last += 2;
    }
    (last > i).then_some((joined, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(&str, Class)> {
        classify(text)
            .into_iter()
            .map(|(span, class)| (&text[span.start..span.end], class))
            .collect()
    }

    #[test]
    fn a_pipeline_is_coloured_as_the_portal_colours_it() {
        let got = classes("DeviceProcessEvents // recent\n| where Timestamp > ago(7d) and FileName in~ (\"a.exe\")\n| project-away Foo\n| summarize count() by DeviceName");
        let expect = [
            ("DeviceProcessEvents", Class::Identifier),
            ("// recent", Class::Comment),
            ("|", Class::Punctuation),
            ("where", Class::Keyword),
            ("Timestamp", Class::Identifier),
            (">", Class::Operator),
            ("ago", Class::Function),
            ("(", Class::Punctuation),
            ("7d", Class::Literal),
            (")", Class::Punctuation),
            ("and", Class::Operator),
            ("FileName", Class::Identifier),
            ("in~", Class::Keyword),
            ("(", Class::Punctuation),
            ("\"a.exe\"", Class::String),
            (")", Class::Punctuation),
            ("|", Class::Punctuation),
            ("project-away", Class::Keyword),
            ("Foo", Class::Identifier),
            ("|", Class::Punctuation),
            ("summarize", Class::Keyword),
            ("count", Class::Function),
            ("(", Class::Punctuation),
            (")", Class::Punctuation),
            ("by", Class::Keyword),
            ("DeviceName", Class::Identifier),
        ];
        assert_eq!(got, expect);
    }
}
