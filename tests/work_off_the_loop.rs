//! Sorting, filtering, searching, checking and completing run off the UI loop: keys are handled
//! while they run, and an answer that comes late (after a newer sort, filter or edit) changes
//! nothing. The answers are driven here by hand, late and out of order, as a slow machine or a
//! busy worker would deliver them.

mod support;

use std::sync::mpsc;
use std::time::Duration;

use kqlhunt::api::ClientMeasure;
use kqlhunt::results::{Column, ResultSet, Value};
use kqlhunt::ui::app::{App, Focus};
use kqlhunt::ui::work::{Answer, Lane};
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen, workbench};

/// Devices `host-000` to `host-{n-1}`, arriving newest first.
fn browsing(n: usize) -> App {
    let mut name = Column::new("DeviceName", "String");
    let mut seen = Column::new("Logons", "Int64");
    for i in (0..n).rev() {
        name.push_value(Value::Text(&format!("host-{i:03}")));
        seen.push_value(Value::Long(i as i64 % 7));
    }
    let result = ResultSet::from_columns(vec![name, seen]).unwrap();
    let mut app = workbench("DeviceInfo");
    app.show(result, ClientMeasure::default(), None);
    app.focus = Focus::Results;
    app
}

/// Keys typed faster than any work answers.
fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
}

/// Every answer of the work asked for so far, not yet taken in.
fn answers(app: &App) -> Vec<Answer> {
    assert!(app.work.wait_idle(Duration::from_secs(30)));
    app.work.take()
}

/// The device names in the grid, top to bottom.
fn names(app: &App) -> Vec<String> {
    screen(app, 60, 40)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with("host-"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_old_sorts_answer_after_a_newer_filter_is_dropped() {
    let mut app = browsing(40);
    app.on_key(key(KeyCode::Char('s')));
    app.on_key(key(KeyCode::Char('f')));
    keys(&mut app, "host-01");
    app.on_key(key(KeyCode::Enter));
    let mut late = answers(&app);
    assert_eq!(late.len(), 2, "the sort's answer and the filter's");
    // The filter's comes first, the sort's after it.
    late.reverse();
    for answer in late {
        app.answer(answer);
    }
    let text = screen(&app, 120, 20);
    assert!(
        text.contains("sorted by DeviceName ↑") && text.contains("10 rows with 'host-01'"),
        "{text}"
    );
    let expected: Vec<String> = (10..20).map(|i| format!("host-{i:03}")).collect();
    assert_eq!(
        names(&app),
        expected,
        "filtered and sorted, not every row as the old sort left them"
    );
}

#[test]
fn a_key_during_a_long_sort_is_handled_before_the_sort_ends() {
    let mut app = browsing(30);
    // The rows' worker is busy (a sort of another size, a slow machine): the sort waits.
    let (release, gate) = mpsc::channel::<()>();
    let tab = app.view.id;
    app.work.submit(Lane::Rows(tab), "holding", move || {
        let _ = gate.recv_timeout(Duration::from_secs(30));
        Answer::Broke(Lane::Rows(tab), "held")
    });
    app.on_key(key(KeyCode::Char('s')));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Down));
    assert_eq!(app.view.grid.row, 2, "the keys moved the selection");
    assert!(app.view.table.working().is_some(), "the sort has not ended");
    std::thread::sleep(Duration::from_millis(200));
    let text = screen(&app, 120, 20);
    assert!(text.contains("sorting…"), "{text}");
    release.send(()).unwrap();
    let late = answers(&app);
    for answer in late.into_iter().skip(1) {
        app.answer(answer);
    }
    let text = screen(&app, 120, 20);
    assert!(!text.contains("sorting…"), "{text}");
    assert_eq!(names(&app)[..3], ["host-000", "host-001", "host-002"]);
    assert_eq!(
        app.view.grid.row, 2,
        "the selection stays where the keys put it"
    );
}

#[test]
fn a_quick_sort_never_shows_that_it_is_working() {
    let mut app = browsing(30);
    app.on_key(key(KeyCode::Char('s')));
    assert!(
        !screen(&app, 120, 20).contains("sorting…"),
        "no flicker before it is answered"
    );
    app.settle();
    assert!(!screen(&app, 120, 20).contains("sorting…"));
    assert_eq!(names(&app)[0], "host-000");
}

#[test]
fn a_search_answered_after_the_rows_were_sorted_moves_nothing() {
    let mut app = browsing(30);
    app.on_key(key(KeyCode::Char('/')));
    keys(&mut app, "host-025");
    app.on_key(key(KeyCode::Enter));
    app.on_key(key(KeyCode::Char('s')));
    let late = answers(&app);
    // The sort's answer comes first; the search's, about the rows before it, after.
    let (search, sort): (Vec<_>, Vec<_>) = late
        .into_iter()
        .partition(|a| matches!(a, Answer::Found(..)));
    for answer in sort.into_iter().chain(search) {
        app.answer(answer);
    }
    assert_eq!(
        app.view.grid.row, 0,
        "row 4 before the sort is another device now"
    );
}

fn editor_at_end(text: &str) -> App {
    let mut app = workbench(text);
    let last = app.editor.area.lines().len() - 1;
    app.editor.go_to(last, usize::MAX);
    app
}

#[test]
fn typing_during_a_lint_keeps_the_newest_lint() {
    let mut app = editor_at_end("DeviceInfo\n| where Nope1 == 1");
    app.lint();
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Backspace));
    app.on_key(key(KeyCode::Backspace));
    for c in "2 == 1".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    // The first check was still running when the hunter typed; the pause brings a second.
    app.lint();
    let mut late = answers(&app);
    assert_eq!(late.len(), 2);
    late.reverse();
    for answer in late {
        app.answer(answer);
    }
    let text = screen(&app, 100, 24);
    assert!(text.contains("'Nope12'"), "{text}");
    assert!(
        !text.contains("'Nope1'"),
        "the old check is dropped: {text}"
    );
}

#[test]
fn a_lint_of_text_since_typed_over_waits_for_the_next_one() {
    let mut app = editor_at_end("DeviceInfo\n| where Nope1 == 1");
    app.lint();
    app.on_key(key(KeyCode::Char(' ')));
    app.settle();
    assert!(
        app.assist.diagnostics.is_empty(),
        "not about the text on screen"
    );
    assert!(!screen(&app, 100, 24).contains("Failed to resolve"));
    assert!(app.assist.lint_due().is_some(), "a new check is due");
}

#[test]
fn completion_that_arrives_after_esc_stays_closed() {
    let mut app = editor_at_end("DeviceProcessEvents\n");
    app.on_key(key(KeyCode::Char('|')));
    app.on_key(key(KeyCode::Esc));
    app.settle();
    assert!(app.assist.popup.is_none(), "Esc closed it before it came");
    app.on_key(key(KeyCode::Char(' ')));
    app.on_key(key(KeyCode::Tab));
    app.settle();
    let text = screen(&app, 80, 24);
    assert!(text.contains("summarize"), "Tab opens it: {text}");
}
