//! The copy menu: a format (which stays chosen) or what to copy, each a key of the keymap's
//! `[copy_menu]` section. Other plain letters do nothing while it is open; Ctrl and Alt keys go
//! on to the global keys (a cancel bound to Ctrl+G closes it).

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Command, Overlay};
use super::keymap::{Action, CopyChoice, Scope};

impl App {
    /// A key in the copy menu; `None` when it is not the menu's.
    pub(super) fn copy_menu_key(&mut self, key: KeyEvent) -> Option<Option<Command>> {
        match self.keymap.in_mode(&key, Scope::CopyMenu) {
            Some(Action::CopyMenuChoice(choice)) => Some(self.copy_choice(choice)),
            _ => None,
        }
    }

    /// What a copy menu choice does: a format stays chosen (and is kept for the next session);
    /// a target is copied in it and the menu closes.
    pub fn copy_choice(&mut self, choice: CopyChoice) -> Option<Command> {
        if self.overlay != Overlay::CopyMenu {
            return None;
        }
        match choice {
            CopyChoice::Format(format) => {
                self.copy_format = format;
                if let Some(path) = &self.preferences {
                    super::copy::save_format(path, format);
                }
                None
            }
            CopyChoice::Target(target) => self.copy(target),
        }
    }
}
