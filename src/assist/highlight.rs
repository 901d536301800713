//! Syntax highlighting through syntect and kqlhunt's own KQL grammar
//! (`assets/kql.sublime-syntax`): each stretch of text gets one of the colour classes the
//! themes colour. The grammar is compiled once, on first use.

use std::sync::OnceLock;

use syntect::parsing::{
    ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder,
};

use crate::kql::Span;

/// The colour classes of KQL text, as Microsoft's editor classifies it.
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

/// The grammar, built into the binary; its tabular operators come from the catalogue.
pub const GRAMMAR: &str = include_str!("../../assets/kql.sublime-syntax");

/// The grammar with the catalogue's tabular operators in place, longest first so that
/// `project-away` wins over `project`.
pub fn grammar_text() -> String {
    use crate::kql::catalogue::{self, Kind};
    let mut names: Vec<&str> = catalogue::of_kind(Kind::Operator).map(|e| e.name).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    GRAMMAR.replace("TABULAR_OPERATORS", &names.join("|"))
}

struct Grammar {
    set: SyntaxSet,
    /// Scope prefixes and their classes, the more specific first.
    classes: Vec<(Scope, Class)>,
}

fn grammar() -> Option<&'static Grammar> {
    static GRAMMAR_SET: OnceLock<Option<Grammar>> = OnceLock::new();
    GRAMMAR_SET
        .get_or_init(|| {
            let definition =
                SyntaxDefinition::load_from_str(&grammar_text(), true, Some("kql")).ok()?;
            let mut builder = SyntaxSetBuilder::new();
            builder.add(definition);
            let classes = [
                ("comment", Class::Comment),
                ("string", Class::String),
                ("constant", Class::Literal),
                ("keyword.operator", Class::Operator),
                ("keyword", Class::Keyword),
                ("support.function", Class::Function),
                ("punctuation", Class::Punctuation),
                ("variable", Class::Identifier),
            ]
            .into_iter()
            .filter_map(|(name, class)| Some((Scope::new(name).ok()?, class)))
            .collect();
            Some(Grammar {
                set: builder.build(),
                classes,
            })
        })
        .as_ref()
}

fn syntax(grammar: &Grammar) -> Option<&SyntaxReference> {
    grammar.set.find_syntax_by_name("KQL")
}

/// Longer lines are not coloured (the portal's editor family stops at 20,000 characters too).
pub const LONGEST_COLOURED_LINE: usize = 20_000;

/// Every coloured stretch of `text`, in order. Whitespace and text the grammar leaves plain
/// get no class.
pub fn highlight(text: &str) -> Vec<(Span, Class)> {
    let Some((grammar, syntax)) = grammar().and_then(|g| Some((g, syntax(g)?))) else {
        return Vec::new();
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out: Vec<(Span, Class)> = Vec::new();
    let mut push = |start: usize, end: usize, stack: &ScopeStack| {
        let Some(class) = class_of(grammar, stack) else {
            return;
        };
        let piece = &text[start..end];
        let trimmed_start = start + (piece.len() - piece.trim_start().len());
        let trimmed_end = end - (piece.len() - piece.trim_end().len());
        if trimmed_start >= trimmed_end {
            return;
        }
        match out.last_mut() {
            // One stretch of a class stays one range; a string may go on over lines.
            Some((span, last))
                if *last == class && (span.end == start || class == Class::String) =>
            {
                span.end = trimmed_end
            }
            _ => out.push((
                Span {
                    start: trimmed_start,
                    end: trimmed_end,
                },
                class,
            )),
        }
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.len() > LONGEST_COLOURED_LINE {
            // Left plain, as editors do: the grammar's cost grows faster than the line, and a
            // megabyte pasted on one line would cost seconds on every key.
            offset += line.len();
            continue;
        }
        let ops = state.parse_line(line, &grammar.set).unwrap_or_default();
        let mut at = 0;
        for (position, op) in ops {
            if position > at {
                push(offset + at, offset + position, &stack);
            }
            if stack.apply(&op).is_err() {
                break;
            }
            at = position;
        }
        if at < line.len() {
            push(offset + at, offset + line.len(), &stack);
        }
        offset += line.len();
    }
    out
}

fn class_of(grammar: &Grammar, stack: &ScopeStack) -> Option<Class> {
    stack.as_slice().iter().rev().find_map(|scope| {
        grammar
            .classes
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            .map(|(_, class)| *class)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_past_the_limit_is_left_plain_and_the_next_lines_keep_their_colours() {
        let long = "T | where x has \"y\" and ".repeat(LONGEST_COLOURED_LINE / 20);
        let text = format!("{long}\n| take 10");
        let colours = highlight(&text);
        assert!(
            colours.iter().all(|(span, _)| span.start > long.len()),
            "the long line is plain"
        );
        assert!(
            colours
                .iter()
                .any(|(span, class)| &text[span.start..span.end] == "take"
                    && *class == Class::Keyword)
        );
    }

    fn classes(text: &str) -> Vec<(&str, Class)> {
        highlight(text)
            .into_iter()
            .map(|(span, class)| (&text[span.start..span.end], class))
            .collect()
    }

    #[test]
    fn the_grammar_loads_and_colours_a_pipeline_as_the_portal_does() {
        assert!(
            grammar().is_some(),
            "assets/kql.sublime-syntax is a valid grammar"
        );
        let got = classes("DeviceProcessEvents // recent\n| where Timestamp > ago(7d) and FileName in~ (\"a.exe\", @'C:\\x')\n| project-away Foo\n| summarize count() by DeviceName");
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
            (",", Class::Punctuation),
            ("@'C:\\x'", Class::String),
            (")", Class::Punctuation),
            ("|", Class::Punctuation),
            ("project-away", Class::Keyword),
            ("Foo", Class::Identifier),
            ("|", Class::Punctuation),
            ("summarize", Class::Keyword),
            ("count", Class::Function),
            ("()", Class::Punctuation),
            ("by", Class::Keyword),
            ("DeviceName", Class::Identifier),
        ];
        assert_eq!(got, expect);
    }

    #[test]
    fn multi_line_strings_and_timespans_and_negated_operators() {
        let got = classes("print x = ```a\nb```, y = 1.5h, z = 'q' !has_cs 'r'");
        assert!(got.contains(&("```a\nb```", Class::String)), "{got:?}");
        assert!(got.contains(&("1.5h", Class::Literal)), "{got:?}");
        assert!(got.contains(&("!has_cs", Class::Operator)), "{got:?}");
        assert!(got.contains(&("print", Class::Keyword)), "{got:?}");
    }
}
