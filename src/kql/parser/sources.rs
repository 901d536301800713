//! The sources a pipeline starts from: tables, `print`, `union`, `datatable`, `range`,
//! `search`, and the operators' `name=value` parameters.

use super::{Parsed, Parser};
use crate::kql::ast::*;
use crate::kql::lexer::TokenKind;
use crate::kql::Span;

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
    pub(super) fn source(&mut self) -> Parsed<Expr> {
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
                let params = self.operator_params();
                let mut tables = vec![self.union_table()?];
                while self.eat(",") {
                    tables.push(self.union_table()?);
                }
                match super::operators::union_params(params) {
                    Ok(with_source) => ExprKind::Union {
                        tables,
                        with_source,
                    },
                    Err(refused) => ExprKind::Unsupported(refused),
                }
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
            "find" if is_word && self.text_at(1) != "=" && self.text_at(1) != "(" => {
                self.pos += 1;
                self.find()?
            }
            "externaldata" if is_word && self.text_at(1) == "(" => {
                self.pos += 1;
                self.external_data()?
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

    pub(super) fn datatable(&mut self) -> Parsed<ExprKind> {
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
}
