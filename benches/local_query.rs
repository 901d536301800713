//! Local queries over a fetched 100,000-row, 40-column result (the synthetic response of
//! `gen_response.py`): a `where` on a string column and a `summarize count() by` a
//! low-cardinality column, each as the hunter waits for it (planned, run in the engine, turned
//! back into a result set). Also printed: the one-off conversion of the result into the
//! engine's table, its time and the memory it adds, and that later queries share it.

#[path = "support.rs"]
mod support;

use std::sync::Arc;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::api::QueryRequest;
use kqlhunt::backend::{Backend, BackendInfo, Running};
use kqlhunt::run::local::{Fetched, ThisResult};
use tokio_util::sync::CancellationToken;

#[global_allocator]
static ALLOCATOR: support::CountingAllocator = support::CountingAllocator;

/// Never called: every query here is local.
struct NoService(BackendInfo);

impl Backend for NoService {
    fn info(&self) -> &BackendInfo {
        &self.0
    }
    fn run<'a>(&'a self, _: &'a QueryRequest, _: &'a CancellationToken) -> Running<'a> {
        panic!("a local query called the service")
    }
    fn quota(&self) -> kqlhunt::api::QuotaSnapshot {
        Default::default()
    }
    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        Vec::new()
    }
}

fn local(c: &mut Criterion) {
    let rows: usize = std::env::var("KQLHUNT_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let bytes = support::response(rows, "xdr");
    let result = Arc::new(
        kqlhunt::results::load_response(bytes)
            .expect("the synthetic response loads")
            .result,
    );
    let baseline = support::reset_peak();
    let started = Instant::now();
    let table = kqlhunt::run::local::table_of(&result);
    let took = started.elapsed();
    eprintln!(
        "local_query: {} rows x {} columns; the one-off conversion into the engine's table took {took:?} and holds {:.1} MB more (peak {:.1} MB); the result itself holds {:.1} MB",
        result.row_count(),
        result.column_count(),
        (support::reset_peak() - baseline) as f64 / 1e6,
        (support::peak() - baseline) as f64 / 1e6,
        result.heap_bytes() as f64 / 1e6,
    );
    assert!(
        Arc::ptr_eq(&table, &kqlhunt::run::local::table_of(&result)),
        "later queries share the conversion"
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let service = NoService(kqlhunt::backend::Local::info(String::new()));
    let fetched = Fetched {
        this_result: ThisResult::Shown(result.clone()),
        ..Fetched::default()
    };
    let run = |query: &str| {
        let request = QueryRequest {
            query: query.into(),
            timespan: None,
        };
        let finished = runtime.block_on(kqlhunt::run::execute_over(
            &service,
            &request,
            &CancellationToken::new(),
            0,
            &fetched,
        ));
        finished.expect("runs").outcome.expect("answers").result
    };
    let mut group = c.benchmark_group(format!("local_{rows}_rows"));
    group.sample_size(20);
    let filter = "_result | where FileName == \"powershell.exe\"";
    let summary = "_result | summarize count() by ActionType";
    eprintln!(
        "local_query: the where keeps {} rows; the summarize makes {} groups",
        run(filter).row_count(),
        run(summary).row_count()
    );
    group.bench_function("where_string_column", |b| b.iter(|| run(filter)));
    group.bench_function("summarize_count_by_low_cardinality", |b| {
        b.iter(|| run(summary))
    });
    group.finish();
}

criterion_group!(benches, local);
criterion_main!(benches);
