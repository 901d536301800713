//! The Log Analytics query API (Microsoft Sentinel's workspaces): `POST
//! /v1/workspaces/{id}/query` with `{query, timespan, workspaces}` and `Prefer:
//! include-statistics=true, include-render=true, wait=N`; the workspace's tables from `GET
//! /v1/workspaces/{id}/metadata`.

mod endpoint;
mod metadata;
mod reply;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio_util::sync::CancellationToken;

use super::transport::{send, Call};
use super::{ApiError, ClientMeasure, QueryOutcome, QueryRequest, QuotaLedger, QuotaLimits};
use super::{QuotaSnapshot, Reply};
use crate::auth::TokenProvider;

pub use endpoint::{check_workspace_id, WorkspaceEndpoint, PUBLIC_AUDIENCE, WORKSPACES_PATH};
pub use metadata::{read_metadata, Tables};
pub use reply::{read_answer, WorkspaceAnswer, PERMISSION};

/// The quota ledger's name for this service.
pub const QUOTA_API: &str = "log-analytics";

pub struct WorkspaceClient {
    http: reqwest::Client,
    endpoint: WorkspaceEndpoint,
    tokens: Arc<TokenProvider>,
    ledger: Arc<Mutex<QuotaLedger>>,
    quota_key: String,
    limits: QuotaLimits,
    /// `Prefer: wait`: how long the service may run a query before it answers 504.
    wait: Duration,
    /// At most `concurrent_queries` of this process's queries run at once; the next waits
    /// here rather than in the service's queue, where waiting 3 minutes is a 429.
    running: Arc<tokio::sync::Semaphore>,
    verbose: bool,
}

impl WorkspaceClient {
    /// `timeout` is the profile's; the service's own wait is kept within it and its 10 minutes.
    pub fn new(
        http: reqwest::Client,
        endpoint: WorkspaceEndpoint,
        user: &str,
        tokens: Arc<TokenProvider>,
        ledger: Arc<Mutex<QuotaLedger>>,
        limits: QuotaLimits,
        timeout: Duration,
    ) -> WorkspaceClient {
        let longest = Duration::from_secs(limits.longest_query_seconds.unwrap_or(600));
        let at_once = limits.concurrent_queries.unwrap_or(5).max(1) as usize;
        WorkspaceClient {
            http,
            quota_key: super::quota_key(user, QUOTA_API),
            endpoint,
            tokens,
            ledger,
            limits,
            wait: timeout.min(longest).max(Duration::from_secs(1)),
            running: Arc::new(tokio::sync::Semaphore::new(at_once)),
            verbose: false,
        }
    }

    pub fn with_verbose(mut self, verbose: bool) -> WorkspaceClient {
        self.verbose = verbose;
        self
    }

    pub fn endpoint(&self) -> &WorkspaceEndpoint {
        &self.endpoint
    }

    pub fn limits(&self) -> &QuotaLimits {
        &self.limits
    }

    pub fn quota(&self) -> QuotaSnapshot {
        self.lock_ledger()
            .snapshot(&self.quota_key, &self.limits, SystemTime::now())
    }

    fn lock_ledger(&self) -> std::sync::MutexGuard<'_, QuotaLedger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn note(&self, warnings: &mut Vec<String>, change: impl FnOnce(&mut QuotaLedger, &str)) {
        let key = self.quota_key.clone();
        let now = SystemTime::now();
        if let Some(w) = self.lock_ledger().update(now, |l| change(l, &key)) {
            warnings.push(w);
        }
    }

    /// Sending while throttled only prolongs it: a call inside a 429's wait, or past 200 in
    /// 30 seconds, is held back unsent.
    fn refuse_if_throttled(&self) -> Result<(), ApiError> {
        let now = SystemTime::now();
        let snapshot = self.quota();
        let Some(until) = snapshot.wait_until().filter(|u| *u > now) else {
            return Ok(());
        };
        let message = match snapshot.blocked_message {
            Some(m) if snapshot.blocked_until == Some(until) => m,
            _ => format!(
                "{} calls in the last 30 seconds reach Log Analytics' limit of {} per user",
                snapshot.calls_last_30_seconds,
                self.limits.calls_per_30_seconds.unwrap_or(0)
            ),
        };
        Err(ApiError::Throttled {
            window: super::QuotaWindow::Calls {
                limit: u64::from(self.limits.calls_per_30_seconds.unwrap_or(0)),
                per: Duration::from_secs(30),
            },
            message: format!("{message} (kqlhunt held the call back; nothing was sent)"),
            retry_after: Some(until.duration_since(now).unwrap_or_default()),
            wait_cut: false,
            until,
            request_id: None,
            local: true,
        })
    }

    async fn token(&self, cancel: &CancellationToken) -> Result<String, ApiError> {
        tokio::select! {
            _ = cancel.cancelled() => Err(ApiError::Cancelled),
            token = self.tokens.token(&self.endpoint.resource) => Ok(token?.value.expose().to_owned()),
        }
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
            super::check_timespan(span).map_err(ApiError::InvalidRequest)?;
        }
        self.refuse_if_throttled()?;
        let _slot = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            slot = self.running.acquire() => slot.map_err(|_| ApiError::Cancelled)?,
        };
        let mut warnings = Vec::new();
        let outcome = match self.attempt(request, cancel, &mut warnings).await {
            // A token the cache thought fresh was refused: fetch a new one, try once more.
            Err(ApiError::Unauthorized { .. }) => {
                self.tokens.invalidate(&self.endpoint.resource);
                self.attempt(request, cancel, &mut warnings).await
            }
            other => other,
        };
        outcome.map(|(answer, measure)| {
            warnings.extend(answer.warnings);
            QueryOutcome {
                result: answer.result,
                stats: answer.stats,
                measure,
                quota: self.quota(),
                warnings,
                render: answer.render,
                request_id: None,
            }
        })
    }

    /// The body Log Analytics takes: `timespan` only when the run has one, `workspaces` only
    /// when the profile names more than one.
    pub fn body(&self, request: &QueryRequest) -> serde_json::Value {
        let mut body = serde_json::json!({ "query": request.query });
        if let Some(span) = &request.timespan {
            body["timespan"] = span.clone().into();
        }
        if !self.endpoint.more_workspaces.is_empty() {
            body["workspaces"] = self.endpoint.more_workspaces.clone().into();
        }
        body
    }

    async fn attempt(
        &self,
        request: &QueryRequest,
        cancel: &CancellationToken,
        warnings: &mut Vec<String>,
    ) -> Result<(WorkspaceAnswer, ClientMeasure), ApiError> {
        let token = self.token(cancel).await?;
        let url = self.endpoint.query_url();
        let prefer = format!(
            "include-statistics=true, include-render=true, wait={}",
            self.wait.as_secs()
        );
        let call = Call {
            method: reqwest::Method::POST,
            url: &url,
            token: &token,
            headers: &[("prefer", prefer)],
            body: Some(self.body(request).to_string()),
            // The service answers 504 when its wait ends; give that answer time to arrive.
            timeout: self.wait + Duration::from_secs(30),
            verbose: self.verbose,
        };
        let mut counted = Vec::new();
        let answered = send(&self.http, call, cancel, || {
            self.note(&mut counted, |l, k| l.record_call(k, SystemTime::now()))
        })
        .await;
        warnings.append(&mut counted);
        let answered = answered?;
        let wait = answered
            .preference_applied
            .as_deref()
            .and_then(applied_wait)
            .unwrap_or(self.wait);
        let (status, wall_time, bytes) = (answered.status, answered.wall_time, answered.body.len());
        let parse = tokio::task::spawn_blocking(move || {
            let reply = Reply {
                status: answered.status,
                content_type: &answered.content_type,
                retry_after: answered.retry_after.as_deref(),
                body: answered.body,
            };
            read_answer(reply, wait, SystemTime::now())
        });
        let parsed = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            parsed = parse => parsed.map_err(|e| ApiError::InvalidRequest(format!("reading the answer failed: {e}")))?,
        };
        match parsed {
            Ok(answer) => {
                let measure = ClientMeasure {
                    wall_time,
                    bytes,
                    rows: answer.result.row_count(),
                    columns: answer.result.column_count(),
                };
                Ok((answer, measure))
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
                self.note(warnings, |l, k| l.record_throttle(k, until, &message));
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
            }) => Err(ApiError::Forbidden {
                message,
                permission,
                request_id,
                hint: matches!(self.tokens.credential(), crate::auth::Credential::AzureCli { .. })
                    .then(|| "an Azure CLI sign-in queries as you: your own account needs the role on the workspace".to_owned()),
            }),
            Err(other) => {
                let _ = status;
                Err(other)
            }
        }
    }

    /// The workspace's tables and their columns (`GET .../metadata`).
    pub async fn metadata(&self, cancel: &CancellationToken) -> Result<Tables, ApiError> {
        let token = self.token(cancel).await?;
        let url = self.endpoint.metadata_url();
        let call = Call {
            method: reqwest::Method::GET,
            url: &url,
            token: &token,
            headers: &[],
            body: None,
            timeout: self.wait + Duration::from_secs(30),
            verbose: self.verbose,
        };
        let answered = send(&self.http, call, cancel, || {}).await?;
        let reply = Reply {
            status: answered.status,
            content_type: &answered.content_type,
            retry_after: answered.retry_after.as_deref(),
            body: answered.body,
        };
        if reply.status != 200 {
            // The same error classes as a query's.
            return Err(read_answer(reply, self.wait, SystemTime::now())
                .err()
                .unwrap_or(ApiError::InvalidRequest(
                    "the metadata answer had no tables".into(),
                )));
        }
        read_metadata(&reply.body)
    }
}

/// `wait=600` from `Preference-Applied`.
fn applied_wait(header: &str) -> Option<Duration> {
    header.split(',').find_map(|part| {
        let (name, value) = part.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("wait"))
            .then(|| value.trim().parse::<u64>().ok())
            .flatten()
            .map(|s| Duration::from_secs(s.min(3600)))
    })
}
