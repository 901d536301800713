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
