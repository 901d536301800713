//! The side pane's keys: moving through its lists and using what is selected.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Focus, Prompt, PromptKind};
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

    /// Keys of the side pane; false when the key is not the pane's (a global one).
    pub(super) fn side_key(&mut self, key: KeyEvent) -> bool {
        use ratatui::crossterm::event::KeyCode;
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.side.select(-1),
            KeyCode::Down | KeyCode::Char('j') => self.side.select(1),
            KeyCode::PageUp => self.side.select(-10),
            KeyCode::PageDown => self.side.select(10),
            KeyCode::Tab => self.side.next_tab(),
            KeyCode::Right | KeyCode::Char('l') => self.side.toggle_table(true),
            KeyCode::Left | KeyCode::Char('h') => self.side.toggle_table(false),
            KeyCode::Enter => self.use_side_item(),
            KeyCode::Char('/') if self.side.tab == SideTab::History => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::HistorySearch,
                    text: self.side.history_search.clone(),
                    subject: String::new(),
                })
            }
            KeyCode::Char('o') if self.side.tab == SideTab::History => {
                if let Some(SideItem::History(run)) = self.side.items().get(self.side.selected) {
                    let run = (*run).clone();
                    self.open_cached(&run);
                }
            }
            KeyCode::Char(c @ ('r' | 'd' | 'D')) if self.side.tab == SideTab::Saved => {
                return self.saved_key(c)
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
