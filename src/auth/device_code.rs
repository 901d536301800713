//! The device code flow (RFC 8628): the sign-in that works over SSH. kqlhunt shows a code and
//! a URL, the hunter signs in on any browser, and kqlhunt polls until the service says yes.

use std::time::Duration;

use crate::outside_time::LONGEST_WAIT;

use serde_json::Value as Json;

use super::identity::{post_form, token_answer, TokenAnswer};
use super::AuthError;

/// What the hunter must do, as the service words it.
#[derive(Clone, Debug)]
pub struct DeviceCodePrompt {
    pub user_code: String,
    pub verification_uri: String,
    pub message: String,
    pub expires_in: Duration,
}

/// How long one "second" of the protocol's intervals lasts: one second, except in tests.
#[derive(Clone, Copy, Debug)]
pub struct PollTiming {
    pub second: Duration,
}

impl Default for PollTiming {
    fn default() -> Self {
        PollTiming {
            second: Duration::from_secs(1),
        }
    }
}

pub(crate) async fn sign_in(
    http: &reqwest::Client,
    authority: &str,
    client_id: &str,
    scope: &str,
    timing: PollTiming,
    prompt: &mut (dyn FnMut(&DeviceCodePrompt) + Send),
) -> Result<TokenAnswer, AuthError> {
    let start = post_form(
        http,
        &format!("{authority}{}", super::DEVICE_CODE_PATH),
        &[("client_id", client_id), ("scope", scope)],
    )
    .await?;
    let text = |name: &str| {
        start
            .get(name)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let number =
        |name: &str, default: u64| start.get(name).and_then(Json::as_u64).unwrap_or(default);
    let device_code = text("device_code");
    if device_code.is_empty() {
        return Err(AuthError::Setup(
            "the device code endpoint answered without a device_code".into(),
        ));
    }
    // The service's numbers, checked: a code lives and a poll waits an hour at most.
    let expires_in = number("expires_in", 900).min(LONGEST_WAIT.as_secs());
    let mut interval = number("interval", 5).clamp(1, LONGEST_WAIT.as_secs());
    prompt(&DeviceCodePrompt {
        user_code: text("user_code"),
        verification_uri: text("verification_uri"),
        message: text("message"),
        expires_in: Duration::from_secs(expires_in),
    });
    let token_url = format!("{authority}{}", super::TOKEN_PATH);
    let deadline = tokio::time::Instant::now() + timing.second * expires_in as u32;
    loop {
        tokio::time::sleep(timing.second * interval as u32).await;
        if tokio::time::Instant::now() > deadline {
            return Err(AuthError::DeviceCodeEnded(
                "the code expired before sign-in completed".into(),
            ));
        }
        let answer = post_form(
            http,
            &token_url,
            &[
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("client_id", client_id),
                ("device_code", &device_code),
            ],
        )
        .await;
        match answer {
            Ok(json) => return token_answer(&json),
            Err(AuthError::Refused {
                error, description, ..
            }) => match error.as_str() {
                "authorization_pending" => {}
                "slow_down" => interval = (interval + 5).min(LONGEST_WAIT.as_secs()),
                "authorization_declined" => {
                    return Err(AuthError::DeviceCodeEnded(
                        "the sign-in was declined".into(),
                    ))
                }
                "expired_token" => {
                    return Err(AuthError::DeviceCodeEnded(
                        "the code expired before sign-in completed".into(),
                    ))
                }
                "bad_verification_code" => {
                    return Err(AuthError::DeviceCodeEnded(
                        "the service did not recognise the device code".into(),
                    ))
                }
                _ => {
                    return Err(AuthError::DeviceCodeEnded(format!(
                        "{error}: {description}"
                    )))
                }
            },
            Err(other) => return Err(other),
        }
    }
}
