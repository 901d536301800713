//! The demo tenant as a Log Analytics workspace: `POST /v1/workspaces/{id}/query` and `GET
//! /v1/workspaces/{id}/metadata` over the same engine and data, signed in like the other APIs
//! (a token for `https://api.loganalytics.io`), with the service's per-user limits.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::faults::Fault;
use super::measured_run::RunFailure;
use super::routes::{WorkspaceCall, WORKSPACE_AUDIENCE};
use super::state::{Answer, State};
use super::workspace_shape as shape;
use crate::engine::{ErrorKind, Limits};

/// The demo workspace's id (`workspaces = [...]` in a profile pointing at the emulator).
pub const DEMO_WORKSPACE: &str = "d3e0c0de-0000-4000-8000-00000000d3e0";

/// Log Analytics' published limit per user: 200 queries per 30 seconds.
const CALLS_PER_WINDOW: usize = 200;
const WINDOW: Duration = Duration::from_secs(30);
const THROTTLED: &str = "Too many requests: at most 200 queries per 30 seconds per user. Retry after the number of seconds in the Retry-After header.";

/// The wait the service applies when the request's `Prefer` names none, and the longest.
const DEFAULT_WAIT_SECONDS: u64 = 180;
const LONGEST_WAIT_SECONDS: u64 = 600;

/// The most records one answer holds (Azure Monitor's log query limits).
pub const MAX_RECORDS: usize = 500_000;

fn error(state: &State, status: u16, code: &str, message: &str) -> Answer {
    Answer::json(
        status,
        shape::error(code, message, None, &state.request_id()),
    )
}

/// The caller's tenant and whether its app may read the workspace, or the 401 the service
/// gives; checked from the headers before the body is read.
pub fn authorize(state: &State, authorization: Option<&str>) -> Result<(String, bool), Answer> {
    state
        .identity()
        .check(authorization, WORKSPACE_AUDIENCE)
        .map_err(|message| error(state, 401, "AuthorizationRequiredError", &message))
}

pub async fn answer(
    state: Arc<State>,
    (tenant, has_roles): (String, bool),
    workspace: &str,
    route: WorkspaceCall,
    prefer: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    if !has_roles {
        return error(
            &state,
            403,
            "InsufficientAccessError",
            "The provided credentials have insufficient access to perform the requested operation",
        );
    }
    if workspace != DEMO_WORKSPACE {
        return error(
            &state,
            404,
            "WorkspaceNotFoundError",
            &format!("Workspace {workspace} was not found"),
        );
    }
    match route {
        WorkspaceCall::Metadata => metadata(&state),
        WorkspaceCall::Query => query(state, &tenant, prefer.unwrap_or(""), &body).await,
    }
}

/// The workspace's tables (the hunting tables and Sentinel's own), from the catalogues the
/// engine's data is built from.
fn metadata(state: &State) -> Answer {
    let engine = state.engine();
    let tables: Vec<serde_json::Value> = crate::kql::schema::workspace_catalog()
        .into_iter()
        .filter(|(name, _)| engine.database().table(name).is_some())
        .map(|(name, columns)| {
            serde_json::json!({
                "id": format!("t_{name}"),
                "name": name,
                "columns": columns.iter().map(|(c, t)| serde_json::json!({"name": c, "type": t})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Answer::json(200, serde_json::json!({ "tables": tables }).to_string())
}

/// `Prefer: wait=N`, within the service's 10 minutes; 3 minutes when not asked (timeouts.md).
fn asked_wait(prefer: &str) -> Duration {
    let seconds = prefer
        .split(',')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("wait"))
        .and_then(|(_, value)| value.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_WAIT_SECONDS);
    Duration::from_secs(seconds.clamp(1, LONGEST_WAIT_SECONDS))
}

/// The service's 504 when a query runs past the wait, with the wait it applied.
fn gateway_timeout(state: &State, wait: Duration) -> Answer {
    let mut answer = Answer::json(
        504,
        shape::gateway_timeout(wait.as_secs(), &state.request_id()),
    );
    answer.preference_applied = Some(format!("wait={}", wait.as_secs()));
    answer
}

async fn query(state: Arc<State>, tenant: &str, prefer: &str, body: &[u8]) -> Answer {
    let wants = |option: &str| {
        prefer
            .split(',')
            .any(|p| p.trim().eq_ignore_ascii_case(&format!("{option}=true")))
    };
    let (statistics, render) = (wants("include-statistics"), wants("include-render"));
    let wait = asked_wait(prefer);
    let call = state.hunting_calls.fetch_add(1, Ordering::SeqCst) + 1;
    let latency = state.faults.latency();
    // The added latency counts against the wait, as a slow service's would.
    tokio::time::sleep(latency.min(wait)).await;
    if latency >= wait {
        return gateway_timeout(&state, wait);
    }
    let fault = state.faults.for_call(call);
    match &fault {
        Some(Fault::Status(status)) => {
            return error(
                &state,
                *status,
                if *status == 503 {
                    "ServiceUnavailableError"
                } else {
                    "InternalServerError"
                },
                "The service encountered an internal error. Please retry the request.",
            )
        }
        Some(Fault::Html) => return Answer::proxy_page(),
        Some(Fault::KqlError(message)) => return error(&state, 400, "BadArgumentError", message),
        Some(Fault::Throttled) => {
            let mut answer = error(&state, 429, "ThrottledError", THROTTLED);
            answer.retry_after = Some(super::hunting::FAULT_RETRY_AFTER);
            return answer;
        }
        Some(Fault::GatewayTimeout) => return gateway_timeout(&state, wait),
        // The service's own words for a workspace with no data: no body at all.
        Some(Fault::NoData) => return Answer::no_content(),
        Some(Fault::Truncate) | None => {}
    }
    let now_at = Instant::now();
    if let Err(wait) = state.quotas().admit_in_window(
        &format!("{tenant}/log-analytics"),
        CALLS_PER_WINDOW,
        WINDOW,
        now_at,
    ) {
        let mut answer = error(&state, 429, "ThrottledError", THROTTLED);
        answer.retry_after = Some(wait.as_secs().max(1));
        return answer;
    }
    let request: serde_json::Value = match serde_json::from_slice(body) {
        Ok(json) => json,
        // The service's own answer to a body it cannot read.
        Err(_) if body.iter().all(u8::is_ascii_whitespace) => {
            return Answer::json(200, String::new())
        }
        Err(_) => {
            return error(
                &state,
                400,
                "BadArgumentError",
                "The request body is not valid JSON",
            )
        }
    };
    let Some(query) = request["query"].as_str().filter(|q| !q.trim().is_empty()) else {
        return error(
            &state,
            400,
            "BadArgumentError",
            "The request had some invalid properties: query is required",
        );
    };
    let now = crate::results::datetime::now_ticks();
    let time_range = match request["timespan"].as_str() {
        None => None,
        Some(span) => match super::hunting::timespan_range(span, now) {
            Some(range) => Some(range),
            None => {
                return error(
                    &state,
                    400,
                    "BadArgumentError",
                    &format!("The timespan '{span}' is not a valid ISO 8601 duration or interval"),
                )
            }
        },
    };
    let max_records = state.faults.max_records(MAX_RECORDS);
    let limits = Limits {
        // What is left of the wait; past it the gateway answers 504.
        deadline: Some(Instant::now() + (wait - latency)),
        // Rows past the record limit are cut below, as the service cuts them, not refused.
        max_rows: usize::MAX,
        time_range,
        ..Limits::default()
    };
    let measured = match super::measured_run::run(&state, query.to_owned(), now, limits).await {
        Ok(measured) => measured,
        Err(RunFailure::Refused(refusal))
            if refusal.kind == ErrorKind::Limits && now_at.elapsed() + latency >= wait =>
        {
            return gateway_timeout(&state, wait)
        }
        Err(RunFailure::Refused(refusal)) => {
            let kind = match refusal.kind {
                ErrorKind::Syntax => "SyntaxError",
                _ => "SemanticError",
            };
            return Answer::json(
                400,
                shape::error(
                    "BadArgumentError",
                    "The request had some invalid properties",
                    Some(shape::QueryFault {
                        kind,
                        words: &refusal.message,
                        place: refusal.place,
                    }),
                    &state.request_id(),
                ),
            );
        }
        Err(RunFailure::Stopped) => {
            return error(
                &state,
                500,
                "InternalServerError",
                "The query stopped unexpectedly",
            )
        }
    };
    state.quotas().charge(tenant, measured.wall, Instant::now());
    let cut = measured.answer.table.len() > max_records;
    let tables = if cut {
        let kept = measured
            .answer
            .table
            .select((0..max_records as u32).collect());
        shape::tables_json(&kept)
    } else {
        shape::tables_json(&measured.answer.table)
    };
    let mut out = format!("{{{tables}");
    if cut {
        out.push_str(&format!(
            ",\"error\":{}",
            shape::result_too_large(max_records, &state.request_id())
        ));
    }
    if statistics {
        let stats = measured.stats(&state, tables.len());
        out.push_str(&format!(
            ",\"statistics\":{}",
            shape::statistics_json(&stats)
        ));
    }
    if let Some(text) = measured.answer.render.as_deref().filter(|_| render) {
        out.push_str(&format!(",\"render\":{}", shape::render_json(text)));
    }
    out.push('}');
    let mut answer = Answer::json(200, out);
    answer.truncate = fault == Some(Fault::Truncate);
    answer
}
