//! How long the demo tenant takes to make its data at the default scale: the emulator does
//! it on every start, so it must stay well under a second.

use criterion::{criterion_group, criterion_main, Criterion};

fn demo_data(c: &mut Criterion) {
    let now = kqlhunt::results::datetime::now_ticks();
    let rows = kqlhunt::emulator::data::generate(1, 1.0, now).total_rows();
    eprintln!("demo data at the default scale: {rows} rows");
    let mut group = c.benchmark_group("demo_data");
    group.sample_size(10);
    group.bench_function("generate_default_scale", |b| {
        b.iter(|| kqlhunt::emulator::data::generate(1, 1.0, now))
    });
    group.finish();
}

criterion_group!(benches, demo_data);
criterion_main!(benches);
