//! A copy from the real binary inside GNU screen reaches the hunter's terminal: screen keeps
//! only so many bytes of a passthrough, so a copy of kilobytes goes in many pieces, which must
//! arrive joined and exact. The hunter's terminal is an outer tmux with `set-clipboard on`.

mod support;

use std::process::Command;
use std::time::Duration;

use support::nested::quote;
use support::tmux::Session;

/// Stops the screen session whatever happens (screen would otherwise detach and live on).
struct ScreenSession(String);

impl Drop for ScreenSession {
    fn drop(&mut self) {
        let _ = Command::new("screen")
            .args(["-S", &self.0, "-X", "quit"])
            .output();
    }
}

#[test]
fn a_copy_of_many_rows_arrives_whole_through_screen() {
    assert!(
        Command::new("screen")
            .arg("-v")
            .output()
            .is_ok_and(|o| !o.stdout.is_empty()),
        "GNU screen is needed for this test (.ci/run installs it)"
    );
    let home = tempfile::tempdir().unwrap();
    let name = format!("kqlhunt-e2e-{}-screen", std::process::id());
    let _screen = ScreenSession(name.clone());
    let rc = home.path().join("screenrc");
    std::fs::write(&rc, "autodetach off\nstartup_message off\n").unwrap();
    let kqlhunt = format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY SSH_CONNECTION='192.0.2.7 50022 192.0.2.1 22' \
         KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let command = format!(
        "env -u TMUX -u TMUX_PANE screen -c {} -S {name} sh -c {}",
        rc.display(),
        quote(&kqlhunt)
    );
    let terminal = Session::start_with_defaults("screen-outer", &command);
    terminal.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    terminal.wait_for("demo · graph │ idle", Duration::from_secs(60));
    terminal.type_text(r#"range i from 1 to 400 step 1 | extend Host = strcat("ws-", i)"#);
    terminal.keys(&["Enter", "Enter", "Up", "Up", "F5"]);
    terminal.wait_for("400 rows × 2 columns", Duration::from_secs(30));
    terminal.keys(&["F3", "c", "a"]);
    terminal.wait_for("through screen to your terminal", Duration::from_secs(10));

    let mut expected = String::from("i\tHost\n");
    for i in 1..=400 {
        expected.push_str(&format!("{i}\tws-{i}\n"));
    }
    assert!(expected.len() > 4 * 1024, "far more than one piece");
    let started = std::time::Instant::now();
    loop {
        let held = terminal.tmux(&["show-buffer"]);
        let held = String::from_utf8_lossy(&held.stdout);
        if held == expected {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the terminal's clipboard holds {} bytes, not the {} copied",
            held.len(),
            expected.len()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
