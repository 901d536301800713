//! The real binary in a real terminal (tmux): a hunter types a query on the demo tenant, runs
//! it, sees the rows and the status bar, moves through the grid, opens a record and quits.

mod support;

use std::time::Duration;

use support::tmux::Session;

#[test]
fn a_hunter_runs_a_query_browses_the_rows_and_quits() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start("demo", &command);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));

    session.type_text("DeviceEvents | where ActionType == 'OpenProcessApiCall' | project DeviceName, FileName, InitiatingProcessCommandLine");
    session.keys(&["Enter", "Enter", "Up", "Up", "F5"]);
    let screen = session.wait_for("× 3 cols", Duration::from_secs(30));
    assert!(screen.contains("results: 1 row × 3 columns"), "{screen}");
    assert!(
        screen.contains("1 row in the grid: F3 browses them"),
        "the focus stays in the editor: {screen}"
    );
    session.keys(&["F3"]);
    assert!(
        screen.contains("lsass.exe")
            && screen.contains("rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump")
            && screen.contains(".dmp…"),
        "the last column takes the room left, and a long cell still ends in …: {screen}"
    );
    assert!(
        screen.contains("server: no stats (Graph)") && screen.contains("quota 44/45 min"),
        "{screen}"
    );

    session.keys(&["Enter"]);
    let record = session.wait_for("record 1 of", Duration::from_secs(5));
    assert!(
        record.contains("InitiatingProcessCommandLine  String"),
        "{record}"
    );
    assert!(
        record.contains("comsvcs.dll, MiniDump 672 C:\\ProgramData\\SyncHost\\d.dmp"),
        "the record view shows the whole value, wrapped: {record}"
    );
    session.keys(&["Escape", "F2", "C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}

#[test]
fn hostile_cells_cannot_drive_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let response = home.path().join("hostile.json");
    let cells = [
        "\u{1b}[2J\u{1b}[31mRED",
        "\u{1b}]52;c;ZXZpbA==\u{7}",
        "\u{1b}]0;pwned\u{7}title",
        "\u{202e}exe.txt",
        "\u{9b}31mC1",
        "tab\there\nnewline",
    ];
    let rows: Vec<String> = cells
        .iter()
        .map(|c| serde_json::json!({ "Cell": c }).to_string())
        .collect();
    std::fs::write(
        &response,
        format!(
            r#"{{"schema":[{{"name":"Cell","type":"String"}}],"results":[{}]}}"#,
            rows.join(",")
        ),
    )
    .unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} open {2}; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt"),
        response.display()
    );
    let session = Session::start("hostile", &command);
    session.tmux(&["set-option", "-t", &session.name, "set-clipboard", "on"]);
    let screen = session.wait_for("results: 6 rows", Duration::from_secs(30));
    for shown in [
        "␛[2J␛[31mRED",
        "␛]52;c;ZXZpbA==␇",
        "␛]0;pwned␇title",
        "⟨U+202E⟩exe.txt",
        "⟨U+009B⟩31mC1",
        "tab␉here␊newline",
    ] {
        assert!(
            screen.contains(shown),
            "{shown} should be shown inert:\n{screen}"
        );
    }
    // With colours: each hostile cell is one run of text in the grid's own style, so nothing in
    // it changed a colour or moved the cursor (no escape sequence falls inside it).
    let coloured = session.screen_with_colours();
    for shown in ["␛[2J␛[31mRED", "␛]0;pwned␇title", "⟨U+009B⟩31mC1"] {
        let line = coloured
            .lines()
            .find(|l| l.contains(shown))
            .unwrap_or_else(|| panic!("{shown} is drawn as one run:\n{coloured}"));
        let at = line.find(shown).unwrap();
        assert!(
            !line[at..at + shown.len()].contains('\u{1b}'),
            "no colour from the data inside {shown}"
        );
    }
    assert!(
        !coloured.contains("\u{1b}[31m"),
        "red appears nowhere: the theme does not use it and the data could not set it"
    );
    session.keys(&["j", "j", "Enter"]);
    session.wait_for("record 3 of 6", Duration::from_secs(5));
    let buffers = session.tmux(&["list-buffers"]);
    assert!(
        String::from_utf8_lossy(&buffers.stdout).trim().is_empty(),
        "no clipboard write came from the data"
    );
    let title = session.tmux(&[
        "display-message",
        "-p",
        "-t",
        &session.name,
        "#{pane_title}",
    ]);
    assert_ne!(
        String::from_utf8_lossy(&title.stdout).trim(),
        "pwned",
        "the data did not set the title"
    );
    session.keys(&["Escape", "F5"]);
    session.wait_for("offline", Duration::from_secs(5));
    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}

/// The hunter's own tmux on the far side of SSH: kqlhunt sees TERM=tmux-256color but no
/// $TMUX, so it writes OSC 52 as it is, which a tmux with `set-clipboard on` takes.
#[test]
fn copying_a_row_reaches_a_tmux_out_of_reach_through_plain_osc52() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env -u TMUX -u TMUX_PANE -u DISPLAY -u WAYLAND_DISPLAY TERM=tmux-256color SSH_CONNECTION='192.0.2.7 50022 192.0.2.1 22' KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start("clipboard", &command);
    session.tmux(&["set-option", "-t", &session.name, "set-clipboard", "on"]);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));
    session.type_text(r#"print Host = "ws-0400", Note = "tab\there", Count = 42"#);
    session.keys(&["Enter", "Enter", "Up", "Up", "F5"]);
    session.wait_for("× 3 cols", Duration::from_secs(30));
    session.keys(&["F3", "Y"]);
    let screen = session.wait_for("sent 1 row as TSV", Duration::from_secs(5));
    // The note takes two rows; the quota keeps its place at the end of the first.
    let said = screen
        .lines()
        .map(|l| l.split(" │ quota").next().unwrap_or(l).trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains("through OSC 52; a tmux on your side (TERM=tmux-256color) passes it on only with set-clipboard on"),
        "the route and its limitation are named: {screen}"
    );
    let buffer = session.tmux(&["show-buffer"]);
    assert_eq!(
        String::from_utf8_lossy(&buffer.stdout),
        "ws-0400\ttab\\there\t42\n",
        "exactly that TSV row"
    );
    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}
