//! Log Analytics' answers, each with its documented meaning (response-format.md, errors.md,
//! timeouts.md): rows with statistics and a render hint; a 200 that carries rows *and* a
//! `PartialError`; 204 (the workspace has no data); a 200 with no body (the request's body or
//! Content-Type never arrived); 400 with the place of a syntax error; 429; 504 after the wait.
//! Pure: no I/O, so every class is tested from the samples alone.

use std::time::{Duration, SystemTime};

use serde_json::Value as Json;

use crate::api::reply::{not_json, throttled, Envelope, Reply};
use crate::api::{ApiError, QueryPosition, ServerStats};
use crate::results::display::safe_text;
use crate::results::{load_response, ResultSet};
use crate::text::first_bytes;

/// What Log Analytics sent back for a query.
#[derive(Debug)]
pub struct WorkspaceAnswer {
    pub result: ResultSet,
    pub stats: Option<ServerStats>,
    pub render: Option<Json>,
    /// What did not stop the rows: a partial error, a workspace with no data.
    pub warnings: Vec<String>,
}

/// The permission a 403 asks for.
pub const PERMISSION: &str = "Data.Read on the Log Analytics API, with the Log Analytics Reader role on the workspace (or Microsoft Sentinel Reader),";

pub fn read_answer(
    reply: Reply<'_>,
    wait: Duration,
    now: SystemTime,
) -> Result<WorkspaceAnswer, ApiError> {
    let empty = reply.body.iter().all(u8::is_ascii_whitespace);
    match reply.status {
        204 => {
            return Ok(WorkspaceAnswer {
                result: ResultSet::default(),
                stats: None,
                render: None,
                warnings: vec!["the workspace has no data for this query (HTTP 204)".into()],
            })
        }
        200 if empty => {
            return Err(ApiError::BadBody {
                status: 200,
                detail: "Log Analytics answers 200 with no body when the request's JSON body or its Content-Type did not reach it: a proxy may have dropped them".into(),
                first_bytes: first_bytes(&reply.body),
            })
        }
        200..=299 => return rows(reply),
        _ => {}
    }
    let parsed = serde_json::from_slice::<Json>(&reply.body).ok();
    let Some(json) = parsed.filter(|j| j.is_object()) else {
        if reply.status == 429 {
            return Err(throttled(&reply, Envelope::default(), now));
        }
        return Err(not_json(&reply));
    };
    let error = ErrorChain::read(json.get("error").unwrap_or(&json));
    let request_id = error.correlation_id.clone();
    Err(match reply.status {
        400 => ApiError::Query {
            status: 400,
            code: error.innermost_code().to_owned(),
            message: error.words(),
            request_id,
            at: error.place(),
        },
        401 => ApiError::Unauthorized {
            message: error.words(),
            request_id,
        },
        403 => ApiError::Forbidden {
            message: error.words(),
            permission: PERMISSION,
            request_id,
            hint: None,
        },
        429 => throttled(
            &reply,
            Envelope {
                code: error.innermost_code().to_owned(),
                message: error.words(),
                request_id,
            },
            now,
        ),
        504 => ApiError::Server {
            status: 504,
            code: error.innermost_code().to_owned(),
            message: format!(
                "{}; the query ran past the wait of {} s that applied (Log Analytics allows at most 10 minutes): narrow the time range, or raise timeout_seconds",
                error.words(),
                wait.as_secs()
            ),
            request_id,
        },
        status @ 500..=599 => ApiError::Server {
            status,
            code: error.innermost_code().to_owned(),
            message: error.words(),
            request_id,
        },
        status => ApiError::Http {
            status,
            code: error.innermost_code().to_owned(),
            message: error.words(),
            request_id,
        },
    })
}

fn rows(reply: Reply<'_>) -> Result<WorkspaceAnswer, ApiError> {
    let status = reply.status;
    let head = first_bytes(&reply.body);
    let document = load_response(reply.body).map_err(|e| ApiError::BadBody {
        status,
        detail: e.to_string(),
        first_bytes: head.clone(),
    })?;
    let error = document.error.as_ref().map(ErrorChain::read);
    if !document.has_table {
        return Err(match error {
            Some(error) => ApiError::Http {
                status,
                code: error.innermost_code().to_owned(),
                message: error.words(),
                request_id: error.correlation_id.clone(),
            },
            None => ApiError::BadBody {
                status,
                detail: "no tables in the answer".into(),
                first_bytes: head,
            },
        });
    }
    let warnings = error
        .map(|e| format!("partial result ({}): {}", e.code, e.detail_words()))
        .into_iter()
        .collect();
    Ok(WorkspaceAnswer {
        result: document.result,
        stats: document.stats.as_ref().map(ServerStats::from_json),
        render: document.render,
        warnings,
    })
}

/// An error with its `innererror` chain (and a PartialError's `details`), outermost first.
#[derive(Debug, Default)]
struct ErrorChain {
    code: String,
    correlation_id: Option<String>,
    /// (code, message, line, pos) from the outermost to the innermost.
    levels: Vec<(String, String, Option<u64>, Option<u64>)>,
    /// The innermost words of each of `details`.
    details: Vec<String>,
}

impl ErrorChain {
    fn read(json: &Json) -> ErrorChain {
        let text = |j: &Json, k: &str| {
            member(j, k)
                .map(|v| match v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default()
        };
        let mut chain = ErrorChain {
            code: text(json, "code"),
            correlation_id: Some(text(json, "correlationId")).filter(|s| !s.is_empty()),
            ..ErrorChain::default()
        };
        let mut level = Some(json);
        // An answer's nesting is short; the bound keeps a hostile one from looping long.
        for _ in 0..16 {
            let Some(j) = level else { break };
            chain.levels.push((
                text(j, "code"),
                text(j, "message"),
                member(j, "line").and_then(Json::as_u64),
                member(j, "pos").and_then(Json::as_u64),
            ));
            level = member(j, "innererror");
        }
        if let Some(details) = member(json, "details").and_then(Json::as_array) {
            for detail in details.iter().take(16) {
                let inner = ErrorChain::read(detail);
                chain.details.push(inner.innermost_words());
            }
        }
        chain
    }

    fn innermost_code(&self) -> &str {
        self.levels
            .iter()
            .rev()
            .map(|l| l.0.as_str())
            .find(|c| !c.is_empty() && !c.starts_with('-'))
            .unwrap_or(&self.code)
    }

    fn innermost_words(&self) -> String {
        self.levels
            .iter()
            .rev()
            .map(|l| l.1.as_str())
            .find(|m| !m.is_empty())
            .map(|m| safe_text(m).into_owned())
            .unwrap_or_default()
    }

    /// The outer message, the innermost one, and where in the query, as the editor reads it
    /// (`[line 2, column 3]`; the service's `pos` counts from 0, the editor's columns from 1).
    fn words(&self) -> String {
        let outer = self
            .levels
            .first()
            .map(|l| safe_text(&l.1).into_owned())
            .unwrap_or_default();
        let inner = self.innermost_words();
        let mut words = if inner.is_empty() || inner == outer {
            outer
        } else if outer.is_empty() {
            inner
        } else {
            format!("{outer}: {inner}")
        };
        if let Some(at) = self.place() {
            let line = at.line + 1;
            words.push_str(&format!(" [line {line}, column {}]", at.column));
        }
        words
    }

    /// The innermost place given: `line` counts from 1, `pos` from 0.
    fn place(&self) -> Option<QueryPosition> {
        let (line, pos) = self.levels.iter().rev().find_map(|l| l.2.zip(l.3))?;
        QueryPosition::from_one_based(
            usize::try_from(line).ok()?,
            usize::try_from(pos.saturating_add(1)).ok()?,
        )
    }

    fn detail_words(&self) -> String {
        match self.details.iter().find(|d| !d.is_empty()) {
            Some(detail) => detail.clone(),
            None => self.words(),
        }
    }
}

/// A member by name, ignoring case (`innererror`, `innerError`).
fn member<'a>(json: &'a Json, name: &str) -> Option<&'a Json> {
    json.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests;
