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
