//! The demo tenant over real loopback HTTP, driven by kqlhunt's own client: each API shape,
//! each sign-in grant, quotas, every fault, and the planted intrusion found by ordinary hunts.

mod support;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kqlhunt::api::{
    ApiError, Cloud, Endpoint, Flavor, HuntingClient, QueryRequest, QuotaLedger, QuotaLimits,
};
use kqlhunt::auth::{Credential, PollTiming, Secret, SecretSource, TokenProvider};
use kqlhunt::emulator::identity::{
    DEMO_CLIENT_ID, DEMO_SECRET, NO_ROLES_CLIENT_ID, PUBLIC_CLIENT_ID,
};
use kqlhunt::emulator::{Emulator, EmulatorConfig, Faults, QuotaRules};
use kqlhunt::results::Value;
use tokio_util::sync::CancellationToken;

async fn emulator(faults: Faults, quotas: QuotaRules) -> Emulator {
    Emulator::start(EmulatorConfig {
        rows_scale: 0.2,
        faults,
        quotas,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

fn secret(client_id: &str) -> Credential {
    Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: client_id.into(),
        secret: SecretSource::Value(Secret::new(DEMO_SECRET)),
    }
}

fn client(
    emulator: &Emulator,
    dir: &Path,
    flavor: Flavor,
    credential: Credential,
) -> (HuntingClient, Arc<TokenProvider>) {
    let mut endpoint = Endpoint::standard(flavor, Cloud::Public, None).unwrap();
    endpoint.base_url = emulator.url.clone();
    endpoint.login_url = emulator.url.clone();
    let http = kqlhunt::http::client(Duration::from_secs(30)).unwrap();
    let tokens = Arc::new(
        TokenProvider::new(
            http.clone(),
            &emulator.url,
            "demo",
            credential,
            Some(dir.join("sign-in.json")),
        )
        .with_poll_timing(PollTiming {
            second: Duration::from_millis(20),
        }),
    );
    let (ledger, _) = QuotaLedger::open(&dir.join("quota.json"));
    let client = HuntingClient::new(
        http,
        endpoint,
        "demo",
        tokens.clone(),
        Arc::new(Mutex::new(ledger)),
        QuotaLimits::default(),
        Duration::from_secs(30),
    );
    (client, tokens)
}

async fn run(client: &HuntingClient, query: &str) -> Result<kqlhunt::api::QueryOutcome, ApiError> {
    client
        .run(
            &QueryRequest {
                query: query.into(),
                timespan: None,
            },
            &CancellationToken::new(),
        )
        .await
}

#[tokio::test]
async fn each_api_shape_answers_real_kql_and_the_legacy_ones_report_stats() {
    let emu = emulator(Faults::default(), QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    for flavor in [Flavor::Graph, Flavor::GraphBeta, Flavor::Xdr, Flavor::Mde] {
        let (client, _) = client(&emu, dir.path(), flavor, secret(DEMO_CLIENT_ID));
        let outcome = run(&client, "DeviceInfo | summarize Devices = dcount(DeviceName), Joined = countif(IsAzureADJoined) by OSPlatform | order by Devices desc").await.unwrap();
        let r = &outcome.result;
        assert_eq!(r.column(0).name(), "OSPlatform", "{flavor:?}");
        assert_eq!(r.cell(0, 0), Value::Text("Windows11"), "{flavor:?}");
        assert!(
            matches!(r.cell(0, 1), Value::Long(n) if n > 20),
            "{flavor:?}: {:?}",
            r.cell(0, 1)
        );
        match flavor {
            Flavor::Graph | Flavor::GraphBeta => assert!(outcome.stats.is_none()),
            _ => {
                let stats = outcome.stats.expect("legacy APIs return Stats");
                assert!(stats.execution_time.is_some_and(|t| t > Duration::ZERO));
                assert!(
                    stats.datasets[0]
                        .table_row_count
                        .is_some_and(|rows| rows > 0),
                    "rows the query read"
                );
            }
        }
    }
    let (mde, _) = client(&emu, dir.path(), Flavor::Mde, secret(DEMO_CLIENT_ID));
    let bools = run(&mde, "DeviceInfo | take 1 | project IsAzureADJoined")
        .await
        .unwrap();
    assert_eq!(
        bools.result.column(0).declared_type(),
        "SByte",
        "Defender for Endpoint sends booleans as SByte"
    );
}

#[tokio::test]
async fn graph_timespan_narrows_the_data() {
    let emu = emulator(Faults::default(), QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (client, _) = client(&emu, dir.path(), Flavor::Graph, secret(DEMO_CLIENT_ID));
    let count = |outcome: kqlhunt::api::QueryOutcome| match outcome.result.cell(0, 0) {
        Value::Long(n) => n,
        other => panic!("{other:?}"),
    };
    let all = count(run(&client, "DeviceLogonEvents | count").await.unwrap());
    let day = client
        .run(
            &QueryRequest {
                query: "DeviceLogonEvents | count".into(),
                timespan: Some("P1D".into()),
            },
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    let day = count(day);
    assert!(day > 0 && day * 10 < all, "one day {day} of thirty {all}");
}

#[tokio::test]
async fn sign_in_checks_secret_roles_and_audience_like_the_service() {
    let emu = emulator(Faults::default(), QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new("guess")),
    };
    let (client_bad, _) = client(&emu, dir.path(), Flavor::Graph, wrong);
    let err = run(&client_bad, "DeviceInfo | take 1")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("invalid_client") && err.contains("AADSTS7000215"),
        "{err}"
    );

    let (no_roles, _) = client(&emu, dir.path(), Flavor::Mde, secret(NO_ROLES_CLIENT_ID));
    let err = run(&no_roles, "DeviceInfo | take 1").await.unwrap_err();
    assert!(matches!(err, ApiError::Forbidden { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("Missing application roles. API required roles: AdvancedQuery.Read.All"),
        "{err}"
    );

    // A Graph token does not open the Defender API.
    let (graph, tokens) = client(&emu, dir.path(), Flavor::Graph, secret(DEMO_CLIENT_ID));
    run(&graph, "DeviceInfo | take 1").await.unwrap();
    let token = tokens.token("https://graph.microsoft.com").await.unwrap();
    let response = kqlhunt::http::client(Duration::from_secs(5))
        .unwrap()
        .post(format!("{}/api/advancedhunting/run", emu.url))
        .bearer_auth(token.value.expose())
        .body(r#"{"Query":"DeviceInfo | take 1"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    assert!(response.text().await.unwrap().contains("Invalid audience"));
}

#[tokio::test]
async fn a_certificate_assertion_and_the_device_code_flow_both_sign_in() {
    let emu = emulator(Faults::default(), QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let key = dir.path().join("key.pem");
    std::fs::copy(data.join("test-only-key.pem"), &key).unwrap();
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let certificate = Credential::Certificate {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        certificate: data.join("test-only-cert.pem"),
        private_key: key,
    };
    let (client_cert, _) = client(&emu, dir.path(), Flavor::Xdr, certificate);
    assert_eq!(
        run(&client_cert, "print x = 1")
            .await
            .unwrap()
            .result
            .cell(0, 0),
        Value::Long(1)
    );

    let device = Credential::DeviceCode {
        tenant: "demo".into(),
        client_id: PUBLIC_CLIENT_ID.into(),
    };
    let (hunting, tokens) = client(&emu, dir.path(), Flavor::Graph, device.clone());
    let err = run(&hunting, "print 1").await.unwrap_err().to_string();
    assert!(err.contains("kqlhunt login --profile demo"), "{err}");
    let mut prompts = Vec::new();
    tokens
        .login("https://graph.microsoft.com", &mut |p| {
            prompts.push(p.user_code.clone())
        })
        .await
        .unwrap();
    assert_eq!(prompts.len(), 1);
    run(&hunting, "print 1").await.unwrap();
    // A later process uses the stored refresh token, for another API too.
    let (later, _) = client(&emu, dir.path(), Flavor::Mde, device);
    run(&later, "print 1").await.unwrap();
}

#[tokio::test]
async fn quotas_answer_429_in_the_service_words_then_recover_and_each_api_counts_apart() {
    // A "minute" of one second, so the test sees it pass.
    let emu = emulator(
        Faults::default(),
        QuotaRules {
            calls_per_minute: 3,
            minute: Duration::from_secs(1),
            ..QuotaRules::default()
        },
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let (graph, _) = client(&emu, dir.path(), Flavor::Graph, secret(DEMO_CLIENT_ID));
    for _ in 0..3 {
        run(&graph, "print 1").await.unwrap();
    }
    match run(&graph, "print 1").await.unwrap_err() {
        ApiError::Throttled {
            message,
            retry_after,
            local,
            ..
        } => {
            assert!(!local, "the server said no");
            assert!(
                message.starts_with("API calls quota exceeded! maximum allowed 3 per 00:01:00"),
                "{message}"
            );
            assert_eq!(
                retry_after,
                Some(Duration::from_secs(1)),
                "Retry-After from the server"
            );
        }
        other => panic!("{other}"),
    }
    assert!(
        matches!(
            run(&graph, "print 1").await.unwrap_err(),
            ApiError::Throttled { local: true, .. }
        ),
        "the client now waits instead of calling"
    );
    assert_eq!(emu.hunting_calls(), 4);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    run(&graph, "print 1")
        .await
        .expect("the window has passed: calls go through again");
    assert_eq!(emu.hunting_calls(), 5);
    let dir2 = tempfile::tempdir().unwrap();
    let (xdr, _) = client(&emu, dir2.path(), Flavor::Xdr, secret(DEMO_CLIENT_ID));
    run(&xdr, "print 1").await.unwrap();
}

#[tokio::test]
async fn processing_budget_exhaustion_then_recovery() {
    let quotas = QuotaRules {
        execution_per_window: Duration::ZERO,
        ..QuotaRules::default()
    };
    let emu = emulator(Faults::default(), quotas).await;
    let dir = tempfile::tempdir().unwrap();
    let (client, _) = client(&emu, dir.path(), Flavor::Xdr, secret(DEMO_CLIENT_ID));
    run(&client, "DeviceProcessEvents | count").await.unwrap();
    let err = run(&client, "print 1").await.unwrap_err();
    assert!(
        err.to_string()
            .contains("exceeded processing resources allocated to this tenant"),
        "{err}"
    );
}

#[tokio::test]
async fn faults_reach_the_client_as_the_errors_a_hunter_can_act_on() {
    let cases: &[(&str, &str)] = &[
        ("status_500_every=1", "HTTP 500"),
        ("status_503_every=1", "running it again is safe"),
        ("truncate_every=1", "connection broke after"),
        ("html_every=1", "instead of JSON"),
        (
            "kql_error='summarize' operator: Failed to resolve aggregate",
            "Failed to resolve aggregate",
        ),
    ];
    for (fault, expected) in cases {
        let mut faults = Faults::default();
        faults.set(fault).unwrap();
        let emu = emulator(faults, QuotaRules::default()).await;
        let dir = tempfile::tempdir().unwrap();
        let (client, _) = client(&emu, dir.path(), Flavor::Xdr, secret(DEMO_CLIENT_ID));
        let err = run(&client, "DeviceInfo | take 50")
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{fault}: {err}");
    }
}

#[tokio::test]
async fn latency_can_be_cancelled_and_early_expiring_tokens_are_replaced() {
    let mut faults = Faults::default();
    faults.set("latency_ms=3000").unwrap();
    let emu = emulator(faults, QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (slow, _) = client(&emu, dir.path(), Flavor::Graph, secret(DEMO_CLIENT_ID));
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        trigger.cancel();
    });
    let started = Instant::now();
    let err = slow
        .run(
            &QueryRequest {
                query: "print 1".into(),
                timespan: None,
            },
            &cancel,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Cancelled) && started.elapsed() < Duration::from_secs(2),
        "{err} after {:?}",
        started.elapsed()
    );

    let mut faults = Faults::default();
    faults.set("token_revoked_after_seconds=1").unwrap();
    let emu = emulator(faults, QuotaRules::default()).await;
    let (expiring, _) = client(&emu, dir.path(), Flavor::Graph, secret(DEMO_CLIENT_ID));
    run(&expiring, "print 1").await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    run(&expiring, "print 1")
        .await
        .expect("a refused token is replaced and the call retried");
    assert_eq!(emu.tokens_issued(), 2);
}

/// The hunts the README suggests find every step of the planted intrusion.
#[tokio::test]
async fn ordinary_hunts_find_the_planted_intrusion() {
    let emu = emulator(Faults::default(), QuotaRules::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (client, _) = client(&emu, dir.path(), Flavor::Xdr, secret(DEMO_CLIENT_ID));
    let hunts: &[(&str, &str)] = &[
        ("EmailAttachmentInfo | where FileType in~ ('docm', 'xlsm') | join kind=inner (EmailEvents) on NetworkMessageId | project SenderFromAddress, RecipientEmailAddress, FileName", "c0ntoso-billing.com"),
        ("DeviceProcessEvents | where FileName =~ 'powershell.exe' and ProcessCommandLine has '-Enc' | project DeviceName, InitiatingProcessFileName, ProcessCommandLine", "WINWORD.EXE"),
        ("DeviceNetworkEvents | where RemoteIPType == 'Public' | summarize Calls = count(), Hours = dcount(bin(Timestamp, 1h)) by InitiatingProcessFileName, RemoteUrl | where Hours > 48 and Calls > 200 | project InitiatingProcessFileName, RemoteUrl", "cdn-telemetry-sync.net"),
        ("DeviceEvents | where ActionType == 'OpenProcessApiCall' and FileName =~ 'lsass.exe' | project InitiatingProcessCommandLine", "comsvcs.dll"),
        ("DeviceLogonEvents | where LogonType == 'Network' and AccountName startswith 'svc_' and isnotempty(RemoteDeviceName) | project AccountName, DeviceName, RemoteDeviceName", "srv-fs01"),
        ("DeviceProcessEvents | where FileName =~ 'rclone.exe' or ProcessCommandLine has 'mega:' | project DeviceName, ProcessCommandLine", "mega:fin-archive"),
        ("UrlClickEvents | where IsClickedThrough | join kind=inner (EmailEvents) on NetworkMessageId | project AccountUpn, Url, SenderFromAddress", "invoice-docs-share.com"),
        ("AADSignInEventsBeta | where ErrorCode == 0 and Country != 'US' and isempty(AadDeviceId) | project AccountUpn, Application, IPAddress, Country", "193.29.57.114"),
        ("CloudAppEvents | where ActionType contains 'InboxRule' | project AccountDisplayName, IPAddress, CountryCode", "Megan Bowen"),
        ("IdentityQueryEvents | where ActionType == 'LDAP query' and Query has 'admincount=1' | project AccountName, DeviceName", "megan.bowen"),
        ("IdentityDirectoryEvents | where ActionType == 'Service creation' | project AccountName, TargetDeviceName, AdditionalFields", "PSEXESVC"),
        ("DeviceFileCertificateInfo | where not(IsSigned) | join kind=inner (DeviceProcessEvents | project SHA1, FileName) on SHA1 | distinct FileName", "synchost.exe"),
    ];
    for (hunt, clue) in hunts {
        let outcome = run(&client, hunt)
            .await
            .unwrap_or_else(|e| panic!("{hunt}: {e}"));
        let mut text = Vec::new();
        kqlhunt::results::writers::write_result(
            &outcome.result,
            kqlhunt::results::writers::Format::Csv,
            0,
            &mut text,
        )
        .unwrap();
        assert!(
            String::from_utf8_lossy(&text).contains(clue),
            "{hunt} should find {clue}"
        );
    }
}
