//! Each documented answer, read from the samples in tests/data/log-analytics.
use super::*;
use crate::results::Value;

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/log-analytics/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap()
}

fn reply(status: u16, body: Vec<u8>) -> Reply<'static> {
    Reply {
        status,
        content_type: "application/json; charset=utf-8",
        retry_after: None,
        body,
    }
}

fn read(status: u16, name: &str) -> Result<WorkspaceAnswer, ApiError> {
    read_answer(
        reply(status, sample(name)),
        Duration::from_secs(180),
        SystemTime::now(),
    )
}

#[test]
fn every_column_type_reads_typed() {
    let answer = read(200, "ok-with-statistics-and-render.json").unwrap();
    let r = &answer.result;
    assert_eq!((r.row_count(), r.column_count()), (3, 10));
    assert_eq!(r.cell(0, 3), Value::Long(14));
    assert_eq!(r.cell(0, 5), Value::Real(0.87));
    assert_eq!(r.cell(1, 6), Value::Bool(false));
    let Value::Dynamic(json) = r.cell(0, 7) else {
        panic!("{:?}", r.cell(0, 7))
    };
    let location: Json = serde_json::from_str(json).unwrap();
    assert_eq!(
        location["city"], "Redmond",
        "a dynamic cell is its JSON, not a string"
    );
    assert_eq!(r.cell(2, 7), Value::Null);
    assert_eq!(r.cell(2, 4), Value::Null);
    assert_eq!(r.cell(1, 9), Value::Text("00:00:31"));
    assert_eq!(r.cell(2, 9), Value::Text("1.02:03:04.0050000"));
    assert_eq!(
        r.cell(0, 8),
        Value::Text("5f3b2c1a-8d4e-4a6f-9b0c-1e2d3f4a5b6c")
    );
    assert_eq!(r.cell(2, 0).to_plain(), "2026-11-20T03:55:41.0000000Z");
    let stats = answer.stats.unwrap();
    assert_eq!(stats.rows.scanned, Some(152_519));
    assert_eq!(answer.render.unwrap()["visualization"], "timechart");
    assert!(answer.warnings.is_empty());
}

#[test]
fn a_plain_answer_has_no_statistics_or_render() {
    let answer = read(200, "ok-plain.json").unwrap();
    assert!(answer.result.row_count() > 0);
    assert!(answer.stats.is_none() && answer.render.is_none());
}

#[test]
fn a_partial_error_keeps_the_rows_and_names_the_inner_error() {
    let answer = read(200, "partial-error.json").unwrap();
    assert_eq!(answer.result.row_count(), 2);
    let warning = answer.warnings.join("\n");
    assert!(
        warning.contains("PartialError")
            && warning.contains("exceeded the internal record count limit 500000"),
        "{warning}"
    );
}

#[test]
fn a_syntax_error_names_its_place_for_the_editor() {
    let error = read(400, "error-bad-argument.json").unwrap_err();
    assert_eq!(
        error.position(),
        Some(crate::api::QueryPosition { line: 1, column: 3 })
    );
    let text = error.to_string();
    assert!(
        text.contains("Query could not be parsed at 'whre' on line [2,2]"),
        "{text}"
    );
    assert!(
        text.contains("[line 2, column 3]"),
        "pos 2 counts from 0: {text}"
    );
    assert!(text.contains("SYN0002"), "{text}");
    assert!(
        text.contains("9c2d7e41-3b5a-4f86-a0d1-6e8f2b4c1a73"),
        "{text}"
    );
}

#[test]
fn a_semantic_error_keeps_the_engine_words() {
    let err = read(400, "error-bad-argument-semantic.json").unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ApiError::Query { .. }), "{text}");
    assert!(
        text.contains("SEM0100") && !text.contains("[line"),
        "{text}"
    );
}

#[test]
fn a_429_waits_as_retry_after_says() {
    let now = SystemTime::now();
    let r = Reply {
        retry_after: Some("12"),
        ..reply(429, sample("error-throttled-429.json"))
    };
    match read_answer(r, Duration::from_secs(180), now).unwrap_err() {
        ApiError::Throttled { until, message, .. } => {
            assert_eq!(until, now + Duration::from_secs(12));
            assert!(message.contains("Too many requests"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_504_says_which_wait_ran_out() {
    let text = read_answer(
        reply(504, sample("error-timeout-504.json")),
        Duration::from_secs(600),
        SystemTime::now(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        text.contains("HTTP 504") && text.contains("wait of 600 s"),
        "{text}"
    );
    assert!(text.contains("ADX query timed out"), "{text}");
}

#[test]
fn no_content_and_an_empty_200_have_their_meanings() {
    let none = read_answer(reply(204, Vec::new()), Duration::ZERO, SystemTime::now()).unwrap();
    assert_eq!(none.result.column_count(), 0);
    assert!(none.warnings[0].contains("no data"), "{:?}", none.warnings);
    let text = read_answer(reply(200, Vec::new()), Duration::ZERO, SystemTime::now())
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("no body") && text.contains("Content-Type"),
        "{text}"
    );
}
