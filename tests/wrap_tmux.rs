//! Soft wrap on the real binary in a real 80x24 terminal (tmux) against the demo tenant: a long
//! one-line query is pasted, Alt+z wraps it with the line number on its first row only, it runs
//! whole, and Alt+z again puts it back on one row that scrolls sideways.

mod support;

use std::time::Duration;

use support::tmux::Session;

const QUERY: &str = "DeviceProcessEvents | where FileName in~ (\"powershell.exe\", \"cmd.exe\", \"rundll32.exe\", \"regsvr32.exe\", \"mshta.exe\") | project Timestamp, DeviceName, FileName | take 3";

/// The editor's rows: from the pane's title down to the grid's.
fn editor_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with(" results"))
        .collect()
}

#[test]
fn a_long_pasted_query_wraps_with_alt_z_and_runs_whole() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized("wrap", &command, 80, 24);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));

    session.keys(&["C-t"]);
    session.paste(QUERY);
    let screen = session.wait_for("| take 3", Duration::from_secs(10));
    assert!(
        !screen.contains("↪"),
        "no wrap until asked: the line scrolls: {screen}"
    );

    session.keys(&["M-z"]);
    let screen = session.wait_for("↪", Duration::from_secs(5));
    let rows = editor_rows(&screen);
    assert!(
        screen.lines().next().unwrap().trim_end().ends_with("wrap"),
        "the pane says it wraps: {screen}"
    );
    assert!(
        rows[0].starts_with(" 1 DeviceProcessEvents | where FileName in~"),
        "line 1, from its first column: {screen}"
    );
    assert!(
        rows[1].starts_with(" ↪ ") && rows[2].starts_with(" ↪ "),
        "continuation rows carry no number: {screen}"
    );
    let rest: String = rows[1..3].concat();
    assert!(
        rest.contains("\"mshta.exe\"") && rest.contains("| take 3"),
        "the rest of the line is on the rows under it: {screen}"
    );
    assert!(
        !rows.iter().any(|r| r.starts_with(" 2")),
        "one line, one number: {screen}"
    );

    // The wrapped query runs whole.
    session.keys(&["F5"]);
    let screen = session.wait_for("results: 3 rows", Duration::from_secs(30));
    assert!(editor_rows(&screen)[1].starts_with(" ↪ "), "{screen}");

    // Again: one row per line, scrolled to the cursor at the end.
    session.keys(&["M-z"]);
    let screen = session.wait_for("soft wrap off", Duration::from_secs(5));
    let rows = editor_rows(&screen);
    assert!(
        rows[0].starts_with(" 1 ") && rows[0].contains("| take 3"),
        "{screen}"
    );
    assert!(!screen.contains("↪"), "{screen}");

    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}
