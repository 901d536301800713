//! Everything a hunting call can answer besides rows, each with the words a hunter can act on.

use std::time::{Duration, SystemTime};

use super::position::QueryPosition;
use crate::auth::AuthError;
use crate::outside_time::{wait_seconds, Wait};

/// Which quota a 429 (or the local ledger) says was hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuotaWindow {
    /// `maximum allowed N per hh:mm:ss`.
    Calls {
        limit: u64,
        per: Duration,
    },
    /// The tenant's processing (CPU) budget.
    Processing,
    Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A 400: the KQL did not parse, named something unknown, or ran over the limits. The
    /// engine's text is kept verbatim.
    #[error("the query was rejected (HTTP {status}{}): {message}{}", code_suffix(.code), request_suffix(.request_id))]
    Query {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
        /// Where in the query the service says the mistake is, read once from its answer.
        at: Option<QueryPosition>,
    },

    #[error("the token was refused (HTTP 401: {message}){}: sign in again (`kqlhunt login`) or check the profile's tenant and app", request_suffix(.request_id))]
    Unauthorized {
        message: String,
        request_id: Option<String>,
    },

    #[error("access denied (HTTP 403): {message}{}. The app registration needs the application permission {permission}, granted by an admin{}", request_suffix(.request_id), hint_suffix(.hint))]
    Forbidden {
        message: String,
        permission: &'static str,
        request_id: Option<String>,
        hint: Option<String>,
    },

    #[error("throttled: {message}{}{}", retry_suffix(.retry_after, *.wait_cut), request_suffix(.request_id))]
    Throttled {
        window: QuotaWindow,
        message: String,
        retry_after: Option<Duration>,
        /// The service asked for a longer wait than kqlhunt keeps (an hour): it was cut.
        wait_cut: bool,
        until: SystemTime,
        request_id: Option<String>,
        /// True when kqlhunt refused to send the call because the ledger is still blocked.
        local: bool,
    },

    #[error("the service failed (HTTP {status}{}): {message}{}. The call only reads, so running it again is safe", code_suffix(.code), request_suffix(.request_id))]
    Server {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },

    #[error("HTTP {status}{}: {message}{}", code_suffix(.code), request_suffix(.request_id))]
    Http {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },

    #[error("no answer within {0:?}: the query may be too heavy (narrow the time range) or the network is down")]
    Timeout(Duration),

    #[error("could not reach {url}: {reason}")]
    Network { url: String, reason: String },

    #[error("HTTP {status} answered with {content_type} instead of JSON (is a proxy in the way?): {first_bytes}")]
    NotJson {
        status: u16,
        content_type: String,
        first_bytes: String,
    },

    #[error("HTTP {status}: the response body is unusable ({detail}); first bytes: {first_bytes}")]
    BadBody {
        status: u16,
        detail: String,
        first_bytes: String,
    },

    #[error("cancelled")]
    Cancelled,

    #[error(transparent)]
    Auth(#[from] AuthError),

    #[error("{0}")]
    InvalidRequest(String),
}

fn code_suffix(code: &str) -> String {
    if code.is_empty() || code.chars().all(|c| c.is_ascii_digit()) {
        String::new()
    } else {
        format!(" {code}")
    }
}

fn request_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| format!(" [request id {id}]"))
        .unwrap_or_default()
}

fn hint_suffix(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!(". {h}")).unwrap_or_default()
}

fn retry_suffix(after: &Option<Duration>, cut: bool) -> String {
    let cut = if cut {
        "; the service asked for longer, and kqlhunt waits at most an hour"
    } else {
        ""
    };
    after
        .map(|d| format!(" (retry in {}s{cut})", d.as_secs().max(1)))
        .unwrap_or_default()
}

impl ApiError {
    /// A rejected query whose message names its place as Defender writes it
    /// (`[line 2, column 9]`).
    pub fn rejected(
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    ) -> ApiError {
        ApiError::Query {
            status,
            code,
            at: QueryPosition::in_message(&message),
            message,
            request_id,
        }
    }

    /// Where in the query the service says the mistake is.
    pub fn position(&self) -> Option<QueryPosition> {
        match self {
            ApiError::Query { at, .. } => *at,
            _ => None,
        }
    }

    /// Whether running the same query again later may succeed unchanged.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Throttled { .. }
                | ApiError::Server { .. }
                | ApiError::Timeout(_)
                | ApiError::Network { .. }
                | ApiError::BadBody { .. }
        )
    }

    /// The request or tracking id support asks for, when the service gave one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Query { request_id, .. }
            | ApiError::Unauthorized { request_id, .. }
            | ApiError::Forbidden { request_id, .. }
            | ApiError::Throttled { request_id, .. }
            | ApiError::Server { request_id, .. }
            | ApiError::Http { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

/// Reads `maximum allowed 45 per 00:01:00` from a 429 message, any casing.
pub fn parse_quota_window(message: &str) -> QuotaWindow {
    let lower = message.to_ascii_lowercase();
    if let Some(at) = lower.find("maximum allowed ") {
        let rest = &lower[at + "maximum allowed ".len()..];
        let mut words = rest.split_whitespace();
        let limit = words.next().and_then(|n| n.trim_matches(',').parse().ok());
        let per = match (words.next(), words.next()) {
            (Some("per"), Some(span)) => crate::text::parse_dotnet_timespan(
                span.trim_end_matches(|c: char| !c.is_ascii_digit()),
            ),
            _ => None,
        };
        if let (Some(limit), Some(per)) = (limit, per) {
            return QuotaWindow::Calls { limit, per };
        }
    }
    if lower.contains("processing resources") || lower.contains("cpu") {
        return QuotaWindow::Processing;
    }
    QuotaWindow::Unknown
}

/// Reads `You can send requests again in 8 seconds` (or `... in <duration>`) from a message;
/// an absurd wait is cut to an hour.
pub fn parse_again_in(message: &str) -> Option<Wait> {
    let lower = message.to_ascii_lowercase();
    let at = lower.find("again in ")?;
    let rest = lower[at + "again in ".len()..].trim_start();
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    if number.contains(':') {
        return dotnet_wait(number.trim_end_matches('.'));
    }
    let n: f64 = number.trim_end_matches('.').parse().ok()?;
    let unit = rest[number.len()..].trim_start();
    let seconds = if unit.starts_with("min") {
        n * 60.0
    } else if unit.starts_with("hour") {
        n * 3600.0
    } else {
        n
    };
    wait_seconds(seconds)
}

/// A wait written as a .NET timespan: one beyond counting is the longest wait kqlhunt keeps.
fn dotnet_wait(text: &str) -> Option<Wait> {
    let (secs, nanos) = crate::text::dotnet_timespan_parts(text)?;
    Some(Wait::of(
        u64::try_from(secs).map_or(Duration::MAX, |s| Duration::new(s, nanos)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_windows_from_the_real_messages() {
        assert_eq!(
            parse_quota_window("API calls quota exceeded! maximum allowed 45 per 00:01:00"),
            QuotaWindow::Calls {
                limit: 45,
                per: Duration::from_secs(60)
            }
        );
        assert_eq!(
            parse_quota_window("API calls quota exceeded! Maximum allowed 1500 per 01:00:00 for the key Destination+TenantID+AppID. You can send requests again in 8 seconds."),
            QuotaWindow::Calls { limit: 1500, per: Duration::from_secs(3600) }
        );
        assert_eq!(
            parse_quota_window("You have exceeded processing resources allocated to this tenant. You can run queries again in 00:04:10."),
            QuotaWindow::Processing
        );
        assert_eq!(
            parse_quota_window("Please retry again later."),
            QuotaWindow::Unknown
        );
    }

    #[test]
    fn again_in_reads_seconds_minutes_and_timespans() {
        assert_eq!(
            parse_again_in("You can send requests again in 8 seconds."),
            Some(Wait::of(Duration::from_secs(8)))
        );
        assert_eq!(
            parse_again_in("run queries again in 3 minutes"),
            Some(Wait::of(Duration::from_secs(180)))
        );
        assert_eq!(
            parse_again_in("run queries again in 00:04:10."),
            Some(Wait::of(Duration::from_secs(250)))
        );
        assert_eq!(parse_again_in("Please retry again later."), None);
    }
}
