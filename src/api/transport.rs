//! One HTTP call to a query service, shared by the backends: the bearer token, cancellation
//! at every wait, `--verbose` with the token shown as `***`, and a body read chunk by chunk so
//! a connection that breaks half way says how far it got.

use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::error::ApiError;
use crate::results::display::safe_text;

/// What came back, whole.
pub(crate) struct Answered {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<String>,
    /// `Preference-Applied` (Log Analytics says which `wait` held).
    pub preference_applied: Option<String>,
    pub body: Vec<u8>,
    pub wall_time: Duration,
}

/// A call about to be made.
pub(crate) struct Call<'a> {
    pub method: reqwest::Method,
    pub url: &'a str,
    pub token: &'a str,
    pub headers: &'a [(&'static str, String)],
    /// A JSON body, for POST.
    pub body: Option<String>,
    pub timeout: Duration,
    pub verbose: bool,
}

/// Makes `call`; `answered` runs as soon as the status arrives (the call counts from then,
/// whatever befalls the body).
pub(crate) async fn send(
    http: &reqwest::Client,
    call: Call<'_>,
    cancel: &CancellationToken,
    answered: impl FnOnce(),
) -> Result<Answered, ApiError> {
    let started = Instant::now();
    if call.verbose {
        let headers: String = call
            .headers
            .iter()
            .map(|(k, v)| format!("\n  {k}: {}", safe_text(v)))
            .collect();
        let body = call.body.as_deref().map(safe_text).unwrap_or_default();
        eprintln!(
            "kqlhunt: → {} {}\n  Authorization: Bearer ***{headers}\n  {body}",
            call.method,
            safe_text(call.url)
        );
    }
    let mut builder = http
        .request(call.method.clone(), call.url)
        .bearer_auth(call.token)
        .header(reqwest::header::ACCEPT, "application/json")
        .timeout(call.timeout);
    for (name, value) in call.headers {
        builder = builder.header(*name, value);
    }
    if let Some(body) = call.body {
        builder = builder
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )
            .body(body);
    }
    let timeout = call.timeout;
    let transport = |e: reqwest::Error| {
        if e.is_timeout() {
            return ApiError::Timeout(timeout);
        }
        let reason = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        ApiError::Network {
            url: call.url.to_owned(),
            reason,
        }
    };
    let response = tokio::select! {
        _ = cancel.cancelled() => return Err(ApiError::Cancelled),
        response = builder.send() => response.map_err(transport)?,
    };
    answered();
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type").unwrap_or_default();
    let retry_after = header("retry-after");
    let preference_applied = header("preference-applied");
    if call.verbose {
        let id = header("request-id")
            .or_else(|| header("x-ms-request-id"))
            .unwrap_or_else(|| "none".into());
        eprintln!(
            "kqlhunt: ← {status} {} after {} ms, request-id {}",
            safe_text(&content_type),
            started.elapsed().as_millis(),
            safe_text(&id)
        );
    }
    let body = tokio::select! {
        _ = cancel.cancelled() => return Err(ApiError::Cancelled),
        bytes = read_body(response) => bytes.map_err(|e| e.into_api_error(status, timeout))?,
    };
    Ok(Answered {
        status,
        content_type,
        retry_after,
        preference_applied,
        body,
        wall_time: started.elapsed(),
    })
}

pub(crate) enum BodyError {
    Timeout,
    Broken {
        received: usize,
        expected: Option<u64>,
        reason: String,
    },
}

impl BodyError {
    pub(crate) fn into_api_error(self, status: u16, timeout: Duration) -> ApiError {
        match self {
            BodyError::Timeout => ApiError::Timeout(timeout),
            BodyError::Broken {
                received,
                expected,
                reason,
            } => ApiError::BadBody {
                status,
                detail: match expected {
                    Some(total) => {
                        format!("the connection broke after {received} of {total} bytes: {reason}")
                    }
                    None => format!("the connection broke after {received} bytes: {reason}"),
                },
                first_bytes: String::new(),
            },
        }
    }
}

/// Reads the body chunk by chunk so a connection that breaks half way says how far it got.
pub(crate) async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    let expected = response.content_length();
    let mut body = Vec::with_capacity(expected.unwrap_or(0).min(256 << 20) as usize);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(e) if e.is_timeout() => return Err(BodyError::Timeout),
            Err(e) => {
                let reason =
                    std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
                return Err(BodyError::Broken {
                    received: body.len(),
                    expected,
                    reason,
                });
            }
        }
    }
}
