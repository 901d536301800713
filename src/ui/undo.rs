//! Undo and redo of whole edits, as the portal's editor does: a run of typing is one step, and
//! so is a paste, a format, a completion or a comment toggle, however many small changes the
//! text area makes for it. Each step keeps the buffer as it was before (queries are small; the
//! steps are capped in count and in bytes so a pasted megabyte cannot pile up).

use ratatui_textarea::TextArea;

/// Steps kept; the oldest go first.
const MAX_STEPS: usize = 200;
/// Bytes of text kept over all steps.
const MAX_BYTES: usize = 64 << 20;

/// The buffer and its cursor at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub lines: Vec<String>,
    pub cursor: (usize, usize),
}

impl Snapshot {
    pub fn of(area: &TextArea<'_>) -> Snapshot {
        let c = area.cursor();
        Snapshot {
            lines: area.lines().to_vec(),
            cursor: (c.0, c.1),
        }
    }

    fn bytes(&self) -> usize {
        self.lines.iter().map(|l| l.len() + 1).sum()
    }
}

/// What kind of edit a key makes: typing and deleting each join with the keys of the same kind
/// right before them; everything else is a step of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    Typing,
    Deleting,
    Whole,
}

impl EditKind {
    /// Keys that only move the cursor or the selection: nothing to keep for undo.
    pub fn only_moves(key: &ratatui::crossterm::event::KeyEvent) -> bool {
        use ratatui::crossterm::event::KeyCode;
        matches!(
            key.code,
            KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::PageUp
                | KeyCode::PageDown
        )
    }

    pub fn of(key: &ratatui::crossterm::event::KeyEvent) -> EditKind {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(_) if plain => EditKind::Typing,
            KeyCode::Backspace | KeyCode::Delete if plain => EditKind::Deleting,
            _ => EditKind::Whole,
        }
    }
}

#[derive(Debug, Default)]
pub struct UndoHistory {
    done: Vec<Snapshot>,
    undone: Vec<Snapshot>,
    /// The open run of typing or deleting, and where its cursor ended.
    open: Option<(EditKind, (usize, usize))>,
    /// An undo or redo just replaced the buffer: the key that did it is not an edit.
    restored: bool,
}

impl UndoHistory {
    /// Before a key that may edit: the buffer as it is, unless the key continues the open run.
    pub fn before(&mut self, area: &TextArea<'_>, kind: EditKind) -> Option<Snapshot> {
        self.restored = false;
        let c = area.cursor();
        let continues = kind != EditKind::Whole && self.open == Some((kind, (c.0, c.1)));
        (!continues).then(|| Snapshot::of(area))
    }

    /// After the key: a changed buffer makes `before` a step; the run stays open while the
    /// same kind of key goes on where the last one ended.
    pub fn after(&mut self, area: &TextArea<'_>, before: Option<Snapshot>, kind: EditKind) {
        let c = area.cursor();
        if std::mem::take(&mut self.restored) {
            return;
        }
        match before {
            // The key continued the open run.
            None => self.open = Some((kind, (c.0, c.1))),
            Some(before) if before.lines.as_slice() != area.lines() => {
                self.push(before);
                self.undone.clear();
                self.open = (kind != EditKind::Whole).then_some((kind, (c.0, c.1)));
            }
            // Nothing changed (a cursor move, say): the open run ends unless the cursor stayed.
            Some(_) => {
                if self.open.is_some_and(|(_, at)| at != (c.0, c.1)) {
                    self.open = None;
                }
            }
        }
    }

    fn push(&mut self, step: Snapshot) {
        self.done.push(step);
        let mut bytes: usize = self.done.iter().map(Snapshot::bytes).sum();
        while self.done.len() > MAX_STEPS || (bytes > MAX_BYTES && self.done.len() > 1) {
            bytes -= self.done.remove(0).bytes();
        }
    }

    /// The buffer before the last step, if any; `now` becomes redoable.
    pub fn undo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let step = self.done.pop()?;
        self.undone.push(now);
        self.open = None;
        self.restored = true;
        Some(step)
    }

    /// The buffer the last undo left, if any; `now` becomes undoable again.
    pub fn redo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let step = self.undone.pop()?;
        self.done.push(now);
        self.open = None;
        self.restored = true;
        Some(step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(text: &str) -> TextArea<'static> {
        TextArea::new(text.lines().map(str::to_owned).collect())
    }

    #[test]
    fn a_run_of_typing_is_one_step_and_a_cursor_move_ends_it() {
        let mut history = UndoHistory::default();
        let mut a = area("");
        for c in "Device".chars() {
            let before = history.before(&a, EditKind::Typing);
            a.insert_char(c);
            history.after(&a, before, EditKind::Typing);
        }
        assert_eq!(history.done.len(), 1, "one step for the whole word");
        a.move_cursor(ratatui_textarea::CursorMove::Head);
        let before = history.before(&a, EditKind::Typing);
        a.insert_char('x');
        history.after(&a, before, EditKind::Typing);
        assert_eq!(history.done.len(), 2, "typing elsewhere is a new step");
        let back = history.undo(Snapshot::of(&a)).unwrap();
        assert_eq!(back.lines, ["Device"]);
        let back = history
            .undo(Snapshot {
                lines: back.lines,
                cursor: back.cursor,
            })
            .unwrap();
        assert_eq!(back.lines, [""]);
        assert!(history.undo(back.clone()).is_none());
        assert_eq!(history.redo(back).unwrap().lines, ["Device"]);
    }

    #[test]
    fn steps_are_capped_in_count() {
        let mut history = UndoHistory::default();
        let mut a = area("");
        for _ in 0..MAX_STEPS + 10 {
            let before = history.before(&a, EditKind::Whole);
            a.insert_str("x\n");
            history.after(&a, before, EditKind::Whole);
        }
        assert_eq!(history.done.len(), MAX_STEPS);
    }
}
