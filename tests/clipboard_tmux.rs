//! Copies from the real binary reach the hunter's clipboard through a tmux with its default
//! options, as on a jump host: the hunter's terminal is an outer tmux server (its buffer is its
//! clipboard), kqlhunt runs inside a tmux started with `-f /dev/null` inside it, over "SSH".
//!
//! The inner tmux learns what its terminal is the way it would from a hunter's: it asks
//! (XTVERSION) and finds a terminal that takes clipboard writes, as tmux's defaults also assume
//! of any `xterm*` TERM. Whether the outer side then keeps the copy is up to it, as with a real
//! terminal, which kqlhunt cannot see: the message says what was done, not more.

mod support;

use std::time::Duration;

use support::nested::Nested;

/// kqlhunt as over SSH on a jump host: no display, SSH variables set.
fn workbench(home: &std::path::Path, then: &str) -> String {
    format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY SSH_CONNECTION='192.0.2.7 50022 192.0.2.1 22' \
         KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} {then}; \
         echo kqlhunt-exited-$?; sleep 60",
        home.display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    )
}

const QUERY: &str = r#"range i from 1 to 3 step 1 | extend Host = strcat("ws-", i), Note = iff(i == 2, "tab\there", "plain")"#;

fn run_the_query(nested: &Nested) {
    nested
        .inner
        .wait_for("demo · graph │ idle", Duration::from_secs(60));
    nested.inner.type_text(QUERY);
    nested.inner.keys(&["Enter", "Enter", "Up", "Up", "F5"]);
    nested
        .inner
        .wait_for("rows × 3 cols", Duration::from_secs(30));
    // The rows arrive with the focus left in the editor: F3 browses them.
    nested.inner.keys(&["F3"]);
}

/// Waits for the status line to say where the copy went, and returns it (it may take two lines).
fn said(nested: &Nested, start: &str) -> String {
    let screen = nested.inner.wait_for(start, Duration::from_secs(10));
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.contains(start)).unwrap();
    lines[at..(at + 2).min(lines.len())]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Waits until the outer side's clipboard holds `expected`, or fails with what it holds.
fn arrives(nested: &Nested, expected: &str) {
    let started = std::time::Instant::now();
    loop {
        let held = nested.outer_clipboard();
        if held.as_deref() == Some(expected) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the hunter's clipboard holds {held:?}, not {expected:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_row_a_cell_and_marked_rows_reach_the_hunters_terminal_through_a_default_tmux() {
    let home = tempfile::tempdir().unwrap();
    let nested = Nested::start("clip-on", "on", &workbench(home.path(), "--demo"));
    run_the_query(&nested);

    nested.inner.keys(&["Y"]);
    let message = said(&nested, "copied 1 row as TSV");
    assert!(
        message.contains("to tmux's buffer and sent to the tmux around it"),
        "{message}"
    );
    arrives(&nested, "1\tws-1\tplain\n");

    nested.inner.keys(&["j", "l", "l", "y"]);
    said(&nested, "copied the Note cell");
    arrives(&nested, "tab\there");

    nested.inner.keys(&["V", "j", "y"]);
    said(&nested, "copied 2 rows as TSV");
    arrives(&nested, "2\tws-2\ttab\\there\n3\tws-3\tplain\n");

    nested.inner.keys(&["C-q"]);
    nested
        .inner
        .wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}

#[test]
fn a_terminal_that_refuses_clipboard_writes_is_not_claimed_to_have_taken_the_copy() {
    let home = tempfile::tempdir().unwrap();
    let nested = Nested::start("clip-off", "off", &workbench(home.path(), "--demo"));
    run_the_query(&nested);

    nested.inner.keys(&["Y"]);
    let message = said(&nested, "copied 1 row as TSV");
    assert!(
        message.contains(
            "to tmux's buffer and sent to the tmux around it, which keeps it only with set-clipboard on"
        ),
        "what was done, and what the outer side needs to keep it: {message}"
    );
    assert_eq!(
        nested.inner_buffer().as_deref(),
        Some("1\tws-1\tplain\n"),
        "tmux's buffer holds it, as said"
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        nested.outer_clipboard(),
        None,
        "the refusing side kept nothing"
    );
    nested.inner.keys(&["C-q"]);
    nested
        .inner
        .wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}

#[test]
fn doctor_reports_the_chain_and_its_test_text_arrives() {
    let home = tempfile::tempdir().unwrap();
    let nested = Nested::start(
        "clip-doctor",
        "on",
        &workbench(home.path(), "doctor clipboard"),
    );
    let report = nested
        .inner
        .wait_for("kqlhunt-exited-0", Duration::from_secs(20));
    let version = String::from_utf8_lossy(&nested.inner.tmux(&["-V"]).stdout)
        .trim()
        .to_owned();
    for line in [
        "session            over SSH",
        &format!("multiplexer        {version}"),
        "  set-clipboard    external",
        "  allow-passthrough off",
        "route              tmux's buffer, sent on to its terminal by tmux (load-buffer -w)",
        "you may need       the tmux around this tmux to take it: set -g set-clipboard on there",
    ] {
        assert!(report.contains(line), "{line:?} in:\n{report}");
    }
    let test_line = report
        .lines()
        .find(|l| l.starts_with("test "))
        .unwrap_or_else(|| panic!("a test line:\n{report}"));
    let text = test_line
        .split('"')
        .nth(1)
        .unwrap_or_else(|| panic!("the test text is quoted: {test_line}"));
    assert!(text.starts_with("kqlhunt clipboard test "), "{text}");
    arrives(&nested, text);
}
