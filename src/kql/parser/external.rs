//! Sources that reach beyond one table: `find` across tables and `externaldata` from URLs.

use super::{Parsed, Parser};
use crate::kql::ast::*;
use crate::kql::lexer::{string_value, TokenKind};

impl Parser<'_> {
    /// After `find`: `[withsource=C] [in (T, ...)] where Predicate [project-smart | project a, b]`.
    pub(super) fn find(&mut self) -> Parsed<ExprKind> {
        let params = self.operator_params();
        let mut tables = Vec::new();
        if self.eat("in") {
            self.expect("(")?;
            while !self.at(")") {
                tables.push(self.union_table()?);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
        }
        // `find Predicate` is the abbreviated form of `find where Predicate`.
        self.eat("where");
        let predicate = Box::new(self.expr()?);
        let mut project = None;
        if self.at("project") {
            let save = self.pos;
            let word = self.hyphenated_word()?.to_ascii_lowercase();
            match word.as_str() {
                "project-smart" => {}
                "project" => {
                    let mut columns = Vec::new();
                    loop {
                        // `Name`, `Name:type` and `pack_all()` are kept as written; the
                        // engine says which it runs.
                        let mut column = self.name()?;
                        if self.eat(":") {
                            column = format!("{column}:{}", self.name()?);
                        } else if self.at("(") {
                            self.skip_balanced()?;
                            column.push_str("()");
                        }
                        columns.push(column);
                        if !self.eat(",") {
                            break;
                        }
                    }
                    project = Some(columns);
                }
                _ => self.pos = save,
            }
        }
        let source = params
            .into_iter()
            .find(|(k, _)| k == "withsource" || k == "with_source")
            .map_or_else(|| "source_".to_owned(), |(_, v)| v);
        Ok(ExprKind::Find {
            tables,
            predicate,
            project,
            source,
        })
    }

    /// After `externaldata`: `(Col:type, ...) [ "url", ... ] [with (name = value, ...)]`.
    pub(super) fn external_data(&mut self) -> Parsed<ExprKind> {
        self.expect("(")?;
        let mut columns = Vec::new();
        while !self.at(")") {
            let name = self.name()?;
            self.expect(":")?;
            columns.push((name, self.name()?));
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        self.expect("[")?;
        let mut urls = Vec::new();
        while !self.at("]") {
            let mut url = String::new();
            while let Some(t) = self.peek().filter(|t| t.kind == TokenKind::String) {
                url.push_str(&string_value(t.text(self.text)));
                self.pos += 1;
            }
            if url.is_empty() {
                return Err(self.error("expected the URL as a string"));
            }
            urls.push(url);
            if !self.eat(",") {
                break;
            }
        }
        self.expect("]")?;
        let mut properties = Vec::new();
        if self.eat("with") {
            self.expect("(")?;
            while !self.at(")") {
                let name = self.name()?.to_ascii_lowercase();
                self.expect("=")?;
                let value = match self.peek() {
                    Some(t) if t.kind == TokenKind::String => string_value(t.text(self.text)),
                    Some(t) => t.text(self.text).to_owned(),
                    None => return Err(self.error("expected a value")),
                };
                self.pos += 1;
                properties.push((name, value));
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
        }
        Ok(ExprKind::ExternalData(ExternalData {
            columns,
            urls,
            properties,
        }))
    }
}
