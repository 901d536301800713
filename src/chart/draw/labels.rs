//! Axis labels a hunter reads at a glance: timestamps cut to what changes over the span (in
//! the grid's time zone), numbers with units (`1.2K`, `3.4M`).

use crate::results::datetime::{local_offset_seconds, write_ticks};

const TICKS_PER_SECOND: i64 = 10_000_000;
const TICKS_PER_DAY: f64 = 864e9;

/// `950`, `1.2K`, `3.4M`, `5G`, `0.25`: at most four significant characters and a unit.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let (scaled, unit) = match a {
        a if a >= 1e12 => (v / 1e12, "T"),
        a if a >= 1e9 => (v / 1e9, "G"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e4 => (v / 1e3, "K"),
        _ => (v, ""),
    };
    let text = if scaled.fract() == 0.0 || scaled.abs() >= 100.0 {
        format!("{scaled:.0}")
    } else if scaled.abs() >= 10.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    format!("{text}{unit}")
}

/// Ticks moved into local time when the grid shows local time.
pub fn shifted(ticks: i64, local: bool) -> i64 {
    if local {
        let offset = local_offset_seconds(ticks.div_euclid(TICKS_PER_SECOND));
        ticks.saturating_add(offset * TICKS_PER_SECOND)
    } else {
        ticks
    }
}

/// A time label for an axis spanning `span` ticks: `14:30` within a day, `03-07 14:30` within
/// two months, `2026-03-07` beyond.
pub fn time(ticks: f64, span: f64, local: bool) -> String {
    let mut full = String::with_capacity(27);
    write_ticks(&mut full, shifted(ticks as i64, local), ' ', false);
    // full: "2026-03-07 14:30:05.0000000"
    let piece = if span <= TICKS_PER_DAY {
        full.get(11..16)
    } else if span <= 60.0 * TICKS_PER_DAY {
        full.get(5..16)
    } else {
        full.get(0..10)
    };
    piece.unwrap_or(&full).to_owned()
}

/// `count` values spread evenly from `low` to `high`, both ends included.
pub fn spread(low: f64, high: f64, count: usize) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![low],
        n => (0..n)
            .map(|i| low + (high - low) * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_units_and_few_digits() {
        assert_eq!(number(950.0), "950");
        assert_eq!(number(12_345.0), "12.3K");
        assert_eq!(number(3_400_000.0), "3.4M");
        assert_eq!(number(5e9), "5G");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1500.0), "-1500");
    }

    #[test]
    fn time_labels_show_what_changes_over_the_span() {
        let t = crate::results::datetime::parse_ticks("2026-03-07T14:30:05Z").unwrap() as f64;
        assert_eq!(time(t, 36e9, false), "14:30");
        assert_eq!(time(t, 864e9 * 7.0, false), "03-07 14:30");
        assert_eq!(time(t, 864e9 * 400.0, false), "2026-03-07");
    }
}
