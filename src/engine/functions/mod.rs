//! Scalar functions by name. Each takes its evaluated arguments and returns a value; a wrong
//! type gives null, as in Kusto, never an error mid-query.

mod json;
mod math;
pub(crate) mod series;
pub(crate) mod text;
mod time;

use super::scalar::Scalar;

pub type ScalarFn = fn(&[Scalar]) -> Scalar;

/// The function called `name` (any casing), with how many arguments it takes.
pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    let lower = name.to_ascii_lowercase();
    text::lookup(&lower)
        .or_else(|| time::lookup(&lower))
        .or_else(|| json::lookup(&lower))
        .or_else(|| math::lookup(&lower))
        .or_else(|| series::lookup(&lower))
}

pub(crate) fn arg(args: &[Scalar], i: usize) -> &Scalar {
    args.get(i).unwrap_or(&Scalar::Null)
}
