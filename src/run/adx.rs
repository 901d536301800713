//! Opening an Azure Data Explorer backend: for a profile's cluster and database, or on the
//! demo tenant's cluster. The session opener calls these for a profile whose backend is `adx`.

use std::sync::{Arc, Mutex};

use crate::api::adx::{AdxClient, AdxSettings};
use crate::api::{Cloud, QuotaLedger};
use crate::auth::{Credential, Secret, SecretSource, TokenProvider};
use crate::backend::kept_schema::SchemaKeeper;
use crate::backend::Adx;
use crate::config::{Paths, Profile};
use crate::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET};
use crate::emulator::{Emulator, EmulatorConfig, DEMO_DATABASE};

/// The backend, and what went wrong on the way without stopping it (a ledger set aside).
pub struct Opened {
    pub backend: Adx,
    pub warnings: Vec<String>,
}

/// `database` on `cluster`, signed in as `profile` says (its method, cloud, sign-in host).
pub fn open(
    paths: &Paths,
    name: &str,
    profile: &Profile,
    cluster: &str,
    database: &str,
    verbose: bool,
) -> Result<Opened, String> {
    let in_profile = |e: crate::config::ConfigError| e.in_profile(name).to_string();
    let credential = profile.credential().map_err(in_profile)?;
    let login_url = profile.endpoint().map_err(in_profile)?.login_url;
    let settings = AdxSettings {
        cluster: cluster.to_owned(),
        database: database.to_owned(),
        cloud: profile.cloud,
        timeout: profile.timeout(),
    };
    open_with(paths, name, &login_url, credential, settings, verbose)
        .map_err(|e| format!("profile '{name}': {e}"))
}

fn open_with(
    paths: &Paths,
    name: &str,
    login_url: &str,
    credential: Credential,
    settings: AdxSettings,
    verbose: bool,
) -> Result<Opened, String> {
    let http = crate::http::client(settings.timeout)?;
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        login_url,
        name,
        credential,
        Some(paths.sign_in_store(name)),
    ));
    let (ledger, warning) = QuotaLedger::open(&paths.quota_ledger());
    let client = AdxClient::new(
        http,
        settings,
        tokens,
        Arc::new(Mutex::new(ledger)),
        verbose,
    )?;
    let (kept, unusable) = SchemaKeeper::open(&paths.schema_cache(name), "adx");
    Ok(Opened {
        backend: Adx::new(client, kept),
        warnings: warning.into_iter().chain(unusable).collect(),
    })
}

/// The demo tenant's cluster: an emulator started in this process, signed in to with the
/// built-in app registration, through the same HTTP, sign-in and reading code as a real one.
pub async fn open_demo(paths: &Paths, verbose: bool) -> Result<(Opened, Emulator), String> {
    let emulator = Emulator::start(EmulatorConfig {
        local_copies: crate::engine::LocalCopies::load(&paths.data_dir)?,
        ..EmulatorConfig::default()
    })
    .await?;
    let credential = Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new(DEMO_SECRET)),
    };
    let settings = AdxSettings {
        cluster: emulator.url.clone(),
        database: DEMO_DATABASE.into(),
        cloud: Cloud::Public,
        timeout: std::time::Duration::from_secs(210),
    };
    let opened = open_with(
        paths,
        "demo-adx",
        &emulator.url,
        credential,
        settings,
        verbose,
    )?;
    Ok((opened, emulator))
}
