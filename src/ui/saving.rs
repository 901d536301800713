//! Saving the query under the cursor, and renaming, duplicating and deleting saved queries
//! from the side pane. A failure says why in the hint bar; the editor's text is never touched.

use super::app::{App, Prompt, PromptKind};
use super::keymap::SideAction;
use super::notices::Level;
use crate::saved::{self, SavedQuery};

impl App {
    fn ask(&mut self, kind: PromptKind, text: String, subject: String) {
        self.prompt = Some(Prompt {
            kind,
            text,
            subject,
        });
    }

    fn fail_note(&mut self, message: impl std::fmt::Display) {
        self.notify(Level::Error, message.to_string());
    }

    /// Ctrl+S: asks for a name, offering the name of the saved query this text came from.
    pub(super) fn ask_save_name(&mut self) {
        if self.keep.saved.is_none() {
            return self.fail_note("there is no saved-queries folder in this workbench");
        }
        let (query, _) = self.editor.query_under_cursor();
        let known = self
            .side
            .saved
            .iter()
            .find(|s| s.query.trim() == query.trim())
            .map(|s| s.path.clone())
            .unwrap_or_default();
        self.ask(PromptKind::SaveAs, known, String::new());
    }

    pub(super) fn save_query(&mut self, name: &str, replace: bool) {
        let Some(folder) = self.keep.saved.clone() else {
            return;
        };
        let path = match saved::valid_name(name) {
            Ok(p) => p,
            Err(e) => return self.fail_note(e),
        };
        let (query, _) = self.editor.query_under_cursor();
        let existing = self.side.saved.iter().find(|s| s.path == path).cloned();
        let entry = SavedQuery {
            name: existing.as_ref().map_or_else(
                || path.rsplit('/').next().unwrap_or(&path).to_owned(),
                |e| e.name.clone(),
            ),
            description: existing
                .as_ref()
                .map(|e| e.description.clone())
                .unwrap_or_default(),
            tags: existing.map(|e| e.tags).unwrap_or_default(),
            path: path.clone(),
            query,
        };
        match saved::save(&folder, &entry, replace) {
            Ok(file) => {
                // An unnamed tab is named after the query it holds.
                if self.view.name.is_none() {
                    self.view.name = Some(entry.name.clone());
                }
                self.notify(Level::Info, format!("saved to {}", file.display()));
                self.reload_saved();
            }
            Err(saved::SavedQueryError::Exists(_)) => {
                self.ask(PromptKind::SaveOverwrite, path, String::new())
            }
            Err(e) => self.fail_note(e),
        }
    }

    /// The Saved list's commands: rename, duplicate, delete (asks first).
    pub(super) fn saved_action(&mut self, action: SideAction) -> bool {
        let path = match self.side.items().get(self.side.selected) {
            Some(super::side::SideItem::Saved(entry)) => entry.path.clone(),
            _ => return false,
        };
        match action {
            SideAction::Rename => self.ask(PromptKind::Rename, path.clone(), path),
            SideAction::Delete => self.ask(PromptKind::ConfirmDelete, String::new(), path),
            SideAction::Duplicate => self.ask(PromptKind::Duplicate, format!("{path} copy"), path),
            _ => return false,
        }
        true
    }

    pub(super) fn rename_saved(&mut self, from: &str, to: &str) {
        let Some(folder) = self.keep.saved.clone() else {
            return;
        };
        match saved::rename(&folder, from, to) {
            Ok(()) => {
                self.notify(Level::Info, format!("renamed to {to}"));
                self.reload_saved();
                self.select_saved(to);
            }
            Err(e) => self.fail_note(e),
        }
    }

    pub(super) fn duplicate_saved(&mut self, from: &str, to: &str) {
        let Some(folder) = self.keep.saved.clone() else {
            return;
        };
        match saved::duplicate(&folder, from, to) {
            Ok(()) => {
                self.notify(Level::Info, format!("copied {from} to {to}"));
                self.reload_saved();
                self.select_saved(to);
            }
            Err(e) => self.fail_note(e),
        }
    }

    /// Puts the selection on a saved query by name, so the next key acts on it.
    fn select_saved(&mut self, name: &str) {
        if let Some(i) = self.side.saved.iter().position(|s| s.path == name) {
            self.side.selected = i;
        }
    }

    pub(super) fn delete_saved(&mut self, name: &str) {
        let Some(folder) = self.keep.saved.clone() else {
            return;
        };
        match saved::delete(&folder, name) {
            Ok(()) => {
                self.notify(Level::Info, format!("deleted {name}"));
                self.reload_saved();
            }
            Err(e) => self.fail_note(e),
        }
    }

    pub fn reload_saved(&mut self) {
        if let Some(folder) = &self.keep.saved {
            self.side.saved = saved::list(folder);
            self.side.select(0);
        }
    }
}
