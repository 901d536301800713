//! What the hint bar tells the hunter: each notice with its own level, none overwriting another,
//! and what the client met on the way said in the workbench as on the command line.

mod support;

use kqlhunt::api::QuotaSnapshot;
use kqlhunt::ui::app::Command;
use kqlhunt::ui::keymap::Action;
use kqlhunt::ui::notices::Level;
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen, type_text, workbench};

#[test]
fn after_a_failed_search_the_next_note_is_not_drawn_as_an_error() {
    let mut app = workbench("DeviceInfo | take 2");
    support::screen::run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app.apply(Action::FocusResults);
    app.on_key(key(KeyCode::Char('/')));
    type_text(&mut app, "no such text anywhere");
    app.on_key(key(KeyCode::Enter));
    app.settle();
    assert_eq!(app.notices.current().map(|n| n.level), Some(Level::Error));
    app.on_key(key(KeyCode::Char('t')));
    let notice = app
        .notices
        .current()
        .expect("t says where timestamps are shown");
    assert_eq!(notice.level, Level::Info, "{}", notice.text);
}

#[test]
fn notices_that_arrive_together_are_all_shown_in_turn() {
    let mut app = workbench("DeviceInfo | take 2");
    app.notify(Level::Warning, "keymap.toml: unknown key 'Hyper+X'".into());
    app.notify(Level::Warning, "theme 'neon' not found: using dark".into());
    let first = screen(&app, 100, 24);
    assert!(
        first.contains("keymap.toml: unknown key 'Hyper+X' (+1 more: any key shows the next)"),
        "{first}"
    );
    app.on_key(key(KeyCode::End));
    assert!(screen(&app, 100, 24).contains("theme 'neon' not found"));
    app.on_key(key(KeyCode::End));
    assert!(!screen(&app, 100, 24).contains("neon"));
}

#[test]
fn the_clients_warnings_about_a_run_are_said_in_the_workbench() {
    let mut app = workbench("DeviceInfo | take 2");
    let Some(Command::Run(id, _, _)) = app.apply(Action::RunQuery) else {
        panic!("F5 starts a run")
    };
    let mut answer = support::screen::answer(include_bytes!("data/graph-ok.json"));
    answer.warnings = vec!["the quota ledger could not be saved: disk full".into()];
    app.finished(id, Ok(answer), QuotaSnapshot::default(), None);
    let text = screen(&app, 120, 24);
    assert!(
        text.contains("the quota ledger could not be saved"),
        "{text}"
    );
    app.on_key(key(KeyCode::End));
    assert!(screen(&app, 120, 24).contains("2 rows in the grid"));
}
