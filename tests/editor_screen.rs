//! The editor as a hunter uses it: completion as they type, diagnostics after a pause, the
//! formatter, comments, several buffers in tabs. Whole screens compared with `insta`.

mod support;

use kqlhunt::ui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::screen::{ctrl, key, press, screen, type_text};

fn editor(text: &str) -> App {
    let mut app = support::screen::workbench(text);
    app.editor
        .area
        .move_cursor(ratatui_textarea::CursorMove::Bottom);
    app.editor
        .area
        .move_cursor(ratatui_textarea::CursorMove::End);
    app
}

#[test]
fn a_pipe_offers_operators_and_tab_completes_a_column() {
    let mut app = editor("DeviceProcessEvents");
    type_text(&mut app, "\n| ");
    let popup = screen(&app, 80, 24);
    assert!(
        popup.contains("where") && popup.contains("summarize"),
        "the most used first: {popup}"
    );
    type_text(&mut app, "whe");
    app.on_key(key(KeyCode::Enter));
    type_text(&mut app, " ProcessC");
    press(&mut app, key(KeyCode::Tab));
    insta::assert_snapshot!("completion_80x24", screen(&app, 80, 24));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(
        app.editor.text(),
        "DeviceProcessEvents\n| where ProcessCommandLine"
    );
}

#[test]
fn a_typo_is_underlined_and_named_in_the_hint_bar_before_any_run() {
    let mut app = editor("DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where ProcessCommandLin has \"mimikatz\"");
    app.lint();
    app.settle();
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("error: Failed to resolve scalar expression named 'ProcessCommandLin'"),
        "{text}"
    );
    insta::assert_snapshot!("diagnostic_80x24", text);
}

#[test]
fn the_formatter_puts_each_operator_on_its_own_line_and_undo_takes_it_back() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut app = editor("DeviceInfo|where Timestamp>ago(1d)|summarize count() by OSPlatform");
    app.on_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::ALT));
    assert_eq!(
        app.editor.text(),
        "DeviceInfo\n| where Timestamp > ago(1d)\n| summarize count() by OSPlatform"
    );
    // One Ctrl+Z takes the whole format back, as in the portal's editor.
    app.on_key(ctrl('z'));
    assert_eq!(
        app.editor.text(),
        "DeviceInfo|where Timestamp>ago(1d)|summarize count() by OSPlatform"
    );
}

#[test]
fn buffers_open_in_tabs_and_closing_one_with_text_asks_first() {
    let mut app = editor("DeviceInfo | take 1");
    app.on_key(ctrl('t'));
    type_text(&mut app, "EmailEvents | take 2");
    let text = screen(&app, 80, 24);
    assert!(text.contains("[1 DeviceInfo] [2 EmailEvents]"), "{text}");
    app.on_key(ctrl('w'));
    assert!(screen(&app, 80, 24).contains("close this buffer and its text? y / n"));
    app.on_key(key(KeyCode::Char('n')));
    assert_eq!(app.tab_count(), 2, "n keeps it");
    app.on_key(ctrl('w'));
    app.on_key(key(KeyCode::Char('y')));
    assert_eq!(app.tab_count(), 1);
    assert_eq!(app.editor.text(), "DeviceInfo | take 1");
}

#[test]
fn without_f_keys_the_help_reaches_every_command() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut app = editor("DeviceInfo | take 1");
    app.on_key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::ALT));
    let help = screen(&app, 100, 40);
    assert!(help.contains("Enter runs"), "{help}");
    // Down to "browse the results", then Enter: the same as F3.
    let target = kqlhunt::ui::keymap::ACTIONS
        .iter()
        .position(|(a, ..)| *a == kqlhunt::ui::keymap::Action::FocusResults)
        .unwrap();
    for _ in 0..target {
        app.on_key(key(KeyCode::Down));
    }
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.focus, kqlhunt::ui::app::Focus::Results);
    assert_eq!(app.overlay, kqlhunt::ui::app::Overlay::None);
}

#[test]
fn line_numbers_stay_when_a_long_line_scrolls_sideways() {
    let long = format!(
        "DeviceProcessEvents | where ProcessCommandLine has \"{}\"",
        "x".repeat(150)
    );
    let mut app = editor(&format!("{long}\n| take 1"));
    app.editor.go_to(0, 140);
    let text = screen(&app, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with(" 1 x"),
        "the number and the scrolled text: {text}"
    );
    assert_eq!(lines[2], " 2", "{text}");
}

#[test]
fn inside_a_call_the_hint_bar_shows_its_signature_and_a_wrong_name_is_an_error() {
    let mut app = editor("DeviceNetworkEvents\n| where Timestamp > ago(1d)\n| where ");
    type_text(&mut app, "ipv4_is_in_range(RemoteIP, ");
    app.on_key(key(KeyCode::Esc));
    let text = screen(&app, 100, 24);
    assert!(
        text.contains("ipv4_is_in_range(ip: string, ip_range: string) → bool"),
        "{text}"
    );
    let mut app = editor(
        "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where to_lowercase(FileName) == \"x\"",
    );
    app.lint();
    app.settle();
    let text = screen(&app, 100, 24);
    assert!(
        text.contains("error: The name 'to_lowercase' does not refer to any known function."),
        "{text}"
    );
}

#[test]
fn the_colours_are_made_on_an_edit_not_on_every_frame() {
    let mut app = editor("DeviceInfo\n| take 1");
    screen(&app, 80, 24);
    let first = app.editor.painted();
    app.on_key(key(KeyCode::Up));
    screen(&app, 80, 24);
    assert!(
        std::sync::Arc::ptr_eq(&first, &app.editor.painted()),
        "a frame without an edit draws the colours already made"
    );
    type_text(&mut app, " | count");
    screen(&app, 80, 24);
    let now = app.editor.painted();
    assert!(
        !std::sync::Arc::ptr_eq(&first, &now),
        "an edit colours again"
    );
    assert_eq!(now.text, app.editor.text());
    assert!(
        now.colours.len() > first.colours.len(),
        "the new operator is coloured"
    );
}
