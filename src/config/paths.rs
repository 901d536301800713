use std::path::PathBuf;

/// The config folder (profiles, keymap, themes) and the data folder (history, quota ledger,
/// saved sign-ins). `KQLHUNT_CONFIG_DIR` and `KQLHUNT_DATA_DIR` override the platform's.
#[derive(Clone, Debug)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    pub fn discover() -> Result<Paths, super::ConfigError> {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dirs = directories::ProjectDirs::from("", "", "kqlhunt");
        let config_dir = from_env("KQLHUNT_CONFIG_DIR")
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_owned()));
        let data_dir =
            from_env("KQLHUNT_DATA_DIR").or_else(|| dirs.as_ref().map(|d| d.data_dir().to_owned()));
        match (config_dir, data_dir) {
            (Some(config_dir), Some(data_dir)) => Ok(Paths {
                config_dir,
                data_dir,
            }),
            _ => Err(super::ConfigError::NoHome),
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn quota_ledger(&self) -> PathBuf {
        self.data_dir.join("quota.json")
    }

    /// Where a profile's schema fetched from its service is kept, with its age.
    pub fn schema_cache(&self, profile: &str) -> PathBuf {
        self.data_dir
            .join("schema")
            .join(format!("{}.json", file_name(profile)))
    }

    /// Where a device-code profile keeps its refresh token (mode 0600).
    pub fn sign_in_store(&self, profile: &str) -> PathBuf {
        self.data_dir
            .join("sign-in")
            .join(format!("{}.json", file_name(profile)))
    }
}

/// A profile's name as a file name: what is not a letter, digit, `-` or `_` becomes `_`.
fn file_name(profile: &str) -> String {
    profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
