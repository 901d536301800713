//! The KQL engine: `where | summarize count() by DeviceName` over 1,000,000 rows, and every
//! executable corpus query over the demo data (each timed on its own; the slowest printed).

#[path = "support.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::engine::{ColumnDef, Database, Engine, Limits, Scalar, Table};
use kqlhunt::results::ColumnKind;

const DAY: i64 = 864_000_000_000;

fn million_rows(now: i64) -> Database {
    let rows = 1_000_000usize;
    let text =
        |values: &[&str]| -> Vec<Arc<str>> { values.iter().map(|v| Arc::from(*v)).collect() };
    let devices: Vec<Arc<str>> = (0..500)
        .map(|i| Arc::from(format!("ws-{i:04}.contoso.com")))
        .collect();
    let files = text(&[
        "svchost.exe",
        "chrome.exe",
        "powershell.exe",
        "cmd.exe",
        "OUTLOOK.EXE",
        "conhost.exe",
        "MsMpEng.exe",
        "rundll32.exe",
    ]);
    let accounts: Vec<Arc<str>> = (0..300).map(|i| Arc::from(format!("user{i}"))).collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut columns: Vec<Vec<Scalar>> = (0..5).map(|_| Vec::with_capacity(rows)).collect();
    for i in 0..rows {
        let r = next();
        columns[0].push(Scalar::DateTime(now - (r % (30 * DAY as u64)) as i64));
        columns[1].push(Scalar::String(
            devices[(r >> 20) as usize % devices.len()].clone(),
        ));
        columns[2].push(Scalar::String(
            files[(r >> 32) as usize % files.len()].clone(),
        ));
        columns[3].push(Scalar::String(Arc::from(format!(
            "{} -k netsvcs -p {}",
            files[(r >> 40) as usize % files.len()],
            i % 97
        ))));
        columns[4].push(Scalar::String(
            accounts[(r >> 48) as usize % accounts.len()].clone(),
        ));
    }
    let defs = [
        ("Timestamp", ColumnKind::DateTime),
        ("DeviceName", ColumnKind::Text),
        ("FileName", ColumnKind::Text),
        ("ProcessCommandLine", ColumnKind::Text),
        ("AccountName", ColumnKind::Text),
    ]
    .iter()
    .map(|(n, k)| ColumnDef {
        name: (*n).into(),
        kind: *k,
    })
    .collect();
    let mut db = Database::default();
    db.insert("DeviceProcessEvents", Table::new(defs, columns));
    db
}

fn engine(c: &mut Criterion) {
    let now = kqlhunt::results::datetime::now_ticks();
    let big = Engine::new(Arc::new(million_rows(now)));
    let query = "DeviceProcessEvents | where Timestamp > ago(7d) and FileName in~ ('powershell.exe', 'cmd.exe') | summarize count() by DeviceName";
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    group.bench_function("where_summarize_1M_rows", |b| {
        b.iter(|| big.run(query, now, &Limits::default()).expect("runs"))
    });

    let demo = Engine::new(Arc::new(kqlhunt::emulator::data::generate(1, 1.0, now)));
    let corpus = corpus_queries();
    let runnable: Vec<&(String, String)> = corpus
        .iter()
        .filter(|(_, q)| demo.run(q, now, &Limits::default()).is_ok())
        .collect();
    let mut slowest: Vec<(Duration, &str)> = runnable
        .iter()
        .map(|(name, q)| {
            let best = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    let _ = demo.run(q, now, &Limits::default());
                    started.elapsed()
                })
                .min()
                .unwrap_or_default();
            (best, name.as_str())
        })
        .collect();
    slowest.sort();
    let over = slowest
        .iter()
        .filter(|(t, _)| *t > Duration::from_millis(200))
        .count();
    eprintln!(
        "corpus over the demo data: {} executable queries; slowest {:?}; {} over 200 ms; the five slowest: {:?}",
        runnable.len(),
        slowest.last().map(|s| s.0).unwrap_or_default(),
        over,
        slowest.iter().rev().take(5).collect::<Vec<_>>()
    );
    group.bench_function("every_executable_corpus_query", |b| {
        b.iter(|| {
            for (_, q) in &runnable {
                let _ = demo.run(q, now, &Limits::default());
            }
        })
    });
    group.finish();
}

fn corpus_queries() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(collections) = std::fs::read_dir(support::corpus_dir()) else {
        return out;
    };
    for collection in collections.flatten() {
        let Ok(files) = std::fs::read_dir(collection.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "kql") {
                if let Ok(bytes) = std::fs::read(&path) {
                    out.push((
                        path.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                        String::from_utf8_lossy(&bytes).into_owned(),
                    ));
                }
            }
        }
    }
    out.sort();
    out
}

criterion_group!(benches, engine);
criterion_main!(benches);
