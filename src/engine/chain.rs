//! Chains of one precedence level (`a or b or c`, `x + y - z`, `A == B`), bound and evaluated
//! in loops: the syntax tree keeps them flat, so a chain of 100,000 terms never recurses.

use std::borrow::Cow;
use std::sync::Arc;

use regex::Regex;

use super::bind::regex;
use super::context::Ctx;
use super::expr::{binary, BinOp, Bound, TextOp};
use super::scalar::Scalar;
use super::table::Table;
use super::EngineError;
use crate::kql::ast::Expr;

/// One operator and its right operand in a [`Bound::Chain`].
#[derive(Clone, Debug)]
pub enum Step {
    Op(BinOp, Bound),
    Regex(Arc<Regex>),
    /// `matches regex` with a pattern from a column or an expression: compiled per value.
    RegexOf(Bound),
}

fn text_op(op: &str) -> Option<BinOp> {
    let negated = op.starts_with('!') || op.starts_with("not");
    let base = op.trim_start_matches('!').trim_start_matches("not");
    let (base, case_sensitive) = match base.strip_suffix("_cs").or_else(|| base.strip_suffix("cs"))
    {
        Some(b) if b != "ha" => (b, true),
        _ => (base, false),
    };
    let op = match base {
        "has" => TextOp::Has,
        "contains" => TextOp::Contains,
        "startswith" => TextOp::StartsWith,
        "endswith" => TextOp::EndsWith,
        "hasprefix" => TextOp::HasPrefix,
        "hassuffix" => TextOp::HasSuffix,
        _ => return None,
    };
    Some(BinOp::Text {
        op,
        case_sensitive,
        negated,
    })
}

impl Ctx<'_> {
    /// `a or b or c`, `a and b`, and chains of comparisons and arithmetic, bound flat.
    pub(super) fn bind_chain(
        &self,
        first: &Expr,
        rest: &[(String, Expr)],
        table: &Table,
    ) -> Result<Bound, EngineError> {
        let head = self.bind(first, table)?;
        for logical in ["and", "or"] {
            if rest.iter().all(|(op, _)| op == logical) {
                let mut terms = Vec::with_capacity(rest.len() + 1);
                terms.push(head);
                for (_, operand) in rest {
                    terms.push(self.bind(operand, table)?);
                }
                return Ok(if logical == "and" {
                    Bound::And(terms)
                } else {
                    Bound::Or(terms)
                });
            }
        }
        let mut steps = Vec::with_capacity(rest.len());
        for (op, operand) in rest {
            let span = operand.span;
            let right = self.bind(operand, table)?;
            let op = match op.as_str() {
                "matches regex" => match &right {
                    Bound::Const(pattern) => {
                        steps.push(Step::Regex(regex(pattern, span)?));
                        continue;
                    }
                    _ => {
                        steps.push(Step::RegexOf(right));
                        continue;
                    }
                },
                "==" => BinOp::Eq,
                "!=" => BinOp::Ne,
                "=~" => BinOp::EqCi,
                "!~" => BinOp::NeCi,
                "<" => BinOp::Lt,
                "<=" => BinOp::Le,
                ">" => BinOp::Gt,
                ">=" => BinOp::Ge,
                "+" => BinOp::Add,
                "-" => BinOp::Sub,
                "*" => BinOp::Mul,
                "/" => BinOp::Div,
                "%" => BinOp::Mod,
                word => text_op(word).ok_or_else(|| {
                    EngineError::unsupported(
                        format!("The operator '{word}' is not supported"),
                        span,
                    )
                })?,
            };
            steps.push(Step::Op(op, right));
        }
        Ok(Bound::Chain(Box::new(head), steps))
    }
}

/// `first op x op y ...`, left to right.
pub(super) fn fold(first: &Bound, steps: &[Step], table: &Table, row: usize) -> Scalar {
    let mut value = first.eval_ref(table, row);
    for step in steps {
        value = Cow::Owned(match step {
            Step::Op(op, right) => binary(*op, &value, &right.eval_ref(table, row)),
            Step::Regex(regex) => value
                .to_text()
                .map_or(Scalar::Bool(false), |s| Scalar::Bool(regex.is_match(&s))),
            // A pattern that is not a valid regular expression matches nothing; a null
            // pattern is a null answer.
            Step::RegexOf(pattern) => {
                match (value.to_text(), pattern.eval_ref(table, row).to_text()) {
                    (_, None) => Scalar::Null,
                    (None, Some(_)) => Scalar::Bool(false),
                    (Some(s), Some(p)) => Scalar::Bool(
                        super::functions::regexes::compiled(&p).is_some_and(|re| re.is_match(&s)),
                    ),
                }
            }
        });
    }
    value.into_owned()
}

/// `and`, three-valued as in Kusto: any false is false, else any null is null.
pub(super) fn all_of(terms: &[Bound], table: &Table, row: usize) -> Scalar {
    let mut unknown = false;
    for term in terms {
        match term.eval_ref(table, row).as_bool() {
            Some(false) => return Scalar::Bool(false),
            Some(true) => {}
            None => unknown = true,
        }
    }
    if unknown {
        Scalar::Null
    } else {
        Scalar::Bool(true)
    }
}

/// `or`, three-valued: any true is true, else any null is null.
pub(super) fn any_of(terms: &[Bound], table: &Table, row: usize) -> Scalar {
    Scalar::any_true(terms.iter().map(|t| t.eval_ref(table, row).as_bool()))
}
