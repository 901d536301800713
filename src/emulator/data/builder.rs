//! Builds one table of the real schema row by row; columns a row does not set are null.

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::{ColumnDef, Scalar, Table};
use crate::results::ColumnKind;

pub struct TableBuilder {
    columns: Vec<ColumnDef>,
    index: HashMap<String, usize>,
    data: Vec<Vec<Scalar>>,
    /// When the service ingested each row: a little after its Timestamp.
    ingested: Vec<i64>,
    strings: HashMap<String, Arc<str>>,
}

impl TableBuilder {
    pub fn new(columns: &[(String, String)]) -> TableBuilder {
        let columns: Vec<ColumnDef> = columns
            .iter()
            .map(|(n, t)| ColumnDef {
                name: n.clone(),
                kind: ColumnKind::from_type_name(t),
            })
            .collect();
        let index = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        let data = vec![Vec::new(); columns.len()];
        TableBuilder {
            columns,
            index,
            data,
            ingested: Vec::new(),
            strings: HashMap::new(),
        }
    }

    /// Starts a row at `ticks` (its `Timestamp`, or `TimeGenerated` in Sentinel's tables); set
    /// its fields with [`TableBuilder::set`].
    pub fn row(&mut self, ticks: i64) -> &mut Self {
        for column in &mut self.data {
            column.push(Scalar::Null);
        }
        self.ingested
            .push(ticks + ingestion_delay(ticks, self.ingested.len()));
        let time = if self.index.contains_key("Timestamp") {
            "Timestamp"
        } else {
            "TimeGenerated"
        };
        self.set(time, Scalar::DateTime(ticks))
    }

    pub fn set(&mut self, name: &str, value: Scalar) -> &mut Self {
        if let Some(&i) = self.index.get(name) {
            let value = match (self.columns[i].kind, value) {
                (ColumnKind::Int | ColumnKind::Long, Scalar::Real(x)) => Scalar::Long(x as i64),
                (ColumnKind::Int | ColumnKind::Long, Scalar::Bool(b)) => Scalar::Long(i64::from(b)),
                (ColumnKind::Bool, Scalar::Long(n)) => Scalar::Bool(n != 0),
                // Report ids are numbers in some tables and text in others.
                (ColumnKind::Text, Scalar::Long(n)) => Scalar::str(&n.to_string()),
                // Text columns that hold JSON (DeviceInfo.LoggedOnUsers) get its text.
                (ColumnKind::Text, v @ Scalar::Dynamic(_)) => {
                    Scalar::str(&v.to_text().unwrap_or_default())
                }
                // A few tables keep their times as text (GraphApiAuditEvents.Timestamp).
                (ColumnKind::Text, Scalar::DateTime(t)) => {
                    Scalar::str(&crate::results::datetime::format_ticks(t))
                }
                // A JSON text given for a dynamic column is stored as the value it spells.
                (ColumnKind::Dynamic, Scalar::String(s)) => {
                    serde_json::from_str(&s).map_or(Scalar::String(s), Scalar::from_json)
                }
                (_, v) => v,
            };
            if let Some(slot) = self.data[i].last_mut() {
                *slot = value;
            }
        }
        self
    }

    /// Sets a text column, sharing repeated strings.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Self {
        let shared = match self.strings.get(value) {
            Some(s) => s.clone(),
            None => {
                let s: Arc<str> = Arc::from(value);
                self.strings.insert(value.to_owned(), s.clone());
                s
            }
        };
        self.set(name, Scalar::String(shared))
    }

    pub fn long(&mut self, name: &str, value: i64) -> &mut Self {
        self.set(name, Scalar::Long(value))
    }

    pub fn flag(&mut self, name: &str, value: bool) -> &mut Self {
        self.set(name, Scalar::Bool(value))
    }

    pub fn json(&mut self, name: &str, value: serde_json::Value) -> &mut Self {
        self.set(name, Scalar::from_json(value))
    }

    pub fn len(&self) -> usize {
        self.data.first().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table, rows in time order as the service returns them unsorted but stable.
    pub fn finish(self) -> Table {
        let table = Table::new(self.columns, self.data).with_ingestion_times(self.ingested);
        match table
            .column_index("Timestamp")
            .or_else(|| table.column_index("TimeGenerated"))
        {
            Some(ts) => {
                let mut rows: Vec<u32> = (0..table.len() as u32).collect();
                rows.sort_by_key(|&r| match table.get(r as usize, ts) {
                    Scalar::DateTime(t) => *t,
                    _ => 0,
                });
                table.select(rows).materialized()
            }
            None => table,
        }
    }
}

/// How long the service took to ingest a row: usually one to five minutes, now and then up to
/// forty (a sensor that was offline), the same for the same row on every run.
fn ingestion_delay(ticks: i64, row: usize) -> i64 {
    let mut h = (ticks as u64) ^ (row as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 29;
    let second = crate::results::datetime::TICKS_PER_SECOND;
    let delay = if h.is_multiple_of(50) {
        300 + (h >> 8) % 2_100
    } else {
        60 + (h >> 8) % 240
    };
    delay as i64 * second
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_is_ingested_a_little_after_its_timestamp() {
        let mut b = TableBuilder::new(&[("Timestamp".into(), "datetime".into())]);
        let second = crate::results::datetime::TICKS_PER_SECOND;
        for i in 0..500 {
            b.row(1_000_000 * second - i * 7 * second);
        }
        let table = b.finish();
        for row in 0..table.len() {
            let Scalar::DateTime(at) = *table.get(row, 0) else {
                panic!("no Timestamp")
            };
            let Scalar::DateTime(ingested) = table.ingestion_time(row) else {
                panic!("no ingestion time")
            };
            let delay = (ingested - at) / second;
            assert!((60..=2_400).contains(&delay), "row {row}: {delay} s");
        }
    }
}
