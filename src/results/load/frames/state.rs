//! What reading an answer builds: the tables finished and still open, and the members of the
//! frame being read.

use serde_json::Value as Json;

use super::rows::Oddities;
use super::{finish_columns, FrameDocument, FrameProgress, FrameTable};
use crate::results::column::Column;
use crate::results::display::safe_text;

/// A table whose `TableHeader` arrived and whose `TableCompletion` has not.
pub(super) struct OpenTable {
    pub(super) id: i64,
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) declared: Vec<(String, String)>,
    pub(super) columns: Vec<Column>,
}

pub(super) struct State<'p> {
    pub(super) doc: FrameDocument,
    pub(super) open: Vec<OpenTable>,
    pub(super) oddities: Oddities,
    pub(super) on_progress: &'p mut dyn FnMut(FrameProgress),
}

impl<'p> State<'p> {
    pub(super) fn new(on_progress: &'p mut dyn FnMut(FrameProgress)) -> State<'p> {
        State {
            doc: FrameDocument::default(),
            open: Vec::new(),
            oddities: Oddities::default(),
            on_progress,
        }
    }

    /// The document; tables still open were cut off before their completion.
    pub(super) fn finish(mut self) -> FrameDocument {
        for table in std::mem::take(&mut self.open) {
            self.doc.notes.push(format!(
                "table {} ({}) ended without its TableCompletion: its rows may be incomplete",
                table.id,
                safe_text(&table.name)
            ));
            self.close(table, false);
        }
        if self.oddities.extra_values > 0 {
            self.doc.notes.push(format!(
                "{} cells beyond the declared columns were skipped",
                self.oddities.extra_values
            ));
        }
        if self.oddities.odd_rows > 0 {
            self.doc.notes.push(format!(
                "{} rows that were not arrays of cells were skipped",
                self.oddities.odd_rows
            ));
        }
        self.doc
    }

    pub(super) fn close(&mut self, table: OpenTable, completed: bool) {
        match finish_columns(table.columns) {
            Ok(result) => self.doc.tables.push(FrameTable {
                id: table.id,
                kind: table.kind,
                name: table.name,
                result,
                completed,
            }),
            Err(e) => self
                .doc
                .notes
                .push(format!("table {} was dropped: {e}", safe_text(&table.name))),
        }
    }

    pub(super) fn open_index(&self, id: i64) -> Option<usize> {
        self.open.iter().position(|t| t.id == id)
    }
}

/// The members of one frame other than `Rows`, as they arrived.
#[derive(Default)]
pub(super) struct Fields(pub(super) Vec<(String, Json)>);

impl Fields {
    pub(super) fn get(&self, name: &str) -> Option<&Json> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    pub(super) fn text(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Json::as_str)
    }
    pub(super) fn flag(&self, name: &str) -> bool {
        self.get(name).and_then(Json::as_bool).unwrap_or(false)
    }
    pub(super) fn id(&self) -> Option<i64> {
        self.get("TableId").and_then(Json::as_i64)
    }
    /// `Columns` as (name, type); entries without a name are named by position.
    pub(super) fn columns(&self) -> Option<Vec<(String, String)>> {
        let list = self.get("Columns")?.as_array()?;
        Some(
            list.iter()
                .enumerate()
                .map(|(i, c)| {
                    let name = c.get("ColumnName").and_then(Json::as_str);
                    let kind = c.get("ColumnType").or_else(|| c.get("DataType"));
                    (
                        name.map_or_else(|| format!("Column{}", i + 1), str::to_owned),
                        kind.and_then(Json::as_str).unwrap_or("string").to_owned(),
                    )
                })
                .collect(),
        )
    }
}
