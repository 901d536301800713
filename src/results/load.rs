//! Reads an advanced hunting response document straight into a columnar [`ResultSet`].
//!
//! The three API shapes differ only in key casing and in which top-level members they carry
//! (`schema`/`results` on Graph, `Stats`/`Schema`/`Results` on the legacy APIs), so one
//! reader serves them all; Log Analytics' `tables` (positional rows, dynamic cells as JSON
//! held in strings), `statistics` and `render` are read by the same walk (`tables.rs`). Cells are pushed into typed column vectors as serde_json walks the
//! bytes: no `serde_json::Value` is built per row, and strings without escapes are copied once,
//! from the input into their column's buffer.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::column::Column;
#[cfg(doc)]
use super::column::TextStore;
use super::result_set::ResultSet;
use rows::{KeySeed, KeyVisitor, RowSeed, RowsSeed};

/// A parsed response: the rows, plus the members that are not rows, left as JSON for the API
/// layer to read (`Stats`, an `error` envelope).
#[derive(Debug, Default)]
pub struct ResponseDocument {
    pub result: ResultSet,
    pub stats: Option<serde_json::Value>,
    pub error: Option<serde_json::Value>,
    /// Log Analytics' `render`: how the query's `render` operator asked to draw the rows.
    pub render: Option<serde_json::Value>,
    /// True when the document had a schema or results member at all.
    pub has_table: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the response ends early, after {len} bytes: it was cut off in transfer")]
    Truncated { len: usize },
    #[error("the response is not valid JSON: {0}")]
    Syntax(String),
    #[error("the response is not a hunting result: {0}")]
    Shape(String),
}

/// Parses a whole response held in memory. The result keeps `body`: its strings are read in
/// place, not copied (see [`TextStore`]).
pub fn load_response(body: Vec<u8>) -> Result<ResponseDocument, LoadError> {
    // One UTF-8 check of the whole body is much cheaper than one per string, and lets
    // serde_json read strings without checking each again.
    let source = match String::from_utf8(body) {
        Ok(text) => Arc::new(text),
        // A multi-byte character cut at the very end: the body was cut off.
        Err(e) if e.utf8_error().error_len().is_none() => {
            return Err(LoadError::Truncated {
                len: e.as_bytes().len(),
            })
        }
        Err(e) => {
            return Err(LoadError::Syntax(format!(
                "the response is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )))
        }
    };
    let text: &str = &source;
    let bytes = text.as_bytes();
    let mut de = serde_json::Deserializer::from_str(text);
    let visitor = DocumentVisitor { source: &source };
    let mut document = de
        .deserialize_map(visitor)
        .map_err(|e| classify(e, bytes))?;
    de.end().map_err(|e| classify(e, bytes))?;
    for column in &mut document.columns {
        column.shrink_to_fit();
    }
    let result = ResultSet::from_columns(document.columns).map_err(LoadError::Shape)?;
    Ok(ResponseDocument {
        result,
        stats: document.stats,
        error: document.error,
        render: document.render,
        has_table: document.has_table,
    })
}

fn classify(error: serde_json::Error, bytes: &[u8]) -> LoadError {
    classify_at(error, bytes.len())
}

/// A reading error, `len` bytes having arrived.
fn classify_at(error: serde_json::Error, len: usize) -> LoadError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => LoadError::Truncated { len },
        Category::Syntax => LoadError::Syntax(error.to_string()),
        _ => LoadError::Shape(error.to_string()),
    }
}

#[derive(Default)]
struct Document {
    columns: Vec<Column>,
    stats: Option<serde_json::Value>,
    error: Option<serde_json::Value>,
    render: Option<serde_json::Value>,
    has_table: bool,
}

/// Top-level member names, matched ignoring case.
enum Member {
    Schema,
    Results,
    Stats,
    Error,
    /// Log Analytics: `tables`, `statistics` (whose `query` member is the Stats) and `render`.
    Tables,
    Statistics,
    Render,
    Other,
}

struct MemberSeed;

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Member;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Member, D::Error> {
        let key = d.deserialize_str(KeyVisitor)?;
        Ok(match key.to_ascii_lowercase().as_str() {
            "schema" => Member::Schema,
            "results" => Member::Results,
            "stats" => Member::Stats,
            "error" => Member::Error,
            "tables" => Member::Tables,
            "statistics" => Member::Statistics,
            "render" => Member::Render,
            _ => Member::Other,
        })
    }
}

struct DocumentVisitor<'s> {
    source: &'s Arc<String>,
}

impl<'de> Visitor<'de> for DocumentVisitor<'_> {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object with schema and results")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut doc = Document::default();
        let mut have_schema = false;
        let mut early_results: Option<&'de RawValue> = None;
        while let Some(member) = map.next_key_seed(MemberSeed)? {
            match member {
                Member::Schema => {
                    let schema: Vec<SchemaColumn> = map.next_value()?;
                    doc.columns = schema
                        .into_iter()
                        .map(|c| Column::new(c.name, c.kind))
                        .collect();
                    have_schema = true;
                    doc.has_table = true;
                }
                Member::Results if have_schema => {
                    let mut table = Table::new(std::mem::take(&mut doc.columns), self.source);
                    map.next_value_seed(RowsSeed { table: &mut table })?;
                    doc.columns = table.finish();
                    doc.has_table = true;
                }
                // Rows before the schema: keep their bytes and read them once the schema is known.
                Member::Results => {
                    early_results = Some(map.next_value()?);
                    doc.has_table = true;
                }
                Member::Stats => doc.stats = Some(map.next_value()?),
                Member::Error => doc.error = Some(map.next_value()?),
                Member::Tables => {
                    doc.columns = map.next_value_seed(tables::PrimaryTable {
                        source: self.source,
                    })?;
                    doc.has_table = true;
                }
                Member::Statistics => {
                    let mut statistics: serde_json::Value = map.next_value()?;
                    doc.stats = Some(match statistics.get_mut("query") {
                        Some(query) => query.take(),
                        None => statistics,
                    });
                }
                Member::Render => {
                    doc.render =
                        Some(map.next_value::<serde_json::Value>()?).filter(|r| !r.is_null())
                }
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(raw) = early_results {
            let mut table = Table::new(std::mem::take(&mut doc.columns), self.source);
            let mut de = serde_json::Deserializer::from_str(raw.get());
            RowsSeed { table: &mut table }
                .deserialize(&mut de)
                .map_err(de::Error::custom)?;
            doc.columns = table.finish();
        }
        Ok(doc)
    }
}

/// One schema entry; `Name`/`name`, `Type`/`type` in any casing.
struct SchemaColumn {
    name: String,
    kind: String,
}

impl<'de> serde::Deserialize<'de> for SchemaColumn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SchemaColumn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a schema entry with a name and a type")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SchemaColumn, A::Error> {
                let (mut name, mut kind) = (None, None);
                while let Some(key) = map.next_key_seed(KeySeed)? {
                    if key.eq_ignore_ascii_case("name") || key.eq_ignore_ascii_case("columnname") {
                        name = Some(map.next_value::<String>()?);
                    } else if key.eq_ignore_ascii_case("type")
                        || key.eq_ignore_ascii_case("datatype")
                    {
                        kind = Some(map.next_value::<Option<String>>()?.unwrap_or_default());
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                let name = name.ok_or_else(|| de::Error::custom("a schema entry has no name"))?;
                Ok(SchemaColumn {
                    name,
                    kind: kind.unwrap_or_else(|| "String".into()),
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// Columns being filled, and how row keys find them.
struct Table {
    columns: Vec<Column>,
    by_lower_name: HashMap<String, usize>,
    rows: usize,
    /// The response text, which text cells point into.
    source: Arc<String>,
    /// Bytes of JSON the rows came from, to size the columns once instead of growing them.
    input_len: usize,
    /// Estimated JSON bytes of the rows read so far, while sampling.
    sampled_bytes: usize,
    /// Dynamic cells arrive as strings holding JSON (Log Analytics), not as JSON itself.
    json_in_strings: bool,
    /// Read from a stream (see `stream.rs`): cells are copied, never borrowed.
    streamed: bool,
}

/// Rows read before the columns are sized for the whole response.
const SAMPLE_ROWS: usize = 64;

impl Table {
    fn new(mut columns: Vec<Column>, source: &Arc<String>) -> Table {
        for column in &mut columns {
            column.read_text_from(source);
        }
        let by_lower_name = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name().to_ascii_lowercase(), i))
            .collect();
        Table {
            columns,
            by_lower_name,
            rows: 0,
            source: source.clone(),
            input_len: source.len(),
            sampled_bytes: 0,
            json_in_strings: false,
            streamed: false,
        }
    }

    /// Growing vectors by doubling costs a copy and fresh zeroed pages at every step; after a
    /// sample of rows, reserve what the whole response will need.
    fn sample_row(&mut self) {
        let row = self.rows - 1;
        let bytes: usize = self
            .columns
            .iter()
            .map(|c| c.name().len() + 4 + c.json_len_estimate(row))
            .sum();
        self.sampled_bytes += bytes + 2;
        if self.rows == SAMPLE_ROWS && self.sampled_bytes > 0 {
            let expected_rows = self.input_len * SAMPLE_ROWS / self.sampled_bytes;
            let more = expected_rows.saturating_sub(self.rows) + expected_rows / 20;
            for column in &mut self.columns {
                column.reserve_like_sample(more);
            }
        }
    }

    /// Finds the column for a row key. Rows almost always list their keys in schema order, so
    /// the expected position is tried before any hashing.
    fn column_for(&mut self, key: &str, expected: usize) -> usize {
        if let Some(c) = self.columns.get(expected) {
            if c.name() == key {
                return expected;
            }
        }
        if let Some(&i) = self.by_lower_name.get(&key.to_ascii_lowercase()) {
            return i;
        }
        // A key the schema did not announce: keep it as an extra text column, not drop it.
        let mut column = Column::new(key, "String");
        column.read_text_from(&self.source);
        for _ in 0..self.rows {
            column.push_null();
        }
        self.by_lower_name
            .insert(key.to_ascii_lowercase(), self.columns.len());
        self.columns.push(column);
        self.columns.len() - 1
    }

    /// Adds a text column for the positional value at `index` (0-based), named `Column<n>` as
    /// Kusto names unnamed columns, with a suffix when the schema already has that name.
    fn add_positional_column(&mut self, index: usize) -> usize {
        let base = format!("Column{}", index + 1);
        let mut name = base.clone();
        let mut n = 1;
        while self.by_lower_name.contains_key(&name.to_ascii_lowercase()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        self.column_for(&name, self.columns.len())
    }

    /// Ends a row that filled `filled` distinct columns.
    fn end_row(&mut self, filled: usize) {
        self.rows += 1;
        if filled < self.columns.len() {
            for column in &mut self.columns {
                if column.len() < self.rows {
                    column.push_null();
                }
            }
        }
        if self.rows <= SAMPLE_ROWS {
            self.sample_row();
        }
    }

    fn finish(self) -> Vec<Column> {
        self.columns
    }
}

mod cell;
pub mod frames;
mod rows;
pub mod stream;
mod tables;

#[cfg(test)]
mod tests;
