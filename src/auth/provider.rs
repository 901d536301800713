//! One profile's way of getting tokens, with a cache per resource that refreshes early.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;

use super::assertion::CertificateKey;
use super::device_code::{self, DeviceCodePrompt, PollTiming};
use super::identity::{post_form, token_answer, TokenAnswer};
use super::{azure_cli, AuthError, Secret};
use crate::outside_time;

/// Where a client secret comes from. Never the config file itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretSource {
    /// An environment variable's name.
    Env(String),
    /// A file readable by its owner only.
    File(PathBuf),
    /// Held in memory: the demo tenant's built-in app registration.
    Value(Secret),
}

/// How an app proves who it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    ClientSecret {
        tenant: String,
        client_id: String,
        secret: SecretSource,
    },
    Certificate {
        tenant: String,
        client_id: String,
        certificate: PathBuf,
        private_key: PathBuf,
    },
    /// Delegated sign-in by a person, kept alive with a refresh token stored 0600.
    DeviceCode { tenant: String, client_id: String },
    AzureCli {
        tenant: Option<String>,
        command: String,
    },
    /// A bearer token handed over in an environment variable.
    EnvToken { variable: String },
}

impl Credential {
    pub fn method_name(&self) -> &'static str {
        match self {
            Credential::ClientSecret { .. } => "client-secret",
            Credential::Certificate { .. } => "certificate",
            Credential::DeviceCode { .. } => "device-code",
            Credential::AzureCli { .. } => "azure-cli",
            Credential::EnvToken { .. } => "env-token",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AccessToken {
    pub value: Secret,
    pub expires_at: SystemTime,
    pub fetched_at: SystemTime,
}

impl AccessToken {
    /// A token the identity platform says lives `seconds` (an untrusted number).
    fn new(value: Secret, seconds: u64) -> AccessToken {
        let now = SystemTime::now();
        AccessToken {
            value,
            expires_at: outside_time::token_expiry_in(now, seconds),
            fetched_at: now,
        }
    }

    /// Fresh until five minutes (or a tenth of its life, if shorter) before it expires, so a
    /// query never starts with a token about to lapse.
    pub fn is_fresh(&self, now: SystemTime) -> bool {
        let life = self
            .expires_at
            .duration_since(self.fetched_at)
            .unwrap_or_default();
        let margin = (life / 10).min(Duration::from_secs(300));
        self.expires_at
            .duration_since(now)
            .is_ok_and(|left| left > margin)
    }
}

pub struct TokenProvider {
    http: reqwest::Client,
    login_url: String,
    profile: String,
    credential: Credential,
    refresh_store: Option<PathBuf>,
    timing: PollTiming,
    certificate: OnceLock<CertificateKey>,
    cache: Mutex<HashMap<String, AccessToken>>,
}

impl TokenProvider {
    /// `refresh_store` is where a device-code sign-in keeps its refresh token (mode 0600).
    pub fn new(
        http: reqwest::Client,
        login_url: &str,
        profile: &str,
        credential: Credential,
        refresh_store: Option<PathBuf>,
    ) -> TokenProvider {
        TokenProvider {
            http,
            login_url: login_url.trim_end_matches('/').to_owned(),
            profile: profile.to_owned(),
            credential,
            refresh_store,
            timing: PollTiming::default(),
            certificate: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn with_poll_timing(mut self, timing: PollTiming) -> TokenProvider {
        self.timing = timing;
        self
    }

    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    fn authority(&self, tenant: &str) -> String {
        format!("{}/{tenant}", self.login_url)
    }

    /// A token for `resource` (`https://graph.microsoft.com`), from the cache while fresh.
    pub async fn token(&self, resource: &str) -> Result<AccessToken, AuthError> {
        if let Some(token) = self.cached(resource) {
            return Ok(token);
        }
        let token = self.acquire(resource).await?;
        self.lock().insert(resource.to_owned(), token.clone());
        Ok(token)
    }

    /// Forgets a token the API refused, so the next call fetches a new one.
    pub fn invalidate(&self, resource: &str) {
        self.lock().remove(resource);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, AccessToken>> {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn cached(&self, resource: &str) -> Option<AccessToken> {
        self.lock()
            .get(resource)
            .filter(|t| t.is_fresh(SystemTime::now()))
            .cloned()
    }

    async fn acquire(&self, resource: &str) -> Result<AccessToken, AuthError> {
        let scope = format!("{}/.default", resource.trim_end_matches('/'));
        match &self.credential {
            Credential::ClientSecret {
                tenant,
                client_id,
                secret,
            } => {
                let secret = read_secret(secret)?;
                let form = [
                    ("grant_type", "client_credentials"),
                    ("client_id", client_id.as_str()),
                    ("client_secret", secret.expose()),
                    ("scope", scope.as_str()),
                ];
                self.exchange(tenant, &form)
                    .await
                    .map(|a| AccessToken::new(a.access_token, a.expires_in))
            }
            Credential::Certificate {
                tenant,
                client_id,
                certificate,
                private_key,
            } => {
                let key = match self.certificate.get() {
                    Some(key) => key,
                    None => {
                        let loaded = CertificateKey::load(certificate, private_key)?;
                        self.certificate.get_or_init(|| loaded)
                    }
                };
                let token_url = format!("{}{}", self.authority(tenant), super::TOKEN_PATH);
                let assertion = key.assertion(client_id, &token_url)?;
                let form = [
                    ("grant_type", "client_credentials"),
                    ("client_id", client_id.as_str()),
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ),
                    ("client_assertion", assertion.expose()),
                    ("scope", scope.as_str()),
                ];
                self.exchange(tenant, &form)
                    .await
                    .map(|a| AccessToken::new(a.access_token, a.expires_in))
            }
            Credential::DeviceCode { tenant, client_id } => {
                let Some(refresh) = self.load_refresh_token()? else {
                    return Err(AuthError::LoginRequired {
                        profile: self.profile.clone(),
                    });
                };
                let scope = format!("{scope} offline_access");
                let form = [
                    ("grant_type", "refresh_token"),
                    ("client_id", client_id.as_str()),
                    ("refresh_token", refresh.expose()),
                    ("scope", scope.as_str()),
                ];
                let answer = match self.exchange(tenant, &form).await {
                    Err(AuthError::Refused { error, .. }) if error == "invalid_grant" => {
                        return Err(AuthError::LoginRequired {
                            profile: self.profile.clone(),
                        })
                    }
                    other => other?,
                };
                self.keep(answer)
            }
            Credential::AzureCli { tenant, command } => {
                let (value, expires_at) =
                    azure_cli::token(command, resource, tenant.as_deref()).await?;
                Ok(AccessToken {
                    value,
                    expires_at,
                    fetched_at: SystemTime::now(),
                })
            }
            Credential::EnvToken { variable } => env_token(variable),
        }
    }

    async fn exchange(
        &self,
        tenant: &str,
        form: &[(&str, &str)],
    ) -> Result<TokenAnswer, AuthError> {
        let url = format!("{}{}", self.authority(tenant), super::TOKEN_PATH);
        let json = post_form(&self.http, &url, form).await?;
        token_answer(&json)
    }

    /// The interactive sign-in for device-code profiles; for the others, a token fetch that
    /// proves the credentials work.
    pub async fn login(
        &self,
        resource: &str,
        prompt: &mut (dyn FnMut(&DeviceCodePrompt) + Send),
    ) -> Result<AccessToken, AuthError> {
        let Credential::DeviceCode { tenant, client_id } = &self.credential else {
            self.invalidate(resource);
            return self.token(resource).await;
        };
        let scope = format!("{}/.default offline_access", resource.trim_end_matches('/'));
        let answer = device_code::sign_in(
            &self.http,
            &self.authority(tenant),
            client_id,
            &scope,
            self.timing,
            prompt,
        )
        .await?;
        let token = self.keep(answer)?;
        self.lock().insert(resource.to_owned(), token.clone());
        Ok(token)
    }

    /// Saves a rotated refresh token and returns the access token.
    fn keep(&self, answer: TokenAnswer) -> Result<AccessToken, AuthError> {
        if let (Some(refresh), Some(path)) = (&answer.refresh_token, &self.refresh_store) {
            let json = serde_json::json!({ "refresh_token": refresh.expose() });
            crate::files::write_atomic(path, json.to_string().as_bytes(), true).map_err(|e| {
                AuthError::Setup(format!(
                    "could not save the sign-in to {}: {e}",
                    path.display()
                ))
            })?;
        }
        Ok(AccessToken::new(answer.access_token, answer.expires_in))
    }

    fn load_refresh_token(&self) -> Result<Option<Secret>, AuthError> {
        let Some(path) = &self.refresh_store else {
            return Ok(None);
        };
        if !path.exists() {
            return Ok(None);
        }
        crate::files::check_private(path).map_err(AuthError::Setup)?;
        let text = std::fs::read(path)
            .map_err(|e| AuthError::Setup(format!("cannot read {}: {e}", path.display())))?;
        let json: serde_json::Value = serde_json::from_slice(&text).map_err(|_| {
            AuthError::Setup(format!(
                "{} is damaged: delete it and run `kqlhunt login`",
                path.display()
            ))
        })?;
        Ok(json
            .get("refresh_token")
            .and_then(|t| t.as_str())
            .map(Secret::new))
    }
}

fn read_secret(source: &SecretSource) -> Result<Secret, AuthError> {
    match source {
        SecretSource::Env(name) => match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => Ok(Secret::new(value.trim())),
            _ => Err(AuthError::Setup(format!(
                "the client secret's environment variable {name} is not set"
            ))),
        },
        SecretSource::Value(secret) => Ok(secret.clone()),
        SecretSource::File(path) => {
            crate::files::check_private(path).map_err(AuthError::Setup)?;
            let text = std::fs::read_to_string(path).map_err(|e| {
                AuthError::Setup(format!(
                    "cannot read the client secret file {}: {e}",
                    path.display()
                ))
            })?;
            Ok(Secret::new(text.trim()))
        }
    }
}

/// A token from the environment; its `exp` claim, when readable, says when it lapses.
fn env_token(variable: &str) -> Result<AccessToken, AuthError> {
    let value = std::env::var(variable)
        .ok()
        .map(|v| v.trim().trim_start_matches("Bearer ").to_owned())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            AuthError::Setup(format!(
                "the environment variable {variable} holds no token"
            ))
        })?;
    let now = SystemTime::now();
    let expires_at = jwt_expiry(&value, now).unwrap_or(now + Duration::from_secs(3600));
    if expires_at <= now {
        return Err(AuthError::Setup(format!(
            "the token in {variable} has expired: fetch a new one"
        )));
    }
    Ok(AccessToken {
        value: Secret::new(value),
        expires_at,
        fetched_at: now,
    })
}

fn jwt_expiry(token: &str, now: SystemTime) -> Option<SystemTime> {
    let claims = B64
        .decode(token.split('.').nth(1)?.trim_end_matches('='))
        .ok()?;
    let exp = serde_json::from_slice::<serde_json::Value>(&claims)
        .ok()?
        .get("exp")?
        .as_u64()?;
    Some(outside_time::token_expiry_at(now, exp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn tokens_refresh_before_they_lapse() {
        let now = SystemTime::now();
        let hour = AccessToken {
            value: Secret::new("t"),
            expires_at: now + Duration::from_secs(3600),
            fetched_at: now,
        };
        assert!(hour.is_fresh(now));
        assert!(
            !hour.is_fresh(now + Duration::from_secs(3400)),
            "within five minutes of expiry"
        );
        let short = AccessToken {
            value: Secret::new("t"),
            expires_at: now + Duration::from_secs(10),
            fetched_at: now,
        };
        assert!(short.is_fresh(now + Duration::from_secs(8)));
        assert!(!short.is_fresh(now + Duration::from_secs(10)));
    }

    #[test]
    fn env_tokens_read_their_expiry() {
        let claims = B64.encode(r#"{"aud":"x","exp":4102444800}"#);
        let now = UNIX_EPOCH + Duration::from_secs(4_102_440_000);
        assert_eq!(
            jwt_expiry(&format!("h.{claims}.s"), now),
            Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800))
        );
        assert_eq!(jwt_expiry("not-a-jwt", now), None);
    }
}
