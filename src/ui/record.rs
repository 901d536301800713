//! The record view: the selected row as field and value pairs, as the portal's "inspect record"
//! shows it. A field is chosen (the grid's column follows, so the two share the selection):
//! **y** copies its value, **Y** the whole record; **n** and **p** walk to the next and previous
//! record without closing; **e** hides the fields that are empty in this record. The keys are
//! the keymap's `[record]` section, asked before the global ones.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Command, Overlay};
use super::keymap::{Action, RecordAction, Scope};
use crate::results::ResultSet;

pub use crate::results::view::is_empty;

/// The fields the record view lists for `row`, in the result's order.
pub fn fields(result: &ResultSet, row: usize, hide_empty: bool) -> Vec<usize> {
    (0..result.column_count())
        .filter(|&c| !hide_empty || !is_empty(result.column(c).value(row)))
        .collect()
}

impl App {
    /// A key in the record view; `None` when it is not the view's (it may be a global one).
    pub(super) fn record_key(&mut self, key: KeyEvent) -> Option<Option<Command>> {
        match self.keymap.in_mode(&key, Scope::Record) {
            Some(Action::Record(action)) => Some(self.record_action(action)),
            _ => None,
        }
    }

    /// What a record view command does.
    pub fn record_action(&mut self, action: RecordAction) -> Option<Command> {
        let Overlay::Record { hide_empty, .. } = self.overlay else {
            return None;
        };
        let result = self.view.result.clone()?;
        match action {
            RecordAction::Field(by) => {
                let row = self.view.table.source_row(self.view.grid.row);
                let shown = fields(&result, row, hide_empty);
                let at = shown
                    .iter()
                    .position(|&c| c >= self.view.grid.column)
                    .unwrap_or(0);
                let next = (at as isize + by).clamp(0, shown.len() as isize - 1);
                if let Some(&c) = shown.get(next as usize) {
                    self.view.grid.column = c;
                }
            }
            RecordAction::Walk(by) => self.walk_record(by),
            RecordAction::Copy(target) => return self.copy(target),
            RecordAction::ToggleEmpty => {
                self.overlay = Overlay::Record {
                    scroll: 0,
                    hide_empty: !hide_empty,
                };
            }
        }
        None
    }

    /// The next or previous record, the view kept open; the grid follows.
    fn walk_record(&mut self, delta: isize) {
        let Some(result) = self.view.result.clone() else {
            return;
        };
        let last = self.view.table.len(&result).saturating_sub(1);
        let row = (self.view.grid.row as isize + delta).clamp(0, last as isize) as usize;
        if row == self.view.grid.row {
            self.say(
                if delta > 0 {
                    "this is the last record"
                } else {
                    "this is the first record"
                },
                false,
            );
            return;
        }
        let size = self.grid_size();
        self.view.select(row, self.view.grid.column, size);
    }
}
