//! One run as the history keeps it.

use std::time::{Duration, SystemTime};

use crate::api::ServerStats;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Error,
    Cancelled,
    Throttled,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Error => "error",
            Outcome::Cancelled => "cancelled",
            Outcome::Throttled => "throttled",
        }
    }

    pub fn from_name(name: &str) -> Option<Outcome> {
        [
            Outcome::Ok,
            Outcome::Error,
            Outcome::Cancelled,
            Outcome::Throttled,
        ]
        .into_iter()
        .find(|o| o.name().eq_ignore_ascii_case(name))
    }
}

/// A run: what was asked, of which tenant, and what came back. Never a token: the query text
/// is kept as typed, the profile by name.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRecord {
    /// Zero until stored.
    pub id: i64,
    pub started: SystemTime,
    pub query: String,
    pub profile: String,
    pub flavor: String,
    pub timespan: Option<String>,
    pub wall_time: Duration,
    pub stats: Option<ServerStats>,
    /// The service's render hint (Log Analytics' `render`, ADX's `Visualization`), so a run
    /// reopened from the history can be charted as its query asked.
    pub render: Option<serde_json::Value>,
    pub rows: u64,
    pub columns: u64,
    pub bytes: u64,
    pub outcome: Outcome,
    /// The error's message, or the throttle's words.
    pub message: Option<String>,
    /// Whether the result set is in the cache (it may have been evicted since).
    pub cached: bool,
}

impl RunRecord {
    /// The record of a run that ended with `outcome`, started at `started`, of `profile` on
    /// its API (`flavor`); `cancelled` when the hunter stopped it whatever came back.
    pub fn finished(
        query: String,
        (profile, flavor): (&str, &str),
        started: SystemTime,
        outcome: &Result<crate::api::QueryOutcome, crate::api::ApiError>,
        cancelled: bool,
    ) -> RunRecord {
        use crate::api::ApiError;
        let mut run = RunRecord {
            id: 0,
            started,
            query,
            profile: profile.to_owned(),
            flavor: flavor.to_owned(),
            timespan: None,
            wall_time: started.elapsed().unwrap_or_default(),
            stats: None,
            render: None,
            rows: 0,
            columns: 0,
            bytes: 0,
            outcome: Outcome::Ok,
            message: None,
            cached: false,
        };
        match outcome {
            _ if cancelled => run.outcome = Outcome::Cancelled,
            Err(ApiError::Cancelled) => run.outcome = Outcome::Cancelled,
            Ok(done) => {
                run.stats = done.stats.clone();
                run.render = done.render.clone();
                run.rows = done.result.row_count() as u64;
                run.columns = done.result.column_count() as u64;
                run.bytes = done.measure.bytes as u64;
                run.wall_time = done.measure.wall_time;
            }
            Err(e) => {
                run.outcome = if matches!(e, ApiError::Throttled { .. }) {
                    Outcome::Throttled
                } else {
                    Outcome::Error
                };
                run.message = Some(e.to_string());
            }
        }
        run
    }

    /// A short line for lists: "12 rows", "error: ...", "cancelled".
    pub fn summary(&self) -> String {
        match self.outcome {
            Outcome::Ok => crate::text::rows(self.rows as usize),
            Outcome::Cancelled => "cancelled".into(),
            Outcome::Error | Outcome::Throttled => format!(
                "{}: {}",
                self.outcome.name(),
                self.message
                    .as_deref()
                    .unwrap_or("")
                    .lines()
                    .next()
                    .unwrap_or("")
            ),
        }
    }

    /// The query on one line without its comments, for one-line lists.
    pub fn headline(&self) -> String {
        self.query
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(super) fn to_millis(at: SystemTime) -> i64 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub(super) fn from_millis(ms: i64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)
}

/// 100 ns ticks since the Unix epoch, as result sets keep datetimes.
pub fn ticks(at: SystemTime) -> i64 {
    to_millis(at) * 10_000
}
