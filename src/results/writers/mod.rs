//! Writers shared by `kqlhunt query`, `kqlhunt convert`, and the workbench's copy and export.
//! Values are written exactly as received (the table format, meant for a terminal, excepted).

mod batches;
mod datatable;
mod delimited;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::{ResultSet, TableView};

pub use batches::{streams, BatchWriter};
pub use delimited::{csv_field, tsv_field};
pub use json::write_response;
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
    /// A Markdown table, pipes escaped.
    Markdown,
    /// A KQL `datatable(...)[...]` literal that recreates the rows in a query.
    Datatable,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::Json => "JSON",
            Format::Jsonl => "JSON Lines",
            Format::Markdown => "Markdown",
            Format::Datatable => "datatable",
        }
    }
}

/// Which rows and columns of a result to write, in order.
#[derive(Clone, Debug)]
pub struct Selection<'r> {
    pub result: &'r ResultSet,
    pub rows: Vec<usize>,
    pub columns: Vec<usize>,
    /// A header line (CSV, TSV, Markdown).
    pub header: bool,
    /// CSV and TSV: leave cells that start with `=`, `+`, `-` or `@` as they are. Off, such a
    /// cell is prefixed with `'` so a spreadsheet shows it instead of running it as a formula.
    pub raw: bool,
}

impl<'r> Selection<'r> {
    pub fn all(result: &'r ResultSet) -> Selection<'r> {
        Selection {
            result,
            rows: (0..result.row_count()).collect(),
            columns: (0..result.column_count()).collect(),
            header: true,
            raw: false,
        }
    }

    /// Every row a view shows, in its order, and its columns not hidden, with a header: what
    /// the hunter sees is what is copied or exported.
    pub fn shown(result: &'r ResultSet, view: &TableView) -> Selection<'r> {
        Selection {
            result,
            rows: view.rows(result),
            columns: view.shown_columns(result),
            header: true,
            raw: false,
        }
    }

    /// The rows a view shows from `from` to `to` (either way round), its columns not hidden.
    pub fn view_rows(
        result: &'r ResultSet,
        view: &TableView,
        (from, to): (usize, usize),
        header: bool,
    ) -> Selection<'r> {
        Selection {
            result,
            rows: view.source_rows(from, to),
            columns: view.shown_columns(result),
            header,
            raw: false,
        }
    }
}

/// Writes a selection in a format (not the table, which needs a width).
pub fn write_selection(
    selection: &Selection<'_>,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    match format {
        Format::Table | Format::Tsv => delimited::write(selection, '\t', "\n", &mut out)?,
        Format::Csv => delimited::write(selection, ',', "\r\n", &mut out)?,
        Format::Json => json::write_json(selection, &mut out)?,
        Format::Jsonl => json::write_jsonl(selection, &mut out)?,
        Format::Markdown => markdown::write(selection, &mut out)?,
        Format::Datatable => datatable::write(selection, &mut out)?,
    }
    out.flush()
}

/// Writes the whole result set. `width` is the terminal width for the table format.
pub fn write_result(
    result: &ResultSet,
    format: Format,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == Format::Table {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        write_table(result, width, &mut out)?;
        return out.flush();
    }
    write_selection(&Selection::all(result), format, out)
}

/// A selection written to a string, for the clipboard.
pub fn to_text(selection: &Selection<'_>, format: Format) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_selection(selection, format, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
