//! The side pane's three lists: this session's runs, the saved `.kql` files, and the schema.

use std::path::Path;
use std::time::{Duration, SystemTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideTab {
    History,
    Saved,
    Schema,
}

/// One run of this session, newest first in the list.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub at: SystemTime,
    pub query: String,
    pub took: Duration,
    /// "12 rows", "error: ...", "cancelled".
    pub outcome: String,
    pub failed: bool,
}

#[derive(Clone, Debug)]
pub struct SavedQuery {
    /// The path below the saved-queries folder, without `.kql`.
    pub name: String,
    pub text: String,
}

pub enum SideItem<'a> {
    History(&'a HistoryEntry),
    Saved(&'a SavedQuery),
    Table {
        name: &'a str,
        columns: usize,
        open: bool,
    },
    Column {
        name: &'a str,
        kind: &'a str,
    },
}

pub struct SidePane {
    pub visible: bool,
    pub tab: SideTab,
    pub selected: usize,
    pub history: Vec<HistoryEntry>,
    pub saved: Vec<SavedQuery>,
    pub schema: Vec<(String, Vec<(String, String)>)>,
    /// The table whose columns are listed under it.
    pub open_table: Option<usize>,
}

impl SidePane {
    pub fn new(saved: Vec<SavedQuery>) -> SidePane {
        SidePane {
            visible: false,
            tab: SideTab::Schema,
            selected: 0,
            history: Vec::new(),
            saved,
            schema: crate::kql::schema::catalog(),
            open_table: None,
        }
    }

    pub fn items(&self) -> Vec<SideItem<'_>> {
        match self.tab {
            SideTab::History => self.history.iter().map(SideItem::History).collect(),
            SideTab::Saved => self.saved.iter().map(SideItem::Saved).collect(),
            SideTab::Schema => {
                let mut items = Vec::new();
                for (i, (name, columns)) in self.schema.iter().enumerate() {
                    let open = self.open_table == Some(i);
                    items.push(SideItem::Table {
                        name,
                        columns: columns.len(),
                        open,
                    });
                    if open {
                        items.extend(
                            columns
                                .iter()
                                .map(|(name, kind)| SideItem::Column { name, kind }),
                        );
                    }
                }
                items
            }
        }
    }

    pub fn next_tab(&mut self) {
        self.tab = match self.tab {
            SideTab::History => SideTab::Saved,
            SideTab::Saved => SideTab::Schema,
            SideTab::Schema => SideTab::History,
        };
        self.selected = 0;
    }

    pub fn select(&mut self, delta: isize) {
        let len = self.items().len();
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
    }

    /// Opens or closes the selected table (or the table of the selected column).
    pub fn toggle_table(&mut self, open: bool) {
        if self.tab != SideTab::Schema {
            return;
        }
        let table = self.table_at(self.selected);
        self.open_table = if open { table } else { None };
        if let Some(t) = table {
            // Keep the table itself selected.
            self.selected = self
                .items()
                .iter()
                .position(
                    |i| matches!(i, SideItem::Table { name, .. } if *name == self.schema[t].0),
                )
                .unwrap_or(0);
        }
    }

    fn table_at(&self, index: usize) -> Option<usize> {
        let mut table = None;
        for (i, item) in self.items().iter().enumerate().take(index + 1) {
            if let SideItem::Table { name, .. } = item {
                table = self.schema.iter().position(|(n, _)| n == name);
            }
            if i == index {
                break;
            }
        }
        table
    }
}

/// The `.kql` files below `folder`, by path; a file that is not UTF-8 is listed with a note
/// instead of its text, so nothing is silently missing.
pub fn load_saved(folder: &Path) -> Vec<SavedQuery> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "kql") {
                let name = path
                    .strip_prefix(folder)
                    .unwrap_or(&path)
                    .with_extension("")
                    .display()
                    .to_string();
                let text = match std::fs::read(&path).map(String::from_utf8) {
                    Ok(Ok(text)) => text,
                    Ok(Err(_)) => format!(
                        "// {} is not UTF-8 text: save it as UTF-8 to use it here",
                        path.display()
                    ),
                    Err(e) => format!("// cannot read {}: {e}", path.display()),
                };
                found.push(SavedQuery { name, text });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_list_opens_a_table_to_show_its_columns() {
        let mut side = SidePane::new(Vec::new());
        let tables = side.items().len();
        side.selected = side
            .schema
            .iter()
            .position(|(n, _)| n == "DeviceInfo")
            .unwrap();
        side.toggle_table(true);
        let items = side.items();
        assert!(items.len() > tables);
        assert!(matches!(
            items[side.selected + 1],
            SideItem::Column {
                name: "Timestamp",
                kind: "datetime"
            }
        ));
        side.select(3);
        side.toggle_table(false);
        assert_eq!(side.items().len(), tables);
    }

    #[test]
    fn saved_queries_are_read_from_a_folder_tree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lateral")).unwrap();
        std::fs::write(
            dir.path().join("lateral/psexec.kql"),
            "DeviceProcessEvents | where FileName =~ 'PSEXESVC.exe'",
        )
        .unwrap();
        std::fs::write(dir.path().join("latin1.kql"), b"// caf\xe9").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a query").unwrap();
        let saved = load_saved(dir.path());
        assert_eq!(
            saved.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["lateral/psexec", "latin1"]
        );
        assert!(saved[1].text.contains("not UTF-8"));
    }
}
