//! Results with no columns, no rows, or no row left by a filter, through every path that reads
//! them: each results key, each copy target in each format, export, the record view, and the
//! headless writers. A clear view or message every time, never a panic.

mod support;

use kqlhunt::api::ClientMeasure;
use kqlhunt::results::load_response;
use kqlhunt::results::writers::{write_result, Format};
use kqlhunt::ui::app::{App, Command, Focus};
use kqlhunt::ui::keymap::{Action, CopyChoice, Scope, ACTIONS, MODE_ACTIONS};
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen, type_text};

const SHAPES: &[(&str, &str)] = &[
    ("no columns, no rows", r#"{"Schema":[],"Results":[]}"#),
    (
        "no columns, empty rows",
        r#"{"Schema":[],"Results":[{},{}]}"#,
    ),
    (
        "no columns, empty positional rows",
        r#"{"Schema":[],"Results":[[],[]]}"#,
    ),
    (
        "columns, no rows",
        r#"{"Schema":[{"Name":"A","Type":"String"},{"Name":"N","Type":"Int64"}],"Results":[]}"#,
    ),
    (
        "one row",
        r#"{"Schema":[{"Name":"A","Type":"String"}],"Results":[{"A":"x"}]}"#,
    ),
];

fn browsing(json: &str) -> App {
    let result = load_response(json.as_bytes().to_vec()).unwrap().result;
    let mut app = support::screen::workbench("DeviceInfo | project-away *");
    app.show(result, ClientMeasure::default(), None);
    app.focus = Focus::Results;
    app
}

/// Answers a prompt the action may have opened, runs an export it asks for, closes popups.
fn settle(app: &mut App, dir: &std::path::Path, what: &str) {
    let _ = screen(app, 80, 24);
    if app.prompt.is_some() {
        let answer = dir.join(format!("{}.csv", what.replace(' ', "-")));
        type_text(app, answer.to_str().unwrap());
        if let Some(Command::Export(job)) = app.on_key(key(KeyCode::Enter)) {
            let done = kqlhunt::ui::export::run(&job, |_| {});
            assert!(done.is_ok(), "{what}: {done:?}");
        }
    }
    let _ = screen(app, 80, 24);
    app.on_key(key(KeyCode::Esc));
}

#[test]
fn every_results_key_works_on_empty_results() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, json) in SHAPES {
        for (action, name, scope, _, _) in ACTIONS {
            if *scope != Scope::Results {
                continue;
            }
            let mut app = browsing(json);
            let what = format!("{shape} {name}");
            // Each action on a fresh view, and again after a filter that keeps nothing.
            app.apply(*action);
            settle(&mut app, dir.path(), &what);
            app.apply(kqlhunt::ui::keymap::Action::Filter);
            type_text(&mut app, "nothing-matches-this");
            app.on_key(key(KeyCode::Enter));
            for again in [*action, *action] {
                app.apply(again);
                settle(&mut app, dir.path(), &format!("{what} filtered"));
            }
        }
    }
}

#[test]
fn every_copy_target_and_format_works_on_empty_results() {
    for (shape, json) in SHAPES {
        let menu = || MODE_ACTIONS.iter().filter(|row| row.2 == Scope::CopyMenu);
        let formats =
            menu().filter(|r| matches!(r.0, Action::CopyMenuChoice(CopyChoice::Format(_))));
        for (format, ..) in formats {
            let targets =
                menu().filter(|r| matches!(r.0, Action::CopyMenuChoice(CopyChoice::Target(_))));
            for (target, ..) in targets {
                let mut app = browsing(json);
                app.on_key(key(KeyCode::Char('c')));
                app.apply(*format);
                app.apply(*target);
                let text = screen(&app, 80, 24);
                assert!(!text.is_empty(), "{shape}");
            }
        }
    }
}

#[test]
fn a_result_with_no_columns_says_so_and_sorting_it_changes_nothing() {
    let mut app = browsing(r#"{"Schema":[],"Results":[]}"#);
    for c in ['s', 'S', 's'] {
        app.on_key(key(KeyCode::Char(c)));
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains("The query returned no columns."), "{text}");
    assert_eq!(app.view.table.sort(), None, "nothing to sort by");
}

#[test]
fn the_headless_writers_write_empty_results() {
    for (shape, json) in SHAPES {
        let result = load_response(json.as_bytes().to_vec()).unwrap().result;
        for format in [
            Format::Table,
            Format::Csv,
            Format::Tsv,
            Format::Json,
            Format::Jsonl,
            Format::Markdown,
            Format::Datatable,
        ] {
            let mut out = Vec::new();
            write_result(&result, format, 80, &mut out).unwrap();
            assert!(String::from_utf8(out).is_ok(), "{shape} {format:?}");
        }
    }
}
