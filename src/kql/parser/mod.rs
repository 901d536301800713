//! A recursive-descent parser for the KQL that hunting queries use. It accepts the shapes of
//! operators it does not run (`evaluate`, `make-series`, ...) so that the engine, not the
//! parser, is what says "not supported", with the operator's name and place.

mod expr;
mod external;
mod grouping;
mod literals;
mod operators;
mod sources;

use super::ast::*;
use super::lexer::{lex, Token, TokenKind};
use super::Span;
use crate::limits::{Level, Nesting};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

impl ParseError {
    /// The message with its line and column, as the service words syntax errors.
    pub fn describe(&self, text: &str) -> String {
        let (line, column) = self.span.line_column(text);
        format!(
            "Syntax error: {} (line {line}, column {column})",
            self.message
        )
    }
}

pub fn parse(text: &str) -> Result<Query, ParseError> {
    let tokens: Vec<Token> = lex(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    // A quoted string ends on its line: one left open would swallow the rest of the line.
    if let Some(open) = tokens
        .iter()
        .find(|t| t.kind == TokenKind::String && crate::kql::lexer::unterminated(t.text(text)))
    {
        return Err(ParseError {
            message: "a string literal is not closed on its line (Missing: \"); close it, or use ``` for text over several lines".into(),
            span: open.span,
        });
    }
    let mut parser = Parser {
        text,
        tokens,
        pos: 0,
        nesting: Nesting::default(),
    };
    parser.query()
}

pub(super) struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    pos: usize,
    nesting: Nesting,
}

type Parsed<T> = Result<T, ParseError>;

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<Token> {
        self.tokens.get(self.pos + offset).copied()
    }

    fn peek_text(&self) -> &'t str {
        self.peek().map_or("", |t| t.text(self.text))
    }

    fn text_at(&self, offset: usize) -> &'t str {
        self.peek_at(offset).map_or("", |t| t.text(self.text))
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// The current token is `word` (words ignore case; symbols match exactly).
    fn at(&self, word: &str) -> bool {
        self.peek().is_some_and(|t| match t.kind {
            TokenKind::Ident => t.text(self.text).eq_ignore_ascii_case(word),
            TokenKind::Symbol => t.text(self.text) == word,
            _ => false,
        })
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.at(word);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, word: &str) -> Parsed<Token> {
        match self.peek() {
            Some(t) if self.at(word) => {
                self.pos += 1;
                Ok(t)
            }
            _ => Err(self.error(format!("expected '{word}'"))),
        }
    }

    fn here(&self) -> Span {
        match self.peek() {
            Some(t) => t.span,
            None => Span::new(self.text.len(), self.text.len()),
        }
    }

    fn end_of_previous(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .map_or(0, |t| t.span.end)
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        let message = message.into();
        match self.peek() {
            Some(t) => ParseError {
                message: format!("{message}, found '{}'", t.text(self.text)),
                span: t.span,
            },
            None => ParseError {
                message: format!("{message} at the end of the query"),
                span: self.here(),
            },
        }
    }

    /// One level deeper into the query, or the error that names the limit.
    fn deeper(&self) -> Parsed<Level> {
        self.nesting.enter().map_err(|e| ParseError {
            message: e.to_string(),
            span: self.here(),
        })
    }

    /// A name: a word or `['bracketed name']`.
    fn name(&mut self) -> Parsed<String> {
        match self.peek() {
            Some(t) if t.kind == TokenKind::Ident => {
                self.pos += 1;
                Ok(t.text(self.text).to_owned())
            }
            Some(t) if t.kind == TokenKind::BracketIdent => {
                self.pos += 1;
                let inner = t
                    .text(self.text)
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .trim();
                Ok(super::lexer::string_value(inner))
            }
            _ => Err(self.error("expected a name")),
        }
    }

    fn at_name(&self) -> bool {
        self.peek()
            .is_some_and(|t| matches!(t.kind, TokenKind::Ident | TokenKind::BracketIdent))
    }

    /// A word joined with `-`-separated words written without spaces: `project-away`.
    fn hyphenated_word(&mut self) -> Parsed<String> {
        let mut word = self.name()?;
        while self.at("-")
            && self
                .peek()
                .is_some_and(|t| t.span.start == self.end_of_previous())
            && self
                .peek_at(1)
                .is_some_and(|t| t.kind == TokenKind::Ident && t.span.start == self.here().end)
        {
            self.pos += 1;
            word.push('-');
            word.push_str(&self.name()?);
        }
        Ok(word)
    }

    fn query(&mut self) -> Parsed<Query> {
        let mut statements = Vec::new();
        loop {
            while self.eat(";") {}
            if self.at_end() {
                break;
            }
            statements.push(self.statement()?);
            if !self.at_end() && !self.at(";") && !self.blank_line_before() {
                return Err(self.error("expected ';' or '|' after the statement"));
            }
        }
        if statements.is_empty() {
            return Err(ParseError {
                message: "the query is empty".into(),
                span: Span::default(),
            });
        }
        Ok(Query { statements })
    }

    /// A blank line ends a query, as in the portal and Kusto.Explorer: the text after it is
    /// the next query.
    fn blank_line_before(&self) -> bool {
        let gap = &self.text[self.end_of_previous().min(self.text.len())..self.here().start];
        let lines: Vec<&str> = gap.split('\n').collect();
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    }

    fn statement(&mut self) -> Parsed<Statement> {
        let start = self.here().start;
        if self.eat("let") {
            let name = self.name()?;
            self.expect("=")?;
            let value = self.let_value()?;
            return Ok(Statement::Let {
                name,
                value,
                span: Span::new(start, self.end_of_previous()),
            });
        }
        if self.at("set") || self.at("declare") || self.at("alias") {
            let name = self.text_at(1).to_owned();
            while !self.at_end() && !self.at(";") {
                self.pos += 1;
            }
            return Ok(Statement::Set { name });
        }
        let expr = self.pipe_expr()?;
        Ok(Statement::Tabular(match expr.kind {
            ExprKind::Pipeline(p) => p,
            _ => Pipeline {
                span: expr.span,
                source: Box::new(expr),
                operators: Vec::new(),
            },
        }))
    }

    fn let_value(&mut self) -> Parsed<LetValue> {
        self.eat("view");
        if self.at("(") && self.looks_like_lambda() {
            return Ok(LetValue::Function(self.lambda()?));
        }
        Ok(LetValue::Expr(self.pipe_expr()?))
    }

    /// `(` then `)` `{`, or a name and a `:`: a function's parameter list.
    fn looks_like_lambda(&self) -> bool {
        (self.text_at(1) == ")" && self.text_at(2) == "{")
            || (self.text_at(2) == ":"
                && self.peek_at(1).is_some_and(|t| t.kind == TokenKind::Ident))
    }

    fn lambda(&mut self) -> Parsed<Lambda> {
        // A function's body may hold functions: a cycle that skips the expression levels.
        let _level = self.deeper()?;
        self.expect("(")?;
        let mut params = Vec::new();
        while !self.at(")") {
            let name = self.name()?;
            self.expect(":")?;
            let (kind, tabular) = if self.at("(") {
                // A tabular parameter: `T:(Timestamp:datetime, *)`.
                self.skip_balanced()?;
                ("*".to_owned(), true)
            } else if self.eat("*") {
                ("*".to_owned(), true)
            } else {
                (self.name()?, false)
            };
            let default = if self.eat("=") {
                Some(self.expr()?)
            } else {
                None
            };
            params.push(Param {
                name,
                kind,
                default,
                tabular,
            });
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        self.expect("{")?;
        let mut body = Vec::new();
        let result = loop {
            while self.eat(";") {}
            if self.at("let") {
                body.push(self.statement()?);
                continue;
            }
            let expr = self.pipe_expr()?;
            while self.eat(";") {}
            break expr;
        };
        self.expect("}")?;
        Ok(Lambda {
            params,
            body,
            result: Box::new(result),
        })
    }

    /// Skips a parenthesised group, nested groups included.
    fn skip_balanced(&mut self) -> Parsed<Span> {
        let start = self.here().start;
        let open = self.peek_text();
        let close = match open {
            "(" => ")",
            "[" => "]",
            "{" => "}",
            _ => return Err(self.error("expected '('")),
        };
        let mut depth = 0;
        while let Some(t) = self.peek() {
            let text = t.text(self.text);
            self.pos += 1;
            if text == open {
                depth += 1;
            } else if text == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Span::new(start, t.span.end));
                }
            }
        }
        Err(ParseError {
            message: format!("'{open}' is never closed"),
            span: Span::new(start, start + 1),
        })
    }

    /// Skips to the end of the current operator: the next `|`, `;` or closing bracket at this
    /// level.
    fn skip_operator_rest(&mut self) -> Parsed<()> {
        while let Some(t) = self.peek() {
            match t.text(self.text) {
                "|" | ";" | ")" | "]" | "}" => return Ok(()),
                "(" | "[" | "{" => {
                    self.skip_balanced()?;
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
