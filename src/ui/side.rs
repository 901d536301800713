//! The side pane's three lists: the runs kept in the history, the saved `.kql` files, and the
//! schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideTab {
    History,
    Saved,
    Schema,
}

pub use crate::history::RunRecord;
pub use crate::saved::SavedQuery;

pub enum SideItem<'a> {
    History(&'a RunRecord),
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
    /// Runs, newest first (or best match first while searching).
    pub history: Vec<RunRecord>,
    /// The history search line, as typed: fuzzy text and `profile:` `outcome:` `since:` words.
    pub history_search: String,
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
            history_search: String::new(),
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
}
