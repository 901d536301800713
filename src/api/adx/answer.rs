//! What a v2 answer means once its frames are read: the hunter's rows, the server's
//! statistics, the render hint, and every way a 200 can still say something went wrong
//! (errors in the rows, on a table's completion, on the data set's, and `Level` ≤ 2 rows of
//! `QueryCompletionInformation`).

use serde_json::Value as Json;

use super::failure::{explain, read_error};
use crate::api::error::ApiError;
use crate::api::stats::ServerStats;
use crate::api::QueryPosition;
use crate::results::frames::{FrameDocument, FrameTable};
use crate::results::{ResultSet, Value};

/// A 200 read into what the outcome carries.
#[derive(Debug)]
pub struct Understood {
    pub result: ResultSet,
    pub stats: Option<ServerStats>,
    pub render: Option<Json>,
    /// Partial failures and oddities, worded; the rows that arrived are kept.
    pub warnings: Vec<String>,
}

/// Turns a read answer into rows and warnings, or the error when no rows came at all.
pub fn understand(doc: FrameDocument, request_id: &str) -> Result<Understood, ApiError> {
    let mut problems: Vec<(String, String, Option<QueryPosition>)> = Vec::new();
    let mut add = |code: String, message: String, at: Option<QueryPosition>| {
        if !problems.iter().any(|(_, m, _)| *m == message) {
            problems.push((code, message, at));
        }
    };
    for error in &doc.errors {
        let e = read_error(&error.error);
        add(e.code, e.message, e.at);
    }
    let completion = doc.table_of_kind("QueryCompletionInformation");
    for (code, message) in completion.map(serious_events).unwrap_or_default() {
        add(code, message, None);
    }
    let stats = completion.and_then(resource_consumption);
    let render = doc.table_of_kind("QueryProperties").and_then(visualization);
    let mut warnings: Vec<String> = Vec::new();
    if let Some(done) = doc.completion {
        if done.has_errors && problems.is_empty() {
            warnings.push(
                "the cluster says the answer has errors but named none: the rows may be incomplete"
                    .into(),
            );
        }
        if done.cancelled {
            warnings.push("the cluster cancelled the query: the rows may be incomplete".into());
        }
    } else {
        warnings.push(
            "the answer ended without its DataSetCompletion: the rows may be incomplete".into(),
        );
    }
    warnings.extend(doc.notes.iter().cloned());
    let primary = doc.tables.into_iter().find(|t| t.kind == "PrimaryResult");
    let Some(primary) = primary.filter(|p| p.result.row_count() > 0 || problems.is_empty()) else {
        // Nothing to show: the failure is the answer.
        return Err(match problems.into_iter().next() {
            Some((code, message, at)) => ApiError::Query {
                status: 200,
                code,
                message,
                request_id: Some(request_id.to_owned()),
                at,
            },
            None => ApiError::BadBody {
                status: 200,
                detail: "the answer has no PrimaryResult table".into(),
                first_bytes: String::new(),
            },
        });
    };
    let mut all = problems
        .into_iter()
        .map(|(_, m, _)| format!("the answer is incomplete: {m}"))
        .collect::<Vec<_>>();
    all.extend(warnings);
    Ok(Understood {
        result: primary.result,
        stats,
        render,
        warnings: all,
    })
}

/// Text of a cell by column name.
fn cell<'t>(table: &'t FrameTable, row: usize, column: &str) -> Option<Value<'t>> {
    let c = table.result.column_index(column)?;
    Some(table.result.cell(row, c))
}

fn text_of(value: Option<Value<'_>>) -> Option<String> {
    match value? {
        Value::Text(s) => Some(s.to_owned()),
        // A JSON string in a dynamic column (`@ExtendedProperties` Value).
        Value::Dynamic(json) => match serde_json::from_str::<Json>(json).ok()? {
            Json::String(s) => Some(s),
            other => Some(other.to_string()),
        },
        _ => None,
    }
}

/// Rows of `Level` 2 or less (Critical, Error) and 3 (Warning), worded.
fn serious_events(table: &FrameTable) -> Vec<(String, String)> {
    (0..table.result.row_count())
        .filter_map(|row| {
            let level = match cell(table, row, "Level")? {
                Value::Long(n) => n,
                _ => return None,
            };
            if level > 3 {
                return None;
            }
            let payload = text_of(cell(table, row, "Payload")).unwrap_or_default();
            let said = serde_json::from_str::<Json>(&payload)
                .ok()
                .and_then(|p| p.get("Text").and_then(Json::as_str).map(str::to_owned))
                .unwrap_or(payload);
            let status = text_of(cell(table, row, "StatusCodeName")).unwrap_or_default();
            let kind = text_of(cell(table, row, "EventTypeName")).unwrap_or_default();
            let message = if said.trim().is_empty() { status } else { said };
            Some((kind, explain(&crate::results::display::safe_text(&message))))
        })
        .collect()
}

/// The `QueryResourceConsumption` row's payload: the server's statistics.
fn resource_consumption(table: &FrameTable) -> Option<ServerStats> {
    (0..table.result.row_count()).find_map(|row| {
        let kind = text_of(cell(table, row, "EventTypeName"))?;
        if kind != "QueryResourceConsumption" {
            return None;
        }
        let payload: Json = serde_json::from_str(&text_of(cell(table, row, "Payload"))?).ok()?;
        Some(ServerStats::from_json(&payload))
    })
}

/// The `Visualization` property, when the query rendered a chart (`| render ...`).
fn visualization(table: &FrameTable) -> Option<Json> {
    (0..table.result.row_count()).find_map(|row| {
        if text_of(cell(table, row, "Key"))? != "Visualization" {
            return None;
        }
        let value: Json = serde_json::from_str(&text_of(cell(table, row, "Value"))?).ok()?;
        value
            .get("Visualization")
            .is_some_and(|v| !v.is_null())
            .then_some(value)
    })
}
