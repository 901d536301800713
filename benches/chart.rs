//! Charts: a timechart of 100,000 points in 20 series drawn as one frame at 200x50 (the goal
//! is under 2 ms), the model built from the rows, and decimation alone.

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::chart::{decimate, draw_chart, spec_of_render, ChartModel, Point};
use kqlhunt::results::{Column, ResultSet, Value};
use kqlhunt::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const POINTS: usize = 100_000;
const SERIES: usize = 20;

/// 5,000 minutes of counts from each of 20 devices, with a spike now and then.
fn result() -> ResultSet {
    let start = kqlhunt::results::datetime::parse_ticks("2026-11-20T00:00:00Z").expect("a time");
    let names: Vec<String> = (0..SERIES).map(|i| format!("device-{i:02}")).collect();
    let mut time = Column::new("Timestamp", "datetime");
    let mut device = Column::new("DeviceName", "string");
    let mut count = Column::new("count_", "long");
    for i in 0..POINTS {
        let minute = (i / SERIES) as i64;
        let series = i % SERIES;
        time.push_value(Value::DateTime(start + minute * 600_000_000));
        device.push_value(Value::Text(&names[series]));
        let spike = if (minute as usize + series * 37).is_multiple_of(997) {
            500
        } else {
            0
        };
        count.push_value(Value::Long((minute * 7 + series as i64 * 13) % 50 + spike));
    }
    ResultSet::from_columns(vec![time, device, count]).expect("equal columns")
}

fn charts(c: &mut Criterion) {
    let result = result();
    let rows: Vec<usize> = (0..result.row_count()).collect();
    let spec = spec_of_render("timechart");
    let model = ChartModel::build(&spec, &result, &rows, SERIES).expect("a chart");
    let style = Theme::built_in("dark")
        .expect("built in")
        .chart_style(false);
    let area = Rect::new(0, 0, 200, 50);
    let mut buffer = Buffer::empty(area);
    c.bench_function("chart/timechart_100k_points_20_series_200x50", |b| {
        b.iter(|| {
            buffer.reset();
            draw_chart(&model, area, &mut buffer, &style, None);
        })
    });
    c.bench_function("chart/model_100k_rows", |b| {
        b.iter(|| ChartModel::build(&spec, &result, &rows, SERIES).expect("a chart"))
    });
    let points: Vec<Point> = (0..POINTS)
        .map(|i| {
            let y = ((i * 7919) % 1000) as f64;
            Point {
                x: i as f64,
                y,
                top: y,
                row: i,
            }
        })
        .collect();
    c.bench_function("chart/decimate_100k_points_to_400_columns", |b| {
        b.iter(|| decimate(&points, (0.0, (POINTS - 1) as f64), 400))
    });
}

criterion_group!(benches, charts);
criterion_main!(benches);
