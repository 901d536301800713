//! Wires a profile to a working client: paths, config, sign-in, the quota ledger.

use std::sync::{Arc, Mutex};

use crate::api::{Flavor, HuntingClient, QuotaLedger};
use crate::auth::{Credential, Secret, SecretSource, TokenProvider};
use crate::config::{Config, ConfigError, Paths, Profile};
use crate::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET};
use crate::emulator::{Emulator, EmulatorConfig};

/// A client ready to run queries for one profile.
pub struct Connection {
    pub profile_name: String,
    pub profile: Profile,
    pub client: HuntingClient,
    pub tokens: Arc<TokenProvider>,
    /// Problems met on the way that did not stop it (a ledger set aside).
    pub warnings: Vec<String>,
}

/// Why a profile could not be connected: the hunter's configuration, or the machine.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The HTTP client could not be built (no usable TLS roots, for one).
    #[error("{0}")]
    Client(String),
}

pub fn load_config(paths: &Paths) -> Result<Config, ConfigError> {
    Config::load(&paths.config_file())
}

pub fn connect(
    paths: &Paths,
    config: &Config,
    profile: Option<&str>,
) -> Result<Connection, ConnectError> {
    let (name, profile) = config.profile(profile)?;
    let credential = profile.credential().map_err(|e| e.in_profile(&name))?;
    connect_with(paths, &name, profile.clone(), credential)
}

/// A client for a profile whose credential is already known.
pub fn connect_with(
    paths: &Paths,
    name: &str,
    profile: Profile,
    credential: Credential,
) -> Result<Connection, ConnectError> {
    let endpoint = profile.endpoint().map_err(|e| e.in_profile(name))?;
    let http = crate::http::client(profile.timeout()).map_err(ConnectError::Client)?;
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        &endpoint.login_url,
        name,
        credential,
        Some(paths.sign_in_store(name)),
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
        profile_name: name.to_owned(),
        profile,
        client,
        tokens,
        warnings: warning.into_iter().collect(),
    })
}

/// The demo tenant: an emulator started in this process, and a client signed in to it with
/// the built-in app registration, through the same HTTP, sign-in and parsing code as a real
/// tenant.
pub async fn demo(paths: &Paths, flavor: Flavor) -> Result<(Connection, Emulator), String> {
    let emulator = Emulator::start(EmulatorConfig {
        local_copies: crate::engine::LocalCopies::load(&paths.data_dir)?,
        rules_file: Some(demo_rules_file(paths)),
        ..EmulatorConfig::default()
    })
    .await?;
    let text = format!(
        "[profiles.demo]\ntenant = \"demo\"\nflavor = \"{}\"\nbase_url = \"{url}\"\nlogin_url = \"{url}\"\n[profiles.demo.auth]\nmethod = \"client-secret\"\nclient_id = \"{DEMO_CLIENT_ID}\"\nclient_secret_env = \"unused\"\n",
        flavor.name(),
        url = emulator.url
    );
    let config = Config::parse(&text).map_err(|e| e.to_string())?;
    let (_, profile) = config.profile(Some("demo")).map_err(|e| e.to_string())?;
    let credential = Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new(DEMO_SECRET)),
    };
    let connection =
        connect_with(paths, "demo", profile.clone(), credential).map_err(|e| e.to_string())?;
    Ok((connection, emulator))
}

/// Where the demo tenant keeps the custom detection rules pushed to it.
pub fn demo_rules_file(paths: &Paths) -> std::path::PathBuf {
    paths
        .data_dir
        .join("demo-tenant")
        .join("detection-rules.json")
}

/// The demo tenant's Log Analytics workspace: the same emulator, data and sign-in, spoken
/// through the workspace API.
pub async fn demo_workspace(
    paths: &Paths,
    verbose: bool,
) -> Result<(crate::backend::LogAnalytics, Vec<String>, Emulator), String> {
    use crate::emulator::workspace::DEMO_WORKSPACE;
    let emulator = Emulator::start(EmulatorConfig {
        local_copies: crate::engine::LocalCopies::load(&paths.data_dir)?,
        ..EmulatorConfig::default()
    })
    .await?;
    let text = format!(
        "[profiles.demo]\ntenant = \"demo\"\nbackend = \"log-analytics\"\nworkspaces = [\"{DEMO_WORKSPACE}\"]\nbase_url = \"{url}\"\nlogin_url = \"{url}\"\n[profiles.demo.auth]\nmethod = \"client-secret\"\nclient_id = \"{DEMO_CLIENT_ID}\"\nclient_secret_env = \"unused\"\n",
        url = emulator.url
    );
    let config = Config::parse(&text).map_err(|e| e.to_string())?;
    let (_, profile) = config.profile(Some("demo")).map_err(|e| e.to_string())?;
    let credential = Credential::ClientSecret {
        tenant: "demo".into(),
        client_id: DEMO_CLIENT_ID.into(),
        secret: SecretSource::Value(Secret::new(DEMO_SECRET)),
    };
    let (backend, warnings) = crate::run::open_workspace(
        paths,
        "demo",
        profile,
        credential,
        DEMO_WORKSPACE,
        &[],
        verbose,
    )?;
    Ok((backend, warnings, emulator))
}
