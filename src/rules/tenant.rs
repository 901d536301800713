//! A connection to a tenant's detection rules: the profile's sign-in, on Microsoft Graph
//! whatever hunting API the profile speaks, or the demo tenant started in this process.

use crate::api::Flavor;
use crate::config::{BackendKind, Paths, Profile};
use crate::connect::{connect_with, load_config};
use crate::emulator::Emulator;
use crate::run::Target;

use super::client::RulesClient;

pub struct Tenant {
    pub client: RulesClient,
    pub profile_name: String,
    /// The demo tenant, alive as long as the connection.
    _emulator: Option<Emulator>,
}

/// Connects to the rules of `target`'s tenant.
pub async fn open(paths: &Paths, target: &Target) -> Result<Tenant, String> {
    if target.demo {
        let (connection, emulator) = crate::connect::demo(paths, Flavor::Graph).await?;
        let client = client_for(&connection.profile, connection.tokens, target.verbose)?;
        return Ok(Tenant {
            client,
            profile_name: connection.profile_name,
            _emulator: Some(emulator),
        });
    }
    let config = load_config(paths).map_err(|e| e.to_string())?;
    let (name, profile) = config
        .profile(target.profile.as_deref())
        .map_err(|e| e.to_string())?;
    if profile.backend != BackendKind::Defender {
        return Err(format!("profile '{name}' queries {}: custom detection rules live in Microsoft Defender XDR; use a Defender profile (--profile NAME)", profile.backend.name()));
    }
    let mut profile = profile.clone();
    // Rules are a Graph API, whichever hunting API the profile runs queries on.
    if !profile.flavor.is_graph() {
        profile.flavor = Flavor::Graph;
        profile.region = None;
    }
    let credential = profile
        .credential()
        .map_err(|e| format!("profile '{name}': {e}"))?;
    let connection = connect_with(paths, &name, profile, credential).map_err(|e| e.to_string())?;
    let client = client_for(&connection.profile, connection.tokens, target.verbose)?;
    Ok(Tenant {
        client,
        profile_name: name,
        _emulator: None,
    })
}

fn client_for(
    profile: &Profile,
    tokens: std::sync::Arc<crate::auth::TokenProvider>,
    verbose: bool,
) -> Result<RulesClient, String> {
    let endpoint = profile.endpoint().map_err(|e| e.to_string())?;
    let http = crate::http::client(profile.timeout())?;
    Ok(RulesClient::new(
        http,
        &endpoint.base_url,
        &endpoint.resource,
        tokens,
        profile.timeout(),
        verbose,
    ))
}
