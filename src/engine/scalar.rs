//! One value as the engine computes with it: cheap to clone (strings and dynamic values are
//! shared), ordered and hashed the way Kusto compares them.

use std::cmp::Ordering;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::limits::{nests_deeper_than, MAX_DYNAMIC_DEPTH};
use crate::results::{datetime, ColumnKind, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    /// 100 ns ticks since the Unix epoch.
    DateTime(i64),
    /// 100 ns ticks.
    Timespan(i64),
    String(Arc<str>),
    Dynamic(Arc<Json>),
}

impl Scalar {
    /// Kusto's three-valued `or` over answers taken one by one (stopping at the first true):
    /// any true is true, else any unknown is null, else false.
    pub fn any_true(answers: impl IntoIterator<Item = Option<bool>>) -> Scalar {
        let mut unknown = false;
        for answer in answers {
            match answer {
                Some(true) => return Scalar::Bool(true),
                Some(false) => {}
                None => unknown = true,
            }
        }
        if unknown {
            Scalar::Null
        } else {
            Scalar::Bool(false)
        }
    }

    pub fn str(s: &str) -> Scalar {
        Scalar::String(Arc::from(s))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Scalar::Null)
    }

    /// Null and the empty string, as `isempty` sees them.
    pub fn is_empty(&self) -> bool {
        match self {
            Scalar::Null => true,
            Scalar::String(s) => s.is_empty(),
            Scalar::Dynamic(j) => {
                matches!(**j, Json::Null) || j.as_str().is_some_and(str::is_empty)
            }
            _ => false,
        }
    }

    pub fn kind(&self) -> ColumnKind {
        match self {
            Scalar::Null => ColumnKind::Unknown,
            Scalar::Bool(_) => ColumnKind::Bool,
            Scalar::Long(_) => ColumnKind::Long,
            Scalar::Real(_) => ColumnKind::Real,
            Scalar::DateTime(_) => ColumnKind::DateTime,
            Scalar::Timespan(_) => ColumnKind::TimeSpan,
            Scalar::String(_) => ColumnKind::Text,
            Scalar::Dynamic(_) => ColumnKind::Dynamic,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            Scalar::Long(n) => Some(*n != 0),
            Scalar::Dynamic(j) => j.as_bool(),
            Scalar::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Scalar::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Long(n) => Some(*n as f64),
            Scalar::Real(x) => Some(*x),
            Scalar::Bool(b) => Some(f64::from(u8::from(*b))),
            Scalar::Timespan(t) | Scalar::DateTime(t) => Some(*t as f64),
            Scalar::String(s) => s.trim().parse().ok(),
            Scalar::Dynamic(j) => j
                .as_f64()
                .or_else(|| j.as_str().and_then(|s| s.trim().parse().ok())),
            Scalar::Null => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Long(n) => Some(*n),
            Scalar::Real(x) if x.is_finite() => Some(*x as i64),
            Scalar::Bool(b) => Some(i64::from(*b)),
            Scalar::String(s) => s
                .trim()
                .parse::<i64>()
                .ok()
                .or_else(|| s.trim().parse::<f64>().ok().map(|x| x as i64)),
            Scalar::Dynamic(j) => j
                .as_i64()
                .or_else(|| j.as_f64().map(|x| x as i64))
                .or_else(|| j.as_str().and_then(|s| s.trim().parse().ok())),
            _ => None,
        }
    }

    /// The value as `tostring()` writes it; `None` for null.
    pub fn to_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        Some(match self {
            Scalar::Null => return None,
            Scalar::String(s) => Cow::Borrowed(&**s),
            Scalar::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Scalar::Long(n) => Cow::Owned(n.to_string()),
            Scalar::Real(x) => {
                let mut s = String::new();
                crate::results::write_real(&mut s, *x);
                Cow::Owned(s)
            }
            Scalar::DateTime(t) => Cow::Owned(datetime::format_ticks(*t)),
            Scalar::Timespan(t) => Cow::Owned(format_timespan(*t)),
            Scalar::Dynamic(j) => match &**j {
                Json::String(s) => Cow::Borrowed(s.as_str()),
                Json::Null => return None,
                other => Cow::Owned(other.to_string()),
            },
        })
    }

    /// The value as JSON, for dynamic contexts (`pack`, `make_set`).
    pub fn to_json(&self) -> Json {
        match self {
            Scalar::Null => Json::Null,
            Scalar::Bool(b) => Json::Bool(*b),
            Scalar::Long(n) => Json::from(*n),
            Scalar::Real(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
            Scalar::Dynamic(j) => (**j).clone(),
            other => other
                .to_text()
                .map_or(Json::Null, |s| Json::String(s.into_owned())),
        }
    }

    /// A dynamic value; one nested deeper than [`MAX_DYNAMIC_DEPTH`] is null, as a value
    /// that could not be read back (every dynamic value the engine makes passes here).
    pub fn from_json(json: Json) -> Scalar {
        match json {
            Json::Null => Scalar::Null,
            other if nests_deeper_than(&other, MAX_DYNAMIC_DEPTH) => Scalar::Null,
            other => Scalar::Dynamic(Arc::new(other)),
        }
    }

    /// A dynamic value read back into the plain scalar it holds, for comparisons.
    pub fn unwrap_dynamic(&self) -> std::borrow::Cow<'_, Scalar> {
        use std::borrow::Cow;
        match self {
            Scalar::Dynamic(j) => Cow::Owned(match &**j {
                Json::Null => Scalar::Null,
                Json::Bool(b) => Scalar::Bool(*b),
                Json::Number(n) => n.as_i64().map_or_else(
                    || Scalar::Real(n.as_f64().unwrap_or(f64::NAN)),
                    Scalar::Long,
                ),
                Json::String(s) => Scalar::str(s),
                _ => return Cow::Borrowed(self),
            }),
            _ => Cow::Borrowed(self),
        }
    }

    /// Kusto's ordering: numbers by value across long and real, then by type. Nulls are
    /// placed by the caller.
    pub fn compare(&self, other: &Scalar) -> Ordering {
        let (a, b) = (self.unwrap_dynamic(), other.unwrap_dynamic());
        match (&*a, &*b) {
            (Scalar::Long(x), Scalar::Long(y)) => x.cmp(y),
            (Scalar::DateTime(x), Scalar::DateTime(y))
            | (Scalar::Timespan(x), Scalar::Timespan(y)) => x.cmp(y),
            (Scalar::String(x), Scalar::String(y)) => x.cmp(y),
            (Scalar::Bool(x), Scalar::Bool(y)) => x.cmp(y),
            (Scalar::Null, Scalar::Null) => Ordering::Equal,
            (Scalar::Null, _) => Ordering::Less,
            (_, Scalar::Null) => Ordering::Greater,
            (x, y) => match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q))
                    if !matches!(x, Scalar::String(_)) && !matches!(y, Scalar::String(_)) =>
                {
                    p.total_cmp(&q)
                }
                _ => x
                    .to_text()
                    .unwrap_or_default()
                    .cmp(&y.to_text().unwrap_or_default()),
            },
        }
    }

    /// Equality as `==` sees it; `None` when either side is null.
    pub fn equals(&self, other: &Scalar) -> Option<bool> {
        if self.is_null() || other.is_null() {
            return None;
        }
        let (a, b) = (self.unwrap_dynamic(), other.unwrap_dynamic());
        Some(match (&*a, &*b) {
            (Scalar::Null, _) | (_, Scalar::Null) => return None,
            (Scalar::String(x), Scalar::String(y)) => x == y,
            (Scalar::String(_), _) | (_, Scalar::String(_)) => a.to_text() == b.to_text(),
            (Scalar::Dynamic(x), Scalar::Dynamic(y)) => x == y,
            (x, y) => x.compare(y) == Ordering::Equal,
        })
    }

    /// A cell of a stored result set as a scalar.
    pub fn from_value(value: Value<'_>, kind: ColumnKind) -> Scalar {
        match value {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(b),
            Value::Long(n) if kind == ColumnKind::TimeSpan => Scalar::Timespan(n),
            Value::Long(n) => Scalar::Long(n),
            Value::Real(x) => Scalar::Real(x),
            Value::DateTime(t) => Scalar::DateTime(t),
            Value::Text(s) => Scalar::str(s),
            Value::Dynamic(j) => {
                serde_json::from_str(j).map_or_else(|_| Scalar::str(j), Scalar::from_json)
            }
        }
    }
}

/// `[-][d.]hh:mm:ss[.fffffff]`, as Kusto writes timespans.
pub fn format_timespan(ticks: i64) -> String {
    let sign = if ticks < 0 { "-" } else { "" };
    let t = ticks.unsigned_abs();
    let (days, rest) = (t / 864_000_000_000, t % 864_000_000_000);
    let (secs, fraction) = (rest / 10_000_000, rest % 10_000_000);
    let clock = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    let fraction = if fraction > 0 {
        format!(".{fraction:07}")
    } else {
        String::new()
    };
    if days > 0 {
        format!("{sign}{days}.{clock}{fraction}")
    } else {
        format!("{sign}{clock}{fraction}")
    }
}

/// A hashable form of a scalar, for `summarize by`, `distinct` and `join` keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Null,
    Bool(bool),
    Long(i64),
    Real(u64),
    Ticks(i64),
    Text(Arc<str>),
}

impl Key {
    pub fn of(value: &Scalar) -> Key {
        match value {
            Scalar::Null => Key::Null,
            Scalar::Bool(b) => Key::Bool(*b),
            Scalar::Long(n) => Key::Long(*n),
            Scalar::Real(x) if x.fract() == 0.0 && x.abs() < 9e15 => Key::Long(*x as i64),
            Scalar::Real(x) => Key::Real(x.to_bits()),
            Scalar::DateTime(t) | Scalar::Timespan(t) => Key::Ticks(*t),
            Scalar::String(s) => Key::Text(s.clone()),
            Scalar::Dynamic(j) => match &**j {
                Json::String(s) => Key::Text(Arc::from(s.as_str())),
                Json::Null => Key::Null,
                other => Key::Text(Arc::from(other.to_string())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_across_long_and_real_and_dynamic() {
        assert_eq!(Scalar::Long(2).equals(&Scalar::Real(2.0)), Some(true));
        assert_eq!(
            Scalar::Dynamic(Arc::new(Json::from("x"))).equals(&Scalar::str("x")),
            Some(true)
        );
        assert_eq!(Scalar::Null.equals(&Scalar::Null), None);
        assert_eq!(
            Scalar::Long(10).compare(&Scalar::Real(9.5)),
            Ordering::Greater
        );
    }

    #[test]
    fn timespans_format_like_kusto() {
        assert_eq!(
            format_timespan(864_000_000_000 + 36_000_000_000),
            "1.01:00:00"
        );
        assert_eq!(format_timespan(15_000_000), "00:00:01.5000000");
        assert_eq!(format_timespan(-600_000_000), "-00:01:00");
    }
}
