//! The loader on each API's quirks and on broken input.
use super::*;
use crate::results::Value;

fn load(json: &str) -> ResponseDocument {
    load_response(json.as_bytes().to_vec()).unwrap()
}

#[test]
fn graph_sample_keeps_long_digits_nulls_and_dynamic_json() {
    let doc = load(include_str!("../../../tests/data/graph-ok.json"));
    let r = &doc.result;
    assert_eq!((r.row_count(), r.column_count()), (2, 5));
    assert_eq!(
        r.cell(0, 3),
        Value::Long(9_007_199_254_740_993),
        "2^53 + 1 stays exact"
    );
    assert_eq!(r.cell(1, 3), Value::Null);
    let Value::Dynamic(json) = r.cell(0, 4) else {
        panic!("{:?}", r.cell(0, 4))
    };
    let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        parsed,
        serde_json::json!({"Command": "Invoke-WebRequest", "Depth": [1, 2]})
    );
    assert_eq!(
        r.cell(1, 4),
        Value::Null,
        "a null dynamic is a null, not the text null"
    );
    assert_eq!(r.cell(0, 0).to_plain(), "2026-11-20T06:38:35.7664356Z");
    assert!(doc.stats.is_none());
}

#[test]
fn capitalised_schema_and_legacy_sbyte_booleans() {
    let graph = load(include_str!(
        "../../../tests/data/graph-ok-capitalised.json"
    ));
    assert_eq!(graph.result.column(1).name(), "DeviceName");
    assert_eq!(graph.result.cell(0, 1), Value::Text("ws-0001.contoso.com"));
    let mde = load(include_str!("../../../tests/data/mde-ok-sbyte.json"));
    let r = &mde.result;
    assert_eq!(r.column(1).declared_type(), "SByte");
    assert_eq!(
        (r.cell(0, 1), r.cell(1, 1)),
        (Value::Bool(false), Value::Bool(true))
    );
    assert_eq!(r.cell(0, 2), Value::Null);
    assert_eq!(r.cell(0, 3), Value::Long(123_456_789_012));
    assert!(mde.stats.is_some());
}

#[test]
fn keys_match_the_schema_ignoring_case_and_order() {
    let doc = load(
        r#"{"Schema":[{"Name":"A","Type":"Int64"},{"Name":"B","Type":"String"}],
        "Results":[{"b":"x","a":1},{"A":2},{"B":"y","EXTRA":true}]}"#,
    );
    let r = &doc.result;
    assert_eq!(r.column_count(), 3, "an unannounced key becomes a column");
    assert_eq!(
        (r.cell(0, 0), r.cell(0, 1)),
        (Value::Long(1), Value::Text("x"))
    );
    assert_eq!(
        (r.cell(1, 0), r.cell(1, 1)),
        (Value::Long(2), Value::Null),
        "a missing key is a null"
    );
    assert_eq!(r.column(2).name(), "EXTRA");
    assert_eq!(
        (r.cell(0, 2), r.cell(2, 2)),
        (Value::Null, Value::Text("true"))
    );
}

#[test]
fn results_before_schema_still_get_their_types() {
    let doc = load(
        r#"{"results":[{"T":"2026-01-01T00:00:00Z","N":5}],"schema":[{"name":"T","type":"DateTime"},{"name":"N","type":"Int32"}]}"#,
    );
    assert_eq!(
        doc.result.cell(0, 0),
        Value::DateTime(crate::results::datetime::parse_ticks("2026-01-01").unwrap())
    );
    assert_eq!(doc.result.cell(0, 1), Value::Long(5));
}

#[test]
fn values_of_the_wrong_type_are_shown_as_they_came() {
    let doc = load(
        r#"{"schema":[{"name":"N","type":"Int64"},{"name":"T","type":"DateTime"},{"name":"B","type":"Boolean"},{"name":"X","type":"Weird"}],
        "results":[{"N":"n/a","T":"not a date","B":7,"X":{"k":[1]}},{"N":18446744073709551615,"T":12,"B":"true","X":3.5}]}"#,
    );
    let r = &doc.result;
    assert_eq!(r.cell(0, 0), Value::Text("n/a"));
    assert_eq!(r.cell(0, 1), Value::Text("not a date"));
    assert_eq!(r.cell(0, 2), Value::Text("7"));
    assert_eq!(r.cell(0, 3), Value::Text(r#"{"k":[1]}"#));
    assert_eq!(
        r.cell(1, 0),
        Value::Text("18446744073709551615"),
        "beyond a long: every digit kept"
    );
    assert_eq!(r.cell(1, 1), Value::Text("12"));
    assert_eq!(r.cell(1, 2), Value::Bool(true));
    assert_eq!(r.cell(1, 3), Value::Text("3.5"));
}

#[test]
fn escaped_strings_and_array_rows() {
    let doc = load(
        r#"{"Schema":[{"Name":"S","Type":"String"}],"Results":[{"S":"tab\there \u001b[31m \"q\""},["second"]]}"#,
    );
    assert_eq!(
        doc.result.cell(0, 0),
        Value::Text("tab\there \x1b[31m \"q\"")
    );
    assert_eq!(doc.result.cell(1, 0), Value::Text("second"));
}

#[test]
fn empty_and_odd_documents() {
    let empty = load(r#"{"schema":[],"results":[]}"#);
    assert!(empty.has_table && empty.result.is_empty());
    let no_schema = load(r#"{"results":[{"A":1,"B":"x"}]}"#);
    assert_eq!(no_schema.result.column_count(), 2);
    assert_eq!(no_schema.result.cell(0, 0), Value::Text("1"));
    let error = load(r#"{"error":{"code":"BadRequest","message":"m"}}"#);
    assert!(!error.has_table && error.error.is_some());
}

#[test]
fn broken_documents_are_errors_not_panics() {
    assert!(matches!(
        load_response(include_bytes!("../../../tests/data/xdr-truncated.json").to_vec()),
        Err(LoadError::Truncated { .. })
    ));
    for bad in [
        &b""[..],
        b"[]",
        b"{\"Schema\":5}",
        b"{\"Schema\":[{\"Type\":\"String\"}]}",
        b"{\"Results\":[1]}",
        b"\xff\xfe",
        b"{} trailing",
        b"{\"Results\":{}}",
    ] {
        assert!(
            load_response(bad.to_vec()).is_err(),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn a_positional_row_longer_than_the_schema_keeps_each_value_in_a_column_of_its_own() {
    let doc = load(
        r#"{"Schema":[{"Name":"Column2","Type":"String"}],"Results":[["a","b"],["c"],["d","e","f"]]}"#,
    );
    let r = &doc.result;
    assert_eq!(r.column_count(), 3, "one column per value, none more");
    assert_eq!(r.column(0).name(), "Column2");
    let names: Vec<String> = r
        .columns()
        .iter()
        .map(|c| c.name().to_ascii_lowercase())
        .collect();
    assert!(
        names[1] != names[0] && names[2] != names[0] && names[2] != names[1],
        "names stay distinct: {names:?}"
    );
    assert_eq!(
        (r.cell(0, 0), r.cell(0, 1), r.cell(0, 2)),
        (Value::Text("a"), Value::Text("b"), Value::Null)
    );
    assert_eq!(
        (r.cell(1, 0), r.cell(1, 1)),
        (Value::Text("c"), Value::Null)
    );
    assert_eq!(r.cell(2, 2), Value::Text("f"));
}

#[test]
fn a_full_positional_row_adds_no_phantom_column() {
    let doc = load(
        r#"{"Schema":[{"Name":"A","Type":"Int64"},{"Name":"B","Type":"String"}],"Results":[[1,"x"],[2,"y"]]}"#,
    );
    assert_eq!(doc.result.column_count(), 2);
    let empty = load(r#"{"Schema":[],"Results":[[],[]]}"#);
    assert_eq!(empty.result.column_count(), 0);
    let short = load(r#"{"Schema":[{"Name":"S","Type":"String"}],"Results":[["only"]]}"#);
    assert_eq!(short.result.column_count(), 1);
}

#[test]
fn integers_beyond_64_bits_keep_their_digits() {
    let doc = load(
        r#"{"Schema":[{"Name":"N","Type":"Int64"},{"Name":"R","Type":"Double"}],
        "Results":[{"N":18446744073709551616,"R":-123456789012345678901234567890},{"N":1e400,"R":1e400}]}"#,
    );
    let r = &doc.result;
    assert_eq!(r.cell(0, 0), Value::Text("18446744073709551616"));
    assert_eq!(r.cell(0, 1), Value::Text("-123456789012345678901234567890"));
    assert_eq!(
        r.cell(1, 0),
        Value::Text("1e400"),
        "beyond a double: as sent"
    );
    assert_eq!(r.cell(1, 1), Value::Text("1e400"));
}
