//! Where kqlhunt keeps its files, and the profiles that say which tenant to hunt in and how.

mod parse_error;
mod paths;
mod profile;
mod urls;

pub use paths::Paths;
pub use profile::{AuthConfig, AuthMethod, Config, EditorSettings, Profile, WorkbenchSettings};
