//! The real binary in a real terminal: a tmux server of its own per test, keys sent, the
//! screen read back.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Session {
    pub name: String,
}

impl Session {
    pub fn start(label: &str, command: &str) -> Session {
        Session::start_sized(label, command, 120, 40)
    }

    /// A session whose terminal is `width` columns by `height` lines.
    pub fn start_sized(label: &str, command: &str, width: u16, height: u16) -> Session {
        Session::launch(label, command, &[], (width, height))
    }

    /// A server with tmux's own defaults: no configuration file is read.
    pub fn start_with_defaults(label: &str, command: &str) -> Session {
        Session::launch(label, command, &["-f", "/dev/null"], (120, 40))
    }

    /// A session started by someone else (a tmux inside this one), to drive and to stop.
    pub fn named(label: &str) -> Session {
        Session {
            name: format!("kqlhunt-e2e-{}-{label}", std::process::id()),
        }
    }

    fn launch(
        label: &str,
        command: &str,
        server_options: &[&str],
        (width, height): (u16, u16),
    ) -> Session {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is needed for this test (.ci/run installs it)"
        );
        // A tmux server of its own, so tests in parallel never see each other's buffers.
        let session = Session::named(label);
        let (width, height) = (width.to_string(), height.to_string());
        let mut args = server_options.to_vec();
        args.extend([
            "new-session",
            "-d",
            "-s",
            &session.name,
            "-x",
            &width,
            "-y",
            &height,
            command,
        ]);
        let started = session.tmux(&args);
        assert!(started.status.success(), "tmux could not start the session");
        session
    }

    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.name])
            .args(args)
            .output()
            .unwrap()
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", &self.name]).stdout)
            .into_owned()
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    pub fn screen_with_colours(&self) -> String {
        String::from_utf8_lossy(
            &self
                .tmux(&["capture-pane", "-p", "-e", "-t", &self.name])
                .stdout,
        )
        .into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Pastes `text` as the terminal does for Ctrl+Shift+V: bracketed, and with tmux's own
    /// line breaks (CR).
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "paste", text]);
        self.tmux(&["paste-buffer", "-p", "-b", "paste", "-t", &self.name]);
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.name, "-l", text]);
    }

    /// Waits until the server has its session (one started from inside another tmux).
    pub fn wait_until_running(&self, limit: Duration) {
        let started = Instant::now();
        while !self
            .tmux(&["has-session", "-t", &self.name])
            .status
            .success()
        {
            assert!(started.elapsed() < limit, "{} did not start", self.name);
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the screen shows `what`, or fails with what it shows.
    pub fn wait_for(&self, what: &str, limit: Duration) -> String {
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
        self.tmux(&["kill-server"]);
    }
}
