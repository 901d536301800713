//! The real binary on the demo tenant's Log Analytics workspace (`--demo --backend
//! log-analytics`) and Azure Data Explorer cluster (`--demo --backend adx`) in a real terminal:
//! after a run the status bar carries the server's full statistics at 200x50, at 80x24 only the
//! most useful whole figures, and F6 shows them all with what kqlhunt measured and where the
//! query ran.

mod support;

use std::time::Duration;

use support::tmux::Session;

const QUERY: &str = "DeviceLogonEvents\n| summarize Logons = count() by bin(Timestamp, 1d)";

/// The status bar: the line above the hint bar.
fn status_bar(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .iter()
        .rev()
        .find(|l| l.contains(" │ "))
        .map(|l| l.to_string())
        .unwrap_or_default()
}

fn hunt(backend: &str, width: u16, height: u16) -> (String, String) {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo --backend {backend}; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized(&format!("{backend}-{width}"), &command, width, height);
    session.wait_for(&format!("demo · {backend} │ idle"), Duration::from_secs(90));
    session.keys(&["C-t"]);
    session.paste(QUERY);
    session.wait_for("bin(Timestamp, 1d)", Duration::from_secs(10));
    session.keys(&["F5"]);
    let screen = session.wait_for("server: exec", Duration::from_secs(60));
    let bar = status_bar(&screen);
    session.keys(&["F6"]);
    let details = session.wait_for("statistics of the last run", Duration::from_secs(10));
    (bar, details)
}

/// Every figure the server returned, on the status bar; every line, in the F6 view.
fn shows_all(bar: &str, quota: &str, details: &str, lines: &[&str]) {
    for figure in [
        "server: exec ",
        " · CPU ",
        " · mem cache ",
        " · disk cache ",
        " rows scanned",
        " · peak ",
        quota,
    ] {
        assert!(bar.contains(figure), "{figure} missing from: {bar}");
    }
    for line in lines {
        assert!(details.contains(line), "{line} missing from: {details}");
    }
}

/// At 80 columns, the figures that fit are whole.
fn none_cut(bar: &str) {
    let server = bar.split("server: ").nth(1).unwrap_or_default();
    let figures = server.split(" │ ").next().unwrap_or_default();
    assert!(!figures.contains('…'), "no figure is cut: {bar}");
}

#[test]
fn the_full_statistics_at_200_columns() {
    let (bar, details) = hunt("log-analytics", 200, 50);
    shows_all(
        &bar,
        "quota 199/200 per 30 s",
        &details,
        &[
            "backend: log-analytics · workspace d3e0c0de-0000-4000-8000-00000000d3e0",
            "memory cache ",
            "extents scanned",
            "kqlhunt measured:",
        ],
    );
}

#[test]
fn the_most_useful_figures_at_80_columns_none_cut() {
    let (bar, _) = hunt("log-analytics", 80, 24);
    assert!(bar.contains("server: exec "), "{bar}");
    assert!(
        !bar.contains("peak") && !bar.contains("disk cache"),
        "the least useful go first: {bar}"
    );
    none_cut(&bar);
    assert!(bar.contains("quota 199/200 per 30 s"), "{bar}");
}

#[test]
fn a_cluster_shows_its_full_statistics_and_that_no_quota_is_published() {
    let (bar, details) = hunt("adx", 200, 50);
    shows_all(
        &bar,
        " calls/min",
        &details,
        &[
            "backend: adx",
            "/Hunting",
            "extents scanned",
            "kqlhunt measured:",
        ],
    );
    let (bar, _) = hunt("adx", 80, 24);
    none_cut(&bar);
}
