//! Where kqlhunt keeps its files, and the profiles that say which tenant to hunt in and how.

mod advice;
mod error;
mod parse_error;
mod paths;
mod profile;
mod rules;
mod service;
mod settings;
mod urls;

pub use advice::Advice;
pub use error::ConfigError;
pub use paths::Paths;
pub use profile::{AuthConfig, AuthMethod, Config, Profile};
pub use rules::RulesSettings;
pub use service::{BackendKind, Service};
pub use settings::{ChartSettings, EditorSettings, WorkbenchSettings};
pub use urls::checked_url;
