//! Sizes nobody expects: a keymap giving one action 13,200 keys, and a 47 MB cell opened in
//! the record view. The help still opens, and each key stays quick, with the value shown cut
//! and its size said.

mod support;

use std::time::{Duration, Instant};

use kqlhunt::api::ClientMeasure;
use kqlhunt::results::load_response;
use kqlhunt::ui::app::Focus;
use kqlhunt::ui::keymap::{Action, Keymap};
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen};

#[test]
fn a_keymap_with_13200_keys_for_one_action_still_opens_the_help() {
    let keys: Vec<String> = (0..13_200)
        .map(|i| format!("\"Ctrl+Alt+F{}\"", 1 + i % 24))
        .collect();
    let text = format!("[global]\nhelp = [{}]\n", keys.join(", "));
    let mut app = support::screen::workbench("DeviceInfo");
    app.keymap = Keymap::from_toml(&text).unwrap();
    app.apply(Action::Help);
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Ctrl+Alt+F1 / Ctrl+Alt+F2 / Ctrl+Alt+F3 / Ctrl+Alt+F4 and 13,196 more"),
        "{shown}"
    );
    assert!(
        shown.contains("13,196 more"),
        "the rest is counted: {shown}"
    );
    assert!(shown.contains("run the query under the cursor"), "{shown}");
}

#[test]
fn a_47_mb_cell_is_shown_cut_with_its_size_and_keys_stay_quick() {
    let big = "A".repeat(47 << 20);
    let json = format!(
        r#"{{"schema":[{{"name":"Blob","type":"String"}},{{"name":"Bag","type":"Dynamic"}},{{"name":"Host","type":"String"}}],"results":[{{"Blob":"{big}","Bag":["{big}"],"Host":"ws-1"}}]}}"#
    );
    drop(big);
    let result = load_response(json.into_bytes()).unwrap().result;
    let mut app = support::screen::workbench("DeviceInfo");
    app.show(result, ClientMeasure::default(), None);
    app.focus = Focus::Results;
    let started = Instant::now();
    let grid = screen(&app, 120, 40);
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert!(grid.contains("AAAA"), "{grid}");
    app.on_key(key(KeyCode::Enter));
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Up, KeyCode::PageDown] {
        let started = Instant::now();
        app.on_key(key(code));
        let shown = screen(&app, 120, 40);
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "a key took {:?}",
            started.elapsed()
        );
        assert!(shown.contains("record 1 of 1"), "{shown}");
    }
    app.on_key(key(KeyCode::PageUp));
    app.on_key(key(KeyCode::PageUp));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("cut: 47.0 MB in all"),
        "the size is said: {shown}"
    );
    // The whole value is still there for a copy or an export.
    let whole = app.view.result.as_ref().unwrap().cell(0, 0).to_plain();
    assert_eq!(whole.len(), 47 << 20);
}
