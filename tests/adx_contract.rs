//! The Azure Data Explorer client against a loopback server answering exactly as the service
//! documents (tests/data/adx): what it sends, the rows, statistics and render hint it reads,
//! and every way a query fails, before the stream and in the middle of a 200.

mod support;

use std::time::Duration;

use kqlhunt::api::adx::AdxClient;
use kqlhunt::api::{ApiError, QueryOutcome};
use kqlhunt::results::Value;
use tokio_util::sync::CancellationToken;

use support::adx::{check_gateway_timeout, check_throttled, check_too_large, client, query};
use support::rig::{secret_credential, with_sign_in, TOKEN};
use support::{Reply, TestServer};

fn adx_sample(name: &str) -> Reply {
    Reply::sample(200, &format!("adx/{name}"))
}

async fn answering(reply: impl Fn() -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(with_sign_in(move |_| reply())).await
}

fn adx(server: &TestServer, dir: &std::path::Path) -> AdxClient {
    client(
        &server.url(),
        "ContosoSecurity",
        secret_credential(dir),
        dir,
    )
}

async fn run(server: &TestServer) -> Result<QueryOutcome, ApiError> {
    let dir = tempfile::tempdir().unwrap();
    adx(server, dir.path())
        .run(&query("SecurityEvents | take 3"), &CancellationToken::new())
        .await
}

#[tokio::test]
async fn a_query_is_sent_as_documented_and_every_column_type_is_read() {
    let server = answering(|| adx_sample("v2-ok.json")).await;
    let outcome = run(&server).await.unwrap();

    let call = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/v2/rest/query")
        .unwrap();
    let body = call.json();
    assert_eq!(body["db"], "ContosoSecurity");
    assert_eq!(body["csl"], "SecurityEvents | take 3");
    assert_eq!(body["properties"]["Options"]["request_app_name"], "kqlhunt");
    assert_eq!(body["properties"]["Options"]["servertimeout"], "4m");
    let id = call.header("x-ms-client-request-id").unwrap();
    assert!(id.starts_with("kqlhunt.Query;"), "{id}");
    assert_eq!(body["properties"]["ClientRequestId"], id);
    assert_eq!(
        outcome.request_id.as_deref(),
        Some(id),
        "the id stays with the run"
    );
    assert_eq!(call.header("x-ms-app"), Some("kqlhunt"));
    assert_eq!(
        call.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let sign_in = server
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/oauth2/v2.0/token"))
        .unwrap()
        .form();
    assert_eq!(
        sign_in["scope"],
        format!("{}/.default", server.url()),
        "the token is for the cluster"
    );

    let r = &outcome.result;
    assert_eq!((r.row_count(), r.column_count()), (3, 12));
    assert_eq!(r.cell(0, 1), Value::Text("ws-0042.corp.contoso.com"));
    assert_eq!(r.cell(1, 9), Value::Text("00:01:07"));
    assert_eq!(r.cell(0, 11), Value::Real(48213.75));
    assert_eq!(r.cell(2, 7), Value::Null);
    let stats = outcome.stats.expect("QueryResourceConsumption read");
    assert_eq!(
        stats.execution_time,
        Some(Duration::from_nanos(359_374_200))
    );
    assert_eq!(stats.cpu_total, Some(Duration::from_nanos(484_375_000)));
    assert_eq!(stats.memory_cache.hits, Some(1204));
    assert_eq!(stats.disk_cache.misses, Some(2));
    assert_eq!(stats.peak_memory_per_node, Some(52_428_960));
    assert_eq!(stats.rows.scanned, Some(7_351_208));
    assert_eq!(stats.extents.total, Some(412));
    let render = outcome.render.expect("the Visualization property");
    assert_eq!(render["Visualization"], "table");
    assert_eq!(render["Title"], "Encoded PowerShell launches");
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert_eq!(
        outcome.quota.calls_last_minute, 1,
        "the client counts its own calls"
    );
}

#[tokio::test]
async fn a_progressive_answer_gives_the_same_rows() {
    let server = answering(|| adx_sample("v2-progressive.json")).await;
    let outcome = run(&server).await.unwrap();
    assert_eq!(outcome.result.row_count(), 3);
    assert_eq!(outcome.result.cell(0, 2), Value::Long(212));
    assert!(outcome.stats.is_some());
    assert!(outcome.render.is_none(), "no render in the query");
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
}

#[tokio::test]
async fn an_error_in_the_middle_of_a_200_keeps_the_rows_and_says_so_once() {
    let server = answering(|| adx_sample("v2-midstream-error.json")).await;
    let outcome = run(&server).await.unwrap();
    assert_eq!(outcome.result.row_count(), 2);
    assert_eq!(
        outcome.result.cell(1, 0),
        Value::Text("CONTOSO\\adele.vance")
    );
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    let warning = &outcome.warnings[0];
    assert!(
        warning.starts_with(
            "the answer is incomplete: the query ran over the cluster's memory limits"
        ),
        "{warning}"
    );
    assert!(warning.contains("E_RUNAWAY_QUERY"), "{warning}");
    assert!(
        outcome.stats.is_none(),
        "no completion information followed"
    );
}

#[tokio::test]
async fn too_large_says_the_limit_and_how_to_narrow_it() {
    for sample in [
        "v2-result-too-large.json",
        "v2-result-too-large-deferred.json",
    ] {
        let server = answering(move || adx_sample(sample)).await;
        check_too_large(&run(&server).await.unwrap(), 3);
    }
}

#[tokio::test]
async fn a_syntax_error_points_at_its_place() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(400, "adx/error-400-syntax.json")
    }))
    .await;
    let error = run(&server).await.unwrap_err();
    let sent = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/v2/rest/query")
        .and_then(|r| r.header("x-ms-client-request-id").map(str::to_owned))
        .unwrap();
    match &error {
        ApiError::Query {
            status: 400,
            code,
            message,
            request_id,
            at,
        } => {
            assert_eq!(code, "SYN0002");
            assert!(
                message.contains("[line 2, column 3] near 'whre'"),
                "{message}"
            );
            assert!(
                !message.contains("Query: '"),
                "the query is not echoed: {message}"
            );
            assert_eq!(request_id.as_deref(), Some(sent.as_str()));
            assert_eq!(
                *at,
                Some(kqlhunt::api::QueryPosition { line: 1, column: 3 }),
                "the place reaches the editor typed"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains(&sent));
}

#[tokio::test]
async fn the_schema_comes_from_show_database_schema() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(200, "adx/v1-mgmt-show-schema.json")
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let schema = adx(&server, dir.path())
        .fetch_schema(&CancellationToken::new())
        .await
        .unwrap();
    let call = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/v1/rest/mgmt")
        .unwrap();
    assert_eq!(
        call.json()["csl"],
        ".show database ['ContosoSecurity'] schema as json"
    );
    assert_eq!(schema.len(), 2);
    assert_eq!(schema[0].0, "SecurityEvents");
    assert!(schema[1]
        .1
        .contains(&("LocationDetails".into(), "dynamic".into())));
}

#[tokio::test]
async fn throttled_waits_as_told_and_the_next_call_is_held_back() {
    let body = r#"{"error":{"code":"Too many requests","message":"Request is throttled.","@message":"The request was denied due to exceeding the query concurrency limit of the workload group.","@permanent":false}}"#;
    let server = answering(move || Reply::json(429, body).header("Retry-After", "7")).await;
    let dir = tempfile::tempdir().unwrap();
    let client = adx(&server, dir.path());
    let err = client
        .run(&query("T"), &CancellationToken::new())
        .await
        .unwrap_err();
    check_throttled(&client, err, Duration::from_secs(7), || {
        server.count("/v2/rest/query")
    })
    .await;
    assert_eq!(server.count("/v2/rest/query"), 1);
}

#[tokio::test]
async fn an_answer_without_statistics_still_gives_its_rows() {
    let mut frames: serde_json::Value =
        serde_json::from_slice(&support::sample("adx/v2-ok.json")).unwrap();
    let completion = frames
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["TableKind"] == "QueryCompletionInformation")
        .unwrap();
    completion["Rows"].as_array_mut().unwrap().pop();
    let body = frames.to_string();
    let server = answering(move || Reply::json(200, body.clone())).await;
    let outcome = run(&server).await.unwrap();
    assert_eq!(outcome.result.row_count(), 3);
    assert!(outcome.stats.is_none());
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
}

#[tokio::test]
async fn each_failed_status_says_what_it_means() {
    let envelope = r#"{"error":{"code":"X","message":"m","@message":"The cluster said no."}}"#;
    for (status, expect) in [
        (401, "sign in again"),
        (403, "Viewer role on the database"),
        (404, "check the profile's cluster URL and database name"),
        (413, "shorten the query"),
        (504, "gateway timed out"),
        (520, "transient"),
    ] {
        let server = answering(move || Reply::json(status, envelope)).await;
        let err = run(&server).await.unwrap_err();
        if status == 504 {
            check_gateway_timeout(&err);
        }
        let text = err.to_string();
        assert!(text.contains(expect), "{status}: {text}");
        assert!(text.contains("The cluster said no."), "{status}: {text}");
    }
}

#[tokio::test]
async fn a_cut_off_or_foreign_answer_is_named_not_parsed() {
    let full = support::sample("adx/v2-ok.json");
    let half = full.len() / 2;
    let server = answering(move || adx_sample("v2-ok.json").cut(half)).await;
    let text = run(&server).await.unwrap_err().to_string();
    assert!(text.contains("after") && text.contains("bytes"), "{text}");
    let server = answering(|| Reply::new(200, "text/html", "<html>proxy login</html>")).await;
    match run(&server).await.unwrap_err() {
        ApiError::NotJson { first_bytes, .. } => assert!(first_bytes.contains("proxy login")),
        other => panic!("{other:?}"),
    }
}
