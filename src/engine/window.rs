//! Window functions (`row_number`, `prev`, `next`, `row_cumsum`, `row_window_session`) and
//! the serialized row set they need. Each is computed once over the rows of the table it is
//! bound to, in order, and read back row by row.

use std::sync::Arc;

use super::context::Ctx;
use super::expr::{binary, BinOp, Bound};
use super::scalar::Scalar;
use super::table::Table;
use super::EngineError;
use crate::kql::ast::{Expr, OperatorKind};
use crate::kql::Span;

const WINDOW_FUNCTIONS: &[&str] = &[
    "row_number",
    "prev",
    "next",
    "row_cumsum",
    "row_window_session",
];

/// Whether an operator's output is serialized, given whether its input was: sorting operators
/// serialize; the ones Kusto lists keep what they were given; every other one drops it.
pub fn serialized_after(kind: &OperatorKind, input: bool) -> bool {
    match kind {
        OperatorKind::Sort(_)
        | OperatorKind::Top { .. }
        | OperatorKind::Serialize(_)
        | OperatorKind::GetSchema => true,
        OperatorKind::Extend(_)
        | OperatorKind::MvExpand { .. }
        | OperatorKind::Parse { .. }
        | OperatorKind::Project(_)
        | OperatorKind::ProjectAway(_)
        | OperatorKind::ProjectRename(_)
        | OperatorKind::Take(_)
        | OperatorKind::Where(_) => input,
        _ => false,
    }
}

impl Ctx<'_> {
    /// A window function bound over `table`'s rows, or `None` for any other name.
    pub(super) fn window_call(
        &self,
        name: &str,
        args: &[Expr],
        table: &Table,
        span: Span,
    ) -> Result<Option<Bound>, EngineError> {
        if !WINDOW_FUNCTIONS.contains(&name) {
            return Ok(None);
        }
        if !self.serialized.get() {
            return Err(EngineError::semantic(
                format!("Function '{name}' cannot be invoked in the current context: the row set must be serialized (add '| serialize' or '| sort by ...' before it)"),
                span,
            ));
        }
        let rows = table.len();
        let column = |i: usize| -> Result<Option<Vec<Scalar>>, EngineError> {
            match args.get(i) {
                Some(arg) => {
                    let bound = self.bind(arg, table)?;
                    Ok(Some((0..rows).map(|r| bound.eval(table, r)).collect()))
                }
                None => Ok(None),
            }
        };
        // A constant binds without the table's columns (`-1` included, which is not folded).
        let constant = |i: usize, default: Scalar| -> Result<Scalar, EngineError> {
            let Some(arg) = args.get(i) else {
                return Ok(default);
            };
            let none = Table::default();
            match self.bind(arg, &none) {
                Ok(bound) => Ok(bound.eval(&none, 0)),
                Err(_) => Err(EngineError::semantic(
                    format!("'{name}': argument {} must be a constant", i + 1),
                    span,
                )),
            }
        };
        let needs = |n: usize| {
            if args.len() < n {
                Err(EngineError::semantic(
                    format!("'{name}' expects at least {n} argument(s)"),
                    span,
                ))
            } else {
                Ok(())
            }
        };
        let restarts = |values: Option<Vec<Scalar>>| -> Vec<bool> {
            values.map_or_else(
                || vec![false; rows],
                |v| v.iter().map(|s| s.as_bool() == Some(true)).collect(),
            )
        };
        let values: Vec<Scalar> = match name {
            "row_number" => {
                let start = constant(0, Scalar::Long(1))?.as_i64().ok_or_else(|| {
                    EngineError::semantic("row_number: the start must be a number", span)
                })?;
                let restart = restarts(column(1)?);
                let mut current = start;
                (0..rows)
                    .map(|r| {
                        current = if r == 0 || restart[r] {
                            start
                        } else {
                            current + 1
                        };
                        Scalar::Long(current)
                    })
                    .collect()
            }
            "prev" | "next" => {
                needs(1)?;
                let source = column(0)?.unwrap_or_default();
                let offset = constant(1, Scalar::Long(1))?.as_i64().ok_or_else(|| {
                    EngineError::semantic(format!("{name}: the offset must be a number"), span)
                })?;
                let default = constant(2, Scalar::Null)?;
                let offset = if name == "prev" { -offset } else { offset };
                (0..rows as i64)
                    .map(|r| {
                        let at = r + offset;
                        if (0..rows as i64).contains(&at) {
                            source[at as usize].clone()
                        } else {
                            default.clone()
                        }
                    })
                    .collect()
            }
            "row_cumsum" => {
                needs(1)?;
                let terms = column(0)?.unwrap_or_default();
                let restart = restarts(column(1)?);
                let mut sum: Option<Scalar> = None;
                terms
                    .into_iter()
                    .enumerate()
                    .map(|(r, term)| {
                        if restart[r] {
                            sum = None;
                        }
                        if !term.is_null() {
                            sum = Some(match sum.take() {
                                None => term,
                                Some(s) => binary(BinOp::Add, &s, &term),
                            });
                        }
                        sum.clone().unwrap_or(Scalar::Null)
                    })
                    .collect()
            }
            _ => {
                needs(3)?;
                let values = column(0)?.unwrap_or_default();
                let from_first = constant(1, Scalar::Null)?;
                let between = constant(2, Scalar::Null)?;
                let restart = restarts(column(3)?);
                sessions(&values, &from_first, &between, &restart)
            }
        };
        Ok(Some(Bound::Rows(Arc::new(values))))
    }
}

/// `row_window_session`: each value's session start. A session starts at the first row, after
/// a null, when the value reaches the start plus `from_first` or the previous value plus
/// `between`, or where `restart` holds.
fn sessions(
    values: &[Scalar],
    from_first: &Scalar,
    between: &Scalar,
    restart: &[bool],
) -> Vec<Scalar> {
    let reaches = |value: &Scalar, base: &Scalar, distance: &Scalar| {
        let limit = binary(BinOp::Add, base, distance);
        !limit.is_null() && value.compare(&limit).is_ge()
    };
    let mut start = Scalar::Null;
    let mut previous = Scalar::Null;
    values
        .iter()
        .enumerate()
        .map(|(r, value)| {
            let new_session = start.is_null()
                || previous.is_null()
                || restart[r]
                || reaches(value, &start, from_first)
                || reaches(value, &previous, between);
            if new_session {
                start = value.clone();
            }
            previous = value.clone();
            start.clone()
        })
        .collect()
}
