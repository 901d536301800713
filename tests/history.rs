//! The run history as a hunter meets it: a run on the demo tenant is kept with its rows; a
//! later workbench (or `kqlhunt history show`) opens them again without spending an API call.

mod support;

use std::process::Command;

use kqlhunt::api::Flavor;
use kqlhunt::config::Paths;
use kqlhunt::history::{pack, CacheLimits, History};
use kqlhunt::ui::app::{App, Command as AppCommand};
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const QUERY: &str =
    "DeviceInfo | summarize Devices = dcount(DeviceId) by OSPlatform | order by OSPlatform asc";

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn workbench(paths: &Paths, text: &str) -> App {
    let mut app = support::screen::workbench(text);
    let (history, notice) =
        History::open(&paths.data_dir.join("history.db"), CacheLimits::default()).unwrap();
    assert!(notice.is_none());
    app.keep.history = Some(history);
    app.refresh_history();
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_result_opens_again_without_an_api_call() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_dir: home.path().join("config"),
        data_dir: home.path().join("data"),
    };
    let (connection, emulator) = kqlhunt::connect::demo(&paths, Flavor::Graph).await.unwrap();

    let mut first = workbench(&paths, QUERY);
    let Some(AppCommand::Run(_, request, cancel)) = first.apply(Action::RunQuery) else {
        panic!("F5 starts a run");
    };
    let outcome = connection.client.run(&request, &cancel).await;
    let packed = pack(&outcome.as_ref().unwrap().result, first.cache_limit());
    first.finished(
        first.view.run_id.expect("a run was started"),
        outcome,
        connection.client.quota(),
        packed,
    );
    let platforms = first.view.result.as_ref().unwrap().row_count();
    assert!(platforms >= 2, "the demo has several platforms");
    assert_eq!(emulator.hunting_calls(), 1);

    // A later workbench on the same data folder: F4, Tab to History, o opens the kept rows.
    let mut later = workbench(&paths, "");
    assert_eq!(later.side.history.len(), 1);
    assert!(later.side.history[0].cached);
    later.apply(Action::FocusSide);
    while later.side.tab != kqlhunt::ui::side::SideTab::History {
        later.on_key(key(KeyCode::Tab));
    }
    later.on_key(key(KeyCode::Char('o')));
    assert!(
        later.view.result.is_none() && later.view.opening.is_some(),
        "the kept rows are read back off the screen's loop, not in the key"
    );
    later.settle();
    let shown = later
        .view
        .result
        .as_ref()
        .expect("the kept result is on screen");
    assert_eq!(shown.row_count(), platforms);
    assert_eq!(shown.column(1).name(), "Devices");
    let status = support::screen::screen(&later, 160, 48);
    assert!(
        status.contains("cached, ran 0 s ago, no API call"),
        "{status}"
    );
    assert_eq!(emulator.hunting_calls(), 1, "no second API call");

    // Enter loads the query itself into the editor, next to what is there.
    later.apply(Action::FocusSide);
    later.on_key(key(KeyCode::Enter));
    assert!(later.editor.text().contains(QUERY));

    // Headless: the same rows as CSV, the query on stderr.
    let shown = Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(["history", "show", "1", "--format", "csv"])
        .env("KQLHUNT_CONFIG_DIR", &paths.config_dir)
        .env("KQLHUNT_DATA_DIR", &paths.data_dir)
        .output()
        .unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let csv = String::from_utf8(shown.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some("OSPlatform,Devices"));
    assert_eq!(csv.lines().count(), platforms + 1);
    assert!(String::from_utf8_lossy(&shown.stderr).contains("dcount(DeviceId)"));
    assert_eq!(emulator.hunting_calls(), 1);

    let listed = Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args([
            "history",
            "--search",
            "dcount outcome:ok",
            "--format",
            "json",
        ])
        .env("KQLHUNT_CONFIG_DIR", &paths.config_dir)
        .env("KQLHUNT_DATA_DIR", &paths.data_dir)
        .output()
        .unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(runs[0]["Query"], QUERY);
    assert_eq!(runs[0]["Rows"], platforms);
    assert_eq!(runs[0]["Cached"], true);
    assert_eq!(runs[0]["Profile"], "demo");
}

#[test]
fn asking_for_a_run_that_is_not_there_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| kqlhunt_in(home.path(), args);
    let none = run(&["history"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no history yet"));
    History::open(&home.path().join("history.db"), CacheLimits::default()).unwrap();
    let missing = run(&["history", "show", "7"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no run 7 in the history"));
}

#[test]
fn the_public_corpus_imports_as_saved_queries() {
    let home = tempfile::tempdir().unwrap();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let imported = Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(["import", corpus, "--into", "corpus"])
        .env("KQLHUNT_CONFIG_DIR", home.path())
        .env("KQLHUNT_DATA_DIR", home.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&imported.stderr);
    assert!(imported.status.success(), "{said}");
    assert!(said.contains("imported 632 queries"), "{said}");
    let saved = kqlhunt::saved::list(&home.path().join("saved"));
    assert_eq!(saved.len(), 632);
    assert!(saved
        .iter()
        .any(|s| s.path.starts_with("corpus/m365-defender-hunting-queries/")));
    assert!(saved.iter().all(|s| !s.query.trim().is_empty()));
}

#[test]
fn a_locked_history_never_freezes_the_workbench() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_dir: home.path().join("config"),
        data_dir: home.path().join("data"),
    };
    let mut app = workbench(&paths, QUERY);
    let db = paths.data_dir.join("history.db");
    let (told, hear) = std::sync::mpsc::channel();
    let history = app.keep.history.as_ref().unwrap();
    app.keep.recorder = Some(
        kqlhunt::history::Recorder::start(history, move |outcome| {
            let _ = told.send(outcome.map_err(|e| e.to_string()));
        })
        .unwrap(),
    );
    // Another process holds the database for writing.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let Some(AppCommand::Run(_, _, _)) = app.apply(Action::RunQuery) else {
        panic!("F5 starts a run");
    };
    let started = std::time::Instant::now();
    app.finished(
        app.view.run_id.expect("a run was started"),
        Err(kqlhunt::api::ApiError::InvalidRequest("refused".into())),
        Default::default(),
        None,
    );
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "the workbench waited {:?} for the database",
        started.elapsed()
    );
    assert_eq!(app.side.history.len(), 1, "the run is listed at once");
    holder.execute_batch("COMMIT").unwrap();
    let stored = hear
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    assert!(stored.is_ok(), "{stored:?}");
    app.recorded(Ok(stored.unwrap()));
    assert_eq!(app.side.history.len(), 1);
    assert!(app.side.history[0].id > 0, "read back from the database");
}

#[test]
fn a_headless_query_is_kept_in_the_history_unless_asked_not_to() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| kqlhunt_in(home.path(), args);
    let kept = run(&["query", "--demo", "-q", "print Marker = 'kept-run'"]);
    assert!(
        kept.status.success(),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    let skipped = run(&[
        "query",
        "--demo",
        "-q",
        "--no-history",
        "print Marker = 'skipped-run'",
    ]);
    assert!(skipped.status.success());
    let listed = run(&["history", "--format", "json"]);
    let runs: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let queries: Vec<&str> = runs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["Query"].as_str())
        .collect();
    assert_eq!(queries, ["print Marker = 'kept-run'"]);
    assert_eq!(runs[0]["Cached"], true, "its rows are kept too");
}

/// The real binary, with its config and data in `home`.
fn kqlhunt_in(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(args)
        .env("KQLHUNT_CONFIG_DIR", home)
        .env("KQLHUNT_DATA_DIR", home)
        .output()
        .unwrap()
}
