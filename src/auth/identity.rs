//! The identity platform's form-encoded endpoints (`/oauth2/v2.0/token`, `/devicecode`).

use serde_json::Value as Json;

use super::{AuthError, Secret};
use crate::results::display::safe_text;

/// A token endpoint's success answer.
pub(crate) struct TokenAnswer {
    pub access_token: Secret,
    pub expires_in: u64,
    pub refresh_token: Option<Secret>,
}

/// Posts a form and returns the JSON answer of a 2xx; anything else becomes
/// [`AuthError::Refused`] with the service's `error` and `error_description`.
pub(crate) async fn post_form(
    http: &reqwest::Client,
    url: &str,
    form: &[(&str, &str)],
) -> Result<Json, AuthError> {
    let network = |e: reqwest::Error| AuthError::Network {
        url: url.to_owned(),
        reason: e.without_url().to_string(),
    };
    let response = http.post(url).form(form).send().await.map_err(network)?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(network)?;
    let json: Option<Json> = serde_json::from_slice(&body).ok();
    if (200..300).contains(&status) {
        return json.ok_or_else(|| AuthError::Refused {
            status,
            error: "not_json".into(),
            description: format!(
                "the answer was not JSON: {}",
                crate::text::first_bytes(&body)
            ),
        });
    }
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(Json::as_str)
            .map(|s| safe_text(s).into_owned())
    };
    Err(AuthError::Refused {
        status,
        error: field("error").unwrap_or_else(|| format!("HTTP {status}")),
        description: field("error_description").unwrap_or_else(|| crate::text::first_bytes(&body)),
    })
}

pub(crate) fn token_answer(json: &Json) -> Result<TokenAnswer, AuthError> {
    let access_token = json
        .get("access_token")
        .and_then(Json::as_str)
        .ok_or_else(|| {
            AuthError::Setup("the token endpoint answered without an access_token".into())
        })?;
    let expires_in = match json.get("expires_in") {
        Some(Json::Number(n)) => n.as_u64().unwrap_or(3599),
        Some(Json::String(s)) => s.parse().unwrap_or(3599),
        _ => 3599,
    };
    Ok(TokenAnswer {
        access_token: Secret::new(access_token),
        expires_in,
        refresh_token: json
            .get("refresh_token")
            .and_then(Json::as_str)
            .map(Secret::new),
    })
}
