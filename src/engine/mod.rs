//! A KQL interpreter over in-memory tables: the engine behind the demo tenant. It runs the
//! syntax tree of `crate::kql`. What it cannot run it refuses by name and place, never with a
//! wrong answer.

mod aggregate;
mod bind;
mod budget;
mod chain;
mod context;
mod expr;
mod external_data;
pub mod fetched;
mod find;
pub mod functions;
mod naming;
mod operators;
mod pruning;
pub(crate) mod re2;
pub mod scalar;
mod sources;
pub mod table;
mod typing;
mod union;
mod window;

use std::collections::HashMap;
use std::sync::Arc;

pub use context::Limits;
pub use external_data::LocalCopies;
pub use scalar::Scalar;
pub use table::{ColumnDef, Table};

use crate::kql::Span;

/// Whether the engine runs the aggregate `name` in `summarize`.
pub fn runs_aggregate(name: &str) -> bool {
    aggregate::AggKind::from_name(name).is_some()
}

/// The tables a query can read.
#[derive(Clone, Debug, Default)]
pub struct Database {
    tables: HashMap<String, Arc<Table>>,
    local_copies: external_data::LocalCopies,
}

impl Database {
    pub fn insert(&mut self, name: &str, table: Table) {
        self.tables.insert(name.to_owned(), Arc::new(table));
    }

    /// A table shared with its owner (a fetched result's conversion), not copied.
    pub fn insert_shared(&mut self, name: &str, table: Arc<Table>) {
        self.tables.insert(name.to_owned(), table);
    }

    pub fn table(&self, name: &str) -> Option<&Arc<Table>> {
        self.tables.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.tables.keys()
    }

    /// The files `externaldata` reads in place of URLs.
    pub fn set_local_copies(&mut self, copies: LocalCopies) {
        self.local_copies = copies;
    }

    pub fn local_copies(&self) -> &LocalCopies {
        &self.local_copies
    }

    pub fn total_rows(&self) -> usize {
        self.tables.values().map(|t| t.len()).sum()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    /// A name that does not resolve, a wrong argument: the query's mistake.
    Semantic,
    /// Valid KQL that this engine does not run.
    Unsupported,
    /// Over the row, size or time limits.
    Limits,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EngineError {
    pub kind: ErrorKind,
    pub message: String,
    pub span: Option<Span>,
}

impl EngineError {
    pub(crate) fn semantic(message: impl Into<String>, span: Span) -> EngineError {
        EngineError {
            kind: ErrorKind::Semantic,
            message: message.into(),
            span: Some(span),
        }
    }

    pub(crate) fn unsupported(message: impl Into<String>, span: Span) -> EngineError {
        EngineError {
            kind: ErrorKind::Unsupported,
            message: message.into(),
            span: Some(span),
        }
    }

    /// The message as the service words it, with the place when there is one.
    pub fn describe(&self, text: &str) -> String {
        let suffix = match self.kind {
            ErrorKind::Syntax => "",
            ErrorKind::Semantic => " Fix semantic errors in your query.",
            ErrorKind::Unsupported => "",
            ErrorKind::Limits => "",
        };
        match self.span {
            Some(span) => {
                let (line, column) = span.line_column(text);
                format!(
                    "{} [line {line}, column {column}].{suffix}",
                    self.message.trim_end_matches('.')
                )
            }
            None => format!("{}{suffix}", self.message),
        }
    }
}

/// What a run produced, with what it read, for the server's Stats.
#[derive(Debug)]
pub struct Answer {
    pub table: Table,
    /// Rows of stored tables the query read.
    pub rows_scanned: usize,
    /// The stored tables the query read, once per read.
    pub tables_read: Vec<String>,
    /// The `render` operator's text, which the service ignores but a client may use.
    pub render: Option<String>,
}

/// Cheap to clone: the tables are shared.
#[derive(Clone)]
pub struct Engine {
    database: Arc<Database>,
}

impl Engine {
    pub fn new(database: Arc<Database>) -> Engine {
        Engine { database }
    }

    pub fn database(&self) -> &Database {
        &self.database
    }

    /// Runs a query as of `now` (ticks). The answer is the last tabular statement's table.
    pub fn run(&self, text: &str, now: i64, limits: &Limits) -> Result<Answer, EngineError> {
        let query = crate::kql::parse(text).map_err(|e| EngineError {
            kind: ErrorKind::Syntax,
            message: format!("Syntax error: {}", e.message),
            span: Some(e.span),
        })?;
        context::Ctx::new(&self.database, now, limits.clone()).run_query(&query)
    }
}

#[cfg(test)]
mod tests;
