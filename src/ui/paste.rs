//! A bracketed paste: the whole text at once, as the terminal sent it. Every line is kept
//! exactly (terminals send CR or CRLF between lines, tmux's paste-buffer CR): joining them would
//! let a `// comment` swallow the query below it.

use super::app::{App, Focus, Overlay, PromptKind};
use super::notices::Level;

/// CRLF and lone CR become LF; nothing else changes.
pub fn normalise_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

impl App {
    /// Where a paste lands: a one-line prompt takes its first line; otherwise the editor takes
    /// all of it at the cursor, in one undo step, and the draft is written soon after.
    pub fn paste(&mut self, text: &str) {
        let text = normalise_newlines(text);
        if let Some(prompt) = &mut self.prompt {
            if is_question(prompt.kind) {
                self.notify(
                    Level::Error,
                    format!("answer the question first: {}", self.keymap.answer_keys()),
                );
                return;
            }
            let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            prompt.text.push_str(line.trim_end());
            if text.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
                self.notify(
                    Level::Info,
                    "a prompt takes one line: the first line was pasted".into(),
                );
            }
            self.prompt_changed();
            return;
        }
        if self.overlay != Overlay::None {
            let close = self.keymap.first_key(super::keymap::Action::Cancel);
            self.notify(
                Level::Error,
                format!("close the popup ({close}) first: the paste went nowhere"),
            );
            return;
        }
        if self.focus != Focus::Editor {
            self.focus = Focus::Editor;
            self.notify(Level::Info, "pasted into the editor".into());
        }
        self.assist.popup = None;
        let whole = super::undo::EditKind::Whole;
        let before = self.editor.undo.before(&self.editor.area, whole);
        self.editor.insert(&text);
        self.editor.undo.after(&self.editor.area, before, whole);
        self.edited();
    }
}

/// Prompts answered with y or n, which take no text.
pub fn is_question(kind: PromptKind) -> bool {
    matches!(
        kind,
        PromptKind::Overwrite
            | PromptKind::SaveOverwrite
            | PromptKind::ConfirmDelete
            | PromptKind::CloseTab
    )
}

#[cfg(test)]
mod tests {
    use super::normalise_newlines;

    #[test]
    fn every_line_break_a_terminal_sends_becomes_one_newline() {
        assert_eq!(normalise_newlines("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(normalise_newlines("\r\r\n"), "\n\n");
        assert_eq!(normalise_newlines("é\r"), "é\n");
    }
}
