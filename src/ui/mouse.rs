//! The mouse, for hunters who reach for it even in a terminal: a click focuses the pane under
//! it and selects what is there (a cell, a buffer's tab, a side-pane entry, a place in the
//! text), a double click opens the row, the wheel scrolls whatever is under it. Geometry comes
//! from the same layout the drawing uses. `mouse = false` under `[workbench]` turns it off, and
//! with Shift held terminals still select their own text.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, Command, Focus, Overlay};
use super::keymap::Action;
use crate::results::display::{display_width, safe_text};

/// Two clicks on one place within this time are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// Lines one notch of the wheel moves.
const WHEEL_LINES: usize = 3;

impl App {
    pub fn on_mouse(&mut self, event: MouseEvent) -> Option<Command> {
        let at = Position::new(event.column, event.row);
        match event.kind {
            MouseEventKind::ScrollDown => self.wheel(at, true),
            MouseEventKind::ScrollUp => self.wheel(at, false),
            MouseEventKind::Down(MouseButton::Left) => return self.click(at),
            _ => {}
        }
        None
    }

    fn wheel(&mut self, at: Position, down: bool) {
        if matches!(self.overlay, Overlay::Record { .. }) {
            // The wheel walks the record's fields, as the arrows do.
            let by = if down { 1 } else { -1 };
            for _ in 0..WHEEL_LINES {
                let _ = self.record_action(super::keymap::RecordAction::Field(by));
            }
            return;
        }
        if self.overlay != Overlay::None || self.prompt.is_some() {
            return;
        }
        let layout = self.layout();
        let lines = if down {
            WHEEL_LINES as isize
        } else {
            -(WHEEL_LINES as isize)
        };
        if layout.side.is_some_and(|r| r.contains(at)) {
            self.side.select(lines);
        } else if layout.editor.contains(at) {
            let rows = if down {
                WHEEL_LINES as i16
            } else {
                -(WHEEL_LINES as i16)
            };
            self.editor.area.scroll((rows, 0));
        } else if layout.results.contains(at) {
            let action = if down { Action::Down } else { Action::Up };
            for _ in 0..WHEEL_LINES {
                self.apply(action);
            }
        }
    }

    fn click(&mut self, at: Position) -> Option<Command> {
        if self.prompt.is_some() {
            return None;
        }
        if self.overlay != Overlay::None {
            // A click outside a popup closes it, as Esc does.
            self.overlay = Overlay::None;
            return None;
        }
        let double = self
            .last_click
            .is_some_and(|(when, place)| place == at && when.elapsed() < DOUBLE_CLICK);
        self.last_click = Some((Instant::now(), at));
        let layout = self.layout();
        if let Some(side) = layout.side.filter(|r| r.contains(at)) {
            self.focus = Focus::Side;
            self.click_side(side, at);
        } else if layout.editor.contains(at) {
            self.focus = Focus::Editor;
            self.assist.popup = None;
            self.click_editor(layout.editor, at);
        } else if layout.results.contains(at) {
            self.focus = Focus::Results;
            if self.click_grid(layout.results, at) && double {
                return self.apply(Action::OpenRecord);
            }
        }
        None
    }

    fn layout(&self) -> super::draw::Layout {
        let screen = Rect::new(0, 0, self.screen.0, self.screen.1);
        super::draw::layout(screen, self.side.visible)
    }

    fn click_side(&mut self, side: Rect, at: Position) {
        // The list starts under the pane's title line; it scrolls as the drawing does.
        let height = side.height.saturating_sub(1) as usize;
        let Some(line) = (at.y as usize).checked_sub(side.y as usize + 1) else {
            return;
        };
        let first = self.side.selected.saturating_sub(height.saturating_sub(1));
        let target = first + line;
        if target < self.side.items().len() {
            self.side.selected = target;
        }
    }

    fn click_editor(&mut self, editor: Rect, at: Position) {
        if at.y == editor.y {
            // The title line: the buffers' tabs, as the drawing lays them out.
            let mut x = editor.x as usize + " query ".len();
            let labels = self.tab_labels();
            if labels.len() > 1 {
                for (i, label) in labels.iter().enumerate() {
                    let width = display_width(&format!("[{} {}] ", i + 1, safe_text(label)));
                    if (x..x + width).contains(&(at.x as usize)) {
                        if i != self.active {
                            self.show_tab(i);
                        }
                        return;
                    }
                    x += width;
                }
            }
            return;
        }
        // The text area's own layout answers which character is drawn there, wrapped or
        // scrolled sideways; a click past a row's end lands at its end.
        let (top, left) = self.editor.area.scroll_offset();
        let gutter = self.editor.gutter_width() as usize;
        let row = top as usize + (at.y - editor.y - 1) as usize;
        let column = (left as usize + at.x as usize).saturating_sub(editor.x as usize + gutter);
        let ratatui_textarea::DataCursor(line, column) =
            self.editor.area.screen_to_data(row, column);
        self.editor.area.cancel_selection();
        self.editor.go_to(line, column);
    }

    /// Selects the cell under a click; false when the click was not on a cell.
    fn click_grid(&mut self, results: Rect, at: Position) -> bool {
        let Some(result) = self.view.result.clone() else {
            return false;
        };
        // A title line, then the names and the types, then the rows.
        let Some(line) = (at.y as usize).checked_sub(results.y as usize + 3) else {
            return false;
        };
        let row = self.view.grid.top + line;
        if row >= self.view.table.len(&result) {
            return false;
        }
        let width = results.width as usize;
        let mut x = results.x as usize;
        let mut left = width;
        let mut column = None;
        for c in self.view.grid.visible_columns(&self.view.table, width) {
            let w = self.view.table.widths[c].min(left);
            if (x..=x + w).contains(&(at.x as usize)) {
                column = Some(c);
                break;
            }
            x += w + 1;
            left = left.saturating_sub(w + 1);
        }
        let Some(column) = column else {
            return false;
        };
        let size = self.grid_size();
        self.view.select(row, column, size);
        true
    }
}
