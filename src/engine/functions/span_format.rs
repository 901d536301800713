//! `format_timespan`: a timespan written with Kusto's documented format elements (days `d` to
//! `dddddddd`, hours `h`/`hh`/`H`/`HH`, minutes `m`/`mm`, seconds `s`/`ss`, fractions `f`..
//! `fffffff` and `F`..`FFFFFFF`) and delimiters. As in .NET, whose formatting Kusto uses, the
//! parts are those of the span's length: a negative span is written without a sign.

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    match name {
        "format_timespan" => Some((format_timespan, 2, 2)),
        _ => None,
    }
}

const TICKS_PER_SECOND: u64 = 10_000_000;

fn format_timespan(a: &[Scalar]) -> Scalar {
    let (Scalar::Timespan(t), Some(format)) = (arg(a, 0), arg(a, 1).to_text()) else {
        return Scalar::Null;
    };
    let t = t.unsigned_abs();
    let (seconds, fraction) = (t / TICKS_PER_SECOND, t % TICKS_PER_SECOND);
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3_600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    super::time::write_format(&format, |c, run| {
        Some(match (c, run) {
            (b'd', n @ 1..=8) => format!("{days:0n$}"),
            (b'h' | b'H', 1) => hours.to_string(),
            (b'h' | b'H', 2) => format!("{hours:02}"),
            (b'm', 1) => minutes.to_string(),
            (b'm', 2) => format!("{minutes:02}"),
            (b's', 1) => secs.to_string(),
            (b's', 2) => format!("{secs:02}"),
            (b'f' | b'F', n @ 1..=7) => super::time::fraction(c, n, fraction as i64),
            _ => return None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::format_timespan;
    use crate::engine::scalar::Scalar;

    fn format(ticks: i64, f: &str) -> Scalar {
        format_timespan(&[Scalar::Timespan(ticks), Scalar::str(f)])
    }

    /// 29.09:00:05.12345, the documentation's example.
    const EXAMPLE: i64 = ((29 * 86_400 + 9 * 3_600 + 5) * 10_000_000) + 1_234_500;

    #[test]
    fn the_documentations_examples() {
        assert_eq!(
            format(EXAMPLE, "dd.hh:mm:ss:FF"),
            Scalar::str("29.09:00:05:12")
        );
        assert_eq!(
            format(EXAMPLE, "ddd.h:mm:ss [fffffff]"),
            Scalar::str("029.9:00:05 [1234500]")
        );
    }

    #[test]
    fn a_negative_span_is_written_by_its_length_and_an_unknown_element_gives_empty() {
        assert_eq!(format(-EXAMPLE, "dd.hh"), Scalar::str("29.09"));
        assert_eq!(format(EXAMPLE, "dd q"), Scalar::str(""));
        assert_eq!(format(EXAMPLE, "ddddddddd"), Scalar::str(""));
    }
}
