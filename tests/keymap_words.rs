//! A hunter who remaps a key reads the new key wherever the workbench names it: the empty
//! grid's hint, the running status, the copy menu, the whole-cell view, the error popup.

mod support;

use kqlhunt::ui::app::Command;
use kqlhunt::ui::keymap::{Action, Keymap};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{key, screen, workbench};

const MINE: &str = r#"
[global]
run_query = "F9"
cancel = "Ctrl+G"

[results]
copy_cell = "Ctrl+C"
copy_row = "C"
export = "Ctrl+E"
"#;

#[test]
fn remapped_keys_are_the_keys_the_workbench_names() {
    let mut app = workbench("DeviceInfo | take 2");
    app.keymap = Keymap::from_toml(MINE).unwrap();
    let idle = screen(&app, 100, 24);
    assert!(idle.contains("press F9 to run it"), "{idle}");
    assert!(!idle.contains("F5"), "{idle}");

    let Some(Command::Run(id, _, _)) = app.on_key(key(KeyCode::F(9))) else {
        panic!("F9 runs the query now")
    };
    let running = screen(&app, 100, 24);
    assert!(running.contains("(Ctrl+G cancels)"), "{running}");
    let rows = support::screen::answer(include_bytes!("data/graph-ok.json"));
    app.finished(id, Ok(rows), Default::default(), None);

    app.apply(Action::FocusResults);
    app.on_key(key(KeyCode::Char('c')));
    let menu = screen(&app, 100, 30);
    assert!(
        menu.contains(
            "Ctrl+C copies the cell, C the row, Ctrl+E exports to a file. Ctrl+G closes."
        ),
        "{menu}"
    );
    app.on_key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
    app.on_key(key(KeyCode::Char('v')));
    let cell = screen(&app, 100, 30);
    assert!(cell.contains("Ctrl+C copies it · Ctrl+G closes"), "{cell}");
}
