//! The record view and empty columns as a hunter uses them: walk the fields and the records
//! without closing, copy a field or the record, leave out what is empty.

mod support;

use kqlhunt::ui::app::{App, Command, Overlay};
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen, workbench};

const SPARSE: &str = r#"{"schema":[
 {"name":"Timestamp","type":"DateTime"},{"name":"DeviceName","type":"String"},
 {"name":"RegistryKey","type":"String"},{"name":"AdditionalFields","type":"Object"},
 {"name":"FileName","type":"String"}],
 "results":[
 {"Timestamp":"2026-11-20T06:38:35Z","DeviceName":"ws-0042","RegistryKey":null,"AdditionalFields":{},"FileName":"a.exe"},
 {"Timestamp":"2026-11-20T06:39:35Z","DeviceName":"ws-0043","RegistryKey":"","AdditionalFields":null,"FileName":""}]}"#;

fn browsing(response: &str) -> App {
    let mut app = workbench("DeviceEvents | take 2");
    support::screen::run_with(&mut app, response.as_bytes());
    app.on_key(key(KeyCode::F(3)));
    app
}

fn copied(command: Option<Command>) -> String {
    match command {
        Some(Command::Copy(job)) => job.text,
        other => panic!("a copy was asked for: {other:?}"),
    }
}

#[test]
fn the_record_view_walks_fields_and_records_and_copies_either() {
    let mut app = browsing(SPARSE);
    app.on_key(key(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(text.contains("record 1 of 2"), "{text}");
    app.on_key(key(KeyCode::Down));
    assert_eq!(app.view.grid.column, 1, "the field follows the arrows");
    assert_eq!(copied(app.on_key(key(KeyCode::Char('y')))), "ws-0042");
    app.on_key(key(KeyCode::Char('n')));
    assert!(matches!(app.overlay, Overlay::Record { .. }), "still open");
    assert!(screen(&app, 100, 30).contains("record 2 of 2"));
    assert_eq!(copied(app.on_key(key(KeyCode::Char('y')))), "ws-0043");
    let record = copied(app.on_key(key(KeyCode::Char('Y'))));
    assert!(
        record.starts_with("2026-11-20") && record.contains("ws-0043"),
        "{record}"
    );
    app.on_key(key(KeyCode::Char('p')));
    assert_eq!(app.view.grid.row, 0);
}

#[test]
fn empty_fields_and_empty_columns_can_be_left_out() {
    let mut app = browsing(SPARSE);
    app.on_key(key(KeyCode::Enter));
    assert!(screen(&app, 100, 30).contains("RegistryKey"));
    app.on_key(key(KeyCode::Char('e')));
    let text = screen(&app, 100, 30);
    assert!(
        !text.contains("RegistryKey") && !text.contains("AdditionalFields"),
        "{text}"
    );
    assert!(
        text.contains("FileName"),
        "a.exe is there in the first record: {text}"
    );
    app.on_key(key(KeyCode::Esc));
    // In the grid: E hides the columns empty in every row, E again shows them.
    app.on_key(key(KeyCode::Char('E')));
    let text = screen(&app, 100, 30);
    assert!(text.contains("hid 2 columns empty in every row"), "{text}");
    let header = text
        .lines()
        .find(|l| l.contains("Timestamp"))
        .unwrap()
        .to_owned();
    assert!(
        !header.contains("RegistryKey") && header.contains("FileName"),
        "{header}"
    );
    app.on_key(key(KeyCode::Char('E')));
    assert!(screen(&app, 100, 30).contains("RegistryKey"));
}

#[test]
fn v_shows_the_whole_cell_wrapped_in_place_and_y_copies_it() {
    let long = "powershell.exe -NoP -W Hidden -Enc ".to_owned() + &"SQBFAFgA".repeat(40) + "END";
    let response = format!(
        r#"{{"schema":[{{"name":"DeviceName","type":"String"}},{{"name":"ProcessCommandLine","type":"String"}}],"results":[{{"DeviceName":"ws-0400","ProcessCommandLine":"{long}"}}]}}"#
    );
    let mut app = browsing(&response);
    app.on_key(key(KeyCode::Char('l')));
    let before = screen(&app, 80, 24);
    assert!(!before.contains("AEND"), "cut in the grid: {before}");
    app.on_key(key(KeyCode::Char('v')));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("ProcessCommandLine · y copies it · Esc closes"),
        "{text}"
    );
    let shown: String = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix('│')
                .and_then(|l| l.trim_end().strip_suffix('│'))
        })
        .collect();
    assert_eq!(shown.trim_end(), long, "every character, wrapped: {text}");
    assert_eq!(copied(app.on_key(key(KeyCode::Char('y')))), long);
    app.on_key(key(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}
