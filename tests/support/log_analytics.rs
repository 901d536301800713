//! A Log Analytics client pointed at a loopback server (the documented samples, or the demo
//! workspace), and the checks every answer of a kind must pass, whoever served it: a test of
//! the samples and a test of the emulator call the same functions.

#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kqlhunt::api::log_analytics::{WorkspaceClient, WorkspaceEndpoint};
use kqlhunt::api::{ApiError, Cloud, QueryOutcome, QueryRequest, QuotaLedger, QuotaLimits};
use kqlhunt::auth::{Credential, Secret, SecretSource, TokenProvider};
use kqlhunt::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET};
use tokio_util::sync::CancellationToken;

use super::rig::TOKEN;

/// A client for `workspace` (and `more`) at `url`, signing in at `url` too; `timeout` is the
/// profile's, which sets the `Prefer: wait` the service honours.
pub fn workspace_client(
    url: &str,
    dir: &Path,
    workspace: &str,
    more: &[String],
    credential: Credential,
    timeout: Duration,
) -> WorkspaceClient {
    let mut endpoint = WorkspaceEndpoint::standard(Cloud::Public, workspace, more);
    endpoint.base_url = url.to_owned();
    endpoint.login_url = url.to_owned();
    let http = kqlhunt::http::client(Duration::from_secs(30)).unwrap();
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        url,
        "test",
        credential,
        Some(dir.join("sign-in.json")),
    ));
    let (ledger, _) = QuotaLedger::open(&dir.join("quota.json"));
    WorkspaceClient::new(
        http,
        endpoint,
        "contoso",
        tokens,
        Arc::new(Mutex::new(ledger)),
        QuotaLimits::log_analytics(&QuotaLimits::default()),
        timeout,
    )
}

pub fn demo_credential() -> Credential {
    Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new(DEMO_SECRET)),
    }
}

pub fn request(query: &str, timespan: Option<&str>) -> QueryRequest {
    QueryRequest {
        query: query.into(),
        timespan: timespan.map(str::to_owned),
    }
}

pub async fn run(client: &WorkspaceClient, query: &str) -> Result<QueryOutcome, ApiError> {
    client
        .run(&request(query, None), &CancellationToken::new())
        .await
}

/// What every full answer must give a hunter: rows, the statistics line, the render hint.
pub fn check_full_answer(outcome: &QueryOutcome) {
    assert!(outcome.result.row_count() > 0);
    let stats = outcome.stats.as_ref().expect("statistics were asked for");
    let line = stats.parts(true).join(" · ");
    for part in ["exec ", "mem cache ", "rows scanned"] {
        assert!(line.contains(part), "{part} missing from {line}");
    }
    let render = outcome.render.as_ref().expect("the query renders");
    assert!(render["visualization"].is_string(), "{render}");
}

/// A syntax error points at its place in the query, as the editor reads it.
pub fn check_syntax_error(err: &ApiError, place: &str) {
    let text = err.to_string();
    assert!(matches!(err, ApiError::Query { .. }), "{text}");
    assert!(text.contains(place), "{place} missing from {text}");
    assert!(!text.contains(TOKEN), "{text}");
}

/// A name that does not resolve: the engine's code and words.
pub fn check_semantic_error(err: &ApiError, words: &str) {
    let text = err.to_string();
    assert!(matches!(err, ApiError::Query { .. }), "{text}");
    assert!(text.contains("SEM0100") && text.contains(words), "{text}");
}

/// A 200 with rows and a `PartialError` for the record limit: the rows are kept, and a warning
/// names the limit.
pub fn check_cut_answer(outcome: &QueryOutcome, rows: usize) {
    assert_eq!(outcome.result.row_count(), rows, "the rows are kept");
    assert!(
        outcome
            .warnings
            .iter()
            .any(|w| w.starts_with("partial result") && w.contains("E_QUERY_RESULT_SET_TOO_LARGE")),
        "{:?}",
        outcome.warnings
    );
}

/// 504: the query ran past the wait the service applied, and the words say which.
pub fn check_gateway_timeout(err: &ApiError, wait_seconds: u64) {
    let text = err.to_string();
    assert!(
        matches!(err, ApiError::Server { status: 504, .. }),
        "{text}"
    );
    assert!(
        text.contains("HTTP 504") && text.contains(&format!("wait of {wait_seconds} s")),
        "{text}"
    );
}

/// 204: no rows, and a warning that the workspace has no data, not an error.
pub fn check_no_data(outcome: &QueryOutcome) {
    assert_eq!(outcome.result.row_count(), 0);
    assert!(
        outcome.warnings.iter().any(|w| w.contains("no data")),
        "{:?}",
        outcome.warnings
    );
}

/// 429: the service's wait is taken from `Retry-After`, and the next call is held back unsent.
pub async fn check_throttled(
    client: &WorkspaceClient,
    err: ApiError,
    retry_after: Duration,
    sent: impl Fn() -> usize,
) {
    match &err {
        ApiError::Throttled {
            retry_after: wait,
            local: false,
            ..
        } => assert_eq!(*wait, Some(retry_after), "{err}"),
        other => panic!("not throttled: {other}"),
    }
    let before = sent();
    let held = run(client, "print 1").await.unwrap_err();
    assert!(
        matches!(held, ApiError::Throttled { local: true, .. }),
        "the ledger holds the next call back: {held}"
    );
    assert_eq!(sent(), before, "nothing was sent");
    assert!(client.quota().blocked_until.is_some());
}
