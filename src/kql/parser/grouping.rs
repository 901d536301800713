//! Operators that group rows or run operators per group: `make-series`, `top-nested`,
//! `partition`, `mv-apply`, and `evaluate` plugins.

use super::{Parsed, Parser};
use crate::kql::ast::*;

impl Parser<'_> {
    /// `( op | op ... )`: operators with an implicit source (the group or the expanded row).
    pub(super) fn operator_block(&mut self) -> Parsed<Vec<Operator>> {
        self.expect("(")?;
        let mut operators = Vec::new();
        self.eat("|");
        while !self.at(")") {
            operators.push(self.operator()?);
            if !self.eat("|") {
                break;
            }
        }
        self.expect(")")?;
        Ok(operators)
    }

    pub(super) fn make_series(&mut self) -> Parsed<OperatorKind> {
        let params = self.operator_params();
        let nonempty = params
            .iter()
            .any(|(k, v)| k == "kind" && v.eq_ignore_ascii_case("nonempty"));
        let mut aggregates = Vec::new();
        loop {
            let aggregate = self.named_expr()?;
            let default = if self.at("default") && self.text_at(1) == "=" {
                self.pos += 2;
                Some(self.expr()?)
            } else {
                None
            };
            aggregates.push((aggregate, default));
            if !self.eat(",") {
                break;
            }
        }
        self.expect("on")?;
        let axis = self.expr()?;
        let (from, to, step);
        if self.eat("in") {
            // `on Axis in range(start, stop, step)`
            self.expect("range")?;
            let mut args = self.call_args()?.into_iter();
            from = args.next();
            to = args.next();
            step = args
                .next()
                .ok_or_else(|| self.error("range() needs start, stop and step"))?;
        } else {
            from = if self.eat("from") {
                Some(self.expr()?)
            } else {
                None
            };
            to = if self.eat("to") {
                Some(self.expr()?)
            } else {
                None
            };
            self.expect("step")?;
            step = self.expr()?;
        }
        let by = if self.eat("by") {
            self.named_list()?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::MakeSeries(Box::new(MakeSeries {
            aggregates,
            axis,
            from,
            to,
            step,
            by,
            nonempty,
        })))
    }

    pub(super) fn top_nested(&mut self) -> Parsed<OperatorKind> {
        let mut levels = Vec::new();
        loop {
            let count = if self.at("of") {
                None
            } else {
                Some(self.expr()?)
            };
            self.expect("of")?;
            let of = self.named_expr()?;
            let others = if self.at("with") && self.text_at(1).eq_ignore_ascii_case("others") {
                self.pos += 2;
                self.expect("=")?;
                Some(self.expr()?)
            } else {
                None
            };
            self.expect("by")?;
            let by = self.named_expr()?;
            let ascending = self.eat("asc");
            if !ascending {
                self.eat("desc");
            }
            levels.push(TopNestedLevel {
                count,
                of,
                others,
                by,
                ascending,
            });
            if !self.at(",") {
                break;
            }
            self.pos += 1;
            let word = self.hyphenated_word()?;
            if !word.eq_ignore_ascii_case("top-nested") {
                return Err(self.error("expected 'top-nested' after ','"));
            }
        }
        Ok(OperatorKind::TopNested(levels))
    }

    pub(super) fn partition(&mut self) -> Parsed<OperatorKind> {
        self.operator_params();
        self.expect("by")?;
        let by = self.name()?;
        self.operator_params();
        if self.at("{") {
            // The legacy `{ subquery }` form: understood in shape, refused by the engine.
            self.skip_balanced()?;
            return Ok(OperatorKind::Other {
                name: "partition { }".into(),
            });
        }
        let operators = self.operator_block()?;
        Ok(OperatorKind::Partition { by, operators })
    }

    pub(super) fn mv_apply(&mut self) -> Parsed<OperatorKind> {
        let mut item_index = self
            .operator_params()
            .into_iter()
            .find(|(k, _)| k == "with_itemindex")
            .map(|(_, v)| v);
        let mut columns = Vec::new();
        loop {
            let item = self.named_expr()?;
            let kind = if self.eat("to") {
                self.expect("typeof")?;
                self.expect("(")?;
                let kind = self.name()?;
                self.expect(")")?;
                Some(kind)
            } else {
                None
            };
            columns.push((item, kind));
            if !self.eat(",") {
                break;
            }
        }
        let limit = if self.eat("limit") {
            Some(self.expr()?)
        } else {
            None
        };
        if item_index.is_none() {
            item_index = self
                .operator_params()
                .into_iter()
                .find(|(k, _)| k == "with_itemindex")
                .map(|(_, v)| v);
        }
        self.expect("on")?;
        let operators = self.operator_block()?;
        Ok(OperatorKind::MvApply(Box::new(MvApply {
            item_index,
            columns,
            limit,
            operators,
        })))
    }

    pub(super) fn evaluate(&mut self) -> Parsed<OperatorKind> {
        self.operator_params();
        let plugin = self.name()?.to_ascii_lowercase();
        let args = self.call_args()?;
        let schema = if self.eat(":") {
            self.expect("(")?;
            let mut columns = Vec::new();
            while !self.at(")") {
                if self.eat("*") {
                    columns.push(("*".to_owned(), "*".to_owned()));
                } else {
                    let name = self.name()?;
                    self.expect(":")?;
                    columns.push((name, self.name()?));
                }
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
            Some(columns)
        } else {
            None
        };
        Ok(OperatorKind::Evaluate(Evaluate {
            plugin,
            args,
            schema,
        }))
    }
}
