//! Local queries through the run layer: `_result`, `_tab("name")` and `_run(ID)` run in the
//! engine with no call to the session's backend, and each way of naming nothing says what to do.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use kqlhunt::api::{ApiError, QueryOutcome, QueryRequest, QuotaSnapshot};
use kqlhunt::backend::{Backend, BackendInfo, Defender, Running};
use kqlhunt::history::{pack, CacheLimits, History, RunRecord};
use kqlhunt::results::{load_response, ResultSet};
use kqlhunt::run::local::{Fetched, FetchedTab, ThisResult};
use tokio_util::sync::CancellationToken;

/// A service that counts its calls and answers none: a local query must never reach it.
struct Service {
    info: BackendInfo,
    calls: AtomicUsize,
}

impl Service {
    fn new() -> Service {
        Service {
            info: Defender::info_for(kqlhunt::api::Flavor::Graph, Default::default()),
            calls: AtomicUsize::new(0),
        }
    }
}

impl Backend for Service {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn run<'a>(&'a self, _: &'a QueryRequest, _: &'a CancellationToken) -> Running<'a> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Err(ApiError::InvalidRequest("the service was called".into())) })
    }
    fn quota(&self) -> QuotaSnapshot {
        QuotaSnapshot {
            calls_left_minute: 44,
            ..Default::default()
        }
    }
    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        Vec::new()
    }
}

fn logons() -> ResultSet {
    let rows: Vec<String> = [("pc-1", "alice"), ("pc-1", "bob"), ("pc-2", "alice")]
        .iter()
        .map(|(d, a)| format!(r#"{{"DeviceName":"{d}","AccountName":"{a}"}}"#))
        .collect();
    let body = format!(
        r#"{{"schema":[{{"name":"DeviceName","type":"String"}},{{"name":"AccountName","type":"String"}}],"results":[{}]}}"#,
        rows.join(",")
    );
    load_response(body.into_bytes()).unwrap().result
}

fn workbench(this: Option<ResultSet>, tabs: Vec<(&str, Option<ResultSet>)>) -> Fetched {
    Fetched {
        this_result: match this {
            Some(r) => ThisResult::Shown(Arc::new(r)),
            None => ThisResult::NoneYet,
        },
        tabs: tabs
            .into_iter()
            .map(|(name, result)| FetchedTab {
                names: vec![name.to_owned()],
                result: result.map(Arc::new),
            })
            .collect(),
        history: None,
    }
}

async fn run(
    query: &str,
    fetched: &Fetched,
) -> (Result<QueryOutcome, ApiError>, BackendInfo, usize) {
    let service = Service::new();
    let request = QueryRequest {
        query: query.into(),
        timespan: None,
    };
    let finished =
        kqlhunt::run::execute_over(&service, &request, &CancellationToken::new(), 0, fetched)
            .await
            .unwrap();
    (
        finished.outcome,
        finished.by,
        service.calls.load(Ordering::SeqCst),
    )
}

/// The rows as `a=b` text, in order.
fn rows(result: &ResultSet) -> Vec<String> {
    (0..result.row_count())
        .map(|r| {
            (0..result.column_count())
                .map(|c| {
                    format!(
                        "{}={}",
                        result.column(c).name(),
                        result.cell(r, c).to_plain()
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[tokio::test]
async fn this_tabs_result_is_summarised_locally_without_calling_the_service() {
    let fetched = workbench(Some(logons()), vec![]);
    let (outcome, by, calls) = run(
        "_result | summarize n = count() by DeviceName | order by DeviceName asc | render columnchart",
        &fetched,
    )
    .await;
    let done = outcome.unwrap();
    assert_eq!(
        rows(&done.result),
        ["DeviceName=pc-1 n=2", "DeviceName=pc-2 n=1"]
    );
    assert_eq!(calls, 0, "no call reached the service");
    assert_eq!(by.name, "local");
    assert_eq!(by.answer_words(), "local: no quota spent");
    assert_eq!(
        done.quota.calls_left_minute, 44,
        "the quota is the session's, untouched"
    );
    assert_eq!(done.render.unwrap()["visualization"], "columnchart");
}

#[tokio::test]
async fn another_tab_is_read_by_name_or_number_and_joined_with_this_one() {
    let hosts = {
        let body = r#"{"schema":[{"name":"DeviceName","type":"String"},{"name":"Owner","type":"String"}],"results":[{"DeviceName":"pc-2","Owner":"carol"}]}"#;
        load_response(body.as_bytes().to_vec()).unwrap().result
    };
    let fetched = workbench(
        Some(logons()),
        vec![("logons", Some(logons())), ("hosts", Some(hosts))],
    );
    let (outcome, by, calls) = run(
        "_result | join kind=inner (_tab(\"Hosts\")) on DeviceName | project AccountName, Owner",
        &fetched,
    )
    .await;
    assert_eq!(
        rows(&outcome.unwrap().result),
        ["AccountName=alice Owner=carol"]
    );
    assert_eq!(calls, 0);
    assert!(
        by.target.contains("_tab(\"Hosts\") (1 row)"),
        "{}",
        by.target
    );
    let (outcome, _, _) = run("_tab(2) | count", &fetched).await;
    assert_eq!(rows(&outcome.unwrap().result), ["Count=1"]);
}

#[tokio::test]
async fn a_run_kept_in_the_history_is_read_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let (mut history, _) =
        History::open(&dir.path().join("history.db"), CacheLimits::default()).unwrap();
    let outcome = Ok(QueryOutcome {
        result: logons(),
        stats: None,
        measure: Default::default(),
        quota: Default::default(),
        warnings: Vec::new(),
        render: None,
        request_id: None,
    });
    let record = RunRecord::finished(
        "DeviceLogonEvents".into(),
        ("p", "graph"),
        std::time::SystemTime::now(),
        &outcome,
        false,
    );
    let packed = pack(&outcome.as_ref().unwrap().result, 1 << 20);
    let id = history.record(&record, packed.as_ref()).unwrap();
    let uncached = history.record(&record, None).unwrap();
    let fetched = Fetched {
        history: Some(history.place()),
        ..Fetched::default()
    };
    let (outcome, by, calls) = run(
        &format!("_run({id}) | where AccountName == 'alice' | count"),
        &fetched,
    )
    .await;
    assert_eq!(rows(&outcome.unwrap().result), ["Count=2"]);
    assert_eq!(calls, 0);
    let recorded = kqlhunt::run::record(
        "q".into(),
        "p",
        &by,
        std::time::SystemTime::now(),
        &run("_run(1)", &fetched).await.0,
        false,
    );
    assert_eq!(recorded.flavor, "local");
    assert_eq!(
        recorded.message.as_deref(),
        Some(format!("read _run({id}) (3 rows)").as_str())
    );

    let (outcome, _, _) = run("_run(999) | count", &fetched).await;
    let message = outcome.unwrap_err().to_string();
    assert!(
        message.contains("no run 999 in the history") && message.contains("kqlhunt history"),
        "{message}"
    );
    let (outcome, _, _) = run(&format!("_run({uncached})"), &fetched).await;
    let message = outcome.unwrap_err().to_string();
    assert!(
        message.contains("rows are not kept") && message.contains("run its query again"),
        "{message}"
    );
    let (outcome, _, calls) = run("_run(1)", &Fetched::default()).await;
    assert!(outcome
        .unwrap_err()
        .to_string()
        .contains("the history, which is off here"));
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn each_source_that_is_not_there_says_what_to_do() {
    let cases = [
        (
            workbench(None, vec![]),
            "_result | count",
            "this tab has none yet: run a query here first",
        ),
        (
            Fetched::default(),
            "_result | count",
            "read a run kept in the history with _run(ID)",
        ),
        (
            workbench(Some(logons()), vec![("logons", Some(logons()))]),
            "_tab(\"hosts\")",
            "no tab is named \"hosts\" (the tabs: 1 \"logons\"): name a tab",
        ),
        (
            workbench(Some(logons()), vec![("logons", Some(logons()))]),
            "_tab(3)",
            "no tab is number 3",
        ),
        (
            workbench(Some(logons()), vec![("hosts", None)]),
            "_tab(\"hosts\")",
            "tab _tab(\"hosts\") has no result yet: run its query first",
        ),
        (
            workbench(Some(logons()), vec![]),
            "_run(\"last\")",
            "write _tab(\"name\") or _tab(2) for a tab, _run(42)",
        ),
    ];
    for (fetched, query, said) in cases {
        let (outcome, _, calls) = run(query, &fetched).await;
        let message = outcome.unwrap_err().to_string();
        assert!(message.contains(said), "{query}: {message}");
        assert_eq!(calls, 0, "{query} reached the service");
    }
}

#[tokio::test]
async fn a_query_without_fetched_results_goes_to_the_service() {
    let (outcome, by, calls) =
        run("DeviceEvents | take 1", &workbench(Some(logons()), vec![])).await;
    assert!(outcome
        .unwrap_err()
        .to_string()
        .contains("the service was called"));
    assert_eq!((calls, by.name.as_str()), (1, "graph"));
}

#[tokio::test]
async fn a_local_query_that_reads_a_service_table_says_it_reads_only_fetched_results() {
    let (outcome, _, calls) = run(
        "_result | join DeviceInfo on DeviceName",
        &workbench(Some(logons()), vec![]),
    )
    .await;
    let message = outcome.unwrap_err().to_string();
    assert!(
        message.contains("DeviceInfo")
            && message.contains("A local query reads only results already fetched"),
        "{message}"
    );
    assert_eq!(calls, 0);
}
