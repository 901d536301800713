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
    /// An expression that may be followed by `| operator`s: a tabular pipeline.
    pub(super) fn pipe_expr(&mut self) -> Parsed<Expr> {
        let start = self.here().start;
        let source = self.source()?;
        if !self.at("|") {
            return Ok(source);
        }
        let mut operators = Vec::new();
        while self.eat("|") {
            operators.push(self.operator()?);
        }
        let span = Span::new(start, self.end_of_previous());
        Ok(Expr::new(
            ExprKind::Pipeline(Pipeline {
                source: Box::new(source),
                operators,
                span,
            }),
            span,
        ))
    }

    /// The start of a pipeline: a table, a function call, or a source operator.
    fn source(&mut self) -> Parsed<Expr> {
        let start = self.here().start;
        let word = self.peek_text().to_ascii_lowercase();
        let is_word = self.peek().is_some_and(|t| t.kind == TokenKind::Ident);
        let kind = match word.as_str() {
            "print" if is_word => {
                self.pos += 1;
                ExprKind::Print(self.named_list()?)
            }
            "union" if is_word => {
                self.pos += 1;
                self.operator_params();
                let mut tables = vec![self.union_table()?];
                while self.eat(",") {
                    tables.push(self.union_table()?);
                }
                ExprKind::Union { tables }
            }
            "datatable" if is_word && self.text_at(1) == "(" => {
                self.pos += 1;
                self.datatable()?
            }
            "range"
                if is_word
                    && self.peek_at(1).is_some_and(|t| t.kind == TokenKind::Ident)
                    && self.text_at(2).eq_ignore_ascii_case("from") =>
            {
                self.pos += 1;
                let name = self.name()?;
                self.expect("from")?;
                let from = Box::new(self.expr()?);
                self.expect("to")?;
                let to = Box::new(self.expr()?);
                self.expect("step")?;
                let step = Box::new(self.expr()?);
                ExprKind::Range {
                    name,
                    from,
                    to,
                    step,
                }
            }
            "search" if is_word && self.text_at(1) != "(" => {
                self.pos += 1;
                self.search()?
            }
            "externaldata" | "find" | "evaluate" | "materialized_view"
                if is_word && self.text_at(1) != "=" =>
            {
                self.pos += 1;
                self.skip_operator_rest()?;
                ExprKind::Unsupported(word)
            }
            _ => return self.expr(),
        };
        Ok(Expr::new(kind, Span::new(start, self.end_of_previous())))
    }

    pub(super) fn union_table(&mut self) -> Parsed<Expr> {
        if self.at("(") {
            let start = self.here().start;
            self.pos += 1;
            let inner = self.pipe_expr()?;
            self.expect(")")?;
            let span = Span::new(start, self.end_of_previous());
            return Ok(Expr::new(inner.kind, span));
        }
        // Table names may carry wildcards: `Device*Events`, or be `*` alone.
        let start = self.here().start;
        let mut name = if self.at("*") {
            String::new()
        } else {
            self.name()?
        };
        if name.is_empty() {
            self.pos += 1;
            name.push('*');
        }
        while self.at("*") && self.here().start == self.end_of_previous() {
            self.pos += 1;
            name.push('*');
            if self.at_name() && self.here().start == self.end_of_previous() {
                name.push_str(&self.name()?);
            }
        }
        if self.at("(") {
            let args = self.call_args()?;
            return Ok(Expr::new(
                ExprKind::Call { name, args },
                Span::new(start, self.end_of_previous()),
            ));
        }
        Ok(Expr::new(
            ExprKind::Name(name),
            Span::new(start, self.end_of_previous()),
        ))
    }

    fn datatable(&mut self) -> Parsed<ExprKind> {
        self.expect("(")?;
        let mut columns = Vec::new();
        while !self.at(")") {
            let name = self.name()?;
            self.expect(":")?;
            let kind = self.name()?;
            columns.push((name, kind));
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        self.expect("[")?;
        let mut values = Vec::new();
        while !self.at("]") {
            values.push(self.expr()?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect("]")?;
        Ok(ExprKind::Datatable { columns, values })
    }

    pub(super) fn search(&mut self) -> Parsed<ExprKind> {
        self.operator_params();
        let mut tables = Vec::new();
        if self.eat("in") {
            self.expect("(")?;
            while !self.at(")") {
                tables.push(self.union_table().map(|e| match e.kind {
                    ExprKind::Name(n) => n,
                    _ => String::new(),
                })?);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
        }
        let predicate = Box::new(self.expr()?);
        Ok(ExprKind::Search { tables, predicate })
    }

    /// `name=value` parameters of an operator (`kind=inner`, `hint.strategy=shuffle`).
    pub(super) fn operator_params(&mut self) -> Vec<(String, String)> {
        let mut params = Vec::new();
        loop {
            let dotted = self.peek_text().eq_ignore_ascii_case("hint")
                && self.text_at(1) == "."
                && self.text_at(3) == "=";
            let known = matches!(
                self.peek_text().to_ascii_lowercase().as_str(),
                "kind"
                    | "withsource"
                    | "with_source"
                    | "isfuzzy"
                    | "bagexpansion"
                    | "with_itemindex"
                    | "decodeblocks"
                    | "flags"
            );
            let plain = known && self.text_at(1) == "=";
            if !(plain || dotted) || !self.peek().is_some_and(|t| t.kind == TokenKind::Ident) {
                return params;
            }
            let mut name = self.peek_text().to_owned();
            if dotted {
                name = format!("{name}.{}", self.text_at(2));
                self.pos += 2;
            }
            self.pos += 2;
            let value = self.peek_text().to_owned();
            self.pos += 1;
            params.push((name.to_ascii_lowercase(), value));
        }
    }

    pub(super) fn expr(&mut self) -> Parsed<Expr> {
        self.or_expr()
    }

    fn binary(&self, op: &str, left: Expr, right: Expr) -> Expr {
        let span = Span::new(left.span.start, right.span.end);
        Expr::new(
            ExprKind::Binary {
                op: op.to_ascii_lowercase(),
                left: Box::new(left),
                right: Box::new(right),
            },
            span,
        )
    }

    fn or_expr(&mut self) -> Parsed<Expr> {
        let mut left = self.and_expr()?;
        while self.at("or") {
            self.pos += 1;
            let right = self.and_expr()?;
            left = self.binary("or", left, right);
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Parsed<Expr> {
        let mut left = self.comparison()?;
        while self.at("and") {
            self.pos += 1;
            let right = self.comparison()?;
            left = self.binary("and", left, right);
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Parsed<Expr> {
        let mut left = self.additive()?;
        loop {
            let Some(token) = self.peek() else {
                return Ok(left);
            };
            let text = token.text(self.text);
            let lower = text.to_ascii_lowercase();
            if token.kind == TokenKind::Symbol
                && matches!(
                    text,
                    "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "=~" | "!~" | ":"
                )
            {
                self.pos += 1;
                let right = self.additive()?;
                // `Column:"term"` is search's shorthand for has.
                let op = match text {
                    "<>" => "!=",
                    ":" => "has",
                    other => other,
                };
                left = self.binary(op, left, right);
            } else if token.kind == TokenKind::Ident && is_string_operator(&lower) {
                self.pos += 1;
                let right = self.additive()?;
                left = self.binary(&lower, left, right);
            } else if token.kind == TokenKind::Ident && (lower == "matches" || lower == "!matches")
            {
                self.pos += 1;
                self.expect("regex")?;
                let right = self.additive()?;
                left = self.binary("matches regex", left, right);
            } else if token.kind == TokenKind::Ident && is_list_operator(&lower) {
                self.pos += 1;
                let list = self.in_list()?;
                let span = Span::new(left.span.start, self.end_of_previous());
                left = Expr::new(
                    ExprKind::InList {
                        op: lower,
                        target: Box::new(left),
                        list,
                    },
                    span,
                );
            } else if token.kind == TokenKind::Ident && (lower == "between" || lower == "!between")
            {
                self.pos += 1;
                self.expect("(")?;
                let low = self.additive()?;
                self.expect("..")?;
                let high = self.additive()?;
                self.expect(")")?;
                let span = Span::new(left.span.start, self.end_of_previous());
                let kind = ExprKind::Between {
                    negated: lower.starts_with('!'),
                    target: Box::new(left),
                    low: Box::new(low),
                    high: Box::new(high),
                };
                left = Expr::new(kind, span);
            } else {
                return Ok(left);
            }
        }
    }

    fn in_list(&mut self) -> Parsed<Vec<Expr>> {
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

    fn additive(&mut self) -> Parsed<Expr> {
        let mut left = self.multiplicative()?;
        while self.at("+") || self.at("-") {
            let op = self.peek_text();
            self.pos += 1;
            let right = self.multiplicative()?;
            left = self.binary(op, left, right);
        }
        Ok(left)
    }

    fn multiplicative(&mut self) -> Parsed<Expr> {
        let mut left = self.unary()?;
        while self.at("*") || self.at("/") || self.at("%") {
            let op = self.peek_text();
            self.pos += 1;
            let right = self.unary()?;
            left = self.binary(op, left, right);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Parsed<Expr> {
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

    fn postfix(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        loop {
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

    fn primary(&mut self) -> Parsed<Expr> {
        let Some(token) = self.peek() else {
            return Err(self.error("expected a value"));
        };
        let start = token.span.start;
        let text = token.text(self.text);
        let literal = |kind| Ok(Expr::new(ExprKind::Literal(kind), token.span));
        match token.kind {
            TokenKind::Number => {
                self.pos += 1;
                if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
                    return literal(Literal::Long(i64::from_str_radix(hex, 16).unwrap_or(0)));
                }
                match text.parse::<i64>() {
                    Ok(n) => literal(Literal::Long(n)),
                    Err(_) => literal(Literal::Real(text.parse().unwrap_or(f64::NAN))),
                }
            }
            TokenKind::Timespan => {
                self.pos += 1;
                literal(Literal::Timespan(timespan_ticks(text).unwrap_or(0)))
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

    fn word(&mut self) -> Parsed<Expr> {
        let token = self.peek().ok_or_else(|| self.error("expected a value"))?;
        let start = token.span.start;
        let text = token.text(self.text);
        let lower = text.to_ascii_lowercase();
        self.pos += 1;
        let literal = |p: &Self, kind| {
            Ok(Expr::new(
                ExprKind::Literal(kind),
                Span::new(start, p.end_of_previous()),
            ))
        };
        match lower.as_str() {
            "true" => return literal(self, Literal::Bool(true)),
            "false" => return literal(self, Literal::Bool(false)),
            "null" => return literal(self, Literal::Null),
            _ => {}
        }
        if !self.at("(") {
            return Ok(Expr::new(ExprKind::Name(text.to_owned()), token.span));
        }
        match lower.as_str() {
            "datetime" | "todatetime" if self.raw_literal_follows() => {
                let raw = self.raw_parens()?;
                let value = match raw.trim() {
                    "" | "null" => Literal::Null,
                    "now" => {
                        return Ok(Expr::new(
                            ExprKind::Call {
                                name: "now".into(),
                                args: vec![],
                            },
                            Span::new(start, self.end_of_previous()),
                        ))
                    }
                    text => {
                        Literal::DateTime(crate::results::datetime::parse_ticks(text).ok_or_else(
                            || crate::kql::ParseError {
                                message: format!("'{text}' is not a datetime literal"),
                                span: Span::new(start, self.end_of_previous()),
                            },
                        )?)
                    }
                };
                literal(self, value)
            }
            "timespan" | "time" if self.raw_literal_follows() => {
                let raw = self.raw_parens()?;
                let ticks = timespan_ticks(raw.trim()).or_else(|| {
                    crate::api::parse_dotnet_timespan(raw.trim())
                        .map(|d| (d.as_nanos() / 100) as i64)
                });
                literal(self, ticks.map_or(Literal::Null, Literal::Timespan))
            }
            "guid" => {
                let raw = self.raw_parens()?;
                literal(self, Literal::Guid(raw.trim().to_owned()))
            }
            "dynamic" => {
                self.expect("(")?;
                let value = self.dynamic_value()?;
                self.expect(")")?;
                literal(self, Literal::Dynamic(value))
            }
            "typeof" => {
                let raw = self.raw_parens()?;
                literal(self, Literal::String(raw.trim().to_owned()))
            }
            _ => {
                let args = self.call_args()?;
                Ok(Expr::new(
                    ExprKind::Call {
                        name: text.to_owned(),
                        args,
                    },
                    Span::new(start, self.end_of_previous()),
                ))
            }
        }
    }

    /// `datetime(2026-01-01 10:00)` holds no expression: read it as text, unless it holds a
    /// string or a call (`todatetime("...")`, `todatetime(x)`).
    fn raw_literal_follows(&self) -> bool {
        let first = self.peek_at(1);
        match first {
            Some(t) if t.kind == TokenKind::Number || t.kind == TokenKind::Timespan => true,
            Some(t) if t.kind == TokenKind::Symbol && t.text(self.text) == ")" => true,
            Some(t) if t.kind == TokenKind::Ident => {
                matches!(t.text(self.text), "null" | "now") && self.text_at(2) == ")"
            }
            _ => false,
        }
    }

    fn raw_parens(&mut self) -> Parsed<&'t str> {
        let span = self.skip_balanced()?;
        let text: &'t str = self.text;
        Ok(&text[span.start + 1..span.end - 1])
    }

    /// The JSON-like body of `dynamic(...)`: arrays, property bags, strings in either quote,
    /// numbers, booleans, null, and typed literals inside.
    fn dynamic_value(&mut self) -> Parsed<serde_json::Value> {
        use serde_json::Value as J;
        let Some(token) = self.peek() else {
            return Err(self.error("expected a dynamic value"));
        };
        let text = token.text(self.text);
        match (token.kind, text) {
            (TokenKind::Symbol, "[") => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.at("]") {
                    items.push(self.dynamic_value()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("]")?;
                Ok(J::Array(items))
            }
            (TokenKind::BracketIdent, _) => {
                self.pos += 1;
                let inner = text.trim_start_matches('[').trim_end_matches(']').trim();
                Ok(J::Array(vec![J::String(string_value(inner))]))
            }
            (TokenKind::Symbol, "{") => {
                self.pos += 1;
                let mut map = serde_json::Map::new();
                while !self.at("}") {
                    let key = match self.peek() {
                        Some(t) if t.kind == TokenKind::String => {
                            self.pos += 1;
                            string_value(t.text(self.text))
                        }
                        _ => self.name()?,
                    };
                    self.expect(":")?;
                    map.insert(key, self.dynamic_value()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("}")?;
                Ok(J::Object(map))
            }
            (TokenKind::Symbol, ")") => Ok(J::Null),
            _ => {
                let expr = self.unary()?;
                Ok(match expr.kind {
                    ExprKind::Literal(Literal::String(s)) => J::String(s),
                    ExprKind::Literal(Literal::Long(n)) => J::from(n),
                    ExprKind::Literal(Literal::Real(x)) => J::from(x),
                    ExprKind::Literal(Literal::Bool(b)) => J::Bool(b),
                    ExprKind::Literal(Literal::Null) => J::Null,
                    ExprKind::Literal(Literal::DateTime(t)) => {
                        J::String(crate::results::datetime::format_ticks(t))
                    }
                    ExprKind::Unary { op, operand } if op == "-" => match operand.kind {
                        ExprKind::Literal(Literal::Long(n)) => J::from(-n),
                        ExprKind::Literal(Literal::Real(x)) => J::from(-x),
                        _ => J::Null,
                    },
                    _ => {
                        return Err(crate::kql::ParseError {
                            message: "a dynamic literal holds only constants".into(),
                            span: expr.span,
                        })
                    }
                })
            }
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
