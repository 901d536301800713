//! The real binary in a real terminal (tmux): a hunter types a query on the demo tenant, runs
//! it, sees the rows and the status bar, moves through the grid, opens a record and quits.

use std::process::Command;
use std::time::{Duration, Instant};

struct Session {
    name: String,
}

impl Session {
    fn start(command: &str) -> Session {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is needed for this test (.ci/run installs it)"
        );
        let name = format!("kqlhunt-e2e-{}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                "120",
                "-y",
                "40",
                command,
            ])
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start the session");
        Session { name }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        Command::new("tmux")
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .unwrap();
    }

    fn type_text(&self, text: &str) {
        Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .unwrap();
    }

    /// Waits until the screen shows `what`, or fails with what it shows.
    fn wait_for(&self, what: &str, limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                started.elapsed() < limit,
                "waited {limit:?} for {what:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

#[test]
fn a_hunter_runs_a_query_browses_the_rows_and_quits() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start(&command);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));

    session.type_text("DeviceEvents | where ActionType == 'OpenProcessApiCall' | project DeviceName, FileName, InitiatingProcessCommandLine");
    session.keys(&["Enter", "Enter", "Up", "Up", "F5"]);
    let screen = session.wait_for("rows × 3 cols", Duration::from_secs(30));
    assert!(screen.contains("results: 1 rows × 3 columns"), "{screen}");
    assert!(
        screen.contains("lsass.exe")
            && screen.contains("rundll32.exe C:\\Windows\\System32\\comsvc…"),
        "long cells end in …: {screen}"
    );
    assert!(
        screen.contains("server: no stats (Graph)") && screen.contains("quota 44/45 min"),
        "{screen}"
    );

    session.keys(&["Enter"]);
    let record = session.wait_for("record (", Duration::from_secs(5));
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
