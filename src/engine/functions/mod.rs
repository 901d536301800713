//! Scalar functions by name. Each takes its evaluated arguments and returns a value; a wrong
//! type gives null, as in Kusto, never an error mid-query.

mod agents;
mod geo;
mod hashes;
mod json;
mod math;
mod network;
pub(crate) mod regexes;
pub(crate) mod series;
mod sets;
mod span_format;
pub(crate) mod text;
pub(crate) mod time;
mod web;

use super::scalar::Scalar;
use super::EngineError;
use crate::kql::catalogue::{self, Kind};
use crate::kql::Span;

pub type ScalarFn = fn(&[Scalar]) -> Scalar;

/// The function called `name` (any casing), with how many arguments it takes.
pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    let lower = name.to_ascii_lowercase();
    text::lookup(&lower)
        .or_else(|| time::lookup(&lower))
        .or_else(|| json::lookup(&lower))
        .or_else(|| math::lookup(&lower))
        .or_else(|| sets::lookup(&lower))
        .or_else(|| network::lookup(&lower))
        .or_else(|| geo::lookup(&lower))
        .or_else(|| web::lookup(&lower))
        .or_else(|| hashes::lookup(&lower))
        .or_else(|| series::lookup(&lower))
        .or_else(|| span_format::lookup(&lower))
}

/// Functions that `bind.rs` binds itself rather than through [`lookup`]: they read the run's
/// clock, run a subquery, compile a constant regex once, or read the table's columns.
pub const SPECIAL_FORMS: &[&str] = &[
    "now",
    "ago",
    "toscalar",
    "extract",
    "extract_all",
    "extractall",
    "replace",
    "replace_regex",
    "column_ifexists",
    "__search_all",
    "materialize",
    "view",
    "typeof",
    "datetime",
    "dynamic",
    // Window functions read the serialized rows around the current one (`engine/window.rs`).
    "row_number",
    "prev",
    "next",
    "row_cumsum",
    "row_window_session",
    // The row's ingestion time, kept beside the table's columns (`table.rs`).
    "ingestion_time",
    // One call, several columns (`operators/columns.rs`).
    "series_stats",
];

/// Whether the engine has code for the catalogue's `name`.
pub fn implemented(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SPECIAL_FORMS.contains(&lower.as_str()) || lookup(&lower).is_some()
}

/// The code for a call of `name` with `count` arguments, by the catalogue: a name that is no
/// function is the query's mistake, worded as the service words it; a valid function the
/// engine does not run is refused by name, never answered wrongly.
pub fn resolve(name: &str, count: usize, span: Span) -> Result<ScalarFn, EngineError> {
    let Some(entry) = catalogue::callable(name) else {
        return Err(EngineError::semantic(
            catalogue::unknown_function(name),
            span,
        ));
    };
    if entry.kind == Kind::Aggregate {
        return Err(EngineError::semantic(format!("Function '{name}' cannot be invoked in the current context: aggregations belong in summarize"), span));
    }
    if !entry.accepts(count) {
        let expected = match (entry.min_args, entry.max_args) {
            (min, max) if min == max => format!("{min}"),
            (min, catalogue::MANY) => format!("at least {min}"),
            (min, max) => format!("{min} to {max}"),
        };
        return Err(EngineError::semantic(
            format!("The function '{name}' expects {expected} arguments, not {count}"),
            span,
        ));
    }
    match lookup(name) {
        Some((function, min, max)) if (min..=max).contains(&count) => Ok(function),
        _ => Err(EngineError::unsupported(catalogue::not_in_demo(name), span)),
    }
}

pub(crate) fn arg(args: &[Scalar], i: usize) -> &Scalar {
    args.get(i).unwrap_or(&Scalar::Null)
}
