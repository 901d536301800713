//! The one-line prompts (filter, search, export path, replace?) and what Enter does with them;
//! searching and sorting the grid.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Command, Prompt, PromptKind};

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> Option<Command> {
        use ratatui::crossterm::event::KeyCode;
        let Some(prompt) = &mut self.prompt else {
            return None;
        };
        if prompt.kind == PromptKind::Overwrite {
            let path = prompt.text.clone();
            self.prompt = None;
            if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                return self.export(&path, true);
            }
            return None;
        }
        match key.code {
            KeyCode::Char(c) => prompt.text.push(c),
            KeyCode::Backspace => {
                prompt.text.pop();
            }
            KeyCode::Esc => self.prompt = None,
            KeyCode::Enter => {
                let Prompt { kind, text } = self
                    .prompt
                    .take()
                    .unwrap_or_else(|| unreachable!("checked above"));
                let Some(result) = &self.result else {
                    return None;
                };
                match kind {
                    PromptKind::Filter => {
                        self.grid.filter = Some(text).filter(|t| !t.is_empty());
                        self.grid.rebuild(result);
                    }
                    PromptKind::Search => {
                        self.search = Some(text).filter(|t| !t.is_empty());
                        self.find(true);
                    }
                    PromptKind::Export => return self.export(&text, false),
                    PromptKind::Overwrite => {}
                }
            }
            _ => {}
        }
        None
    }

    pub(super) fn find(&mut self, forward: bool) {
        let (Some(result), Some(needle)) = (&self.result, &self.search) else {
            return;
        };
        match self.grid.find(result, needle, forward) {
            Some((row, column)) => {
                let (rows, width) = self.grid_size();
                self.grid.move_to(row, column, result, rows, width);
            }
            None => {
                self.note = Some(format!("no cell contains '{needle}'"));
                self.note_is_error = true;
            }
        }
    }

    pub(super) fn sort(&mut self, descending: bool) {
        let Some(result) = &self.result else { return };
        let column = self.grid.column;
        self.grid.sort = if self.grid.sort == Some((column, descending)) {
            None
        } else {
            Some((column, descending))
        };
        self.grid.rebuild(result);
    }
}
