//! The server's query statistics, and what the client measured itself. The Defender APIs, Azure
//! Data Explorer's `QueryResourceConsumption` and Log Analytics' `statistics.query` are one
//! shape from one engine, written in two casings (`total cpu`, `peak_per_node` against
//! `totalCpu`, `peakPerNode`): names are matched without case, spaces or underscores.

use std::time::Duration;

use serde_json::Value as Json;

/// The statistics a service returned with an answer. Every field is optional: the shape is not
/// documented as stable, and a missing field must not lose the result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerStats {
    pub execution_time: Option<Duration>,
    pub cpu_user: Option<Duration>,
    pub cpu_kernel: Option<Duration>,
    pub cpu_total: Option<Duration>,
    pub memory_cache: CacheStats,
    pub disk_cache: CacheStats,
    pub peak_memory_per_node: Option<u64>,
    /// Bytes read from the hot and cold shard caches.
    pub hot_shards: ShardCache,
    pub cold_shards: ShardCache,
    /// What the query read of the data it ran over.
    pub rows: ScanStats,
    pub extents: ScanStats,
    pub datasets: Vec<DatasetStats>,
}

/// Bytes a shard cache served, missed and fetched from storage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShardCache {
    pub hit_bytes: Option<u64>,
    pub miss_bytes: Option<u64>,
    pub retrieve_bytes: Option<u64>,
}

/// How much of the data a query could read it did read (rows or extents).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanStats {
    pub scanned: Option<u64>,
    pub total: Option<u64>,
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

/// Looks up a member by its name's letters alone: case, spaces and underscores vary between the
/// services (`resource_usage`, `resourceUsage`; `total cpu`, `totalCpu`).
fn member<'a>(json: &'a Json, name: &str) -> Option<&'a Json> {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| *c != '_' && *c != ' ')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = letters(name);
    json.as_object()?
        .iter()
        .find(|(k, _)| letters(k) == wanted)
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
        Json::String(s) => crate::text::parse_dotnet_timespan(s),
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
        let shards = |kind: &str| {
            let bytes = |what: &str| {
                number(path(
                    json,
                    &["resource_usage", "cache", "shards", kind, what],
                ))
            };
            ShardCache {
                hit_bytes: bytes("hitbytes"),
                miss_bytes: bytes("missbytes"),
                retrieve_bytes: bytes("retrievebytes"),
            }
        };
        let scan = |what: &str| ScanStats {
            scanned: number(path(json, &["input_dataset_statistics", what, "scanned"])),
            total: number(path(json, &["input_dataset_statistics", what, "total"])),
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
            hot_shards: shards("hot"),
            cold_shards: shards("cold"),
            rows: scan("rows"),
            extents: scan("extents"),
            datasets,
        }
    }
}

impl ServerStats {
    /// The same shape [`ServerStats::from_json`] reads (durations in seconds), for storing.
    pub fn to_json(&self) -> Json {
        let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
        let cache = |c: &CacheStats| serde_json::json!({ "hits": c.hits, "misses": c.misses, "total": c.total });
        let shards = |c: &ShardCache| {
            serde_json::json!({
                "hitbytes": c.hit_bytes, "missbytes": c.miss_bytes, "retrievebytes": c.retrieve_bytes,
            })
        };
        let scan = |c: &ScanStats| serde_json::json!({ "scanned": c.scanned, "total": c.total });
        serde_json::json!({
            "ExecutionTime": secs(self.execution_time),
            "resource_usage": {
                "cpu": {
                    "user": secs(self.cpu_user),
                    "kernel": secs(self.cpu_kernel),
                    "total cpu": secs(self.cpu_total),
                },
                "cache": {
                    "memory": cache(&self.memory_cache),
                    "disk": cache(&self.disk_cache),
                    "shards": { "hot": shards(&self.hot_shards), "cold": shards(&self.cold_shards) },
                },
                "memory": { "peak_per_node": self.peak_memory_per_node },
            },
            "input_dataset_statistics": { "rows": scan(&self.rows), "extents": scan(&self.extents) },
            "dataset_statistics": self.datasets.iter().map(|d| serde_json::json!({
                "table_row_count": d.table_row_count,
                "table_size": d.table_size,
            })).collect::<Vec<_>>(),
        })
    }
}

/// What a part of the statistics line is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Figure {
    Execution,
    Cpu,
    MemoryCache,
    DiskCache,
    RowsScanned,
    PeakMemory,
    Extents,
    Shards,
}

impl Figure {
    /// How much a hunter loses when the status bar leaves it out: the least useful go first.
    pub fn keep_rank(self) -> u8 {
        match self {
            Figure::Execution => 0,
            Figure::RowsScanned => 1,
            Figure::Cpu => 2,
            Figure::MemoryCache => 3,
            Figure::PeakMemory => 4,
            Figure::DiskCache => 5,
            Figure::Extents => 6,
            Figure::Shards => 7,
        }
    }
}

impl ServerStats {
    /// The statistics in words, each a part of a line; `compact` for the status bar.
    pub fn parts(&self, compact: bool) -> Vec<String> {
        self.figures(compact).into_iter().map(|(_, p)| p).collect()
    }

    /// [`ServerStats::parts`], each with what it is about.
    pub fn figures(&self, compact: bool) -> Vec<(Figure, String)> {
        let s = self;
        let mut parts = Vec::new();
        if let Some(t) = s.execution_time {
            parts.push((
                Figure::Execution,
                format!(
                    "{} {}",
                    if compact { "exec" } else { "execution" },
                    crate::text::human_duration(t)
                ),
            ));
        }
        if let Some(t) = s.cpu_total {
            parts.push((
                Figure::Cpu,
                format!("CPU {}", crate::text::human_duration(t)),
            ));
        }
        for (name, cache) in [("memory", &s.memory_cache), ("disk", &s.disk_cache)] {
            let figure = if name == "memory" {
                Figure::MemoryCache
            } else {
                Figure::DiskCache
            };
            if let Some(r) = cache.hit_ratio() {
                parts.push((
                    figure,
                    if compact {
                        // Floored, so a cache that missed never reads 100%.
                        format!(
                            "{} cache {}%",
                            if name == "memory" { "mem" } else { name },
                            (r * 100.0).floor()
                        )
                    } else {
                        format!("{name} cache {:.1}% hits", r * 100.0)
                    },
                ));
            }
        }
        if let Some(n) = s.rows.scanned {
            parts.push((
                Figure::RowsScanned,
                match (compact, s.rows.total) {
                    (false, Some(total)) => {
                        format!("{} of {} rows scanned", human_count(n), human_count(total))
                    }
                    _ => format!("{} rows scanned", human_count(n)),
                },
            ));
        }
        if let Some(p) = s.peak_memory_per_node {
            parts.push((
                Figure::PeakMemory,
                if compact {
                    format!("peak {}", crate::text::human_bytes(p))
                } else {
                    format!("peak memory {}/node", crate::text::human_bytes(p))
                },
            ));
        }
        if !compact {
            if let Some(n) = s.extents.scanned {
                parts.push((
                    Figure::Extents,
                    match s.extents.total {
                        Some(total) => format!("{n} of {total} extents scanned"),
                        None => format!("{n} extents scanned"),
                    },
                ));
            }
            for (name, shard) in [("hot", &s.hot_shards), ("cold", &s.cold_shards)] {
                if let (Some(hit), Some(miss)) = (shard.hit_bytes, shard.miss_bytes) {
                    parts.push((
                        Figure::Shards,
                        format!(
                            "{name} shards {} hit, {} missed",
                            crate::text::human_bytes(hit),
                            crate::text::human_bytes(miss)
                        ),
                    ));
                }
            }
        }
        parts
    }
}

/// A count as the status bar shows it: `152,519` stays short as `152.5 K`, `4.2 M`, `1.3 G`.
fn human_count(n: u64) -> String {
    match n {
        0..=9_999 => n.to_string(),
        10_000..=999_999 => format!("{:.1} K", n as f64 / 1e3),
        1_000_000..=999_999_999 => format!("{:.1} M", n as f64 / 1e6),
        _ => format!("{:.1} G", n as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn log_analytics_camel_case_statistics_read_whole() {
        let json: Json = serde_json::from_str(include_str!(
            "../../tests/data/log-analytics/ok-with-statistics-and-render.json"
        ))
        .unwrap();
        let stats = ServerStats::from_json(&json["statistics"]["query"]);
        assert_eq!(
            stats.execution_time,
            Some(Duration::from_secs_f64(0.6250008))
        );
        assert_eq!(stats.cpu_total, Some(Duration::from_nanos(562_500_000)));
        assert_eq!(stats.memory_cache.hits, Some(8351));
        assert_eq!(stats.disk_cache.misses, Some(3));
        assert_eq!(stats.peak_memory_per_node, Some(503_323_248));
        assert_eq!(stats.hot_shards.hit_bytes, Some(1_735_892));
        assert_eq!(
            stats.rows,
            ScanStats {
                scanned: Some(152_519),
                total: Some(8_512_570)
            }
        );
        assert_eq!(
            stats.extents,
            ScanStats {
                scanned: Some(125),
                total: Some(2842)
            }
        );
        assert_eq!(stats.datasets[0].table_row_count, Some(3));
        let line = stats.parts(true).join(" · ");
        assert_eq!(
            line,
            "exec 625 ms · CPU 562 ms · mem cache 99% · disk cache 93% · 152.5 K rows scanned · peak 480.0 MB"
        );
    }

    #[test]
    fn adx_resource_consumption_reads_whole_and_survives_storing() {
        let frames: Json =
            serde_json::from_str(include_str!("../../tests/data/adx/v2-ok.json")).unwrap();
        let payload = frames
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["TableKind"] == "QueryCompletionInformation")
            .flat_map(|f| f["Rows"].as_array().unwrap())
            .find(|row| row[10] == "QueryResourceConsumption")
            .map(|row| row[11].as_str().unwrap())
            .unwrap();
        let stats = ServerStats::from_json(&serde_json::from_str(payload).unwrap());
        assert_eq!(stats.cpu_total, Some(Duration::from_nanos(484_375_000)));
        assert_eq!(stats.rows.scanned, Some(7_351_208));
        assert_eq!(stats.extents.total, Some(412));
        assert_eq!(stats.hot_shards.hit_bytes, Some(6_417_022));
        let details = stats.parts(false).join(" · ");
        assert!(
            details.contains("7.4 M of 91.8 M rows scanned"),
            "{details}"
        );
        assert!(details.contains("37 of 412 extents scanned"), "{details}");
        assert!(
            details.contains("hot shards 6.1 MB hit, 0 B missed"),
            "{details}"
        );
        assert_eq!(ServerStats::from_json(&stats.to_json()), stats);
    }
}
