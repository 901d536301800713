//! The demo tenant's data as a hunter meets it through the engine: ingestion times, and
//! tables beyond the endpoints that answer ordinary hunts.

use std::sync::Arc;

use kqlhunt::engine::{Engine, Limits};
use kqlhunt::results::datetime::now_ticks;
use kqlhunt::results::Value;

fn engine() -> (Engine, i64) {
    let now = now_ticks();
    let data = kqlhunt::emulator::data::generate(3, 0.2, now);
    (Engine::new(Arc::new(data)), now)
}

/// The single number a `count` query answers.
fn count(engine: &Engine, now: i64, query: &str) -> i64 {
    let answer = engine
        .run(query, now, &Limits::default())
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let result = answer.table.to_result_set();
    assert_eq!(result.row_count(), 1, "{query}");
    match result.columns()[0].value(0) {
        Value::Long(n) => n,
        other => panic!("{query}: not a number: {other:?}"),
    }
}

#[test]
fn ingestion_time_is_a_little_after_each_rows_timestamp() {
    let (engine, now) = engine();
    let rows = count(&engine, now, "DeviceProcessEvents | count");
    let known = count(
        &engine,
        now,
        "DeviceProcessEvents | where isnotnull(ingestion_time()) | count",
    );
    assert_eq!(known, rows, "every stored row has an ingestion time");
    let late = count(
        &engine,
        now,
        "DeviceProcessEvents | project Timestamp | extend Delay = ingestion_time() - Timestamp \
         | where Delay < 1m or Delay > 40m | count",
    );
    assert_eq!(
        late, 0,
        "ingested between one and forty minutes after the event"
    );
    let recent = count(
        &engine,
        now,
        "DeviceProcessEvents | where ingestion_time() > ago(1d) | count",
    );
    assert!(recent > 0 && recent < rows, "{recent} of {rows}");
    // A summary's rows were never ingested: their ingestion time is null, as in Kusto.
    let summarized = count(
        &engine,
        now,
        "DeviceProcessEvents | summarize count() by DeviceName | where isnotnull(ingestion_time()) | count",
    );
    assert_eq!(summarized, 0);
}
