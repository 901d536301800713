//! Reading a 100,000-row progressive Azure Data Explorer v2 answer (TableHeader, fragments of
//! 5,000 rows with TableProgress between them, TableCompletion, DataSetCompletion) from its
//! bytes into a `ResultSet`, against serde_json merely validating the same bytes; and the peak
//! memory of one read. `KQLHUNT_BENCH_ROWS` changes the row count.

#[path = "support.rs"]
mod support;

use std::fmt::Write;

use criterion::{criterion_group, criterion_main, Criterion};
use serde::de::IgnoredAny;

#[global_allocator]
static ALLOCATOR: support::CountingAllocator = support::CountingAllocator;

const FRAGMENT_ROWS: usize = 5_000;

/// A progressive answer shaped as tests/data/adx/v2-progressive.json, `rows` rows long, with
/// the column types a hunt returns (datetime, string, long, bool, real, dynamic, guid).
fn progressive_answer(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 260);
    out.push_str(r#"[{"FrameType":"DataSetHeader","IsProgressive":true,"Version":"v2.0"},"#);
    out.push_str(r#"{"FrameType":"TableHeader","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":["#);
    for (i, (name, kind)) in [
        ("Timestamp", "datetime"),
        ("DeviceName", "string"),
        ("ProcessId", "long"),
        ("ProcessCommandLine", "string"),
        ("IsElevated", "bool"),
        ("Score", "real"),
        ("AdditionalFields", "dynamic"),
        ("ReportGuid", "guid"),
    ]
    .iter()
    .enumerate()
    {
        let comma = if i > 0 { "," } else { "" };
        let _ = write!(
            out,
            r#"{comma}{{"ColumnName":"{name}","ColumnType":"{kind}"}}"#
        );
    }
    out.push_str("]},");
    let mut row = 0;
    while row < rows {
        let end = (row + FRAGMENT_ROWS).min(rows);
        out.push_str(
            r#"{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":["#,
        );
        for r in row..end {
            let comma = if r > row { "," } else { "" };
            let _ = write!(
                out,
                r#"{comma}["2026-11-{:02}T{:02}:{:02}:{:02}.{:07}Z","ws-{:04}.corp.contoso.com",{},"powershell.exe -NoProfile -Command Get-Service -Name svc{}",{},{}.{},{{"Sha256":"{:064x}","Count":{}}},"{:08x}-0000-4000-8000-{:012x}"]"#,
                1 + r % 28,
                r % 24,
                r % 60,
                (r / 60) % 60,
                r % 10_000_000,
                r % 400,
                4_000 + r * 7,
                r % 97,
                r % 3 == 0,
                r % 1000,
                r % 100,
                r.wrapping_mul(0x9E37_79B9),
                r % 13,
                r,
                r
            );
        }
        out.push_str("]},");
        let _ = write!(
            out,
            r#"{{"FrameType":"TableProgress","TableId":1,"TableProgress":{:.1}}},"#,
            end as f64 * 100.0 / rows as f64
        );
        row = end;
    }
    let _ = write!(
        out,
        r#"{{"FrameType":"TableCompletion","TableId":1,"RowCount":{rows}}},{{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}}]"#
    );
    out.into_bytes()
}

fn read(bytes: &[u8]) -> kqlhunt::results::frames::FrameDocument {
    kqlhunt::results::frames::read_frames(bytes, &mut |_| {}).expect("the answer reads")
}

fn frames(c: &mut Criterion) {
    let rows: usize = std::env::var("KQLHUNT_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let bytes = progressive_answer(rows);

    let baseline = support::reset_peak();
    let document = read(&bytes);
    let peak_extra = support::peak() - baseline;
    let result = &document.primary().expect("a primary result").result;
    assert_eq!(result.row_count(), rows, "every fragment's rows are read");
    eprintln!(
        "adx_frames: {rows} rows, answer {:.1} MB; peak during the read {:.1} MB above the answer, result holds {:.1} MB",
        bytes.len() as f64 / 1e6,
        peak_extra as f64 / 1e6,
        result.heap_bytes() as f64 / 1e6,
    );
    drop(document);

    let mut group = c.benchmark_group(format!("adx_progressive_{rows}_rows"));
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_json_validate_only", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(&bytes).expect("valid JSON"))
    });
    group.bench_function("read_frames", |b| b.iter(|| read(&bytes)));
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
