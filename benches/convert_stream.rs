//! Converting a 100,000-row, 40-column response (about 200 MB) to CSV as it is read, against
//! serde_json merely reading and validating the same bytes; and the peak heap of one streamed
//! conversion, which holds one batch of rows, not the answer.

#[path = "support.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::results::stream::stream_response;
use kqlhunt::results::writers::{BatchWriter, Format};
use kqlhunt::results::ResultSet;
use serde::de::IgnoredAny;

#[global_allocator]
static ALLOCATOR: support::CountingAllocator = support::CountingAllocator;

fn to_csv(bytes: &[u8]) -> usize {
    let mut out = std::io::sink();
    let mut writer = BatchWriter::new(Format::Csv);
    stream_response(bytes, &mut |batch: &ResultSet| {
        writer.write(batch, &mut out)
    })
    .expect("the synthetic response streams");
    let rows = writer.rows();
    writer
        .finish(&ResultSet::default(), &mut out)
        .expect("writes");
    rows
}

fn convert(c: &mut Criterion) {
    let rows: usize = std::env::var("KQLHUNT_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let bytes = support::response(rows, "xdr");
    let baseline = support::reset_peak();
    let written = to_csv(&bytes);
    eprintln!(
        "convert_stream: {written} rows, response {:.1} MB; peak heap during the streamed conversion {:.1} MB above the response held by the bench",
        bytes.len() as f64 / 1e6,
        (support::peak() - baseline) as f64 / 1e6,
    );
    let mut group = c.benchmark_group(format!("convert_{rows}_rows"));
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_json_read_and_validate", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_reader(bytes.as_slice());
            serde::Deserialize::deserialize(&mut de).map(|_: IgnoredAny| ())
        })
    });
    group.bench_function("stream_to_csv", |b| b.iter(|| to_csv(&bytes)));
    group.finish();
}

criterion_group!(benches, convert);
criterion_main!(benches);
