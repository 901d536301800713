//! A hunter's first hour at the workbench: what they type is never lost. Rows that arrive while
//! they type leave the focus where it is, a second F5 says why it waits, a pasted query keeps
//! its lines, questions take only y or n and name what they are about, and undo takes back
//! whole edits.

mod support;

use kqlhunt::api::{QueryOutcome, QuotaSnapshot};
use kqlhunt::ui::app::{App, Focus};
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{ctrl, key, screen, type_text, workbench};

fn two_rows() -> QueryOutcome {
    support::screen::answer(include_bytes!("data/graph-ok.json"))
}

fn at_end(text: &str) -> App {
    let mut app = workbench(text);
    app.apply(Action::BufferEnd);
    app
}

#[test]
fn rows_that_arrive_while_the_hunter_types_leave_the_keys_in_the_editor() {
    let mut app = at_end("DeviceInfo | take 2");
    app.apply(Action::RunQuery).expect("F5 starts a run");
    type_text(&mut app, "\n\nDeviceEvents | wh");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(two_rows()),
        QuotaSnapshot::default(),
        None,
    );
    assert_eq!(app.focus, Focus::Editor, "the rows must not take the focus");
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("2 rows in the grid: F3 browses them"),
        "{text}"
    );
    // `e` was the export key of the grid: here it is a letter of the query.
    type_text(&mut app, "ere ActionType");
    assert!(app.prompt.is_none(), "no export prompt opened");
    assert!(app
        .editor
        .text()
        .ends_with("DeviceEvents | where ActionType"));
}

#[test]
fn a_hunter_who_wants_the_grid_focused_after_a_run_can_have_it() {
    let mut app = at_end("DeviceInfo | take 2");
    app.focus_results_on_run = true;
    app.apply(Action::RunQuery).expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(two_rows()),
        QuotaSnapshot::default(),
        None,
    );
    assert_eq!(app.focus, Focus::Results);
}

#[test]
fn f5_while_a_query_runs_says_so_and_how_to_cancel() {
    let mut app = at_end("DeviceInfo | take 2");
    assert!(app.on_key(key(KeyCode::F(5))).is_some());
    assert!(
        app.on_key(key(KeyCode::F(5))).is_none(),
        "one run at a time"
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("a query is running: Esc cancels it"),
        "{text}"
    );
}

#[test]
fn a_pasted_query_keeps_every_line_whatever_line_breaks_the_terminal_sent() {
    // tmux's paste-buffer and many terminals send CR between lines, Windows clipboards CRLF.
    let mut app = at_end("");
    app.paste("// failed sign-ins\rIdentityLogonEvents\r\n| where ActionType == \"LogonFailed\"\n| take 10");
    assert_eq!(
        app.editor.text(),
        "// failed sign-ins\nIdentityLogonEvents\n| where ActionType == \"LogonFailed\"\n| take 10"
    );
    assert_eq!(
        app.editor.query_under_cursor().0.lines().count(),
        4,
        "the comment did not swallow the query"
    );
    assert!(app.keep.draft_due().is_some() || app.keep.saved.is_none());
    // One Ctrl+Z takes the whole paste back.
    app.on_key(ctrl('z'));
    assert_eq!(app.editor.text(), "");
}

#[test]
fn a_megabyte_paste_lands_whole() {
    let line = "DeviceProcessEvents | where ProcessCommandLine has \"x\" // padding padding\r\n";
    let text = line.repeat(1_000_000 / line.len() + 1);
    let mut app = at_end("");
    app.paste(&text);
    assert_eq!(
        app.editor.area.lines().len(),
        text.matches("\r\n").count() + 1
    );
    assert!(!app.editor.text().contains('\r'));
}

#[test]
fn a_paste_into_a_one_line_prompt_takes_one_line() {
    let saved = tempfile::tempdir().unwrap();
    let mut app = at_end("DeviceInfo");
    app.keep.saved = Some(saved.path().to_owned());
    app.on_key(ctrl('s'));
    app.paste("lateral/psexec\nDeviceProcessEvents\n");
    let prompt = app.prompt.as_ref().expect("the save prompt is open");
    assert_eq!(prompt.text, "lateral/psexec");
    assert!(screen(&app, 80, 24).contains("save the query as (folder/name): lateral/psexec"));
    assert_eq!(
        app.editor.text(),
        "DeviceInfo",
        "nothing went into the editor"
    );
}

#[test]
fn a_question_takes_only_y_or_n_and_says_so() {
    let mut app = at_end("DeviceInfo | take 1");
    app.on_key(ctrl('t'));
    type_text(&mut app, "EmailEvents");
    app.on_key(ctrl('w'));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("close this buffer and its text? y / n"),
        "{text}"
    );
    assert!(
        !text.contains("Enter applies"),
        "one rule per prompt: {text}"
    );
    // A key typed ahead is not an answer: the question stays, the buffer too.
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Char('x')));
    assert!(app.prompt.is_some(), "still asking");
    assert_eq!(app.tab_count(), 2);
    app.on_key(key(KeyCode::Char('n')));
    assert!(app.prompt.is_none());
    assert_eq!(app.tab_count(), 2, "n keeps it");
}

#[test]
fn undo_and_redo_take_whole_edits_and_ctrl_home_end_reach_the_ends() {
    let mut app = at_end("DeviceInfo");
    type_text(&mut app, " | take 10");
    app.on_key(KeyEvent::new(KeyCode::Char('f'), KeyModifiers::ALT));
    assert_eq!(app.editor.text(), "DeviceInfo\n| take 10");
    app.on_key(ctrl('z'));
    assert_eq!(
        app.editor.text(),
        "DeviceInfo | take 10",
        "the format was one step"
    );
    app.on_key(ctrl('z'));
    assert_eq!(app.editor.text(), "DeviceInfo", "the typing was one step");
    app.on_key(ctrl('y'));
    assert_eq!(app.editor.text(), "DeviceInfo | take 10");
    app.on_key(KeyEvent::new(
        KeyCode::Char('Z'),
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ));
    assert_eq!(
        app.editor.text(),
        "DeviceInfo\n| take 10",
        "Ctrl+Shift+Z redoes too"
    );
    // A comment toggle over two lines is one step too.
    app.on_key(KeyEvent::new(KeyCode::Char(';'), KeyModifiers::ALT));
    assert_eq!(app.editor.text(), "DeviceInfo\n// | take 10");
    app.on_key(ctrl('z'));
    assert_eq!(app.editor.text(), "DeviceInfo\n| take 10");
    app.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    assert_eq!(app.editor.area.cursor(), ratatui_textarea::DataCursor(0, 0));
    app.on_key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
    assert_eq!(app.editor.area.cursor(), ratatui_textarea::DataCursor(1, 9));
}

#[test]
fn a_pivot_from_a_cell_narrows_the_query_under_the_cursor_and_runs_it() {
    let mut app = at_end("DeviceProcessEvents\n| where Timestamp > ago(1d)\n\nDeviceInfo | take 1");
    app.editor.go_to(1, 0);
    app.apply(Action::RunQuery).expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(two_rows()),
        QuotaSnapshot::default(),
        None,
    );
    app.on_key(key(KeyCode::F(3)));
    app.on_key(key(KeyCode::Char('l')));
    let result = app.view.result.clone().unwrap();
    let name = result.column(1).name().to_owned();
    let value = result.column(1).value(0).to_plain();
    let Some(kqlhunt::ui::app::Command::Run(_, request, _)) = app.on_key(key(KeyCode::Char('x')))
    else {
        panic!("x runs the narrowed query")
    };
    let added = format!(
        "\n| where {name} != {}",
        kqlhunt::ui::pivot::string_literal(&value)
    );
    assert_eq!(
        request.query,
        format!("DeviceProcessEvents\n| where Timestamp > ago(1d){added}")
    );
    assert!(app
        .editor
        .text()
        .ends_with(&format!("{added}\n\nDeviceInfo | take 1")));
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(two_rows()),
        QuotaSnapshot::default(),
        None,
    );
    // The pivot is one step of undo, taken from the editor.
    app.on_key(key(KeyCode::F(2)));
    app.on_key(ctrl('z'));
    assert!(!app.editor.text().contains("!="));
}

#[test]
fn a_time_window_pivot_needs_a_timestamp_and_says_so() {
    let mut app = at_end("DeviceProcessEvents | take 2");
    app.apply(Action::RunQuery).expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(two_rows()),
        QuotaSnapshot::default(),
        None,
    );
    app.on_key(key(KeyCode::F(3)));
    app.on_key(key(KeyCode::Char('l')));
    assert!(app.on_key(key(KeyCode::Char('w'))).is_none());
    assert!(screen(&app, 80, 24).contains("is not a timestamp: a time window needs one"));
    app.on_key(key(KeyCode::Char('0')));
    let Some(kqlhunt::ui::app::Command::Run(_, request, _)) = app.on_key(key(KeyCode::Char('w')))
    else {
        panic!("w on a timestamp runs the window")
    };
    let when = app
        .view
        .result
        .as_ref()
        .unwrap()
        .column(0)
        .value(0)
        .to_plain();
    assert!(
        request.query.ends_with(&format!(
            "| where Timestamp between (datetime({when}) - 5m .. datetime({when}) + 5m)"
        )),
        "{}",
        request.query
    );
}

#[test]
fn the_quota_stays_in_the_status_bar_at_any_width_and_in_any_state() {
    let mut app = at_end("DeviceInfo | take 2");
    app.apply(Action::RunQuery).expect("F5 starts a run");
    let long_error = format!("Semantic error: {}", "a very long message ".repeat(20));
    app.finished(
        app.view.run_id.expect("a run was started"),
        Err(kqlhunt::api::ApiError::rejected(
            400,
            "BadRequest".into(),
            long_error,
            None,
        )),
        QuotaSnapshot {
            calls_left_minute: 44,
            ..QuotaSnapshot::default()
        },
        None,
    );
    app.on_key(key(KeyCode::Esc));
    for width in [60, 80, 200] {
        let text = screen(&app, width, 24);
        assert!(
            text.contains("quota 44/45 min"),
            "at {width} columns: {text}"
        );
    }
}

#[test]
fn counts_read_as_a_person_writes_them() {
    let mut app = at_end("print x = 1");
    app.apply(Action::RunQuery).expect("F5 starts a run");
    let mut one = two_rows();
    one.result = kqlhunt::results::load_response(
        br#"{"schema":[{"name":"x","type":"Int64"}],"results":[{"x":1}]}"#.to_vec(),
    )
    .unwrap()
    .result;
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(one),
        QuotaSnapshot::default(),
        None,
    );
    let text = screen(&app, 100, 24);
    assert!(text.contains("results: 1 row × 1 column"), "{text}");
    assert!(text.contains("1 row × 1 col,"), "{text}");
    assert!(
        text.lines().any(|l| l == "    1"),
        "a number in the last column stays by its row, not at the screen's edge: {text}"
    );
}

#[test]
fn a_result_at_the_row_cap_says_it_may_be_cut() {
    let mut app = at_end("DeviceEvents");
    app.apply(Action::RunQuery).expect("F5 starts a run");
    let mut column = kqlhunt::results::Column::new("n", "Int64");
    for n in 0..kqlhunt::api::ROW_CAP as i64 {
        column.push_value(kqlhunt::results::Value::Long(n));
    }
    let mut capped = two_rows();
    capped.result = kqlhunt::results::ResultSet::from_columns(vec![column]).unwrap();
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(capped),
        QuotaSnapshot::default(),
        None,
    );
    let text = screen(&app, 200, 30);
    assert!(
        text.contains("at the service's row cap: the result may be cut"),
        "{text}"
    );
    assert!(text.contains("(row cap: may be cut)"), "{text}");
}

#[test]
fn the_help_is_a_palette_typing_filters_and_enter_runs_the_command() {
    let mut app = at_end("DeviceInfo\n| where Timestamp > ago(1d)");
    app.on_key(key(KeyCode::F(1)));
    type_text(&mut app, "format");
    let text = screen(&app, 80, 24);
    assert!(text.contains("filter: format"), "{text}");
    assert!(text.contains("format the query under the cursor"), "{text}");
    assert!(
        !text.contains("copy the row"),
        "only matching commands: {text}"
    );
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.overlay, kqlhunt::ui::app::Overlay::None);
    assert_eq!(
        app.editor.text(),
        "DeviceInfo\n| where Timestamp > ago(1d)",
        "already formatted"
    );
    app.on_key(key(KeyCode::F(1)));
    type_text(&mut app, "comment");
    app.on_key(key(KeyCode::Enter));
    assert!(
        app.editor.text().contains("// | where"),
        "Enter ran the comment toggle"
    );
}

#[test]
fn the_help_reaches_its_last_entry_at_any_size_with_the_choice_in_view() {
    for (width, height) in [(80, 24), (60, 12), (200, 50)] {
        let mut app = at_end("DeviceInfo");
        app.on_key(key(KeyCode::F(1)));
        app.on_key(key(KeyCode::End));
        let text = screen(&app, width, height);
        let last = kqlhunt::ui::keymap::MODE_ACTIONS.last().unwrap().3;
        let shown: String = last.chars().take(20).collect();
        assert!(text.contains(&shown), "{width}x{height}: {text}");
        for _ in 0..200 {
            app.on_key(key(KeyCode::Up));
        }
        let text = screen(&app, width, height);
        assert!(
            text.contains("run the query under"),
            "back at the top, {width}x{height}: {text}"
        );
    }
}

/// Runs the query under the cursor, lets it fail with `error`, and shows the History list.
fn history_after_failing(app: &mut App, error: kqlhunt::api::ApiError) -> String {
    app.apply(Action::RunQuery).expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        Err(error),
        QuotaSnapshot::default(),
        None,
    );
    app.on_key(key(KeyCode::Esc));
    app.on_key(key(KeyCode::F(4)));
    app.on_key(key(KeyCode::Tab));
    screen(app, 160, 30)
}

#[test]
fn a_failed_run_is_listed_by_its_query_with_a_mark() {
    let mut app = at_end("// a comment first\nDeviceInfo | where OSPlatfrm == 'Windows11'");
    let text = history_after_failing(
        &mut app,
        kqlhunt::api::ApiError::rejected(
            400,
            "BadRequest".into(),
            "Failed to resolve scalar expression named 'OSPlatfrm' and a great deal more text"
                .into(),
            None,
        ),
    );
    assert!(
        text.contains("✗ error  DeviceInfo | whe"),
        "the query, not the comment or only the error: {text}"
    );
}

#[test]
fn a_call_the_local_quota_held_back_is_not_a_run_in_the_history() {
    let mut app = at_end("DeviceInfo | take 1");
    let text = history_after_failing(
        &mut app,
        kqlhunt::api::ApiError::Throttled {
            window: kqlhunt::api::QuotaWindow::Calls {
                limit: 45,
                per: std::time::Duration::from_secs(60),
            },
            message: "45 calls this minute".into(),
            retry_after: None,
            until: std::time::SystemTime::now() + std::time::Duration::from_secs(30),
            request_id: None,
            local: true,
            wait_cut: false,
        },
    );
    assert!(
        text.contains("No runs yet"),
        "nothing was sent, so nothing ran: {text}"
    );
}

#[test]
fn the_hint_bar_names_the_most_severe_finding_on_the_cursors_line() {
    let mut app = at_end(
        "DeviceProcessEvents | where ProcessCommandLine contains \"-enc\" | where ProcesId == 4",
    );
    app.lint();
    app.settle();
    let text = screen(&app, 200, 30);
    let hint = text.lines().last().unwrap_or_default();
    assert!(
        hint.contains("error: Failed to resolve scalar expression named 'ProcesId'"),
        "the error, not the advice before it: {hint}"
    );
}
