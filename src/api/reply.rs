//! Turns what the server sent (status, a few headers, the body) into rows or a typed error.
//! Pure: no I/O, so every error class is tested from the sample payloads alone.

use std::time::{Duration, SystemTime};

use serde_json::Value as Json;

use super::endpoint::Flavor;
use super::error::{parse_again_in, parse_quota_window, ApiError, QuotaWindow};
use super::stats::ServerStats;
use crate::outside_time::{later, wait_seconds};
use crate::results::{load_response, ResultSet};
use crate::text::{first_bytes, safe_text};

/// The parts of an HTTP answer that decide what it means.
#[derive(Clone, Debug)]
pub struct Reply<'a> {
    pub status: u16,
    pub content_type: &'a str,
    pub retry_after: Option<&'a str>,
    /// Owned: a successful answer's rows keep pointing into it.
    pub body: Vec<u8>,
}

/// How long to stay away after a 429 that gave no delay, by what it said was hit.
fn default_backoff(window: &QuotaWindow) -> Duration {
    match window {
        QuotaWindow::Calls { per, .. } => (*per).min(Duration::from_secs(60)),
        QuotaWindow::Processing => Duration::from_secs(60),
        QuotaWindow::Unknown => Duration::from_secs(30),
    }
}

pub fn read_reply(
    reply: Reply<'_>,
    flavor: Flavor,
    now: SystemTime,
) -> Result<(ResultSet, Option<ServerStats>), ApiError> {
    let looks_json = reply.content_type.to_ascii_lowercase().contains("json")
        || reply
            .body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
    if (200..300).contains(&reply.status) {
        if !looks_json {
            return Err(not_json(&reply));
        }
        let head = first_bytes(&reply.body);
        let status = reply.status;
        let document = load_response(reply.body).map_err(|e| ApiError::BadBody {
            status,
            detail: e.to_string(),
            first_bytes: head.clone(),
        })?;
        if let Some(error) = document.error.as_ref().filter(|_| !document.has_table) {
            // A 200 carrying an error envelope: treat it as the error it is.
            let envelope = Envelope::from_json(error);
            return Err(ApiError::Http {
                status: reply.status,
                code: envelope.code,
                message: envelope.message,
                request_id: envelope.request_id,
            });
        }
        if !document.has_table {
            return Err(ApiError::BadBody {
                status,
                detail: "no schema or results in the answer".into(),
                first_bytes: head,
            });
        }
        let stats = document.stats.as_ref().map(ServerStats::from_json);
        return Ok((document.result, stats));
    }
    let envelope = if looks_json {
        serde_json::from_slice::<Json>(&reply.body)
            .ok()
            .map(|j| Envelope::from_json(j.get("error").unwrap_or(&j)))
    } else {
        None
    };
    let Some(envelope) = envelope else {
        if reply.status == 429 {
            return Err(throttled(&reply, Envelope::default(), now));
        }
        return Err(not_json(&reply));
    };
    let Envelope {
        code,
        message,
        request_id,
    } = envelope.clone();
    Err(match reply.status {
        400 => ApiError::rejected(400, code, message, request_id),
        401 => ApiError::Unauthorized {
            message,
            request_id,
        },
        403 => ApiError::Forbidden {
            message,
            permission: flavor.permission(),
            request_id,
            hint: None,
        },
        429 => throttled(&reply, envelope, now),
        500..=599 => ApiError::Server {
            status: reply.status,
            code,
            message,
            request_id,
        },
        status => ApiError::Http {
            status,
            code,
            message,
            request_id,
        },
    })
}

pub(crate) fn throttled(reply: &Reply<'_>, envelope: Envelope, now: SystemTime) -> ApiError {
    let message = if envelope.message.is_empty() {
        "too many requests".to_owned()
    } else {
        envelope.message
    };
    let window = parse_quota_window(&message);
    // Both the header and the words are the other side's numbers: checked, and cut to an hour.
    let asked = reply
        .retry_after
        .and_then(|v| v.trim().parse::<f64>().ok())
        .and_then(wait_seconds)
        .or_else(|| parse_again_in(&message));
    let wait = asked.map_or_else(|| default_backoff(&window), |w| w.duration);
    ApiError::Throttled {
        window,
        message,
        retry_after: asked.map(|w| w.duration),
        wait_cut: asked.is_some_and(|w| w.cut),
        until: later(now, wait).unwrap_or(now),
        request_id: envelope.request_id,
        local: false,
    }
}

pub(crate) fn not_json(reply: &Reply<'_>) -> ApiError {
    let content_type = if reply.content_type.is_empty() {
        "no content type"
    } else {
        reply.content_type
    };
    ApiError::NotJson {
        status: reply.status,
        content_type: safe_text(content_type).into_owned(),
        first_bytes: first_bytes(&reply.body),
    }
}

/// The error envelope of either API: `{code, message, target}` (Defender) or
/// `{code, message, innerError: {request-id}}` (Graph), read ignoring case.
#[derive(Clone, Debug, Default)]
pub(crate) struct Envelope {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
}

impl Envelope {
    fn from_json(json: &Json) -> Envelope {
        let get = |j: &Json, name: &str| {
            j.as_object().and_then(|o| {
                o.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            })
        };
        let text = |v: Option<Json>| match v {
            Some(Json::String(s)) => s,
            Some(Json::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        if let Json::String(s) = json {
            return Envelope {
                code: String::new(),
                message: s.clone(),
                request_id: None,
            };
        }
        let inner = get(json, "innerError");
        let request_id = inner
            .as_ref()
            .and_then(|i| get(i, "request-id"))
            .or_else(|| get(json, "target"))
            .map(|v| text(Some(v)))
            .filter(|s| !s.is_empty());
        let mut message = text(get(json, "message"));
        if message.is_empty() {
            message = text(get(json, "error_description"));
        }
        Envelope {
            code: text(get(json, "code")),
            message: safe_text(&message).into_owned(),
            request_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> Reply<'_> {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            retry_after: None,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_semantic_error_keeps_the_engine_text_and_request_id() {
        let body = include_str!("../../tests/data/error-graph-400-semantic.json");
        let err = read_reply(reply(400, body), Flavor::Graph, SystemTime::now()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("'where' operator: Failed to resolve scalar expression named 'Timestmp'. Fix semantic errors in your query."), "{text}");
        assert!(
            text.contains("5c2f0a1e-0000-4000-8000-000000000001"),
            "{text}"
        );
    }

    #[test]
    fn forbidden_names_the_roles_and_the_permission() {
        let body = include_str!("../../tests/data/error-defender-403-roles.json");
        let text = read_reply(reply(403, body), Flavor::Mde, SystemTime::now())
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("API required roles: AdvancedQuery.Read.All"),
            "{text}"
        );
        assert!(text.contains("|4f6c7e20-5a1b.3."), "{text}");
    }

    #[test]
    fn a_429_reads_the_window_and_the_again_in_delay() {
        let now = SystemTime::now();
        let body = include_str!("../../tests/data/error-defender-429-hour-retry.json");
        match read_reply(reply(429, body), Flavor::Xdr, now).unwrap_err() {
            ApiError::Throttled {
                window,
                retry_after,
                until,
                ..
            } => {
                assert_eq!(
                    window,
                    QuotaWindow::Calls {
                        limit: 1500,
                        per: Duration::from_secs(3600)
                    }
                );
                assert_eq!(retry_after, Some(Duration::from_secs(8)));
                assert_eq!(until, now + Duration::from_secs(8));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_after_header_wins_and_its_absence_backs_off() {
        let now = SystemTime::now();
        let body = include_str!("../../tests/data/error-defender-429-minute.json");
        let with = Reply {
            retry_after: Some("17"),
            ..reply(429, body)
        };
        match read_reply(with, Flavor::Mde, now).unwrap_err() {
            ApiError::Throttled { until, .. } => assert_eq!(until, now + Duration::from_secs(17)),
            other => panic!("{other:?}"),
        }
        let graph = include_str!("../../tests/data/error-graph-429.json");
        match read_reply(reply(429, graph), Flavor::Graph, now).unwrap_err() {
            ApiError::Throttled {
                retry_after: None,
                until,
                ..
            } => assert!(until > now),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn html_from_a_proxy_is_named_not_parsed() {
        let body = include_str!("../../tests/data/error-proxy-502.html");
        let r = Reply {
            content_type: "text/html",
            ..reply(502, body)
        };
        let text = read_reply(r, Flavor::Graph, SystemTime::now())
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("HTTP 502")
                && text.contains("text/html")
                && text.contains("502 Bad Gateway"),
            "{text}"
        );
        let ok_html = Reply {
            content_type: "text/html",
            ..reply(200, body)
        };
        assert!(matches!(
            read_reply(ok_html, Flavor::Graph, SystemTime::now()),
            Err(ApiError::NotJson { status: 200, .. })
        ));
    }

    #[test]
    fn a_truncated_body_says_so() {
        let body = include_str!("../../tests/data/xdr-truncated.json");
        let text = read_reply(reply(200, body), Flavor::Xdr, SystemTime::now())
            .unwrap_err()
            .to_string();
        assert!(text.contains("cut off"), "{text}");
    }

    #[test]
    fn hostile_bytes_in_an_error_are_made_visible() {
        let text = first_bytes(b"\x1b]0;owned\x07<html>");
        assert!(!text.contains('\x1b') && text.contains('␛'), "{text}");
        assert_eq!(first_bytes(b""), "(empty body)");
    }
}
