//! `config.toml`: profiles by name, one of them the default. Secrets are never written here;
//! a profile names the environment variable or the 0600 file that holds them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::{ChartSettings, ConfigError, EditorSettings, WorkbenchSettings};
use crate::api::{Cloud, Endpoint, Flavor, QuotaLimits};
use crate::auth::{Credential, SecretSource};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    #[serde(default)]
    pub workbench: WorkbenchSettings,
    #[serde(default)]
    pub editor: EditorSettings,
    #[serde(default)]
    pub chart: ChartSettings,
    /// `[advice]`: which best-practice hints the editor and `kqlhunt check` give.
    #[serde(default)]
    pub advice: super::Advice,
    /// `[rules]`: where custom detection rule files live.
    #[serde(default)]
    pub rules: super::rules::RulesSettings,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Tenant id or domain (`contoso.onmicrosoft.com`).
    pub tenant: String,
    #[serde(default = "default_flavor")]
    pub flavor: Flavor,
    #[serde(default)]
    pub cloud: Cloud,
    /// Defender regional host (`eu`, `us`, ...); the legacy APIs only.
    pub region: Option<String>,
    /// Replaces the API host entirely (a proxy, a test server).
    pub base_url: Option<String>,
    /// Replaces the token audience.
    pub resource: Option<String>,
    /// Replaces the sign-in host.
    pub login_url: Option<String>,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    pub auth: AuthConfig,
    #[serde(default)]
    pub quota: QuotaLimits,
    /// Which service answers: `defender` (the flavors), `log-analytics` or `adx`.
    #[serde(default)]
    pub backend: super::BackendKind,
    /// log-analytics: the workspace id queried, then any others the query reads too.
    #[serde(default)]
    pub workspaces: Vec<String>,
    /// adx: the cluster's URL and the database.
    pub cluster: Option<String>,
    pub database: Option<String>,
}

impl Profile {
    /// The profile's backend with its own settings, checked.
    pub fn service(&self) -> Result<super::Service, ConfigError> {
        let defender_only: &[&'static str] = if self.region.is_some() {
            &["region"]
        } else {
            &[]
        };
        super::service::ServiceSettings {
            backend: self.backend,
            workspaces: &self.workspaces,
            cluster: self.cluster.as_deref(),
            database: self.database.as_deref(),
            defender_only,
        }
        .check()
    }
}

fn default_flavor() -> Flavor {
    Flavor::Graph
}

fn default_timeout() -> u64 {
    // Graph and XDR stop a query after three minutes; MDE after 200 s.
    210
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    ClientSecret,
    Certificate,
    DeviceCode,
    AzureCli,
    EnvToken,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    pub method: AuthMethod,
    pub client_id: Option<String>,
    pub client_secret_env: Option<String>,
    pub client_secret_file: Option<PathBuf>,
    pub certificate_file: Option<PathBuf>,
    pub private_key_file: Option<PathBuf>,
    /// env-token: the variable holding the bearer token (default `KQLHUNT_TOKEN`).
    pub token_env: Option<String>,
    /// azure-cli: the command to run (default `az`).
    pub az_command: Option<String>,
    /// Present only to be refused with advice: secrets do not belong in config.toml.
    client_secret: Option<toml::Value>,
}

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Unreadable {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        Config::parse(&text).map_err(|error| ConfigError::InFile {
            path: path.to_owned(),
            error: Box::new(error),
        })
    }

    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text)
            .map_err(|e| ConfigError::NotToml(super::parse_error::describe(text, &e)))?;
        if let Some((name, _)) = config
            .profiles
            .iter()
            .find(|(_, p)| p.auth.client_secret.is_some())
        {
            return Err(ConfigError::SecretInConfig {
                profile: name.clone(),
            });
        }
        if let Some(default) = &config.default_profile {
            if !config.profiles.contains_key(default) {
                return Err(ConfigError::UnknownDefault {
                    name: default.clone(),
                    configured: config.names(),
                });
            }
        }
        Ok(config)
    }

    fn names(&self) -> String {
        self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
    }

    /// The named profile, or the default one (the only one, if there is just one).
    pub fn profile(&self, name: Option<&str>) -> Result<(String, &Profile), ConfigError> {
        let name = match name.or(self.default_profile.as_deref()) {
            Some(name) => name.to_owned(),
            None if self.profiles.len() == 1 => {
                self.profiles.keys().next().cloned().unwrap_or_default()
            }
            None if self.profiles.is_empty() => return Err(ConfigError::NoProfile),
            None => {
                return Err(ConfigError::SeveralProfiles {
                    configured: self.names(),
                })
            }
        };
        match self.profiles.get(&name) {
            Some(profile) => Ok((name, profile)),
            None => Err(ConfigError::NoSuchProfile {
                name,
                configured: self.names(),
            }),
        }
    }
}

impl Profile {
    pub fn endpoint(&self) -> Result<Endpoint, ConfigError> {
        let mut endpoint = Endpoint::standard(self.flavor, self.cloud, self.region.as_deref())
            .map_err(ConfigError::Setting)?;
        if let Some(url) = &self.base_url {
            endpoint.base_url = super::urls::checked_url("base_url", url)?;
        }
        if let Some(resource) = &self.resource {
            // A token audience: a name the sign-in host knows, never contacted itself.
            endpoint.resource = resource.trim_end_matches('/').to_owned();
        }
        if let Some(login) = &self.login_url {
            // The client secret and assertions go here.
            endpoint.login_url = super::urls::checked_url("login_url", login)?;
        }
        Ok(endpoint)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_seconds.max(1))
    }

    pub fn credential(&self) -> Result<Credential, ConfigError> {
        let auth = &self.auth;
        let client_id = || {
            auth.client_id.clone().ok_or(ConfigError::NeedsClientId {
                method: auth.method,
            })
        };
        let tenant = self.tenant.clone();
        Ok(match auth.method {
            AuthMethod::ClientSecret => {
                let secret = match (&auth.client_secret_env, &auth.client_secret_file) {
                    (Some(var), None) => {
                        SecretSource::Env(variable_name("client_secret_env", var)?)
                    }
                    (None, Some(file)) => SecretSource::File(expand_home(file)),
                    _ => return Err(ConfigError::SecretSource),
                };
                Credential::ClientSecret {
                    tenant,
                    client_id: client_id()?,
                    secret,
                }
            }
            AuthMethod::Certificate => {
                let (Some(cert), Some(key)) = (&auth.certificate_file, &auth.private_key_file)
                else {
                    return Err(ConfigError::CertificateFiles);
                };
                Credential::Certificate {
                    tenant,
                    client_id: client_id()?,
                    certificate: expand_home(cert),
                    private_key: expand_home(key),
                }
            }
            AuthMethod::DeviceCode => Credential::DeviceCode {
                tenant,
                client_id: client_id()?,
            },
            AuthMethod::AzureCli => Credential::AzureCli {
                tenant: Some(tenant).filter(|t| !t.is_empty()),
                command: auth.az_command.clone().unwrap_or_else(|| "az".into()),
            },
            AuthMethod::EnvToken => Credential::EnvToken {
                variable: match &auth.token_env {
                    Some(var) => variable_name("token_env", var)?,
                    None => "KQLHUNT_TOKEN".into(),
                },
            },
        })
    }
}

/// A setting that names an environment variable. A secret pasted there by mistake must not be
/// echoed back ("the variable Zx8Q~... is not set"), so what is not a variable's name is refused
/// without repeating it.
fn variable_name(setting: &'static str, value: &str) -> Result<String, ConfigError> {
    let is_name = value.len() <= 128
        && value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_name {
        Ok(value.to_owned())
    } else {
        Err(ConfigError::NotAVariable { setting })
    }
}

fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
default_profile = "contoso"

[profiles.contoso]
tenant = "contoso.onmicrosoft.com"
flavor = "xdr"
region = "eu"
[profiles.contoso.auth]
method = "client-secret"
client_id = "11111111-2222-3333-4444-555555555555"
client_secret_env = "CONTOSO_SECRET"
[profiles.contoso.quota]
calls_per_minute = 15

[profiles.lab]
tenant = "lab"
base_url = "http://127.0.0.1:8080"
[profiles.lab.auth]
method = "env-token"
"#;

    #[test]
    fn profiles_resolve_to_endpoints_and_credentials() {
        let config = Config::parse(SAMPLE).unwrap();
        let (name, profile) = config.profile(None).unwrap();
        assert_eq!(name, "contoso");
        assert_eq!(
            profile.endpoint().unwrap().query_url(),
            "https://eu.api.security.microsoft.com/api/advancedhunting/run"
        );
        assert_eq!(profile.quota.calls_per_minute, 15);
        assert_eq!(
            profile.quota.calls_per_hour, 1500,
            "unset limits keep their defaults"
        );
        assert!(
            matches!(profile.credential().unwrap(), Credential::ClientSecret { secret: SecretSource::Env(v), .. } if v == "CONTOSO_SECRET")
        );
        let (_, lab) = config.profile(Some("lab")).unwrap();
        assert_eq!(
            lab.endpoint().unwrap().query_url(),
            "http://127.0.0.1:8080/v1.0/security/runHuntingQuery"
        );
    }

    #[test]
    fn a_profile_names_its_backend_and_its_settings() {
        let text = "[profiles.s]\ntenant = \"t\"\nbackend = \"log-analytics\"\ncloud = \"china\"\nworkspaces = [\"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f\", \"law-eu\"]\n[profiles.s.auth]\nmethod = \"azure-cli\"\n[profiles.a]\ntenant = \"t\"\nbackend = \"adx\"\ncluster = \"https://help.kusto.windows.net\"\ndatabase = \"Samples\"\n[profiles.a.auth]\nmethod = \"azure-cli\"\n";
        let config = Config::parse(text).unwrap();
        let (_, sentinel) = config.profile(Some("s")).unwrap();
        assert!(matches!(
            sentinel.service().unwrap(),
            crate::config::Service::LogAnalytics { more, .. } if more == ["law-eu"]
        ));
        assert!(
            sentinel
                .endpoint()
                .unwrap_err()
                .to_string()
                .contains("21Vianet"),
            "Defender has no China host"
        );
        let (_, adx) = config.profile(Some("a")).unwrap();
        assert!(matches!(
            adx.service().unwrap(),
            crate::config::Service::Adx { .. }
        ));
        let err = Config::parse(&text.replace("\"adx\"", "\"kusto\""))
            .unwrap_err()
            .to_string();
        assert!(err.contains("backend") || err.contains("kusto"), "{err}");
    }

    #[test]
    fn workbench_settings_have_defaults_and_refuse_typos() {
        assert_eq!(Config::parse("").unwrap().workbench.copy_limit_kb, 100);
        assert_eq!(
            Config::parse("[workbench]\ncopy_limit_kb = 50\n")
                .unwrap()
                .workbench
                .copy_limit_kb,
            50
        );
        assert!(Config::parse("[workbench]\ncopy_limt_kb = 50\n")
            .unwrap_err()
            .to_string()
            .contains("copy_limt_kb"));
    }

    #[test]
    fn the_editor_wraps_long_lines_when_the_config_says_so() {
        assert!(!Config::parse("").unwrap().editor.wrap);
        assert!(
            Config::parse("[editor]\nwrap = true\n")
                .unwrap()
                .editor
                .wrap
        );
        assert!(Config::parse("[editor]\nwarp = true\n")
            .unwrap_err()
            .to_string()
            .contains("warp"));
    }

    #[test]
    fn a_secret_pasted_as_a_variable_name_is_refused_unrepeated() {
        let text = SAMPLE.replace("\"CONTOSO_SECRET\"", "\"Zx8Q~abcDEF.ghi_jkl\"");
        let config = Config::parse(&text).unwrap();
        let err = config
            .profile(None)
            .unwrap()
            .1
            .credential()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("name of an environment variable") && !err.contains("Zx8Q"),
            "{err}"
        );
    }

    #[test]
    fn a_config_that_cannot_be_read_never_echoes_its_secret() {
        for broken in [
            "client_secret = Zx8Q~abcDEF.ghi",
            "client_secert = \"Zx8Q~abcDEF.ghi\"",
            "method = \"Zx8Q~abcDEF.ghi\"",
        ] {
            let text = SAMPLE.replace("client_secret_env = \"CONTOSO_SECRET\"", broken);
            let err = Config::parse(&text).unwrap_err().to_string();
            assert!(!err.contains("Zx8Q"), "{broken}: {err}");
            assert!(err.contains("line 11"), "{broken}: {err}");
        }
    }

    #[test]
    fn login_url_is_checked_like_base_url() {
        for bad in ["http://login.example", "http://localhost@192.0.2.2"] {
            let text = SAMPLE.replace(
                "base_url = \"http://127.0.0.1:8080\"",
                &format!("login_url = \"{bad}\""),
            );
            let (_, lab) = Config::parse(&text)
                .unwrap()
                .profile(Some("lab"))
                .map(|(n, p)| (n, p.clone()))
                .unwrap();
            assert!(lab.endpoint().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_secret_in_the_config_is_refused_with_advice() {
        let text = SAMPLE.replace(
            "client_secret_env = \"CONTOSO_SECRET\"",
            "client_secret = \"s3cr3t\"",
        );
        let err = Config::parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("does not go in config.toml") && !err.contains("s3cr3t"),
            "{err}"
        );
    }

    #[test]
    fn typos_and_missing_profiles_say_what_is_wrong() {
        let err = Config::parse(
            "[profiles.x]\ntenant='t'\nflavour='xdr'\n[profiles.x.auth]\nmethod='azure-cli'\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("flavour"), "{err}");
        let config = Config::parse(SAMPLE).unwrap();
        assert!(config
            .profile(Some("nope"))
            .unwrap_err()
            .to_string()
            .contains("contoso, lab"));
        let none = Config::default().profile(None).unwrap_err();
        assert!(matches!(none, ConfigError::NoProfile), "{none}");
        assert!(none.to_string().contains("--demo"));
        let plain = SAMPLE.replace("http://127.0.0.1:8080", "http://proxy.example");
        let (_, lab) = Config::parse(&plain)
            .unwrap()
            .profile(Some("lab"))
            .map(|(n, p)| (n, p.clone()))
            .unwrap();
        assert!(lab.endpoint().unwrap_err().to_string().contains("https"));
    }
}
