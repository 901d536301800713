//! Tabs as a hunter uses them: each keeps its own query, result, sort, filter and selection;
//! its title says what it hunts, whether its run runs or failed, and takes the name given it.

mod support;

use kqlhunt::api::{ApiError, QuotaSnapshot};
use kqlhunt::ui::app::{App, Command, Focus};
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{key, screen, type_text, workbench};

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

fn run_two_rows(app: &mut App) {
    let Some(Command::Run(id, _, _)) = app.apply(Action::RunQuery) else {
        panic!("F5 starts a run")
    };
    let rows = support::screen::answer(include_bytes!("data/graph-ok.json"));
    app.finished(id, Ok(rows), QuotaSnapshot::default(), None);
}

#[test]
fn each_tab_keeps_its_sort_and_selection_while_another_runs() {
    let mut app = workbench("DeviceInfo | take 2");
    run_two_rows(&mut app);
    app.apply(Action::FocusResults);
    app.on_key(key(KeyCode::Char('l')));
    app.on_key(key(KeyCode::Char('S')));
    app.on_key(key(KeyCode::Char('j')));
    let (sort, row, column) = (
        app.view.table.sort(),
        app.view.grid.row,
        app.view.grid.column,
    );
    assert!(sort.is_some());
    app.apply(Action::FocusEditor);
    app.apply(Action::NewTab);
    type_text(&mut app, "DeviceEvents | take 2");
    run_two_rows(&mut app);
    assert!(
        app.view.table.sort().is_none(),
        "the new tab's result is unsorted"
    );
    app.apply(Action::PreviousTab);
    assert_eq!(
        (
            app.view.table.sort(),
            app.view.grid.row,
            app.view.grid.column
        ),
        (sort, row, column)
    );
    assert_eq!(app.focus, Focus::Editor);
}

#[test]
fn a_tab_is_titled_by_its_table_and_marked_while_it_runs_and_when_it_fails() {
    let mut app = workbench("DeviceInfo | take 2");
    app.apply(Action::NewTab);
    type_text(&mut app, "DeviceLogonEvents | take 1");
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("[1 DeviceInfo] [2 DeviceLogonEvents]"),
        "{text}"
    );
    let Some(Command::Run(id, _, _)) = app.apply(Action::RunQuery) else {
        panic!("F5 starts a run")
    };
    assert!(screen(&app, 80, 24).contains("[2 DeviceLogonEvents…]"));
    let error = ApiError::rejected(400, "BadRequest".into(), "Syntax error".into(), None);
    app.finished(id, Err(error), QuotaSnapshot::default(), None);
    app.on_key(key(KeyCode::Esc));
    assert!(screen(&app, 80, 24).contains("[2 DeviceLogonEvents ✗]"));
}

#[test]
fn a_tab_takes_the_name_given_it_and_keeps_it_in_the_drafts() {
    let mut app = workbench("DeviceInfo | take 2");
    app.apply(Action::NewTab);
    app.on_key(alt('n'));
    assert!(screen(&app, 80, 24).contains("name this tab"));
    type_text(&mut app, "beacon hosts");
    app.on_key(key(KeyCode::Enter));
    let text = screen(&app, 80, 24);
    assert!(text.contains("[2 beacon hosts]"), "{text}");
    let session = app.session(true);
    assert_eq!(session.buffers[1].name.as_deref(), Some("beacon hosts"));
    // A new workbench opening those drafts shows the name again.
    let mut later = workbench("");
    later.restore(session.buffers, Some(1));
    assert!(screen(&later, 80, 24).contains("[2 beacon hosts]"));
    // An empty name gives the tab back its query's title.
    later.on_key(alt('n'));
    for _ in 0.."beacon hosts".len() {
        later.on_key(key(KeyCode::Backspace));
    }
    later.on_key(key(KeyCode::Enter));
    assert!(screen(&later, 80, 24).contains("[2 empty]"));
}
