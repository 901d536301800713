//! Getting text to the hunter's own clipboard, which over SSH is on their laptop, not on the
//! machine kqlhunt runs on.
//!
//! One concern per file: `chain` looks at what stands between kqlhunt and the hunter's terminal
//! (SSH, tmux, screen, zellij), `tmux` asks tmux and hands it copies, `route` picks the way a
//! copy goes and says why, `deliver` carries it and words the status line, `osc52` builds the
//! escapes, `bounded` keeps every helper program within a deadline.

mod bounded;
pub mod chain;
pub mod deliver;
mod osc52;
pub mod portal;
pub mod route;
pub mod tmux;

pub use chain::{Chain, Multiplexer};
pub use deliver::{deliver, Delivered};
pub use osc52::osc52;
pub use route::Route;

/// Terminals cap OSC 52 payloads; above this the hunter is offered an export instead.
pub const DEFAULT_LIMIT: usize = 100 * 1024;

/// Refuses text above `limit` bytes, saying how large it is and what to do instead.
pub fn check_size(text: &str, limit: usize) -> Result<(), String> {
    if text.len() > limit {
        return Err(format!(
            "{} is more than the terminal clipboard takes ({} KB, copy_limit_kb): export it to \
             a file with e",
            human(text.len()),
            limit / 1024
        ));
    }
    Ok(())
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
