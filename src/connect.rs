//! Wires a profile to a working client: paths, config, sign-in, the quota ledger.

use std::sync::{Arc, Mutex};

use crate::api::{HuntingClient, QuotaLedger};
use crate::auth::TokenProvider;
use crate::config::{Config, Paths, Profile};

/// A client ready to run queries for one profile.
pub struct Connection {
    pub profile_name: String,
    pub profile: Profile,
    pub client: HuntingClient,
    pub tokens: Arc<TokenProvider>,
    /// Problems met on the way that did not stop it (a ledger set aside).
    pub warnings: Vec<String>,
}

pub fn load_config(paths: &Paths) -> Result<Config, String> {
    Config::load(&paths.config_file())
}

pub fn connect(
    paths: &Paths,
    config: &Config,
    profile: Option<&str>,
) -> Result<Connection, String> {
    let (name, profile) = config.profile(profile)?;
    let profile = profile.clone();
    let endpoint = profile
        .endpoint()
        .map_err(|e| format!("profile '{name}': {e}"))?;
    let credential = profile
        .credential()
        .map_err(|e| format!("profile '{name}': {e}"))?;
    let http = crate::http::client(profile.timeout())?;
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        &endpoint.login_url,
        &name,
        credential,
        Some(paths.sign_in_store(&name)),
    ));
    let (ledger, warning) = QuotaLedger::open(&paths.quota_ledger());
    let client = HuntingClient::new(
        http,
        endpoint,
        &profile.tenant,
        tokens.clone(),
        Arc::new(Mutex::new(ledger)),
        profile.quota.clone(),
        profile.timeout(),
    );
    Ok(Connection {
        profile_name: name,
        profile,
        client,
        tokens,
        warnings: warning.into_iter().collect(),
    })
}
