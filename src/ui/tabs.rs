//! Several editor buffers, one shown at a time. The shown one lives in `App::editor`; the
//! others wait in `App::tabs`, where the shown one's slot holds an empty placeholder.

use super::app::{App, Prompt, PromptKind};
use super::editor::Editor;
use crate::drafts::{Buffer, Session};

impl App {
    pub fn tab_count(&self) -> usize {
        self.tabs.len().max(1)
    }

    /// Each buffer's label for the tab bar: its first word of KQL, or `empty`.
    pub fn tab_labels(&self) -> Vec<String> {
        (0..self.tab_count())
            .map(|i| {
                let editor = if i == self.active {
                    &self.editor
                } else {
                    &self.tabs[i]
                };
                editor
                    .area
                    .lines()
                    .iter()
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty() && !l.starts_with("//"))
                    .map_or("empty".to_owned(), |l| {
                        l.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .find(|w| !w.is_empty())
                            .unwrap_or("query")
                            .chars()
                            .take(16)
                            .collect()
                    })
            })
            .collect()
    }

    pub fn new_tab(&mut self) {
        self.ensure_tabs();
        self.tabs.insert(self.active + 1, Editor::new(""));
        self.show_tab(self.active + 1);
        self.edited();
    }

    /// Closes the shown buffer; one with text in it asks first.
    pub fn close_tab(&mut self, confirmed: bool) {
        if !confirmed && !self.editor.text().trim().is_empty() {
            self.prompt = Some(Prompt {
                kind: PromptKind::CloseTab,
                text: String::new(),
                subject: String::new(),
            });
            return;
        }
        self.ensure_tabs();
        if self.tabs.len() == 1 {
            self.editor = Editor::new("");
        } else {
            self.tabs.remove(self.active);
            let next = self.active.min(self.tabs.len() - 1);
            self.editor = std::mem::replace(&mut self.tabs[next], Editor::new(""));
            self.active = next;
        }
        self.edited();
    }

    pub fn cycle_tab(&mut self, delta: isize) {
        let count = self.tab_count() as isize;
        if count > 1 {
            self.show_tab((self.active as isize + delta).rem_euclid(count) as usize);
        }
    }

    pub(super) fn show_tab(&mut self, index: usize) {
        self.ensure_tabs();
        std::mem::swap(&mut self.editor, &mut self.tabs[self.active]);
        std::mem::swap(&mut self.editor, &mut self.tabs[index]);
        self.active = index;
        self.error = None;
    }

    fn ensure_tabs(&mut self) {
        if self.tabs.is_empty() {
            self.tabs.push(Editor::new(""));
            self.active = 0;
        }
    }

    /// Every buffer with its cursor, for the drafts.
    pub fn session(&self, clean: bool) -> Session {
        let buffers = (0..self.tab_count())
            .map(|i| {
                let editor = if i == self.active {
                    &self.editor
                } else {
                    &self.tabs[i]
                };
                Buffer {
                    text: editor.text(),
                    cursor: (editor.area.cursor().0, editor.area.cursor().1),
                }
            })
            .collect();
        Session {
            buffers,
            active: self.active,
            clean,
        }
    }

    /// Opens buffers from the drafts, after any already open.
    pub fn restore(&mut self, buffers: Vec<Buffer>, active: Option<usize>) {
        if buffers.is_empty() {
            return;
        }
        self.ensure_tabs();
        let keep_first = !self.editor.text().trim().is_empty();
        let mut opened = Vec::new();
        for buffer in buffers {
            let mut editor = Editor::new(&buffer.text);
            editor.area.move_cursor(ratatui_textarea::CursorMove::Jump(
                buffer.cursor.0.min(u16::MAX as usize) as u16,
                buffer.cursor.1.min(u16::MAX as usize) as u16,
            ));
            opened.push(editor);
        }
        let first_new = if keep_first {
            // The shown buffer goes back to its slot before another is shown.
            std::mem::swap(&mut self.editor, &mut self.tabs[self.active]);
            self.tabs.len()
        } else {
            self.tabs.clear();
            0
        };
        self.tabs.extend(opened);
        let target = (first_new + active.unwrap_or(0)).min(self.tabs.len() - 1);
        self.active = target;
        self.editor = std::mem::replace(&mut self.tabs[target], Editor::new(""));
    }
}
