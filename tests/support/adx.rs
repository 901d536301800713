//! An Azure Data Explorer client pointed at a loopback server: a [`super::TestServer`] with the
//! documented answers, or the demo emulator.

#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kqlhunt::api::adx::{AdxClient, AdxSettings};
use kqlhunt::api::{Cloud, QueryRequest, QuotaLedger};
use kqlhunt::auth::{Credential, Secret, SecretSource, TokenProvider};

pub fn query(text: &str) -> QueryRequest {
    QueryRequest {
        query: text.into(),
        timespan: None,
    }
}

/// A client for `database` on the cluster at `url`, signing in at `url` too.
pub fn client(url: &str, database: &str, credential: Credential, dir: &Path) -> AdxClient {
    let http = kqlhunt::http::client(Duration::from_secs(20)).unwrap();
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        url,
        "adx-test",
        credential,
        Some(dir.join("sign-in.json")),
    ));
    let (ledger, warning) = QuotaLedger::open(&dir.join("quota.json"));
    assert!(warning.is_none(), "{warning:?}");
    AdxClient::new(
        http,
        AdxSettings {
            cluster: url.into(),
            database: database.into(),
            cloud: Cloud::Public,
            timeout: Duration::from_secs(20),
        },
        tokens,
        Arc::new(Mutex::new(ledger)),
        false,
    )
    .unwrap()
}

/// The demo tenant's built-in app registration.
pub fn demo_credential() -> Credential {
    Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: kqlhunt::emulator::identity::DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new(kqlhunt::emulator::identity::DEMO_SECRET)),
    }
}

/// A cut answer: the rows before the limit are kept, and one warning says the limit and how
/// to narrow the query, whichever way the cluster placed the error.
pub fn check_too_large(outcome: &kqlhunt::api::QueryOutcome, limit: usize) {
    assert_eq!(outcome.result.row_count(), limit);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    let warning = &outcome.warnings[0];
    assert!(
        warning.starts_with(&format!(
            "the answer is incomplete: the answer was cut at {limit} records"
        )),
        "{warning}"
    );
    assert!(warning.contains("a shorter time range"), "{warning}");
}

/// 429: the wait comes from `Retry-After`, the cluster's words are kept, and the next call is
/// held back unsent.
pub async fn check_throttled(
    client: &AdxClient,
    err: kqlhunt::api::ApiError,
    retry_after: Duration,
    sent: impl Fn() -> usize,
) {
    match &err {
        kqlhunt::api::ApiError::Throttled {
            retry_after: wait,
            message,
            local: false,
            ..
        } => {
            assert_eq!(*wait, Some(retry_after));
            assert!(message.contains("query concurrency limit"), "{message}");
        }
        other => panic!("not throttled: {other:?}"),
    }
    let before = sent();
    let cancel = tokio_util::sync::CancellationToken::new();
    assert!(matches!(
        client.run(&query("T"), &cancel).await.unwrap_err(),
        kqlhunt::api::ApiError::Throttled { local: true, .. }
    ));
    assert_eq!(sent(), before, "nothing sent while throttled");
}

/// 504: the cluster's gateway gave up, said as such with the cluster's words.
pub fn check_gateway_timeout(err: &kqlhunt::api::ApiError) {
    let text = err.to_string();
    assert!(text.contains("gateway timed out"), "{text}");
}
