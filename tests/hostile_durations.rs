//! Durations from outside are untrusted numbers: a tiny hostile server answers with absurd
//! waits, statistics and token lifetimes, and a quota ledger on disk says a throttle lasts
//! 1e300 seconds. Nothing panics, no wait is longer than an hour, the hunter is told when a
//! wait was cut, and nothing absurd is written back.

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use kqlhunt::api::{ApiError, Flavor, QueryRequest, QuotaLedger, QuotaLimits};
use kqlhunt::auth::{Credential, TokenProvider};
use tokio_util::sync::CancellationToken;

use support::rig::{secret_client, with_sign_in};
use support::{Reply, TestServer};

const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);
const GRAPH: &str = "https://graph.microsoft.com";

async fn run(client: &kqlhunt::api::HuntingClient) -> Result<kqlhunt::api::QueryOutcome, ApiError> {
    let request = QueryRequest {
        query: "DeviceInfo".into(),
        timespan: None,
    };
    client.run(&request, &CancellationToken::new()).await
}

/// A throttle answer whose wait was cut to an hour, said so, and kept at most an hour.
fn assert_cut_to_an_hour(err: &ApiError, dir: &std::path::Path) {
    let now = SystemTime::now();
    match err {
        ApiError::Throttled {
            retry_after, until, ..
        } => {
            assert_eq!(*retry_after, Some(HOUR), "{err}");
            assert!(*until <= now + HOUR, "{err}");
        }
        other => panic!("expected a throttle, got: {other}"),
    }
    assert!(err.to_string().contains("at most an hour"), "{err}");
    let ledger: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("quota.json")).unwrap()).unwrap();
    let stored = ledger["contoso/xdr"]["blocked_until"].as_f64().unwrap();
    let limit = (now + HOUR)
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!(stored <= limit, "stored {stored}, an hour is {limit}");
}

#[tokio::test]
async fn a_retry_after_of_1e300_seconds_waits_an_hour_at_most() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(429, "error-defender-429-minute.json").header("Retry-After", "1e300")
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Xdr);
    assert_cut_to_an_hour(&run(&client).await.unwrap_err(), dir.path());
    // The next run is held back by the ledger, without panicking on what it stored.
    let again = run(&client).await.unwrap_err();
    assert!(
        matches!(again, ApiError::Throttled { local: true, .. }),
        "{again}"
    );
}

#[tokio::test]
async fn a_429_asking_for_a_23_digit_number_of_hours_waits_an_hour_at_most() {
    let body = r#"{"error":{"code":"429","message":"API calls quota exceeded! You can send requests again in 99999999999999999999999 hours."}}"#;
    let server = TestServer::start(with_sign_in(move |_| Reply::json(429, body))).await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Xdr);
    assert_cut_to_an_hour(&run(&client).await.unwrap_err(), dir.path());
}

#[tokio::test]
async fn a_timespan_of_days_beyond_counting_waits_an_hour_at_most() {
    let body = r#"{"error":{"code":"429","message":"You can run queries again in 18446744073709551615.23:59:59."}}"#;
    let server = TestServer::start(with_sign_in(move |_| Reply::json(429, body))).await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Xdr);
    assert_cut_to_an_hour(&run(&client).await.unwrap_err(), dir.path());
}

#[tokio::test]
async fn stats_with_an_execution_time_of_1e300_keep_the_rows_and_drop_the_figure() {
    let body = r#"{"Stats":{"ExecutionTime":1e300,"resource_usage":{"cpu":{"user":"18446744073709551615.00:00:00"}}},
        "Schema":[{"Name":"DeviceName","Type":"String"}],"Results":[{"DeviceName":"ws-1"}]}"#;
    let server = TestServer::start(with_sign_in(move |_| Reply::json(200, body))).await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Xdr);
    let outcome = run(&client).await.expect("the rows arrive");
    assert_eq!(outcome.result.row_count(), 1);
    let stats = outcome.stats.expect("the other figures stay");
    assert_eq!(stats.execution_time, None);
    assert_eq!(stats.cpu_user, None);
    assert!(client.quota().execution_left_hour > Duration::ZERO);
}

#[tokio::test]
async fn a_token_that_claims_to_live_u64_max_seconds_is_trusted_for_a_day() {
    let server = TestServer::start(|_| {
        Reply::json(
            200,
            r#"{"token_type":"Bearer","expires_in":18446744073709551615,"access_token":"t"}"#,
        )
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let http = kqlhunt::http::client(Duration::from_secs(10)).unwrap();
    let credential = support::rig::secret_credential(dir.path());
    let tokens = TokenProvider::new(http, &server.url(), "test", credential, None);
    let token = tokens.token(GRAPH).await.unwrap();
    assert!(token.expires_at <= SystemTime::now() + DAY);
    assert!(token.is_fresh(SystemTime::now()));
}

#[tokio::test]
async fn an_env_token_whose_exp_is_u64_max_is_trusted_for_a_day() {
    let claims = B64.encode(r#"{"exp":18446744073709551615}"#);
    // A name unique to this test: the environment is shared by the whole test process.
    std::env::set_var("KQLHUNT_TEST_ENDLESS_TOKEN", format!("h.{claims}.s"));
    let server = TestServer::start(|_| Reply::json(500, "{}")).await;
    let http = kqlhunt::http::client(Duration::from_secs(10)).unwrap();
    let credential = Credential::EnvToken {
        variable: "KQLHUNT_TEST_ENDLESS_TOKEN".into(),
    };
    let tokens = TokenProvider::new(http, &server.url(), "test", credential, None);
    let token = tokens.token(GRAPH).await.unwrap();
    assert!(token.expires_at <= SystemTime::now() + DAY);
}

#[test]
fn a_ledger_file_blocked_until_1e300_holds_calls_back_an_hour_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quota.json");
    std::fs::write(
        &path,
        r#"{"contoso/xdr":{"calls":[1e300, -1e300],"execution":[[1e300,1e300],[1e300,1e300]],
            "blocked_until":1e300,"blocked_message":"forever"}}"#,
    )
    .unwrap();
    let (mut ledger, warning) = QuotaLedger::open(&path);
    assert!(warning.is_none(), "{warning:?}");
    let now = SystemTime::now();
    let snapshot = ledger.snapshot("contoso/xdr", &QuotaLimits::default(), now);
    let until = snapshot.blocked_until.expect("still held back");
    // The ledger keeps seconds as floating point: allow for its rounding, not for more.
    let slack = Duration::from_millis(1);
    assert!(until <= now + HOUR + slack, "held back until {until:?}");
    assert!(ledger
        .update(now, |l| l.record_call("contoso/xdr", now))
        .is_none());
    let stored: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let limit = (now + HOUR + slack)
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!(
        stored["contoso/xdr"]["blocked_until"].as_f64().unwrap() <= limit,
        "{stored}"
    );
}
