//! The one-line prompts (filter, search, export path, replace?) and what Enter does with them;
//! searching and sorting the grid.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Command, Prompt, PromptKind};
use super::notices::Level;

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> Option<Command> {
        use ratatui::crossterm::event::KeyCode;
        let Some(prompt) = &mut self.prompt else {
            return None;
        };
        // Questions are answered with y or n (Esc is n too); any other key is ignored and the
        // question stays, so a key typed ahead never answers it by accident.
        if super::paste::is_question(prompt.kind) {
            let yes = match key.code {
                KeyCode::Char('y' | 'Y') => true,
                KeyCode::Char('n' | 'N') | KeyCode::Esc => false,
                _ => {
                    self.notify(Level::Info, "answer y or n".into());
                    return None;
                }
            };
            let Prompt {
                kind,
                text,
                subject,
            } = self.prompt.take()?;
            if !yes {
                self.notify(Level::Info, "nothing changed".into());
                return None;
            }
            match kind {
                PromptKind::Overwrite => return self.export(&text, true),
                PromptKind::SaveOverwrite => self.save_query(&text, true),
                PromptKind::ConfirmDelete => self.delete_saved(&subject),
                _ => self.close_tab(true),
            }
            return None;
        }
        match key.code {
            KeyCode::Char(c) => prompt.text.push(c),
            KeyCode::Backspace => {
                prompt.text.pop();
            }
            KeyCode::Esc => {
                if prompt.kind == PromptKind::HistorySearch {
                    self.side.history_search.clear();
                    self.refresh_history();
                }
                self.prompt = None;
                return None;
            }
            KeyCode::Enter => {
                let Prompt {
                    kind,
                    text,
                    subject,
                } = self.prompt.take()?;
                match kind {
                    PromptKind::Export => return self.export(&text, false),
                    PromptKind::SaveAs => self.save_query(&text, false),
                    PromptKind::Rename => self.rename_saved(&subject, &text),
                    PromptKind::RenameTab => {
                        let name = text.trim();
                        self.view.name = (!name.is_empty()).then(|| name.to_owned());
                    }
                    PromptKind::Duplicate => self.duplicate_saved(&subject, &text),
                    PromptKind::HistorySearch => {}
                    PromptKind::Filter | PromptKind::Search => {
                        self.view.result.as_ref()?;
                        if kind == PromptKind::Filter {
                            let request = self.view.table.filter_by(Some(text));
                            self.ask_rows(request);
                        } else {
                            self.view.search = Some(text).filter(|t| !t.is_empty());
                            self.find(true);
                        }
                    }
                    _ => {}
                }
                return None;
            }
            _ => return None,
        }
        self.prompt_changed();
        None
    }

    /// The history list follows its search as it is typed or pasted.
    pub(super) fn prompt_changed(&mut self) {
        if let Some(Prompt {
            kind: PromptKind::HistorySearch,
            text,
            ..
        }) = &self.prompt
        {
            self.side.history_search = text.clone();
            self.refresh_history();
        }
    }

    /// Looks for the search's text from the selection on, off the UI loop; the selection moves
    /// when it is found (see `answers.rs`).
    pub(super) fn find(&mut self, forward: bool) {
        let (Some(_), Some(needle)) = (&self.view.result, &self.view.search) else {
            return;
        };
        let from = (self.view.grid.row, self.view.grid.column);
        let request = self.view.table.find_from(needle, from, forward);
        self.ask_find(request);
    }

    pub(super) fn sort(&mut self, descending: bool) {
        let Some(result) = &self.view.result else {
            return;
        };
        let column = self.view.grid.column;
        if column >= result.column_count() {
            self.say("nothing to sort by: the result has no columns", true);
            return;
        }
        let sort = if self.view.table.sort() == Some((column, descending)) {
            None
        } else {
            Some((column, descending))
        };
        let request = self.view.table.sort_by(sort);
        self.ask_rows(request);
    }
}
