//! Answers in Log Analytics' own shape (response-format.md, prefer-options.md): `tables` with
//! positional rows, KQL type names, dynamic cells as strings holding JSON; `statistics.query`
//! in camelCase and `render` when the request's `Prefer` asks for them; errors as
//! `BadArgumentError` → `SyntaxError`/`SemanticError` → the engine's code with `line`/`pos`.

use std::time::Duration;

use serde_json::{json, Value as Json};

use crate::api::{CacheStats, ServerStats};
use crate::engine::{Scalar, Table};
use crate::results::value::write_json_string;
use crate::results::ColumnKind;
use crate::text::format_dotnet_timespan;

/// `"tables":[...]` with the primary result.
pub fn tables_json(table: &Table) -> String {
    let mut out = String::with_capacity(256 + table.len() * 48 * table.columns.len().max(1));
    out.push_str("\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[");
    for (i, column) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let kind = match column.kind {
            ColumnKind::Unknown => ColumnKind::Text,
            kind => kind,
        };
        out.push_str("{\"name\":");
        write_json_string(&mut out, &column.name);
        out.push_str(&format!(",\"type\":\"{}\"}}", kind.kql_name()));
    }
    out.push_str("],\"rows\":[");
    for row in 0..table.len() {
        if row > 0 {
            out.push(',');
        }
        out.push('[');
        for c in 0..table.columns.len() {
            if c > 0 {
                out.push(',');
            }
            write_cell(&mut out, table.get(row, c));
        }
        out.push(']');
    }
    out.push_str("]}]");
    out
}

fn write_cell(out: &mut String, value: &Scalar) {
    match value {
        Scalar::Null => out.push_str("null"),
        Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Scalar::Long(n) => out.push_str(&n.to_string()),
        Scalar::Real(x) if x.is_finite() => out.push_str(&x.to_string()),
        Scalar::Real(x) => write_json_string(out, &x.to_string()),
        // The service sends a dynamic value as the text of its JSON.
        Scalar::Dynamic(j) => write_json_string(out, &j.to_string()),
        other => write_json_string(out, &other.to_text().unwrap_or_default()),
    }
}

/// `statistics.query` in Log Analytics' casing, CPU as .NET time spans.
pub fn statistics_json(s: &ServerStats) -> Json {
    let span = |d: Option<Duration>| d.map(format_dotnet_timespan);
    let cache = |c: &CacheStats| json!({ "hits": c.hits, "misses": c.misses, "total": c.total });
    json!({
        "query": {
            "executionTime": s.execution_time.map(|d| d.as_secs_f64()),
            "resourceUsage": {
                "cache": { "memory": cache(&s.memory_cache), "disk": cache(&s.disk_cache) },
                "cpu": { "user": span(s.cpu_user), "kernel": span(s.cpu_kernel), "totalCpu": span(s.cpu_total) },
                "memory": { "peakPerNode": s.peak_memory_per_node },
            },
            "inputDatasetStatistics": {
                "extents": { "total": s.extents.total, "scanned": s.extents.scanned },
                "rows": { "total": s.rows.total, "scanned": s.rows.scanned },
            },
            "datasetStatistics": s.datasets.iter().map(|d| json!({
                "tableRowCount": d.table_row_count, "tableSize": d.table_size,
            })).collect::<Vec<_>>(),
        }
    })
}

/// `render` from the query's `render` operator text (`timechart with (title="x")`), every key
/// the service writes present, unset ones null (`yMin`/`yMax` "NaN", as it writes them).
pub fn render_json(text: &str) -> Json {
    let text = text.trim();
    let (visualization, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let mut render = json!({
        "visualization": visualization, "title": null, "accumulate": false,
        "isQuerySorted": false, "kind": null, "legend": null, "series": null,
        "yMin": "NaN", "yMax": "NaN", "xAxis": null, "xColumn": null, "xTitle": null,
        "yAxis": null, "yColumns": null, "ySplit": null, "yTitle": null, "anomalyColumns": null,
    });
    let inside = rest
        .trim()
        .strip_prefix("with")
        .map(str::trim)
        .and_then(|r| r.strip_prefix('('))
        .and_then(|r| r.rsplit_once(')'))
        .map_or("", |(inner, _)| inner);
    for property in split_properties(inside) {
        let Some((name, value)) = property.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let key = match name.trim().to_ascii_lowercase().as_str() {
            "title" => "title",
            "kind" => "kind",
            "legend" => "legend",
            "series" => "series",
            "xcolumn" => "xColumn",
            "ycolumns" => "yColumns",
            "xtitle" => "xTitle",
            "ytitle" => "yTitle",
            "xaxis" => "xAxis",
            "yaxis" => "yAxis",
            "ysplit" => "ySplit",
            "ymin" => "yMin",
            "ymax" => "yMax",
            "accumulate" => "accumulate",
            _ => continue,
        };
        render[key] = match key {
            "accumulate" => Json::Bool(value.eq_ignore_ascii_case("true")),
            _ => Json::String(value.to_owned()),
        };
    }
    render
}

/// `a=1, title="x, y"`: commas inside quotes do not split.
fn split_properties(text: &str) -> Vec<&str> {
    let (mut parts, mut start, mut quote) = (Vec::new(), 0, None);
    for (i, c) in text.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            (',', None) => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The query's fault inside a `BadArgumentError`: `SyntaxError` or `SemanticError`, the
/// engine's words and (line from 1, column from 1); the service gives `pos` from 0.
pub struct QueryFault<'a> {
    pub kind: &'a str,
    pub words: &'a str,
    pub place: Option<(usize, usize)>,
}

/// An error in the service's nesting.
pub fn error(
    code: &str,
    message: &str,
    inner: Option<QueryFault<'_>>,
    correlation_id: &str,
) -> String {
    let mut error = json!({ "message": message, "code": code, "correlationId": correlation_id });
    if let Some(QueryFault { kind, words, place }) = inner {
        let mut innermost = json!({
            "code": if kind == "SyntaxError" { "SYN0002" } else { "SEM0100" },
            "message": words,
        });
        if let Some((line, column)) = place {
            innermost["line"] = json!(line);
            innermost["pos"] = json!(column.saturating_sub(1));
        }
        error["innererror"] = json!({
            "code": kind,
            "message": if kind == "SyntaxError" { "A recognition error occurred in the query." } else { "A semantic error occurred." },
            "innererror": innermost,
        });
    }
    json!({ "error": error }).to_string()
}

/// A 200's `PartialError` when the answer was cut at the record limit: the rows before it
/// are kept, the engine's error sits in `details[].innererror` (its HRESULT as a decimal).
pub fn result_too_large(limit: usize, correlation_id: &str) -> Json {
    json!({
        "code": "PartialError",
        "message": "There were some errors when processing your query.",
        "correlationId": correlation_id,
        "details": [{
            "code": "EngineError",
            "message": "Something went wrong processing your query on the server.",
            "innererror": {
                // 0x80DA0003 as a signed 32-bit number, as the service writes it.
                "code": "-2133196797",
                "message": format!("Query result set has exceeded the internal record count limit {limit} (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)"),
                "severity": 2,
                "severityName": "Error",
            }
        }]
    })
}

/// The 504 when a query runs past the wait (timeouts.md): `GatewayTimeout` twice over.
pub fn gateway_timeout(wait_seconds: u64, correlation_id: &str) -> String {
    json!({"error": {
        "message": "Gateway timeout",
        "code": "GatewayTimeout",
        "correlationId": correlation_id,
        "innererror": {
            "code": "GatewayTimeout",
            "message": format!("The query ran past the wait of {wait_seconds} seconds"),
        }
    }})
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_reads_the_operator_properties() {
        let r = render_json("timechart with (title=\"Failed, last 12h\", ycolumns=FailedAttempts)");
        assert_eq!(r["visualization"], "timechart");
        assert_eq!(r["title"], "Failed, last 12h");
        assert_eq!(r["yColumns"], "FailedAttempts");
        assert_eq!(r["yMin"], "NaN");
        assert_eq!(render_json("piechart")["visualization"], "piechart");
    }
}
