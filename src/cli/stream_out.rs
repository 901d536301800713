//! Rows written as a response is parsed, for `kqlhunt convert` (and any command whose answer
//! is a stream of bytes): memory holds one batch of rows however long the answer, and the
//! bytes written equal those of loading the whole answer and writing it.

use std::io::{Read, Write};
use std::path::Path;

use crate::results::stream::{stream_response, StreamError};
use crate::results::writers::{BatchWriter, Format};
use crate::results::ResultSet;

/// Why streaming stopped.
#[derive(Debug, thiserror::Error)]
pub enum StreamFailure {
    /// The answer cannot be written as it comes (a column added mid-way): nothing is in place;
    /// loading it whole can still write it.
    #[error("{0}")]
    Unstreamable(StreamError),
    #[error("{0}")]
    Failed(String),
    /// The reader of the output went away (`| head`).
    #[error("the output was closed")]
    Closed,
}

/// Reads a response from `reader` and writes its rows in `format` (one that
/// [`crate::results::writers::streams`]) to `output`, or stdout. `what` names the response in
/// messages. Returns the rows written.
pub fn stream_rows(
    reader: impl Read,
    what: &str,
    format: Format,
    output: Option<&Path>,
) -> Result<usize, StreamFailure> {
    match output {
        Some(path) => {
            let mut out = crate::files::Output::create(path).map_err(|e| {
                StreamFailure::Failed(format!("cannot write {}: {e}", path.display()))
            })?;
            let rows = write_all(reader, what, format, &mut out)?;
            // Only a whole answer is put in place: a failure above left nothing behind.
            out.finish().map_err(|e| {
                StreamFailure::Failed(format!("cannot write {}: {e}", path.display()))
            })?;
            Ok(rows)
        }
        None => {
            let mut stdout = crate::console::stdout();
            match write_all(reader, what, format, &mut stdout) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(StreamFailure::Closed) => Ok(0),
                other => other,
            }
        }
    }
}

fn write_all(
    reader: impl Read,
    what: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, StreamFailure> {
    let mut writer = BatchWriter::new(format);
    let streamed = stream_response(reader, &mut |batch: &ResultSet| writer.write(batch, out));
    let streamed = match streamed {
        Ok(streamed) => streamed,
        Err(e @ StreamError::NewColumn { .. }) => return Err(StreamFailure::Unstreamable(e)),
        Err(StreamError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            return Err(StreamFailure::Closed)
        }
        Err(StreamError::Output(e)) => {
            return Err(StreamFailure::Failed(format!("cannot write the rows: {e}")))
        }
        Err(StreamError::Load(e)) => return Err(StreamFailure::Failed(format!("{what}: {e}"))),
    };
    if !streamed.has_table {
        return Err(StreamFailure::Failed(format!(
            "{what} has no schema or results: is it a hunting API response?"
        )));
    }
    let rows = writer.rows();
    writer
        .finish(&ResultSet::default(), out)
        .map_err(|e| StreamFailure::Failed(format!("cannot write the rows: {e}")))?;
    Ok(rows)
}
