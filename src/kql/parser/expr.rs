//! Expressions, from `or` down to literals, and the sources a pipeline can start from.

use super::{Parsed, Parser};
use crate::kql::ast::*;
use crate::kql::lexer::{string_value, timespan_ticks, TokenKind};
use crate::kql::Span;

/// Word operators between two operands (the `_cs` and `!` forms included).
fn is_string_operator(word: &str) -> bool {
    let w = word.trim_start_matches('!').to_ascii_lowercase();
    let base = w.strip_suffix("_cs").unwrap_or(&w);
    matches!(
        base,
        "has"
            | "contains"
            | "startswith"
            | "endswith"
            | "hasprefix"
            | "hassuffix"
            | "like"
            | "notlike"
            | "notcontains"
            | "notcontainscs"
            | "notstartswith"
            | "notendswith"
            | "nothas"
    )
}

fn is_list_operator(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "in" | "!in" | "in~" | "!in~" | "has_any" | "has_all" | "has_any~"
    )
}

impl<'t> Parser<'t> {
    pub(super) fn expr(&mut self) -> Parsed<Expr> {
        self.or_expr()
    }

    /// `first op x op y ...` as one flat node; a single operand stays itself.
    pub(super) fn chain(first: Expr, rest: Vec<(String, Expr)>) -> Expr {
        let Some(end) = rest.last().map(|(_, e)| e.span.end) else {
            return first;
        };
        let span = Span::new(first.span.start, end);
        Expr::new(
            ExprKind::Chain {
                first: Box::new(first),
                rest,
            },
            span,
        )
    }

    pub(super) fn or_expr(&mut self) -> Parsed<Expr> {
        let first = self.and_expr()?;
        let mut rest = Vec::new();
        while self.at("or") {
            self.pos += 1;
            rest.push(("or".to_owned(), self.and_expr()?));
        }
        Ok(Self::chain(first, rest))
    }

    pub(super) fn and_expr(&mut self) -> Parsed<Expr> {
        let first = self.comparison()?;
        let mut rest = Vec::new();
        while self.at("and") {
            self.pos += 1;
            rest.push(("and".to_owned(), self.comparison()?));
        }
        Ok(Self::chain(first, rest))
    }

    pub(super) fn comparison(&mut self) -> Parsed<Expr> {
        let mut first = self.additive()?;
        let mut rest: Vec<(String, Expr)> = Vec::new();
        // `x in (..)` and `between` wrap what came before: each wrap is a level of nesting.
        let mut levels = Vec::new();
        while let Some(token) = self.peek() {
            let text = token.text(self.text);
            let lower = text.to_ascii_lowercase();
            if token.kind == TokenKind::Symbol
                && matches!(
                    text,
                    "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "=~" | "!~" | ":"
                )
            {
                self.pos += 1;
                // `Column:"term"` is search's shorthand for has.
                let op = match text {
                    "<>" => "!=",
                    ":" => "has",
                    other => other,
                };
                rest.push((op.to_owned(), self.additive()?));
            } else if token.kind == TokenKind::Ident && is_string_operator(&lower) {
                self.pos += 1;
                rest.push((lower, self.additive()?));
            } else if token.kind == TokenKind::Ident && (lower == "matches" || lower == "!matches")
            {
                self.pos += 1;
                self.expect("regex")?;
                rest.push(("matches regex".to_owned(), self.additive()?));
            } else if token.kind == TokenKind::Ident && is_list_operator(&lower) {
                levels.push(self.deeper()?);
                self.pos += 1;
                let list = self.in_list()?;
                let left = Self::chain(first, std::mem::take(&mut rest));
                let span = Span::new(left.span.start, self.end_of_previous());
                first = Expr::new(
                    ExprKind::InList {
                        op: lower,
                        target: Box::new(left),
                        list,
                    },
                    span,
                );
            } else if token.kind == TokenKind::Ident && (lower == "between" || lower == "!between")
            {
                levels.push(self.deeper()?);
                self.pos += 1;
                self.expect("(")?;
                let low = self.additive()?;
                self.expect("..")?;
                let high = self.additive()?;
                self.expect(")")?;
                let left = Self::chain(first, std::mem::take(&mut rest));
                let span = Span::new(left.span.start, self.end_of_previous());
                let kind = ExprKind::Between {
                    negated: lower.starts_with('!'),
                    target: Box::new(left),
                    low: Box::new(low),
                    high: Box::new(high),
                };
                first = Expr::new(kind, span);
            } else {
                break;
            }
        }
        Ok(Self::chain(first, rest))
    }

    pub(super) fn in_list(&mut self) -> Parsed<Vec<Expr>> {
        if !self.eat("(") {
            return Ok(vec![self.postfix()?]);
        }
        let mut list = Vec::new();
        while !self.at(")") {
            list.push(self.pipe_expr()?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        Ok(list)
    }

    pub(super) fn additive(&mut self) -> Parsed<Expr> {
        let first = self.multiplicative()?;
        let mut rest = Vec::new();
        while self.at("+") || self.at("-") {
            let op = self.peek_text().to_owned();
            self.pos += 1;
            rest.push((op, self.multiplicative()?));
        }
        Ok(Self::chain(first, rest))
    }

    pub(super) fn multiplicative(&mut self) -> Parsed<Expr> {
        let first = self.unary()?;
        let mut rest = Vec::new();
        while self.at("*") || self.at("/") || self.at("%") {
            let op = self.peek_text().to_owned();
            self.pos += 1;
            rest.push((op, self.unary()?));
        }
        Ok(Self::chain(first, rest))
    }

    /// Every cycle of the descent (brackets, calls, subqueries, signs) passes through here, so
    /// this is where a level of nesting is counted.
    pub(super) fn unary(&mut self) -> Parsed<Expr> {
        let _level = self.deeper()?;
        if self.at("-") || self.at("+") {
            let start = self.here().start;
            let op = self.peek_text();
            self.pos += 1;
            let operand = self.unary()?;
            let span = Span::new(start, operand.span.end);
            return Ok(Expr::new(
                ExprKind::Unary {
                    op: op.to_owned(),
                    operand: Box::new(operand),
                },
                span,
            ));
        }
        self.postfix()
    }

    pub(super) fn postfix(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        // Each `.name` or `[index]` wraps the value before it: a level of nesting each.
        let mut levels = Vec::new();
        loop {
            if self.at(".")
                || self.at("[")
                || self
                    .peek()
                    .is_some_and(|t| t.kind == TokenKind::BracketIdent)
            {
                levels.push(self.deeper()?);
            }
            if self.at(".")
                && self
                    .peek_at(1)
                    .is_some_and(|t| matches!(t.kind, TokenKind::Ident | TokenKind::BracketIdent))
            {
                self.pos += 1;
                let name = self.name()?;
                let span = Span::new(expr.span.start, self.end_of_previous());
                expr = Expr::new(
                    ExprKind::Member {
                        target: Box::new(expr),
                        name,
                    },
                    span,
                );
            } else if self.at(".") && self.text_at(1) == "[" {
                self.pos += 1;
            } else if self.at("[") {
                self.pos += 1;
                let index = self.expr()?;
                self.expect("]")?;
                let span = Span::new(expr.span.start, self.end_of_previous());
                expr = Expr::new(
                    ExprKind::Index {
                        target: Box::new(expr),
                        index: Box::new(index),
                    },
                    span,
                );
            } else if self
                .peek()
                .is_some_and(|t| t.kind == TokenKind::BracketIdent)
                && self.here().start == self.end_of_previous()
            {
                // `x['key']` lexed as a bracketed name right after a value.
                let name = self.name()?;
                let span = Span::new(expr.span.start, self.end_of_previous());
                let index = Expr::new(ExprKind::Literal(Literal::String(name)), span);
                expr = Expr::new(
                    ExprKind::Index {
                        target: Box::new(expr),
                        index: Box::new(index),
                    },
                    span,
                );
            } else {
                return Ok(expr);
            }
        }
    }

    pub(super) fn call_args(&mut self) -> Parsed<Vec<Expr>> {
        self.expect("(")?;
        let mut args = Vec::new();
        while !self.at(")") {
            if self.peek().is_some_and(|t| t.kind == TokenKind::Ident) && self.text_at(1) == "=" {
                let start = self.here().start;
                let name = self.name()?;
                self.pos += 1;
                let value = self.pipe_expr()?;
                let span = Span::new(start, value.span.end);
                args.push(Expr::new(
                    ExprKind::Assign {
                        name,
                        value: Box::new(value),
                    },
                    span,
                ));
            } else if self.at("*") && matches!(self.text_at(1), ")" | ",") {
                let span = self.here();
                self.pos += 1;
                args.push(Expr::new(ExprKind::Star, span));
            } else {
                args.push(self.pipe_expr()?);
            }
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        Ok(args)
    }

    pub(super) fn primary(&mut self) -> Parsed<Expr> {
        let Some(token) = self.peek() else {
            return Err(self.error("expected a value"));
        };
        let start = token.span.start;
        let text = token.text(self.text);
        let literal = |kind| Ok(Expr::new(ExprKind::Literal(kind), token.span));
        match token.kind {
            TokenKind::Number => {
                if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
                    // A literal past a long's range is refused, never read as another number.
                    let Ok(n) = i64::from_str_radix(hex, 16) else {
                        return Err(self.error(
                            "a hexadecimal literal must fit in a long (at most 0x7FFFFFFFFFFFFFFF)",
                        ));
                    };
                    self.pos += 1;
                    return literal(Literal::Long(n));
                }
                self.pos += 1;
                match text.parse::<i64>() {
                    Ok(n) => literal(Literal::Long(n)),
                    Err(_) => literal(Literal::Real(text.parse().unwrap_or(f64::NAN))),
                }
            }
            TokenKind::Timespan => {
                let Some(ticks) = timespan_ticks(text) else {
                    return Err(self.error("a timespan literal must fit in a 64-bit count of 100 ns ticks (about 29,000 years)"));
                };
                self.pos += 1;
                literal(Literal::Timespan(ticks))
            }
            TokenKind::String => {
                let mut value = String::new();
                while let Some(t) = self.peek().filter(|t| t.kind == TokenKind::String) {
                    value.push_str(&string_value(t.text(self.text)));
                    self.pos += 1;
                }
                Ok(Expr::new(
                    ExprKind::Literal(Literal::String(value)),
                    Span::new(start, self.end_of_previous()),
                ))
            }
            TokenKind::BracketIdent => {
                let name = self.name()?;
                Ok(Expr::new(ExprKind::Name(name), token.span))
            }
            TokenKind::Symbol if text == "(" => {
                self.pos += 1;
                // `(A, B) = f(...)` tuples are handled by the named list; here a group.
                let inner = self.pipe_expr()?;
                self.expect(")")?;
                Ok(Expr::new(
                    inner.kind,
                    Span::new(start, self.end_of_previous()),
                ))
            }
            TokenKind::Symbol if text == "*" => {
                self.pos += 1;
                Ok(Expr::new(ExprKind::Star, token.span))
            }
            TokenKind::Ident => self.word(),
            _ => Err(self.error("expected a value")),
        }
    }

    /// `a, Name = b, (X, Y) = c`.
    pub(super) fn named_list(&mut self) -> Parsed<Vec<NamedExpr>> {
        let mut list = Vec::new();
        loop {
            list.push(self.named_expr()?);
            if !self.eat(",") {
                return Ok(list);
            }
        }
    }

    pub(super) fn named_expr(&mut self) -> Parsed<NamedExpr> {
        if self.at_name() && self.text_at(1) == "=" {
            let name = self.name()?;
            self.pos += 1;
            return Ok(NamedExpr {
                names: vec![name],
                expr: self.expr()?,
            });
        }
        if self.at("(") {
            // `(A, B) = expr`
            let save = self.pos;
            self.pos += 1;
            let mut names = Vec::new();
            while self.at_name() {
                names.push(self.name()?);
                if !self.eat(",") {
                    break;
                }
            }
            if self.eat(")") && self.eat("=") {
                return Ok(NamedExpr {
                    names,
                    expr: self.expr()?,
                });
            }
            self.pos = save;
        }
        Ok(NamedExpr {
            names: Vec::new(),
            expr: self.expr()?,
        })
    }
}
