//! Copy and export from the grid: what to take (a cell, rows, a column, everything shown, the
//! query, a portal link), in which format, and where it goes.

use super::app::{App, Command, Overlay, Prompt, PromptKind};
use super::export::{ExportJob, Exported};
use super::notices::Level;
use crate::clipboard::Delivered;
use crate::clipboard::{human, portal::portal_link};
use crate::results::writers::{to_text, Format, Selection};

/// A copy on its way: the text and how the status line names it ("1 row as TSV, 14 B").
#[derive(Debug)]
pub struct CopyJob {
    pub text: String,
    pub what: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyTarget {
    Cell,
    /// The marked range, or the selected row.
    Rows,
    Column,
    /// Every row as shown: filtered and sorted.
    All,
    Query,
    PortalLink,
}

impl App {
    /// Builds the text to copy and hands it to the event loop, which delivers it off the UI
    /// loop (tmux is asked on the way) and reports back through [`App::copied`].
    pub fn copy(&mut self, target: CopyTarget) -> Option<Command> {
        // The copy menu closes; the record view stays open for the next field.
        if self.overlay == Overlay::CopyMenu {
            self.overlay = Overlay::None;
        }
        let (text, what) = match target {
            CopyTarget::Query => (self.editor.query_under_cursor().0, "the query".to_owned()),
            CopyTarget::PortalLink => (
                portal_link(&self.editor.query_under_cursor().0),
                "a portal link to the query".to_owned(),
            ),
            _ => {
                let Some(result) = &self.view.result else {
                    self.say("nothing to copy: run a query first", true);
                    return None;
                };
                if result.is_empty() {
                    self.say("nothing to copy: the result has no rows", true);
                    return None;
                }
                let row = self.view.table.source_row(self.view.grid.row);
                let column = self.view.grid.column;
                match target {
                    CopyTarget::Cell => {
                        // The value exactly as received: no display escaping in a copy.
                        let value = result.column(column).value(row).to_plain();
                        (value, format!("the {} cell", result.column(column).name()))
                    }
                    _ => {
                        let table = &self.view.table;
                        let selection = match target {
                            CopyTarget::Rows => {
                                let from = self.view.visual.unwrap_or(self.view.grid.row);
                                Selection::view_rows(
                                    result,
                                    table,
                                    (from, self.view.grid.row),
                                    false,
                                )
                            }
                            CopyTarget::Column => Selection {
                                columns: vec![column],
                                ..Selection::shown(result, table)
                            },
                            _ => Selection::shown(result, table),
                        };
                        let count = selection.rows.len();
                        let plural = if count == 1 { "row" } else { "rows" };
                        (
                            to_text(&selection, self.copy_format),
                            format!("{count} {plural} as {}", self.copy_format.name()),
                        )
                    }
                }
            }
        };
        self.view.visual = None;
        if let Err(message) = crate::clipboard::check_size(&text, self.copy_limit) {
            self.say(&message, true);
            return None;
        }
        let what = format!("{what}, {}", human(text.len()));
        self.say(&format!("copying {what}…"), false);
        Some(Command::Copy(CopyJob { text, what }))
    }

    /// The copy reached its route: the status line says where, and a terminal escape, if the
    /// route has one, goes out after the next frame.
    pub fn copied(&mut self, what: &str, delivered: Delivered) {
        self.pending_clipboard = delivered.escape.clone();
        self.say(&delivered.sentence(what), false);
    }

    /// Exports every row shown to a file, in the format its name says (or the copy format),
    /// on a task of its own. An existing file is replaced only after the hunter says so.
    pub fn export(&mut self, path: &str, overwrite: bool) -> Option<Command> {
        let path = std::path::PathBuf::from(path.trim());
        if path.as_os_str().is_empty() || self.exporting.is_some() {
            return None;
        }
        if path.exists() && !overwrite {
            self.prompt = Some(Prompt {
                kind: PromptKind::Overwrite,
                text: path.display().to_string(),
                subject: String::new(),
            });
            return None;
        }
        if super::export_chart::is_svg(&path) {
            return self.export_chart(path);
        }
        let result = self.view.result.clone()?;
        let format = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Format::Csv,
            Some("tsv" | "txt") => Format::Tsv,
            Some("json") => Format::Json,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("md") => Format::Markdown,
            Some("kql") => Format::Datatable,
            _ => self.copy_format,
        };
        // The marked rows when there are some (V), else every row shown.
        let marked = self
            .view
            .visual
            .take()
            .map(|from| (from, self.view.grid.row));
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        self.exporting = Some((cancel.clone(), 0));
        Some(Command::Export(ExportJob {
            path,
            format,
            result,
            view: self.view.table.clone(),
            marked,
            cancel,
        }))
    }

    pub fn export_progress(&mut self, bytes: u64) {
        if let Some((_, written)) = &mut self.exporting {
            *written = bytes;
        }
    }

    pub fn export_done(&mut self, outcome: Result<Exported, String>) {
        self.exporting = None;
        match outcome {
            Ok(done) => self.say(
                &format!(
                    "wrote {} as {} to {}, {}",
                    crate::text::rows(done.rows),
                    done.format,
                    done.path.display(),
                    human(done.bytes as usize)
                ),
                false,
            ),
            Err(message) => self.say(&message, true),
        }
    }

    pub(super) fn say(&mut self, text: &str, error: bool) {
        let level = if error { Level::Error } else { Level::Info };
        self.notify(level, text.to_owned());
    }
}

/// Keeps the chosen copy format for the next session (a small JSON file in the data folder).
pub fn save_format(path: &std::path::Path, format: Format) {
    let json = serde_json::json!({ "copy_format": format.name() }).to_string();
    // Losing this preference is harmless; the next choice writes it again.
    let _ = crate::files::write_atomic(path, json.as_bytes(), true);
}

/// The copy format chosen in an earlier session, if any.
pub fn load_format(path: &std::path::Path) -> Option<Format> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let name = json.get("copy_format")?.as_str()?;
    <Format as clap::ValueEnum>::value_variants()
        .iter()
        .copied()
        .filter(|f| *f != Format::Table)
        .find(|f| f.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_format_is_remembered_between_sessions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("workbench.json");
        assert_eq!(load_format(&path), None);
        save_format(&path, Format::Markdown);
        assert_eq!(load_format(&path), Some(Format::Markdown));
        std::fs::write(&path, "{broken").unwrap();
        assert_eq!(
            load_format(&path),
            None,
            "a damaged file means the default, not an error"
        );
    }
}
