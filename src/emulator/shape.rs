//! Answers in each API's own shape: Graph's `schema`/`results`, the legacy APIs' `Stats`,
//! `Schema` and `Results` (booleans as SByte 0/1 on Defender for Endpoint).

use std::time::Duration;

use crate::api::{CacheStats, Flavor, ServerStats};
use crate::engine::table::api_type_name;
use crate::engine::{Scalar, Table};
use crate::results::value::write_json_string;
use crate::results::ColumnKind;
use crate::text::format_dotnet_timespan;

/// The whole answer. On the legacy shapes, `Stats` carries what the emulator measured
/// (`statistics.rs`), given the result's size in bytes.
pub fn body(table: &Table, flavor: Flavor, stats: impl FnOnce(usize) -> ServerStats) -> String {
    let rows = rows_json(table, flavor);
    let head = if flavor.is_graph() {
        "\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults\",".to_owned()
    } else {
        format!("\"Stats\":{},", legacy_stats(&stats(rows.len())))
    };
    format!("{{{head}{rows}}}")
}

/// `Stats` as the legacy Defender APIs write it: snake case, CPU as .NET time spans.
fn legacy_stats(s: &ServerStats) -> serde_json::Value {
    let span = |d: Option<Duration>| d.map(format_dotnet_timespan);
    let cache = |c: &CacheStats| serde_json::json!({ "hits": c.hits, "misses": c.misses, "total": c.total });
    serde_json::json!({
        "ExecutionTime": s.execution_time.map(|d| d.as_secs_f64()),
        "resource_usage": {
            "cache": { "memory": cache(&s.memory_cache), "disk": cache(&s.disk_cache) },
            "cpu": { "user": span(s.cpu_user), "kernel": span(s.cpu_kernel), "total cpu": span(s.cpu_total) },
            "memory": { "peak_per_node": s.peak_memory_per_node },
        },
        "input_dataset_statistics": {
            "extents": { "total": s.extents.total, "scanned": s.extents.scanned },
            "rows": { "total": s.rows.total, "scanned": s.rows.scanned },
        },
        "dataset_statistics": s.datasets.iter().map(|d| serde_json::json!({
            "table_row_count": d.table_row_count, "table_size": d.table_size,
        })).collect::<Vec<_>>(),
    })
}

/// `"schema":[...],"results":[...]` in the flavor's casing.
fn rows_json(table: &Table, flavor: Flavor) -> String {
    let mut out = String::with_capacity(256 + table.len() * 64 * table.columns.len().max(1));
    let sbyte = flavor == Flavor::Mde;
    let (schema_key, results_key, name_key, type_key) = if flavor.is_graph() {
        ("schema", "results", "name", "type")
    } else {
        ("Schema", "Results", "Name", "Type")
    };
    out.push_str(&format!("\"{schema_key}\":["));
    for (i, column) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let kind = if column.kind == ColumnKind::Unknown {
            infer(table, i)
        } else {
            column.kind
        };
        let type_name = if sbyte && kind == ColumnKind::Bool {
            "SByte"
        } else {
            api_type_name(kind)
        };
        out.push_str(&format!("{{\"{name_key}\":"));
        write_json_string(&mut out, &column.name);
        out.push_str(&format!(",\"{type_key}\":\"{type_name}\"}}"));
    }
    out.push_str(&format!("],\"{results_key}\":["));
    for row in 0..table.len() {
        if row > 0 {
            out.push(',');
        }
        out.push('{');
        for (c, column) in table.columns.iter().enumerate() {
            if c > 0 {
                out.push(',');
            }
            write_json_string(&mut out, &column.name);
            out.push(':');
            write_cell(&mut out, table.get(row, c), sbyte);
        }
        out.push('}');
    }
    out.push(']');
    out
}

pub(super) fn infer(table: &Table, column: usize) -> ColumnKind {
    (0..table.len())
        .map(|r| table.get(r, column))
        .find(|v| !v.is_null())
        .map_or(ColumnKind::Text, Scalar::kind)
}

pub(super) fn write_cell(out: &mut String, value: &Scalar, sbyte: bool) {
    match value {
        Scalar::Null => out.push_str("null"),
        Scalar::Bool(b) if sbyte => out.push_str(if *b { "1" } else { "0" }),
        Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Scalar::Long(n) => out.push_str(&n.to_string()),
        Scalar::Real(x) if x.is_finite() => out.push_str(&x.to_string()),
        Scalar::Real(_) => out.push_str("null"),
        Scalar::Dynamic(j) => out.push_str(&j.to_string()),
        other => write_json_string(out, &other.to_text().unwrap_or_default()),
    }
}

/// An error envelope: Graph's (`innerError` with a request id) or Defender's (`target`).
pub fn error(flavor: Option<Flavor>, code: &str, message: &str, request_id: &str) -> String {
    let mut m = String::new();
    write_json_string(&mut m, message);
    match flavor {
        Some(f) if f.is_graph() => format!(
            "{{\"error\":{{\"code\":\"{code}\",\"message\":{m},\"innerError\":{{\"date\":\"{}\",\"request-id\":\"{request_id}\",\"client-request-id\":\"{request_id}\"}}}}}}",
            crate::results::datetime::format_ticks(crate::results::datetime::now_ticks())
        ),
        _ => format!("{{\"error\":{{\"code\":\"{code}\",\"message\":{m},\"target\":\"|{request_id}.\"}}}}"),
    }
}
