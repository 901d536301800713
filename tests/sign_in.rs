//! Sign-in against a loopback identity endpoint: each method, the token cache and its refresh,
//! device-code polling, and the refusals that keep secrets safe.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use kqlhunt::auth::{AuthError, Credential, PollTiming, SecretSource, TokenProvider};
use rustls_pki_types::pem::PemObject;

use support::rig::SECRET;
use support::{Reply, TestServer};

const GRAPH: &str = "https://graph.microsoft.com";

fn provider(server: &TestServer, credential: Credential, store: Option<PathBuf>) -> TokenProvider {
    let http = kqlhunt::http::client(Duration::from_secs(10)).unwrap();
    TokenProvider::new(http, &server.url(), "test", credential, store).with_poll_timing(
        PollTiming {
            second: Duration::from_millis(10),
        },
    )
}

fn token_json(token: &str, expires_in: u64) -> String {
    format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"{token}"}}"#)
}

#[tokio::test]
async fn tokens_are_cached_per_resource_and_fetched_again_when_they_expire() {
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = issued.clone();
    let server = TestServer::start(move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        Reply::json(200, token_json(&format!("token-{n}"), 1))
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let tokens = provider(&server, support::rig::secret_credential(dir.path()), None);
    let first = tokens.token(GRAPH).await.unwrap();
    assert_eq!(
        tokens.token(GRAPH).await.unwrap().value.expose(),
        first.value.expose(),
        "cached while fresh"
    );
    tokens
        .token("https://api.security.microsoft.com")
        .await
        .unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2, "one token per resource");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        tokens.token(GRAPH).await.unwrap().value.expose(),
        "token-2",
        "an expired token is replaced"
    );
    let form = server.requests()[0].form();
    assert_eq!(form["client_secret"], SECRET);
    assert_eq!(form["client_id"], "app-id");
}

#[tokio::test]
async fn a_refused_sign_in_explains_and_never_echoes_the_secret() {
    let server = TestServer::start(|_| Reply::sample(400, "token-error-scope.json")).await;
    let dir = tempfile::tempdir().unwrap();
    let tokens = provider(&server, support::rig::secret_credential(dir.path()), None);
    let err = tokens.token(GRAPH).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(
        text.contains("invalid_scope") && text.contains("AADSTS70011"),
        "{text}"
    );
    assert!(!text.contains(SECRET), "the secret leaked: {text}");
}

#[tokio::test]
async fn a_secret_file_others_can_read_is_refused_before_any_call() {
    let server = TestServer::start(|_| Reply::sample(200, "token-ok.json")).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret");
    std::fs::write(&path, SECRET).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let credential = Credential::ClientSecret {
        tenant: "t".into(),
        client_id: "c".into(),
        secret: SecretSource::File(path),
    };
    let err = provider(&server, credential, None)
        .token(GRAPH)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("0644") && err.contains("chmod 600"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_certificate_signs_a_ps256_assertion_the_service_can_verify() {
    let server = TestServer::start(|_| Reply::sample(200, "token-ok.json")).await;
    let dir = tempfile::tempdir().unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let key = dir.path().join("key.pem");
    std::fs::copy(data.join("test-only-key.pem"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let credential = Credential::Certificate {
        tenant: "contoso".into(),
        client_id: "app-id".into(),
        certificate: data.join("test-only-cert.pem"),
        private_key: key.clone(),
    };
    provider(&server, credential, None)
        .token(GRAPH)
        .await
        .unwrap();

    let form = server.requests()[0].form();
    assert_eq!(
        form["client_assertion_type"],
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert!(!form.contains_key("client_secret"));
    let jwt = &form["client_assertion"];
    let parts: Vec<&str> = jwt.split('.').collect();
    let header: serde_json::Value = serde_json::from_slice(&B64.decode(parts[0]).unwrap()).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(header["alg"], "PS256");
    let cert =
        rustls_pki_types::CertificateDer::from_pem_file(data.join("test-only-cert.pem")).unwrap();
    let thumbprint = B64.encode(ring::digest::digest(&ring::digest::SHA256, cert.as_ref()));
    assert_eq!(header["x5t#S256"], thumbprint);
    assert_eq!(
        claims["aud"],
        format!("{}/contoso/oauth2/v2.0/token", server.url())
    );
    assert_eq!(
        (claims["iss"].as_str(), claims["sub"].as_str()),
        (Some("app-id"), Some("app-id"))
    );
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(claims["exp"].as_u64().unwrap() > now && claims["nbf"].as_u64().unwrap() <= now);

    let pkcs8 = rustls_pki_types::PrivatePkcs8KeyDer::from_pem_file(&key).unwrap();
    let pair = ring::signature::RsaKeyPair::from_pkcs8(pkcs8.secret_pkcs8_der()).unwrap();
    let public = ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PSS_2048_8192_SHA256,
        pair.public().as_ref(),
    );
    let signed = format!("{}.{}", parts[0], parts[1]);
    public
        .verify(signed.as_bytes(), &B64.decode(parts[2]).unwrap())
        .expect("the signature verifies");
}

#[tokio::test]
async fn device_code_polls_through_pending_and_slow_down_then_keeps_a_private_refresh_token() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counter = polls.clone();
    let server = TestServer::start(move |r| {
        if r.path.ends_with("/devicecode") {
            return Reply::sample(200, "devicecode-ok.json");
        }
        let form = r.form();
        if form["grant_type"] == "refresh_token" {
            assert_eq!(form["refresh_token"], "refresh-1");
            return Reply::json(
                200,
                r#"{"access_token":"xdr-token","expires_in":3599,"refresh_token":"refresh-2"}"#,
            );
        }
        match counter.fetch_add(1, Ordering::SeqCst) {
            0 => Reply::sample(400, "devicecode-pending.json"),
            1 => Reply::sample(400, "devicecode-slow-down.json"),
            2 => Reply::sample(400, "devicecode-pending.json"),
            _ => Reply::json(
                200,
                r#"{"access_token":"graph-token","expires_in":3599,"refresh_token":"refresh-1"}"#,
            ),
        }
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sign-in/test.json");
    let credential = Credential::DeviceCode {
        tenant: "contoso".into(),
        client_id: "public-app".into(),
    };
    let tokens = provider(&server, credential.clone(), Some(store.clone()));
    let mut shown = Vec::new();
    let started = std::time::Instant::now();
    let token = tokens
        .login(GRAPH, &mut |p| shown.push(p.user_code.clone()))
        .await
        .unwrap();
    assert_eq!(token.value.expose(), "graph-token");
    assert_eq!(shown, vec!["FQK5HW3UF"]);
    assert_eq!(polls.load(Ordering::SeqCst), 4);
    let start = server.requests()[0].form();
    assert_eq!(
        start["scope"],
        "https://graph.microsoft.com/.default offline_access"
    );
    // Polls wait 5, 5, then 10 and 10 protocol seconds (10 ms each here) once slow_down added 5:
    // ignoring slow_down would take 200 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "slow_down lengthens the interval: {:?}",
        started.elapsed()
    );
    assert_eq!(
        std::fs::metadata(&store).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // A later process: no prompt, the stored refresh token signs in to another resource.
    let later = provider(&server, credential, Some(store.clone()));
    let xdr = later
        .token("https://api.security.microsoft.com")
        .await
        .unwrap();
    assert_eq!(xdr.value.expose(), "xdr-token");
    assert!(
        std::fs::read_to_string(&store)
            .unwrap()
            .contains("refresh-2"),
        "the rotated refresh token is kept"
    );
}

#[tokio::test]
async fn device_code_stops_on_expiry_and_asks_for_login_when_never_signed_in() {
    let server = TestServer::start(|r| {
        if r.path.ends_with("/devicecode") {
            Reply::sample(200, "devicecode-ok.json")
        } else {
            Reply::sample(400, "devicecode-expired.json")
        }
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let credential = Credential::DeviceCode {
        tenant: "contoso".into(),
        client_id: "public-app".into(),
    };
    let tokens = provider(&server, credential, Some(dir.path().join("s.json")));
    let err = tokens.login(GRAPH, &mut |_| {}).await.unwrap_err();
    assert!(
        matches!(err, AuthError::DeviceCodeEnded(_)) && err.to_string().contains("expired"),
        "{err}"
    );
    let err = tokens.token(GRAPH).await.unwrap_err().to_string();
    assert!(err.contains("kqlhunt login --profile test"), "{err}");
}

#[tokio::test]
async fn azure_cli_tokens_come_from_the_az_command() {
    let server = TestServer::start(|_| Reply::sample(500, "token-ok.json")).await;
    let dir = tempfile::tempdir().unwrap();
    let az = dir.path().join("az");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/az-cli-token.json");
    std::fs::write(
        &az,
        format!(
            "#!/bin/sh\necho \"$@\" > {}/args\ncat {}\n",
            dir.path().display(),
            sample.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let credential = Credential::AzureCli {
        tenant: Some("contoso".into()),
        command: az.display().to_string(),
    };
    let token = provider(&server, credential, None)
        .token("https://api.security.microsoft.com")
        .await
        .unwrap();
    assert!(token.value.expose().starts_with("eyJ0eXAiOiJKV1Qi"));
    assert_eq!(
        token.expires_at,
        UNIX_EPOCH + Duration::from_secs(1_795_683_599)
    );
    let args = std::fs::read_to_string(dir.path().join("args")).unwrap();
    assert_eq!(args.trim(), "account get-access-token --resource https://api.security.microsoft.com --output json --tenant contoso");

    let missing = Credential::AzureCli {
        tenant: None,
        command: dir.path().join("no-az").display().to_string(),
    };
    let err = provider(&server, missing, None)
        .token(GRAPH)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("Install the Azure CLI"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_env_token_is_used_as_given_and_an_expired_one_is_refused() {
    let server = TestServer::start(|_| Reply::sample(500, "token-ok.json")).await;
    let exp = |secs: u64| B64.encode(format!(r#"{{"exp":{secs}}}"#));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Names unique to this test: the environment is shared by the whole test process.
    std::env::set_var(
        "KQLHUNT_TEST_FRESH_TOKEN",
        format!("Bearer h.{}.s", exp(now + 3600)),
    );
    std::env::set_var("KQLHUNT_TEST_STALE_TOKEN", format!("h.{}.s", exp(now - 60)));
    let fresh = Credential::EnvToken {
        variable: "KQLHUNT_TEST_FRESH_TOKEN".into(),
    };
    let token = provider(&server, fresh, None).token(GRAPH).await.unwrap();
    assert_eq!(
        token.value.expose(),
        format!("h.{}.s", exp(now + 3600)),
        "a `Bearer ` prefix is dropped"
    );
    assert_eq!(
        token.expires_at,
        UNIX_EPOCH + Duration::from_secs(now + 3600)
    );
    let stale = Credential::EnvToken {
        variable: "KQLHUNT_TEST_STALE_TOKEN".into(),
    };
    let err = provider(&server, stale, None)
        .token(GRAPH)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("KQLHUNT_TEST_STALE_TOKEN has expired"),
        "{err}"
    );
    assert!(server.requests().is_empty());
}
