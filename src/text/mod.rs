//! Text helpers shared by every layer, depending on nothing else in the crate: words for
//! numbers ("1 row", "3 queries"), human sizes and durations, the safe-text filter, the first
//! bytes of a body, .NET time spans and percent decoding.

mod body;
mod dotnet_span;
mod percent;
pub mod safe;

pub use body::first_bytes;
pub use dotnet_span::{dotnet_timespan_parts, format_dotnet_timespan, parse_dotnet_timespan};
pub use percent::percent_decode;
pub use safe::safe_text;

/// `count(1, "row", "rows")` is "1 row"; any other number takes the plural.
pub fn count(n: impl Into<u128>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "1 row", "2 rows".
pub fn rows(n: usize) -> String {
    count(n as u128, "row", "rows")
}

/// At most `n` characters of `text`, with `…` in place of the rest.
pub fn first_chars(text: &str, n: usize) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(n).collect();
    if chars.next().is_some() {
        out.pop();
        out.push('…');
    }
    out
}

/// Bytes as a hunter reads them: `512 B`, `1.2 KB`, `3.4 MB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A duration as a hunter reads it: `312 ms`, `2.51 s`, `3m05s`.
pub fn human_duration(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{} ms", d.as_millis())
    } else if s < 60.0 {
        format!("{s:.2} s")
    } else {
        format!("{}m{:02}s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::rows(1), "1 row");
        assert_eq!(super::rows(0), "0 rows");
        assert_eq!(super::count(2u32, "query", "queries"), "2 queries");
    }

    #[test]
    fn a_long_text_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(super::first_chars("lateral movement", 8), "lateral…");
        assert_eq!(super::first_chars("beacon", 8), "beacon");
    }
}
