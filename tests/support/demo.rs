//! The demo tenant's data for tests that hunt in it: an engine over a small generated month,
//! and its answers as text, as a hunter reads them.

use std::sync::Arc;

use kqlhunt::engine::{Engine, Limits};
use kqlhunt::results::datetime::now_ticks;
use kqlhunt::results::Value;

pub fn engine() -> (Engine, i64) {
    let now = now_ticks();
    let data = kqlhunt::emulator::data::generate(5, 0.2, now);
    (Engine::new(Arc::new(data)), now)
}

/// The rows of a query's answer, each cell as text.
pub fn rows(engine: &Engine, now: i64, query: &str) -> Vec<Vec<String>> {
    let answer = engine
        .run(query, now, &Limits::default())
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let result = answer.table.to_result_set();
    (0..result.row_count())
        .map(|r| {
            result
                .columns()
                .iter()
                .map(|c| match c.value(r) {
                    Value::Long(n) => n.to_string(),
                    Value::Text(t) | Value::Dynamic(t) => t.to_owned(),
                    Value::Bool(b) => b.to_string(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The single number a `count` query answers.
pub fn count(engine: &Engine, now: i64, query: &str) -> i64 {
    let answer = rows(engine, now, query);
    assert_eq!(answer.len(), 1, "{query}");
    answer[0][0]
        .parse()
        .unwrap_or_else(|_| panic!("{query}: not a number: {:?}", answer[0]))
}
