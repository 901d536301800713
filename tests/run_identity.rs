//! Every run has an identity and every tab owns its results: answers that arrive late, out of
//! order, or after the hunter moved to another tab land where they belong or nowhere. Over a
//! slow SSH link, Esc and F5 often reach the workbench in one batch.

mod support;

use kqlhunt::api::{ApiError, QueryOutcome, QuotaSnapshot};
use kqlhunt::ui::app::{App, Command, Overlay};
use kqlhunt::ui::keymap::Action;
use kqlhunt::ui::view::RunId;
use support::screen::{screen, workbench};

fn two_rows() -> QueryOutcome {
    support::screen::answer(include_bytes!("data/graph-ok.json"))
}

fn run(app: &mut App) -> RunId {
    match app.apply(Action::RunQuery) {
        Some(Command::Run(id, _, _)) => id,
        other => panic!("F5 starts a run, got {other:?}"),
    }
}

fn answer(app: &mut App, id: RunId, outcome: Result<QueryOutcome, ApiError>) {
    app.finished(id, outcome, QuotaSnapshot::default(), None);
}

fn semantic_error() -> ApiError {
    ApiError::rejected(
        400,
        "BadRequest".into(),
        "Failed to resolve table expression named 'DevInfo'".into(),
        None,
    )
}

#[test]
fn a_late_cancelled_answer_does_not_stop_the_run_started_after_it() {
    let mut app = workbench("DeviceInfo | take 2");
    let first = run(&mut app);
    // Esc and F5 in one batch: the first run's "cancelled" comes after the second started.
    app.apply(Action::Cancel);
    let second = run(&mut app);
    assert_ne!(first, second, "each run has its own identity");
    answer(&mut app, first, Err(ApiError::Cancelled));
    assert!(app.is_running(), "the second run still runs");
    assert!(screen(&app, 80, 24).contains("running"));
    answer(&mut app, second, Ok(two_rows()));
    assert!(!app.is_running());
    let result = app
        .view
        .result
        .as_ref()
        .expect("the second run's rows are shown");
    assert_eq!(result.row_count(), 2);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn rows_of_a_cancelled_run_that_arrive_anyway_are_not_shown() {
    let mut app = workbench("DeviceInfo | take 2");
    let first = run(&mut app);
    app.apply(Action::Cancel);
    answer(&mut app, first, Ok(two_rows()));
    assert!(app.view.result.is_none(), "the hunter cancelled it");
    assert!(screen(&app, 80, 24).contains("cancelled"));
}

#[test]
fn answers_out_of_order_leave_the_newest_run_on_screen() {
    let mut app = workbench("DeviceInfo | take 2");
    let first = run(&mut app);
    app.apply(Action::Cancel);
    let second = run(&mut app);
    answer(&mut app, second, Ok(two_rows()));
    // The first run's answer comes last: it was cancelled and changes nothing.
    answer(&mut app, first, Err(semantic_error()));
    assert!(app.view.error.is_none());
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.view.result.as_ref().unwrap().row_count(), 2);
}

#[test]
fn a_run_that_fails_after_a_new_tab_keeps_its_error_in_its_own_tab() {
    let mut app = workbench("DevInfo | take 2");
    let id = run(&mut app);
    app.apply(Action::NewTab);
    answer(&mut app, id, Err(semantic_error()));
    assert!(app.view.error.is_none(), "the new, empty tab has no error");
    assert_eq!(
        app.overlay,
        Overlay::None,
        "no error pops up over the new tab"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("tab 1: the query failed"), "{text}");
    app.apply(Action::PreviousTab);
    let error = app.view.error.as_ref().expect("the error waits in its tab");
    assert!(error.summary.contains("DevInfo"), "{}", error.summary);
    assert!(screen(&app, 80, 24).contains("failed"));
}

#[test]
fn rows_for_a_tab_in_the_background_wait_there_and_each_tab_keeps_its_own() {
    let mut app = workbench("DeviceInfo | take 2");
    let id = run(&mut app);
    app.apply(Action::NewTab);
    answer(&mut app, id, Ok(two_rows()));
    assert!(
        app.view.result.is_none(),
        "the new tab shows no rows of another tab"
    );
    assert!(screen(&app, 80, 24).contains("tab 1: 2 rows arrived"));
    app.apply(Action::PreviousTab);
    assert_eq!(app.view.result.as_ref().unwrap().row_count(), 2);
    // The second tab runs its own query; the first keeps its rows.
    app.apply(Action::NextTab);
    support::screen::type_text(&mut app, "DeviceEvents | take 1");
    let second = run(&mut app);
    answer(&mut app, second, Err(semantic_error()));
    app.apply(Action::Cancel);
    app.apply(Action::PreviousTab);
    assert!(app.view.error.is_none());
    assert_eq!(app.view.result.as_ref().unwrap().row_count(), 2);
}

#[test]
fn two_tabs_can_run_at_once_and_each_answer_finds_its_tab() {
    let mut app = workbench("DeviceInfo | take 2");
    let first = run(&mut app);
    app.apply(Action::NewTab);
    support::screen::type_text(&mut app, "DeviceEvents | take 2");
    let second = run(&mut app);
    assert!(app.is_running());
    answer(&mut app, second, Ok(two_rows()));
    answer(&mut app, first, Err(semantic_error()));
    assert_eq!(app.view.result.as_ref().unwrap().row_count(), 2);
    assert!(app.view.error.is_none());
    app.apply(Action::PreviousTab);
    assert!(app.view.error.is_some());
}

#[test]
fn closing_a_tab_stops_its_run_and_its_answer_goes_nowhere() {
    let mut app = workbench("");
    app.apply(Action::NewTab);
    support::screen::type_text(&mut app, "DeviceInfo | take 2");
    let id = run(&mut app);
    app.close_tab(true);
    answer(&mut app, id, Ok(two_rows()));
    assert!(app.view.result.is_none());
    assert!(!app.any_running());
}
