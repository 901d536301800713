//! .NET `TimeSpan` text (`[d.]hh:mm:ss[.fffffff]`), as the services write durations: the
//! statistics' CPU times, the waits their throttling messages name, KQL's timespan literals,
//! and what the demo tenant writes back.

use std::time::Duration;

/// Parses a .NET `TimeSpan` string: `[-][d.]hh:mm:ss[.fffffff]`.
pub fn parse_dotnet_timespan(text: &str) -> Option<Duration> {
    let (secs, nanos) = dotnet_timespan_parts(text)?;
    Some(Duration::new(u64::try_from(secs).ok()?, nanos))
}

/// Whole seconds and nanoseconds of a timespan, counted wide enough that no digits overflow.
pub fn dotnet_timespan_parts(text: &str) -> Option<(u128, u32)> {
    let text = text.trim();
    if text.starts_with('-') {
        return None;
    }
    let (days, clock) = match text.split_once(':') {
        Some((head, _)) if head.contains('.') => {
            let (d, rest) = text.split_once('.')?;
            (d.parse::<u128>().ok()?, rest)
        }
        _ => (0, text),
    };
    let mut parts = clock.split(':');
    let hours: u128 = parts.next()?.parse().ok()?;
    let minutes: u128 = parts.next()?.parse().ok()?;
    let seconds = parts.next()?;
    if parts.next().is_some() || minutes > 59 {
        return None;
    }
    let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    let whole: u128 = whole.parse().ok()?;
    if whole > 59 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos: u32 = 0;
    for (i, digit) in fraction.bytes().take(9).enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
    }
    let hours = days.checked_mul(24)?.checked_add(hours)?;
    let secs = hours.checked_mul(3600)?.checked_add(minutes * 60 + whole)?;
    Some((secs, nanos))
}

/// A duration as .NET writes a `TimeSpan`: `[d.]hh:mm:ss.fffffff`.
pub fn format_dotnet_timespan(d: Duration) -> String {
    let s = d.as_secs();
    let days = if s >= 86_400 {
        format!("{}.", s / 86_400)
    } else {
        String::new()
    };
    format!(
        "{days}{:02}:{:02}:{:02}.{:07}",
        s / 3600 % 24,
        s / 60 % 60,
        s % 60,
        d.subsec_nanos() / 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_timespans_with_and_without_fractions() {
        assert_eq!(
            parse_dotnet_timespan("00:00:19.0468750"),
            Some(Duration::from_nanos(19_046_875_000))
        );
        assert_eq!(parse_dotnet_timespan("00:00:00"), Some(Duration::ZERO));
        assert_eq!(
            parse_dotnet_timespan("1.02:03:04.5"),
            Some(Duration::from_millis(93_784_500))
        );
        assert_eq!(
            parse_dotnet_timespan("01:00:00"),
            Some(Duration::from_secs(3600))
        );
        for bad in ["", "19s", "00:61:00", "-00:00:01", "00:00", "aa:bb:cc"] {
            assert_eq!(parse_dotnet_timespan(bad), None, "{bad}");
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let spent = Duration::from_millis(93_784_500);
        assert_eq!(format_dotnet_timespan(spent), "1.02:03:04.5000000");
        assert_eq!(
            parse_dotnet_timespan(&format_dotnet_timespan(spent)),
            Some(spent)
        );
    }
}
