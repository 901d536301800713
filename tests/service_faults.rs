//! The demo workspace and cluster misbehave on request (`--fault`, as the Defender APIs do) in
//! each service's documented way: 204, 429 with `Retry-After`, 504 past the wait, an answer cut
//! at the record limit, statistics only when asked. The same checks that read the documented
//! samples (tests/log_analytics.rs, tests/adx_contract.rs) read these.

mod support;

use std::time::{Duration, SystemTime};

use kqlhunt::api::log_analytics::{read_answer, WorkspaceClient};
use kqlhunt::api::Reply as Answer;
use kqlhunt::emulator::workspace::DEMO_WORKSPACE;
use kqlhunt::emulator::{Emulator, EmulatorConfig, Faults, DEMO_DATABASE};
use tokio_util::sync::CancellationToken;

use support::log_analytics as la;

/// The demo tenant with one fault set (`name=value`, as `--fault` takes it).
async fn demo(fault: &str) -> Emulator {
    let mut faults = Faults::default();
    faults.set(fault).unwrap();
    Emulator::start(EmulatorConfig {
        rows_scale: 0.02,
        faults,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

fn workspace(emulator: &Emulator, dir: &std::path::Path, timeout: Duration) -> WorkspaceClient {
    la::workspace_client(
        &emulator.url,
        dir,
        DEMO_WORKSPACE,
        &[],
        la::demo_credential(),
        timeout,
    )
}

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn the_demo_workspace_answers_204_when_told_it_has_no_data() {
    let emulator = demo("no_data_every=1").await;
    let dir = tempfile::tempdir().unwrap();
    let outcome = la::run(&workspace(&emulator, dir.path(), MINUTE), "SigninLogs")
        .await
        .unwrap();
    la::check_no_data(&outcome);
}

#[tokio::test]
async fn the_demo_workspace_throttles_with_retry_after() {
    let emulator = demo("status_429_every=1").await;
    let dir = tempfile::tempdir().unwrap();
    let client = workspace(&emulator, dir.path(), MINUTE);
    let err = la::run(&client, "print 1").await.unwrap_err();
    la::check_throttled(&client, err, Duration::from_secs(2), || {
        emulator.hunting_calls() as usize
    })
    .await;
}

#[tokio::test]
async fn the_demo_workspace_answers_504_past_the_wait() {
    // Told to: the wait it applied is the one asked for.
    let emulator = demo("status_504_every=1").await;
    let dir = tempfile::tempdir().unwrap();
    let err = la::run(&workspace(&emulator, dir.path(), MINUTE), "print 1")
        .await
        .unwrap_err();
    la::check_gateway_timeout(&err, 60);

    // Slower than the wait: the gateway gives up when the wait ends, not before.
    let slow = demo("latency_ms=2500").await;
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let err = la::run(
        &workspace(&slow, dir.path(), Duration::from_secs(1)),
        "print 1",
    )
    .await
    .unwrap_err();
    la::check_gateway_timeout(&err, 1);
    assert!(
        started.elapsed() < Duration::from_millis(2400),
        "answered at the wait's end"
    );
}

#[tokio::test]
async fn the_demo_workspace_cuts_an_answer_at_the_record_limit() {
    let emulator = demo("max_records=3").await;
    let dir = tempfile::tempdir().unwrap();
    let client = workspace(&emulator, dir.path(), MINUTE);
    let cut = la::run(&client, "range x from 1 to 10 step 1")
        .await
        .unwrap();
    la::check_cut_answer(&cut, 3);
    assert!(cut.stats.is_some(), "a cut answer still has its statistics");
    let whole = la::run(&client, "range x from 1 to 3 step 1")
        .await
        .unwrap();
    assert!(whole.warnings.is_empty(), "{:?}", whole.warnings);
}

/// Statistics and the render hint come only when `Prefer` asks for them, as the service does.
#[tokio::test]
async fn the_demo_workspace_sends_statistics_only_when_asked() {
    let emulator = demo("latency_ms=0").await;
    let http = reqwest::Client::new();
    let tokens = kqlhunt::auth::TokenProvider::new(
        http.clone(),
        &emulator.url,
        "raw",
        la::demo_credential(),
        None,
    );
    let token = tokens.token("https://api.loganalytics.io").await.unwrap();
    let url = format!("{}/v1/workspaces/{DEMO_WORKSPACE}/query", emulator.url);
    let ask = |prefer: Option<&'static str>| {
        let mut call = http
            .post(&url)
            .bearer_auth(token.value.expose())
            .header("content-type", "application/json")
            .body(r#"{"query":"print n = 1 | render barchart"}"#);
        if let Some(prefer) = prefer {
            call = call.header("prefer", prefer);
        }
        call.send()
    };
    for (prefer, asked) in [
        (None, false),
        (Some("include-statistics=true, include-render=true"), true),
    ] {
        let answer = ask(prefer).await.unwrap();
        let status = answer.status().as_u16();
        let body = answer.bytes().await.unwrap().to_vec();
        let read = read_answer(
            Answer {
                status,
                content_type: "application/json",
                retry_after: None,
                body,
            },
            MINUTE,
            SystemTime::now(),
        )
        .unwrap();
        assert_eq!(read.result.row_count(), 1);
        assert_eq!(read.stats.is_some(), asked, "{prefer:?}");
        assert_eq!(read.render.is_some(), asked, "{prefer:?}");
    }
}

#[tokio::test]
async fn the_demo_cluster_throttles_times_out_and_cuts_as_documented() {
    use support::adx::{check_gateway_timeout, check_throttled, check_too_large, client, query};
    let cancel = CancellationToken::new();

    let emulator = demo("status_429_every=1").await;
    let dir = tempfile::tempdir().unwrap();
    let cluster = client(
        &emulator.url,
        DEMO_DATABASE,
        la::demo_credential(),
        dir.path(),
    );
    let err = cluster.run(&query("print 1"), &cancel).await.unwrap_err();
    check_throttled(&cluster, err, Duration::from_secs(2), || {
        emulator.hunting_calls() as usize
    })
    .await;

    let emulator = demo("status_504_every=1").await;
    let dir = tempfile::tempdir().unwrap();
    let cluster = client(
        &emulator.url,
        DEMO_DATABASE,
        la::demo_credential(),
        dir.path(),
    );
    check_gateway_timeout(&cluster.run(&query("print 1"), &cancel).await.unwrap_err());

    let emulator = demo("max_records=3").await;
    let dir = tempfile::tempdir().unwrap();
    let cluster = client(
        &emulator.url,
        DEMO_DATABASE,
        la::demo_credential(),
        dir.path(),
    );
    let cut = cluster
        .run(&query("range x from 1 to 10 step 1"), &cancel)
        .await
        .unwrap();
    check_too_large(&cut, 3);
}
