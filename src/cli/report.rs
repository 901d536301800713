//! The stderr summary after a run: rows and bytes, the server's Stats, the quota left.

use std::time::{Duration, SystemTime};

use crate::api::{ClientMeasure, QuotaLimits, QuotaSnapshot, ServerStats};

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

pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{} ms", d.as_millis())
    } else if s < 60.0 {
        format!("{s:.2} s")
    } else {
        format!("{}m{:02}s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

pub fn measure_line(m: &ClientMeasure) -> String {
    format!(
        "{} × {}, {} in {}",
        crate::text::rows(m.rows),
        crate::text::count(m.columns as u128, "column", "columns"),
        human_bytes(m.bytes as u64),
        human_duration(m.wall_time)
    )
}

pub fn stats_line(stats: Option<&ServerStats>) -> String {
    let Some(s) = stats else {
        return "server: no statistics (Graph returns none; the xdr and mde APIs do)".into();
    };
    let parts = stats_parts(s, false);
    if parts.is_empty() {
        "server: statistics present but empty".into()
    } else {
        format!("server: {}", parts.join(", "))
    }
}

/// The server's figures in words, long for stderr or compact for the status bar.
pub fn stats_parts(s: &ServerStats, compact: bool) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(t) = s.execution_time {
        parts.push(format!(
            "{} {}",
            if compact { "exec" } else { "execution" },
            human_duration(t)
        ));
    }
    if let Some(t) = s.cpu_total {
        parts.push(format!("CPU {}", human_duration(t)));
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
            format!("peak {}", human_bytes(p))
        } else {
            format!("peak memory {}/node", human_bytes(p))
        });
    }
    parts
}

pub fn quota_line(q: &QuotaSnapshot, limits: &QuotaLimits) -> String {
    let mut line = format!(
        "quota: {}/{} calls left this minute, {}/{} this hour; execution {} left this hour",
        q.calls_left_minute,
        limits.calls_per_minute,
        q.calls_left_hour,
        limits.calls_per_hour,
        human_duration(q.execution_left_hour)
    );
    if let Some(until) = q.wait_until() {
        let wait = until.duration_since(SystemTime::now()).unwrap_or_default();
        line.push_str(&format!("; held back for {}", human_duration(wait)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times_read_naturally() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(3_174), "3.1 KB");
        assert_eq!(human_bytes(200 * 1024 * 1024), "200.0 MB");
        assert_eq!(human_duration(Duration::from_millis(840)), "840 ms");
        assert_eq!(human_duration(Duration::from_secs(250)), "4m10s");
    }

    #[test]
    fn graph_runs_say_the_server_gave_no_stats() {
        assert!(stats_line(None).contains("no statistics"));
    }
}
