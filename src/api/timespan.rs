//! Graph's optional `Timespan`: an ISO 8601 duration (`P7D`), an interval (`start/end`,
//! `P30D/end`, `start/P30D`) or a single start instant.

use crate::results::datetime::parse_ticks;

pub fn check_timespan(span: &str) -> Result<(), String> {
    let ok = match span.split_once('/') {
        Some((a, b)) => {
            (is_duration(a) || is_instant(a))
                && (is_duration(b) || is_instant(b))
                && !(is_duration(a) && is_duration(b))
        }
        None => is_duration(span) || is_instant(span),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{span}' is not an ISO 8601 timespan: use a duration like P7D or PT12H, or an interval like 2026-11-01T00:00:00Z/2026-11-08T00:00:00Z"
        ))
    }
}

fn is_instant(s: &str) -> bool {
    parse_ticks(s).is_some()
}

/// `PnYnMnWnDTnHnMnS` with at least one part.
fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P').or_else(|| s.strip_prefix('p')) else {
        return false;
    };
    let (date, time) = match rest.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let parts = |text: &str, units: &str| -> Option<usize> {
        let mut count = 0;
        let mut number = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
            } else if units.contains(c.to_ascii_uppercase()) && !number.is_empty() {
                number.clear();
                count += 1;
            } else {
                return None;
            }
        }
        number.is_empty().then_some(count)
    };
    match (parts(date, "YMWD"), time.map(|t| parts(t, "HMS"))) {
        (Some(d), None) => d > 0,
        (Some(_), Some(Some(t))) => t > 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_forms_pass() {
        for ok in [
            "P7D",
            "PT12H",
            "P1DT6H",
            "P30D/2026-11-20T00:00:00Z",
            "2026-11-01T00:00:00Z/P7D",
            "2026-11-01T00:00:00Z/2026-11-08T00:00:00Z",
            "2026-11-01",
        ] {
            assert!(check_timespan(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn mistakes_get_an_example() {
        for bad in ["7d", "P", "PT", "P7X", "P7D/P1D", "last week"] {
            let err = check_timespan(bad).unwrap_err();
            assert!(err.contains("P7D"), "{bad}: {err}");
        }
    }
}
