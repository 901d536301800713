//! Builds a client pointed at a [`support::TestServer`] with a client-secret credential.

#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kqlhunt::api::{Cloud, Endpoint, Flavor, HuntingClient, QuotaLedger, QuotaLimits};
use kqlhunt::auth::{Credential, SecretSource, TokenProvider};

use super::{Reply, Request, TestServer};

pub const SECRET: &str = "s3cr3t-client-value-7f2a";
pub const TOKEN: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.";

/// Answers the token endpoint with the sample token and everything else with `api`.
pub fn with_sign_in(
    api: impl Fn(&Request) -> Reply + Send + Sync + 'static,
) -> impl Fn(&Request) -> Reply + Send + Sync {
    move |request| {
        if request.path.ends_with("/oauth2/v2.0/token") {
            Reply::sample(200, "token-ok.json")
        } else {
            api(request)
        }
    }
}

pub fn secret_credential(dir: &Path) -> Credential {
    let path = dir.join("client-secret");
    kqlhunt::files::write_atomic(&path, SECRET.as_bytes(), true).unwrap();
    Credential::ClientSecret {
        tenant: "contoso".into(),
        client_id: "app-id".into(),
        secret: SecretSource::File(path),
    }
}

pub fn client(
    server: &TestServer,
    dir: &Path,
    flavor: Flavor,
    credential: Credential,
    timeout: Duration,
) -> (HuntingClient, Arc<TokenProvider>) {
    let mut endpoint = Endpoint::standard(flavor, Cloud::Public, None).unwrap();
    endpoint.base_url = server.url();
    endpoint.login_url = server.url();
    let http = kqlhunt::http::client(timeout).unwrap();
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        &server.url(),
        "test",
        credential,
        Some(dir.join("sign-in.json")),
    ));
    let (ledger, warning) = QuotaLedger::open(&dir.join("quota.json"));
    assert!(warning.is_none(), "{warning:?}");
    let client = HuntingClient::new(
        http,
        endpoint,
        "contoso",
        tokens.clone(),
        Arc::new(Mutex::new(ledger)),
        QuotaLimits::default(),
        timeout,
    );
    (client, tokens)
}

pub fn secret_client(server: &TestServer, dir: &Path, flavor: Flavor) -> HuntingClient {
    client(
        server,
        dir,
        flavor,
        secret_credential(dir),
        Duration::from_secs(10),
    )
    .0
}
