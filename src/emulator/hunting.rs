//! The three hunting endpoints: token and role checks, quotas, faults, then the engine.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::faults::Fault;
use super::measured_run::RunFailure;
use super::routes::hunting_audience;
use super::shape;
use super::state::{Answer, State};
use crate::api::Flavor;
use crate::engine::Limits;

fn result_cap(flavor: Flavor) -> usize {
    match flavor {
        Flavor::Mde => 124 << 20,
        _ => 50 << 20,
    }
}

/// The wait a throttled fault asks for: short, so a test sees it end.
pub(super) const FAULT_RETRY_AFTER: u64 = 2;

/// The caller's tenant and whether its app has the hunting roles, or the 401 the service
/// gives. Checked before the request's body is read: a stranger's upload is never taken in.
pub fn authorize(
    state: &State,
    flavor: Flavor,
    authorization: Option<&str>,
) -> Result<(String, bool), Answer> {
    state
        .identity()
        .check(authorization, hunting_audience(flavor))
        .map_err(|message| {
            let code = if flavor.is_graph() {
                "InvalidAuthenticationToken"
            } else {
                "Unauthorized"
            };
            Answer::json(
                401,
                shape::error(Some(flavor), code, &message, &state.request_id()),
            )
        })
}

pub async fn run(
    state: Arc<State>,
    flavor: Flavor,
    (tenant, has_roles): (String, bool),
    body: Vec<u8>,
) -> Answer {
    let request_id = state.request_id();
    let error = |status: u16, code: &str, message: &str| {
        Answer::json(
            status,
            shape::error(Some(flavor), code, message, &request_id),
        )
    };
    if !has_roles {
        return error(
            403,
            "Forbidden",
            &format!(
                "Missing application roles. API required roles: {}",
                flavor.permission()
            ),
        );
    }
    let call = state.hunting_calls.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::time::sleep(state.faults.latency()).await;
    let fault = state.faults.for_call(call);
    match &fault {
        Some(Fault::Status(status)) => {
            let code = if *status == 503 {
                "ServiceUnavailable"
            } else {
                "InternalServerError"
            };
            return error(
                *status,
                code,
                "The service encountered an internal error. Please retry the request.",
            );
        }
        Some(Fault::Html) => return Answer::proxy_page(),
        Some(Fault::KqlError(message)) => return error(400, "BadRequest", message),
        Some(Fault::Throttled) => {
            let code = if flavor.is_graph() {
                "TooManyRequests"
            } else {
                "429"
            };
            let mut answer = error(
                429,
                code,
                "Too many requests. Retry after the number of seconds in the Retry-After header.",
            );
            answer.retry_after = Some(FAULT_RETRY_AFTER);
            return answer;
        }
        Some(Fault::GatewayTimeout) => {
            return error(
                504,
                "GatewayTimeout",
                "The gateway did not receive a response from the hunting service in time.",
            )
        }
        _ => {}
    }
    let admitted = state
        .quotas()
        .admit(&state.rules, &tenant, flavor.quota_api(), Instant::now());
    if let Err(refusal) = admitted {
        let code = if flavor.is_graph() {
            "TooManyRequests"
        } else {
            "429"
        };
        let mut answer = error(429, code, &refusal.message);
        answer.retry_after = Some(refusal.retry_after.as_secs().max(1));
        return answer;
    }
    let request: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(json) => json,
        Err(_) => {
            return error(
                400,
                "InvalidRequestBody",
                "The request body is not valid JSON.",
            )
        }
    };
    let field = |name: &str| {
        request
            .as_object()
            .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
            .and_then(|(_, v)| v.as_str())
            .map(str::to_owned)
    };
    let Some(query) = field("Query").filter(|q| !q.trim().is_empty()) else {
        return error(400, "InvalidRequestBody", "Missing query.");
    };
    let now = crate::results::datetime::now_ticks();
    let time_range = match field("Timespan") {
        Some(span) if flavor.is_graph() => match timespan_range(&span, now) {
            Some(range) => Some(range),
            None => {
                return error(
                    400,
                    "BadRequest",
                    &format!("The timespan '{span}' is not a valid ISO 8601 duration or interval."),
                )
            }
        },
        _ => None,
    };
    let limits = Limits {
        deadline: Some(Instant::now() + Duration::from_secs(180)),
        time_range,
        ..Limits::default()
    };
    let started = Instant::now();
    let outcome = super::measured_run::run(&state, query, now, limits).await;
    state
        .quotas()
        .charge(&tenant, started.elapsed(), Instant::now());
    let measured = match outcome {
        Ok(measured) => measured,
        Err(RunFailure::Refused(refusal)) => return error(400, "BadRequest", &refusal.described),
        Err(RunFailure::Stopped) => {
            return error(
                500,
                "InternalServerError",
                "The query stopped unexpectedly.",
            )
        }
    };
    let body = shape::body(&measured.answer.table, flavor, |bytes| {
        measured.stats(&state, bytes)
    });
    if body.len() > result_cap(flavor) {
        return error(400, "BadRequest", "Query execution has exceeded the allowed result size. Optimize your query by taking fewer rows or columns.");
    }
    Answer {
        status: 200,
        content_type: "application/json; charset=utf-8",
        body: body.into_bytes(),
        truncate: fault == Some(Fault::Truncate),
        ..Answer::json(200, String::new())
    }
}

/// Graph's `Timespan` as a (from, to) range of ticks.
pub(super) fn timespan_range(span: &str, now: i64) -> Option<(i64, i64)> {
    crate::api::check_timespan(span).ok()?;
    let duration = |s: &str| -> Option<i64> {
        let rest = s.strip_prefix(['P', 'p'])?;
        let (date, time) = rest.split_once(['T', 't']).unwrap_or((rest, ""));
        let mut ticks = 0i64;
        for (text, units) in [(date, "date"), (time, "time")] {
            let mut number = String::new();
            for c in text.chars() {
                if c.is_ascii_digit() || c == '.' {
                    number.push(c);
                    continue;
                }
                let n: f64 = number.parse().ok()?;
                number.clear();
                let per = match (units, c.to_ascii_uppercase()) {
                    ("date", 'Y') => 365.0 * 864e9,
                    ("date", 'M') => 30.0 * 864e9,
                    ("date", 'W') => 7.0 * 864e9,
                    ("date", 'D') => 864e9,
                    ("time", 'H') => 36e9,
                    ("time", 'M') => 6e8,
                    ("time", 'S') => 1e7,
                    _ => return None,
                };
                ticks += (n * per) as i64;
            }
        }
        Some(ticks)
    };
    let instant = crate::results::datetime::parse_ticks;
    match span.split_once('/') {
        None => duration(span)
            .map(|d| (now - d, now))
            .or_else(|| instant(span).map(|s| (s, now))),
        Some((a, b)) => match (duration(a), instant(a), duration(b), instant(b)) {
            (Some(d), _, _, Some(end)) => Some((end - d, end)),
            (_, Some(start), Some(d), _) => Some((start, start + d)),
            (_, Some(start), _, Some(end)) => Some((start, end)),
            _ => None,
        },
    }
}
