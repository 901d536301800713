//! What a cluster's failures mean, in the hunter's words: the OneApiError envelope (on a
//! failed HTTP status, in the rows of a 200, on a table's or the data set's completion) and
//! the HTTP statuses Kusto documents.

use std::time::{Duration, SystemTime};

use serde_json::Value as Json;

use crate::api::error::{parse_again_in, ApiError, QuotaWindow};
use crate::api::QueryPosition;
use crate::outside_time::{later, wait_seconds};
use crate::results::display::safe_text;

/// What the cluster's role model asks for, named in a 403.
pub const VIEWER_ROLE: &str =
    "the Viewer role on the database (.add database <db> viewers ('aadapp=<app id>;<tenant>'))";

/// One OneApiError, read for what it says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KustoError {
    pub code: String,
    /// The most specific message given, with the query text the service echoes cut off and
    /// the place rewritten as `[line L, column C]` (1-based) for the editor.
    pub message: String,
    pub permanent: Option<bool>,
    /// Where in the query, from `@line` and `@pos`.
    pub at: Option<QueryPosition>,
}

fn text<'a>(json: &'a Json, name: &str) -> Option<&'a str> {
    json.get(name)
        .and_then(Json::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Reads `{"error": {...}}` or the inner object itself.
pub fn read_error(json: &Json) -> KustoError {
    let outer = json.get("error").unwrap_or(json);
    let inner = outer.get("innererror").or_else(|| outer.get("innerError"));
    let code = inner
        .and_then(|i| text(i, "code"))
        .filter(|_| text(outer, "code").is_none_or(|c| c.starts_with("General_")))
        .or_else(|| text(outer, "code"))
        .unwrap_or_default();
    let raw = inner
        .and_then(|i| text(i, "@message"))
        .or_else(|| text(outer, "@message"))
        .or_else(|| text(outer, "message"))
        .unwrap_or("the service gave no message");
    // The service repeats the whole query after the message: the hunter has it already.
    let mut message = raw.split(". Query: '").next().unwrap_or(raw).to_owned();
    let place = inner.and_then(|i| {
        let number = |name: &str| {
            i.get(name).and_then(|v| match v {
                Json::String(s) => s.trim().parse::<usize>().ok(),
                Json::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
                _ => None,
            })
        };
        Some((number("@line")?, number("@pos")?, text(i, "@token")))
    });
    let mut at = None;
    if let Some((line, pos, token)) = place {
        at = QueryPosition::from_one_based(line, pos.saturating_add(1));
        if let Some(at) = message.find(" [line:position=") {
            let end = message[at..]
                .find(']')
                .map_or(message.len(), |e| at + e + 1);
            message.replace_range(at..end, "");
        }
        let near = token
            .map(|t| format!(" near '{}'", safe_text(t)))
            .unwrap_or_default();
        // `@pos` counts from 0; the editor counts columns from 1.
        message = format!(
            "{} [line {line}, column {}]{near}.",
            message.trim_end_matches('.'),
            pos + 1
        );
    }
    KustoError {
        code: safe_text(code).into_owned(),
        message: safe_text(&explain(&message)).into_owned(),
        permanent: outer.get("@permanent").and_then(Json::as_bool),
        at,
    }
}

/// Adds what a hunter can do about the failures that have a known remedy.
pub fn explain(message: &str) -> String {
    if message.contains("E_QUERY_RESULT_SET_TOO_LARGE") {
        let limit = record_limit(message)
            .map(|n| format!("{n} records"))
            .unwrap_or_else(|| "its record or size limit".into());
        return format!(
            "the answer was cut at {limit}, the most the cluster returns for one query (by default 500,000 records or 64 MB): the rows shown are only the first ones. Narrow the query: a shorter time range, a where that keeps fewer rows, summarize, or | take N. The service said: {message}"
        );
    }
    if message.contains("E_RUNAWAY_QUERY") {
        return format!(
            "the query ran over the cluster's memory limits and the rows may be incomplete: filter earlier, join on a more selective key, or summarize first. The service said: {message}"
        );
    }
    message.to_owned()
}

/// `limit of 3 records` or `record count limit 3`.
fn record_limit(message: &str) -> Option<u64> {
    for marker in ["limit of ", "record count limit "] {
        if let Some(at) = message.find(marker) {
            let digits: String = message[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse() {
                return Some(n);
            }
        }
    }
    None
}

/// The error for a failed HTTP status. `body` is JSON when the cluster answered itself.
pub fn http_failure(
    status: u16,
    body: Option<&Json>,
    first_bytes: String,
    retry_after: Option<&str>,
    request_id: &str,
    now: SystemTime,
) -> ApiError {
    let request_id = Some(request_id.to_owned());
    let Some(body) = body else {
        return ApiError::NotJson {
            status,
            content_type: "a body that is not JSON".into(),
            first_bytes,
        };
    };
    let KustoError {
        code, message, at, ..
    } = read_error(body);
    match status {
        400 => ApiError::Query {
            status,
            code,
            message,
            request_id,
            at,
        },
        401 => ApiError::Unauthorized {
            message: format!("{message}; the token must be for this cluster's URI"),
            request_id,
        },
        403 => ApiError::Forbidden {
            message,
            permission: VIEWER_ROLE,
            request_id,
            hint: None,
        },
        404 => ApiError::Http {
            status,
            code,
            message: format!("{message}: check the profile's cluster URL and database name"),
            request_id,
        },
        413 => ApiError::Http {
            status,
            code,
            message: format!("{message}: the request is larger than the cluster accepts; shorten the query"),
            request_id,
        },
        429 => throttled(message, retry_after, request_id, now),
        504 => ApiError::Server {
            status,
            code,
            message: format!("{message}: the gateway timed out before the cluster answered; narrow the query (time range, where) if it keeps happening"),
            request_id,
        },
        520 => ApiError::Server {
            status,
            code,
            message: format!("{message}: the cluster's gateway failed (520), a transient fault"),
            request_id,
        },
        500..=599 => ApiError::Server {
            status,
            code,
            message,
            request_id,
        },
        _ => ApiError::Http {
            status,
            code,
            message,
            request_id,
        },
    }
}

/// A 429: the cluster's request rate control or its query concurrency limit. Kusto publishes
/// no per-user quota, so the wait is what the answer says, or half a minute.
fn throttled(
    message: String,
    retry_after: Option<&str>,
    request_id: Option<String>,
    now: SystemTime,
) -> ApiError {
    let asked = retry_after
        .and_then(|v| v.trim().parse::<f64>().ok())
        .and_then(wait_seconds)
        .or_else(|| parse_again_in(&message));
    let wait = asked.map_or(Duration::from_secs(30), |w| w.duration);
    ApiError::Throttled {
        window: QuotaWindow::Unknown,
        message: format!("{message} (the cluster limits how many queries run at once)"),
        retry_after: asked.map(|w| w.duration),
        wait_cut: asked.is_some_and(|w| w.cut),
        until: later(now, wait).unwrap_or(now),
        request_id,
        local: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_the_place_for_the_editor() {
        let body: Json = serde_json::from_str(include_str!(
            "../../../tests/data/adx/error-400-syntax.json"
        ))
        .unwrap();
        let e = read_error(&body);
        assert_eq!(e.code, "SYN0002");
        assert_eq!(
            e.message,
            "Syntax error: SYN0002: A recognition error occurred [line 2, column 3] near 'whre'."
        );
        assert_eq!(e.permanent, Some(true));
    }

    #[test]
    fn too_large_says_the_limit_and_how_to_narrow() {
        let text = explain("The results of this query exceed the set limit of 3 records, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003).");
        assert!(
            text.starts_with("the answer was cut at 3 records"),
            "{text}"
        );
        assert!(text.contains("| take N"), "{text}");
        let deferred = explain("Query result set has exceeded the internal record count limit 500,000 (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)");
        assert!(
            deferred.starts_with("the answer was cut at 500000 records"),
            "{deferred}"
        );
    }
}
