//! Builds one table of the real schema row by row; columns a row does not set are null.

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::{ColumnDef, Scalar, Table};
use crate::results::ColumnKind;

pub struct TableBuilder {
    columns: Vec<ColumnDef>,
    index: HashMap<String, usize>,
    data: Vec<Vec<Scalar>>,
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
            strings: HashMap::new(),
        }
    }

    /// Starts a row at `ticks`; set its fields with [`TableBuilder::set`].
    pub fn row(&mut self, ticks: i64) -> &mut Self {
        for column in &mut self.data {
            column.push(Scalar::Null);
        }
        self.set("Timestamp", Scalar::DateTime(ticks))
    }

    pub fn set(&mut self, name: &str, value: Scalar) -> &mut Self {
        if let Some(&i) = self.index.get(name) {
            let value = match (self.columns[i].kind, value) {
                (ColumnKind::Int | ColumnKind::Long, Scalar::Real(x)) => Scalar::Long(x as i64),
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
        let table = Table::new(self.columns, self.data);
        match table.column_index("Timestamp") {
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
