//! Sign-in to the Microsoft identity platform: the ways a hunter's app proves itself, and a
//! token cache that refreshes before expiry. Tokens and secrets live in [`Secret`], whose
//! `Debug` and `Display` never show the value.

mod assertion;
mod azure_cli;
mod device_code;
mod error;
mod identity;
mod provider;
mod secret;

pub use device_code::{DeviceCodePrompt, PollTiming};

/// The identity platform's endpoints below a tenant's authority.
pub const TOKEN_PATH: &str = "/oauth2/v2.0/token";
pub const DEVICE_CODE_PATH: &str = "/oauth2/v2.0/devicecode";
pub use error::AuthError;
pub use provider::{AccessToken, Credential, SecretSource, TokenProvider};
pub use secret::Secret;
