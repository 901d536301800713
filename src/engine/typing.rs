//! The type of an expression before it runs, as Kusto's analyzer gives it: a column computed
//! over no rows still has its type, `int(1)` is an `int`, `iff(b, 1, 2.0)` is a `real`. Where the
//! type is not known here it is `Unknown`, and the column takes the type of its values.

use super::context::{Binding, Ctx};
use super::table::Table;
use crate::kql::ast::{Expr, ExprKind, Literal};
use crate::results::ColumnKind as K;

/// The wider of two numeric types, as arithmetic and `iff` choose: `int` and `long` make a
/// `long`, anything with a `real` a `real`; `Unknown` yields to the other.
pub fn wider(a: K, b: K) -> K {
    match (a, b) {
        (K::Unknown, x) | (x, K::Unknown) => x,
        (x, y) if x == y => x,
        (K::Real, y) | (y, K::Real) if y.is_numeric() => K::Real,
        (K::Int | K::Long, K::Int | K::Long) => K::Long,
        _ => K::Unknown,
    }
}

/// The type of `iff` and `case` from their branches', as Kusto's analyzer gives it: a
/// `dynamic` branch takes the other branch's type (its value converted), numbers widen, and
/// two other types that differ make a `dynamic`.
pub fn branches(a: K, b: K) -> K {
    match (a, b) {
        (K::Unknown, x) | (x, K::Unknown) => x,
        (x, y) if x == y => x,
        (K::Dynamic, x) | (x, K::Dynamic) => x,
        (x, y) if x.is_numeric() && y.is_numeric() => wider(x, y),
        _ => K::Dynamic,
    }
}

/// `int` arithmetic is done in `long`.
fn widened(kind: K) -> K {
    if kind == K::Int {
        K::Long
    } else {
        kind
    }
}

/// The type of `a op b` for the arithmetic operators.
fn arithmetic(op: &str, a: K, b: K) -> K {
    match (op, a, b) {
        ("-", K::DateTime, K::DateTime) => K::TimeSpan,
        ("+" | "-", K::DateTime, K::TimeSpan) | ("+", K::TimeSpan, K::DateTime) => K::DateTime,
        ("/", K::TimeSpan, K::TimeSpan) => K::Real,
        (_, K::TimeSpan, K::TimeSpan) => K::TimeSpan,
        ("*" | "/", K::TimeSpan, n) if n.is_numeric() => K::TimeSpan,
        ("*", n, K::TimeSpan) if n.is_numeric() => K::TimeSpan,
        (_, x, y) if x.is_numeric() && y.is_numeric() => widened(wider(x, y)),
        _ => K::Unknown,
    }
}

/// A type named in `typeof(...)`, `to typeof(...)` or a typed `parse` column.
pub fn named(name: &str) -> K {
    K::from_type_name(name)
}

/// The type a scalar function returns, from its name and its arguments' types.
fn function(name: &str, args: &[K]) -> K {
    let first = args.first().copied().unwrap_or(K::Unknown);
    match name {
        "int" | "toint" => K::Int,
        "long" | "tolong" => K::Long,
        "real" | "double" | "todouble" | "toreal" | "sqrt" | "log" | "log10" | "log2" | "exp"
        | "pow" => K::Real,
        "rand" if args.is_empty() => K::Real,
        "rand" => K::Long,
        "bool" | "boolean" | "tobool" | "toboolean" | "isnull" | "isnotnull" | "notnull"
        | "isempty" | "isnotempty" | "notempty" | "isnan" | "not" | "set_has_element"
        | "ipv4_is_private" => K::Bool,
        "datetime"
        | "todatetime"
        | "now"
        | "ago"
        | "startofday"
        | "startofweek"
        | "startofmonth"
        | "startofyear"
        | "endofday"
        | "endofweek"
        | "endofmonth"
        | "endofyear"
        | "datetime_add"
        | "unixtime_seconds_todatetime"
        | "unixtime_milliseconds_todatetime" => K::DateTime,
        "timespan" | "totimespan" | "time" | "dayofweek" => K::TimeSpan,
        "strlen" | "string_size" | "array_length" | "countof" | "indexof" | "datetime_diff"
        | "hash" | "array_index_of" => K::Long,
        "hourofday" | "dayofmonth" | "getmonth" | "monthofyear" | "getyear" => K::Int,
        "tostring"
        | "tolower"
        | "toupper"
        | "strcat"
        | "strcat_delim"
        | "substring"
        | "replace_string"
        | "trim"
        | "trim_start"
        | "trim_end"
        | "reverse"
        | "base64_decode_tostring"
        | "base64_decodestring"
        | "base64_encode_tostring"
        | "base64_encodestring"
        | "url_decode"
        | "tohex"
        | "extract"
        | "replace"
        | "replace_regex"
        | "gettype"
        | "format_datetime"
        | "extractjson"
        | "extract_json" => K::Text,
        "parse_json" | "parsejson" | "todynamic" | "toobject" | "dynamic" | "pack" | "bag_pack"
        | "pack_array" | "split" | "extract_all" | "bag_keys" | "array_concat"
        | "array_sort_asc" | "array_sort_desc" | "parse_url" | "parse_path" => K::Dynamic,
        "bin" | "floor" | "bin_at" | "abs" => widened(first),
        "round" | "ceiling" => first,
        "iff" | "iif" => branches(
            args.get(1).copied().unwrap_or(K::Unknown),
            args.get(2).copied().unwrap_or(K::Unknown),
        ),
        "case" => {
            // The values: every second argument, and the last (the default).
            let mut kind = args.last().copied().unwrap_or(K::Unknown);
            for value in args.iter().skip(1).step_by(2) {
                kind = branches(kind, *value);
            }
            kind
        }
        "coalesce" | "max_of" | "min_of" => args.iter().copied().fold(K::Unknown, wider),
        // Any other function returns what the language catalogue says, where it names a type.
        _ => crate::kql::catalogue::find(crate::kql::catalogue::Kind::Function, name)
            .map_or(K::Unknown, |entry| K::from_type_name(entry.returns)),
    }
}

impl Ctx<'_> {
    /// The type of a `let` value that came out null: `toscalar` of no rows has the type of its
    /// table's first column.
    pub fn null_kind(&self, expr: &Expr) -> K {
        if let ExprKind::Call { name, args } = &expr.kind {
            if name.eq_ignore_ascii_case("toscalar") && args.len() == 1 && self.is_tabular(&args[0])
            {
                return self
                    .tabular(&args[0])
                    .ok()
                    .and_then(|t| t.columns.first().map(|c| c.kind))
                    .unwrap_or(K::Unknown);
            }
        }
        self.kind_of(expr, &Table::default())
    }

    /// The type of `expr` over the columns of `table`; `Unknown` when it cannot be told.
    pub fn kind_of(&self, expr: &Expr, table: &Table) -> K {
        match &expr.kind {
            ExprKind::Literal(literal) => match literal {
                Literal::Null => K::Unknown,
                Literal::Bool(_) => K::Bool,
                Literal::Long(_) => K::Long,
                Literal::Real(_) => K::Real,
                Literal::String(_) => K::Text,
                Literal::Timespan(_) => K::TimeSpan,
                Literal::DateTime(_) => K::DateTime,
                Literal::Dynamic(_) => K::Dynamic,
                Literal::Guid(_) => K::Guid,
            },
            ExprKind::Name(name) => match table.column_index(name) {
                Some(c) => table.columns[c].kind,
                None => match self.env.get(name) {
                    Some(Binding::Scalar(v)) => v.kind(),
                    Some(Binding::TypedNull(kind)) => *kind,
                    _ => K::Unknown,
                },
            },
            ExprKind::Call { name, args } => {
                let lower = name.to_ascii_lowercase();
                if matches!(self.env.get(name), Some(Binding::Function(_))) {
                    return K::Unknown;
                }
                if lower == "extract" {
                    if let Some(kind) = args.get(3).and_then(typeof_argument) {
                        return kind;
                    }
                }
                if lower == "column_ifexists" {
                    if let Some(ExprKind::Literal(Literal::String(column))) =
                        args.first().map(|a| &a.kind)
                    {
                        if let Some(c) = table.column_index(column) {
                            return table.columns[c].kind;
                        }
                    }
                    return args.get(1).map_or(K::Unknown, |d| self.kind_of(d, table));
                }
                let kinds: Vec<K> = args.iter().map(|a| self.kind_of(a, table)).collect();
                function(&lower, &kinds)
            }
            ExprKind::Chain { first, rest } => {
                let mut kind = self.kind_of(first, table);
                for (op, operand) in rest {
                    kind = match op.as_str() {
                        "+" | "-" | "*" | "/" | "%" => {
                            arithmetic(op, kind, self.kind_of(operand, table))
                        }
                        _ => K::Bool,
                    };
                }
                kind
            }
            ExprKind::Unary { op, operand } => {
                let kind = self.kind_of(operand, table);
                if op == "-" {
                    widened(kind)
                } else {
                    kind
                }
            }
            ExprKind::Member { .. } | ExprKind::Index { .. } => K::Dynamic,
            ExprKind::InList { .. } | ExprKind::Between { .. } => K::Bool,
            _ => K::Unknown,
        }
    }
}

/// `typeof(int)` as a type (the parser reads it as the literal text of the type's name).
pub fn typeof_argument(expr: &Expr) -> Option<K> {
    match &expr.kind {
        ExprKind::Literal(Literal::String(t)) => Some(named(t)).filter(|k| *k != K::Unknown),
        ExprKind::Call { name, args } if name.eq_ignore_ascii_case("typeof") => {
            match args.first().map(|a| &a.kind) {
                Some(ExprKind::Name(t)) => Some(named(t)).filter(|k| *k != K::Unknown),
                _ => None,
            }
        }
        _ => None,
    }
}
