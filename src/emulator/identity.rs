//! The identity platform, emulated: client credentials (secret or JWT assertion), device code
//! with refresh tokens, and the checks the hunting APIs make of a bearer token.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use serde_json::Value as Json;

/// The demo tenant's app registrations.
pub const DEMO_CLIENT_ID: &str = "00000000-0000-4000-8000-00000000d3e0";
pub const DEMO_SECRET: &str = "kqlhunt-demo-secret";
/// A registration without the hunting permissions: its calls get 403.
pub const NO_ROLES_CLIENT_ID: &str = "00000000-0000-4000-8000-0000000000ff";
/// A registration granted only `CustomDetection.Read.All`: it lists rules, and changing one
/// gets 403.
pub const RULES_READER_CLIENT_ID: &str = "00000000-0000-4000-8000-0000000000ee";
/// A public client for the device code flow.
pub const PUBLIC_CLIENT_ID: &str = "00000000-0000-4000-8000-00000000c0de";

#[derive(Clone, Debug)]
struct Issued {
    tenant: String,
    resource: String,
    client_id: String,
    expires: Instant,
}

#[derive(Clone, Debug)]
struct Pending {
    client_id: String,
    tenant: String,
    scope: String,
    polls: u32,
    expires: Instant,
}

/// Issued tokens and pending device codes.
#[derive(Default)]
pub struct Identity {
    tokens: HashMap<String, Issued>,
    refresh: HashMap<String, (String, String)>,
    devices: HashMap<String, Pending>,
    counter: u64,
    pub issued_count: u64,
}

/// An OAuth error answer: status and body.
pub type OAuthReply = (u16, String);

fn oauth_error(status: u16, error: &str, description: &str) -> OAuthReply {
    (status, serde_json::json!({ "error": error, "error_description": description, "error_codes": [70000] }).to_string())
}

/// The resource a `.default` scope names: `https://graph.microsoft.com/.default` → the host.
fn resource_of(scope: &str) -> Option<String> {
    scope
        .split_whitespace()
        .find_map(|s| s.strip_suffix("/.default"))
        .map(|r| r.trim_end_matches('/').to_owned())
}

impl Identity {
    fn mint(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        format!("{prefix}.{:x}{:06x}", nanos, self.counter)
    }

    fn issue(
        &mut self,
        tenant: &str,
        client_id: &str,
        resource: String,
        lifetime: Duration,
        revoked_after: Option<Duration>,
        with_refresh: bool,
    ) -> OAuthReply {
        let token = self.mint("demo-access");
        let live = revoked_after.unwrap_or(lifetime).min(lifetime);
        self.tokens.insert(
            token.clone(),
            Issued {
                tenant: tenant.into(),
                resource,
                client_id: client_id.into(),
                expires: Instant::now() + live,
            },
        );
        self.issued_count += 1;
        let mut body = serde_json::json!({ "token_type": "Bearer", "expires_in": lifetime.as_secs(), "ext_expires_in": lifetime.as_secs(), "access_token": token });
        if with_refresh {
            let refresh = self.mint("demo-refresh");
            self.refresh
                .insert(refresh.clone(), (tenant.into(), client_id.into()));
            body["refresh_token"] = refresh.into();
        }
        (200, body.to_string())
    }

    /// `POST /{tenant}/oauth2/v2.0/token`.
    pub fn token(
        &mut self,
        tenant: &str,
        token_url: &str,
        form: &HashMap<String, String>,
        lifetime: Duration,
        revoked_after: Option<Duration>,
    ) -> OAuthReply {
        let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
        let client_id = get("client_id");
        match get("grant_type") {
            "client_credentials" => {
                if ![DEMO_CLIENT_ID, NO_ROLES_CLIENT_ID, RULES_READER_CLIENT_ID]
                    .contains(&client_id)
                {
                    return oauth_error(400, "unauthorized_client", &format!("AADSTS700016: Application with identifier '{client_id}' was not found in the directory '{tenant}'."));
                }
                let secret_ok = get("client_secret") == DEMO_SECRET;
                let assertion_ok = get("client_assertion_type")
                    == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                    && assertion_fits(get("client_assertion"), client_id, token_url);
                if !secret_ok && !assertion_ok {
                    return oauth_error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
                }
                let Some(resource) = resource_of(get("scope")) else {
                    return oauth_error(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
                };
                self.issue(tenant, client_id, resource, lifetime, revoked_after, false)
            }
            "urn:ietf:params:oauth:grant-type:device_code" => {
                let code = get("device_code").to_owned();
                let Some(pending) = self.devices.get_mut(&code) else {
                    return oauth_error(
                        400,
                        "bad_verification_code",
                        "AADSTS70019: Verification code expired or not recognised.",
                    );
                };
                if Instant::now() > pending.expires {
                    self.devices.remove(&code);
                    return oauth_error(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
                }
                pending.polls += 1;
                // The demo user "signs in" while kqlhunt waits: the first poll is pending.
                if pending.polls < 2 {
                    return oauth_error(400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                }
                let pending = self
                    .devices
                    .remove(&code)
                    .unwrap_or_else(|| unreachable!("checked above"));
                let Some(resource) = resource_of(&pending.scope) else {
                    return oauth_error(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
                };
                self.issue(
                    &pending.tenant,
                    &pending.client_id,
                    resource,
                    lifetime,
                    revoked_after,
                    pending.scope.contains("offline_access"),
                )
            }
            "refresh_token" => {
                let Some((token_tenant, owner)) = self.refresh.remove(get("refresh_token")) else {
                    return oauth_error(400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or been revoked.");
                };
                if owner != client_id || token_tenant != tenant {
                    return oauth_error(400, "invalid_grant", "AADSTS700024: The refresh token was issued to a different client or tenant.");
                }
                let Some(resource) = resource_of(get("scope")) else {
                    return oauth_error(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
                };
                self.issue(tenant, client_id, resource, lifetime, revoked_after, true)
            }
            other => oauth_error(
                400,
                "unsupported_grant_type",
                &format!("AADSTS70003: The app requested an unsupported grant type '{other}'."),
            ),
        }
    }

    /// `POST /{tenant}/oauth2/v2.0/devicecode`.
    pub fn device_code(&mut self, tenant: &str, form: &HashMap<String, String>) -> OAuthReply {
        let client_id = form.get("client_id").cloned().unwrap_or_default();
        if client_id != PUBLIC_CLIENT_ID {
            return oauth_error(400, "invalid_client", "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'. Use the demo public client for the device code flow.");
        }
        let code = self.mint("demo-device");
        let user_code = format!("DEMO{:05}", self.counter % 100_000);
        self.devices.insert(
            code.clone(),
            Pending {
                client_id,
                tenant: tenant.into(),
                scope: form.get("scope").cloned().unwrap_or_default(),
                polls: 0,
                expires: Instant::now() + Duration::from_secs(900),
            },
        );
        let message = format!("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code {user_code} to authenticate. (Demo tenant: no browser needed, sign-in completes by itself.)");
        (200, serde_json::json!({ "device_code": code, "user_code": user_code, "verification_uri": "https://microsoft.com/devicelogin", "expires_in": 900, "interval": 1, "message": message }).to_string())
    }

    /// The app a bearer token was issued to.
    pub fn client_of(&self, authorization: Option<&str>) -> Option<String> {
        let token = authorization?.strip_prefix("Bearer ")?;
        self.tokens.get(token).map(|t| t.client_id.clone())
    }

    /// Checks a bearer token for an API whose audience is `resource`.
    pub fn check(
        &self,
        authorization: Option<&str>,
        resource: &str,
    ) -> Result<(String, bool), String> {
        let token = authorization
            .and_then(|a| a.strip_prefix("Bearer "))
            .ok_or("Access token is empty.")?;
        let issued = self
            .tokens
            .get(token)
            .ok_or("Access token validation failure. Invalid audience or unknown token.")?;
        if Instant::now() > issued.expires {
            return Err("Lifetime validation failed, the token is expired.".into());
        }
        if issued.resource != resource {
            return Err(format!("Access token validation failure. Invalid audience: the token is for {}, this API is {resource}.", issued.resource));
        }
        Ok((
            issued.tenant.clone(),
            issued.client_id != NO_ROLES_CLIENT_ID,
        ))
    }
}

/// An assertion addressed to this token endpoint by the client itself, not expired. The
/// emulator keeps no certificates, so it checks the claims, not the signature.
fn assertion_fits(jwt: &str, client_id: &str, token_url: &str) -> bool {
    let mut parts = jwt.split('.');
    let (Some(header), Some(claims), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let decode = |p: &str| {
        B64.decode(p)
            .ok()
            .and_then(|b| serde_json::from_slice::<Json>(&b).ok())
    };
    let (Some(header), Some(claims)) = (decode(header), decode(claims)) else {
        return false;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    matches!(header["alg"].as_str(), Some("PS256" | "RS256"))
        && !signature.is_empty()
        && claims["iss"] == client_id
        && claims["sub"] == client_id
        && claims["aud"]
            .as_str()
            .is_some_and(|aud| aud.eq_ignore_ascii_case(token_url))
        && claims["exp"].as_u64().is_some_and(|exp| exp > now)
}
