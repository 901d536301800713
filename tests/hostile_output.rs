//! Headless output cannot drive the terminal: the real binary in a pseudo-terminal (`script`)
//! prints every piece of outside text inert, and the same command into a pipe prints the data
//! exactly.

use std::process::{Command, Stdio};

/// Escape sequences a hostile cell, file name or profile name carries: a window title (OSC 0),
/// a clipboard write (OSC 52), a colour (SGR), a C1 CSI, a right-to-left override, a line
/// separator.
const HOSTILE: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[31mred\u{9b}2J\u{202e}exe.txt\u{2028}x";

fn hostile_json() -> String {
    serde_json::to_string(HOSTILE).unwrap()
}

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        Home { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("KQLHUNT_CONFIG_DIR", self.path("config"))
            .env("KQLHUNT_DATA_DIR", self.path("data"))
            .env("COLUMNS", "100")
            .stdin(Stdio::null());
        command
    }

    /// stdout and stderr of `kqlhunt ARGS` into pipes.
    fn in_pipe(&self, args: &[&str]) -> (String, String) {
        let out = self
            .command(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// What `kqlhunt ARGS` writes to a terminal (stdout and stderr both), byte for byte.
    fn in_terminal(&self, args: &[&str]) -> String {
        let mut line = format!("'{}'", env!("CARGO_BIN_EXE_kqlhunt"));
        for arg in args {
            assert!(!arg.contains('\''), "quote {arg:?} for the shell");
            line.push_str(&format!(" '{arg}'"));
        }
        let out = self
            .command("script")
            .args(["-qec", &line, "/dev/null"])
            .output()
            .expect("script (util-linux) runs the binary in a pseudo-terminal");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Nothing a terminal would obey, and the sequences shown as symbols.
fn assert_inert(screen: &str) {
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2028}'] {
        assert!(
            !screen.contains(c),
            "{c:?} reached the terminal: {screen:?}"
        );
    }
}

fn write_response(home: &Home) -> String {
    let body = format!(
        r#"{{"schema":[{{"name":"Cmd","type":"String"}},{{"name":"N","type":"Int64"}}],"results":[{{"Cmd":{},"N":7}}]}}"#,
        hostile_json()
    );
    let file = home.path("h.json");
    std::fs::write(&file, body).unwrap();
    file.display().to_string()
}

#[test]
fn convert_is_inert_in_a_terminal_and_exact_in_a_pipe() {
    let home = Home::new();
    let file = write_response(&home);
    let screen = home.in_terminal(&["convert", &file]);
    assert_inert(&screen);
    assert!(
        screen.contains("␛]0;pwned␇␛]52;c;ZXZpbA==␇␛[31mred"),
        "{screen:?}"
    );
    assert!(screen.contains("⟨U+2028⟩"), "{screen:?}");
    let (piped, _) = home.in_pipe(&["convert", &file]);
    assert_eq!(
        piped,
        format!("Cmd,N\r\n{HOSTILE},7\r\n"),
        "a pipe gets the bytes"
    );
    for format in ["json", "tsv", "jsonl", "datatable"] {
        assert_inert(&home.in_terminal(&["convert", &file, "--format", format]));
    }
}

#[test]
fn markdown_is_for_people_and_shows_controls_as_symbols_anywhere() {
    let home = Home::new();
    let file = write_response(&home);
    let (piped, _) = home.in_pipe(&["convert", &file, "--format", "markdown"]);
    assert_inert(&piped);
    assert!(piped.contains("␛]0;pwned␇"), "{piped}");
}

#[test]
fn history_show_is_inert_in_a_terminal() {
    let home = Home::new();
    let file = write_response(&home);
    let document = kqlhunt::results::load_response(std::fs::read(&file).unwrap()).unwrap();
    let (mut history, _) = kqlhunt::history::History::open(
        &home.path("data/history.db"),
        kqlhunt::history::CacheLimits::default(),
    )
    .unwrap();
    let run = kqlhunt::history::RunRecord {
        id: 0,
        started: std::time::SystemTime::now(),
        query: format!("print x = \"{HOSTILE}\""),
        profile: HOSTILE.into(),
        flavor: "graph".into(),
        timespan: None,
        wall_time: std::time::Duration::from_millis(5),
        stats: None,
        render: None,
        rows: 1,
        columns: 2,
        bytes: 10,
        outcome: kqlhunt::history::Outcome::Ok,
        message: None,
        cached: false,
    };
    let packed = kqlhunt::history::pack(&document.result, 1 << 20);
    let id = history.record(&run, packed.as_ref()).unwrap();
    drop(history);
    let screen = home.in_terminal(&["history", "show", &id.to_string()]);
    assert_inert(&screen);
    assert!(screen.contains("␛]52;c;ZXZpbA==␇"), "{screen:?}");
    let (piped, _) = home.in_pipe(&["history", "show", &id.to_string()]);
    assert!(piped.contains(HOSTILE), "a pipe gets the bytes: {piped:?}");
    assert_inert(&home.in_terminal(&["history", "--format", "csv"]));
}

#[test]
fn check_prints_hostile_file_names_inert() {
    let home = Home::new();
    let folder = home.path("detections");
    std::fs::create_dir_all(&folder).unwrap();
    let name = |suffix: &str| {
        folder.join(format!(
            "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}{suffix}.kql"
        ))
    };
    std::fs::write(name("bad"), "DeviceProcessEvents | where (").unwrap();
    std::fs::write(
        name("latin1"),
        b"DeviceInfo | where DeviceName == \"caf\xe9\"",
    )
    .unwrap();
    let folder = folder.display().to_string();
    let screen = home.in_terminal(&["check", &folder]);
    assert_inert(&screen);
    assert!(screen.contains("␛]0;pwned␇"), "{screen:?}");
    assert!(screen.contains("not UTF-8"), "{screen:?}");
    let (piped, _) = home.in_pipe(&["check", &folder]);
    assert!(
        piped.contains("\u{1b}]0;pwned\u{7}"),
        "a pipe gets the name exactly: {piped:?}"
    );
}

#[test]
fn profiles_prints_hostile_profile_names_inert() {
    let home = Home::new();
    let config = format!(
        "[profiles.{}]\ntenant = {}\nbase_url = \"http://127.0.0.1:9\"\n[profiles.{}.auth]\nmethod = \"env-token\"\n",
        hostile_json(),
        hostile_json(),
        hostile_json()
    );
    std::fs::write(home.path("config/config.toml"), config).unwrap();
    let screen = home.in_terminal(&["profiles"]);
    assert_inert(&screen);
    assert!(screen.contains("␛]0;pwned␇"), "{screen:?}");
}

#[test]
fn a_response_file_cannot_leave_the_terminal_in_a_state() {
    // The pseudo-terminal's own title must not change: tmux reports it.
    if Command::new("tmux").arg("-V").output().is_err() {
        return;
    }
    let home = Home::new();
    let file = write_response(&home);
    let socket = format!("kqlhunt-hostile-{}", std::process::id());
    let command = format!(
        "'{}' convert '{file}'; sleep 30",
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let tmux = |args: &[&str]| {
        home.command("tmux")
            .args(["-L", &socket])
            .args(args)
            .output()
            .unwrap()
    };
    tmux(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "120",
        "-y",
        "20",
        &command,
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut screen = String::new();
    while std::time::Instant::now() < deadline && !screen.contains("pwned") {
        std::thread::sleep(std::time::Duration::from_millis(100));
        screen =
            String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned();
    }
    let title = String::from_utf8_lossy(
        &tmux(&["display-message", "-p", "-t", "t", "#{pane_title}"]).stdout,
    )
    .into_owned();
    tmux(&["kill-server"]);
    assert!(screen.contains("␛]0;pwned␇"), "{screen}");
    assert!(
        !title.contains("pwned"),
        "the pane's title became {title:?}"
    );
}
