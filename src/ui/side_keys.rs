//! The side pane's commands: moving through its lists and using what is selected. Its keys come
//! from the keymap's `[side]` section, asked before the global keys.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Focus, Prompt, PromptKind};
use super::keymap::{Action, Scope, SideAction};
use super::side::{SideItem, SideTab};

impl App {
    pub(super) fn toggle_side(&mut self) {
        if self.focus == Focus::Side {
            self.side.visible = false;
            self.focus = Focus::Editor;
        } else {
            self.side.visible = true;
            self.focus = Focus::Side;
        }
    }

    /// A key in the side pane; false when it is not the pane's (a global one, say).
    pub(super) fn side_key(&mut self, key: KeyEvent) -> bool {
        match self.keymap.in_mode(&key, Scope::Side) {
            Some(Action::Side(action)) => self.side_action(action),
            _ => false,
        }
    }

    /// What a side pane command does; false when it does not apply to the shown list (its key
    /// then goes on to the global keys).
    pub fn side_action(&mut self, action: SideAction) -> bool {
        let tab = self.side.tab;
        match action {
            SideAction::Move(by) => self.side.select(by),
            SideAction::NextList => self.side.next_tab(),
            SideAction::Columns(open) => self.side.toggle_table(open),
            SideAction::Insert => self.use_side_item(),
            SideAction::Search if tab == SideTab::History => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::HistorySearch,
                    text: self.side.history_search.clone(),
                    subject: String::new(),
                })
            }
            SideAction::OpenCached if tab == SideTab::History => {
                if let Some(SideItem::History(run)) = self.side.items().get(self.side.selected) {
                    let run = (*run).clone();
                    self.open_cached(&run);
                }
            }
            SideAction::Rename | SideAction::Duplicate | SideAction::Delete
                if tab == SideTab::Saved =>
            {
                return self.saved_action(action)
            }
            _ => return false,
        }
        true
    }

    /// Enter in the side pane: a past or saved query is added to the editor as a new block
    /// (nothing already typed is replaced); a table or column name is typed at the cursor.
    fn use_side_item(&mut self) {
        let (as_block, text) = match self.side.items().get(self.side.selected) {
            Some(SideItem::History(entry)) => (true, entry.query.clone()),
            Some(SideItem::Saved(saved)) => (true, saved.query.clone()),
            Some(SideItem::Table { name, .. }) => (false, (*name).to_owned()),
            Some(SideItem::Column { name, .. }) => (false, (*name).to_owned()),
            None => return,
        };
        let area = &mut self.editor.area;
        if as_block {
            area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            let ends_blank = area.lines().last().is_some_and(|l| l.trim().is_empty());
            area.insert_str(if ends_blank { "\n" } else { "\n\n" });
        }
        self.editor.insert(text.trim_end());
        self.focus = Focus::Editor;
        self.edited();
    }
}
