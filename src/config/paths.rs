use std::path::PathBuf;

/// The config folder (profiles, keymap, themes) and the data folder (history, quota ledger,
/// saved sign-ins). `KQLHUNT_CONFIG_DIR` and `KQLHUNT_DATA_DIR` override the platform's.
#[derive(Clone, Debug)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    pub fn discover() -> Result<Paths, String> {
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
            _ => Err("no home folder found: set KQLHUNT_CONFIG_DIR and KQLHUNT_DATA_DIR".into()),
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn quota_ledger(&self) -> PathBuf {
        self.data_dir.join("quota.json")
    }

    /// Where a device-code profile keeps its refresh token (mode 0600).
    pub fn sign_in_store(&self, profile: &str) -> PathBuf {
        let safe: String = profile
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.data_dir.join("sign-in").join(format!("{safe}.json"))
    }
}
