//! The seam between kqlhunt and the services that answer KQL. The workbench, the status bar,
//! `open` and every headless command see a [`Backend`]: what it is ([`BackendInfo`]: its name,
//! which statistics its answers carry, how time is filtered, its quota) and how to run a query
//! on it. The Defender hunting APIs (Graph and the two legacy ones) are one implementation.

mod adx;
mod defender;
pub mod kept_schema;
mod local;
mod log_analytics;
pub mod schema_cache;

use std::future::Future;
use std::pin::Pin;

use tokio_util::sync::CancellationToken;

use crate::api::{ApiError, QueryOutcome, QueryRequest, QuotaLimits, QuotaSnapshot};

pub use adx::Adx;
pub use defender::Defender;
pub use local::Local;
pub use log_analytics::LogAnalytics;

/// What a backend is, for whatever draws or records it.
#[derive(Clone, Debug)]
pub struct BackendInfo {
    /// Short name, as the status bar and the history show it (`graph`, `xdr`, `file`).
    pub name: String,
    pub stats: StatsSupport,
    pub time_filter: TimeFilter,
    /// The calls it allows; `None` where no call is made (a saved response).
    pub quota: Option<QuotaLimits>,
    /// Where the queries go, for the statistics view (`workspace 6f1c…`, `cluster/database`,
    /// the API host); empty where nothing is called.
    pub target: String,
}

/// Whether the answers carry the service's own statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsSupport {
    /// Execution time, CPU, cache hits and the like come with each answer.
    Server,
    /// None come; the words name whose answers lack them, for the status bar.
    None(&'static str),
    /// The answer was computed here, over results already fetched: no call, no quota.
    Local,
}

/// How a query's time range is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFilter {
    /// A parameter beside the query (Graph's ISO 8601 `timespan`).
    Parameter,
    /// Only in the query itself (`| where Timestamp > ago(7d)`).
    InQuery,
}

impl BackendInfo {
    /// A saved response opened offline: nothing runs; statistics only if the file kept them.
    pub fn saved_response(has_stats: bool) -> BackendInfo {
        BackendInfo {
            name: "file".into(),
            stats: if has_stats {
                StatsSupport::Server
            } else {
                StatsSupport::None("saved file")
            },
            time_filter: TimeFilter::InQuery,
            quota: None,
            target: String::new(),
        }
    }

    /// What the status bar says when an answer came without statistics.
    pub fn no_stats_words(&self) -> String {
        match self.stats {
            StatsSupport::None(whose) => format!("no stats ({whose})"),
            StatsSupport::Server => "no stats in this answer".into(),
            StatsSupport::Local => "local: no quota spent".into(),
        }
    }

    /// The status bar's part for an answer without statistics: whose statistics are missing,
    /// or, for a local query, that it cost nothing.
    pub fn answer_words(&self) -> String {
        match self.stats {
            StatsSupport::Local => self.no_stats_words(),
            _ => format!("server: {}", self.no_stats_words()),
        }
    }
}

/// An answer on its way.
pub type Running<'a> = Pin<Box<dyn Future<Output = Result<QueryOutcome, ApiError>> + Send + 'a>>;

/// The service's own schema on its way: `None` where the service has no schema call.
pub type SchemaFetch<'a> = Pin<
    Box<
        dyn Future<Output = Result<Option<Vec<(String, Vec<(String, String)>)>>, ApiError>>
            + Send
            + 'a,
    >,
>;

/// A service that answers KQL.
pub trait Backend: Send + Sync {
    fn info(&self) -> &BackendInfo;

    /// Runs one query. Cancelling `cancel` drops the call at once, wherever it is.
    fn run<'a>(&'a self, request: &'a QueryRequest, cancel: &'a CancellationToken) -> Running<'a>;

    /// The quota left, as far as kqlhunt can tell now.
    fn quota(&self) -> QuotaSnapshot;

    /// The tables and their columns the service offers: (table, [(column, type)]).
    fn schema(&self) -> Vec<(String, Vec<(String, String)>)>;

    /// Asks the service for its schema (Log Analytics' metadata, ADX's `.show database schema
    /// as json`); [`kept_schema::refresh`] keeps the answer, which [`Backend::schema`] then
    /// gives.
    fn fetch_schema<'a>(&'a self, _cancel: &'a CancellationToken) -> SchemaFetch<'a> {
        Box::pin(async { Ok(None) })
    }

    /// Where the service's schema is kept for this profile; `None` where it has no schema call.
    fn kept_schema(&self) -> Option<&kept_schema::SchemaKeeper> {
        None
    }
}
