//! `[advice]` in config.toml: which pieces of the editor's advice the hunter keeps.

use serde::Deserialize;

/// Which pieces of advice to give (`[advice]` in config.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Advice {
    pub time_filter: bool,
    pub has_over_contains: bool,
    pub join_kind: bool,
    pub scoped_search: bool,
}

impl Default for Advice {
    fn default() -> Self {
        Advice {
            time_filter: true,
            has_over_contains: true,
            join_kind: true,
            scoped_search: true,
        }
    }
}
