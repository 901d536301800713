use std::time::{Duration, SystemTime};

use super::*;
use crate::results::{Column, ResultSet};

fn run(query: &str, outcome: Outcome) -> RunRecord {
    RunRecord {
        id: 0,
        started: SystemTime::now(),
        query: query.into(),
        profile: "demo".into(),
        flavor: "graph".into(),
        timespan: None,
        wall_time: Duration::from_millis(420),
        stats: None,
        render: None,
        rows: 2,
        columns: 2,
        bytes: 120,
        outcome,
        message: (outcome != Outcome::Ok)
            .then(|| "Query execution has exceeded the allowed limits".into()),
        cached: false,
    }
}

fn result(rows: usize) -> ResultSet {
    let mut name = Column::new("DeviceName", "String");
    let mut count = Column::new("Count", "Int64");
    for i in 0..rows {
        name.push_value(crate::results::Value::Text(&format!(
            "ws-{i:05}.contoso.com"
        )));
        count.push_value(crate::results::Value::Long(i as i64));
    }
    ResultSet::from_columns(vec![name, count]).unwrap()
}

fn open(dir: &tempfile::TempDir, limits: CacheLimits) -> History {
    History::open(&dir.path().join("history.db"), limits)
        .unwrap()
        .0
}

#[test]
fn a_run_and_its_result_come_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = open(&dir, CacheLimits::default());
    let mut ran = run("DeviceInfo | take 2", Outcome::Ok);
    ran.stats = Some(crate::api::ServerStats {
        execution_time: Some(Duration::from_millis(250)),
        ..Default::default()
    });
    let stored = result(2);
    let id = history
        .record(&ran, pack(&stored, usize::MAX).as_ref())
        .unwrap();
    let back = history.run(id).unwrap().unwrap();
    assert_eq!(back.query, ran.query);
    assert_eq!(back.stats, ran.stats);
    assert!(back.cached);
    let cached = history.cached(id).unwrap().unwrap();
    assert_eq!(cached.row_count(), 2);
    assert_eq!(cached.column(0).declared_type(), "String");
    assert_eq!(cached.cell(1, 0).to_plain(), "ws-00001.contoso.com");
    assert_eq!(cached.cell(1, 1).to_plain(), "1");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(history.path())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the history is the hunter's alone");
}

#[test]
fn the_oldest_results_are_dropped_first_when_the_cache_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let one = pack(&result(2000), usize::MAX).unwrap().bytes.len();
    let mut history = open(
        &dir,
        CacheLimits {
            per_entry: one * 2,
            total: one * 2 + one / 2,
        },
    );
    let ids: Vec<i64> = (0..3)
        .map(|i| {
            let packed = pack(&result(2000), usize::MAX);
            history
                .record(&run(&format!("q{i}"), Outcome::Ok), packed.as_ref())
                .unwrap()
        })
        .collect();
    assert!(
        history.cached(ids[0]).unwrap().is_none(),
        "the oldest result is evicted"
    );
    assert!(history.cached(ids[2]).unwrap().is_some());
    // The run itself stays in the history.
    assert_eq!(history.run(ids[0]).unwrap().unwrap().query, "q0");
    assert!(history.cache_size().unwrap() <= (one * 2 + one / 2) as u64);
}

#[test]
fn a_result_over_the_entry_cap_is_not_cached_but_its_run_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = open(
        &dir,
        CacheLimits {
            per_entry: 64,
            total: 1 << 20,
        },
    );
    assert!(
        pack(&result(5000), 64).is_none(),
        "packing stops at the cap"
    );
    let id = history
        .record(&run("big", Outcome::Ok), pack(&result(5000), 64).as_ref())
        .unwrap();
    assert!(!history.run(id).unwrap().unwrap().cached);
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    History::open(&path, CacheLimits::default()).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let (mut history, _) = History::open(&path, CacheLimits::default()).unwrap();
                for i in 0..40 {
                    let packed = pack(&result(50), usize::MAX);
                    history
                        .record(
                            &run(&format!("writer {w} run {i}"), Outcome::Ok),
                            packed.as_ref(),
                        )
                        .unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let history = History::open(&path, CacheLimits::default()).unwrap().0;
    let all = history.runs(&Filter::default()).unwrap();
    assert_eq!(all.len(), 80);
    assert!(all.iter().all(|r| r.cached));
}

#[test]
fn a_damaged_database_is_set_aside_whole_and_a_new_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let garbage = b"this is not a database, but it may be all the hunter has".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let (mut history, notice) = History::open(&path, CacheLimits::default()).unwrap();
    let notice = notice.expect("the hunter is told");
    assert!(notice.contains("moved to"), "{notice}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        garbage,
        "nothing is lost"
    );
    history
        .record(&run("DeviceInfo", Outcome::Ok), None)
        .unwrap();
}

#[test]
fn search_finds_by_words_first_then_by_letters_and_filters_by_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = open(&dir, CacheLimits::default());
    for (query, outcome) in [
        (
            "DeviceProcessEvents | where FileName =~ 'powershell.exe'",
            Outcome::Ok,
        ),
        ("DeviceNetworkEvents | take 10", Outcome::Error),
        ("EmailEvents | where Subject has 'invoice'", Outcome::Ok),
        (
            "DeviceProcessEvents | where ProcessCommandLine has '-enc'",
            Outcome::Throttled,
        ),
    ] {
        history.record(&run(query, outcome), None).unwrap();
    }
    let now = SystemTime::now();
    let found = history
        .runs(&Filter::parse("powershell", now).unwrap())
        .unwrap();
    assert_eq!(found.len(), 1);
    let found = history
        .runs(&Filter::parse("DeviceProcess", now).unwrap())
        .unwrap();
    assert_eq!(found.len(), 2);
    assert!(
        found[0].query.contains("-enc"),
        "newest first among equal matches"
    );
    let found = history.runs(&Filter::parse("dne", now).unwrap()).unwrap();
    assert_eq!(
        found[0].query, "DeviceNetworkEvents | take 10",
        "letters in order"
    );
    let found = history
        .runs(&Filter::parse("outcome:error", now).unwrap())
        .unwrap();
    assert_eq!(found.len(), 1);
    let found = history
        .runs(&Filter::parse("profile:prod", now).unwrap())
        .unwrap();
    assert!(found.is_empty());
    let summary = history
        .runs(&Filter::parse("outcome:throttled", now).unwrap())
        .unwrap()[0]
        .summary();
    assert!(
        summary.starts_with("throttled: Query execution"),
        "{summary}"
    );
}

#[test]
fn a_run_keeps_its_render_hint_and_an_older_history_gains_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    // A history written before runs kept their render hint.
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_ms INTEGER NOT NULL, query TEXT NOT NULL,
            profile TEXT NOT NULL, flavor TEXT NOT NULL, timespan TEXT, wall_ms INTEGER NOT NULL,
            stats TEXT, rows INTEGER NOT NULL, columns INTEGER NOT NULL, bytes INTEGER NOT NULL,
            outcome TEXT NOT NULL, message TEXT);
         INSERT INTO runs VALUES (1, 0, 'DeviceInfo | take 1', 'demo', 'graph', NULL, 5, NULL, 1, 1, 10, 'ok', NULL);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(old);
    let (mut history, notice) = History::open(&path, CacheLimits::default()).unwrap();
    assert!(notice.is_none(), "{notice:?}");
    let before = history.run(1).unwrap().unwrap();
    assert_eq!(
        (before.query.as_str(), before.render),
        ("DeviceInfo | take 1", None)
    );

    let mut charted = run(
        "DeviceLogonEvents | summarize count() by bin(Timestamp, 1d) | render timechart",
        Outcome::Ok,
    );
    charted.render = Some(serde_json::json!({"visualization": "timechart", "title": "Logons"}));
    let id = history.record(&charted, None).unwrap();
    let again = History::open(&path, CacheLimits::default()).unwrap().0;
    assert_eq!(again.run(id).unwrap().unwrap().render, charted.render);
    let listed = again.runs(&Filter::default()).unwrap();
    assert_eq!(listed[0].render.as_ref().unwrap()["title"], "Logons");
}
