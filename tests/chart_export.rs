//! The chart leaves the workbench: the export key writes the chart shown as SVG, and a run
//! reopened from the history is charted by its kept query's `render`, in the workbench and
//! headless (`history show ID --chart`).

mod support;

use kqlhunt::config::Paths;
use kqlhunt::history::{pack, CacheLimits, History};
use kqlhunt::ui::app::{App, Command};
use kqlhunt::ui::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{answer, key, screen, workbench};

/// Hourly connections from one host, a spike at 03:00.
fn hourly() -> Vec<u8> {
    let rows: Vec<String> = (0..12)
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

const TIMECHART: &str = "DeviceNetworkEvents\n| summarize count() by bin(Timestamp, 1h), DeviceName\n| render timechart with (title=\"Beacon <ws-0142>\")";

fn letter(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Runs the query under the cursor; its rows are kept in the history when it has one.
fn run(app: &mut App) {
    app.apply(Action::RunQuery).expect("F5 starts a run");
    let outcome = answer(&hourly());
    let packed = pack(&outcome.result, app.cache_limit());
    app.finished(
        app.view.run_id.expect("a run was started"),
        Ok(outcome),
        Default::default(),
        packed,
    );
    app.focus = kqlhunt::ui::app::Focus::Results;
}

/// The export key, a file name, Enter.
fn export(app: &mut App, path: &std::path::Path) -> Option<Command> {
    app.on_key(letter('e'));
    for c in path.to_str().unwrap().chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    app.on_key(key(KeyCode::Enter))
}

#[test]
fn the_export_key_writes_the_chart_shown_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("beacon.svg");
    let mut app = workbench(TIMECHART);
    run(&mut app);
    assert!(app.view.chart.is_some(), "the render shows its chart");
    app.on_key(letter('e'));
    let asked = screen(&app, 120, 30);
    assert!(asked.contains("export the chart (.svg)"), "{asked}");
    app.on_key(key(KeyCode::Esc));
    let Some(Command::ExportChart(job)) = export(&mut app, &path) else {
        panic!("no chart export started")
    };
    app.export_done(kqlhunt::ui::export_chart::run(&job));
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg "), "{svg}");
    assert!(
        svg.contains(">Beacon &lt;ws-0142&gt;</text>"),
        "the title, escaped"
    );
    assert!(svg.contains(">ws-0142</text>"), "the legend names the host");
    assert!(svg.contains(">00:00</text>"), "hours on x, from the first");
    assert!(screen(&app, 160, 40).contains("wrote 12 rows as an SVG chart to"));

    // With the table shown instead, .svg says what it needs.
    app.on_key(letter('C'));
    assert!(app.view.chart.is_none());
    let other = dir.path().join("table.svg");
    assert!(export(&mut app, &other).is_none());
    assert!(!other.exists());
    assert!(screen(&app, 160, 40).contains("SVG is a chart's format"));
}

#[test]
fn a_run_reopened_from_the_history_is_charted_by_its_kept_query() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_dir: home.path().join("config"),
        data_dir: home.path().join("data"),
    };
    let open = |text: &str| {
        let mut app = workbench(text);
        let (history, _) =
            History::open(&paths.data_dir.join("history.db"), CacheLimits::default()).unwrap();
        app.keep.history = Some(history);
        app.refresh_history();
        app
    };
    let mut first = open(TIMECHART);
    run(&mut first);
    first.settle();
    drop(first);

    let mut later = open("");
    assert_eq!(later.side.history.len(), 1);
    later.apply(Action::FocusSide);
    while later.side.tab != kqlhunt::ui::side::SideTab::History {
        later.on_key(key(KeyCode::Tab));
    }
    later.on_key(letter('o'));
    later.settle();
    assert!(later.view.result.is_some(), "the kept rows are back");
    assert!(
        screen(&later, 120, 30).contains("chart: timechart of 12 rows"),
        "{}",
        screen(&later, 120, 30)
    );

    // Headless: the kept rows charted by the kept query.
    let shown = std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(["history", "show", "1", "--chart", "--width", "80"])
        .env("KQLHUNT_CONFIG_DIR", &paths.config_dir)
        .env("KQLHUNT_DATA_DIR", &paths.data_dir)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert_eq!(out.lines().next(), Some("Beacon <ws-0142>"), "{out}");
    assert!(out.contains("ws-0142") && out.contains('└'), "{out}");
}
