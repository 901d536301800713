//! The hunting client against a real loopback HTTP server: each API's happy path with the
//! documented answers, every error class, throttling and the ledger, cancellation, timeouts.

mod support;

use std::time::{Duration, Instant};

use kqlhunt::api::{ApiError, Flavor, QueryRequest, QuotaWindow};
use kqlhunt::results::Value;
use tokio_util::sync::CancellationToken;

use support::rig::{secret_client, with_sign_in, TOKEN};
use support::{Reply, TestServer};

fn query(text: &str) -> QueryRequest {
    QueryRequest {
        query: text.into(),
        timespan: None,
    }
}

async fn run(
    client: &kqlhunt::api::HuntingClient,
    text: &str,
) -> Result<kqlhunt::api::QueryOutcome, ApiError> {
    client.run(&query(text), &CancellationToken::new()).await
}

#[tokio::test]
async fn graph_sends_query_and_timespan_with_a_bearer_token_and_reads_the_rows() {
    let server = TestServer::start(with_sign_in(|_| Reply::sample(200, "graph-ok.json"))).await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Graph);
    let request = QueryRequest {
        query: "DeviceProcessEvents | take 2".into(),
        timespan: Some("P7D".into()),
    };
    let outcome = client
        .run(&request, &CancellationToken::new())
        .await
        .unwrap();

    let call = server
        .requests()
        .into_iter()
        .find(|r| r.path.contains("runHuntingQuery"))
        .unwrap();
    assert_eq!(
        (call.method.as_str(), call.path.as_str()),
        ("POST", "/v1.0/security/runHuntingQuery")
    );
    assert_eq!(
        call.json(),
        serde_json::json!({"Query": "DeviceProcessEvents | take 2", "Timespan": "P7D"})
    );
    assert_eq!(
        call.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(call
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let sign_in = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/contoso/oauth2/v2.0/token")
        .unwrap()
        .form();
    assert_eq!(sign_in["scope"], "https://graph.microsoft.com/.default");
    assert_eq!(sign_in["grant_type"], "client_credentials");

    assert_eq!(
        (outcome.result.row_count(), outcome.result.column_count()),
        (2, 5)
    );
    assert_eq!(
        outcome.result.cell(0, 3),
        Value::Long(9_007_199_254_740_993)
    );
    assert!(outcome.stats.is_none(), "Graph returns no Stats");
    assert_eq!(outcome.measure.rows, 2);
    assert_eq!(
        outcome.measure.bytes,
        support::sample("graph-ok.json").len()
    );
    assert_eq!(
        (
            outcome.quota.calls_last_minute,
            outcome.quota.calls_left_minute
        ),
        (1, 44)
    );
}

#[tokio::test]
async fn the_legacy_apis_use_their_own_paths_audiences_and_return_stats() {
    for (flavor, path, audience, sample) in [
        (
            Flavor::Xdr,
            "/api/advancedhunting/run",
            "https://api.security.microsoft.com/.default",
            "xdr-ok.json",
        ),
        (
            Flavor::Mde,
            "/api/advancedqueries/run",
            "https://api.securitycenter.microsoft.com/.default",
            "mde-ok-sbyte.json",
        ),
        (
            Flavor::GraphBeta,
            "/beta/security/runHuntingQuery",
            "https://graph.microsoft.com/.default",
            "graph-ok-capitalised.json",
        ),
    ] {
        let server = TestServer::start(with_sign_in(move |_| Reply::sample(200, sample))).await;
        let dir = tempfile::tempdir().unwrap();
        let client = secret_client(&server, dir.path(), flavor);
        let outcome = run(&client, "DeviceInfo | take 2").await.unwrap();
        assert_eq!(server.count(path), 1, "{flavor:?}");
        let scope = server
            .requests()
            .into_iter()
            .find(|r| r.path.ends_with("/token"))
            .unwrap()
            .form()["scope"]
            .clone();
        assert_eq!(scope, audience);
        assert!(!outcome.result.is_empty());
        if flavor == Flavor::Xdr {
            let stats = outcome.stats.clone().unwrap();
            assert_eq!(stats.cpu_total, Some(Duration::from_nanos(19_062_500_000)));
            assert_eq!(
                outcome.quota.execution_last_hour,
                Duration::from_secs_f64(4.621215),
                "execution time is charged to the ledger"
            );
        }
        if flavor == Flavor::Mde {
            assert_eq!(
                outcome.result.cell(1, 1),
                Value::Bool(true),
                "SByte 1 reads as true"
            );
            assert_eq!(
                outcome.stats.as_ref().unwrap().cpu_user,
                Some(Duration::ZERO),
                "CPU times without fractions"
            );
        }
    }
}

/// (status, body, content type, what the message must say)
const ERRORS: &[(u16, &str, &str, &[&str])] = &[
    (
        400,
        "error-graph-400-semantic.json",
        "application/json",
        &[
            "Failed to resolve scalar expression named 'Timestmp'",
            "5c2f0a1e-0000-4000-8000-000000000001",
        ],
    ),
    (
        400,
        "error-graph-400-preempted.json",
        "application/json",
        &["exceeded the allowed limits", "request id"],
    ),
    (
        400,
        "error-defender-400-body.json",
        "application/json",
        &["Missing query.", "|4f6c7e20-5a1b.4."],
    ),
    (
        403,
        "error-defender-403-roles.json",
        "application/json",
        &[
            "API required roles: AdvancedQuery.Read.All",
            "AdvancedQuery.Read.All, granted by an admin",
        ],
    ),
    (
        502,
        "error-proxy-502.html",
        "text/html",
        &["HTTP 502", "text/html", "502 Bad Gateway"],
    ),
    (
        200,
        "error-proxy-502.html",
        "text/html",
        &["HTTP 200", "instead of JSON"],
    ),
    (200, "xdr-truncated.json", "application/json", &["cut off"]),
];

#[tokio::test]
async fn every_error_class_says_what_happened() {
    for &(status, body, content_type, expected) in ERRORS {
        let server = TestServer::start(with_sign_in(move |_| {
            Reply::new(status, content_type, support::sample(body))
        }))
        .await;
        let dir = tempfile::tempdir().unwrap();
        let client = secret_client(&server, dir.path(), Flavor::Mde);
        let text = run(&client, "DeviceInfo").await.unwrap_err().to_string();
        for fragment in expected {
            assert!(
                text.contains(fragment),
                "{body}: {text:?} lacks {fragment:?}"
            );
        }
    }
}

#[tokio::test]
async fn server_errors_are_transient_and_unauthorized_says_to_sign_in() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::json(
            503,
            r#"{"error":{"code":"ServiceUnavailable","message":"Try later"}}"#,
        )
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let err = run(&secret_client(&server, dir.path(), Flavor::Xdr), "x")
        .await
        .unwrap_err();
    assert!(
        err.is_transient() && err.to_string().contains("running it again is safe"),
        "{err}"
    );

    let server = TestServer::start(with_sign_in(|_| {
        Reply::json(
            401,
            r#"{"error":{"code":"Unauthorized","message":"token expired"}}"#,
        )
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let err = run(&secret_client(&server, dir.path(), Flavor::Xdr), "x")
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Unauthorized { .. }) && err.to_string().contains("kqlhunt login"),
        "{err}"
    );
    assert_eq!(
        server.count("/token"),
        2,
        "a refused token is replaced once before giving up"
    );
}

#[tokio::test]
async fn a_429_blocks_the_ledger_so_the_next_run_sends_nothing_even_after_a_restart() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(429, "error-defender-429-minute.json").header("Retry-After", "30")
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Mde);
    match run(&client, "DeviceInfo").await.unwrap_err() {
        ApiError::Throttled {
            window,
            retry_after,
            local,
            message,
            ..
        } => {
            assert_eq!(
                window,
                QuotaWindow::Calls {
                    limit: 45,
                    per: Duration::from_secs(60)
                }
            );
            assert_eq!(retry_after, Some(Duration::from_secs(30)));
            assert!(!local);
            assert!(message.contains("maximum allowed 45 per 00:01:00"));
        }
        other => panic!("{other}"),
    }
    assert_eq!(server.count("/api/"), 1);

    // A new client on the same data folder: a restarted kqlhunt.
    let restarted = secret_client(&server, dir.path(), Flavor::Mde);
    let err = run(&restarted, "DeviceInfo").await.unwrap_err();
    assert!(
        matches!(err, ApiError::Throttled { local: true, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("nothing was sent")
            && err.to_string().contains("maximum allowed 45"),
        "{err}"
    );
    assert_eq!(server.count("/api/"), 1, "no call while throttled");
    let quota = restarted.quota();
    assert!(quota.blocked_until.is_some() && quota.blocked_message.is_some());
}

#[tokio::test]
async fn a_429_without_retry_after_reads_again_in_or_backs_off() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(429, "error-defender-429-hour-retry.json")
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    match run(&secret_client(&server, dir.path(), Flavor::Xdr), "x")
        .await
        .unwrap_err()
    {
        ApiError::Throttled {
            retry_after,
            window,
            ..
        } => {
            assert_eq!(retry_after, Some(Duration::from_secs(8)));
            assert_eq!(
                window,
                QuotaWindow::Calls {
                    limit: 1500,
                    per: Duration::from_secs(3600)
                }
            );
        }
        other => panic!("{other}"),
    }
    let server =
        TestServer::start(with_sign_in(|_| Reply::sample(429, "error-graph-429.json"))).await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Graph);
    let err = run(&client, "x").await.unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::Throttled {
                retry_after: None,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("5c2f0a1e-0000-4000-8000-000000000005"),
        "{err}"
    );
    assert!(
        client.quota().blocked_until.is_some(),
        "Graph gave no delay: kqlhunt still backs off"
    );
}

#[tokio::test]
async fn the_local_minute_quota_holds_back_the_46th_call() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(200, "graph-ok-capitalised.json")
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Graph);
    for _ in 0..45 {
        run(&client, "DeviceInfo").await.unwrap();
    }
    let err = run(&client, "DeviceInfo").await.unwrap_err();
    assert!(
        matches!(err, ApiError::Throttled { local: true, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("45 calls in the last minute"),
        "{err}"
    );
    assert_eq!(server.count("runHuntingQuery"), 45);
}

#[tokio::test]
async fn a_body_cut_off_mid_transfer_says_how_far_it_got() {
    let server =
        TestServer::start(with_sign_in(|_| Reply::sample(200, "xdr-ok.json").cut(300))).await;
    let dir = tempfile::tempdir().unwrap();
    let text = run(&secret_client(&server, dir.path(), Flavor::Xdr), "x")
        .await
        .unwrap_err()
        .to_string();
    let total = support::sample("xdr-ok.json").len();
    assert!(
        text.contains(&format!("after 300 of {total} bytes")),
        "{text}"
    );
}

#[tokio::test]
async fn cancelling_drops_the_call_at_once() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(200, "graph-ok.json").delayed(Duration::from_secs(20))
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = secret_client(&server, dir.path(), Flavor::Graph);
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        trigger.cancel();
    });
    let started = Instant::now();
    let err = client.run(&query("DeviceInfo"), &cancel).await.unwrap_err();
    assert!(matches!(err, ApiError::Cancelled), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(server.count("runHuntingQuery"), 1, "the call had been sent");
}

#[tokio::test]
async fn a_slow_server_times_out_and_a_dead_one_is_named() {
    let server = TestServer::start(with_sign_in(|r| {
        let reply = Reply::sample(200, "graph-ok.json");
        if r.path.contains("runHunting") {
            reply.delayed(Duration::from_secs(5))
        } else {
            reply
        }
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (client, _) = support::rig::client(
        &server,
        dir.path(),
        Flavor::Graph,
        support::rig::secret_credential(dir.path()),
        Duration::from_millis(700),
    );
    let err = run(&client, "x").await.unwrap_err();
    assert!(
        matches!(err, ApiError::Timeout(_)) && err.to_string().contains("narrow the time range"),
        "{err}"
    );

    let server = TestServer::start(with_sign_in(|_| Reply::sample(200, "graph-ok.json"))).await;
    let dir = tempfile::tempdir().unwrap();
    let (client, tokens) = support::rig::client(
        &server,
        dir.path(),
        Flavor::Graph,
        support::rig::secret_credential(dir.path()),
        Duration::from_secs(5),
    );
    tokens.token("https://graph.microsoft.com").await.unwrap();
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let err = run(&client, "x").await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err}");
    assert!(err.to_string().contains("could not reach"), "{err}");
}

#[tokio::test]
async fn bad_requests_are_refused_before_any_call() {
    let server = TestServer::start(with_sign_in(|_| Reply::sample(200, "graph-ok.json"))).await;
    let dir = tempfile::tempdir().unwrap();
    let xdr = secret_client(&server, dir.path(), Flavor::Xdr);
    assert!(run(&xdr, "   ")
        .await
        .unwrap_err()
        .to_string()
        .contains("empty"));
    let timespan = QueryRequest {
        query: "DeviceInfo".into(),
        timespan: Some("P7D".into()),
    };
    let err = xdr
        .run(&timespan, &CancellationToken::new())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Graph only") && err.contains("ago(7d)"),
        "{err}"
    );
    let graph = secret_client(&server, dir.path(), Flavor::Graph);
    let bad = QueryRequest {
        query: "DeviceInfo".into(),
        timespan: Some("7d".into()),
    };
    assert!(graph
        .run(&bad, &CancellationToken::new())
        .await
        .unwrap_err()
        .to_string()
        .contains("P7D"));
    assert!(server.requests().is_empty());
}
