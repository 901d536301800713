//! The editor's help while typing: the completion popup, diagnostics a moment after the last
//! keystroke, and formatting the query under the cursor. Completion and diagnostics run the
//! engine: they are computed off the UI loop and taken only for the edit they were asked at.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;

use super::app::App;
use super::keymap::{Action, CompletionAction, Scope};
use super::notices::Level;
use super::work::{Answer, Lane};
use crate::assist::complete::{complete, Completion};
use crate::assist::diagnose::{diagnose, Advice, Diagnostic};
use crate::assist::knowledge::Knowledge;

/// Diagnostics wait for this pause in typing.
const LINT_QUIET: Duration = Duration::from_millis(300);

#[derive(Default)]
pub struct Assist {
    /// Shared with the work off the UI loop; a result's new columns copy it if a job holds it.
    pub knowledge: Arc<Knowledge>,
    pub advice: Advice,
    /// The popup, while open.
    pub popup: Option<Popup>,
    /// Diagnostics of the query under the cursor, and the line it starts on.
    pub diagnostics: Vec<Diagnostic>,
    pub diagnosed_line: usize,
    /// The query text the diagnostics are about.
    pub diagnosed: String,
    lint_at: Option<Instant>,
}

pub struct Popup {
    pub completion: Completion,
    pub selected: usize,
}

impl Assist {
    pub fn lint_due(&self) -> Option<Instant> {
        self.lint_at
    }

    pub fn touch(&mut self) {
        self.lint_at = Some(Instant::now() + LINT_QUIET);
    }
}

impl App {
    /// The query under the cursor and the cursor's byte offset in it.
    fn cursor_in_query(&self) -> (String, usize) {
        let (query, first) = self.editor.query_under_cursor();
        let ratatui_textarea::DataCursor(row, column) = self.editor.area.cursor();
        let lines = self.editor.area.lines();
        let mut offset = 0;
        for line in lines.iter().take(row).skip(first) {
            offset += line.len() + 1;
        }
        if let Some(line) = lines.get(row) {
            offset += line
                .char_indices()
                .nth(column)
                .map_or(line.len(), |(b, _)| b);
        }
        (query, offset)
    }

    /// Tab or Ctrl+Space: opens the popup; on a line with nothing before the cursor, indents.
    pub(super) fn complete_or_indent(&mut self) {
        let ratatui_textarea::DataCursor(row, column) = self.editor.area.cursor();
        let before: String = self.editor.area.lines()[row].chars().take(column).collect();
        if before.trim().is_empty() {
            self.editor.indent(true);
            self.edited();
            return;
        }
        self.open_completion(true);
    }

    /// Opens (or refreshes) the popup once its items are computed off the UI loop; `always`
    /// opens it even with nothing to offer, to say so.
    pub(super) fn open_completion(&mut self, always: bool) {
        let (query, offset) = self.cursor_in_query();
        let (knowledge, fetched) = (self.assist.knowledge.clone(), self.fetched_columns());
        let (editor, edits, keys) = (self.editor.id, self.editor.edits, self.keys);
        let here = self.editor.area.cursor();
        let cursor = (here.0, here.1);
        self.work
            .submit(Lane::Completion, "completion", move || Answer::Completed {
                editor,
                edits,
                keys,
                cursor,
                completion: complete(&knowledge.with_fetched(&fetched), &query, offset),
                always,
            });
    }

    /// The items for the cursor arrived (still for the text and place they were asked for).
    pub(super) fn show_completion(&mut self, completion: Completion, always: bool) {
        if completion.items.is_empty() {
            self.assist.popup = None;
            if always {
                self.notify(Level::Info, "nothing to complete here".into());
            }
            return;
        }
        self.assist.popup = Some(Popup {
            completion,
            selected: 0,
        });
    }

    /// Keys while the popup is open: its own (the keymap's `[completion]`) first, then letters
    /// typed refine it; false when the key is not the popup's (it closes and the key goes on).
    pub(super) fn popup_key(&mut self, key: KeyEvent) -> bool {
        if self.assist.popup.is_none() {
            return false;
        }
        if let Some(Action::Completion(action)) = self.keymap.in_mode(&key, Scope::Completion) {
            self.completion_action(action);
            return true;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                self.editor.area.input(key);
                self.edited();
                let keeps_word = c.is_alphanumeric() || c == '_' || c == '-';
                if keeps_word || c == ' ' && self.just_after_pipe() {
                    self.open_completion(false);
                } else {
                    self.assist.popup = None;
                }
            }
            KeyCode::Backspace => {
                self.editor.area.input(key);
                self.edited();
                self.open_completion(false);
            }
            _ => {
                self.assist.popup = None;
                return false;
            }
        }
        true
    }

    /// What a completion popup command does.
    pub fn completion_action(&mut self, action: CompletionAction) {
        let Some(popup) = &mut self.assist.popup else {
            return;
        };
        let count = popup.completion.items.len();
        match action {
            CompletionAction::Move(step) => popup.selected = step.wrapping(popup.selected, count),
            CompletionAction::Close => self.assist.popup = None,
            CompletionAction::Accept => self.accept_completion(),
        }
    }

    fn just_after_pipe(&self) -> bool {
        let ratatui_textarea::DataCursor(row, column) = self.editor.area.cursor();
        let before: String = self.editor.area.lines()[row].chars().take(column).collect();
        before.trim_end().ends_with('|')
    }

    fn accept_completion(&mut self) {
        let Some(popup) = self.assist.popup.take() else {
            return;
        };
        let Some(item) = popup.completion.items.get(popup.selected) else {
            return;
        };
        // The word typed so far, up to the cursor: keys typed after the items were computed
        // are part of it too.
        let (query, cursor) = self.cursor_in_query();
        let typed = query
            .get(popup.completion.replace.start..cursor)
            .map_or(0, |t| t.chars().count());
        for _ in 0..typed {
            self.editor.area.delete_char();
        }
        self.editor.insert(&item.insert);
        self.edited();
    }

    /// After an edit in the editor: `|` opens the operators.
    pub(super) fn typed(&mut self, key: KeyEvent) {
        self.edited();
        if key.code == KeyCode::Char('|') {
            self.open_completion(false);
        }
    }

    /// Runs the diagnostics if the pause in typing is long enough.
    pub fn lint_if_due(&mut self) {
        if self.assist.lint_at.is_some_and(|at| at <= Instant::now()) {
            self.lint();
        }
    }

    /// Checks the query under the cursor off the UI loop; the diagnostics are taken only if
    /// the buffer was not edited since (then a newer check is due).
    pub fn lint(&mut self) {
        self.assist.lint_at = None;
        let (query, line) = self.editor.query_under_cursor();
        let (knowledge, advice) = (self.assist.knowledge.clone(), self.assist.advice);
        let fetched = self.fetched_columns();
        let (editor, edits) = (self.editor.id, self.editor.edits);
        self.work.submit(Lane::Lint, "checking the query", move || {
            let knowledge = knowledge.with_fetched(&fetched);
            let diagnostics = diagnose(&knowledge, &query, advice);
            Answer::Linted {
                editor,
                edits,
                query,
                line,
                diagnostics,
            }
        });
    }

    /// The signature of the function whose parentheses hold the cursor, for the hint bar.
    pub fn signature_here(&self) -> Option<String> {
        let (query, cursor) = self.cursor_in_query();
        crate::assist::signature::signature_at(&query, cursor)
    }

    /// The most severe diagnostic on the cursor's line (the first of those, when several are).
    pub fn diagnostic_here(&self) -> Option<&Diagnostic> {
        let row = self.editor.area.cursor().0;
        let text = &self.assist.diagnosed;
        self.assist
            .diagnostics
            .iter()
            .filter(|d| {
                let start = d.span.start.min(text.len());
                let line = text.get(..start).map_or(0, |t| t.matches('\n').count());
                self.assist.diagnosed_line + line == row
            })
            .fold(None, |best: Option<&Diagnostic>, d| match best {
                Some(b) if b.severity >= d.severity => Some(b),
                _ => Some(d),
            })
    }

    /// Formats the query under the cursor in place (one step of undo).
    pub(super) fn format_query(&mut self) {
        let (query, first) = self.editor.query_under_cursor();
        if self.editor.area.selection_range().is_some() {
            self.editor.area.cancel_selection();
        }
        match crate::assist::format::format(&query) {
            Ok(formatted) if formatted.trim_end() == query.trim_end() => {
                self.notify(Level::Info, "already formatted".into());
            }
            Ok(formatted) => {
                let last = first + query.lines().count().max(1) - 1;
                let width = self.editor.area.lines()[last].chars().count();
                self.editor
                    .area
                    .move_cursor(CursorMove::Jump(first as u16, 0));
                self.editor.area.start_selection();
                self.editor
                    .area
                    .move_cursor(CursorMove::Jump(last as u16, width as u16));
                self.editor.area.insert_str(formatted.trim_end());
                self.edited();
            }
            Err(e) => {
                self.notify(Level::Error, e);
            }
        }
    }
}
