//! Property tests, with proptest's default case count: random durations, random JSON and
//! random bytes through the loader, the writers and the grid, and random answers through the
//! client's reply parsing. Whatever arrives, nothing panics, and no wait exceeds an hour.

use std::time::{Duration, SystemTime};

use kqlhunt::api::{parse_again_in, read_reply, ApiError, Flavor, Reply, ServerStats};
use kqlhunt::outside_time::{self, LONGEST_WAIT};
use kqlhunt::results::load_response;
use kqlhunt::results::writers::{write_result, Format};
use kqlhunt::results::TableView;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Numbers as a hostile service writes them: tiny, huge, negative, not numbers at all.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::INFINITY),
        Just(f64::NAN),
        Just(1e300),
        Just(-1e300),
        Just(u64::MAX as f64),
        0.0..100_000.0f64,
    ]
}

fn any_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(json!("2026-11-20T06:38:35.7664356Z")),
        Just(json!("\u{1b}]52;c;ZXZpbA==\u{7}")),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    any_scalar().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const TYPES: &[&str] = &[
    "String", "Int64", "Int32", "Double", "Real", "DateTime", "Boolean", "SByte", "Dynamic",
    "Object", "Guid", "TimeSpan", "Weird",
];

/// A response of the hunting shape with random columns and rows, objects or arrays.
fn any_response() -> impl Strategy<Value = Value> {
    let column = ("[A-Za-z=+@-]{0,4}", prop::sample::select(TYPES))
        .prop_map(|(name, kind)| json!({ "Name": name, "Type": kind }));
    let row = prop_oneof![
        prop::collection::vec(any_json(), 0..6).prop_map(Value::Array),
        prop::collection::btree_map("[A-Za-z]{0,3}", any_json(), 0..6)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        any_scalar(),
    ];
    (
        prop::collection::vec(column, 0..6),
        prop::collection::vec(row, 0..8),
        any_json(),
    )
        .prop_map(|(schema, results, stats)| {
            json!({ "Stats": stats, "Schema": schema, "Results": results })
        })
}

/// Loads, then reads every cell, writes every format and sorts by every column.
fn exercise(bytes: Vec<u8>) {
    let Ok(document) = load_response(bytes) else {
        return;
    };
    let result = &document.result;
    if let Some(stats) = &document.stats {
        let _ = ServerStats::from_json(stats);
    }
    for column in result.columns() {
        for row in 0..result.row_count() {
            let _ = column.value(row).to_plain();
        }
    }
    for format in [
        Format::Table,
        Format::Csv,
        Format::Json,
        Format::Markdown,
        Format::Datatable,
    ] {
        let mut out = Vec::new();
        write_result(result, format, 80, &mut out).unwrap();
    }
    let mut json = Vec::new();
    write_result(result, Format::Json, 80, &mut json).unwrap();
    serde_json::from_slice::<serde::de::IgnoredAny>(&json).expect("JSON output is JSON");
    let mut view = TableView::for_result(result);
    for column in 0..result.column_count() + 1 {
        if let Some(request) = view.sort_by(Some((column, column % 2 == 0))) {
            view.take_order(request.compute(result));
        }
    }
}

proptest! {
    #[test]
    fn numbers_of_seconds_never_panic_and_waits_stay_within_an_hour(n in any_number()) {
        if let Some(wait) = outside_time::wait_seconds(n) {
            prop_assert!(wait.duration <= LONGEST_WAIT);
        }
        let _ = outside_time::seconds(n);
        let _ = outside_time::seconds_saturating(n);
        let _ = outside_time::unix_time(n);
        let now = SystemTime::now();
        let _ = outside_time::token_expiry_in(now, n as u64);
        prop_assert!(outside_time::token_expiry_at(now, n as u64) <= now + outside_time::LONGEST_TOKEN_LIFE);
    }

    #[test]
    fn a_429_never_asks_for_more_than_an_hour(
        header in prop_oneof![any_number().prop_map(|n| n.to_string()), ".{0,24}"],
        amount in prop_oneof![any_number().prop_map(|n| n.to_string()), "[0-9:.]{1,30}"],
        unit in prop::sample::select(vec!["seconds", "minutes", "hours", "", "days"]),
    ) {
        let message = format!("You can send requests again in {amount} {unit}.");
        if let Some(wait) = parse_again_in(&message) {
            prop_assert!(wait.duration <= LONGEST_WAIT);
        }
        let body = json!({ "error": { "code": "429", "message": message } }).to_string();
        let now = SystemTime::now();
        let reply = Reply {
            status: 429,
            content_type: "application/json",
            retry_after: Some(&header),
            body: body.into_bytes(),
        };
        match read_reply(reply, Flavor::Xdr, now) {
            Err(ApiError::Throttled { until, retry_after, .. }) => {
                prop_assert!(until <= now + LONGEST_WAIT);
                prop_assert!(retry_after.is_none_or(|d| d <= Duration::from_secs(3600)));
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn random_responses_load_or_fail_cleanly(response in any_response()) {
        exercise(response.to_string().into_bytes());
    }

    #[test]
    fn random_json_and_bytes_load_or_fail_cleanly(
        json in any_json(),
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        exercise(json.to_string().into_bytes());
        exercise(bytes);
    }

    #[test]
    fn random_answers_parse_into_rows_or_a_typed_error(
        status in 100u16..600,
        content_type in prop::sample::select(vec!["application/json", "text/html", ""]),
        retry_after in proptest::option::of(".{0,12}"),
        body in prop_oneof![
            any_response().prop_map(|v| v.to_string().into_bytes()),
            any_json().prop_map(|v| v.to_string().into_bytes()),
            prop::collection::vec(any::<u8>(), 0..64),
        ],
        flavor in prop::sample::select(vec![Flavor::Graph, Flavor::Xdr, Flavor::Mde]),
    ) {
        let now = SystemTime::now();
        let reply = Reply { status, content_type, retry_after: retry_after.as_deref(), body };
        match read_reply(reply, flavor, now) {
            Ok((_, stats)) => { let _ = stats; }
            Err(ApiError::Throttled { until, .. }) => prop_assert!(until <= now + LONGEST_WAIT),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
