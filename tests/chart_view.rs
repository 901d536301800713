//! The chart view as a hunter drives it: a run that ends in `render` shows its chart, the
//! cursor walks x with a readout of the exact values, Enter goes back to the grid on that
//! point's row, two marks narrow the query (before its `render`, undoable), the picker charts
//! a result without `render`, and a kind kqlhunt does not draw says so over the table.

mod support;

use kqlhunt::ui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{ctrl, key, press, run_with, screen, workbench};

/// A Graph answer: hourly counts from 2026-11-20 00:00 UTC, with a spike at 03:00.
fn hourly(hours: usize) -> Vec<u8> {
    let rows: Vec<String> = (0..hours)
        .map(|h| {
            let count = if h == 3 { 90 } else { 5 + h % 4 };
            format!(
                r#"{{"Timestamp": "2026-11-20T{h:02}:00:00Z", "DeviceName": "ws-0142", "count_": {count}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"schema": [{{"name": "Timestamp", "type": "DateTime"}}, {{"name": "DeviceName", "type": "String"}}, {{"name": "count_", "type": "Int64"}}], "results": [{}]}}"#,
        rows.join(",")
    )
    .into_bytes()
}

const TIMECHART: &str =
    "DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName\n| render timechart";

fn charted(query: &str, hours: usize) -> App {
    let mut app = workbench(query);
    run_with(&mut app, &hourly(hours));
    app.focus = kqlhunt::ui::app::Focus::Results;
    app
}

fn letter(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_run_ending_in_render_shows_its_chart_and_the_key_toggles_the_table() {
    let mut app = charted(TIMECHART, 12);
    let text = screen(&app, 100, 30);
    assert!(text.contains("chart: timechart of 12 rows"), "{text}");
    assert!(
        text.contains("Timestamp 2026-11-20 00:00:00.0000000 │ ws-0142 5"),
        "the readout at the first x: {text}"
    );
    press(&mut app, letter('C'));
    assert!(app.view.chart.is_none());
    assert!(screen(&app, 100, 30).contains("results: 12 rows"));
    press(&mut app, letter('C'));
    assert!(screen(&app, 100, 30).contains("chart: timechart of 12 rows"));
}

#[test]
fn the_cursor_walks_x_and_the_readout_follows_exactly() {
    let mut app = charted(TIMECHART, 12);
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Right));
    }
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Timestamp 2026-11-20 03:00:00.0000000 │ ws-0142 90"),
        "{text}"
    );
    press(&mut app, key(KeyCode::End));
    assert!(screen(&app, 100, 30).contains("11:00:00.0000000 │ ws-0142 8"));
    press(&mut app, key(KeyCode::Home));
    press(&mut app, key(KeyCode::Left));
    assert!(
        screen(&app, 100, 30).contains("00:00:00.0000000"),
        "stays at the first x"
    );
}

#[test]
fn the_chart_opens_on_the_grids_selected_row() {
    let mut app = charted(TIMECHART, 12);
    press(&mut app, letter('C'));
    for _ in 0..5 {
        press(&mut app, key(KeyCode::Down));
    }
    press(&mut app, letter('C'));
    assert!(
        screen(&app, 100, 30).contains("Timestamp 2026-11-20 05:00:00.0000000"),
        "{}",
        screen(&app, 100, 30)
    );
}

#[test]
fn enter_on_a_point_goes_back_to_the_grid_on_its_row() {
    let mut app = charted(TIMECHART, 12);
    // The grid sorted by count, descending: the spike is the first row shown.
    app.view.grid.column = 2;
    press(&mut app, letter('S'));
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Right));
    }
    press(&mut app, key(KeyCode::Enter));
    assert!(app.view.chart.is_none(), "back to the grid");
    assert_eq!(
        app.view.grid.row, 0,
        "the 03:00 row is first in the sorted grid"
    );
    assert_eq!(app.view.table.source_row(app.view.grid.row), 3);
}

#[test]
fn a_filter_in_the_grid_redraws_the_chart_over_the_rows_left() {
    let mut app = charted(TIMECHART, 12);
    press(&mut app, letter('f'));
    for c in "no such host".chars() {
        press(&mut app, letter(c));
    }
    press(&mut app, key(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(text.contains("there are no rows to chart"), "{text}");
}

#[test]
fn two_marks_narrow_the_query_before_its_render_in_one_undoable_step() {
    let mut app = charted(TIMECHART, 12);
    press(&mut app, key(KeyCode::Right));
    press(&mut app, letter('m'));
    for _ in 0..4 {
        press(&mut app, key(KeyCode::Right));
    }
    press(&mut app, letter('m'));
    let run = app.on_key(letter('w'));
    assert!(
        matches!(run, Some(kqlhunt::ui::app::Command::Run(..))),
        "the narrowed query runs"
    );
    let text = app.editor.area.lines().join("\n");
    assert_eq!(
        text,
        "DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName\n\
         | where Timestamp between (datetime(2026-11-20T01:00:00.0000000Z) .. datetime(2026-11-20T05:00:00.0000000Z))\n\
         | render timechart"
    );
    app.focus = kqlhunt::ui::app::Focus::Editor;
    press(&mut app, ctrl('z'));
    assert_eq!(
        app.editor.area.lines().join("\n"),
        TIMECHART,
        "one undo takes it back"
    );
}

#[test]
fn narrowing_needs_two_marks_and_says_so() {
    let mut app = charted(TIMECHART, 12);
    assert!(app.on_key(letter('w')).is_none());
    assert!(screen(&app, 100, 30).contains("mark the range's start and end on a timechart first"));
}

#[test]
fn a_pivot_on_a_rendered_query_goes_before_its_render() {
    let mut app = charted(TIMECHART, 12);
    press(&mut app, letter('C'));
    app.view.grid.column = 1;
    let run = app.on_key(letter('i'));
    assert!(run.is_some());
    assert!(
        app.editor
            .area
            .lines()
            .join("\n")
            .ends_with("| where DeviceName == \"ws-0142\"\n| render timechart"),
        "{:?}",
        app.editor.area.lines()
    );
}

#[test]
fn a_result_without_render_is_charted_through_the_picker() {
    let mut app = charted(
        "DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName",
        6,
    );
    assert!(app.view.chart.is_none(), "no render: the table");
    press(&mut app, letter('C'));
    let text = screen(&app, 80, 24);
    insta::assert_snapshot!("picker_80x24", text);
    assert!(
        text.contains("‹ timechart ›") && text.contains("‹ count_ ›"),
        "{text}"
    );
    // kind: the next one, a linechart; then draw it.
    press(&mut app, key(KeyCode::Right));
    press(&mut app, key(KeyCode::Enter));
    assert!(screen(&app, 80, 24).contains("chart: linechart of 6 rows"));
}

#[test]
fn a_kind_we_do_not_draw_says_so_and_shows_the_table() {
    let app = charted("DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName\n| render treemap", 6);
    assert!(app.view.chart.is_none());
    let text = screen(&app, 100, 24);
    insta::assert_snapshot!("refused_100x24", text);
    assert!(text.contains("kqlhunt does not draw a treemap"), "{text}");
    assert!(text.contains("results: 6 rows"));
}

#[test]
fn the_services_own_render_hint_is_drawn_where_it_gives_one() {
    // Log Analytics and Azure Data Explorer say what the query rendered; their word is taken.
    let mut app =
        workbench("DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName");
    app.apply(kqlhunt::ui::keymap::Action::RunQuery)
        .expect("a run");
    let mut outcome = support::screen::answer(&hourly(6));
    outcome.render = Some(serde_json::json!({
        "visualization": "columnchart", "title": "Calls per hour", "yMin": "NaN", "yMax": "NaN",
        "kind": null, "series": null, "xColumn": null, "yColumns": null, "accumulate": false
    }));
    app.finished(
        app.view.run_id.unwrap(),
        Ok(outcome),
        Default::default(),
        None,
    );
    let text = screen(&app, 100, 30);
    assert!(text.contains("chart: columnchart of 6 rows"), "{text}");
    assert!(text.contains("Calls per hour"), "{text}");
}
