//! "Create detection": the query under the cursor becomes a custom detection rule file in the
//! rules folder, its entities guessed from the columns the query returns, opened in a new tab
//! for the detection engineer to finish; `kqlhunt rules push` sends it.

use super::app::{App, Prompt, PromptKind};
use super::editor::Editor;
use super::notices::Level;
use crate::assist::knowledge::Knowledge;

impl App {
    /// Asks for the rule's name, offering the tab's.
    pub(super) fn ask_detection_name(&mut self) {
        if self.keep.rules.is_none() {
            return self.notify(
                Level::Error,
                "there is no rules folder in this workbench (config.toml's [rules] folder cannot be read)".into(),
            );
        }
        let (query, _) = self.editor.query_under_cursor();
        if query.trim().is_empty() {
            return self.notify(
                Level::Error,
                "no query under the cursor to make a rule of".into(),
            );
        }
        self.prompt = Some(Prompt {
            kind: PromptKind::DetectionName,
            text: self.view.name.clone().unwrap_or_default(),
            subject: String::new(),
        });
    }

    pub(super) fn create_detection(&mut self, name: &str) {
        let Some(folder) = self.keep.rules.clone() else {
            return;
        };
        if crate::rules::draft::id_from(name).is_empty() {
            return self.notify(
                Level::Error,
                "the rule's name needs a letter or a digit: it makes the rule's id".into(),
            );
        }
        let (query, _) = self.editor.query_under_cursor();
        let columns = match Knowledge::default().shape_of(&query) {
            Ok((columns, _)) => columns,
            Err(e) => {
                return self.notify(
                    Level::Error,
                    format!(
                        "the query does not run, so no rule was made: {}",
                        e.describe(&query)
                    ),
                )
            }
        };
        let rule = crate::rules::draft::from_query(name, &query, &columns);
        let path = folder.join(crate::rules::file::file_name(&rule));
        if path.exists() {
            return self.notify(
                Level::Error,
                format!(
                    "{} exists: pick another name, or open that rule",
                    path.display()
                ),
            );
        }
        let text = crate::rules::file::write(&rule);
        if let Err(e) = crate::files::write_atomic(&path, text.as_bytes(), false) {
            return self.notify(
                Level::Error,
                format!("cannot write {}: {e}", path.display()),
            );
        }
        self.new_tab();
        self.editor = Editor::new(&text);
        self.editor.set_wrap(self.wrap);
        self.view.name = Some(rule.display_name.clone());
        self.edited();
        self.notify(
            Level::Info,
            format!(
                "rule saved to {}: finish its header, then `kqlhunt rules push`",
                path.display()
            ),
        );
    }
}
