//! Numbers and conversions.

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "toint" | "tolong" | "long" | "int" => (tolong, 1, 1),
        "todouble" | "toreal" | "todecimal" | "real" | "double" => (
            |a| arg(a, 0).as_f64().map_or(Scalar::Null, Scalar::Real),
            1,
            1,
        ),
        "tobool" | "toboolean" | "bool" | "boolean" => (
            |a| arg(a, 0).as_bool().map_or(Scalar::Null, Scalar::Bool),
            1,
            1,
        ),
        "abs" => (|a| num(a, i64::abs, f64::abs), 1, 1),
        "round" => (round, 1, 2),
        "ceiling" => (
            |a| {
                arg(a, 0)
                    .as_f64()
                    .map_or(Scalar::Null, |x| Scalar::Real(x.ceil()))
            },
            1,
            1,
        ),
        "sqrt" => (|a| real(a, f64::sqrt), 1, 1),
        "log" => (|a| real(a, f64::ln), 1, 1),
        "log10" => (|a| real(a, f64::log10), 1, 1),
        "log2" => (|a| real(a, f64::log2), 1, 1),
        "exp" => (|a| real(a, f64::exp), 1, 1),
        "pow" => (
            |a| match (arg(a, 0).as_f64(), arg(a, 1).as_f64()) {
                (Some(x), Some(y)) => Scalar::Real(x.powf(y)),
                _ => Scalar::Null,
            },
            2,
            2,
        ),
        "isnan" => (
            |a| Scalar::Bool(arg(a, 0).as_f64().is_some_and(f64::is_nan)),
            1,
            1,
        ),
        "not" => (
            |a| {
                arg(a, 0)
                    .as_bool()
                    .map_or(Scalar::Null, |b| Scalar::Bool(!b))
            },
            1,
            1,
        ),
        "iff" | "iif" => (
            |a| {
                if arg(a, 0).as_bool() == Some(true) {
                    arg(a, 1).clone()
                } else {
                    arg(a, 2).clone()
                }
            },
            3,
            3,
        ),
        "case" => (case, 3, 255),
        "coalesce" => (
            |a| {
                a.iter()
                    .find(|v| !v.is_null() && !matches!(v, Scalar::String(s) if s.is_empty()))
                    .cloned()
                    .unwrap_or(Scalar::Null)
            },
            1,
            64,
        ),
        "max_of" => (
            |a| {
                a.iter()
                    .filter(|v| !v.is_null())
                    .max_by(|x, y| x.compare(y))
                    .cloned()
                    .unwrap_or(Scalar::Null)
            },
            1,
            64,
        ),
        "min_of" => (
            |a| {
                a.iter()
                    .filter(|v| !v.is_null())
                    .min_by(|x, y| x.compare(y))
                    .cloned()
                    .unwrap_or(Scalar::Null)
            },
            1,
            64,
        ),
        "tohex" => (tohex, 1, 2),
        "binary_and" => (|a| bits(a, |x, y| x & y), 2, 2),
        "binary_or" => (|a| bits(a, |x, y| x | y), 2, 2),
        "binary_xor" => (|a| bits(a, |x, y| x ^ y), 2, 2),
        // Shifts as .NET does them on a long: the count taken modulo 64, right shifts keeping
        // the sign.
        "binary_shift_left" => (|a| bits(a, |x, n| x.wrapping_shl(n as u32)), 2, 2),
        "binary_shift_right" => (|a| bits(a, |x, n| x.wrapping_shr(n as u32)), 2, 2),
        "binary_not" => (
            |a| match arg(a, 0) {
                Scalar::Long(x) => Scalar::Long(!x),
                _ => Scalar::Null,
            },
            1,
            1,
        ),
        "rand" => (rand, 0, 1),
        _ => return None,
    })
}

/// Two longs combined bit by bit; anything else (a real, a string, null) gives null.
fn bits(a: &[Scalar], op: fn(i64, i64) -> i64) -> Scalar {
    match (arg(a, 0), arg(a, 1)) {
        (Scalar::Long(x), Scalar::Long(y)) => Scalar::Long(op(*x, *y)),
        _ => Scalar::Null,
    }
}

/// `tohex(n [, minLength])`: two's complement for a negative number, zero-padded on the left to
/// `minLength`.
fn tohex(a: &[Scalar]) -> Scalar {
    let Some(n) = arg(a, 0).as_i64() else {
        return Scalar::Null;
    };
    let width = match a.get(1) {
        None => 0,
        Some(w) => match w.as_i64() {
            Some(w) => w.clamp(0, 1024) as usize,
            None => return Scalar::Null,
        },
    };
    Scalar::str(&format!("{n:0width$x}"))
}

/// `rand()`: a real in [0, 1); `rand(N)`: a long in [0, N). A new value on every row and run.
fn rand(a: &[Scalar]) -> Scalar {
    let unit = next_random();
    match a.first() {
        None => Scalar::Real(unit),
        Some(n) => match n.as_i64() {
            Some(n) if n > 0 => Scalar::Long(((unit * n as f64) as i64).min(n - 1)),
            _ => Scalar::Null,
        },
    }
}

/// A uniform real in [0, 1) from a per-thread xorshift generator seeded by the process's random
/// hasher keys: no crate for a function whose answers are meant to differ.
fn next_random() -> f64 {
    use std::cell::Cell;
    use std::hash::{BuildHasher, RandomState};
    thread_local! {
        static STATE: Cell<u64> = Cell::new(RandomState::new().hash_one(0u64) | 1);
    }
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}

fn tolong(a: &[Scalar]) -> Scalar {
    match arg(a, 0) {
        Scalar::Timespan(t) | Scalar::DateTime(t) => Scalar::Long(*t),
        other => other.as_i64().map_or(Scalar::Null, Scalar::Long),
    }
}

fn num(a: &[Scalar], long: fn(i64) -> i64, real: fn(f64) -> f64) -> Scalar {
    match arg(a, 0) {
        Scalar::Long(n) => Scalar::Long(long(*n)),
        Scalar::Timespan(t) => Scalar::Timespan(long(*t)),
        other => other
            .as_f64()
            .map_or(Scalar::Null, |x| Scalar::Real(real(x))),
    }
}

fn real(a: &[Scalar], f: fn(f64) -> f64) -> Scalar {
    arg(a, 0)
        .as_f64()
        .map_or(Scalar::Null, |x| Scalar::Real(f(x)))
}

fn round(a: &[Scalar]) -> Scalar {
    let Some(x) = arg(a, 0).as_f64() else {
        return Scalar::Null;
    };
    let digits = arg(a, 1).as_i64().unwrap_or(0).clamp(-15, 15) as i32;
    let factor = 10f64.powi(digits);
    Scalar::Real((x * factor).round() / factor)
}

fn case(a: &[Scalar]) -> Scalar {
    for pair in a[..a.len() - 1].chunks(2) {
        if pair.len() == 2 && pair[0].as_bool() == Some(true) {
            return pair[1].clone();
        }
    }
    a.last().cloned().unwrap_or(Scalar::Null)
}
