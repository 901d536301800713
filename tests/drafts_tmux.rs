//! Nothing typed is lost: the real workbench, in tmux, is killed with SIGKILL or hung up on
//! (SIGHUP, as when an SSH link drops) mid-query, and the next start opens the buffer again.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::tmux::Session;

fn workbench(home: &Path) -> String {
    format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    )
}

/// The draft files that hold `text`.
fn drafts_holding(home: &Path, text: &str) -> usize {
    std::fs::read_dir(home.join("data/drafts"))
        .map(|entries| {
            entries
                .flatten()
                // A draft being written is a hidden temporary file until it is renamed into
                // place: counting it let a kill -9 land before the draft existed.
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(text)))
                .count()
        })
        .unwrap_or(0)
}

/// The pid of the workbench started with this data folder, found by its environment.
fn workbench_pid(home: &Path) -> u32 {
    let marker = format!("KQLHUNT_DATA_DIR={}/data", home.display());
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if cmdline.starts_with(env!("CARGO_BIN_EXE_kqlhunt").as_bytes())
            && environ.split(|b| *b == 0).any(|v| v == marker.as_bytes())
        {
            return pid;
        }
    }
    panic!("the workbench is not running");
}

fn type_a_query(session: &Session, text: &str) {
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));
    session.keys(&["C-t"]);
    session.type_text(text);
    session.wait_for(text, Duration::from_secs(5));
}

#[test]
fn a_buffer_survives_kill_9_and_a_clean_quit_keeps_it_too() {
    let home = tempfile::tempdir().unwrap();
    let text = "DeviceLogonEvents | where AccountName == 'kill-9-survivor'";
    let session = Session::start("kill", &workbench(home.path()));
    type_a_query(&session, text);
    let typed = Instant::now();
    while drafts_holding(home.path(), text) == 0 {
        assert!(
            typed.elapsed() < Duration::from_millis(1500),
            "the draft is written within a second of the last keystroke"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = workbench_pid(home.path());
    // SAFETY: a plain kill(2) of the process this test started.
    assert_eq!(unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) }, 0);
    session.wait_for("Killed", Duration::from_secs(10));
    drop(session);

    let again = Session::start("kill-again", &workbench(home.path()));
    let screen = again.wait_for("restored", Duration::from_secs(60));
    assert!(
        screen.contains("restored 2 buffers from a workbench that ended without quitting"),
        "{screen}"
    );
    assert!(
        screen.contains(text),
        "the query is back in the editor: {screen}"
    );
    // The cursor is where it was: typing goes on at the end of the query.
    again.type_text(" | take 3");
    again.wait_for("'kill-9-survivor' | take 3", Duration::from_secs(5));
    again.keys(&["C-q"]);
    again.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
    drop(again);

    let third = Session::start("kill-third", &workbench(home.path()));
    let screen = third.wait_for("'kill-9-survivor' | take 3", Duration::from_secs(60));
    assert!(
        !screen.contains("without quitting"),
        "a clean quit is not a crash: {screen}"
    );
    assert_eq!(
        drafts_holding(home.path(), "kill-9-survivor"),
        1,
        "one copy, not one per start"
    );
    third.keys(&["C-q"]);
    third.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}

#[test]
fn a_buffer_survives_a_dropped_link() {
    let home = tempfile::tempdir().unwrap();
    let text = "EmailEvents | where Subject has 'hangup-survivor'";
    let session = Session::start("hangup", &workbench(home.path()));
    type_a_query(&session, text);
    // The terminal goes away at once: tmux hangs up on the workbench (SIGHUP).
    session.tmux(&["kill-session", "-t", &session.name]);
    drop(session);
    let started = Instant::now();
    while drafts_holding(home.path(), text) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the draft was written"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let again = Session::start("hangup-again", &workbench(home.path()));
    let screen = again.wait_for("restored", Duration::from_secs(60));
    assert!(screen.contains(text), "{screen}");
    again.keys(&["C-q"]);
    again.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}
