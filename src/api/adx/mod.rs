//! Azure Data Explorer (Kusto): queries through `POST /v2/rest/query`, read frame by frame as
//! they stream, and the database's schema through `POST /v1/rest/mgmt`. The token is for the
//! cluster's own URI; every call carries a fresh `x-ms-client-request-id`, kept with the run
//! (and in its errors) so the cluster's logs can be searched for it.

mod answer;
mod call;
mod cluster;
mod failure;
mod request;
mod schema;
mod stream;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tokio_util::sync::CancellationToken;

use super::error::ApiError;
use super::quota::{quota_key, QuotaLedger, QuotaLimits, QuotaSnapshot};
use super::stats::ClientMeasure;
use super::{Cloud, QueryOutcome, QueryRequest};
use crate::auth::TokenProvider;

pub use answer::{understand, Understood};

/// A cluster's query endpoint (KQL) and its management one (`.show ...` commands).
pub const QUERY_PATH: &str = "/v2/rest/query";
pub const MANAGEMENT_PATH: &str = "/v1/rest/mgmt";
pub use cluster::cluster_uri;
pub use failure::{explain, read_error, KustoError, VIEWER_ROLE};
pub use request::{client_request_id, mgmt_body, query_body, show_schema_command};
pub use schema::{read_schema, Schema};

/// Non-progressive answers are asked for. The reader takes rows cell by cell as they stream
/// either way; a progressive answer may take back rows it already sent (`DataReplace`), and
/// sorted results arrive only at the end anyway.
const PROGRESSIVE: bool = false;

/// Where a profile's queries go.
#[derive(Clone, Debug)]
pub struct AdxSettings {
    /// The cluster's URL (`https://contoso.westeurope.kusto.windows.net`).
    pub cluster: String,
    pub database: String,
    pub cloud: Cloud,
    pub timeout: Duration,
}

pub struct AdxClient {
    http: reqwest::Client,
    /// Scheme and host: the URL base and the token's resource.
    cluster: String,
    database: String,
    tokens: Arc<TokenProvider>,
    ledger: Arc<Mutex<QuotaLedger>>,
    quota_key: String,
    timeout: Duration,
    verbose: bool,
}

impl AdxClient {
    /// A client for one database; `Err` says what is wrong with the cluster or database.
    pub fn new(
        http: reqwest::Client,
        settings: AdxSettings,
        tokens: Arc<TokenProvider>,
        ledger: Arc<Mutex<QuotaLedger>>,
        verbose: bool,
    ) -> Result<AdxClient, String> {
        let cluster = cluster_uri(&settings.cluster, settings.cloud)?;
        let database = settings.database.trim().to_owned();
        if database.is_empty() {
            return Err("the profile names no database: add database = \"<name>\"".into());
        }
        Ok(AdxClient {
            quota_key: quota_key(&cluster, "adx"),
            http,
            cluster,
            database,
            tokens,
            ledger,
            timeout: settings.timeout,
            verbose,
        })
    }

    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    pub fn database(&self) -> &str {
        &self.database
    }

    /// What kqlhunt measured of its own calls to this cluster: ADX publishes no per-user
    /// quota, so there is nothing to count down from.
    pub fn quota(&self) -> QuotaSnapshot {
        self.lock_ledger().snapshot(
            &self.quota_key,
            &QuotaLimits::none_published(),
            SystemTime::now(),
        )
    }

    fn lock_ledger(&self) -> std::sync::MutexGuard<'_, QuotaLedger> {
        self.ledger.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn note(&self, warnings: &mut Vec<String>, change: impl FnOnce(&mut QuotaLedger, &str)) {
        let key = self.quota_key.clone();
        if let Some(w) = self
            .lock_ledger()
            .update(SystemTime::now(), |l| change(l, &key))
        {
            warnings.push(w);
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
            return Err(ApiError::InvalidRequest(format!(
                "a timespan ({span}) applies to Graph only: on Azure Data Explorer, filter time in the query (| where TimeGenerated > ago(7d))"
            )));
        }
        let snapshot = self.quota();
        if let Some(until) = snapshot.blocked_until.filter(|u| *u > SystemTime::now()) {
            return Err(ApiError::Throttled {
                window: super::QuotaWindow::Unknown,
                message: format!(
                    "{} (kqlhunt held the call back; nothing was sent)",
                    snapshot.blocked_message.unwrap_or_default()
                ),
                retry_after: until.duration_since(SystemTime::now()).ok(),
                wait_cut: false,
                until,
                request_id: None,
                local: true,
            });
        }
        let mut warnings = Vec::new();
        let first = self.attempt(request, cancel, &mut warnings).await;
        let outcome = match first {
            // A token the cache thought fresh was refused: fetch a new one, once.
            Err(ApiError::Unauthorized { .. }) => {
                self.tokens.invalidate(&self.cluster);
                self.attempt(request, cancel, &mut warnings).await
            }
            other => other,
        };
        outcome.map(|mut done| {
            done.quota = self.quota();
            done.warnings.splice(0..0, warnings);
            done
        })
    }

    async fn post(
        &self,
        path: &str,
        body: String,
        request_id: &str,
        cancel: &CancellationToken,
    ) -> Result<reqwest::Response, ApiError> {
        let token = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            token = self.tokens.token(&self.cluster) => token?,
        };
        let url = format!("{}{path}", self.cluster);
        if self.verbose {
            eprintln!(
                "kqlhunt: → POST {url}\n  Authorization: Bearer ***\n  x-ms-client-request-id: {request_id}\n  {}",
                crate::results::display::safe_text(&body)
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
            .header("x-ms-client-request-id", request_id)
            .header("x-ms-app", request::APP_NAME)
            .timeout(self.timeout)
            .body(body)
            .send();
        let response = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            response = send => response.map_err(|e| self.transport_error(e, &url))?,
        };
        if self.verbose {
            eprintln!("kqlhunt: ← {}", response.status().as_u16());
        }
        Ok(response)
    }

    async fn attempt(
        &self,
        request: &QueryRequest,
        cancel: &CancellationToken,
        warnings: &mut Vec<String>,
    ) -> Result<QueryOutcome, ApiError> {
        let request_id = client_request_id("Query");
        let body = query_body(&self.database, &request.query, &request_id, PROGRESSIVE);
        let started = Instant::now();
        let response = self.post(QUERY_PATH, body, &request_id, cancel).await?;
        let called_at = SystemTime::now();
        self.note(warnings, |l, k| l.record_call(k, called_at));
        if !response.status().is_success() {
            let error = call::read_failure(response, &request_id, cancel).await;
            if let ApiError::Throttled { until, message, .. } = &error {
                self.note(warnings, |l, k| l.record_throttle(k, *until, message));
            }
            return Err(error);
        }
        let streamed = call::read_streamed(response, self.timeout, self.verbose, cancel).await?;
        let wall_time = started.elapsed();
        let Understood {
            result,
            stats,
            render,
            warnings: said,
        } = understand(streamed.doc, &request_id)?;
        if let Some(execution) = stats.as_ref().and_then(|s| s.execution_time) {
            self.note(warnings, |l, k| l.record_execution(k, called_at, execution));
        }
        let measure = ClientMeasure {
            wall_time,
            bytes: streamed.bytes,
            rows: result.row_count(),
            columns: result.column_count(),
        };
        Ok(QueryOutcome {
            result,
            stats,
            measure,
            quota: QuotaSnapshot::default(),
            warnings: said,
            render,
            request_id: Some(request_id),
        })
    }

    /// The database's tables and columns, from `.show database <db> schema as json`.
    pub async fn fetch_schema(&self, cancel: &CancellationToken) -> Result<Schema, ApiError> {
        let request_id = client_request_id("Schema");
        let command = show_schema_command(&self.database);
        let body = mgmt_body(&self.database, &command, &request_id);
        let response = self
            .post(MANAGEMENT_PATH, body, &request_id, cancel)
            .await?;
        if !response.status().is_success() {
            return Err(call::read_failure(response, &request_id, cancel).await);
        }
        let status = response.status().as_u16();
        let bytes = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            bytes = response.bytes() => bytes.map_err(|e| self.transport_error(e, &self.cluster))?,
        };
        let bad = |detail: String| ApiError::BadBody {
            status,
            detail,
            first_bytes: crate::text::first_bytes(&bytes),
        };
        let json: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| bad(format!("the schema answer is not JSON: {e}")))?;
        read_schema(&json, &self.database).map_err(bad)
    }

    fn transport_error(&self, e: reqwest::Error, url: &str) -> ApiError {
        if e.is_timeout() {
            return ApiError::Timeout(self.timeout);
        }
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        ApiError::Network {
            url: url.to_owned(),
            reason,
        }
    }
}
