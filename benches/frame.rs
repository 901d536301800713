//! Drawing one workbench frame at 200x50: over 100,000 rows it must cost what it costs over 100,
//! because only the rows on screen become cells.

#[path = "support.rs"]
mod support;

use kqlhunt::backend::Defender;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kqlhunt::api::{ClientMeasure, Flavor, QueryOutcome, QuotaLimits, QuotaSnapshot};
use kqlhunt::ui::app::App;
use kqlhunt::ui::keymap::Action;
use kqlhunt::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn app_with(rows: usize) -> App {
    let result = kqlhunt::results::load_response(support::response(rows, "graph"))
        .expect("loads")
        .result;
    let mut app = App::new(
        "bench",
        Defender::info_for(Flavor::Graph, QuotaLimits::default()),
        QuotaSnapshot::default(),
        "DeviceProcessEvents | take 10",
    );
    app.screen = (200, 50);
    app.apply(Action::RunQuery);
    let measure = ClientMeasure {
        wall_time: Duration::from_millis(5),
        bytes: 0,
        rows,
        columns: result.column_count(),
    };
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(QueryOutcome {
            result,
            stats: None,
            measure,
            quota: QuotaSnapshot::default(),
            warnings: Vec::new(),
            render: None,
            request_id: None,
        }),
        QuotaSnapshot::default(),
        None,
    );
    // Somewhere in the middle, as after scrolling.
    for _ in 0..(rows / 2).min(5_000) {
        app.apply(Action::Down);
    }
    app
}

fn frames(c: &mut Criterion) {
    let theme = Theme::load("dark", std::path::Path::new("/nonexistent")).0;
    let mut group = c.benchmark_group("frame_200x50");
    for rows in [100, 100_000] {
        let app = app_with(rows);
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");
        group.bench_function(format!("{rows}_rows"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| kqlhunt::ui::draw(&app, f, &theme))
                    .map(|_| ())
                    .expect("draws")
            })
        });
    }
    group.finish();
}

/// A megabyte pasted on one line, soft wrap on, the cursor at its end: one frame as it stands,
/// and one keystroke (typed, then taken back) with the frame after each.
fn megabyte_line(c: &mut Criterion) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let theme = Theme::load("dark", std::path::Path::new("/nonexistent")).0;
    let mut app = App::new(
        "bench",
        Defender::info_for(Flavor::Graph, QuotaLimits::default()),
        QuotaSnapshot::default(),
        "",
    );
    app.screen = (200, 50);
    app.apply(Action::ToggleWrap);
    app.paste(&"DeviceProcessEvents | where ProcessCommandLine has \"x\" and ".repeat(18_000));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test terminal");
    let mut draw = |app: &App| {
        terminal
            .draw(|f| kqlhunt::ui::draw(app, f, &theme))
            .map(|_| ())
            .expect("draws")
    };
    draw(&app);
    let mut group = c.benchmark_group("editor_200x50");
    group.sample_size(20);
    group.bench_function("megabyte_line_wrapped_frame", |b| b.iter(|| draw(&app)));
    group.bench_function("megabyte_line_wrapped_two_keys", |b| {
        b.iter(|| {
            app.on_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
            draw(&app);
            app.on_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            draw(&app);
        })
    });
    group.finish();
}

criterion_group!(benches, frames, megabyte_line);
criterion_main!(benches);
