//! The stderr summary after a run: rows and bytes, the server's Stats, the quota left.

use std::time::SystemTime;

use crate::api::{ClientMeasure, QuotaLimits, QuotaSnapshot, ServerStats};
use crate::text::{human_bytes, human_duration};

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
    let parts = s.parts(false);
    if parts.is_empty() {
        "server: statistics present but empty".into()
    } else {
        format!("server: {}", parts.join(", "))
    }
}

/// The server's figures in words, long for stderr or compact for the status bar.
pub fn quota_line(q: &QuotaSnapshot, limits: &QuotaLimits) -> String {
    let mut line = match limits.rules {
        crate::api::QuotaRules::LogAnalytics => format!(
            "quota: {}/{} calls left in 30 seconds, {} queries at once (Log Analytics limits)",
            q.calls_left_30_seconds,
            limits.calls_per_30_seconds.unwrap_or(0),
            limits.concurrent_queries.unwrap_or(0)
        ),
        crate::api::QuotaRules::Measured => format!(
            "quota: none published; {} calls in the last hour",
            q.calls_last_hour
        ),
        crate::api::QuotaRules::Defender => format!(
            "quota: {}/{} calls left this minute, {}/{} this hour; execution {} left this hour",
            q.calls_left_minute,
            limits.calls_per_minute,
            q.calls_left_hour,
            limits.calls_per_hour,
            human_duration(q.execution_left_hour)
        ),
    };
    if let Some(until) = q.wait_until() {
        let wait = until.duration_since(SystemTime::now()).unwrap_or_default();
        line.push_str(&format!("; held back for {}", human_duration(wait)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
