//! Getting text to the hunter's own clipboard, which over SSH is on their laptop, not on the
//! machine kqlhunt runs on. OSC 52 asks the hunter's terminal to set it; inside tmux or screen the
//! request is wrapped so it passes through. When a local display is reachable the system
//! clipboard is set as well (arboard).

mod osc52;
pub mod portal;

pub use osc52::{osc52, Multiplexer};

/// Terminals cap OSC 52 payloads; above this the hunter is offered an export instead.
pub const DEFAULT_LIMIT: usize = 100 * 1024;

/// Where a copy goes, decided from the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub multiplexer: Multiplexer,
    /// Also set the system clipboard (a local display is reachable and the session is local).
    pub system: bool,
}

impl Delivery {
    pub fn from_env() -> Delivery {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let remote = set("SSH_TTY") || set("SSH_CONNECTION");
        let display = set("DISPLAY") || set("WAYLAND_DISPLAY");
        let multiplexer = if set("TMUX") {
            Multiplexer::Tmux
        } else if set("STY") || std::env::var("TERM").is_ok_and(|t| t.starts_with("screen")) {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        };
        Delivery {
            multiplexer,
            system: display && !remote,
        }
    }

    /// The escape sequence to write after the next frame, and whether the system clipboard
    /// was also set. Refuses text above `limit` bytes, saying how large it is.
    pub fn copy(&self, text: &str, limit: usize) -> Result<(String, bool), String> {
        if text.len() > limit {
            return Err(format!(
                "{} is more than the terminal clipboard takes ({} KB): export it to a file with e",
                human(text.len()),
                limit / 1024
            ));
        }
        let system = self.system
            && arboard::Clipboard::new()
                .and_then(|mut c| c.set_text(text.to_owned()))
                .is_ok();
        Ok((osc52(text.as_bytes(), self.multiplexer), system))
    }
}

pub fn human(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
