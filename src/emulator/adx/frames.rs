//! The demo cluster's answers in Kusto's v2 shape: a data set header, the query properties
//! (the `Visualization` a `render` asked for), the primary result as one table or as fragments,
//! the completion information with the engine's measured statistics, and the completion.

use serde_json::json;

use super::body::ChunkWriter;
use crate::emulator::shape::{infer, write_cell};
use crate::engine::Table;
use crate::results::value::write_json_string;
use crate::results::ColumnKind;

/// Where a failure after rows is reported (`results_error_reporting_placement`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    InData,
    EndOfTable,
}

/// How the primary result goes out.
#[derive(Clone, Debug)]
pub struct Plan {
    pub progressive: bool,
    /// Past this many rows the table is sent in fragments of this size.
    pub fragment_rows: usize,
    /// The most records sent (`truncationmaxrecords`); past it, E_QUERY_RESULT_SET_TOO_LARGE.
    pub max_records: usize,
    pub placement: Placement,
    pub request_id: String,
}

fn frame(w: &mut ChunkWriter, json: serde_json::Value) {
    w.text().push_str(&json.to_string());
}

/// A OneApiError as the service writes it in a 200.
pub fn one_api_error(code: &str, kind: &str, message: &str, request_id: &str) -> serde_json::Value {
    json!({"error": {
        "code": code,
        "message": "Request is invalid and cannot be executed.",
        "@type": kind,
        "@message": message,
        "@context": { "serviceAlias": "KQLHUNT-DEMO", "clientRequestId": request_id },
        "@permanent": false,
    }})
}

fn header(w: &mut ChunkWriter, plan: &Plan, fragmented: bool) {
    let placement = match plan.placement {
        Placement::InData => "InData",
        Placement::EndOfTable => "EndOfTable",
    };
    w.text().push('[');
    frame(
        w,
        json!({"FrameType": "DataSetHeader", "IsProgressive": plan.progressive, "Version": "v2.0", "IsFragmented": fragmented, "ErrorReportingPlacement": placement}),
    );
}

/// A 200 that failed before any table: the header, then the completion carrying the error.
pub fn write_failure(w: &mut ChunkWriter, plan: &Plan, error: serde_json::Value) {
    header(w, plan, false);
    w.text().push(',');
    frame(
        w,
        json!({"FrameType": "DataSetCompletion", "HasErrors": true, "Cancelled": false, "OneApiErrors": [error]}),
    );
    w.text().push(']');
    w.flush();
}

/// The whole answer for `table`. `render` is the query's `render` text; `stats` the engine's
/// measured `QueryResourceConsumption` payload.
pub fn write_answer(
    w: &mut ChunkWriter,
    table: &Table,
    render: Option<&str>,
    plan: &Plan,
    stats: &serde_json::Value,
) {
    let sent = table.len().min(plan.max_records);
    let too_large = table.len() > plan.max_records;
    let fragmented = plan.progressive || sent > plan.fragment_rows;
    header(w, plan, fragmented);
    let visualization = json!({
        "Visualization": render.and_then(|r| r.split_whitespace().next()),
        "Title": null, "XColumn": null, "Series": null, "YColumns": null,
    });
    w.text().push(',');
    frame(
        w,
        json!({"FrameType": "DataTable", "TableId": 0, "TableKind": "QueryProperties", "TableName": "@ExtendedProperties",
        "Columns": [{"ColumnName": "TableId", "ColumnType": "int"}, {"ColumnName": "Key", "ColumnType": "string"}, {"ColumnName": "Value", "ColumnType": "dynamic"}],
        "Rows": [[1, "Visualization", visualization.to_string()]]}),
    );
    let error = too_large.then(|| {
        one_api_error(
            "LimitsExceeded",
            "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException",
            &format!("Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of {} records, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003). See https://aka.ms/kustoquerylimits for more information and possible solutions..", plan.max_records),
            &plan.request_id,
        )
    });
    let columns = columns_json(table);
    let in_data = error
        .as_ref()
        .filter(|_| plan.placement == Placement::InData || !fragmented);
    if fragmented {
        w.text().push(',');
        frame(
            w,
            json!({"FrameType": "TableHeader", "TableId": 1, "TableKind": "PrimaryResult", "TableName": "PrimaryResult", "Columns": columns}),
        );
        let step = plan.fragment_rows.max(1);
        let mut from = 0;
        while from < sent || from == 0 {
            let to = (from + step).min(sent);
            w.text().push_str(r#",{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":["#);
            rows(w, table, from, to);
            if to == sent {
                if let Some(e) = in_data {
                    w.text().push_str(&format!(
                        "{}{{\"OneApiErrors\":[{e}]}}",
                        if sent > 0 { "," } else { "" }
                    ));
                }
            }
            w.text().push_str("]}");
            if plan.progressive {
                let percent = if sent == 0 {
                    100.0
                } else {
                    to as f64 * 100.0 / sent as f64
                };
                w.text().push(',');
                frame(
                    w,
                    json!({"FrameType": "TableProgress", "TableId": 1, "TableProgress": percent}),
                );
            }
            w.flush_if_full();
            if !w.open || to == sent {
                break;
            }
            from = to;
        }
        let mut completion =
            json!({"FrameType": "TableCompletion", "TableId": 1, "RowCount": sent});
        if let Some(e) = error
            .as_ref()
            .filter(|_| plan.placement == Placement::EndOfTable)
        {
            completion["OneApiErrors"] = json!([e]);
        }
        w.text().push(',');
        frame(w, completion);
    } else {
        w.text().push(',');
        let head = json!({"FrameType": "DataTable", "TableId": 1, "TableKind": "PrimaryResult", "TableName": "PrimaryResult", "Columns": columns}).to_string();
        // The rows are written straight after the columns, cell by cell.
        w.text().push_str(&head[..head.len() - 1]);
        w.text().push_str(",\"Rows\":[");
        rows(w, table, 0, sent);
        if let Some(e) = in_data {
            w.text().push_str(&format!(
                "{}{{\"OneApiErrors\":[{e}]}}",
                if sent > 0 { "," } else { "" }
            ));
        }
        w.text().push_str("]}");
    }
    // As the recorded answers do, a failure ends the data set without completion information.
    if error.is_none() {
        w.text().push(',');
        completion_information(w, plan, stats);
    }
    let mut done =
        json!({"FrameType": "DataSetCompletion", "HasErrors": error.is_some(), "Cancelled": false});
    if let Some(e) = error {
        done["OneApiErrors"] = json!([e]);
    }
    w.text().push(',');
    frame(w, done);
    w.text().push(']');
    w.flush();
}

fn columns_json(table: &Table) -> serde_json::Value {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let kind = if c.kind == ColumnKind::Unknown {
                infer(table, i)
            } else {
                c.kind
            };
            json!({"ColumnName": c.name, "ColumnType": kind.kql_name()})
        })
        .collect()
}

fn rows(w: &mut ChunkWriter, table: &Table, from: usize, to: usize) {
    for row in from..to {
        let out = w.text();
        if row > from {
            out.push(',');
        }
        out.push('[');
        for c in 0..table.columns.len() {
            if c > 0 {
                out.push(',');
            }
            write_cell(out, table.get(row, c), false);
        }
        out.push(']');
        w.flush_if_full();
        if !w.open {
            return;
        }
    }
}

fn completion_information(w: &mut ChunkWriter, plan: &Plan, stats: &serde_json::Value) {
    let now = crate::results::datetime::format_ticks(crate::results::datetime::now_ticks());
    let row = |level: i64, name: &str, event: i64, event_name: &str, payload: String| {
        json!([
            now,
            plan.request_id,
            null,
            null,
            null,
            level,
            name,
            0,
            "S_OK (0)",
            event,
            event_name,
            payload
        ])
    };
    let columns: Vec<serde_json::Value> = [
        ("Timestamp", "datetime"),
        ("ClientRequestId", "string"),
        ("ActivityId", "guid"),
        ("SubActivityId", "guid"),
        ("ParentActivityId", "guid"),
        ("Level", "int"),
        ("LevelName", "string"),
        ("StatusCode", "int"),
        ("StatusCodeName", "string"),
        ("EventType", "int"),
        ("EventTypeName", "string"),
        ("Payload", "string"),
    ]
    .iter()
    .map(|(n, t)| json!({"ColumnName": n, "ColumnType": t}))
    .collect();
    let mut text = String::new();
    write_json_string(&mut text, "Query completed successfully");
    frame(
        w,
        json!({"FrameType": "DataTable", "TableId": 2, "TableKind": "QueryCompletionInformation", "TableName": "QueryCompletionInformation",
        "Columns": columns,
        "Rows": [
            row(4, "Info", 4, "QueryInfo", format!("{{\"Count\":1,\"Text\":{text}}}")),
            row(6, "Stats", 0, "QueryResourceConsumption", stats.to_string()),
        ]}),
    );
}
