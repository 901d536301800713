//! Writing a result that arrives in batches of rows (a response streamed as it is parsed), so
//! that the bytes equal those of writing the whole result at once: the header once, JSON's
//! brackets and commas around every batch's rows.

use std::io::{self, Write};

use super::{write_selection, Format, Selection};
use crate::results::ResultSet;

/// Whether a format can be written batch by batch; not those that need every row first (the
/// table's widths, Markdown's and datatable's layout).
pub fn streams(format: Format) -> bool {
    matches!(
        format,
        Format::Csv | Format::Tsv | Format::Jsonl | Format::Json
    )
}

/// Writes batches in `format` (one that [`streams`]).
pub struct BatchWriter {
    format: Format,
    rows: usize,
    batches: usize,
}

impl BatchWriter {
    pub fn new(format: Format) -> BatchWriter {
        BatchWriter {
            format,
            rows: 0,
            batches: 0,
        }
    }

    /// Rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn write(&mut self, batch: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
        let selection = Selection {
            header: self.batches == 0,
            ..Selection::all(batch)
        };
        if self.format == Format::Json {
            let mut out = io::BufWriter::with_capacity(1 << 16, out);
            super::json::write_json_part(&selection, self.batches == 0, self.rows, &mut out)?;
            out.flush()?;
        } else {
            write_selection(&selection, self.format, out)?;
        }
        self.rows += batch.row_count();
        self.batches += 1;
        Ok(())
    }

    /// Ends the output (JSON's closing bracket). `last` is an empty batch with the columns, for
    /// a result with no rows at all, whose header is still written.
    pub fn finish(mut self, last: &ResultSet, out: &mut dyn Write) -> io::Result<()> {
        if self.batches == 0 {
            self.write(last, out)?;
        }
        if self.format == Format::Json {
            super::json::close_json(self.rows, out)?;
        }
        out.flush()
    }
}
