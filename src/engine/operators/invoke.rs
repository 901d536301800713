//! `T | invoke f(args)`: a tabular function of the query's `let`s, called with the rows before
//! `invoke` as its first argument.

use super::super::context::{Binding, Ctx};
use super::super::table::Table;
use super::super::EngineError;
use crate::kql::ast::{Expr, ExprKind};
use crate::kql::Span;

/// The name the piped rows are bound to while the function runs: not a valid KQL name, so no
/// query can shadow it.
const PIPED_ROWS: &str = "$invoke input";

impl Ctx<'_> {
    pub fn invoke(&self, table: Table, call: &Expr, span: Span) -> Result<Table, EngineError> {
        let (name, args) = match &call.kind {
            ExprKind::Call { name, args } => (name, args.as_slice()),
            ExprKind::Name(name) => (name, &[][..]),
            _ => {
                return Err(EngineError::semantic(
                    "invoke needs a function call: T | invoke f(...)",
                    span,
                ))
            }
        };
        let mut inner = Ctx::new(self.db, self.now, self.limits.clone());
        inner.env = self.env.clone();
        inner.nesting = self.nesting.clone();
        inner
            .env
            .insert(PIPED_ROWS.to_owned(), Binding::Table(table));
        let mut with_input = vec![Expr::new(ExprKind::Name(PIPED_ROWS.to_owned()), call.span)];
        with_input.extend(args.iter().cloned());
        let result = inner.call_table(name, &with_input, call.span);
        self.scanned.set(self.scanned.get() + inner.scanned.get());
        self.tables_read
            .borrow_mut()
            .extend(inner.tables_read.take());
        result
    }
}
