//! The Graph v1.0 calls on `/security/rules/detectionRules`: list (every page), get, create,
//! update and delete, each answer checked and each refusal in words a detection engineer can
//! act on. Reading needs `CustomDetection.Read.All`, writing `CustomDetection.ReadWrite.All`.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value as Json;
use tokio_util::sync::CancellationToken;

use super::resource::DetectionRule;
use crate::api::ApiError;
use crate::auth::TokenProvider;

pub const PATH: &str = "/v1.0/security/rules/detectionRules";
pub const READ_PERMISSION: &str = "CustomDetection.Read.All";
pub const WRITE_PERMISSION: &str = "CustomDetection.ReadWrite.All";
/// Pages followed at most when listing: far more rules than a tenant holds.
const MAX_PAGES: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("the service refused the rule (HTTP 400 {code}): {message}")]
    Rejected { code: String, message: String },
    #[error("the tenant already has a rule with this id or name (HTTP 409): {message}. Pull the tenant's rules (`kqlhunt rules pull`) or rename this one")]
    Conflict { message: String },
    #[error("no rule {id} in the tenant (HTTP 404): it was deleted, or the id in the file is wrong; pull again (`kqlhunt rules pull`)")]
    NotFound { id: String },
    #[error("access denied (HTTP 403): {message}. The app registration needs the permission {permission} (granted by an admin); delegated sign-ins also need a Defender XDR role that manages detections")]
    Forbidden {
        message: String,
        permission: &'static str,
    },
    #[error(transparent)]
    Api(#[from] ApiError),
}

pub struct RulesClient {
    http: reqwest::Client,
    /// Scheme and host of Graph: `https://graph.microsoft.com`.
    base_url: String,
    resource: String,
    tokens: Arc<TokenProvider>,
    timeout: Duration,
    verbose: bool,
}

impl RulesClient {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        resource: &str,
        tokens: Arc<TokenProvider>,
        timeout: Duration,
        verbose: bool,
    ) -> RulesClient {
        RulesClient {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            resource: resource.to_owned(),
            tokens,
            timeout,
            verbose,
        }
    }

    /// Every rule of the tenant, following `@odata.nextLink`.
    pub async fn list(&self, cancel: &CancellationToken) -> Result<Vec<DetectionRule>, RulesError> {
        let mut url = format!("{}{PATH}", self.base_url);
        let mut rules = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self
                .call(
                    reqwest::Method::GET,
                    &url,
                    None,
                    READ_PERMISSION,
                    "",
                    cancel,
                )
                .await?;
            for json in page["value"].as_array().into_iter().flatten() {
                rules.push(read_rule(json)?);
            }
            match page["@odata.nextLink"].as_str() {
                // Only on the same service: a link elsewhere would carry the token away.
                Some(next) if next.starts_with(&self.base_url) => url = next.to_owned(),
                _ => return Ok(rules),
            }
        }
        Ok(rules)
    }

    pub async fn get(
        &self,
        id: &str,
        cancel: &CancellationToken,
    ) -> Result<DetectionRule, RulesError> {
        let json = self
            .call(
                reqwest::Method::GET,
                &self.rule_url(id),
                None,
                READ_PERMISSION,
                id,
                cancel,
            )
            .await?;
        read_rule(&json)
    }

    /// Creates `rule` under its own id; the answer is the rule as the tenant now holds it.
    pub async fn create(
        &self,
        rule: &DetectionRule,
        cancel: &CancellationToken,
    ) -> Result<DetectionRule, RulesError> {
        let url = format!("{}{PATH}", self.base_url);
        let json = self
            .call(
                reqwest::Method::POST,
                &url,
                Some(rule.create_body()),
                WRITE_PERMISSION,
                &rule.id,
                cancel,
            )
            .await?;
        read_rule(&json)
    }

    /// Changes the fields in `changes` (a PATCH body); the answer is the whole rule.
    pub async fn update(
        &self,
        id: &str,
        changes: Json,
        cancel: &CancellationToken,
    ) -> Result<DetectionRule, RulesError> {
        let json = self
            .call(
                reqwest::Method::PATCH,
                &self.rule_url(id),
                Some(changes),
                WRITE_PERMISSION,
                id,
                cancel,
            )
            .await?;
        read_rule(&json)
    }

    pub async fn delete(&self, id: &str, cancel: &CancellationToken) -> Result<(), RulesError> {
        self.call(
            reqwest::Method::DELETE,
            &self.rule_url(id),
            None,
            WRITE_PERMISSION,
            id,
            cancel,
        )
        .await?;
        Ok(())
    }

    fn rule_url(&self, id: &str) -> String {
        let id: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
        format!("{}{PATH}/{id}", self.base_url)
    }

    async fn call(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<Json>,
        permission: &'static str,
        id: &str,
        cancel: &CancellationToken,
    ) -> Result<Json, RulesError> {
        let first = self
            .attempt(method.clone(), url, body.clone(), permission, id, cancel)
            .await;
        match first {
            // A token the cache thought fresh was refused: fetch a new one, try once more.
            Err(RulesError::Api(ApiError::Unauthorized { .. })) => {
                self.tokens.invalidate(&self.resource);
                self.attempt(method, url, body, permission, id, cancel)
                    .await
            }
            other => other,
        }
    }

    async fn attempt(
        &self,
        method: reqwest::Method,
        url: &str,
        body: Option<Json>,
        permission: &'static str,
        id: &str,
        cancel: &CancellationToken,
    ) -> Result<Json, RulesError> {
        let token = tokio::select! {
            _ = cancel.cancelled() => return Err(ApiError::Cancelled.into()),
            token = self.tokens.token(&self.resource) => token.map_err(ApiError::from)?,
        };
        let call = crate::api::transport::Call {
            method,
            url,
            token: token.value.expose(),
            headers: &[],
            body: body.map(|b| b.to_string()),
            timeout: self.timeout,
            verbose: self.verbose,
        };
        let answered = crate::api::transport::send(&self.http, call, cancel, || {}).await?;
        let json: Json = if answered.body.is_empty() {
            Json::Null
        } else {
            serde_json::from_slice(&answered.body).map_err(|e| ApiError::BadBody {
                status: answered.status,
                detail: format!("not JSON: {e}"),
                first_bytes: crate::text::first_bytes(&answered.body),
            })?
        };
        let status = answered.status;
        if (200..300).contains(&status) {
            return Ok(json);
        }
        let code = json["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let message = crate::results::display::safe_text(
            json["error"]["message"].as_str().unwrap_or("(no message)"),
        )
        .into_owned();
        Err(match status {
            400 => RulesError::Rejected { code, message },
            401 => ApiError::Unauthorized {
                message,
                request_id: None,
            }
            .into(),
            403 => RulesError::Forbidden {
                message,
                permission,
            },
            404 => RulesError::NotFound { id: id.to_owned() },
            409 => RulesError::Conflict { message },
            _ => ApiError::Http {
                status,
                code,
                message,
                request_id: None,
            }
            .into(),
        })
    }
}

fn read_rule(json: &Json) -> Result<DetectionRule, RulesError> {
    DetectionRule::from_json(json).map_err(|e| {
        ApiError::BadBody {
            status: 200,
            detail: format!("a rule the service sent does not read as a detectionRule: {e}"),
            first_bytes: String::new(),
        }
        .into()
    })
}
