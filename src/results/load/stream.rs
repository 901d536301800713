//! Reads a response as it arrives and hands its rows on in batches, so that converting or
//! saving an answer of any size holds one batch of rows, never the whole answer. The members
//! are those [`super::load_response`] reads, with the same rules for every cell; rows that
//! come before their schema, and Log Analytics' `tables`, are read whole and handed on at the
//! end (the order of the members decides what can stream, not kqlhunt).

use std::fmt;
use std::io::Read;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{classify_at, LoadError, Member, MemberSeed, RowSeed, RowsSeed, SchemaColumn, Table};
use crate::results::column::Column;
use crate::results::ResultSet;

/// Rows per batch: small enough to keep memory flat, large enough to write efficiently.
pub const BATCH_ROWS: usize = 2048;

/// What a streamed response was, beside its rows.
#[derive(Debug, Default)]
pub struct Streamed {
    pub rows: usize,
    /// True when the document had a schema or results member at all.
    pub has_table: bool,
    /// The service's error envelope, when the document is one.
    pub error: Option<serde_json::Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The batch could not be handed on (the output failed).
    #[error("{0}")]
    Output(std::io::Error),
    /// A row named a column the schema did not announce, after rows without it were written.
    #[error("row {row} adds a column '{column}' that the schema did not announce, after the rows before it were written without it")]
    NewColumn { row: usize, column: String },
}

/// What receives the batches: each a result set of up to [`BATCH_ROWS`] rows, with the
/// columns of the schema.
pub type Sink<'s> = dyn FnMut(&ResultSet) -> std::io::Result<()> + 's;

/// Reads a response from `reader`, handing its rows to `sink` a batch at a time. Every batch,
/// the empty last one included, has the same columns; the empty one comes only when it is the
/// only one (an answer without rows still has a header).
pub fn stream_response(reader: impl Read, sink: &mut Sink<'_>) -> Result<Streamed, StreamError> {
    let mut counted = Counted {
        inner: reader,
        bytes: 0,
    };
    let mut failure = None;
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(
        1 << 16,
        &mut counted,
    ));
    let visitor = StreamVisitor {
        sink,
        failure: &mut failure,
    };
    let read = de
        .deserialize_map(visitor)
        .and_then(|doc| de.end().map(|()| doc));
    drop(de);
    if let Some(failure) = failure {
        return Err(failure);
    }
    read.map_err(|e| classify_at(e, counted.bytes).into())
}

struct Counted<R> {
    inner: R,
    bytes: usize,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n;
        Ok(n)
    }
}

/// Columns being filled for the current batch, and what has been handed on.
struct Batches<'a, 's> {
    table: Table,
    sink: &'a mut Sink<'s>,
    failure: &'a mut Option<StreamError>,
    /// Columns in the batches handed on; `None` before the first.
    columns_sent: Option<usize>,
    rows: usize,
}

impl Batches<'_, '_> {
    /// Hands the rows read so far on, and empties the columns for the next batch.
    fn send(&mut self) -> Result<(), String> {
        let columns = std::mem::take(&mut self.table.columns);
        let count = columns.len();
        if let Some(sent) = self.columns_sent.filter(|&sent| sent != count) {
            let column = columns
                .get(sent)
                .map_or(String::new(), |c| c.name().to_owned());
            return self.fail(StreamError::NewColumn {
                row: self.rows,
                column,
            });
        }
        let batch = ResultSet::from_columns(columns).map_err(|e| e.to_string())?;
        if let Err(e) = (self.sink)(&batch) {
            return self.fail(StreamError::Output(e));
        }
        self.rows += batch.row_count();
        self.columns_sent = Some(count);
        self.table.columns = batch.into_columns();
        for column in &mut self.table.columns {
            column.clear_rows();
        }
        self.table.rows = 0;
        Ok(())
    }

    fn fail(&mut self, failure: StreamError) -> Result<(), String> {
        let said = failure.to_string();
        *self.failure = Some(failure);
        Err(said)
    }
}

struct StreamVisitor<'a, 's> {
    sink: &'a mut Sink<'s>,
    failure: &'a mut Option<StreamError>,
}

impl<'de> Visitor<'de> for StreamVisitor<'_, '_> {
    type Value = Streamed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object with schema and results")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Streamed, A::Error> {
        let no_source = Arc::new(String::new());
        let mut table = Table::new(Vec::new(), &no_source);
        table.streamed = true;
        let mut batches = Batches {
            table,
            sink: self.sink,
            failure: self.failure,
            columns_sent: None,
            rows: 0,
        };
        let mut done = Streamed::default();
        let mut have_schema = false;
        let mut early_results: Option<Box<RawValue>> = None;
        while let Some(member) = map.next_key_seed(MemberSeed)? {
            match member {
                Member::Schema => {
                    let schema: Vec<SchemaColumn> = map.next_value()?;
                    let columns = schema
                        .into_iter()
                        .map(|c| Column::new(c.name, c.kind))
                        .collect();
                    batches.table = Table::new(columns, &no_source);
                    batches.table.streamed = true;
                    have_schema = true;
                    done.has_table = true;
                }
                Member::Results if have_schema => {
                    map.next_value_seed(StreamRows {
                        batches: &mut batches,
                    })?;
                    done.has_table = true;
                }
                Member::Results => {
                    early_results = Some(map.next_value()?);
                    done.has_table = true;
                }
                Member::Tables => {
                    // Read whole, as in memory: its cells are borrowed from the text.
                    let raw: Box<RawValue> = map.next_value()?;
                    let mut de = serde_json::Deserializer::from_str(raw.get());
                    let columns = super::tables::PrimaryTable { source: &no_source }
                        .deserialize(&mut de)
                        .map_err(de::Error::custom)?;
                    batches.table = Table::new(columns, &no_source);
                    batches.table.rows = batches.table.columns.first().map_or(0, Column::len);
                    done.has_table = true;
                }
                Member::Error => done.error = Some(map.next_value()?),
                Member::Stats | Member::Statistics | Member::Render | Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(raw) = early_results {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            RowsSeed {
                table: &mut batches.table,
            }
            .deserialize(&mut de)
            .map_err(de::Error::custom)?;
        }
        if done.has_table && (batches.table.rows > 0 || batches.columns_sent.is_none()) {
            batches.send().map_err(de::Error::custom)?;
        }
        done.rows = batches.rows;
        Ok(done)
    }
}

struct StreamRows<'b, 'a, 's> {
    batches: &'b mut Batches<'a, 's>,
}

impl<'de> DeserializeSeed<'de> for StreamRows<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for StreamRows<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of result rows")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let batches = self.batches;
        while seq
            .next_element_seed(RowSeed {
                table: &mut batches.table,
            })?
            .is_some()
        {
            if batches.table.rows >= BATCH_ROWS {
                batches.send().map_err(de::Error::custom)?;
            }
        }
        Ok(())
    }
}
