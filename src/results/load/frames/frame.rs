//! One frame of a v2 answer, and what reading it does to the tables built so far.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value as Json;

use super::rows::RowsSeed;
use super::state::{Fields, OpenTable, State};
use super::{
    columns_of, replay, DataSetCompletion, DataSetHeader, ErrorPlace, FrameError, FrameProgress,
};
use crate::results::column::Column;
use crate::results::display::safe_text;

pub(super) struct FrameSeed<'s, 'p> {
    pub(super) state: &'s mut State<'p>,
}

impl<'de> DeserializeSeed<'de> for FrameSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// Where a frame's rows go, once enough of the frame is known.
enum Target {
    /// A `DataTable`: fresh columns.
    NewTable(Vec<Column>),
    /// A `TableFragment` of the open table at this index.
    Open(usize),
    /// Not known yet: keep the rows' JSON until the frame ends.
    Later,
    /// Known to be nowhere (a fragment of a table never announced).
    Nowhere,
}

impl<'de> Visitor<'de> for FrameSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a frame (an object with a FrameType)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.state;
        let mut fields = Fields::default();
        let mut filled: Option<Vec<Column>> = None;
        let mut later: Option<Box<RawValue>> = None;
        let mut rows_done = false;
        while let Some(key) = map.next_key::<String>()? {
            if !key.eq_ignore_ascii_case("Rows") {
                let value: Json = map.next_value()?;
                fields.0.push((key, value));
                continue;
            }
            match target(state, &fields, false) {
                Target::NewTable(mut columns) => {
                    let table = fields.id().unwrap_or(-1);
                    map.next_value_seed(rows_into(state, &mut columns, table))?;
                    filled = Some(columns);
                    rows_done = true;
                }
                Target::Open(at) => {
                    let mut columns = std::mem::take(&mut state.open[at].columns);
                    let table = state.open[at].id;
                    map.next_value_seed(rows_into(state, &mut columns, table))?;
                    state.open[at].columns = columns;
                    rows_done = true;
                }
                Target::Later => later = Some(map.next_value()?),
                Target::Nowhere => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        // Rows that came before what says where they go.
        if let Some(raw) = later {
            match target(state, &fields, true) {
                Target::NewTable(mut columns) => {
                    let table = fields.id().unwrap_or(-1);
                    replay(rows_into(state, &mut columns, table), raw.get())
                        .map_err(serde::de::Error::custom)?;
                    filled = Some(columns);
                    rows_done = true;
                }
                Target::Open(at) => {
                    let mut columns = std::mem::take(&mut state.open[at].columns);
                    let table = state.open[at].id;
                    replay(rows_into(state, &mut columns, table), raw.get())
                        .map_err(serde::de::Error::custom)?;
                    state.open[at].columns = columns;
                    rows_done = true;
                }
                Target::Later | Target::Nowhere => {}
            }
        }
        end_frame(state, &fields, filled, rows_done);
        Ok(())
    }
}

fn rows_into<'a>(
    state: &'a mut State<'_>,
    columns: &'a mut Vec<Column>,
    table: i64,
) -> RowsSeed<'a> {
    RowsSeed {
        columns,
        table,
        errors: &mut state.doc.errors,
        oddities: &mut state.oddities,
    }
}

/// Where the rows go given what the frame said so far; `at_end` when nothing more will come.
fn target(state: &mut State<'_>, fields: &Fields, at_end: bool) -> Target {
    let frame_type = fields.text("FrameType");
    match frame_type {
        Some("DataTable") => match fields.columns() {
            Some(declared) => Target::NewTable(columns_of(&declared)),
            None if at_end => Target::Nowhere,
            None => Target::Later,
        },
        Some("TableFragment") => {
            let (Some(id), Some(kind)) = (fields.id(), fields.text("TableFragmentType")) else {
                return if at_end {
                    Target::Nowhere
                } else {
                    Target::Later
                };
            };
            let Some(at) = state.open_index(id) else {
                return Target::Nowhere;
            };
            if kind == "DataReplace" {
                let open = &mut state.open[at];
                open.columns = columns_of(&open.declared);
            }
            Target::Open(at)
        }
        None if !at_end => Target::Later,
        _ => Target::Nowhere,
    }
}

fn end_frame(state: &mut State<'_>, fields: &Fields, filled: Option<Vec<Column>>, rows_done: bool) {
    let id = fields.id().unwrap_or(-1);
    let errors = |place: ErrorPlace| {
        fields
            .get("OneApiErrors")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .map(move |e| FrameError {
                place,
                error: e.clone(),
            })
    };
    match fields.text("FrameType") {
        Some("DataSetHeader") => {
            state.doc.header = Some(DataSetHeader {
                is_progressive: fields.flag("IsProgressive"),
                is_fragmented: fields.flag("IsFragmented"),
                error_placement: fields.text("ErrorReportingPlacement").map(str::to_owned),
            });
        }
        Some("DataTable") => {
            let columns = match filled {
                Some(columns) => columns,
                None => columns_of(&fields.columns().unwrap_or_default()),
            };
            let rows = columns.first().map_or(0, Column::len);
            let table = OpenTable {
                id,
                kind: fields.text("TableKind").unwrap_or_default().to_owned(),
                name: fields.text("TableName").unwrap_or_default().to_owned(),
                declared: Vec::new(),
                columns,
            };
            state.close(table, true);
            (state.on_progress)(FrameProgress::Rows { table: id, rows });
        }
        Some("TableHeader") => {
            let declared = fields.columns().unwrap_or_default();
            state.open.retain(|t| t.id != id);
            state.open.push(OpenTable {
                id,
                kind: fields.text("TableKind").unwrap_or_default().to_owned(),
                name: fields.text("TableName").unwrap_or_default().to_owned(),
                columns: columns_of(&declared),
                declared,
            });
        }
        Some("TableFragment") => match state.open_index(id) {
            Some(at) if rows_done => {
                let rows = state.open[at].columns.first().map_or(0, Column::len);
                (state.on_progress)(FrameProgress::Rows { table: id, rows });
            }
            _ => state.doc.notes.push(format!(
                "a fragment of table {id}, which no TableHeader announced, was skipped"
            )),
        },
        Some("TableProgress") => {
            if let Some(percent) = fields.get("TableProgress").and_then(Json::as_f64) {
                (state.on_progress)(FrameProgress::Percent { table: id, percent });
            }
        }
        Some("TableCompletion") => {
            state
                .doc
                .errors
                .extend(errors(ErrorPlace::TableCompletion { table: id }));
            if let Some(at) = state.open_index(id) {
                let table = state.open.remove(at);
                state.close(table, true);
            }
        }
        Some("DataSetCompletion") => {
            state
                .doc
                .errors
                .extend(errors(ErrorPlace::DataSetCompletion));
            state.doc.completion = Some(DataSetCompletion {
                has_errors: fields.flag("HasErrors"),
                cancelled: fields.flag("Cancelled"),
            });
        }
        Some(other) => {
            let other = safe_text(other).into_owned();
            state
                .doc
                .notes
                .push(format!("a frame of unknown type {other} was skipped"));
        }
        None => state
            .doc
            .notes
            .push("a frame without a FrameType was skipped".into()),
    }
}
