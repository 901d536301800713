//! Several tabs, one shown at a time, each an editor with the result of its own runs. The shown
//! one lives in `App::editor` and `App::view`; the others wait in `App::tabs`, where the shown
//! one's slot holds an empty placeholder.

use super::app::{App, Prompt, PromptKind};
use super::editor::Editor;
use super::view::TabView;
use crate::drafts::{Buffer, Session};

/// A tab: its buffer, and what its runs brought.
#[derive(Default)]
pub struct Tab {
    pub editor: Editor,
    pub view: TabView,
}

impl Tab {
    fn new(editor: Editor) -> Tab {
        Tab {
            editor,
            view: TabView::default(),
        }
    }
}

impl App {
    pub fn tab_count(&self) -> usize {
        self.tabs.len().max(1)
    }

    /// Each tab's label for the tab bar: the name it was given, or its first word of KQL (the
    /// table), or `empty`; `…` while its run runs, `✗` when its run failed.
    pub fn tab_labels(&self) -> Vec<String> {
        (0..self.tab_count())
            .map(|i| {
                let (editor, view) = if i == self.active {
                    (&self.editor, &self.view)
                } else {
                    (&self.tabs[i].editor, &self.tabs[i].view)
                };
                let mut label = match &view.name {
                    Some(name) => crate::text::first_chars(name, 24),
                    None => first_word(editor),
                };
                match view.run {
                    super::app::RunState::Running { .. } => label.push('…'),
                    super::app::RunState::Failed => label.push_str(" ✗"),
                    _ => {}
                }
                label
            })
            .collect()
    }

    pub fn new_tab(&mut self) {
        self.ensure_tabs();
        self.tabs.insert(self.active + 1, Tab::default());
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
        // A run of the closed tab has nowhere to show its answer: it stops.
        self.cancel_shown_run();
        if self.tabs.len() == 1 {
            self.editor = Editor::new("");
            self.editor.set_wrap(self.wrap);
            self.view = TabView::default();
        } else {
            self.tabs.remove(self.active);
            let next = self.active.min(self.tabs.len() - 1);
            let tab = std::mem::take(&mut self.tabs[next]);
            self.shown(tab);
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
        self.stash_shown();
        let tab = std::mem::take(&mut self.tabs[index]);
        self.shown(tab);
        self.active = index;
        if self.overlay != super::app::Overlay::None {
            self.overlay = super::app::Overlay::None;
        }
    }

    /// Puts the shown tab back in its slot, leaving placeholders in `editor` and `view`.
    fn stash_shown(&mut self) {
        let editor = std::mem::replace(&mut self.editor, Editor::new(""));
        let view = std::mem::take(&mut self.view);
        self.tabs[self.active] = Tab { editor, view };
    }

    fn ensure_tabs(&mut self) {
        if self.tabs.is_empty() {
            self.tabs.push(Tab::default());
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
                    &self.tabs[i].editor
                };
                let name = if i == self.active {
                    &self.view.name
                } else {
                    &self.tabs[i].view.name
                };
                Buffer {
                    name: name.clone(),
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
            let mut tab = Tab::new(editor);
            tab.view.name = buffer.name;
            opened.push(tab);
        }
        let first_new = if keep_first {
            // The shown tab goes back to its slot before another is shown.
            self.stash_shown();
            self.tabs.len()
        } else {
            self.tabs.clear();
            0
        };
        self.tabs.extend(opened);
        let target = (first_new + active.unwrap_or(0)).min(self.tabs.len() - 1);
        self.active = target;
        let tab = std::mem::take(&mut self.tabs[target]);
        self.shown(tab);
    }

    /// Shows a tab's buffer and result; the buffer wraps as the hunter last chose.
    fn shown(&mut self, tab: Tab) {
        self.editor = tab.editor;
        self.editor.set_wrap(self.wrap);
        self.view = tab.view;
    }
}

/// The first word of a buffer's KQL, usually the table it hunts in; `empty` for none.
pub(super) fn first_word(editor: &Editor) -> String {
    editor
        .area
        .lines()
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .map_or("empty".to_owned(), |l| {
            let word = l
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .find(|w| !w.is_empty())
                .unwrap_or("query");
            crate::text::first_chars(word, 24)
        })
}
