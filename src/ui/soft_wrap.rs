//! Soft wrap (Alt+z, or `wrap = true` under `[editor]` in config.toml): a long line takes as
//! many rows as it needs in every buffer, instead of scrolling sideways, so a whole command
//! line or a long `in~ (...)` list reads at once. The text is not changed: a run sends the
//! lines as they are.

use super::app::App;
use super::keymap::Action;
use super::notices::Level;

impl App {
    pub fn toggle_wrap(&mut self) {
        self.set_wrap(!self.wrap);
        let key = self.keymap.first_key(Action::ToggleWrap);
        let note = if self.wrap {
            format!("soft wrap on: long lines wrap at the editor's width ({key} turns it off)")
        } else {
            format!("soft wrap off: a long line scrolls sideways ({key} wraps it)")
        };
        self.notify(Level::Info, note);
    }

    /// Wraps (or unwraps) every buffer: the shown one now, the others when shown.
    pub fn set_wrap(&mut self, on: bool) {
        self.wrap = on;
        self.editor.set_wrap(on);
    }
}
