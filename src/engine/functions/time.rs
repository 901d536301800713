//! Dates and times, all in 100 ns ticks.

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;
use crate::results::datetime::{civil_from_days, days_from_civil, parse_ticks, TICKS_PER_DAY};

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "todatetime" | "datetime" => (todatetime, 1, 1),
        "totimespan" | "timespan" | "time" => (totimespan, 1, 1),
        "bin" | "floor" => (bin, 2, 2),
        "bin_at" => (bin_at, 3, 3),
        "startofday" => (|a| start_of(a, Unit::Day), 1, 2),
        "startofweek" => (|a| start_of(a, Unit::Week), 1, 2),
        "startofmonth" => (|a| start_of(a, Unit::Month), 1, 2),
        "startofyear" => (|a| start_of(a, Unit::Year), 1, 2),
        "endofday" => (|a| end_of(a, Unit::Day), 1, 2),
        "endofweek" => (|a| end_of(a, Unit::Week), 1, 2),
        "endofmonth" => (|a| end_of(a, Unit::Month), 1, 2),
        "endofyear" => (|a| end_of(a, Unit::Year), 1, 2),
        "datetime_diff" => (datetime_diff, 3, 3),
        "datetime_add" => (datetime_add, 3, 3),
        "format_datetime" => (format_datetime, 2, 2),
        "dayofweek" => (
            |a| {
                ticks(a, 0).map_or(Scalar::Null, |t| {
                    Scalar::Timespan(
                        (t.div_euclid(TICKS_PER_DAY) + 4).rem_euclid(7) * TICKS_PER_DAY,
                    )
                })
            },
            1,
            1,
        ),
        "hourofday" => (
            |a| {
                ticks(a, 0).map_or(Scalar::Null, |t| {
                    Scalar::Long(t.rem_euclid(TICKS_PER_DAY) / 36_000_000_000)
                })
            },
            1,
            1,
        ),
        "dayofmonth" => (
            |a| parts(a).map_or(Scalar::Null, |(_, _, d)| Scalar::Long(i64::from(d))),
            1,
            1,
        ),
        "getmonth" | "monthofyear" => (
            |a| parts(a).map_or(Scalar::Null, |(_, m, _)| Scalar::Long(i64::from(m))),
            1,
            1,
        ),
        "getyear" => (
            |a| parts(a).map_or(Scalar::Null, |(y, _, _)| Scalar::Long(y)),
            1,
            1,
        ),
        "unixtime_seconds_todatetime" => (
            |a| {
                arg(a, 0)
                    .as_f64()
                    .map_or(Scalar::Null, |s| Scalar::DateTime((s * 1e7) as i64))
            },
            1,
            1,
        ),
        "unixtime_milliseconds_todatetime" => (
            |a| {
                arg(a, 0)
                    .as_f64()
                    .map_or(Scalar::Null, |s| Scalar::DateTime((s * 1e4) as i64))
            },
            1,
            1,
        ),
        _ => return None,
    })
}

pub(crate) fn ticks(a: &[Scalar], i: usize) -> Option<i64> {
    match arg(a, i) {
        Scalar::DateTime(t) => Some(*t),
        Scalar::String(s) => parse_ticks(s),
        Scalar::Dynamic(j) => j.as_str().and_then(parse_ticks),
        _ => None,
    }
}

fn parts(a: &[Scalar]) -> Option<(i64, u32, u32)> {
    ticks(a, 0).map(|t| civil_from_days(t.div_euclid(TICKS_PER_DAY)))
}

fn todatetime(a: &[Scalar]) -> Scalar {
    match arg(a, 0) {
        Scalar::DateTime(t) => Scalar::DateTime(*t),
        Scalar::Long(n) => Scalar::DateTime(*n),
        _ => ticks(a, 0).map_or(Scalar::Null, Scalar::DateTime),
    }
}

fn totimespan(a: &[Scalar]) -> Scalar {
    match arg(a, 0) {
        Scalar::Timespan(t) => Scalar::Timespan(*t),
        Scalar::Long(n) => Scalar::Timespan(*n),
        other => other
            .to_text()
            .and_then(|s| {
                crate::kql::timespan_ticks(&s).or_else(|| {
                    crate::text::parse_dotnet_timespan(&s).map(|d| (d.as_nanos() / 100) as i64)
                })
            })
            .map_or(Scalar::Null, Scalar::Timespan),
    }
}

/// `bin(value, size)`: the value rounded down to a multiple of the size, for numbers,
/// durations and times.
fn bin(a: &[Scalar]) -> Scalar {
    bin_from(arg(a, 0), arg(a, 1), None)
}

/// `bin_at(value, size, fixed_point)`: bins that start at `fixed_point` rather than at zero.
fn bin_at(a: &[Scalar]) -> Scalar {
    bin_from(arg(a, 0), arg(a, 1), Some(arg(a, 2)))
}

fn bin_from(value: &Scalar, size: &Scalar, at: Option<&Scalar>) -> Scalar {
    let value = value.unwrap_dynamic();
    let size = size.unwrap_dynamic();
    let ticks_at = |origin: Option<&Scalar>| match origin {
        None => Some(0),
        Some(Scalar::DateTime(t) | Scalar::Timespan(t)) => Some(*t),
        Some(other) => other.as_i64(),
    };
    match (&*value, &*size) {
        (Scalar::Null, _) | (_, Scalar::Null) => Scalar::Null,
        (Scalar::DateTime(t), Scalar::Timespan(s)) if *s > 0 => ticks_at(at)
            .and_then(|o| floor_to(*t, *s, o))
            .map_or(Scalar::Null, Scalar::DateTime),
        (Scalar::Timespan(t), Scalar::Timespan(s)) if *s > 0 => ticks_at(at)
            .and_then(|o| floor_to(*t, *s, o))
            .map_or(Scalar::Null, Scalar::Timespan),
        (Scalar::Long(n), Scalar::Long(s)) if *s > 0 => match at.map(|o| o.unwrap_dynamic()) {
            None => floor_to(*n, *s, 0).map_or(Scalar::Null, Scalar::Long),
            Some(o) => match &*o {
                Scalar::Long(o) => floor_to(*n, *s, *o).map_or(Scalar::Null, Scalar::Long),
                other => real_bin(*n as f64, *s as f64, other.as_f64()),
            },
        },
        (v @ (Scalar::Long(_) | Scalar::Real(_)), s @ (Scalar::Long(_) | Scalar::Real(_))) => {
            match (v.as_f64(), s.as_f64()) {
                (Some(x), Some(s)) => {
                    real_bin(x, s, at.map_or(Some(0.0), |o| o.unwrap_dynamic().as_f64()))
                }
                _ => Scalar::Null,
            }
        }
        _ => Scalar::Null,
    }
}

/// `value` rounded down to `origin` plus a whole number of `size`s; `None` past the range of
/// 64 bits.
fn floor_to(value: i64, size: i64, origin: i64) -> Option<i64> {
    let steps = value.checked_sub(origin)?.div_euclid(size);
    origin.checked_add(steps.checked_mul(size)?)
}

fn real_bin(x: f64, size: f64, origin: Option<f64>) -> Scalar {
    match origin {
        Some(o) if size > 0.0 => Scalar::Real(o + ((x - o) / size).floor() * size),
        _ => Scalar::Null,
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn start_ticks(t: i64, unit: Unit, offset: i64) -> i64 {
    let days = t.div_euclid(TICKS_PER_DAY);
    let (y, m, _) = civil_from_days(days);
    let start = match unit {
        Unit::Day => days + offset,
        // Weeks start on Sunday; 1970-01-01 was a Thursday.
        Unit::Week => days - (days + 4).rem_euclid(7) + 7 * offset,
        Unit::Month => {
            let months = y * 12 + i64::from(m) - 1 + offset;
            days_from_civil(months.div_euclid(12), (months.rem_euclid(12) + 1) as u32, 1)
        }
        Unit::Year => days_from_civil(y + offset, 1, 1),
    };
    start * TICKS_PER_DAY
}

fn start_of(a: &[Scalar], unit: Unit) -> Scalar {
    let offset = arg(a, 1).as_i64().unwrap_or(0);
    ticks(a, 0).map_or(Scalar::Null, |t| {
        Scalar::DateTime(start_ticks(t, unit, offset))
    })
}

fn end_of(a: &[Scalar], unit: Unit) -> Scalar {
    let offset = arg(a, 1).as_i64().unwrap_or(0);
    ticks(a, 0).map_or(Scalar::Null, |t| {
        Scalar::DateTime(start_ticks(t, unit, offset + 1) - 1)
    })
}

fn unit_ticks(name: &str) -> Option<i64> {
    Some(match name.to_ascii_lowercase().trim_end_matches('s') {
        "day" => TICKS_PER_DAY,
        "hour" => 36_000_000_000,
        "minute" => 600_000_000,
        "second" => 10_000_000,
        "millisecond" => 10_000,
        "microsecond" => 10,
        "nanosecond" => 1,
        "week" => 7 * TICKS_PER_DAY,
        _ => return None,
    })
}

/// `datetime_diff(period, a, b)`: how many period boundaries lie between b and a, counted on
/// the calendar (weeks start on Sunday), not the length of the interval.
fn datetime_diff(a: &[Scalar]) -> Scalar {
    let (Some(unit), Some(x), Some(y)) = (arg(a, 0).to_text(), ticks(a, 1), ticks(a, 2)) else {
        return Scalar::Null;
    };
    let date = |t: i64| civil_from_days(t.div_euclid(TICKS_PER_DAY));
    let ((xy, xm, _), (yy, ym, _)) = (date(x), date(y));
    // Days since a Sunday (1970-01-04), in whole weeks.
    let week = |t: i64| (t.div_euclid(TICKS_PER_DAY) - 3).div_euclid(7);
    let per = |n: i64| x.div_euclid(n) - y.div_euclid(n);
    Scalar::Long(match unit.to_ascii_lowercase().trim_end_matches('s') {
        "year" => xy - yy,
        "quarter" => (xy * 4 + i64::from(xm - 1) / 3) - (yy * 4 + i64::from(ym - 1) / 3),
        "month" => (xy * 12 + i64::from(xm)) - (yy * 12 + i64::from(ym)),
        "week" => week(x) - week(y),
        "day" => per(TICKS_PER_DAY),
        "hour" => per(36_000_000_000),
        "minute" => per(600_000_000),
        "second" => per(10_000_000),
        "millisecond" => per(10_000),
        "microsecond" => per(10),
        "nanosecond" => x.saturating_sub(y).saturating_mul(100),
        _ => return Scalar::Null,
    })
}

fn datetime_add(a: &[Scalar]) -> Scalar {
    let (Some(unit), Some(n), Some(t)) = (arg(a, 0).to_text(), arg(a, 1).as_i64(), ticks(a, 2))
    else {
        return Scalar::Null;
    };
    match unit.to_ascii_lowercase().trim_end_matches('s') {
        "year" | "month" => {
            let months = if unit.to_ascii_lowercase().starts_with("year") {
                n * 12
            } else {
                n
            };
            let days = t.div_euclid(TICKS_PER_DAY);
            let (y, m, d) = civil_from_days(days);
            let total = y * 12 + i64::from(m) - 1 + months;
            let day = days_from_civil(total.div_euclid(12), (total.rem_euclid(12) + 1) as u32, d);
            Scalar::DateTime(day * TICKS_PER_DAY + t.rem_euclid(TICKS_PER_DAY))
        }
        u => unit_ticks(u).map_or(Scalar::Null, |per| Scalar::DateTime(t + n * per)),
    }
}

/// Whether every specifier of a `format_datetime` format is one Kusto documents (a run of
/// `F`s over a fraction of all digits always writes something, so only an unknown one is empty).
pub(crate) fn documented_format(format: &str) -> bool {
    format.is_empty()
        || format_datetime(&[Scalar::DateTime(1_234_567), Scalar::str(format)]) != Scalar::str("")
}

fn format_datetime(a: &[Scalar]) -> Scalar {
    let (Some(t), Some(format)) = (ticks(a, 0), arg(a, 1).to_text()) else {
        return Scalar::Null;
    };
    let (y, mo, d) = civil_from_days(t.div_euclid(TICKS_PER_DAY));
    let in_day = t.rem_euclid(TICKS_PER_DAY);
    let (h, mi, s, frac) = (
        in_day / 36_000_000_000,
        in_day / 600_000_000 % 60,
        in_day / 10_000_000 % 60,
        in_day % 10_000_000,
    );
    let twelve = if h % 12 == 0 { 12 } else { h % 12 };
    write_format(&format, |c, run| {
        Some(match (c, run) {
            (b'y', 4) => format!("{y:04}"),
            (b'y', 2) => format!("{:02}", y % 100),
            (b'y', 1) => (y % 100).to_string(),
            (b'M', 2) => format!("{mo:02}"),
            (b'M', 1) => mo.to_string(),
            (b'd', 2) => format!("{d:02}"),
            (b'd', 1) => d.to_string(),
            (b'H', 2) => format!("{h:02}"),
            (b'H', 1) => h.to_string(),
            (b'h', 2) => format!("{twelve:02}"),
            (b'h', 1) => twelve.to_string(),
            (b'm', 2) => format!("{mi:02}"),
            (b'm', 1) => mi.to_string(),
            (b's', 2) => format!("{s:02}"),
            (b's', 1) => s.to_string(),
            (b'f' | b'F', n) if n <= 7 => fraction(c, n, frac),
            (b't', 2) => (if h < 12 { "AM" } else { "PM" }).to_owned(),
            _ => return None,
        })
    })
}

/// A format of runs of one letter each (`yyyy`, `HH`, `fff`) and delimiters, written by
/// `piece(letter, run length)`. A run `piece` does not know that is no delimiter makes the
/// format invalid, and the answer the empty string rather than a guess, as Kusto's is.
pub(super) fn write_format(
    format: &str,
    mut piece: impl FnMut(u8, usize) -> Option<String>,
) -> Scalar {
    let mut out = String::new();
    let f = format.as_bytes();
    let mut i = 0;
    while i < f.len() {
        let c = f[i];
        let run = f[i..].iter().take_while(|&&x| x == c).count();
        match piece(c, run) {
            Some(text) => out.push_str(&text),
            None if matches!(
                c,
                b' ' | b'/' | b'-' | b':' | b',' | b'.' | b'_' | b'[' | b']'
            ) =>
            {
                out.push_str(&String::from_utf8_lossy(&f[i..i + run]));
            }
            None => return Scalar::str(""),
        }
        i += run;
    }
    Scalar::str(&out)
}

/// `f`..`fffffff`: the first `n` digits of the fraction of a second; `F`: the same without
/// trailing zeros, nothing when they are all zero.
pub(super) fn fraction(letter: u8, n: usize, ticks: i64) -> String {
    let digits = format!("{ticks:07}")[..n].to_owned();
    if letter == b'F' {
        digits.trim_end_matches('0').to_owned()
    } else {
        digits
    }
}
