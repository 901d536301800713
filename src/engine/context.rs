//! The state of one run: `let` bindings, the clock, the limits, and what was read.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use super::expr::Bound;
use super::scalar::Scalar;
use super::table::Table;
use super::{Answer, Database, EngineError, ErrorKind};
use crate::kql::ast::{Lambda, LetValue, Query, Statement};
use crate::kql::Span;
use crate::limits::{Level, Nesting};

/// Caps that keep one query from taking the demo tenant down.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Rows a result may have (the service's 100,000).
    pub max_rows: usize,
    /// Cells an intermediate table may have before the query is stopped.
    pub max_cells: usize,
    pub deadline: Option<Instant>,
    /// Graph's Timespan: stored tables show only rows whose Timestamp falls in it.
    pub time_range: Option<(i64, i64)>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rows: 100_000,
            max_cells: 20_000_000,
            deadline: None,
            time_range: None,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Binding {
    Scalar(Scalar),
    Table(Table),
    Function(Rc<Lambda>),
    /// A function's parameter, bound to its argument's expression.
    Bound(Bound),
    /// A `let` whose value is null, with the type it has (`toscalar` of no rows).
    TypedNull(crate::results::ColumnKind),
}

pub struct Ctx<'d> {
    pub db: &'d Database,
    pub now: i64,
    pub limits: Limits,
    pub env: HashMap<String, Binding>,
    pub scanned: Cell<usize>,
    /// The stored tables read, by name, once per read (the emulator's statistics use them).
    pub tables_read: std::cell::RefCell<Vec<String>>,
    pub render: std::cell::RefCell<Option<String>>,
    /// How deep binding and running have gone, shared with the contexts of function bodies.
    pub nesting: Nesting,
    /// Whether the rows the current operator reads are serialized (window functions need it).
    pub serialized: Cell<bool>,
    /// Whether the last pipeline run ended serialized: a bracketed pipeline as a source.
    pub ended_serialized: Cell<bool>,
}

impl<'d> Ctx<'d> {
    pub fn new(db: &'d Database, now: i64, limits: Limits) -> Ctx<'d> {
        Ctx {
            db,
            now,
            limits,
            env: HashMap::new(),
            scanned: Cell::new(0),
            tables_read: Default::default(),
            render: Default::default(),
            nesting: Nesting::default(),
            serialized: Cell::new(false),
            ended_serialized: Cell::new(false),
        }
    }

    /// One level deeper (a bound expression, a function's body), or the error
    /// that names the limit: a function that calls itself stops here, not in a stack overflow.
    pub fn deeper(&self, span: Option<Span>) -> Result<Level, EngineError> {
        self.nesting.enter().map_err(|e| EngineError {
            kind: ErrorKind::Limits,
            message: e.to_string(),
            span,
        })
    }

    pub fn run_query(mut self, query: &Query) -> Result<Answer, EngineError> {
        let mut last = None;
        for statement in &query.statements {
            match statement {
                Statement::Let { name, value, .. } => self.bind_let(name, value)?,
                Statement::Set { .. } => {}
                Statement::Tabular(pipeline) => last = Some(self.pipeline(pipeline)?),
            }
        }
        let table = last.ok_or_else(|| EngineError {
            kind: ErrorKind::Semantic,
            message: "The query has no tabular statement to return: end it with a table expression"
                .into(),
            span: None,
        })?;
        if table.len() > self.limits.max_rows {
            return Err(EngineError {
                kind: ErrorKind::Limits,
                message: format!(
                    "Query result set has exceeded the internal record count limit {} (E_QUERY_RESULT_SET_TOO_LARGE): add | take or narrow the query",
                    self.limits.max_rows
                ),
                span: None,
            });
        }
        Ok(Answer {
            table,
            rows_scanned: self.scanned.get(),
            tables_read: self.tables_read.take(),
            render: self.render.take(),
        })
    }

    pub fn bind_let(&mut self, name: &str, value: &LetValue) -> Result<(), EngineError> {
        let binding = match value {
            LetValue::Function(lambda) => Binding::Function(Rc::new(lambda.clone())),
            LetValue::Expr(expr) => {
                if self.is_tabular(expr) {
                    Binding::Table(self.tabular(expr)?)
                } else {
                    let bound = self.bind(expr, &Table::default())?;
                    match bound.eval_ref(&Table::default(), 0).into_owned() {
                        Scalar::Null => Binding::TypedNull(self.null_kind(expr)),
                        value => Binding::Scalar(value),
                    }
                }
            }
        };
        self.env.insert(name.to_owned(), binding);
        Ok(())
    }

    pub fn check_deadline(&self) -> Result<(), EngineError> {
        if self.limits.deadline.is_some_and(|d| Instant::now() > d) {
            return Err(EngineError {
                kind: ErrorKind::Limits,
                message: "Query execution has exceeded the allowed limits. The query execution was preempted. Optimize your query by following best practices and try again.".into(),
                span: None,
            });
        }
        Ok(())
    }
}
