//! A hunter on a jump host: their terminal, stood in for by an outer tmux server whose
//! `set-clipboard` the test chooses, and inside it a tmux with tmux's own defaults
//! (`-f /dev/null`) running a command. Each server has a socket of its own (`-L`), so a tmux
//! the user runs is never touched; both are killed when this is dropped, on failure too.

use std::time::Duration;

use super::tmux::Session;

pub struct Nested {
    /// The tmux on the jump host, where kqlhunt runs: keys go here, the screen is read here.
    pub inner: Session,
    /// The hunter's terminal: what reached its clipboard is in its buffers.
    pub outer: Session,
}

impl Nested {
    pub fn start(label: &str, outer_clipboard: &str, command: &str) -> Nested {
        // Named first, so a failure while starting still stops the inner server.
        let inner = Session::named(&format!("{label}-inner"));
        let attach = format!(
            "env -u TMUX -u TMUX_PANE tmux -L {0} -f /dev/null new-session -s {0} {1}",
            inner.name,
            quote(command)
        );
        let outer = Session::start_with_defaults(&format!("{label}-outer"), &attach);
        let nested = Nested { inner, outer };
        let set = nested
            .outer
            .tmux(&["set-option", "-g", "set-clipboard", outer_clipboard]);
        assert!(set.status.success(), "the outer tmux took set-clipboard");
        nested.inner.wait_until_running(Duration::from_secs(10));
        nested
    }

    /// The newest text the hunter's terminal put on its clipboard, if any.
    pub fn outer_clipboard(&self) -> Option<String> {
        let shown = self.outer.tmux(&["show-buffer"]);
        shown
            .status
            .success()
            .then(|| String::from_utf8_lossy(&shown.stdout).into_owned())
    }

    /// The newest text in the inner tmux's own buffer, if any.
    pub fn inner_buffer(&self) -> Option<String> {
        let shown = self.inner.tmux(&["show-buffer"]);
        shown
            .status
            .success()
            .then(|| String::from_utf8_lossy(&shown.stdout).into_owned())
    }
}

/// One shell word, whatever `text` holds.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
