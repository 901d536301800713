//! Where a pipeline's rows come from: stored tables, `let` tables and functions, `datatable`,
//! `print`, `union`, `range` and `search`.

use super::context::{Binding, Ctx};
use super::scalar::Scalar;
use super::table::{ColumnDef, Table};
use super::EngineError;
use crate::kql::ast::{Expr, ExprKind, OperatorKind, Pipeline};
use crate::kql::Span;
use crate::results::ColumnKind;

impl Ctx<'_> {
    pub fn pipeline(&self, pipeline: &Pipeline) -> Result<Table, EngineError> {
        let outer = self.serialized.get();
        let table = match &pipeline.source.kind {
            // `union *` keeps only the columns the rest of the pipeline reads, when that is
            // certain: the full union of every table is more than one operator may hold.
            ExprKind::Union {
                tables,
                with_source,
            } => match super::pruning::columns_read(&pipeline.operators) {
                Some(read) => {
                    self.union_reading(None, tables, with_source.as_deref(), Some(&read))?
                }
                None => self.tabular(&pipeline.source)?,
            },
            _ => self.tabular(&pipeline.source)?,
        };
        let serialized = match &pipeline.source.kind {
            ExprKind::Range { .. } => true,
            ExprKind::Pipeline(_) => self.ended_serialized.get(),
            _ => false,
        };
        let ran = self.operators(table, &pipeline.operators, serialized);
        self.serialized.set(outer);
        ran
    }

    /// Runs operators in turn, keeping track of whether their rows are serialized.
    pub fn operators(
        &self,
        mut table: Table,
        operators: &[crate::kql::ast::Operator],
        mut serialized: bool,
    ) -> Result<Table, EngineError> {
        for operator in operators {
            self.check_deadline()?;
            // `serialize x = row_number()` computes on the rows it has just serialized.
            let reading = serialized || matches!(operator.kind, OperatorKind::Serialize(_));
            self.serialized.set(reading);
            table = self.operator(table, operator)?;
            serialized = super::window::serialized_after(&operator.kind, serialized);
        }
        self.ended_serialized.set(serialized);
        Ok(table)
    }

    pub fn tabular(&self, expr: &Expr) -> Result<Table, EngineError> {
        let span = expr.span;
        match &expr.kind {
            ExprKind::Pipeline(p) => self.pipeline(p),
            ExprKind::Name(name) => self.named_table(name, span),
            ExprKind::Call { name, args } => self.call_table(name, args, span),
            ExprKind::Datatable { columns, values } => self.datatable(columns, values, span),
            ExprKind::Print(items) => {
                let empty = Table::new(Vec::new(), Vec::new());
                let one_row = Table {
                    rows: Some(std::sync::Arc::new(vec![0])),
                    ..empty
                };
                let mut table = Table::default();
                for (i, item) in items.iter().enumerate() {
                    let bound = self.bind(&item.expr, &one_row)?;
                    let value = bound.eval_ref(&one_row, 0).into_owned();
                    let kind = self.result_kind(&item.expr, &one_row, std::slice::from_ref(&value));
                    let name = item
                        .names
                        .first()
                        .cloned()
                        .or_else(|| super::naming::inferred(&item.expr))
                        .unwrap_or_else(|| format!("print_{i}"));
                    let value = super::table::typed_values(kind, vec![value]);
                    table.columns.push(ColumnDef { name, kind });
                    table.data.push(std::sync::Arc::new(value));
                }
                Ok(table)
            }
            ExprKind::Union {
                tables,
                with_source,
            } => self.union(tables, with_source.as_deref()),
            ExprKind::Range {
                name,
                from,
                to,
                step,
            } => self.range(name, from, to, step),
            ExprKind::Search { tables, predicate } => self.search(tables, predicate),
            ExprKind::Find {
                tables,
                predicate,
                project,
                source,
            } => self.find(tables, predicate, project.as_deref(), source, span),
            ExprKind::ExternalData(source) => self.external_data(source, span),
            ExprKind::Unsupported(name) => Err(EngineError::unsupported(
                format!("The '{name}' operator is not supported by the kqlhunt demo tenant"),
                span,
            )),
            _ => Err(EngineError::semantic(
                "A scalar expression cannot start a tabular expression",
                span,
            )),
        }
    }

    pub(super) fn named_table(&self, name: &str, span: Span) -> Result<Table, EngineError> {
        match self.env.get(name) {
            Some(Binding::Table(t)) => return Ok(t.clone()),
            Some(Binding::Function(f)) if f.params.is_empty() => {
                return self.call_table(name, &[], span)
            }
            _ => {}
        }
        match self.db.table(name) {
            Some(t) => {
                self.scanned.set(self.scanned.get() + t.len());
                self.tables_read.borrow_mut().push(name.to_owned());
                // Defender's tables keep time in Timestamp, Sentinel's in TimeGenerated.
                let time = t
                    .column_index("Timestamp")
                    .or_else(|| t.column_index("TimeGenerated"));
                match (self.limits.time_range, time) {
                    (Some((from, to)), Some(ts)) => {
                        let rows = (0..t.len())
                            .filter(|&r| matches!(t.get(r, ts), Scalar::DateTime(x) if (from..=to).contains(x)))
                            .map(|r| r as u32)
                            .collect();
                        Ok(t.select(rows))
                    }
                    _ => Ok((**t).clone()),
                }
            }
            None => Err(EngineError::semantic(
                format!("Failed to resolve table or column expression named '{name}'"),
                span,
            )),
        }
    }

    pub(super) fn call_table(
        &self,
        name: &str,
        args: &[Expr],
        span: Span,
    ) -> Result<Table, EngineError> {
        // The query's own nesting is bounded by the parser; a function's body is not, since a
        // function may call itself: each call is a level.
        let _level = self.deeper(Some(span))?;
        let function = match self.env.get(name) {
            Some(Binding::Function(f)) => f.clone(),
            _ => {
                if super::fetched::is_fetched_function(name) {
                    return self.fetched(name, args, span);
                }
                return match name.to_ascii_lowercase().as_str() {
                    "materialize" | "view" if args.len() == 1 => self.tabular(&args[0]),
                    "table" if args.len() == 1 => match &args[0].kind {
                        ExprKind::Literal(crate::kql::ast::Literal::String(t)) => self.named_table(t, span),
                        _ => self.tabular(&args[0]),
                    },
                    _ => Err(EngineError::unsupported(
                        format!("'{name}' is not a table or function this demo tenant knows (built-in functions such as FileProfile or DeviceFromIP are not supported)"),
                        span,
                    )),
                };
            }
        };
        let mut inner = Ctx::new(self.db, self.now, self.limits.clone());
        inner.env = self.env.clone();
        inner.nesting = self.nesting.clone();
        for (i, param) in function.params.iter().enumerate() {
            let arg = args.get(i).or(param.default.as_ref());
            let Some(arg) = arg else {
                return Err(EngineError::semantic(
                    format!("'{name}': missing argument '{}'", param.name),
                    span,
                ));
            };
            let binding = if param.tabular || self.is_tabular(arg) {
                Binding::Table(self.tabular(arg)?)
            } else {
                let bound = self.bind(arg, &Table::default())?;
                Binding::Scalar(bound.eval_ref(&Table::default(), 0).into_owned())
            };
            inner.env.insert(param.name.clone(), binding);
        }
        for statement in &function.body {
            if let crate::kql::ast::Statement::Let { name, value, .. } = statement {
                inner.bind_let(name, value)?;
            }
        }
        let table = inner.tabular(&function.result);
        self.scanned.set(self.scanned.get() + inner.scanned.get());
        self.tables_read
            .borrow_mut()
            .extend(inner.tables_read.take());
        table
    }

    fn datatable(
        &self,
        columns: &[(String, String)],
        values: &[Expr],
        span: Span,
    ) -> Result<Table, EngineError> {
        if columns.is_empty() {
            return Err(EngineError::semantic(
                "datatable needs at least one column",
                span,
            ));
        }
        if !values.len().is_multiple_of(columns.len()) {
            return Err(EngineError::semantic(
                format!(
                    "datatable: {} values do not fill rows of {} columns",
                    values.len(),
                    columns.len()
                ),
                span,
            ));
        }
        let defs: Vec<ColumnDef> = columns
            .iter()
            .map(|(name, kind)| ColumnDef {
                name: name.clone(),
                kind: ColumnKind::from_type_name(kind),
            })
            .collect();
        let mut data = vec![Vec::new(); columns.len()];
        let empty = Table::default();
        for (i, value) in values.iter().enumerate() {
            let v = self.bind(value, &empty)?.eval_ref(&empty, 0).into_owned();
            data[i % columns.len()].push(coerce(v, defs[i % columns.len()].kind));
        }
        Ok(Table::new(defs, data))
    }

    fn range(&self, name: &str, from: &Expr, to: &Expr, step: &Expr) -> Result<Table, EngineError> {
        let empty = Table::default();
        let value = |e: &Expr| -> Result<Scalar, EngineError> {
            Ok(self.bind(e, &empty)?.eval_ref(&empty, 0).into_owned())
        };
        let (start, end, step_value) = (value(from)?, value(to)?, value(step)?);
        let budget = self.budget();
        // Counted before a value is made: `step 0` or a step away from the end never ends.
        if let Some(rows) = range_length(&start, &end, &step_value) {
            budget.check("Range", rows, 1, None)?;
        }
        let mut values = Vec::new();
        let mut current = start;
        while current.compare(&end).is_le() {
            if !budget.fits(values.len() + 1, 1) {
                return budget
                    .check("Range", usize::MAX, 1, None)
                    .map(|_| Table::default());
            }
            values.push(current.clone());
            current = super::expr::binary(super::expr::BinOp::Add, &current, &step_value);
            if current.is_null() {
                break;
            }
        }
        let kind = values.first().map_or(ColumnKind::Long, Scalar::kind);
        Ok(Table::new(
            vec![ColumnDef {
                name: name.to_owned(),
                kind,
            }],
            vec![values],
        ))
    }

    fn search(&self, tables: &[String], predicate: &Expr) -> Result<Table, EngineError> {
        let names: Vec<String> = if tables.is_empty() {
            let mut all: Vec<String> = self
                .db
                .names()
                .filter(|n| self.db.table(n).is_some_and(|t| !t.is_empty()))
                .cloned()
                .collect();
            all.sort();
            all
        } else {
            tables.to_vec()
        };
        let exprs: Vec<Expr> = names
            .iter()
            .map(|n| Expr::new(ExprKind::Name(n.clone()), predicate.span))
            .collect();
        let table = self.union(&exprs, Some("$table"))?;
        let filter = Expr::new(
            ExprKind::Call {
                name: "__search_all".into(),
                args: vec![predicate.clone()],
            },
            predicate.span,
        );
        let bound = self.bind(&filter, &table)?;
        let rows: Vec<u32> = (0..table.len())
            .filter(|&r| bound.is_true(&table, r))
            .map(|r| r as u32)
            .collect();
        Ok(table.select(rows))
    }
}

pub(super) fn wildcard(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = name;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    rest.is_empty()
}

/// A value converted to a declared column type where it can be.
pub fn coerce(value: Scalar, kind: ColumnKind) -> Scalar {
    match (kind, &value) {
        (_, Scalar::Null) => Scalar::Null,
        // A dynamic value in a column of a plain type: the value it holds, converted.
        (k, Scalar::Dynamic(_))
            if !matches!(
                k,
                ColumnKind::Dynamic | ColumnKind::Unknown | ColumnKind::Text
            ) =>
        {
            match value.unwrap_dynamic().into_owned() {
                Scalar::Dynamic(_) => Scalar::Null,
                plain => coerce(plain, kind),
            }
        }
        (ColumnKind::Int | ColumnKind::Long, Scalar::Real(x)) => Scalar::Long(*x as i64),
        (ColumnKind::Real, Scalar::Long(n)) => Scalar::Real(*n as f64),
        (ColumnKind::TimeSpan, Scalar::Long(n)) => Scalar::Timespan(*n),
        (ColumnKind::DateTime, Scalar::String(s)) => {
            crate::results::datetime::parse_ticks(s).map_or(Scalar::Null, Scalar::DateTime)
        }
        (ColumnKind::Int | ColumnKind::Long, Scalar::String(s)) => {
            s.trim().parse().map_or(Scalar::Null, Scalar::Long)
        }
        (ColumnKind::Real, Scalar::String(s)) => {
            s.trim().parse().map_or(Scalar::Null, Scalar::Real)
        }
        (ColumnKind::Bool, v @ Scalar::String(_)) => v.as_bool().map_or(Scalar::Null, Scalar::Bool),
        (ColumnKind::Text, v) if !matches!(v, Scalar::String(_)) => {
            Scalar::str(&v.to_text().unwrap_or_default())
        }
        (ColumnKind::Dynamic, v) if !matches!(v, Scalar::Dynamic(_)) => {
            Scalar::from_json(v.to_json())
        }
        _ => value,
    }
}

/// How many values `range` from `start` to `end` by `step` makes; `usize::MAX` when it never
/// reaches the end; `None` for values that are not numbers, times or durations.
fn range_length(start: &Scalar, end: &Scalar, step: &Scalar) -> Option<usize> {
    let number = |s: &Scalar| match s {
        Scalar::DateTime(t) | Scalar::Timespan(t) => Some(*t as f64),
        other => other.as_f64(),
    };
    let (from, to, by) = (number(start)?, number(end)?, number(step)?);
    if to < from {
        return Some(0);
    }
    if by.is_nan() || by <= 0.0 {
        return Some(usize::MAX);
    }
    let count = ((to - from) / by).floor() + 1.0;
    // `as` saturates: a count beyond usize is usize::MAX.
    Some(count as usize)
}
