//! Opens a Log Analytics backend for a profile: the workspace's endpoint in the profile's
//! cloud (or its `base_url`), sign-in for the workspace API's audience, the ledger with Log
//! Analytics' own limits, and the schema kept from the last fetch.

use std::sync::{Arc, Mutex};

use crate::api::log_analytics::{WorkspaceClient, WorkspaceEndpoint};
use crate::api::{QuotaLedger, QuotaLimits};
use crate::auth::{Credential, TokenProvider};
use crate::backend::kept_schema::SchemaKeeper;
use crate::backend::LogAnalytics;
use crate::config::{Paths, Profile};

/// The backend, and what went wrong on the way without stopping it.
pub fn open_workspace(
    paths: &Paths,
    name: &str,
    profile: &Profile,
    credential: Credential,
    workspace: &str,
    more: &[String],
    verbose: bool,
) -> Result<(LogAnalytics, Vec<String>), String> {
    let in_profile = |e: crate::config::ConfigError| e.in_profile(name).to_string();
    let mut endpoint = WorkspaceEndpoint::standard(profile.cloud, workspace, more);
    if let Some(url) = &profile.base_url {
        endpoint.base_url = crate::config::checked_url("base_url", url).map_err(in_profile)?;
    }
    if let Some(resource) = &profile.resource {
        endpoint.resource = resource.trim_end_matches('/').to_owned();
    }
    if let Some(login) = &profile.login_url {
        endpoint.login_url = crate::config::checked_url("login_url", login).map_err(in_profile)?;
    }
    let http = crate::http::client(profile.timeout())?;
    let tokens = Arc::new(TokenProvider::new(
        http.clone(),
        &endpoint.login_url,
        name,
        credential,
        Some(paths.sign_in_store(name)),
    ));
    let (ledger, warning) = QuotaLedger::open(&paths.quota_ledger());
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let client = WorkspaceClient::new(
        http,
        endpoint,
        &profile.tenant,
        tokens,
        Arc::new(Mutex::new(ledger)),
        QuotaLimits::log_analytics(&profile.quota),
        profile.timeout(),
    )
    .with_verbose(verbose);
    let (kept, warning) = SchemaKeeper::open(&paths.schema_cache(name), "log-analytics");
    warnings.extend(warning);
    Ok((LogAnalytics::new(client, kept), warnings))
}
