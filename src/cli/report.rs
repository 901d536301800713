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
            "quota: none published; this client made {} calls in the last minute, {} in the last hour; execution {} this hour",
            q.calls_last_minute,
            q.calls_last_hour,
            human_duration(q.execution_last_hour)
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
    fn a_service_without_a_published_quota_shows_what_was_measured() {
        let q = QuotaSnapshot {
            calls_last_minute: 2,
            calls_last_hour: 9,
            execution_last_hour: Duration::from_secs(3),
            ..QuotaSnapshot::default()
        };
        let line = quota_line(&q, &QuotaLimits::none_published());
        assert_eq!(line, "quota: none published; this client made 2 calls in the last minute, 9 in the last hour; execution 3.00 s this hour");
        assert!(quota_line(&q, &QuotaLimits::default()).contains("/45 calls left"));
    }

    #[test]
    fn graph_runs_say_the_server_gave_no_stats() {
        assert!(stats_line(None).contains("no statistics"));
    }
}
