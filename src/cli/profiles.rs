//! `kqlhunt profiles`: what is configured, and which profile runs by default.

use super::{fail, Exit};
use crate::config::Paths;
use crate::connect::load_config;

pub fn run() -> Exit {
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    let config = match load_config(&paths) {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, e),
    };
    if config.profiles.is_empty() {
        crate::console::outln!(
            "No profiles in {}. See the README (\"Profiles\") to add one.",
            paths.config_file().display()
        );
        return Exit::Ok;
    }
    let default = config.profile(None).ok().map(|(name, _)| name);
    for (name, profile) in &config.profiles {
        let mark = if default.as_deref() == Some(name.as_str()) {
            "*"
        } else {
            " "
        };
        let method = profile
            .credential()
            .map(|c| c.method_name().to_owned())
            .unwrap_or_else(|e| format!("invalid: {e}"));
        let place = profile
            .endpoint()
            .map(|e| e.base_url)
            .unwrap_or_else(|e| format!("invalid: {e}"));
        crate::console::outln!(
            "{mark} {name:<16} {:<10} {:<14} {:<36} {place}",
            profile.flavor.name(),
            method,
            profile.tenant
        );
    }
    Exit::Ok
}
