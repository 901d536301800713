//! Completion in a 300-line buffer: one long hunt (lets, then a pipe of extends and filters)
//! with the cursor at its end, where the columns in scope come from running the whole pipe
//! over empty tables. Criterion times the typical case; the 99th percentile of 2,000 calls is
//! printed too, as the bound is on it.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::assist::complete::complete;
use kqlhunt::assist::knowledge::Knowledge;

fn buffer() -> String {
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(&format!(
            "let suspicious{i} = dynamic([\"evil{i}.exe\", \"bad{i}.dll\"]);\n"
        ));
    }
    text.push_str("DeviceProcessEvents\n| where Timestamp > ago(7d)\n");
    for i in 0..277 {
        if i % 3 == 0 {
            text.push_str(&format!(
                "| extend Derived{i} = strcat(FileName, \"-{i}\")\n"
            ));
        } else {
            text.push_str(&format!("| where ProcessCommandLine !has \"noise{i}\"\n"));
        }
    }
    text.push_str("| where Deri");
    text
}

fn completion(c: &mut Criterion) {
    let knowledge = Knowledge::default();
    let text = buffer();
    assert_eq!(text.lines().count(), 300);
    let found = complete(&knowledge, &text, text.len());
    assert!(
        found.items[0].label.starts_with("Derived"),
        "the pipe's own columns come first"
    );

    let mut samples: Vec<Duration> = (0..2000)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(complete(&knowledge, &text, text.len()));
            started.elapsed()
        })
        .collect();
    samples.sort();
    println!(
        "completion, 300-line buffer: median {:?}, p99 {:?}, max {:?}",
        samples[samples.len() / 2],
        samples[samples.len() * 99 / 100],
        samples[samples.len() - 1]
    );
    c.bench_function("complete_300_lines", |b| {
        b.iter(|| complete(&knowledge, &text, text.len()))
    });
}

criterion_group!(benches, completion);
criterion_main!(benches);
