//! Functions that give several columns from one call (`series_stats`), in `extend` and
//! `project`: named by `(a, b, ...) =` or as Kusto names them (`series_stats_x_min`).

use super::super::context::Ctx;
use super::super::functions::series::{stats, STATS};
use super::super::naming;
use super::super::scalar::Scalar;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{ExprKind, NamedExpr};
use crate::results::ColumnKind;

/// Each column a call gives, with its values.
type Columns = Vec<(ColumnDef, Vec<Scalar>)>;

impl Ctx<'_> {
    /// The columns of a call that yields several, or `None` for any other expression.
    pub(super) fn multi_columns(
        &self,
        table: &Table,
        item: &NamedExpr,
    ) -> Result<Option<Columns>, EngineError> {
        let ExprKind::Call { name, args } = &item.expr.kind else {
            return Ok(None);
        };
        if !name.eq_ignore_ascii_case("series_stats") {
            return Ok(None);
        }
        let span = item.expr.span;
        if args.is_empty() || args.len() > 2 {
            return Err(EngineError::semantic(
                "series_stats expects a series and, optionally, ignore_nonfinite",
                span,
            ));
        }
        if !item.names.is_empty() && item.names.len() != STATS.len() {
            return Err(EngineError::unsupported(
                format!("series_stats gives {} columns; naming {} of them is not supported by the kqlhunt demo tenant: name all or none", STATS.len(), item.names.len()),
                span,
            ));
        }
        let series = self.bind(&args[0], table)?;
        let skip = match args.get(1) {
            Some(a) => self.bind(a, table)?,
            None => super::super::expr::Bound::Const(Scalar::Bool(false)),
        };
        let mut columns: Vec<Vec<Scalar>> = vec![Vec::with_capacity(table.len()); STATS.len()];
        for row in 0..table.len() {
            let skip = skip.eval_ref(table, row).as_bool() == Some(true);
            for (c, value) in stats(&series.eval_ref(table, row), skip)
                .into_iter()
                .enumerate()
            {
                columns[c].push(value);
            }
        }
        let prefix = match naming::inferred(&args[0]) {
            Some(column) => format!("series_stats_{column}_"),
            None => "series_stats_".to_owned(),
        };
        Ok(Some(
            STATS
                .iter()
                .zip(columns)
                .enumerate()
                .map(|(i, (stat, values))| {
                    let name = item
                        .names
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("{prefix}{stat}"));
                    let kind = if stat.ends_with("_idx") {
                        ColumnKind::Long
                    } else {
                        ColumnKind::Real
                    };
                    (ColumnDef { name, kind }, values)
                })
                .collect(),
        ))
    }
}
