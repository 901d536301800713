//! The whole workbench screen on a test terminal, in the states a hunter meets: a fresh start,
//! a run's results, a failed query, an empty result, a wide result scrolled right, the record
//! view, throttling. Compared with `insta` snapshots in `tests/snapshots/`.

mod support;

use kqlhunt::backend::Defender;
use std::time::{Duration, SystemTime};

use support::screen::{key, press, screen};

use kqlhunt::api::{
    ApiError, ClientMeasure, Flavor, QueryOutcome, QuotaLimits, QuotaSnapshot, ServerStats,
};
use kqlhunt::ui::app::App;
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn quota() -> QuotaSnapshot {
    QuotaSnapshot {
        calls_last_minute: 1,
        calls_last_hour: 1,
        calls_left_minute: 44,
        calls_left_hour: 1499,
        execution_left_hour: Duration::from_secs(590),
        execution_left_day: Duration::from_secs(10_790),
        ..QuotaSnapshot::default()
    }
}

fn app(flavor: Flavor) -> App {
    App::new("demo", Defender::info_for(flavor, QuotaLimits::default()), quota(), "DeviceProcessEvents\n| where FileName =~ \"powershell.exe\"\n| take 2\n\nDeviceInfo | count")
}

fn outcome(sample: &str, stats: Option<ServerStats>) -> QueryOutcome {
    let bytes = std::fs::read(format!(
        "{}/tests/data/{sample}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let result = kqlhunt::results::load_response(bytes).unwrap().result;
    let measure = ClientMeasure {
        wall_time: Duration::from_millis(312),
        bytes: 1234,
        rows: result.row_count(),
        columns: result.column_count(),
    };
    QueryOutcome {
        result,
        stats,
        measure,
        quota: quota(),
        warnings: Vec::new(),
        render: None,
        request_id: None,
    }
}

fn ran(mut app: App, result: Result<QueryOutcome, ApiError>) -> App {
    app.apply(Action::RunQuery).expect("F5 starts a run");
    app.finished(
        app.view.run_id.expect("a run was started"),
        result,
        quota(),
        None,
    );
    // The rows arrive with the focus left in the editor; the hunter goes to them with F3.
    app.on_key(key(KeyCode::F(3)));
    app
}

#[test]
fn a_fresh_workbench_invites_a_run() {
    let app = app(Flavor::Graph);
    insta::assert_snapshot!("fresh_80x24", screen(&app, 80, 24));
}

#[test]
fn a_demo_run_shows_typed_columns_and_the_graph_has_no_stats_note() {
    let app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    let text = screen(&app, 80, 24);
    assert!(text.contains("results: 2 rows × 5 columns"), "{text}");
    assert!(
        text.contains("quota 44/45 min"),
        "the quota is kept when room is short: {text}"
    );
    assert!(screen(&app, 160, 48).contains("server: no stats (Graph)"));
    insta::assert_snapshot!("graph_run_80x24", text);
    insta::assert_snapshot!("graph_run_160x48", screen(&app, 160, 48));
}

#[test]
fn the_legacy_apis_show_server_stats() {
    let bytes = std::fs::read(format!(
        "{}/tests/data/xdr-ok.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let stats = kqlhunt::results::load_response(bytes.clone())
        .unwrap()
        .stats
        .map(|s| ServerStats::from_json(&s));
    let app = ran(app(Flavor::Xdr), Ok(outcome("xdr-ok.json", stats)));
    let text = screen(&app, 160, 48);
    assert!(
        text.contains("exec 4.62 s · CPU 19.06 s · mem cache 99%"),
        "{text}"
    );
    insta::assert_snapshot!("xdr_run_160x48", text);
}

#[test]
fn a_failed_query_keeps_the_text_and_marks_the_place() {
    let error = ApiError::rejected(
400,
"BadRequest".into(),
"Failed to resolve scalar expression named 'FileNam' [line 2, column 9]. Fix semantic errors in your query.".into(),
Some("d3e00001".into()),
);
    let app = ran(app(Flavor::Graph), Err(error));
    assert_eq!(
        app.view.error.as_ref().unwrap().at,
        Some((1, 9)),
        "line 2 of the query is line 2 of the editor"
    );
    assert!(
        app.editor.text().contains("FileName =~"),
        "the query text is untouched"
    );
    insta::assert_snapshot!("error_80x24", screen(&app, 80, 24));
}

#[test]
fn an_empty_result_says_so() {
    let bytes = br#"{"schema":[{"name":"DeviceName","type":"String"}],"results":[]}"#.to_vec();
    let result = kqlhunt::results::load_response(bytes).unwrap().result;
    let measure = ClientMeasure {
        wall_time: Duration::from_millis(40),
        bytes: 64,
        rows: 0,
        columns: 1,
    };
    let app = ran(
        app(Flavor::Graph),
        Ok(QueryOutcome {
            result,
            stats: None,
            measure,
            quota: quota(),
            warnings: Vec::new(),
            render: None,
            request_id: None,
        }),
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("No rows matched."), "{text}");
    insta::assert_snapshot!("empty_80x24", text);
}

#[test]
fn a_wide_result_scrolls_right_and_the_record_view_shows_the_whole_row() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    for _ in 0..4 {
        app.on_key(key(KeyCode::Right));
    }
    assert_eq!(app.view.grid.column, 4);
    assert!(
        app.view.grid.left > 0,
        "the grid scrolled to show the selected column"
    );
    insta::assert_snapshot!("wide_scrolled_80x24", screen(&app, 80, 24));
    app.on_key(key(KeyCode::Enter));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("\"Command\": \"Invoke-WebRequest\""),
        "dynamic values pretty-printed: {text}"
    );
    insta::assert_snapshot!("record_80x24", text);
    app.on_key(key(KeyCode::Esc));
    assert_eq!(app.overlay, kqlhunt::ui::app::Overlay::None);
}

#[test]
fn throttling_counts_down_with_the_services_words() {
    let mut app = app(Flavor::Mde);
    app.quota.blocked_until = Some(SystemTime::now() + Duration::from_secs(600));
    app.quota.blocked_message =
        Some("API calls quota exceeded! maximum allowed 45 per 00:01:00".into());
    let text = screen(&app, 160, 48);
    assert!(
        text.contains("throttled 600s: API calls quota exceeded! maximum allowed 45 per 00:01:00")
            || text.contains("throttled 599s"),
        "{text}"
    );
    let stable = text
        .replace("throttled 600s", "throttled N s")
        .replace("throttled 599s", "throttled N s");
    insta::assert_snapshot!("throttled_160x48", stable);
}

#[test]
fn keys_move_focus_and_selection_and_never_leave_the_result() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    assert_eq!(
        app.focus,
        kqlhunt::ui::app::Focus::Results,
        "a finished run shows its results"
    );
    app.on_key(key(KeyCode::Char('G')));
    assert_eq!(app.view.grid.row, 1);
    app.on_key(key(KeyCode::Down));
    assert_eq!(app.view.grid.row, 1, "the last row stays the last");
    app.on_key(key(KeyCode::Char('g')));
    app.on_key(key(KeyCode::End));
    assert_eq!((app.view.grid.row, app.view.grid.column), (0, 4));
    app.on_key(key(KeyCode::F(2)));
    app.on_key(key(KeyCode::Char('x')));
    assert!(
        app.editor.text().starts_with('x'),
        "typing in the editor edits the query"
    );
    app.on_key(key(KeyCode::F(1)));
    assert!(
        screen(&app, 80, 24).contains("run the query under the cursor"),
        "help lists the keys"
    );
    app.on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(app.quit);
}

#[test]
fn esc_cancels_a_running_query_and_the_late_answer_is_ignored() {
    let mut app = app(Flavor::Graph);
    let Some(kqlhunt::ui::app::Command::Run(_, request, cancel)) = app.apply(Action::RunQuery)
    else {
        panic!("no run")
    };
    assert_eq!(
        request.query,
        "DeviceProcessEvents\n| where FileName =~ \"powershell.exe\"\n| take 2"
    );
    assert!(screen(&app, 80, 24).contains("running"));
    app.on_key(key(KeyCode::Esc));
    assert!(cancel.is_cancelled());
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(outcome("graph-ok.json", None)),
        quota(),
        None,
    );
    assert!(app.view.result.is_none(), "a cancelled run shows nothing");
    assert!(screen(&app, 80, 24).contains("cancelled"));
}

#[test]
fn sort_filter_and_search_work_from_the_keyboard() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    press(&mut app, key(KeyCode::Right));
    press(&mut app, key(KeyCode::Char('s')));
    assert_eq!(
        app.view.table.sort(),
        Some((1, false)),
        "focus {:?} overlay {:?}",
        app.focus,
        app.overlay
    );
    let text = screen(&app, 160, 48);
    assert!(text.contains("sorted by FileName ↑"), "{text}");
    let conhost = text.find("conhost.exe").unwrap();
    let csc = text.find("csc.exe").unwrap();
    assert!(conhost < csc, "ascending: conhost before csc\n{text}");
    press(&mut app, key(KeyCode::Char('S')));
    let text = screen(&app, 160, 48);
    assert!(
        text.find("csc.exe").unwrap() < text.find("conhost.exe").unwrap(),
        "descending\n{text}"
    );

    press(&mut app, key(KeyCode::Char('f')));
    for c in "CSC".chars() {
        press(&mut app, key(KeyCode::Char(c)));
    }
    assert!(
        screen(&app, 80, 24).contains("keep rows containing: CSC"),
        "the prompt shows what is typed"
    );
    press(&mut app, key(KeyCode::Enter));
    let text = screen(&app, 160, 48);
    assert!(
        text.contains("1 row with 'CSC'") && !text.contains("conhost.exe"),
        "{text}"
    );

    press(&mut app, key(KeyCode::Char('f')));
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Backspace));
    }
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.view.table.len(app.view.result.as_ref().unwrap()),
        2,
        "an empty filter shows every row again"
    );

    press(&mut app, key(KeyCode::Char('/')));
    for c in "invoke".chars() {
        press(&mut app, key(KeyCode::Char(c)));
    }
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view.grid.column, 4, "the match is in AdditionalFields");
    press(&mut app, key(KeyCode::Char('/')));
    for c in "nowhere".chars() {
        press(&mut app, key(KeyCode::Char(c)));
    }
    press(&mut app, key(KeyCode::Enter));
    assert!(screen(&app, 80, 24).contains("no cell contains 'nowhere'"));
}

#[test]
fn the_side_pane_lists_the_schema_and_this_sessions_runs() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::F(4)));
    let text = screen(&app, 160, 48);
    assert!(
        text.contains("History") && text.contains("Schema"),
        "{text}"
    );
    assert!(
        text.contains("▸ AADSignInEventsBeta"),
        "the schema list: {text}"
    );
    // Open a table, pick a column, type it into the editor.
    let device_info = app
        .side
        .schema
        .iter()
        .position(|(n, _)| n == "DeviceInfo")
        .unwrap();
    app.side.selected = device_info;
    app.on_key(key(KeyCode::Right));
    assert!(screen(&app, 160, 48).contains("▾ DeviceInfo (51)"));
    app.on_key(key(KeyCode::Down));
    app.on_key(key(KeyCode::Enter));
    assert_eq!(app.focus, kqlhunt::ui::app::Focus::Editor);
    assert!(
        app.editor.text().starts_with("Timestamp"),
        "the column's name is typed at the cursor: {}",
        app.editor.text()
    );

    app.on_key(key(KeyCode::F(4)));
    app.on_key(key(KeyCode::Tab));
    let text = screen(&app, 160, 48);
    assert!(
        text.contains("2 rows  DeviceProcessE"),
        "the run is in History: {text}"
    );
    let before = app.editor.text();
    app.on_key(key(KeyCode::Enter));
    let after = app.editor.text();
    assert!(after.starts_with(&before), "nothing typed is replaced");
    assert!(
        after
            .ends_with("\n\nDeviceProcessEvents\n| where FileName =~ \"powershell.exe\"\n| take 2"),
        "{after}"
    );
    insta::assert_snapshot!("side_history_80x24", {
        app.on_key(key(KeyCode::F(4)));
        app.on_key(key(KeyCode::Tab));
        app.on_key(key(KeyCode::Tab));
        app.on_key(key(KeyCode::Tab));
        mask_clock(&screen(&app, 80, 24))
    });
}

/// History lines start with the time and the duration of the run, which change from run to run.
fn mask_clock(screen: &str) -> String {
    screen
        .lines()
        .map(|l| {
            let b = l.as_bytes();
            if b.len() >= 5
                && b[2] == b':'
                && b[..5].iter().all(|c| c.is_ascii_digit() || *c == b':')
            {
                // Then the run's duration, right-aligned in six columns.
                format!("hh:mm <took>{}", l.get(12..).unwrap_or(""))
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn columns_can_be_hidden_widened_and_shown_again() {
    let header = |app: &App| {
        screen(app, 160, 48)
            .lines()
            .find(|l| l.starts_with("Timestamp"))
            .unwrap_or("")
            .to_owned()
    };
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::Right));
    app.on_key(key(KeyCode::Char('-')));
    assert!(
        !header(&app).contains(" FileName "),
        "FileName is hidden: {}",
        header(&app)
    );
    assert!(
        header(&app).contains("InitiatingProcessFileName"),
        "{}",
        header(&app)
    );
    assert_eq!(
        app.view.grid.column, 2,
        "the selection moved to the next shown column"
    );
    let before = app.view.table.widths[2];
    app.on_key(key(KeyCode::Char('>')));
    assert_eq!(app.view.table.widths[2], before + 4);
    app.on_key(key(KeyCode::Char('+')));
    assert!(
        header(&app).contains(" FileName "),
        "shown again: {}",
        header(&app)
    );
}

#[test]
fn an_offline_workbench_explains_why_f5_does_nothing() {
    let mut app = app(Flavor::Graph);
    app.offline = true;
    assert!(app.apply(Action::RunQuery).is_none(), "nothing is sent");
    assert!(screen(&app, 160, 48).contains("offline: this workbench shows a saved response"));
}

/// Delivers a copy the key started as the event loop would, to a terminal with nothing in
/// between (OSC 52 alone), and returns the text the request carries.
fn clipboard(app: &mut App, command: Option<kqlhunt::ui::app::Command>) -> String {
    use base64::Engine;
    let Some(kqlhunt::ui::app::Command::Copy(job)) = command else {
        panic!("no copy started: {command:?}")
    };
    let delivered =
        kqlhunt::clipboard::deliver(&job.text, &kqlhunt::clipboard::Chain::plain_terminal());
    app.copied(&job.what, delivered);
    let escape = app.pending_clipboard.take().expect("a clipboard request");
    let payload = escape
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|e| e.strip_suffix('\u{7}'))
        .expect("an OSC 52 request");
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn y_copies_the_exact_cell_and_capital_y_the_row_as_tsv() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::Right));
    let command = app.on_key(key(KeyCode::Char('y')));
    assert!(
        screen(&app, 80, 24).contains("copying the FileName cell, 11 B…"),
        "the status says a copy is on its way"
    );
    assert_eq!(clipboard(&mut app, command), "conhost.exe");
    let said = "sent the FileName cell, 11 B to your terminal through OSC 52: if it did not arrive, your terminal may block clipboard writes";
    assert!(screen(&app, 160, 48).contains(said));
    let narrow = screen(&app, 80, 24);
    let bottom: Vec<&str> = narrow.lines().rev().take(2).map(str::trim).collect();
    let (first, quota) = bottom[1]
        .split_once(" │ ")
        .expect("the quota keeps its place");
    assert_eq!(quota, "quota 44/45", "{narrow}");
    assert_eq!(
        format!("{} {}", first.trim(), bottom[0]),
        said,
        "at 80 columns the whole message shows, over the status bar until the next key"
    );
    let command = app.on_key(key(KeyCode::Char('Y')));
    assert_eq!(
        clipboard(&mut app, command),
        "2026-11-20T06:38:35.7664356Z\tconhost.exe\tpowershell.exe\t9007199254740993\t{\"Command\":\"Invoke-WebRequest\",\"Depth\":[1,2]}\n"
    );
    app.on_key(key(KeyCode::Char('V')));
    app.on_key(key(KeyCode::Down));
    let command = app.on_key(key(KeyCode::Char('y')));
    assert_eq!(
        clipboard(&mut app, command).lines().count(),
        2,
        "V marks rows, y copies them"
    );
    assert!(screen(&app, 80, 24).contains("sent 2 rows as TSV"));
}

#[test]
fn the_copy_menu_picks_a_format_that_stays_and_what_to_copy() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::Char('c')));
    insta::assert_snapshot!("copy_menu_80x24", screen(&app, 80, 24));
    app.on_key(key(KeyCode::Char('j')));
    let command = app.on_key(key(KeyCode::Char('a')));
    let json: serde_json::Value = serde_json::from_str(&clipboard(&mut app, command)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["ProcessId"], serde_json::json!(9007199254740993u64));
    let command = app.on_key(key(KeyCode::Char('Y')));
    let row = clipboard(&mut app, command);
    assert!(
        row.starts_with("[\n{\"Timestamp\"") && row.ends_with("}\n]\n"),
        "JSON stays the format: {row}"
    );
    app.on_key(key(KeyCode::Char('c')));
    let command = app.on_key(key(KeyCode::Char('p')));
    assert!(
        clipboard(&mut app, command).starts_with("https://security.microsoft.com/hunting?query=")
    );
}

#[test]
fn export_writes_the_rows_shown_and_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hits.csv");
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    // Types a path at the export prompt and runs the export as the event loop would.
    let export = |app: &mut App, path: &std::path::Path| {
        app.on_key(key(KeyCode::Char('e')));
        for c in path.to_str().unwrap().chars() {
            app.on_key(key(KeyCode::Char(c)));
        }
        app.on_key(key(KeyCode::Enter))
    };
    let Some(kqlhunt::ui::app::Command::Export(job)) = export(&mut app, &path) else {
        panic!("no export started")
    };
    assert!(
        screen(&app, 160, 48).contains("exporting…"),
        "the status says an export runs"
    );
    let done = kqlhunt::ui::export::run(&job, |_| {});
    app.export_done(done);
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(
        csv.starts_with(
            "Timestamp,FileName,InitiatingProcessFileName,ProcessId,AdditionalFields\r\n"
        ),
        "{csv}"
    );
    assert!(screen(&app, 160, 48).contains("wrote 2 rows as CSV to"));
    std::fs::write(&path, "keep me").unwrap();
    assert!(
        export(&mut app, &path).is_none(),
        "an existing file is not touched yet"
    );
    let asked = screen(&app, 160, 48);
    assert!(
        asked.contains(&format!("{} exists; replace it? y / n", path.display())),
        "the question names the file: {asked}"
    );
    assert!(app.on_key(key(KeyCode::Char('n'))).is_none());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "keep me",
        "nothing replaced without a yes"
    );
    export(&mut app, &path);
    let Some(kqlhunt::ui::app::Command::Export(job)) = app.on_key(key(KeyCode::Char('y'))) else {
        panic!("yes replaces")
    };
    app.export_done(kqlhunt::ui::export::run(&job, |_| {}));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("Timestamp,"));
}

#[test]
fn a_cancelled_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::Char('e')));
    for c in path.to_str().unwrap().chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    let Some(kqlhunt::ui::app::Command::Export(job)) = app.on_key(key(KeyCode::Enter)) else {
        panic!("no export")
    };
    app.on_key(key(KeyCode::Esc));
    assert!(
        job.cancel.load(std::sync::atomic::Ordering::Relaxed),
        "Esc cancels the export"
    );
    app.export_done(kqlhunt::ui::export::run(&job, |_| {}));
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no partial file left"
    );
    assert!(screen(&app, 80, 24).contains("export cancelled; nothing was written"));
}

#[test]
fn a_copy_too_large_for_a_terminal_says_so_and_suggests_export() {
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.copy_limit = 100;
    assert!(
        app.on_key(key(KeyCode::Char('Y'))).is_none(),
        "nothing is sent"
    );
    assert!(app.pending_clipboard.is_none());
    assert!(
        screen(&app, 160, 48).contains("more than the terminal clipboard takes"),
        "{}",
        screen(&app, 160, 48)
    );
}

#[test]
fn export_takes_the_marked_rows_when_there_are_some() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.tsv");
    let mut app = ran(app(Flavor::Graph), Ok(outcome("graph-ok.json", None)));
    app.on_key(key(KeyCode::Char('V')));
    app.on_key(key(KeyCode::Char('e')));
    for c in path.to_str().unwrap().chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    let Some(kqlhunt::ui::app::Command::Export(job)) = app.on_key(key(KeyCode::Enter)) else {
        panic!("no export")
    };
    assert_eq!(job.marked, Some((0, 0)), "only the marked row");
    app.export_done(kqlhunt::ui::export::run(&job, |_| {}));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().lines().count(),
        2,
        "a header and the one row"
    );
}

#[test]
fn the_error_mark_is_where_the_service_puts_it_not_where_a_quoted_name_says() {
    // The service echoes the hunter's own column name, which may itself read like a place;
    // the place the service means comes last.
    let body = br#"{"error":{"code":"BadRequest","message":"Failed to resolve scalar expression named '[line 7, column 1]' [line 2, column 9]. Fix semantic errors in your query."}}"#;
    let reply = kqlhunt::api::Reply {
        status: 400,
        content_type: "application/json",
        retry_after: None,
        body: body.to_vec(),
    };
    let error = kqlhunt::api::read_reply(reply, Flavor::Graph, SystemTime::now()).unwrap_err();
    let app = ran(app(Flavor::Graph), Err(error));
    assert_eq!(
        app.view.error.as_ref().unwrap().at,
        Some((1, 9)),
        "line 2, column 9 of the query"
    );
}
