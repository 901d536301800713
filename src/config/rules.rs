//! `[rules]` in config.toml: where custom detection rule files live.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RulesSettings {
    /// A folder of rule files (a git checkout, say); `rules/` in the data folder when unset.
    /// A relative path is taken from the config folder.
    pub folder: Option<PathBuf>,
}

impl RulesSettings {
    /// The rules folder for this config.
    pub fn folder(&self, paths: &super::Paths) -> PathBuf {
        match &self.folder {
            Some(folder) if folder.is_absolute() => folder.clone(),
            Some(folder) => paths.config_dir.join(folder),
            None => paths.data_dir.join("rules"),
        }
    }

    /// The same, from the config on disk (the default when there is none).
    pub fn discover(paths: &super::Paths) -> Result<PathBuf, super::ConfigError> {
        super::Config::load(&paths.config_file()).map(|c| c.rules.folder(paths))
    }
}
