//! The result of one query: columns in the order the schema gave them, all of equal length.

use super::column::Column;
use super::value::Value;

#[derive(Clone, Debug, Default)]
pub struct ResultSet {
    columns: Vec<Column>,
    rows: usize,
}

impl ResultSet {
    /// Builds a result set; every column must hold the same number of rows.
    pub fn from_columns(columns: Vec<Column>) -> Result<ResultSet, String> {
        let rows = columns.first().map_or(0, Column::len);
        if let Some(bad) = columns.iter().find(|c| c.len() != rows) {
            return Err(format!(
                "column '{}' has {} rows where the first has {rows}",
                bad.name(),
                bad.len()
            ));
        }
        Ok(ResultSet { columns, rows })
    }

    /// The columns back, to be filled again (a streamed response's next batch).
    pub(crate) fn into_columns(self) -> Vec<Column> {
        self.columns
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn column(&self, index: usize) -> &Column {
        &self.columns[index]
    }

    /// Index of a column by name, exact first, then ignoring case.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name() == name)
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|c| c.name().eq_ignore_ascii_case(name))
            })
    }

    pub fn row_count(&self) -> usize {
        self.rows
    }

    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    pub fn cell(&self, row: usize, column: usize) -> Value<'_> {
        self.columns[column].value(row)
    }

    /// Memory held by the cells, for the status bar and the load benchmark.
    pub fn heap_bytes(&self) -> usize {
        let shared = self
            .columns
            .iter()
            .find_map(Column::source)
            .map_or(0, |s| s.capacity());
        shared + self.columns.iter().map(Column::heap_bytes).sum::<usize>()
    }
}
