//! Loading a 100,000-row, 40-column response (about 200 MB) into a `ResultSet`, against
//! serde_json merely validating the same bytes; and the peak memory of one load.

#[path = "support.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use serde::de::IgnoredAny;

#[global_allocator]
static ALLOCATOR: support::CountingAllocator = support::CountingAllocator;

fn load(c: &mut Criterion) {
    let rows: usize = std::env::var("KQLHUNT_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let bytes = support::response(rows, "xdr");

    let body = bytes.clone();
    let baseline = support::reset_peak();
    let result = kqlhunt::results::load_response(body).expect("the synthetic response loads");
    let peak_extra = support::peak() - baseline;
    let held = result.result.heap_bytes();
    eprintln!(
        "load_response: {rows} rows, response {:.1} MB; peak during load {:.1} MB above the response, result holds {:.1} MB (the response text included); peak/response = {:.2}x",
        bytes.len() as f64 / 1e6,
        peak_extra as f64 / 1e6,
        held as f64 / 1e6,
        (bytes.len() + peak_extra) as f64 / bytes.len() as f64
    );
    drop(result);

    let mut group = c.benchmark_group(format!("load_{rows}_rows"));
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_json_validate_only", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(&bytes).expect("valid JSON"))
    });
    // The loader takes ownership of the body, as the client hands it over; the copy made
    // for each iteration is outside the timing.
    group.bench_function("load_response", |b| {
        b.iter_batched(
            || bytes.clone(),
            |body| kqlhunt::results::load_response(body).expect("loads"),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
