//! Expressions bound to a table's columns, and their evaluation row by row.

use std::borrow::Cow;
use std::sync::Arc;

use regex::Regex;
use serde_json::Value as Json;

use super::chain::Step;
use super::functions::{
    text::contains_ci, text::ends_with_ci, text::has_term, text::starts_with_ci, ScalarFn,
};
use super::scalar::Scalar;
use super::table::Table;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOp {
    Has,
    Contains,
    StartsWith,
    EndsWith,
    HasPrefix,
    HasSuffix,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Eq,
    Ne,
    EqCi,
    NeCi,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Text {
        op: TextOp,
        case_sensitive: bool,
        negated: bool,
    },
}

#[derive(Clone, Debug)]
pub enum Bound {
    Const(Scalar),
    Column(usize),
    Call(ScalarFn, Vec<Bound>),
    /// `a + b - c`, `x == y`, `s matches regex "..."`: folded left to right, flat (see
    /// `ExprKind::Chain`).
    Chain(Box<Bound>, Vec<Step>),
    And(Vec<Bound>),
    Or(Vec<Bound>),
    Neg(Box<Bound>),
    Member(Box<Bound>, String),
    Index(Box<Bound>, Box<Bound>),
    In {
        target: Box<Bound>,
        values: Vec<Bound>,
        negated: bool,
        case_insensitive: bool,
    },
    HasAny {
        target: Box<Bound>,
        terms: Vec<Bound>,
        all: bool,
    },
    Between {
        target: Box<Bound>,
        low: Box<Bound>,
        high: Box<Bound>,
        negated: bool,
    },
    Extract {
        regex: Arc<Regex>,
        group: usize,
        source: Box<Bound>,
        /// `typeof(T)` in the call: the match converted; a string otherwise.
        kind: crate::results::ColumnKind,
    },
    ExtractAll {
        regex: Arc<Regex>,
        /// The groups to keep, each match an array of them; else every group (one: a string).
        groups: Option<Vec<usize>>,
        source: Box<Bound>,
    },
    ReplaceRegex {
        regex: Arc<Regex>,
        rewrite: String,
        source: Box<Bound>,
    },
    Ago(Box<Bound>, i64),
    /// `search "term"`: any column of the row has the term.
    AnyColumnHas(String),
    /// Values computed once for every row of the table (window functions), read by row.
    Rows(Arc<Vec<Scalar>>),
    /// `ingestion_time()`: the row's hidden ingestion time.
    IngestionTime,
}

static NULL: Scalar = Scalar::Null;

impl Bound {
    pub fn eval(&self, table: &Table, row: usize) -> Scalar {
        self.eval_ref(table, row).into_owned()
    }

    /// Evaluates without cloning column values where it can.
    pub fn eval_ref<'a>(&'a self, table: &'a Table, row: usize) -> Cow<'a, Scalar> {
        match self {
            Bound::Const(v) => Cow::Borrowed(v),
            Bound::Column(c) => Cow::Borrowed(table.get(row, *c)),
            Bound::Rows(values) => Cow::Borrowed(values.get(row).unwrap_or(&NULL)),
            other => Cow::Owned(other.compute(table, row)),
        }
    }

    pub fn is_true(&self, table: &Table, row: usize) -> bool {
        match self {
            Bound::And(terms) => terms.iter().all(|t| t.is_true(table, row)),
            Bound::Or(terms) => terms.iter().any(|t| t.is_true(table, row)),
            other => other.eval_ref(table, row).as_bool() == Some(true),
        }
    }

    fn compute(&self, table: &Table, row: usize) -> Scalar {
        match self {
            Bound::Const(_) | Bound::Column(_) | Bound::Rows(_) => {
                self.eval_ref(table, row).into_owned()
            }
            Bound::Call(f, args) => {
                let values: Vec<Scalar> = args.iter().map(|a| a.eval(table, row)).collect();
                f(&values)
            }
            Bound::Chain(first, steps) => super::chain::fold(first, steps, table, row),
            Bound::And(terms) => super::chain::all_of(terms, table, row),
            Bound::Or(terms) => super::chain::any_of(terms, table, row),
            Bound::Neg(a) => match &*a.eval_ref(table, row) {
                Scalar::Long(n) => Scalar::Long(-n),
                Scalar::Real(x) => Scalar::Real(-x),
                Scalar::Timespan(t) => Scalar::Timespan(-t),
                other => other.as_f64().map_or(Scalar::Null, |x| Scalar::Real(-x)),
            },
            Bound::Member(target, name) => member(&target.eval_ref(table, row), name),
            Bound::Index(target, index) => {
                let index = index.eval_ref(table, row);
                match &*index {
                    Scalar::Long(i) => element(&target.eval_ref(table, row), *i),
                    other => member(
                        &target.eval_ref(table, row),
                        &other.to_text().unwrap_or_default(),
                    ),
                }
            }
            Bound::In {
                target,
                values,
                negated,
                case_insensitive,
            } => {
                let target = target.eval_ref(table, row);
                if target.is_null() {
                    return Scalar::Bool(*negated);
                }
                let found = values.iter().any(|v| {
                    let v = v.eval_ref(table, row);
                    if *case_insensitive {
                        match (target.to_text(), v.to_text()) {
                            (Some(a), Some(b)) => {
                                a.eq_ignore_ascii_case(&b) || a.to_lowercase() == b.to_lowercase()
                            }
                            _ => false,
                        }
                    } else {
                        target.equals(&v) == Some(true)
                    }
                });
                Scalar::Bool(found != *negated)
            }
            Bound::HasAny { target, terms, all } => {
                let Some(text) = target.eval_ref(table, row).to_text().map(Cow::into_owned) else {
                    return Scalar::Bool(false);
                };
                let mut matches = terms.iter().map(|t| {
                    t.eval_ref(table, row)
                        .to_text()
                        .is_some_and(|term| has_term(&text, &term, false))
                });
                Scalar::Bool(if *all {
                    matches.all(|m| m)
                } else {
                    matches.any(|m| m)
                })
            }
            Bound::Between {
                target,
                low,
                high,
                negated,
            } => {
                let v = target.eval_ref(table, row);
                let low = low.eval_ref(table, row);
                // `T between (datetime(...) .. 1d)`: a duration as the upper bound counts from
                // the lower one.
                let high: Scalar = match (&*low, &*high.eval_ref(table, row)) {
                    (Scalar::DateTime(from), Scalar::Timespan(span)) => {
                        Scalar::DateTime(from.saturating_add(*span))
                    }
                    (_, other) => other.clone(),
                };
                if v.is_null() || low.is_null() || high.is_null() {
                    return Scalar::Null;
                }
                let inside = v.compare(&low).is_ge() && v.compare(&high).is_le();
                Scalar::Bool(inside != *negated)
            }
            Bound::Extract {
                regex,
                group,
                source,
                kind,
            } => {
                let text = source.eval_ref(table, row).to_text().map(Cow::into_owned);
                let found = text.as_deref().and_then(|t| {
                    regex
                        .captures(t)
                        .and_then(|c| c.get(*group))
                        .map(|m| Scalar::str(m.as_str()))
                });
                // No match is null, which for a string is the empty string.
                let found = found.unwrap_or(Scalar::Null);
                super::table::typed_values(*kind, vec![found]).remove(0)
            }
            Bound::ExtractAll {
                regex,
                groups,
                source,
            } => {
                let Some(text) = source.eval_ref(table, row).to_text().map(Cow::into_owned) else {
                    return Scalar::Null;
                };
                let found = super::functions::regexes::extract_all(regex, groups.as_deref(), &text);
                if found.is_empty() {
                    Scalar::Null
                } else {
                    Scalar::from_json(Json::Array(found))
                }
            }
            Bound::ReplaceRegex {
                regex,
                rewrite,
                source,
            } => {
                let Some(text) = source.eval_ref(table, row).to_text().map(Cow::into_owned) else {
                    return Scalar::Null;
                };
                Scalar::str(&regex.replace_all(&text, rewrite.as_str()))
            }
            Bound::Ago(span, now) => match &*span.eval_ref(table, row) {
                Scalar::Timespan(t) => Scalar::DateTime(now - t),
                _ => Scalar::Null,
            },
            Bound::AnyColumnHas(term) => Scalar::Bool((0..table.columns.len()).any(|c| {
                table
                    .get(row, c)
                    .to_text()
                    .is_some_and(|s| has_term(&s, term, false) || contains_ci(&s, term))
            })),
            Bound::IngestionTime => table.ingestion_time(row),
        }
    }
}

fn member(value: &Scalar, name: &str) -> Scalar {
    match value {
        Scalar::Dynamic(j) => match &**j {
            Json::Object(map) => map
                .get(name)
                .cloned()
                .map_or(Scalar::Null, Scalar::from_json),
            // A JSON text held as a string is read on access, as Kusto does for string columns.
            Json::String(s) => serde_json::from_str::<Json>(s)
                .ok()
                .and_then(|j| j.get(name).cloned())
                .map_or(Scalar::Null, Scalar::from_json),
            _ => Scalar::Null,
        },
        Scalar::String(s) => serde_json::from_str::<Json>(s)
            .ok()
            .and_then(|j| j.get(name).cloned())
            .map_or(Scalar::Null, Scalar::from_json),
        _ => Scalar::Null,
    }
}

fn element(value: &Scalar, index: i64) -> Scalar {
    let Scalar::Dynamic(j) = value else {
        return Scalar::Null;
    };
    let Some(items) = j.as_array() else {
        return Scalar::Null;
    };
    let i = if index < 0 {
        items.len() as i64 + index
    } else {
        index
    };
    items
        .get(i as usize)
        .cloned()
        .map_or(Scalar::Null, Scalar::from_json)
}

pub fn binary(op: BinOp, a: &Scalar, b: &Scalar) -> Scalar {
    use Scalar as S;
    match op {
        // Kusto's table: null == null is null; null against a value is false for `==` and
        // true for `!=`.
        BinOp::Eq | BinOp::Ne => {
            let (x, y) = (a.unwrap_dynamic(), b.unwrap_dynamic());
            match (x.is_null(), y.is_null()) {
                (true, true) => S::Null,
                (true, false) | (false, true) => S::Bool(op == BinOp::Ne),
                _ => a
                    .equals(b)
                    .map_or(S::Null, |e| S::Bool(e == (op == BinOp::Eq))),
            }
        }
        BinOp::EqCi | BinOp::NeCi => match (a.to_text(), b.to_text()) {
            (Some(x), Some(y)) => S::Bool(
                (x.eq_ignore_ascii_case(&y) || x.to_lowercase() == y.to_lowercase())
                    == (op == BinOp::EqCi),
            ),
            _ => S::Null,
        },
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            if a.is_null() || b.is_null() {
                return S::Null;
            }
            let ord = a.compare(b);
            S::Bool(match op {
                BinOp::Lt => ord.is_lt(),
                BinOp::Le => ord.is_le(),
                BinOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            })
        }
        BinOp::Text {
            op,
            case_sensitive,
            negated,
        } => {
            let (Some(hay), Some(needle)) = (a.to_text(), b.to_text()) else {
                return S::Bool(negated);
            };
            let found = match (op, case_sensitive) {
                (TextOp::Has, cs) => has_term(&hay, &needle, cs),
                (TextOp::Contains, false) => contains_ci(&hay, &needle),
                (TextOp::Contains, true) => hay.contains(&*needle),
                (TextOp::StartsWith, false) => starts_with_ci(&hay, &needle),
                (TextOp::StartsWith, true) => hay.starts_with(&*needle),
                (TextOp::EndsWith, false) => ends_with_ci(&hay, &needle),
                (TextOp::EndsWith, true) => hay.ends_with(&*needle),
                (TextOp::HasPrefix, _) => hay
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| starts_with_ci(t, &needle)),
                (TextOp::HasSuffix, _) => hay
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| ends_with_ci(t, &needle)),
            };
            S::Bool(found != negated)
        }
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
            arithmetic(op, &a.unwrap_dynamic(), &b.unwrap_dynamic())
        }
    }
}

fn arithmetic(op: BinOp, a: &Scalar, b: &Scalar) -> Scalar {
    use Scalar as S;
    match (op, a, b) {
        (_, S::Null, _) | (_, _, S::Null) => S::Null,
        (BinOp::Sub, S::DateTime(x), S::DateTime(y)) => S::Timespan(x - y),
        (BinOp::Add, S::DateTime(x), S::Timespan(y))
        | (BinOp::Add, S::Timespan(y), S::DateTime(x)) => S::DateTime(x + y),
        (BinOp::Sub, S::DateTime(x), S::Timespan(y)) => S::DateTime(x - y),
        (BinOp::Add, S::Timespan(x), S::Timespan(y)) => S::Timespan(x + y),
        (BinOp::Sub, S::Timespan(x), S::Timespan(y)) => S::Timespan(x - y),
        (BinOp::Div, S::Timespan(x), S::Timespan(y)) if *y != 0 => S::Real(*x as f64 / *y as f64),
        (BinOp::Mul, S::Timespan(t), n) | (BinOp::Mul, n, S::Timespan(t)) => n
            .as_f64()
            .map_or(S::Null, |f| S::Timespan((*t as f64 * f) as i64)),
        (BinOp::Div, S::Timespan(t), n) => n
            .as_f64()
            .filter(|f| *f != 0.0)
            .map_or(S::Null, |f| S::Timespan((*t as f64 / f) as i64)),
        (_, S::Long(x), S::Long(y)) => match op {
            BinOp::Add => S::Long(x.wrapping_add(*y)),
            BinOp::Sub => S::Long(x.wrapping_sub(*y)),
            BinOp::Mul => S::Long(x.wrapping_mul(*y)),
            BinOp::Div if *y != 0 => S::Long(x.wrapping_div(*y)),
            // Kusto's modulo is never negative: 0 <= N % D < abs(D).
            BinOp::Mod if *y != 0 => S::Long(x.wrapping_rem_euclid(*y)),
            _ => S::Null,
        },
        (_, x, y) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) if !matches!(x, S::String(_)) && !matches!(y, S::String(_)) => {
                S::Real(match op {
                    BinOp::Add => p + q,
                    BinOp::Sub => p - q,
                    BinOp::Mul => p * q,
                    BinOp::Div => p / q,
                    _ => p.rem_euclid(q),
                })
            }
            _ => S::Null,
        },
    }
}
