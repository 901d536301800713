//! The whole workbench drawn on a test terminal, as text, and keys as a hunter presses them.

use kqlhunt::api::{Flavor, QuotaLimits};
use kqlhunt::backend::Defender;
use kqlhunt::ui::app::App;
use kqlhunt::ui::draw;
use kqlhunt::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

/// A demo workbench on Graph with `text` in the editor, nothing run yet.
pub fn workbench(text: &str) -> App {
    App::new(
        "demo",
        Defender::info_for(Flavor::Graph, QuotaLimits::default()),
        Default::default(),
        text,
    )
}

pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(app, frame, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Types `text` as a hunter does: each key after the screen caught up with the one before
/// (completion and other work off the UI loop answered).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.on_key(key(code));
        app.settle();
    }
}

/// A key, then whatever work it asked for off the UI loop (a sort, a search) answers.
pub fn press(app: &mut App, event: KeyEvent) {
    app.on_key(event);
    app.settle();
}

/// A successful answer holding `response` (an API response's bytes), as a run returns it.
pub fn answer(response: &[u8]) -> kqlhunt::api::QueryOutcome {
    let result = kqlhunt::results::load_response(response.to_vec())
        .unwrap()
        .result;
    kqlhunt::api::QueryOutcome {
        measure: kqlhunt::api::ClientMeasure {
            wall_time: std::time::Duration::from_millis(312),
            bytes: 1234,
            rows: result.row_count(),
            columns: result.column_count(),
        },
        result,
        stats: None,
        quota: Default::default(),
        warnings: Vec::new(),
        render: None,
        request_id: None,
    }
}

/// Runs the query under the cursor and lets `response` arrive as its answer.
pub fn run_with(app: &mut App, response: &[u8]) {
    app.apply(kqlhunt::ui::keymap::Action::RunQuery)
        .expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(answer(response)),
        Default::default(),
        None,
    );
}
