//! The whole workbench drawn on a test terminal, as text, and keys as a hunter presses them.

use kqlhunt::api::{Flavor, QuotaLimits};
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
        Flavor::Graph,
        QuotaLimits::default(),
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

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.on_key(key(code));
    }
}
