//! A session on a tenant: the profile's backend, signed in, or the demo tenant started in this
//! process. Everything that runs queries opens one the same way.

use std::sync::Arc;

use crate::api::Flavor;
use crate::backend::{Backend, Defender};
use crate::config::{BackendKind, Paths, Service};
use crate::connect::{connect, load_config};
use crate::emulator::Emulator;

/// Where to run.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// The built-in demo tenant instead of a profile.
    pub demo: bool,
    /// Another Defender API than the profile's.
    pub flavor: Option<Flavor>,
    /// Another backend than the profile's (`--backend`); with the demo, which one it speaks.
    pub backend: Option<BackendKind>,
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
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The backend could not be set up on this machine.
    #[error("{0}")]
    Setup(String),
    /// The demo tenant could not start.
    #[error("{0}")]
    Demo(String),
}

impl From<crate::connect::ConnectError> for SessionError {
    fn from(error: crate::connect::ConnectError) -> Self {
        match error {
            crate::connect::ConnectError::Config(e) => SessionError::Config(e),
            crate::connect::ConnectError::Client(e) => SessionError::Setup(e),
        }
    }
}

/// Opens a session on `target`.
pub async fn open(paths: &Paths, target: &Target) -> Result<Session, SessionError> {
    if target.demo {
        return open_demo(paths, target).await;
    }
    let profile = target.profile.as_deref();
    let mut config = load_config(paths)?;
    let (name, _) = config.profile(profile)?;
    if let Some(p) = config.profiles.get_mut(&name) {
        if let Some(flavor) = target.flavor {
            p.flavor = flavor;
        }
        if let Some(backend) = target.backend {
            p.backend = backend;
        }
    }
    let (name, chosen) = config.profile(Some(&name))?;
    let in_profile = |e: crate::config::ConfigError| SessionError::Config(e.in_profile(&name));
    match chosen.service().map_err(in_profile)? {
        Service::Defender => {
            let connection = connect(paths, &config, Some(&name))?;
            let client = connection.client.with_verbose(target.verbose);
            Ok(Session {
                profile_name: connection.profile_name,
                backend: Arc::new(Defender::new(client, connection.profile.quota)),
                warnings: connection.warnings,
                _emulator: None,
            })
        }
        Service::LogAnalytics { workspace, more } => {
            let credential = chosen.credential().map_err(in_profile)?;
            let (backend, mut warnings) = super::open_workspace(
                paths,
                &name,
                chosen,
                credential,
                &workspace,
                &more,
                target.verbose,
            )
            .map_err(SessionError::Setup)?;
            with_kept_schema(&backend, &mut warnings).await;
            Ok(Session {
                profile_name: name.clone(),
                backend: Arc::new(backend),
                warnings,
                _emulator: None,
            })
        }
        Service::Adx { cluster, database } => {
            let opened =
                super::adx::open(paths, &name, chosen, &cluster, &database, target.verbose)
                    .map_err(SessionError::Setup)?;
            let super::adx::Opened {
                backend,
                mut warnings,
            } = opened;
            with_kept_schema(&backend, &mut warnings).await;
            Ok(Session {
                profile_name: name.clone(),
                backend: Arc::new(backend),
                warnings,
                _emulator: None,
            })
        }
    }
}

async fn open_demo(paths: &Paths, target: &Target) -> Result<Session, SessionError> {
    match target.backend.unwrap_or_default() {
        BackendKind::Defender => {
            let flavor = target.flavor.unwrap_or(Flavor::Graph);
            let (connection, emulator) = crate::connect::demo(paths, flavor)
                .await
                .map_err(SessionError::Demo)?;
            let client = connection.client.with_verbose(target.verbose);
            Ok(Session {
                profile_name: connection.profile_name,
                backend: Arc::new(Defender::new(client, connection.profile.quota)),
                warnings: connection.warnings,
                _emulator: Some(emulator),
            })
        }
        BackendKind::LogAnalytics => {
            let (backend, mut warnings, emulator) =
                crate::connect::demo_workspace(paths, target.verbose)
                    .await
                    .map_err(SessionError::Demo)?;
            with_kept_schema(&backend, &mut warnings).await;
            Ok(Session {
                profile_name: "demo".into(),
                backend: Arc::new(backend),
                warnings,
                _emulator: Some(emulator),
            })
        }
        BackendKind::Adx => {
            let (opened, emulator) = super::adx::open_demo(paths, target.verbose)
                .await
                .map_err(SessionError::Demo)?;
            let super::adx::Opened {
                backend,
                mut warnings,
            } = opened;
            with_kept_schema(&backend, &mut warnings).await;
            Ok(Session {
                profile_name: "demo".into(),
                backend: Arc::new(backend),
                warnings,
                _emulator: Some(emulator),
            })
        }
    }
}

/// The service's tables and columns, asked for once when the profile has none kept (after
/// that, `kqlhunt schema --refresh` asks again), so completion and diagnostics know them; a
/// failure is a warning, and the session still opens.
async fn with_kept_schema(backend: &dyn Backend, warnings: &mut Vec<String>) {
    let Some(keeper) = backend.kept_schema() else {
        return;
    };
    if keeper.kept().is_some() {
        return;
    }
    let cancel = tokio_util::sync::CancellationToken::new();
    if let Err(e) = crate::backend::kept_schema::refresh(backend, &cancel).await {
        warnings.push(format!(
            "the service's schema could not be read ({e}); completion knows only the built-in tables"
        ));
    }
}
