//! Binding: syntax tree expressions to [`Bound`] ones over a table's columns, resolving `let`
//! names, compiling regexes once, and running the subqueries an expression refers to.

use std::sync::Arc;

use regex::Regex;

use super::context::{Binding, Ctx};
use super::expr::Bound;
use super::scalar::Scalar;
use super::table::Table;
use super::EngineError;
use crate::kql::ast::{Expr, ExprKind, Literal};

pub(super) fn regex(pattern: &Scalar, span: crate::kql::Span) -> Result<Arc<Regex>, EngineError> {
    let text = pattern.to_text().unwrap_or_default();
    super::re2::compile(&text).map(Arc::new).map_err(|e| {
        EngineError::semantic(
            format!("Relop semantic error: the regular expression '{text}' is not valid: {e}"),
            span,
        )
    })
}

impl Ctx<'_> {
    /// Whether an expression yields a table rather than a value. Names of functions are
    /// followed to their bodies in a loop, so a function that names itself cannot recurse.
    pub fn is_tabular(&self, expr: &Expr) -> bool {
        let mut expr = expr;
        for _ in 0..=self.nesting.limit() {
            let body = match &expr.kind {
                ExprKind::Pipeline(_)
                | ExprKind::Datatable { .. }
                | ExprKind::Print(_)
                | ExprKind::Union { .. }
                | ExprKind::Search { .. }
                | ExprKind::Range { .. }
                | ExprKind::Find { .. }
                | ExprKind::ExternalData(_)
                | ExprKind::Unsupported(_) => return true,
                ExprKind::Name(name) => match self.env.get(name) {
                    Some(Binding::Table(_)) => return true,
                    Some(Binding::Function(f)) if f.params.is_empty() => &f.result,
                    Some(_) => return false,
                    None => return self.db.table(name).is_some(),
                },
                ExprKind::Call { name, .. } => match self.env.get(name) {
                    Some(Binding::Function(f)) => &f.result,
                    _ => {
                        return matches!(
                            name.to_ascii_lowercase().as_str(),
                            "materialize" | "view" | "table" | "cluster" | "database"
                        )
                    }
                },
                _ => return false,
            };
            expr = body;
        }
        // Deeper than any run may go: whoever runs it meets the nesting limit.
        false
    }

    pub fn bind(&self, expr: &Expr, table: &Table) -> Result<Bound, EngineError> {
        let span = expr.span;
        let _level = self.deeper(Some(span))?;
        Ok(match &expr.kind {
            ExprKind::Literal(literal) => Bound::Const(literal_value(literal)),
            ExprKind::Name(name) => self.bind_name(name, table, span)?,
            ExprKind::Star => return Err(EngineError::semantic("'*' is not a value here", span)),
            ExprKind::Call { name, args } => self.bind_call(name, args, table, span)?,
            ExprKind::Chain { first, rest } => self.bind_chain(first, rest, table)?,
            ExprKind::Unary { op, operand } => {
                let inner = self.bind(operand, table)?;
                if op == "-" { Bound::Neg(Box::new(inner)) } else { inner }
            }
            ExprKind::Member { target, name } => Bound::Member(Box::new(self.bind(target, table)?), name.clone()),
            ExprKind::Index { target, index } => Bound::Index(Box::new(self.bind(target, table)?), Box::new(self.bind(index, table)?)),
            ExprKind::InList { op, target, list } => {
                let target = Box::new(self.bind(target, table)?);
                let values = self.bind_list(list, table)?;
                match op.as_str() {
                    "has_any" | "has_any~" => Bound::HasAny { target, terms: values, all: false },
                    "has_all" => Bound::HasAny { target, terms: values, all: true },
                    op => Bound::In { target, values, negated: op.starts_with('!'), case_insensitive: op.ends_with('~') },
                }
            }
            ExprKind::Between { negated, target, low, high } => Bound::Between {
                target: Box::new(self.bind(target, table)?),
                low: Box::new(self.bind(low, table)?),
                high: Box::new(self.bind(high, table)?),
                negated: *negated,
            },
            ExprKind::Assign { name, .. } => return Err(EngineError::semantic(format!("'{name} =' is not allowed here"), span)),
            _ => return Err(EngineError::semantic("A tabular expression cannot be used as a scalar value here (wrap it in toscalar())", span)),
        })
    }

    fn bind_name(
        &self,
        name: &str,
        table: &Table,
        span: crate::kql::Span,
    ) -> Result<Bound, EngineError> {
        if let Some(i) = table.column_index(name) {
            return Ok(Bound::Column(i));
        }
        match self.env.get(name) {
            Some(Binding::Scalar(v)) => Ok(Bound::Const(v.clone())),
            Some(Binding::TypedNull(_)) => Ok(Bound::Const(Scalar::Null)),
            Some(Binding::Bound(b)) => Ok(b.clone()),
            Some(Binding::Table(t)) if t.columns.len() == 1 => {
                // A single-column table used as a value: its values, as a dynamic array.
                let values: Vec<_> = (0..t.len()).map(|r| t.get(r, 0).to_json()).collect();
                Ok(Bound::Const(Scalar::from_json(serde_json::Value::Array(
                    values,
                ))))
            }
            Some(Binding::Function(f)) if f.params.is_empty() && !self.is_tabular(&f.result) => {
                self.bind(&f.result, table)
            }
            _ => Err(EngineError::semantic(
                format!("Failed to resolve scalar expression named '{name}'"),
                span,
            )),
        }
    }

    /// The values of an `in (...)` list: constants, dynamic arrays flattened, subqueries run.
    fn bind_list(&self, list: &[Expr], table: &Table) -> Result<Vec<Bound>, EngineError> {
        let mut out = Vec::new();
        for item in list {
            if self.is_tabular(item) {
                let t = self.tabular(item)?;
                out.extend((0..t.len()).map(|r| Bound::Const(t.get(r, 0).clone())));
                continue;
            }
            match self.bind(item, table)? {
                Bound::Const(Scalar::Dynamic(j)) if j.is_array() => {
                    let items = j.as_array().cloned().unwrap_or_default();
                    out.extend(
                        items
                            .into_iter()
                            .map(|v| Bound::Const(Scalar::from_json(v))),
                    );
                }
                other => out.push(other),
            }
        }
        Ok(out)
    }

    fn bind_call(
        &self,
        name: &str,
        args: &[Expr],
        table: &Table,
        span: crate::kql::Span,
    ) -> Result<Bound, EngineError> {
        let lower = name.to_ascii_lowercase();
        let bound_args = |ctx: &Self| {
            args.iter()
                .map(|a| ctx.bind(a, table))
                .collect::<Result<Vec<_>, _>>()
        };
        let constant = |ctx: &Self, i: usize| -> Result<Scalar, EngineError> {
            match args.get(i).map(|a| ctx.bind(a, table)).transpose()? {
                Some(Bound::Const(v)) => Ok(v),
                Some(_) => Err(EngineError::unsupported(
                    format!("'{name}': argument {} must be a constant here", i + 1),
                    span,
                )),
                None => Err(EngineError::semantic(
                    format!("'{name}': expected more arguments"),
                    span,
                )),
            }
        };
        if let Some(Binding::Function(f)) = self.env.get(name) {
            return self.inline_function(f.clone(), args, table, span);
        }
        match lower.as_str() {
            "now" => {
                let offset = match args.first() {
                    Some(_) => match constant(self, 0)? {
                        Scalar::Timespan(t) => t,
                        _ => 0,
                    },
                    None => 0,
                };
                return Ok(Bound::Const(Scalar::DateTime(self.now + offset)));
            }
            "ago" => {
                let arg = self.bind(
                    args.first()
                        .ok_or_else(|| EngineError::semantic("ago() needs a timespan", span))?,
                    table,
                )?;
                return Ok(match arg {
                    Bound::Const(Scalar::Timespan(t)) => {
                        Bound::Const(Scalar::DateTime(self.now - t))
                    }
                    other => Bound::Ago(Box::new(other), self.now),
                });
            }
            "toscalar" => {
                let inner = args
                    .first()
                    .ok_or_else(|| EngineError::semantic("toscalar() needs an expression", span))?;
                if !self.is_tabular(inner) {
                    return self.bind(inner, table);
                }
                let t = self.tabular(inner)?;
                return Ok(Bound::Const(if t.is_empty() || t.columns.is_empty() {
                    Scalar::Null
                } else {
                    t.get(0, 0).clone()
                }));
            }
            "extract" => {
                let regex = regex(&constant(self, 0)?, span)?;
                let group = constant(self, 1)?.as_i64().unwrap_or(0).max(0) as usize;
                let source =
                    Box::new(self.bind(
                        args.get(2).ok_or_else(|| {
                            EngineError::semantic("extract() needs a source", span)
                        })?,
                        table,
                    )?);
                let kind = args
                    .get(3)
                    .map(|t| {
                        super::typing::typeof_argument(t).ok_or_else(|| {
                            EngineError::semantic(
                                "extract(): the fourth argument must be typeof(T)",
                                t.span,
                            )
                        })
                    })
                    .transpose()?
                    .unwrap_or(crate::results::ColumnKind::Text);
                return Ok(Bound::Extract {
                    regex,
                    group,
                    source,
                    kind,
                });
            }
            "extract_all" | "extractall" => {
                let regex = regex(&constant(self, 0)?, span)?;
                // With three arguments the second names the groups to keep, as an array.
                let groups = match args.len() {
                    3 => Some(capture_groups(&regex, &constant(self, 1)?, name, span)?),
                    _ => None,
                };
                let source = args
                    .last()
                    .ok_or_else(|| EngineError::semantic("extract_all() needs a source", span))?;
                return Ok(Bound::ExtractAll {
                    regex,
                    groups,
                    source: Box::new(self.bind(source, table)?),
                });
            }
            "replace" | "replace_regex" => {
                let (re, rewrite, source) = if lower == "replace" {
                    (0, 1, 2)
                } else {
                    (1, 2, 0)
                };
                let regex = regex(&constant(self, re)?, span)?;
                let rewrite =
                    rewrite_template(&constant(self, rewrite)?.to_text().unwrap_or_default());
                let source = Box::new(self.bind(
                    args.get(source).ok_or_else(|| {
                        EngineError::semantic("replace() needs three arguments", span)
                    })?,
                    table,
                )?);
                return Ok(Bound::ReplaceRegex {
                    regex,
                    rewrite,
                    source,
                });
            }
            "column_ifexists" => {
                let column = constant(self, 0)?
                    .to_text()
                    .unwrap_or_default()
                    .into_owned();
                return match table.column_index(&column) {
                    Some(i) => Ok(Bound::Column(i)),
                    None => self.bind(
                        args.get(1).ok_or_else(|| {
                            EngineError::semantic("column_ifexists() needs a default", span)
                        })?,
                        table,
                    ),
                };
            }
            // Reads the row's hidden ingestion time, so it binds to the row, not to a function.
            "ingestion_time" if args.is_empty() => return Ok(Bound::IngestionTime),
            "__search_all" => {
                return match args.first().map(|a| &a.kind) {
                    Some(ExprKind::Literal(Literal::String(term))) => {
                        Ok(Bound::AnyColumnHas(term.clone()))
                    }
                    Some(_) => self.bind(&args[0], table),
                    None => Ok(Bound::Const(Scalar::Bool(true))),
                };
            }
            _ => {}
        }
        if let Some(window) = self.window_call(&lower, args, table, span)? {
            return Ok(window);
        }
        if lower == "format_datetime" {
            if let Some(ExprKind::Literal(Literal::String(format))) = args.get(1).map(|a| &a.kind) {
                if !super::functions::time::documented_format(format) {
                    return Err(EngineError::unsupported(
                        format!("format_datetime: the format '{format}' has a specifier Kusto does not document (y, yy, yyyy, M, MM, d, dd, h, hh, H, HH, m, mm, s, ss, f…fffffff, F…FFFFFFF, tt and the separators ' /-:,._[]'); it is not supported by the kqlhunt demo tenant"),
                        span,
                    ));
                }
            }
        }
        let function = super::functions::resolve(name, args.len(), span)?;
        let bound = bound_args(self)?;
        // Constant arguments fold at bind time: `datetime("...")`, `dynamic(...)` arithmetic.
        // A call without arguments does not: `new_guid()` is new on every row; nor does
        // `rand(N)`.
        let fresh_each_row = lower == "rand";
        if !fresh_each_row
            && !bound.is_empty()
            && bound.iter().all(|b| matches!(b, Bound::Const(_)))
        {
            let values: Vec<Scalar> = bound
                .iter()
                .map(|b| b.eval_ref(&Table::default(), 0).into_owned())
                .collect();
            return Ok(Bound::Const(function(&values)));
        }
        Ok(Bound::Call(function, bound))
    }

    /// A user function used in an expression: its body bound with the arguments in place of
    /// its parameters.
    fn inline_function(
        &self,
        f: std::rc::Rc<crate::kql::ast::Lambda>,
        args: &[Expr],
        table: &Table,
        span: crate::kql::Span,
    ) -> Result<Bound, EngineError> {
        let mut inner = Ctx {
            db: self.db,
            now: self.now,
            limits: self.limits.clone(),
            env: self.env.clone(),
            scanned: std::cell::Cell::new(0),
            tables_read: Default::default(),
            render: Default::default(),
            nesting: self.nesting.clone(),
            serialized: std::cell::Cell::new(self.serialized.get()),
            ended_serialized: std::cell::Cell::new(false),
        };
        for (i, param) in f.params.iter().enumerate() {
            let value = match (args.get(i), &param.default) {
                (Some(arg), _) => self.bind(arg, table)?,
                (None, Some(default)) => self.bind(default, table)?,
                (None, None) => {
                    return Err(EngineError::semantic(
                        format!("missing argument '{}'", param.name),
                        span,
                    ))
                }
            };
            inner.env.insert(param.name.clone(), Binding::Bound(value));
        }
        for statement in &f.body {
            if let crate::kql::ast::Statement::Let { name, value, .. } = statement {
                inner.bind_let(name, value)?;
            }
        }
        let bound = inner.bind(&f.result, table);
        self.scanned.set(self.scanned.get() + inner.scanned.get());
        self.tables_read
            .borrow_mut()
            .extend(inner.tables_read.take());
        bound
    }
}

/// The groups `extract_all`'s second argument names: numbers from 1, or group names.
fn capture_groups(
    regex: &Regex,
    groups: &Scalar,
    name: &str,
    span: crate::kql::Span,
) -> Result<Vec<usize>, EngineError> {
    let wrong = || {
        EngineError::semantic(
            format!("'{name}': the capture groups must be an array of group numbers or names of the regular expression"),
            span,
        )
    };
    let items = match groups {
        Scalar::Dynamic(j) => j.as_array().cloned().ok_or_else(wrong)?,
        _ => return Err(wrong()),
    };
    items
        .iter()
        .map(|item| match item {
            serde_json::Value::Number(n) => n
                .as_u64()
                .map(|n| n as usize)
                .filter(|n| *n >= 1 && *n < regex.captures_len()),
            serde_json::Value::String(s) => regex.capture_names().position(|c| c == Some(s)),
            _ => None,
        })
        .map(|g| g.ok_or_else(wrong))
        .collect()
}

/// A rewrite as Kusto writes it (`\0` the whole match, `\1` a group, and .NET's `$1`) in the
/// regex crate's form, where a bare `$` would start a group name.
pub(super) fn rewrite_template(rewrite: &str) -> String {
    let chars: Vec<char> = rewrite.chars().collect();
    let mut out = String::with_capacity(rewrite.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        match chars[i] {
            '\\' | '$' if digits > 0 => {
                out.push_str("${");
                out.extend(&chars[i + 1..i + 1 + digits]);
                out.push('}');
                i += 1 + digits;
                continue;
            }
            '$' if chars.get(i + 1) == Some(&'{') => out.push('$'),
            '$' if chars.get(i + 1) == Some(&'$') => {
                out.push_str("$$");
                i += 1;
            }
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

pub fn literal_value(literal: &Literal) -> Scalar {
    match literal {
        Literal::Null => Scalar::Null,
        Literal::Bool(b) => Scalar::Bool(*b),
        Literal::Long(n) => Scalar::Long(*n),
        Literal::Real(x) => Scalar::Real(*x),
        Literal::String(s) => Scalar::str(s),
        Literal::Timespan(t) => Scalar::Timespan(*t),
        Literal::DateTime(t) => Scalar::DateTime(*t),
        Literal::Dynamic(j) => Scalar::from_json(j.clone()),
        Literal::Guid(g) => Scalar::str(g),
    }
}
