//! A session on a tenant: the profile's backend, signed in, or the demo tenant started in this
//! process. Everything that runs queries opens one the same way.

use std::sync::Arc;

use crate::api::Flavor;
use crate::backend::{Backend, Defender};
use crate::config::Paths;
use crate::connect::{connect, load_config};
use crate::emulator::Emulator;

/// Where to run.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// The built-in demo tenant instead of a profile.
    pub demo: bool,
    /// Another Defender API than the profile's.
    pub flavor: Option<Flavor>,
    /// The profile's name; the default profile when `None`.
    pub profile: Option<String>,
    /// Describe every call on stderr (`--verbose`).
    pub verbose: bool,
}

pub struct Session {
    pub profile_name: String,
    pub backend: Arc<dyn Backend>,
    /// Problems met on the way that did not stop it (a quota ledger set aside).
    pub warnings: Vec<String>,
    /// The demo tenant, alive as long as the session.
    _emulator: Option<Emulator>,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The configuration or the profile is wrong: the hunter has something to fix.
    #[error("{0}")]
    Setup(String),
    /// The demo tenant could not start.
    #[error("{0}")]
    Demo(String),
}

/// Opens a session on `target`.
pub async fn open(paths: &Paths, target: &Target) -> Result<Session, SessionError> {
    let flavor = target.flavor;
    let (connection, emulator) = if target.demo {
        let (connection, emulator) = crate::connect::demo(paths, flavor.unwrap_or(Flavor::Graph))
            .await
            .map_err(SessionError::Demo)?;
        (connection, Some(emulator))
    } else {
        let profile = target.profile.as_deref();
        let connection = load_config(paths)
            .and_then(|mut config| {
                if let Some(flavor) = flavor {
                    let (name, _) = config.profile(profile)?;
                    if let Some(p) = config.profiles.get_mut(&name) {
                        p.flavor = flavor;
                    }
                }
                connect(paths, &config, profile)
            })
            .map_err(SessionError::Setup)?;
        (connection, None)
    };
    let client = connection.client.with_verbose(target.verbose);
    Ok(Session {
        profile_name: connection.profile_name,
        backend: Arc::new(Defender::new(client, connection.profile.quota)),
        warnings: connection.warnings,
        _emulator: emulator,
    })
}
