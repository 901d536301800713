//! The server's query statistics (legacy APIs), and what the client measured itself.

use std::time::Duration;

use serde_json::Value as Json;

use crate::outside_time::Wait;

/// `Stats` as the Defender APIs return it. Every field is optional: the shape is not documented
/// as stable, and a missing field must not lose the result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerStats {
    pub execution_time: Option<Duration>,
    pub cpu_user: Option<Duration>,
    pub cpu_kernel: Option<Duration>,
    pub cpu_total: Option<Duration>,
    pub memory_cache: CacheStats,
    pub disk_cache: CacheStats,
    pub peak_memory_per_node: Option<u64>,
    pub datasets: Vec<DatasetStats>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: Option<u64>,
    pub misses: Option<u64>,
    pub total: Option<u64>,
}

impl CacheStats {
    /// Hits as a share of all lookups, when there were any.
    pub fn hit_ratio(&self) -> Option<f64> {
        let hits = self.hits?;
        let total = self.total.or_else(|| hits.checked_add(self.misses?))?;
        (total > 0).then(|| hits as f64 / total as f64)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DatasetStats {
    pub table_row_count: Option<u64>,
    pub table_size: Option<u64>,
}

/// What the client saw of a call, whatever the API returned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientMeasure {
    pub wall_time: Duration,
    pub bytes: usize,
    pub rows: usize,
    pub columns: usize,
}

/// Looks up a member ignoring case, as the API's casing varies.
fn member<'a>(json: &'a Json, name: &str) -> Option<&'a Json> {
    json.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn path<'a>(json: &'a Json, names: &[&str]) -> Option<&'a Json> {
    names.iter().try_fold(json, |j, n| member(j, n))
}

fn number(json: Option<&Json>) -> Option<u64> {
    match json? {
        Json::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64)),
        Json::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The longest figure a query's statistics can mean; past it the figure is dropped, so an
/// absurd one never fills the quota ledger.
const LONGEST_FIGURE: Duration = Duration::from_secs(86_400);

fn span(json: Option<&Json>) -> Option<Duration> {
    let span = match json? {
        Json::String(s) => parse_dotnet_timespan(s),
        Json::Number(n) => n.as_f64().and_then(crate::outside_time::seconds),
        _ => None,
    }?;
    (span <= LONGEST_FIGURE).then_some(span)
}

impl ServerStats {
    pub fn from_json(json: &Json) -> ServerStats {
        let cache = |kind: &str| CacheStats {
            hits: number(path(json, &["resource_usage", "cache", kind, "hits"])),
            misses: number(path(json, &["resource_usage", "cache", kind, "misses"])),
            total: number(path(json, &["resource_usage", "cache", kind, "total"])),
        };
        let datasets = member(json, "dataset_statistics")
            .and_then(Json::as_array)
            .map(|sets| {
                sets.iter()
                    .map(|d| DatasetStats {
                        table_row_count: number(member(d, "table_row_count")),
                        table_size: number(member(d, "table_size")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ServerStats {
            execution_time: span(member(json, "ExecutionTime")),
            cpu_user: span(path(json, &["resource_usage", "cpu", "user"])),
            cpu_kernel: span(path(json, &["resource_usage", "cpu", "kernel"])),
            cpu_total: span(path(json, &["resource_usage", "cpu", "total cpu"])),
            memory_cache: cache("memory"),
            disk_cache: cache("disk"),
            peak_memory_per_node: number(path(
                json,
                &["resource_usage", "memory", "peak_per_node"],
            )),
            datasets,
        }
    }
}

impl ServerStats {
    /// The same shape [`ServerStats::from_json`] reads (durations in seconds), for storing.
    pub fn to_json(&self) -> Json {
        let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
        let cache = |c: &CacheStats| serde_json::json!({ "hits": c.hits, "misses": c.misses, "total": c.total });
        serde_json::json!({
            "ExecutionTime": secs(self.execution_time),
            "resource_usage": {
                "cpu": {
                    "user": secs(self.cpu_user),
                    "kernel": secs(self.cpu_kernel),
                    "total cpu": secs(self.cpu_total),
                },
                "cache": { "memory": cache(&self.memory_cache), "disk": cache(&self.disk_cache) },
                "memory": { "peak_per_node": self.peak_memory_per_node },
            },
            "dataset_statistics": self.datasets.iter().map(|d| serde_json::json!({
                "table_row_count": d.table_row_count,
                "table_size": d.table_size,
            })).collect::<Vec<_>>(),
        })
    }
}

/// Parses a .NET `TimeSpan` string: `[-][d.]hh:mm:ss[.fffffff]`.
pub fn parse_dotnet_timespan(text: &str) -> Option<Duration> {
    let (secs, nanos) = timespan_parts(text)?;
    Some(Duration::new(u64::try_from(secs).ok()?, nanos))
}

/// A wait written as a .NET timespan: one beyond counting is the longest wait kqlhunt keeps.
pub fn parse_dotnet_wait(text: &str) -> Option<Wait> {
    let (secs, nanos) = timespan_parts(text)?;
    Some(Wait::of(
        u64::try_from(secs).map_or(Duration::MAX, |s| Duration::new(s, nanos)),
    ))
}

/// Whole seconds and nanoseconds of a timespan, counted wide enough that no digits overflow.
fn timespan_parts(text: &str) -> Option<(u128, u32)> {
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

impl ServerStats {
    /// The statistics in words, each a part of a line; `compact` for the status bar.
    pub fn parts(&self, compact: bool) -> Vec<String> {
        let s = self;
        let mut parts = Vec::new();
        if let Some(t) = s.execution_time {
            parts.push(format!(
                "{} {}",
                if compact { "exec" } else { "execution" },
                crate::text::human_duration(t)
            ));
        }
        if let Some(t) = s.cpu_total {
            parts.push(format!("CPU {}", crate::text::human_duration(t)));
        }
        for (name, cache) in [("memory", &s.memory_cache), ("disk", &s.disk_cache)] {
            if let Some(r) = cache.hit_ratio() {
                parts.push(if compact {
                    format!(
                        "{} cache {:.0}%",
                        if name == "memory" { "mem" } else { name },
                        r * 100.0
                    )
                } else {
                    format!("{name} cache {:.1}% hits", r * 100.0)
                });
            }
        }
        if let Some(p) = s.peak_memory_per_node {
            parts.push(if compact {
                format!("peak {}", crate::text::human_bytes(p))
            } else {
                format!("peak memory {}/node", crate::text::human_bytes(p))
            });
        }
        parts
    }
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
    fn the_xdr_seed_example_reads_whole() {
        let json: Json =
            serde_json::from_str(include_str!("../../tests/data/xdr-ok.json")).unwrap();
        let stats = ServerStats::from_json(json.get("Stats").unwrap());
        assert_eq!(
            stats.execution_time,
            Some(Duration::from_secs_f64(4.621215))
        );
        assert_eq!(stats.cpu_total, Some(Duration::from_nanos(19_062_500_000)));
        assert_eq!(stats.memory_cache.hits, Some(773_461));
        let ratio = stats.memory_cache.hit_ratio().unwrap();
        assert!((ratio - 773_461.0 / 777_942.0).abs() < 1e-9);
        assert_eq!(stats.peak_memory_per_node, Some(236_822_432));
        assert_eq!(
            stats.datasets,
            vec![DatasetStats {
                table_row_count: Some(2),
                table_size: Some(102)
            }]
        );
    }
}
