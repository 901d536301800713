//! Charts on the real binary in a real terminal (tmux) against the demo tenant: a query ending
//! in `render timechart` draws the beacon's hourly calls, the cursor walks x with the exact
//! values, two marks and one key narrow the query to the marked hours, and the narrowed query
//! runs and is charted again.

mod support;

use std::time::Duration;

use support::tmux::Session;

const QUERY: &str = "DeviceNetworkEvents | where RemoteUrl == \"cdn-telemetry-sync.net\" | summarize count() by bin(Timestamp, 1h) | render timechart";

/// The readout line: the one that starts with the x column's name.
fn readout(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start().starts_with("Timestamp 20"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn a_timechart_on_the_demo_is_drawn_walked_and_narrowed() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized("chart", &command, 120, 40);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));

    session.keys(&["C-t"]);
    session.paste(QUERY);
    session.wait_for("render timechart", Duration::from_secs(10));
    session.keys(&["F5"]);
    let screen = session.wait_for("chart: timechart of", Duration::from_secs(60));
    let first = readout(&screen);
    assert!(first.contains(" │ count_ "), "the readout: {screen}");
    assert!(screen.contains("└┴"), "an x axis with ticks: {screen}");

    // The cursor walks x; the readout follows.
    session.keys(&["F3", "Right", "Right"]);
    std::thread::sleep(Duration::from_millis(300));
    let screen = session.screen();
    let moved = readout(&screen);
    assert_ne!(moved, first, "the readout moved with the cursor: {screen}");

    // Mark two hours and narrow the query to them in one step; it runs and charts again.
    session.keys(&["m", "Right", "Right", "Right", "m"]);
    session.wait_for("range marked", Duration::from_secs(5));
    session.keys(&["w"]);
    let screen = session.wait_for("between (datetime(", Duration::from_secs(10));
    assert!(
        screen.contains("| where Timestamp between (datetime("),
        "the where goes in before the render: {screen}"
    );
    let screen = session.wait_for("chart: timechart of 4 rows", Duration::from_secs(60));
    assert!(readout(&screen).contains(" │ count_ "), "{screen}");
}
