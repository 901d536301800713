//! The first hour, on the real binary in a real terminal against the demo tenant with a slow
//! answer (the emulator's `latency_ms` fault): a pasted multi-line query keeps its lines, the
//! hunter keeps typing while it runs and nothing they type is taken by the grid, then a pivot
//! from a cell narrows the query and runs it; the first tab runs a query of its own and each
//! tab shows its own result when switched to; a record is walked; the history is searched.
//! At 80x24 and at 200x50.

mod support;

use std::time::Duration;

use kqlhunt::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET};
use kqlhunt::emulator::{Emulator, EmulatorConfig, Faults};
use support::tmux::Session;

const QUERY: &str = "// powershell on the hosts\nDeviceProcessEvents\n| where FileName =~ \"powershell.exe\"\n| project Timestamp, FileName, DeviceName\n| take 3";

fn hunt(width: u16, height: u16) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime
        .block_on(Emulator::start(EmulatorConfig {
            rows_scale: 0.2,
            faults: Faults {
                latency_ms: 2500,
                ..Faults::default()
            },
            ..EmulatorConfig::default()
        }))
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let secret = home.path().join("secret");
    kqlhunt::files::write_atomic(&secret, DEMO_SECRET.as_bytes(), true).unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(
        home.path().join("config/config.toml"),
        format!(
            "default_profile = \"slow\"\n[profiles.slow]\ntenant = \"demo\"\nflavor = \"graph\"\nbase_url = \"{0}\"\nlogin_url = \"{0}\"\n[profiles.slow.auth]\nmethod = \"client-secret\"\nclient_id = \"{DEMO_CLIENT_ID}\"\nclient_secret_file = \"{1}\"\n",
            emulator.url,
            secret.display()
        ),
    )
    .unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1}; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized(&format!("first-{width}"), &command, width, height);
    session.wait_for("slow · graph │ idle", Duration::from_secs(60));

    // A new buffer, and the query pasted into it: every line kept, the comment on its own.
    session.keys(&["C-t"]);
    session.paste(QUERY);
    let screen = session.wait_for("| take 3", Duration::from_secs(10));
    for (n, line) in QUERY.lines().enumerate() {
        assert!(
            screen.contains(&format!("{:>2} {line}", n + 1)),
            "line {} is its own line: {screen}",
            n + 1
        );
    }

    // F5, then keep typing while the slow answer comes: the letters stay in the editor.
    session.keys(&["Up", "F5"]);
    session.wait_for("running", Duration::from_secs(5));
    session.keys(&["F5"]);
    session.wait_for("a query is running: Esc cancels it", Duration::from_secs(5));
    session.keys(&["C-End", "Enter", "Enter"]);
    session.type_text("DeviceInfo | where OSPlatform == 'Windows11' | take 1");
    let screen = session.wait_for("F3 browses them", Duration::from_secs(30));
    assert!(
        screen.contains("3 rows in the grid: F3 browses them"),
        "{screen}"
    );
    session.type_text(" // still typing");
    let screen = session.wait_for("// still typing", Duration::from_secs(5));
    assert!(
        !screen.contains("export every row shown"),
        "no grid command caught the typing: {screen}"
    );
    insta::assert_snapshot!(
        format!("first_hour_typing_{width}x{height}"),
        redact(&screen)
    );

    // Into the grid; on FileName, exclude the value: the query grows a line and runs.
    session.keys(&["C-Home", "Down", "F3", "Right", "x"]);
    let screen = session.wait_for(
        "| where FileName != \"powershell.exe\"",
        Duration::from_secs(10),
    );
    assert!(
        screen.contains("running"),
        "the narrowed query runs: {screen}"
    );
    let screen = session.wait_for("0 rows", Duration::from_secs(30));
    insta::assert_snapshot!(
        format!("first_hour_pivot_{width}x{height}"),
        redact(&screen)
    );

    // Back to the first tab: it ran nothing, so it shows no rows of the second.
    session.keys(&["F2", "C-PageUp"]);
    let screen = session.wait_for("to run it.", Duration::from_secs(5));
    assert!(!screen.contains("0 rows"), "{screen}");
    session.keys(&["C-End", "Enter", "Enter"]);
    session.type_text("DeviceInfo | project DeviceName, OSPlatform | take 2");
    session.keys(&["F5"]);
    session.wait_for("results: 2 rows", Duration::from_secs(30));
    // Each tab keeps its own result.
    session.keys(&["C-PageDown"]);
    session.wait_for("results: 0 rows", Duration::from_secs(5));
    session.keys(&["C-PageUp"]);
    session.wait_for("results: 2 rows", Duration::from_secs(5));

    // A record, field by field, then the next record without closing.
    session.keys(&["F3", "Enter"]);
    let screen = session.wait_for("record 1 of 2", Duration::from_secs(5));
    assert!(screen.contains("OSPlatform"), "{screen}");
    session.keys(&["n"]);
    session.wait_for("record 2 of 2", Duration::from_secs(5));
    session.keys(&["Escape"]);

    // The history finds the runs by words of them: the powershell hunt and its pivot, not the
    // DeviceInfo query.
    session.keys(&["F4", "Tab", "/"]);
    session.type_text("filename powershell");
    let screen = session.wait_for("◆ 0 rows", Duration::from_secs(5));
    assert!(screen.contains("◆ 3 rows"), "{screen}");
    assert!(
        !screen.contains("◆ 2 rows"),
        "only the runs with both words: {screen}"
    );
    session.keys(&["Escape", "F4"]);

    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
    drop(emulator);
}

/// Times, byte counts and which hosts the generated data names change from run to run.
fn redact(screen: &str) -> String {
    let times = regex::Regex::new(r"\d+(\.\d+)? ?(ms|s|B|KB)\b").unwrap();
    let quota = regex::Regex::new(r"quota \d+/45 min.*").unwrap();
    let stamps = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?").unwrap();
    let screen = times.replace_all(screen, "<n>");
    let screen = quota.replace_all(&screen, "quota <left>");
    let hosts = regex::Regex::new(r"ws-\d+").unwrap();
    let screen = hosts.replace_all(&screen, "ws-<n>");
    stamps.replace_all(&screen, "<time>").into_owned()
}

#[test]
fn a_first_hour_at_80x24() {
    hunt(80, 24);
}

#[test]
fn a_first_hour_at_200x50() {
    hunt(200, 50);
}
