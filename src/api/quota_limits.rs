//! The limits a service publishes for its callers (Defender's calls and execution time per
//! minute, hour and day; Log Analytics' calls per 30 seconds and queries at once), or none
//! (Azure Data Explorer), which the quota ledger counts against.

use serde::{Deserialize, Serialize};

/// Published limits (API-NOTES); the service has changed them before, so profiles may override.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotaLimits {
    pub calls_per_minute: u32,
    pub calls_per_hour: u32,
    /// Server execution time allowed per hour, in seconds (MDE: 10 minutes).
    pub execution_seconds_per_hour: f64,
    /// Server execution time allowed per day, in seconds (MDE: 3 hours).
    pub execution_seconds_per_day: f64,
    /// Calls per 30 seconds per user (Log Analytics: 200).
    pub calls_per_30_seconds: Option<u32>,
    /// Queries running at once per user (Log Analytics: 5); kqlhunt holds the next one back.
    pub concurrent_queries: Option<u32>,
    /// The longest the service lets a query run, in seconds (Log Analytics' `wait`: 600).
    pub longest_query_seconds: Option<u64>,
    /// Whose limits these are, for the status bar; set by the backend, not the profile.
    #[serde(skip)]
    pub rules: QuotaRules,
}

/// Which service's published limits a [`QuotaLimits`] holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuotaRules {
    /// Calls a minute and an hour per tenant, execution time an hour and a day.
    #[default]
    Defender,
    /// Calls per 30 seconds per user, queries at once, the longest wait.
    LogAnalytics,
    /// None published (Azure Data Explorer): only what the client measured.
    Measured,
}

impl Default for QuotaLimits {
    fn default() -> Self {
        QuotaLimits {
            calls_per_minute: 45,
            calls_per_hour: 1500,
            execution_seconds_per_hour: 600.0,
            execution_seconds_per_day: 10_800.0,
            calls_per_30_seconds: None,
            concurrent_queries: None,
            longest_query_seconds: None,
            rules: QuotaRules::Defender,
        }
    }
}

impl QuotaLimits {
    /// Log Analytics' query limits (Azure Monitor service limits, "Log queries and language":
    /// 200 requests per 30 seconds per user, 5 concurrent queries per user, a 10-minute
    /// maximum wait), each overridable by the profile's `[quota]`. Limits of 0 are none.
    pub fn log_analytics(profile: &QuotaLimits) -> QuotaLimits {
        QuotaLimits {
            calls_per_minute: 0,
            calls_per_hour: 0,
            execution_seconds_per_hour: 0.0,
            execution_seconds_per_day: 0.0,
            calls_per_30_seconds: Some(profile.calls_per_30_seconds.unwrap_or(200)),
            concurrent_queries: Some(profile.concurrent_queries.unwrap_or(5)),
            longest_query_seconds: Some(profile.longest_query_seconds.unwrap_or(600).min(600)),
            rules: QuotaRules::LogAnalytics,
        }
    }
}

impl QuotaLimits {
    /// A service that publishes no per-caller quota (Azure Data Explorer): only what the client
    /// measured is shown, nothing is counted down.
    pub fn none_published() -> QuotaLimits {
        QuotaLimits {
            calls_per_minute: u32::MAX,
            calls_per_hour: u32::MAX,
            execution_seconds_per_hour: f64::INFINITY,
            execution_seconds_per_day: f64::INFINITY,
            calls_per_30_seconds: None,
            concurrent_queries: None,
            longest_query_seconds: None,
            rules: QuotaRules::Measured,
        }
    }

    /// Whether these are a service's limits, rather than [`QuotaLimits::none_published`].
    pub fn is_published(&self) -> bool {
        self.rules != QuotaRules::Measured
    }
}
