//! The hunting client: one interface over Graph, Defender XDR and Defender for Endpoint.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio_util::sync::CancellationToken;

use super::endpoint::Endpoint;
use super::error::{ApiError, QuotaWindow};
use super::quota::{quota_key, QuotaLedger, QuotaLimits, QuotaSnapshot};
use super::reply::{read_reply, Reply};
use super::stats::{ClientMeasure, ServerStats};
use super::timespan::check_timespan;
use super::transport::read_body;
use crate::auth::TokenProvider;
use crate::results::ResultSet;

/// One query to run.
#[derive(Clone, Debug, Default)]
pub struct QueryRequest {
    pub query: String,
    /// ISO 8601 duration or interval (`P7D`, `start/end`); Graph only.
    pub timespan: Option<String>,
}

/// A successful run.
#[derive(Debug)]
pub struct QueryOutcome {
    pub result: ResultSet,
    /// What the server reported; `None` on Graph, which returns no statistics.
    pub stats: Option<ServerStats>,
    pub measure: ClientMeasure,
    pub quota: QuotaSnapshot,
    /// Things worth saying that did not stop the run (a ledger that could not be saved).
    pub warnings: Vec<String>,
    /// The service's render hint, for the chart view: Azure Data Explorer's `Visualization`
    /// property, Log Analytics' `render`. `None` when the query rendered nothing.
    pub render: Option<serde_json::Value>,
    /// The id this call carried for the service's logs (Azure Data Explorer's
    /// `x-ms-client-request-id`), when the client chose one.
    pub request_id: Option<String>,
}

pub struct HuntingClient {
    http: reqwest::Client,
    endpoint: Endpoint,
    tokens: Arc<TokenProvider>,
    ledger: Arc<Mutex<QuotaLedger>>,
    quota_key: String,
    limits: QuotaLimits,
    timeout: Duration,
    /// `--verbose`: each request and answer is described on stderr, the token never.
    verbose: bool,
}

impl HuntingClient {
    /// Describes every call on stderr (`--verbose`); the Authorization header shows as `***`.
    pub fn with_verbose(mut self, verbose: bool) -> HuntingClient {
        self.verbose = verbose;
        self
    }

    pub fn new(
        http: reqwest::Client,
        endpoint: Endpoint,
        tenant: &str,
        tokens: Arc<TokenProvider>,
        ledger: Arc<Mutex<QuotaLedger>>,
        limits: QuotaLimits,
        timeout: Duration,
    ) -> HuntingClient {
        let quota_key = quota_key(tenant, endpoint.flavor.quota_api());
        HuntingClient {
            http,
            endpoint,
            tokens,
            ledger,
            quota_key,
            limits,
            timeout,
            verbose: false,
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The quota left, as the ledger sees it now.
    pub fn quota(&self) -> QuotaSnapshot {
        self.lock_ledger()
            .snapshot(&self.quota_key, &self.limits, SystemTime::now())
    }

    fn lock_ledger(&self) -> std::sync::MutexGuard<'_, QuotaLedger> {
        self.ledger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs a query. Cancelling `cancel` drops the call at once, wherever it is.
    pub async fn run(
        &self,
        request: &QueryRequest,
        cancel: &CancellationToken,
    ) -> Result<QueryOutcome, ApiError> {
        if request.query.trim().is_empty() {
            return Err(ApiError::InvalidRequest(
                "the query is empty: write some KQL first".into(),
            ));
        }
        if let Some(span) = &request.timespan {
            if !self.endpoint.flavor.is_graph() {
                return Err(ApiError::InvalidRequest(format!(
                    "a timespan ({span}) applies to Graph only: on the {} API, filter time in the query (| where Timestamp > ago(7d))",
                    self.endpoint.flavor.name()
                )));
            }
            check_timespan(span).map_err(ApiError::InvalidRequest)?;
        }
        self.refuse_if_throttled()?;
        let mut warnings = Vec::new();
        let first = self.attempt(request, cancel, &mut warnings).await;
        let outcome = match first {
            // A token the cache thought fresh was refused (revoked, or expired early): fetch a
            // new one and try once more.
            Err(ApiError::Unauthorized { .. }) => {
                self.tokens.invalidate(&self.endpoint.resource);
                self.attempt(request, cancel, &mut warnings).await
            }
            other => other,
        };
        outcome.map(|(result, stats, measure)| QueryOutcome {
            result,
            stats,
            measure,
            quota: self.quota(),
            warnings,
            render: None,
            request_id: None,
        })
    }

    /// Sending a call while throttled only keeps the tenant throttled: refuse it here.
    fn refuse_if_throttled(&self) -> Result<(), ApiError> {
        // A limit of 0 is a hunter's way to say "no calls on this profile", not "no limit".
        for (name, limit) in [
            ("calls_per_minute", self.limits.calls_per_minute),
            ("calls_per_hour", self.limits.calls_per_hour),
        ] {
            if limit == 0 {
                return Err(ApiError::InvalidRequest(format!(
                    "this profile's quota allows no calls ({name} = 0 under [profiles.NAME.quota]); nothing was sent. Raise it to run queries"
                )));
            }
        }
        let now = SystemTime::now();
        let snapshot = self.quota();
        let Some(until) = snapshot.wait_until().filter(|u| *u > now) else {
            return Ok(());
        };
        let (window, message) = match snapshot.blocked_message {
            Some(message) if snapshot.blocked_until == Some(until) => (super::error::parse_quota_window(&message), message),
            _ => (
                QuotaWindow::Calls { limit: u64::from(self.limits.calls_per_minute), per: Duration::from_secs(60) },
                format!(
                    "{} calls in the last minute and {} in the last hour reach this profile's quota ({} a minute, {} an hour)",
                    snapshot.calls_last_minute,
                    snapshot.calls_last_hour,
                    self.limits.calls_per_minute,
                    self.limits.calls_per_hour
                ),
            ),
        };
        let wait = until.duration_since(now).unwrap_or_default();
        Err(ApiError::Throttled {
            window,
            message: format!("{message} (kqlhunt held the call back; nothing was sent)"),
            retry_after: Some(wait),
            wait_cut: false,
            until,
            request_id: None,
            local: true,
        })
    }

    async fn attempt(
        &self,
        request: &QueryRequest,
        cancel: &CancellationToken,
        warnings: &mut Vec<String>,
    ) -> Result<(ResultSet, Option<ServerStats>, ClientMeasure), ApiError> {
        let token = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            token = self.tokens.token(&self.endpoint.resource) => token?,
        };
        let mut body = serde_json::json!({ "Query": request.query });
        if let Some(span) = &request.timespan {
            body["Timespan"] = span.clone().into();
        }
        let url = self.endpoint.query_url();
        let started = Instant::now();
        if self.verbose {
            eprintln!(
                "kqlhunt: → POST {url}\n  Authorization: Bearer ***\n  Content-Type: application/json; charset=utf-8\n  {}",
                crate::results::display::safe_text(&body.to_string())
            );
        }
        let send = self
            .http
            .post(&url)
            .bearer_auth(token.value.expose())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .timeout(self.timeout)
            .body(body.to_string())
            .send();
        let response = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            response = send => response.map_err(|e| self.transport_error(e))?,
        };
        let called_at = SystemTime::now();
        self.note(warnings, called_at, |ledger, key| {
            ledger.record_call(key, called_at)
        });
        let status = response.status().as_u16();
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
        if self.verbose {
            let id = header(reqwest::header::HeaderName::from_static("request-id"))
                .or_else(|| header(reqwest::header::HeaderName::from_static("x-ms-request-id")))
                .unwrap_or_else(|| "none".into());
            eprintln!(
                "kqlhunt: ← {status} {} after {} ms, request-id {}",
                crate::results::display::safe_text(&content_type),
                started.elapsed().as_millis(),
                crate::results::display::safe_text(&id)
            );
        }
        let retry_after = header(reqwest::header::RETRY_AFTER);
        let bytes = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            bytes = read_body(response) => bytes.map_err(|e| e.into_api_error(status, self.timeout))?,
        };
        let wall_time = started.elapsed();
        let flavor = self.endpoint.flavor;
        // A large answer takes a noticeable time to parse: do it off the async workers.
        let parse = tokio::task::spawn_blocking(move || {
            let len = bytes.len();
            let reply = Reply {
                status,
                content_type: &content_type,
                retry_after: retry_after.as_deref(),
                body: bytes,
            };
            read_reply(reply, flavor, SystemTime::now()).map(|(result, stats)| (result, stats, len))
        });
        let parsed = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            parsed = parse => parsed.map_err(|e| ApiError::InvalidRequest(format!("reading the answer failed: {e}")))?,
        };
        match parsed {
            Ok((result, stats, bytes)) => {
                if let Some(execution) = stats.as_ref().and_then(|s| s.execution_time) {
                    self.note(warnings, called_at, |ledger, key| {
                        ledger.record_execution(key, called_at, execution)
                    });
                }
                let measure = ClientMeasure {
                    wall_time,
                    bytes,
                    rows: result.row_count(),
                    columns: result.column_count(),
                };
                Ok((result, stats, measure))
            }
            Err(ApiError::Throttled {
                window,
                message,
                retry_after,
                wait_cut,
                until,
                request_id,
                local,
            }) => {
                self.note(warnings, called_at, |ledger, key| {
                    ledger.record_throttle(key, until, &message)
                });
                Err(ApiError::Throttled {
                    window,
                    message,
                    retry_after,
                    wait_cut,
                    until,
                    request_id,
                    local,
                })
            }
            Err(ApiError::Forbidden {
                message,
                permission,
                request_id,
                ..
            }) => {
                let hint = matches!(self.tokens.credential(), crate::auth::Credential::AzureCli { .. })
                    .then(|| "Azure CLI tokens often lack this permission: use an app registration (client-secret, certificate or device-code)".to_owned());
                Err(ApiError::Forbidden {
                    message,
                    permission,
                    request_id,
                    hint,
                })
            }
            Err(other) => Err(other),
        }
    }

    fn note(
        &self,
        warnings: &mut Vec<String>,
        now: SystemTime,
        change: impl FnOnce(&mut QuotaLedger, &str),
    ) {
        let key = self.quota_key.clone();
        if let Some(warning) = self
            .lock_ledger()
            .update(now, |ledger| change(ledger, &key))
        {
            warnings.push(warning);
        }
    }

    fn transport_error(&self, e: reqwest::Error) -> ApiError {
        if e.is_timeout() {
            return ApiError::Timeout(self.timeout);
        }
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        ApiError::Network {
            url: self.endpoint.query_url(),
            reason,
        }
    }
}
