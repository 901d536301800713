//! The engine's operators and functions beyond filtering and summarizing, against the
//! documentation's own examples (learn.microsoft.com, Kusto query language): window functions,
//! make-series and the series functions, mv-apply, top-nested, partition, evaluate plugins,
//! find, invoke, aggregates inside expressions, and externaldata from local copies.

#[path = "engine_operators/evaluate.rs"]
mod evaluate;
#[path = "engine_operators/external.rs"]
mod external;
#[path = "engine_operators/grouping.rs"]
mod grouping;
#[path = "engine_operators/series.rs"]
mod series;
#[path = "engine_operators/window.rs"]
mod window;

use kqlhunt::engine::{Database, Engine, EngineError, Limits, Scalar, Table};

pub fn run_in(db: Database, query: &str) -> Result<Table, EngineError> {
    Engine::new(std::sync::Arc::new(db))
        .run(query, 0, &Limits::default())
        .map(|answer| answer.table)
}

pub fn run(query: &str) -> Table {
    run_in(Database::default(), query).unwrap_or_else(|e| panic!("{query}\n-> {e}"))
}

pub fn fails(query: &str) -> EngineError {
    match run_in(Database::default(), query) {
        Ok(t) => panic!("{query}\n-> ran, {} rows", t.len()),
        Err(e) => e,
    }
}

/// `Name:type` of each column, as getschema writes types.
pub fn schema(table: &Table) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|c| format!("{}:{}", c.name, c.kind.kql_name()))
        .collect()
}

/// Each cell as text: strings as they are, dynamic values as JSON, null as `null`.
pub fn rows(table: &Table) -> Vec<Vec<String>> {
    (0..table.len())
        .map(|r| {
            (0..table.columns.len())
                .map(|c| match table.get(r, c) {
                    Scalar::Null => "null".to_owned(),
                    Scalar::Dynamic(j) => j.to_string(),
                    other => other.to_text().unwrap_or_default().into_owned(),
                })
                .collect()
        })
        .collect()
}

/// The rows as written in a test: `"a|b|c"` per row.
pub fn expect(lines: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.split('|').map(str::to_owned).collect())
        .collect()
}

#[test]
fn union_of_every_table_keeps_only_the_columns_the_query_reads() {
    let now = kqlhunt::results::datetime::now_ticks();
    // Every demo table at once is far more cells than one operator may hold; a query that
    // reads two columns of it runs, and counts every row of every table.
    let db = std::sync::Arc::new(kqlhunt::emulator::data::generate(1, 1.0, now));
    let engine = kqlhunt::engine::Engine::new(db.clone());
    let limits = kqlhunt::engine::Limits::default();
    let per_table = engine
        .run(
            "union withsource=T * | summarize n = count() by T",
            now,
            &limits,
        )
        .unwrap()
        .table;
    let total: i64 = (0..per_table.len())
        .map(|r| per_table.get(r, 1).as_i64().unwrap())
        .sum();
    assert_eq!(total as usize, db.total_rows());
    // Without a fixed set of columns at the end, every column is kept and the limit says so.
    let refused = engine.run("union * | take 1", now, &limits).unwrap_err();
    assert!(
        refused.message.contains("E_RUNAWAY_QUERY"),
        "{}",
        refused.message
    );
}
