//! A panic that slips through, wherever it happens (the UI loop, a tokio task, a blocking
//! task), leaves the terminal as it was, keeps what was typed, and says what happened. The real
//! workbench in tmux, made to panic by the debug-only `KQLHUNT_TEST_PANIC` switch and F12
//! (see `src/ui/crash.rs`; release builds do not read it).

mod support;

use std::path::Path;
use std::time::Duration;

use support::tmux::Session;

fn drafts_holding(home: &Path, text: &str) -> usize {
    std::fs::read_dir(home.join("data/drafts"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(text)))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn a_panic_anywhere_restores_the_terminal_saves_the_drafts_and_says_so() {
    for (place, words) in [
        ("task", "a test panic in a tokio task"),
        ("blocking", "a test panic in a blocking task"),
        ("loop", "a test panic in the UI loop"),
    ] {
        let home = tempfile::tempdir().unwrap();
        let command = format!(
            "env KQLHUNT_TEST_PANIC={place} KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
            home.path().display(),
            env!("CARGO_BIN_EXE_kqlhunt")
        );
        let session = Session::start(&format!("crash-{place}"), &command);
        session.wait_for("demo · graph │ idle", Duration::from_secs(60));
        let text = format!("DeviceInfo | where DeviceName == 'crash-{place}'");
        // F12 right after the last key, before the drafts' own timer writes them.
        session.type_text(&text);
        session.keys(&["F12"]);
        session.wait_for("kqlhunt-exited-1", Duration::from_secs(20));
        // Lines the message wrapped, joined again.
        let joined = session.tmux(&["capture-pane", "-p", "-J", "-t", &session.name]);
        let screen = String::from_utf8_lossy(&joined.stdout);
        assert!(
            screen.contains("kqlhunt stopped after an internal error") && screen.contains(words),
            "{place}: {screen}"
        );
        assert!(
            screen.contains("Your buffers are saved as drafts"),
            "{place}: {screen}"
        );
        let alternate = session.tmux(&[
            "display-message",
            "-p",
            "-t",
            &session.name,
            "#{alternate_on}",
        ]);
        assert_eq!(
            String::from_utf8_lossy(&alternate.stdout).trim(),
            "0",
            "{place}: the full screen was left"
        );
        assert_eq!(
            drafts_holding(home.path(), &text),
            1,
            "{place}: the typed query is kept"
        );
    }
}
