//! The results grid over 100,000 rows (40 columns, from `gen_response.py`): sorting by a text
//! column and by a timestamp, and filtering rows by a text, each as the hunter's key asks for
//! it (computed off the UI loop, as a request of the view); and measuring every cell for the
//! columns' widths, as a run's result is (off the UI loop).

#[path = "support.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::results::ResultSet;
use kqlhunt::results::TableView;

fn grid(c: &mut Criterion) {
    let result: ResultSet = kqlhunt::results::load_response(support::response(100_000, "graph"))
        .expect("loads")
        .result;
    let text = (0..result.column_count())
        .find(|&i| result.column(i).name() == "DeviceName")
        .expect("a DeviceName column");
    let time = (0..result.column_count())
        .find(|&i| result.column(i).name() == "Timestamp")
        .expect("a Timestamp column");
    // Widths are measured once when a run's rows arrive (off the UI loop); a key's sort or
    // filter starts from a grid that has them.
    let widths = kqlhunt::results::view::measure_widths(&result);
    let mut group = c.benchmark_group("grid_100000_rows");
    group.sample_size(20);
    for (name, sort, filter) in [
        ("sort_text", Some((text, false)), None),
        ("sort_time_descending", Some((time, true)), None),
        ("filter_text", None, Some("powershell".to_owned())),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut view = TableView::with_widths(&result, widths.clone());
                view.sort_by(sort);
                if let Some(request) = view.filter_by(filter.clone()) {
                    view.take_order(request.compute(&result));
                }
                view.len(&result)
            })
        });
    }
    group.bench_function("measure_widths", |b| {
        b.iter(|| kqlhunt::results::view::measure_widths(&result))
    });
    group.finish();
}

criterion_group!(benches, grid);
criterion_main!(benches);
