//! Reads Azure Data Explorer's v2 answer, a JSON array of frames, as it streams in.
//!
//! Why a streaming deserializer and not a frame splitter: a non-progressive answer is one
//! `DataTable` frame holding every row, so splitting the array into whole frames would still
//! hold the largest part of the body at once. serde_json reading from an [`std::io::Read`] over
//! the arriving chunks pushes each cell into its typed column the moment its bytes are read;
//! no frame, and no copy of the body, is ever held whole. Frames are told apart by
//! `FrameType`; members may come in any order (rows that precede their columns are kept as
//! raw JSON and read when the frame ends).

mod frame;
mod rows;
mod state;

use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::Deserializer;

use super::LoadError;
use crate::results::column::Column;
use crate::results::ResultSet;

/// What the `DataSetHeader` announced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataSetHeader {
    pub is_progressive: bool,
    pub is_fragmented: bool,
    /// `InData` or `EndOfTable`, when the service said.
    pub error_placement: Option<String>,
}

/// One finished table: a `DataTable`, or a `TableHeader` whose fragments ended (or were cut
/// off: then `completed` is false).
#[derive(Debug)]
pub struct FrameTable {
    pub id: i64,
    /// `PrimaryResult`, `QueryProperties`, `QueryCompletionInformation`, ...
    pub kind: String,
    pub name: String,
    pub result: ResultSet,
    pub completed: bool,
}

/// Where a `OneApiErrors` entry arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPlace {
    /// In place of a row of this table (`InData` placement).
    InRows {
        table: i64,
    },
    /// On the `TableCompletion` of this table (`EndOfTable` placement).
    TableCompletion {
        table: i64,
    },
    DataSetCompletion,
}

/// One element of a `OneApiErrors` list, left as JSON for the API layer to word.
#[derive(Clone, Debug)]
pub struct FrameError {
    pub place: ErrorPlace,
    pub error: serde_json::Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataSetCompletion {
    pub has_errors: bool,
    pub cancelled: bool,
}

/// The whole answer, as far as it was read.
#[derive(Debug, Default)]
pub struct FrameDocument {
    pub header: Option<DataSetHeader>,
    pub tables: Vec<FrameTable>,
    pub errors: Vec<FrameError>,
    pub completion: Option<DataSetCompletion>,
    /// Odd frames that were skipped or repaired, in words (for warnings).
    pub notes: Vec<String>,
}

impl FrameDocument {
    /// The first `PrimaryResult` table: what the hunter asked for.
    pub fn primary(&self) -> Option<&FrameTable> {
        self.tables.iter().find(|t| t.kind == "PrimaryResult")
    }

    pub fn table_of_kind(&self, kind: &str) -> Option<&FrameTable> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}

/// Something worth telling while the answer streams (verbose output, a progress bar).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FrameProgress {
    /// Rows of a table read so far, after each fragment or table.
    Rows { table: i64, rows: usize },
    /// The service's own estimate of how far a table is (`TableProgress`), 0 to 100.
    Percent { table: i64, percent: f64 },
}

/// Reads a v2 answer from `reader`, calling `on_progress` as tables grow.
pub fn read_frames<R: Read>(
    reader: R,
    on_progress: &mut dyn FnMut(FrameProgress),
) -> Result<FrameDocument, LoadError> {
    let mut counted = Counted {
        inner: reader,
        read: 0,
    };
    let mut state = state::State::new(on_progress);
    let outcome = {
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(
            64 << 10,
            &mut counted,
        ));
        de.deserialize_seq(FramesVisitor { state: &mut state })
            .and_then(|()| de.end())
    };
    match outcome {
        Ok(()) => Ok(state.finish()),
        Err(e) => Err(classify(e, counted.read)),
    }
}

fn classify(error: serde_json::Error, read: usize) -> LoadError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => LoadError::Truncated { len: read },
        // A connection that broke surfaces as an I/O error from the reader.
        Category::Io => LoadError::Truncated { len: read },
        Category::Syntax => LoadError::Syntax(error.to_string()),
        Category::Data => LoadError::Shape(error.to_string()),
    }
}

/// Counts the bytes read, to say how far a cut-off answer got.
struct Counted<R> {
    inner: R,
    read: usize,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n;
        Ok(n)
    }
}

struct FramesVisitor<'s, 'p> {
    state: &'s mut state::State<'p>,
}

impl<'de> Visitor<'de> for FramesVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the v2 answer: a JSON array of frames")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(frame::FrameSeed {
                state: &mut *self.state,
            })?
            .is_some()
        {}
        Ok(())
    }
}

/// Columns as a header declared them: (name, Kusto type).
fn columns_of(declared: &[(String, String)]) -> Vec<Column> {
    declared
        .iter()
        .map(|(name, kind)| Column::new(name.clone(), kind.clone()))
        .collect()
}

/// A result set from filled columns; a column that fell out of step is a bug in the reader,
/// reported as a shape error rather than a panic.
fn finish_columns(mut columns: Vec<Column>) -> Result<ResultSet, String> {
    for column in &mut columns {
        column.shrink_to_fit();
    }
    ResultSet::from_columns(columns)
}

/// Used by the seeds: deserialize a value with `seed` from JSON text kept aside.
fn replay<'a, S: DeserializeSeed<'a>>(seed: S, text: &'a str) -> Result<S::Value, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    seed.deserialize(&mut de).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
