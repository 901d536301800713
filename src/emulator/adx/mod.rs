//! The demo cluster: Azure Data Explorer's `POST /v2/rest/query` and the one management
//! command a client needs, `.show database <db> schema as json` on `POST /v1/rest/mgmt`, over
//! the same engine and data as the hunting APIs. The token's audience is the cluster's own URI.

mod body;
mod frames;
mod schema;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, Response};
use serde_json::{json, Value as Json};

use super::faults::Fault;
use super::server::{respond, Body};
use super::state::{Answer, State};
use crate::engine::{ErrorKind, Limits};
use frames::{Placement, Plan};

/// The database the demo cluster serves.
pub const DEMO_DATABASE: &str = "Hunting";

/// The most records one answer carries, as the service's default `truncationmaxrecords`.
pub const MAX_RECORDS: usize = 500_000;

/// Rows per fragment once an answer is sent in fragments.
pub const FRAGMENT_ROWS: usize = 5_000;

/// A OneApiError answer with the HTTP status Kusto documents for it.
fn refuse(status: u16, code: &str, message: &str, request_id: &str) -> Response<Body> {
    let body = json!({"error": {
        "code": code, "message": message, "@type": "Kusto.Data.Exceptions.KustoRequestException",
        "@message": message, "@context": {"clientRequestId": request_id}, "@permanent": status != 429,
    }});
    respond(Answer::json(status, body.to_string()))
}

pub async fn serve(state: Arc<State>, path: &str, request: Request<Incoming>) -> Response<Body> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let request_id = header("x-ms-client-request-id").unwrap_or_else(|| state.request_id());
    if request.method() != hyper::Method::POST {
        return refuse(405, "General_BadRequest", "Use POST.", &request_id);
    }
    let has_roles = match state
        .identity()
        .check(header("authorization").as_deref(), &state.base_url)
    {
        Ok((_, has_roles)) => has_roles,
        Err(message) => return refuse(401, "Unauthorized", &message, &request_id),
    };
    if !has_roles {
        return refuse(
            403,
            "Forbidden",
            "Principal is not authorized to access database 'Hunting': it needs the viewer role.",
            &request_id,
        );
    }
    let limited =
        http_body_util::Limited::new(request.into_body(), super::server::MAX_REQUEST_BODY);
    let body = match limited.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return refuse(
                413,
                "General_BadRequest",
                "The request is larger than this cluster reads: send a shorter query.",
                &request_id,
            )
        }
        Err(e) => {
            return refuse(
                400,
                "General_BadRequest",
                &format!("The request body could not be read: {e}"),
                &request_id,
            )
        }
    };
    let Ok(asked) = serde_json::from_slice::<Json>(&body) else {
        return refuse(
            400,
            "General_BadRequest",
            "The request body is not valid JSON.",
            &request_id,
        );
    };
    let db = asked
        .get("db")
        .and_then(Json::as_str)
        .unwrap_or(DEMO_DATABASE);
    if !db.eq_ignore_ascii_case(DEMO_DATABASE) {
        let message = format!("Entity ID '{db}' of kind 'Database' was not found: this cluster has the database {DEMO_DATABASE}.");
        return refuse(404, "Not found", &message, &request_id);
    }
    let Some(csl) = asked
        .get("csl")
        .and_then(Json::as_str)
        .filter(|q| !q.trim().is_empty())
    else {
        return refuse(
            400,
            "General_BadRequest",
            "The request has no csl (query text).",
            &request_id,
        );
    };
    if path == crate::api::adx::MANAGEMENT_PATH {
        return match schema::answer(&state, csl) {
            Ok(text) => respond(Answer::json(200, text)),
            Err(message) => refuse(400, "General_BadRequest", &message, &request_id),
        };
    }
    if let Some(refused) = misbehave(&state, &request_id).await {
        return refused;
    }
    let mut plan = plan(&asked, request_id.clone());
    plan.max_records = state.faults.max_records(plan.max_records);
    query(state, csl.to_owned(), plan).await
}

/// The faults asked for (`faults.rs`), in the cluster's own words: its throttling (429 with
/// `Retry-After`), its gateway's 504, a proxy's page, a failing node.
async fn misbehave(state: &State, request_id: &str) -> Option<Response<Body>> {
    let call = state.hunting_calls.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::time::sleep(state.faults.latency()).await;
    Some(match state.faults.for_call(call)? {
        Fault::Status(status) => refuse(
            status,
            "Internal",
            "The cluster met an internal error; retry the request.",
            request_id,
        ),
        Fault::Throttled => {
            let body = json!({"error": {
                "code": "Too many requests", "message": "Request is throttled.",
                "@type": "Kusto.DataNode.Exceptions.ControlCommandThrottledException",
                "@message": "The request was denied due to exceeding the query concurrency limit of the workload group.",
                "@context": {"clientRequestId": request_id}, "@permanent": false,
            }});
            let mut answer = Answer::json(429, body.to_string());
            answer.retry_after = Some(super::hunting::FAULT_RETRY_AFTER);
            respond(answer)
        }
        Fault::GatewayTimeout => refuse(
            504,
            "GatewayTimeout",
            "The gateway did not receive an answer from the cluster in time.",
            request_id,
        ),
        Fault::Html => respond(Answer::proxy_page()),
        Fault::KqlError(message) => refuse(400, "General_BadRequest", &message, request_id),
        // A streamed answer is not cut this way, and the cluster has no 204.
        Fault::Truncate | Fault::NoData => return None,
    })
}

/// The request's `properties.Options`; `properties` may also come as a JSON string.
fn plan(asked: &Json, request_id: String) -> Plan {
    let properties = match asked.get("properties") {
        Some(Json::String(text)) => serde_json::from_str(text).unwrap_or(Json::Null),
        Some(other) => other.clone(),
        None => Json::Null,
    };
    let option = |name: &str| properties.get("Options").and_then(|o| o.get(name)).cloned();
    let max_records = option("truncationmaxrecords")
        .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
        .map_or(MAX_RECORDS, |n| (n as usize).min(MAX_RECORDS));
    let placement = match option("results_error_reporting_placement")
        .as_ref()
        .and_then(Json::as_str)
    {
        Some("end_of_table") => Placement::EndOfTable,
        _ => Placement::InData,
    };
    Plan {
        progressive: option("results_progressive_enabled")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        fragment_rows: FRAGMENT_ROWS,
        max_records,
        placement,
        request_id,
    }
}

async fn query(state: Arc<State>, csl: String, plan: Plan) -> Response<Body> {
    let now = crate::results::datetime::now_ticks();
    let limits = Limits {
        // Rows past the record limit are cut here, as the service cuts them, not refused.
        max_rows: usize::MAX,
        deadline: Some(Instant::now() + Duration::from_secs(180)),
        ..Limits::default()
    };
    // Run and measured as every API of the demo tenant is (`measured_run.rs`): wall and CPU
    // time, the extents read and the cache model of `statistics.rs`.
    let ran = super::measured_run::run(&state, csl.clone(), now, limits).await;
    let measured = match ran {
        Ok(measured) => measured,
        // Over the limits while running: the answer had begun, so the failure is in the data.
        Err(super::measured_run::RunFailure::Refused(refusal))
            if refusal.kind == ErrorKind::Limits =>
        {
            let error = frames::one_api_error(
                "LimitsExceeded",
                "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException",
                &refusal.described,
                &plan.request_id,
            );
            return stream(move |w| frames::write_failure(w, &plan, error));
        }
        Err(super::measured_run::RunFailure::Refused(refusal)) => {
            return syntax_or_semantic(&refusal.described, refusal.place, &plan.request_id)
        }
        Err(super::measured_run::RunFailure::Stopped) => {
            return refuse(
                500,
                "Internal",
                "The query stopped unexpectedly.",
                &plan.request_id,
            )
        }
    };
    let render = render_of(&csl);
    let mut stats = measured.stats(&state, 0);
    // The rows stream out after the statistics are made, so their size is not known: none is
    // sent rather than a made-up one.
    for set in &mut stats.datasets {
        set.table_size = None;
    }
    let stats = stats.to_json();
    let answer = measured.answer;
    stream(move |w| frames::write_answer(w, &answer.table, render.as_deref(), &plan, &stats))
}

/// A 400 with the place in Kusto's words (`@line`, `@pos` as strings, `@pos` from 0).
fn syntax_or_semantic(
    message: &str,
    place: Option<(usize, usize)>,
    request_id: &str,
) -> Response<Body> {
    let mut inner = json!({"code": "SEM0100", "message": message, "@message": message});
    if let Some((line, column)) = place {
        inner["@line"] = json!(line.to_string());
        inner["@pos"] = json!(column.saturating_sub(1).to_string());
    }
    let body = json!({"error": {"code": "General_BadRequest", "message": "Request is invalid and cannot be executed.",
        "@message": message, "@context": {"clientRequestId": request_id}, "@permanent": true, "innererror": inner}});
    respond(Answer::json(400, body.to_string()))
}

/// The `render` operator's text in the query's last tabular statement.
fn render_of(query: &str) -> Option<String> {
    let parsed = crate::kql::parse(query).ok()?;
    parsed.statements.iter().rev().find_map(|s| match s {
        crate::kql::ast::Statement::Tabular(p) => {
            p.operators.iter().rev().find_map(|o| match &o.kind {
                crate::kql::ast::OperatorKind::Render(text) => Some(text.clone()),
                _ => None,
            })
        }
        _ => None,
    })
}

/// A 200 whose body `write` produces on a blocking thread while it goes on the wire.
fn stream(write: impl FnOnce(&mut body::ChunkWriter) + Send + 'static) -> Response<Body> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    tokio::task::spawn_blocking(move || write(&mut body::ChunkWriter::new(tx)));
    Response::builder()
        .status(200)
        .header(
            hyper::header::CONTENT_TYPE,
            "application/json; charset=utf-8",
        )
        .body(body::ChannelBody { rx }.boxed())
        .unwrap_or_else(|_| respond(Answer::json(500, "{}".into())))
}
