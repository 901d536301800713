//! The Log Analytics client against answers shaped exactly as Microsoft documents them
//! (tests/data/log-analytics), served on a loopback server, and the demo tenant's workspace
//! held to the same checks.

mod support;

use std::time::Duration;

use kqlhunt::auth::TokenProvider;
use kqlhunt::emulator::workspace::DEMO_WORKSPACE;
use kqlhunt::emulator::{Emulator, EmulatorConfig};
use kqlhunt::results::Value;
use tokio_util::sync::CancellationToken;

use support::log_analytics::{
    check_cut_answer, check_full_answer, check_gateway_timeout, check_no_data,
    check_semantic_error, check_syntax_error, check_throttled, demo_credential, request, run,
};
use support::rig::{secret_credential, with_sign_in, TOKEN};
use support::{Reply, TestServer};

const WORKSPACE: &str = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const TIMEOUT: Duration = Duration::from_secs(180);

fn workspace_client(
    url: &str,
    dir: &std::path::Path,
    workspace: &str,
    more: &[String],
    credential: kqlhunt::auth::Credential,
) -> kqlhunt::api::log_analytics::WorkspaceClient {
    support::log_analytics::workspace_client(url, dir, workspace, more, credential, TIMEOUT)
}

fn la(name: &str) -> Reply {
    Reply::sample(200, &format!("log-analytics/{name}"))
}

#[tokio::test]
async fn the_request_is_the_documented_one() {
    let server =
        TestServer::start(with_sign_in(|_| la("ok-with-statistics-and-render.json"))).await;
    let dir = tempfile::tempdir().unwrap();
    let more = vec!["/subscriptions/3c9e/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-eu".to_owned()];
    let client = workspace_client(
        &server.url(),
        dir.path(),
        WORKSPACE,
        &more,
        secret_credential(dir.path()),
    );
    let outcome = client
        .run(
            &request("SigninLogs | take 3", Some("PT12H")),
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    check_full_answer(&outcome);
    let call = server
        .requests()
        .into_iter()
        .find(|r| r.path.contains("/query"))
        .unwrap();
    assert_eq!(call.method, "POST");
    assert_eq!(call.path, format!("/v1/workspaces/{WORKSPACE}/query"));
    assert_eq!(
        call.json(),
        serde_json::json!({"query": "SigninLogs | take 3", "timespan": "PT12H", "workspaces": more})
    );
    let prefer = call.header("prefer").unwrap();
    for option in ["include-statistics=true", "include-render=true", "wait=180"] {
        assert!(prefer.contains(option), "{prefer}");
    }
    assert_eq!(
        call.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let token = server
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/oauth2/v2.0/token"))
        .unwrap();
    assert_eq!(
        token.form()["scope"],
        "https://api.loganalytics.io/.default"
    );
}

#[tokio::test]
async fn each_documented_answer_means_what_the_service_says() {
    let server = TestServer::start(with_sign_in(|r| {
        let q = String::from_utf8_lossy(&r.body).to_string();
        let pick = |word: &str| q.contains(word);
        if pick("plain") {
            la("ok-plain.json")
        } else if pick("partial") {
            la("partial-error.json")
        } else if pick("whre") {
            Reply::sample(400, "log-analytics/error-bad-argument.json")
        } else if pick("semantic") {
            Reply::sample(400, "log-analytics/error-bad-argument-semantic.json")
        } else if pick("slow") {
            Reply::sample(504, "log-analytics/error-timeout-504.json")
                .header("Preference-Applied", "wait=600")
        } else if pick("nodata") {
            Reply::new(204, "application/json", Vec::new())
        } else if pick("nobody") {
            Reply::json(200, Vec::new())
        } else if pick("busy") {
            Reply::sample(429, "log-analytics/error-throttled-429.json").header("Retry-After", "30")
        } else {
            la("ok-with-statistics-and-render.json")
        }
    }))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let client = workspace_client(
        &server.url(),
        dir.path(),
        WORKSPACE,
        &[],
        secret_credential(dir.path()),
    );

    let plain = run(&client, "plain").await.unwrap();
    assert!(plain.stats.is_none() && plain.render.is_none());
    assert_eq!(plain.result.cell(0, 1), Value::Long(20_839));

    check_cut_answer(&run(&client, "partial").await.unwrap(), 2);

    check_syntax_error(
        &run(&client, "SigninLogs\n| whre x").await.unwrap_err(),
        "[line 2, column 3]",
    );
    check_semantic_error(&run(&client, "semantic").await.unwrap_err(), "");
    check_gateway_timeout(&run(&client, "slow").await.unwrap_err(), 600);
    check_no_data(&run(&client, "nodata").await.unwrap());

    let empty = run(&client, "nobody").await.unwrap_err().to_string();
    assert!(empty.contains("Content-Type"), "{empty}");

    let busy = run(&client, "busy").await.unwrap_err();
    check_throttled(&client, busy, Duration::from_secs(30), || {
        server.count("/query")
    })
    .await;
    assert_eq!(
        client.quota().calls_last_30_seconds as usize,
        server.count("/query")
    );
}

#[tokio::test]
async fn the_demo_workspace_passes_the_same_checks() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = workspace_client(
        &emulator.url,
        dir.path(),
        DEMO_WORKSPACE,
        &[],
        demo_credential(),
    );
    let full = run(
        &client,
        "DeviceLogonEvents\n| summarize Logons = count() by bin(Timestamp, 1d)\n| render timechart with (title=\"Logons\")",
    )
    .await
    .unwrap();
    check_full_answer(&full);
    assert_eq!(full.render.as_ref().unwrap()["title"], "Logons");
    let stats = full.stats.unwrap();
    assert!(stats.cpu_total.is_some(), "the engine thread's CPU time");
    assert_eq!(
        stats.memory_cache.hits,
        Some(0),
        "first read of every extent"
    );
    let again = run(&client, "DeviceLogonEvents | count").await.unwrap();
    assert_eq!(
        again.stats.unwrap().memory_cache.hit_ratio(),
        Some(1.0),
        "read again soon after: in memory"
    );

    let dynamic = run(&client, "print d = dynamic({\"city\": \"Redmond\"})")
        .await
        .unwrap();
    let Value::Dynamic(json) = dynamic.result.cell(0, 0) else {
        panic!("{:?}", dynamic.result.cell(0, 0))
    };
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(json).unwrap()["city"],
        "Redmond"
    );

    check_syntax_error(
        &run(&client, "DeviceInfo\n| whre x").await.unwrap_err(),
        "[line 2, column ",
    );
    check_semantic_error(
        &run(&client, "DeviceInfo | where NoSuchColumn == 1")
            .await
            .unwrap_err(),
        "Failed to resolve scalar expression named 'NoSuchColumn'",
    );

    let tables = client.metadata(&CancellationToken::new()).await.unwrap();
    assert!(tables
        .iter()
        .any(|(name, columns)| name == "DeviceLogonEvents"
            && columns
                .iter()
                .any(|(c, t)| c == "Timestamp" && t == "datetime")));

    // A token for the Defender APIs is not one for the workspace.
    let http = reqwest::Client::new();
    let url = format!("{}/v1/workspaces/{DEMO_WORKSPACE}/query", emulator.url);
    let stranger = http
        .post(&url)
        .bearer_auth("not-a-token")
        .body("{\"query\":\"print 1\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status().as_u16(), 401);

    // With a workspace token: a body that never arrived is a 200 with no body, and the 201st
    // query in 30 seconds a 429 with Retry-After, each read as the client reads the samples.
    let tokens = TokenProvider::new(http.clone(), &emulator.url, "raw", demo_credential(), None);
    let token = tokens
        .token("https://api.loganalytics.io")
        .await
        .unwrap()
        .value
        .expose()
        .to_owned();
    let empty = http.post(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(empty.status().as_u16(), 200);
    assert!(empty.bytes().await.unwrap().is_empty());
    let mut throttled = None;
    for _ in 0..205 {
        let answer = http
            .post(&url)
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{\"query\":\"print 1\"}")
            .send()
            .await
            .unwrap();
        if answer.status().as_u16() == 429 {
            throttled = Some(answer);
            break;
        }
    }
    let throttled = throttled.expect("Log Analytics allows 200 queries per 30 seconds per user");
    let wait: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
}

/// Both backends keep the service's schema through one cache: read at the first session,
/// asked again with `--refresh`, kept per profile (0600) with its age.
#[test]
fn schema_refresh_keeps_each_backend_s_tables_with_their_age() {
    let home = tempfile::tempdir().unwrap();
    let kqlhunt = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .env("KQLHUNT_CONFIG_DIR", home.path().join("config"))
            .env("KQLHUNT_DATA_DIR", home.path().join("data"))
            .output()
            .unwrap()
    };
    for (backend, source, file) in [
        (
            "log-analytics",
            "log-analytics workspace d3e0c0de",
            "demo.json",
        ),
        ("adx", "adx http://127.0.0.1:", "demo-adx.json"),
    ] {
        let demo = ["--demo", "--backend", backend, "schema"];
        let first = kqlhunt(&demo);
        let said = String::from_utf8_lossy(&first.stdout);
        assert!(first.status.success(), "{first:?}");
        assert!(
            said.contains("tables") && said.contains(source) && said.contains("fetched"),
            "the first session reads the service's schema and keeps it: {said}"
        );
        let kept = home.path().join("data/schema").join(file);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o600
        );
        std::fs::write(&kept, "{").unwrap();
        let damaged = kqlhunt(&demo);
        assert!(
            String::from_utf8_lossy(&damaged.stderr).contains("--refresh"),
            "{damaged:?}"
        );
        let refreshed = kqlhunt(&[&demo[..], &["--refresh"]].concat());
        let said = String::from_utf8_lossy(&refreshed.stdout);
        assert!(refreshed.status.success(), "{refreshed:?}");
        assert!(said.contains(source), "{said}");
    }
}
