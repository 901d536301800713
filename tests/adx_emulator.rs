//! The demo cluster answers as the documented samples do: the same client reads its rows,
//! statistics and failures, and its raw frames pass the same reader (progressive, fragmented,
//! too large, a failure in the data).

mod support;

use kqlhunt::api::adx::{understand, AdxClient};
use kqlhunt::api::ApiError;
use kqlhunt::emulator::{Emulator, EmulatorConfig, DEMO_DATABASE};
use kqlhunt::results::frames::{read_frames, FrameDocument};
use tokio_util::sync::CancellationToken;

use support::adx::{client, demo_credential, query};

async fn demo() -> Emulator {
    Emulator::start(EmulatorConfig {
        rows_scale: 0.05,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

fn adx(emulator: &Emulator, dir: &std::path::Path) -> AdxClient {
    client(&emulator.url, DEMO_DATABASE, demo_credential(), dir)
}

/// Sends `csl` with `options` straight to the demo cluster and reads the frames.
async fn raw(emulator: &Emulator, csl: &str, options: serde_json::Value) -> FrameDocument {
    let http = kqlhunt::http::client(std::time::Duration::from_secs(20)).unwrap();
    let token = http
        .post(format!("{}/demo/oauth2/v2.0/token", emulator.url))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", kqlhunt::emulator::identity::DEMO_CLIENT_ID),
            ("client_secret", kqlhunt::emulator::identity::DEMO_SECRET),
            ("scope", &format!("{}/.default", emulator.url)),
        ])
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let token: serde_json::Value = serde_json::from_slice(&token).unwrap();
    let body =
        serde_json::json!({"db": DEMO_DATABASE, "csl": csl, "properties": {"Options": options}});
    let answer = http
        .post(format!("{}/v2/rest/query", emulator.url))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let bytes = answer.bytes().await.unwrap();
    read_frames(&bytes[..], &mut |_| {}).unwrap()
}

#[tokio::test]
async fn the_demo_cluster_answers_with_rows_and_measured_statistics() {
    let emulator = demo().await;
    let dir = tempfile::tempdir().unwrap();
    let outcome = adx(&emulator, dir.path())
        .run(
            &query("DeviceProcessEvents | take 5 | project Timestamp, DeviceName, ProcessId"),
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(outcome.result.row_count(), 5);
    assert_eq!(outcome.result.column(0).kind().kql_name(), "datetime");
    let stats = outcome.stats.expect("the engine's measurement");
    assert!(stats.execution_time.is_some());
    assert!(stats.rows.scanned.is_some_and(|n| n > 0));
    // Measured as every API of the demo tenant is: the engine thread's CPU time, the extents
    // read under the stated cache model; the size of rows that stream after is not sent.
    assert!(stats.extents.scanned.is_some_and(|n| n > 0));
    assert!(stats.memory_cache.total.is_some());
    assert!(stats.datasets.iter().all(|d| d.table_size.is_none()));
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert!(outcome.render.is_none());
}

#[tokio::test]
async fn a_render_comes_back_as_the_visualization() {
    let emulator = demo().await;
    let dir = tempfile::tempdir().unwrap();
    let outcome = adx(&emulator, dir.path())
        .run(
            &query("DeviceProcessEvents | summarize n = count() by bin(Timestamp, 1h) | render timechart"),
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(outcome.render.unwrap()["Visualization"], "timechart");
}

#[tokio::test]
async fn a_mistake_is_a_400_with_its_place() {
    let emulator = demo().await;
    let dir = tempfile::tempdir().unwrap();
    let error = adx(&emulator, dir.path())
        .run(
            &query("DeviceProcessEvents\n| where NoSuchColumn == 1"),
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    match &error {
        ApiError::Query {
            status: 400,
            message,
            ..
        } => {
            assert!(message.contains("[line 2, column 9]"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_schema_is_the_engine_s_tables() {
    let emulator = demo().await;
    let dir = tempfile::tempdir().unwrap();
    let schema = adx(&emulator, dir.path())
        .fetch_schema(&CancellationToken::new())
        .await
        .unwrap();
    let (_, columns) = schema
        .iter()
        .find(|(t, _)| t == "DeviceProcessEvents")
        .expect("the hunting tables");
    assert!(columns.contains(&("ProcessCommandLine".into(), "string".into())));
    assert!(columns.contains(&("Timestamp".into(), "datetime".into())));
}

#[tokio::test]
async fn progressive_fragmented_and_too_large_answers_read_as_the_samples_do() {
    let emulator = demo().await;
    let csl = "range x from 1 to 12000 step 1 | extend Device = strcat('ws-', x)";
    let progressive = raw(
        &emulator,
        csl,
        serde_json::json!({"results_progressive_enabled": true}),
    )
    .await;
    assert!(progressive.header.as_ref().unwrap().is_progressive);
    let rows = progressive.primary().unwrap().result.row_count();
    assert_eq!(rows, 12000);
    let fragmented = raw(&emulator, csl, serde_json::json!({})).await;
    assert!(
        fragmented.header.as_ref().unwrap().is_fragmented,
        "{rows} rows come in fragments"
    );
    assert_eq!(fragmented.primary().unwrap().result.row_count(), rows);
    let done = understand(fragmented, "id").unwrap();
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);

    for placement in ["in_data", "end_of_table"] {
        let cut = raw(
            &emulator,
            csl,
            serde_json::json!({"truncationmaxrecords": 7, "results_error_reporting_placement": placement}),
        )
        .await;
        assert_eq!(cut.primary().unwrap().result.row_count(), 7, "{placement}");
        let done = understand(cut, "id").unwrap();
        assert_eq!(done.result.row_count(), 7);
        assert!(
            done.warnings[0]
                .starts_with("the answer is incomplete: the answer was cut at 7 records"),
            "{placement}: {:?}",
            done.warnings
        );
    }
}

#[tokio::test]
async fn running_over_the_limits_fails_in_the_data() {
    let emulator = demo().await;
    let csl = "let t = range x from 1 to 6000 step 1 | extend k = 1; t | join kind=inner (t) on k";
    let doc = raw(&emulator, csl, serde_json::json!({})).await;
    assert!(doc.completion.unwrap().has_errors);
    match understand(doc, "id").unwrap_err() {
        ApiError::Query { message, .. } => {
            assert!(message.contains("E_RUNAWAY_QUERY"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_demo_cluster_opens_as_a_backend_and_runs_through_the_run_layer() {
    use kqlhunt::backend::Backend;
    let dir = tempfile::tempdir().unwrap();
    let paths = kqlhunt::config::Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
    };
    let (opened, _emulator) = kqlhunt::run::adx::open_demo(&paths, false).await.unwrap();
    let backend = opened.backend;
    assert_eq!(backend.info().name, "adx");
    assert!(backend.schema().is_empty(), "nothing fetched yet");
    let cancel = CancellationToken::new();
    let finished = kqlhunt::run::execute(&backend, &query("DeviceInfo | take 3"), &cancel, 1 << 20)
        .await
        .unwrap();
    let outcome = finished.outcome.unwrap();
    assert_eq!(outcome.result.row_count(), 3);
    assert!(
        finished.packed.is_some(),
        "kept for the history like any run"
    );
    assert_eq!(backend.quota().calls_last_minute, 1);
    let schema = kqlhunt::backend::kept_schema::refresh(&backend, &cancel)
        .await
        .unwrap();
    assert_eq!(backend.schema(), schema);
    assert!(schema.iter().any(|(t, _)| t == "DeviceInfo"));

    // Kept per profile with its age, as Log Analytics' metadata is: the next session knows the
    // tables before it asks the cluster anything.
    let (reopened, _again) = kqlhunt::run::adx::open_demo(&paths, false).await.unwrap();
    let kept = reopened.backend.kept_schema().unwrap().kept().unwrap();
    assert!(kept.source.starts_with("adx "), "{}", kept.source);
    assert!(kept.age(std::time::SystemTime::now()) < std::time::Duration::from_secs(60));
    assert_eq!(reopened.backend.schema(), schema);
}

#[test]
fn a_profile_s_cluster_is_checked_before_any_call() {
    let config = kqlhunt::config::Config::parse(
        "[profiles.c]\ntenant = \"contoso\"\n[profiles.c.auth]\nmethod = \"env-token\"\n",
    )
    .unwrap();
    let (_, profile) = config.profile(Some("c")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paths = kqlhunt::config::Paths {
        config_dir: dir.path().join("config"),
        data_dir: dir.path().join("data"),
    };
    let open = |cluster: &str, database: &str| {
        kqlhunt::run::adx::open(&paths, "c", profile, cluster, database, false)
            .err()
            .unwrap_or_default()
    };
    assert!(open("http://contoso.westeurope.kusto.windows.net", "Db").contains("https"));
    assert!(open("https://contoso.westeurope.kusto.windows.net", " ").contains("database"));
    assert!(open("https://contoso.westeurope.kusto.windows.net", "Db").is_empty());
}
