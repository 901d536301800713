//! A catalogue of bad input, each fed where it would arrive: a clear message or a sane view,
//! never a panic, and the query being typed is never lost.

mod support;

use kqlhunt::api::ClientMeasure;
use kqlhunt::results::load_response;
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen};

const QUERY: &str = "DeviceProcessEvents\n| where FileName == \"evil.exe\"";

fn schema(columns: &[(&str, &str)]) -> String {
    let parts: Vec<String> = columns
        .iter()
        .map(|(n, t)| format!(r#"{{"name":"{n}","type":"{t}"}}"#))
        .collect();
    format!("[{}]", parts.join(","))
}

/// (what, response bytes, what the hunter must be told when it is refused)
fn catalogue() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let good = format!(
        r#"{{"schema":{},"results":[{{"Name":"a","Count":1}}]}}"#,
        schema(&[("Name", "String"), ("Count", "Int64")])
    );
    let wide_columns: Vec<(String, String)> = (0..10_000)
        .map(|i| (format!("C{i}"), "String".to_owned()))
        .collect();
    let wide_schema: Vec<(&str, &str)> = wide_columns
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let wide_row: Vec<String> = (0..10_000).map(|i| format!(r#""C{i}":"v{i}""#)).collect();
    let nested = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    vec![
        ("truncated JSON", good.as_bytes()[..good.len() / 2].to_vec(), Some("cut off")),
        ("not JSON at all", b"<html><body>502 Bad Gateway</body></html>".to_vec(), Some("not valid JSON")),
        ("invalid UTF-8", [b"{\"schema\":[],\"results\":[\"\xff\xfe\"]}".as_slice()].concat(), Some("not UTF-8")),
        ("empty body", Vec::new(), Some("")),
        (
            "wrong types per column",
            format!(r#"{{"schema":{},"results":[{{"Name":12,"Count":"many","When":true}}]}}"#,
                schema(&[("Name", "String"), ("Count", "Int64"), ("When", "DateTime")])).into_bytes(),
            None,
        ),
        (
            "a 10 MB cell",
            format!(r#"{{"schema":{},"results":[{{"Cmd":"{}"}}]}}"#, schema(&[("Cmd", "String")]), "A".repeat(10 << 20)).into_bytes(),
            None,
        ),
        (
            "10,000 columns",
            format!(r#"{{"schema":{},"results":[{{{}}}]}}"#, schema(&wide_schema), wide_row.join(",")).into_bytes(),
            None,
        ),
        (
            "deeply nested dynamic value",
            format!(r#"{{"schema":{},"results":[{{"Bag":{nested}}}]}}"#, schema(&[("Bag", "Dynamic")])).into_bytes(),
            Some(""),
        ),
        ("empty schema with rows", br#"{"schema":[],"results":[{"X":1},{"Y":2}]}"#.to_vec(), None),
        (
            "rows with missing and extra keys",
            format!(r#"{{"schema":{},"results":[{{"Name":"a"}},{{"Name":"b","Count":2,"Extra":"x"}},{{}}]}}"#,
                schema(&[("Name", "String"), ("Count", "Int64")])).into_bytes(),
            None,
        ),
        ("a schema that is not a list", br#"{"schema":"Name","results":[]}"#.to_vec(), Some("")),
    ]
}

#[test]
fn each_bad_response_gives_a_message_or_a_sane_view_and_keeps_the_query() {
    for (what, bytes, refusal) in catalogue() {
        let mut app = support::screen::workbench(QUERY);
        match load_response(bytes) {
            Ok(document) => {
                app.show(document.result, ClientMeasure::default(), None);
                // Every size, down to a terminal of 10x3, and a storm of resizes.
                for (w, h) in [(80, 24), (10, 3), (1, 1), (200, 60), (37, 9)] {
                    app.screen = (w, h);
                    let _ = screen(&app, w, h);
                }
                for action in [Action::LastColumn, Action::LastRow, Action::OpenRecord] {
                    app.apply(action);
                }
                let _ = screen(&app, 80, 24);
                app.on_key(key(KeyCode::Esc));
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.len() > 20, "{what}: say what happened: {message}");
                if let Some(words) = refusal {
                    assert!(message.contains(words), "{what}: {message}");
                }
            }
        }
        assert_eq!(app.editor.text(), QUERY, "{what}: the query is kept");
    }
}

#[test]
fn the_workbench_draws_at_any_size_without_panicking() {
    let mut app = support::screen::workbench(QUERY);
    app.apply(Action::FocusSide);
    app.apply(Action::Help);
    for w in (0..120).step_by(7) {
        for h in (0..40).step_by(5) {
            app.screen = (w.max(1), h.max(1));
            let _ = screen(&app, w.max(1), h.max(1));
        }
    }
}

#[test]
fn bad_config_files_are_named_and_the_defaults_kept() {
    for (text, says) in [
        ("[profiles.x\ntenant = 1", "TOML"),
        ("default_profile = 7", "default_profile"),
        ("[profiles.lab]\nflavor = \"graph\"", "tenant"),
    ] {
        let error = kqlhunt::config::Config::parse(text)
            .unwrap_err()
            .to_string();
        assert!(error.contains(says), "{text}: {error}");
    }
    assert!(kqlhunt::ui::keymap::Keymap::from_toml("[global]\nquit = 5").is_err());
    assert!(kqlhunt::ui::theme::Theme::from_toml("keyword = \"not a colour\"").is_err());
}
