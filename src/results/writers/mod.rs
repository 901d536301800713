//! Writers shared by `kqlhunt query`, `kqlhunt convert` and, later, the workbench's export.

mod delimited;
mod json;
mod table;

use std::io::{self, Write};

use super::ResultSet;

pub use table::write_table;

/// An output format a hunter can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns fitted to the terminal, control characters made visible.
    Table,
    /// RFC 4180 CSV.
    Csv,
    /// Tab-separated; tabs, newlines and backslashes inside cells are escaped.
    Tsv,
    /// One JSON array of objects keyed by column name, values typed.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Writes the whole result set. `width` is the terminal width for the table format.
pub fn write_result(
    result: &ResultSet,
    format: Format,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Table => write_table(result, width, &mut out)?,
        Format::Csv => delimited::write_csv(result, &mut out)?,
        Format::Tsv => delimited::write_tsv(result, &mut out)?,
        Format::Json => json::write_json(result, &mut out)?,
        Format::Jsonl => json::write_jsonl(result, &mut out)?,
    }
    out.flush()
}
