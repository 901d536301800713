//! Words and literals: `true`, names, calls, and the typed literals whose insides are not
//! expressions (`datetime(2026-01-01)`, `dynamic([...])`, `typeof(string)`).

use super::{Parsed, Parser};
use crate::kql::ast::*;
use crate::kql::lexer::{string_value, timespan_ticks, TokenKind};
use crate::kql::Span;

impl<'t> Parser<'t> {
    pub(super) fn word(&mut self) -> Parsed<Expr> {
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
                    crate::text::parse_dotnet_timespan(raw.trim())
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
    pub(super) fn raw_literal_follows(&self) -> bool {
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

    pub(super) fn raw_parens(&mut self) -> Parsed<&'t str> {
        let span = self.skip_balanced()?;
        let text: &'t str = self.text;
        Ok(&text[span.start + 1..span.end - 1])
    }

    /// The JSON-like body of `dynamic(...)`: arrays, property bags, strings in either quote,
    /// numbers, booleans, null, and typed literals inside.
    pub(super) fn dynamic_value(&mut self) -> Parsed<serde_json::Value> {
        use serde_json::Value as J;
        let _level = self.deeper()?;
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
}
