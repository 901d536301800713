//! Timestamps as 100-nanosecond ticks since the Unix epoch, the resolution Kusto keeps.
//!
//! Parsing is hand-written because it runs once per DateTime cell of every response
//! (hundreds of thousands per load) and the API only ever sends ISO 8601.

pub const TICKS_PER_SECOND: i64 = 10_000_000;
pub const TICKS_PER_DAY: i64 = 86_400 * TICKS_PER_SECOND;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() {
        return None;
    }
    let mut n = 0i64;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(n)
}

/// Parses `YYYY-MM-DD[(T| )hh:mm[:ss[.fffffff]]][Z|±hh:mm]`; a value without an offset is UTC,
/// as the legacy endpoints send it.
pub fn parse_ticks(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])? as u32;
    let day = digits(&b[8..10])? as u32;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ticks = days_from_civil(year, month, day) * TICKS_PER_DAY;
    let mut rest = &b[10..];
    if rest.is_empty() {
        return Some(ticks);
    }
    if rest[0] != b'T' && rest[0] != b't' && rest[0] != b' ' {
        return None;
    }
    rest = &rest[1..];
    if rest.len() < 5 || rest[2] != b':' {
        return None;
    }
    let hour = digits(&rest[0..2])?;
    let minute = digits(&rest[3..5])?;
    rest = &rest[5..];
    let mut second = 0;
    if rest.first() == Some(&b':') {
        second = digits(rest.get(1..3)?)?;
        rest = &rest[3..];
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    ticks += (hour * 3600 + minute * 60 + second) * TICKS_PER_SECOND;
    if rest.first() == Some(&b'.') {
        rest = &rest[1..];
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        let mut fraction = 0i64;
        for (i, &c) in rest[..len].iter().enumerate() {
            if i < 7 {
                fraction = fraction * 10 + i64::from(c - b'0');
            }
        }
        for _ in len..7 {
            fraction *= 10;
        }
        ticks += fraction;
        rest = &rest[len..];
    }
    match rest {
        [] | [b'Z'] | [b'z'] => Some(ticks),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let offset = digits(&[*h1, *h2])? * 3600 + digits(&[*m1, *m2])? * 60;
            let offset = offset * TICKS_PER_SECOND;
            Some(if *sign == b'+' {
                ticks - offset
            } else {
                ticks + offset
            })
        }
        _ => None,
    }
}

/// `2026-11-20T06:38:35.7664356Z`: ISO 8601, UTC, always seven fraction digits, so every
/// timestamp has the same width in a grid and sorts as text.
pub fn format_ticks(ticks: i64) -> String {
    let mut out = String::with_capacity(28);
    write_ticks(&mut out, ticks, 'T', true);
    out
}

/// Writes a timestamp; `separator` is `T` for ISO 8601 or a space for display.
pub fn write_ticks(out: &mut String, ticks: i64, separator: char, zulu: bool) {
    use std::fmt::Write;
    let days = ticks.div_euclid(TICKS_PER_DAY);
    let in_day = ticks.rem_euclid(TICKS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let seconds = in_day / TICKS_PER_SECOND;
    let fraction = in_day % TICKS_PER_SECOND;
    let _ = write!(
        out,
        "{year:04}-{month:02}-{day:02}{separator}{:02}:{:02}:{:02}.{fraction:07}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if zulu {
        out.push('Z');
    }
}

/// Ticks of the current instant.
/// The local time zone's offset from UTC at a moment, in seconds (daylight saving included),
/// from the C library's time zone rules (`TZ`, `/etc/localtime`).
pub fn local_offset_seconds(unix_seconds: i64) -> i64 {
    let time = unix_seconds as libc::time_t;
    // SAFETY: localtime_r only writes the `tm` it is given and reads `time`; both live here.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let converted = unsafe { libc::localtime_r(&time, &mut tm) };
    if converted.is_null() {
        0
    } else {
        tm.tm_gmtoff
    }
}

pub fn now_ticks() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    now.as_secs() as i64 * TICKS_PER_SECOND + i64::from(now.subsec_nanos() / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_api_forms() {
        let t = parse_ticks("2026-11-20T06:38:35.7664356Z").unwrap();
        assert_eq!(format_ticks(t), "2026-11-20T06:38:35.7664356Z");
        let legacy = parse_ticks("2018-07-09T07:16:26.8017265").unwrap();
        assert_eq!(format_ticks(legacy), "2018-07-09T07:16:26.8017265Z");
        assert_eq!(
            format_ticks(parse_ticks("1970-01-01").unwrap()),
            "1970-01-01T00:00:00.0000000Z"
        );
    }

    #[test]
    fn offsets_and_short_fractions_normalise_to_utc() {
        let a = parse_ticks("2026-01-01T02:00:00.5+02:00").unwrap();
        assert_eq!(format_ticks(a), "2026-01-01T00:00:00.5000000Z");
        let b = parse_ticks("2025-12-31 23:30:00-01:00").unwrap();
        assert_eq!(format_ticks(b), "2026-01-01T00:30:00.0000000Z");
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-20T6:38",
            "2026-11-20T06:38:35.Z",
            "2026-11-20X",
        ] {
            assert_eq!(parse_ticks(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_dates_agree_both_ways_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
