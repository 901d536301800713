//! The advanced hunting APIs: endpoints, the client, typed errors, Stats and the quota ledger.

pub mod adx;
mod client;
mod endpoint;
mod error;
pub mod log_analytics;
mod position;
mod quota;
mod quota_limits;
mod reply;
mod stats;
mod timespan;
pub(crate) mod transport;

pub use client::{HuntingClient, QueryOutcome, QueryRequest};

/// The most rows advanced hunting returns for one query: an answer this long may be cut.
pub const ROW_CAP: usize = 100_000;
pub use endpoint::{Cloud, Endpoint, Flavor, DEFENDER_REGIONS};
pub use error::{parse_again_in, parse_quota_window, ApiError, QuotaWindow};
pub use position::QueryPosition;
pub use quota::{quota_key, QuotaLedger, QuotaLimits, QuotaRules, QuotaSnapshot};
pub use reply::{read_reply, Reply};
pub use stats::{CacheStats, ClientMeasure, DatasetStats, ScanStats, ServerStats, ShardCache};
pub use timespan::check_timespan;
