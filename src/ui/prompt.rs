//! The one-line prompts (filter, search, export path, names) and the y / n questions: their
//! keys come from the keymap's `[prompt]` and `[confirm]` sections, the letters typed stay
//! text, and Enter (or yes) gives an [`Answer`] that the workbench carries out
//! (`prompt_answers.rs`). Searching and sorting the grid live here too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Command, Prompt, PromptKind};
use super::keymap::{Action, PromptAction, Scope};
use super::notices::Level;

/// What the hunter asked for by answering a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    ExportTo {
        path: String,
        replace: bool,
    },
    SaveAs {
        name: String,
        replace: bool,
    },
    CreateDetection(String),
    RenameSaved {
        from: String,
        to: String,
    },
    DuplicateSaved {
        from: String,
        to: String,
    },
    DeleteSaved(String),
    CloseTab,
    /// An empty name: the tab is named after its query again.
    NameTab(String),
    /// Keep the rows containing this (empty: every row).
    Filter(String),
    Search(String),
    /// The history list already follows its search as typed: it stays.
    SearchHistory(String),
}

impl Prompt {
    /// The answer a prompt gives when applied, or a question when answered yes.
    pub fn answer(self) -> Answer {
        let Prompt {
            kind,
            text,
            subject,
        } = self;
        match kind {
            PromptKind::Export => Answer::ExportTo {
                path: text,
                replace: false,
            },
            PromptKind::Overwrite => Answer::ExportTo {
                path: text,
                replace: true,
            },
            PromptKind::SaveAs => Answer::SaveAs {
                name: text,
                replace: false,
            },
            PromptKind::SaveOverwrite => Answer::SaveAs {
                name: text,
                replace: true,
            },
            PromptKind::Rename => Answer::RenameSaved {
                from: subject,
                to: text,
            },
            PromptKind::Duplicate => Answer::DuplicateSaved {
                from: subject,
                to: text,
            },
            PromptKind::ConfirmDelete => Answer::DeleteSaved(subject),
            PromptKind::CloseTab => Answer::CloseTab,
            PromptKind::RenameTab => Answer::NameTab(text.trim().to_owned()),
            PromptKind::DetectionName => Answer::CreateDetection(text.trim().to_owned()),
            PromptKind::Filter => Answer::Filter(text),
            PromptKind::Search => Answer::Search(text),
            PromptKind::HistorySearch => Answer::SearchHistory(text),
        }
    }
}

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> Option<Command> {
        let question = super::paste::is_question(self.prompt.as_ref()?.kind);
        let mode = if question {
            Scope::Confirm
        } else {
            Scope::Prompt
        };
        match self.keymap.in_mode(&key, mode) {
            Some(action @ (Action::Answer(_) | Action::Prompt(_))) => self.prompt_action(action),
            // Any other key leaves a question open, so a key typed ahead never answers it.
            _ if question => {
                let answers = self.keymap.answer_keys();
                self.notify(Level::Info, format!("answer {answers}"));
                None
            }
            _ => {
                self.type_in_prompt(key);
                None
            }
        }
    }

    /// What applying, cancelling or answering the open prompt does: an answer is carried out
    /// by [`App::on_answer`].
    pub fn prompt_action(&mut self, action: Action) -> Option<Command> {
        match action {
            Action::Answer(true) | Action::Prompt(PromptAction::Apply) => {
                let answer = self.prompt.take()?.answer();
                return self.on_answer(answer);
            }
            Action::Answer(false) => {
                self.prompt.take()?;
                self.notify(Level::Info, "nothing changed".into());
            }
            Action::Prompt(PromptAction::Cancel) => {
                let searching = self.prompt.take()?.kind == PromptKind::HistorySearch;
                if searching {
                    self.side.history_search.clear();
                    self.refresh_history();
                }
            }
            _ => {}
        }
        None
    }

    /// Text entry: letters are typed, Backspace deletes; the rest does nothing.
    fn type_in_prompt(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => prompt.text.push(c),
            KeyCode::Backspace => {
                prompt.text.pop();
            }
            _ => return,
        }
        self.prompt_changed();
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
