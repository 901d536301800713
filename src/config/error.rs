//! What is wrong with the configuration, each kind saying what to fix. Callers that branch
//! (is there a config at all? which profile?) match the kinds; everyone else shows the text.
//! No kind holds a value from an `auth` table: a secret pasted there is never repeated.

use std::path::PathBuf;

use super::AuthMethod;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Any other kind, found in the file at `path`.
    #[error("{}: {error}", .path.display())]
    InFile {
        path: PathBuf,
        error: Box<ConfigError>,
    },

    /// The TOML reader's complaint, placed and with the file's values left out.
    #[error("{0}")]
    NotToml(String),

    #[error("profile '{profile}': a client secret does not go in config.toml. Put it in a file only you can read (client_secret_file, chmod 600) or an environment variable (client_secret_env)")]
    SecretInConfig { profile: String },

    #[error("default_profile '{name}' is not among the profiles ({configured})")]
    UnknownDefault { name: String, configured: String },

    #[error("no profile is configured: add one to config.toml (see the README, \"Profiles\"), or try the demo tenant with --demo")]
    NoProfile,

    #[error("several profiles and no default_profile: pick one with --profile ({configured})")]
    SeveralProfiles { configured: String },

    #[error("no profile named '{name}' (configured: {configured})")]
    NoSuchProfile { name: String, configured: String },

    /// Any other kind, found in one profile.
    #[error("profile '{profile}': {error}")]
    InProfile {
        profile: String,
        error: Box<ConfigError>,
    },

    #[error("auth method {method:?} needs client_id (the app registration's id)")]
    NeedsClientId { method: AuthMethod },

    #[error("client-secret needs exactly one of client_secret_env or client_secret_file")]
    SecretSource,

    #[error("certificate needs certificate_file and private_key_file (PEM)")]
    CertificateFiles,

    #[error("{setting} must be the name of an environment variable (letters, digits and _, like CONTOSO_SECRET), not the secret itself; the value is not shown. If a secret was pasted there, it is in config.toml: remove it and consider it exposed")]
    NotAVariable { setting: &'static str },

    /// A setting's value is refused (a URL, a backend's settings, a region), in words that
    /// name the setting.
    #[error("{0}")]
    Setting(String),

    #[error("no home folder found: set KQLHUNT_CONFIG_DIR and KQLHUNT_DATA_DIR")]
    NoHome,
}

impl ConfigError {
    /// This error, said of profile `name`.
    pub fn in_profile(self, name: &str) -> ConfigError {
        ConfigError::InProfile {
            profile: name.to_owned(),
            error: Box::new(self),
        }
    }
}
