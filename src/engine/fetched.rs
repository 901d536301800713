//! Results already fetched, read as tables: `_result` (this tab's result), `_tab("name")`
//! (another tab's) and `_run(ID)` (a run kept in the history). Whoever runs a local query puts
//! each one it reads in the [`super::Database`] under the name [`fetched_table`] gives it; the
//! engine only looks them up, so the workbench, the headless commands and completion agree.

use super::context::Ctx;
use super::table::Table;
use super::EngineError;
use crate::kql::ast::{Expr, ExprKind, Literal};
use crate::kql::Span;

/// This tab's result.
pub const THIS_RESULT: &str = "_result";
/// Another tab's result, by its name or number.
pub const TAB: &str = "_tab";
/// A run kept in the history, by its id.
pub const RUN: &str = "_run";

/// The database name of `_tab(arg)` or `_run(arg)`: `arg` a number, or a name quoted as Rust's
/// `{:?}` quotes it (so tab "2" and tab number 2 stay apart).
pub fn fetched_table(function: &str, arg: &str) -> String {
    format!("{function}({arg})")
}

/// Whether `name` is one of the functions that read a fetched result.
pub fn is_fetched_function(name: &str) -> bool {
    name == TAB || name == RUN
}

impl Ctx<'_> {
    /// `_tab(...)` or `_run(...)`: the table the caller put in the database for it.
    pub(super) fn fetched(
        &self,
        function: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Table, EngineError> {
        let arg = match args {
            [Expr {
                kind: ExprKind::Literal(Literal::String(s)),
                ..
            }] if function == TAB => format!("{s:?}"),
            [Expr {
                kind: ExprKind::Literal(Literal::Long(n)),
                ..
            }] => n.to_string(),
            _ => {
                return Err(EngineError::semantic(
                    format!("{function} takes one literal: _tab(\"name\") or _tab(2) for a tab, _run(42) for a run in the history"),
                    span,
                ))
            }
        };
        let name = fetched_table(function, &arg);
        if self.db.table(&name).is_none() {
            // Only a local run fills these; anywhere else (completion over empty tables) the
            // columns are not known yet, which is no mistake of the query's.
            return Err(EngineError::unsupported(
                format!("{name} is read when the query runs locally"),
                span,
            ));
        }
        self.named_table(&name, span)
    }
}
