//! A table the engine works on: named, typed columns of scalars, shared between tables, and
//! an optional selection of rows, so `where`, `sort` and `take` never copy columns.

use std::sync::Arc;

use super::scalar::Scalar;
use crate::results::{Column, ColumnKind, ResultSet};

#[derive(Clone, Debug)]
pub struct ColumnDef {
    pub name: String,
    pub kind: ColumnKind,
}

#[derive(Clone, Debug, Default)]
pub struct Table {
    pub columns: Vec<ColumnDef>,
    pub data: Vec<Arc<Vec<Scalar>>>,
    /// Rows of `data` in this table, in order; all of them when `None`.
    pub rows: Option<Arc<Vec<u32>>>,
    /// When each row of `data` was ingested (ticks): the record's hidden column that
    /// `ingestion_time()` reads. Stored tables have it; tables an operator builds anew do not.
    pub ingested: Option<Arc<Vec<i64>>>,
}

impl Table {
    pub fn new(columns: Vec<ColumnDef>, data: Vec<Vec<Scalar>>) -> Table {
        let data = data
            .into_iter()
            .zip(&columns)
            .map(|(values, def)| Arc::new(typed_values(def.kind, values)))
            .collect();
        Table {
            columns,
            data,
            rows: None,
            ingested: None,
        }
    }

    /// The same table with the ingestion time of each row of `data`.
    pub fn with_ingestion_times(mut self, ingested: Vec<i64>) -> Table {
        self.ingested = Some(Arc::new(ingested));
        self
    }

    /// When a row was ingested; null for rows an operator built (a summary, a join).
    pub fn ingestion_time(&self, row: usize) -> Scalar {
        match &self.ingested {
            Some(times) => times
                .get(self.physical(row))
                .map_or(Scalar::Null, |&t| Scalar::DateTime(t)),
            None => Scalar::Null,
        }
    }

    pub fn empty(columns: Vec<ColumnDef>) -> Table {
        let data = columns.iter().map(|_| Vec::new()).collect();
        Table::new(columns, data)
    }

    pub fn len(&self) -> usize {
        match &self.rows {
            Some(rows) => rows.len(),
            None => self.data.first().map_or(0, |c| c.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The physical index of a row.
    #[inline]
    pub fn physical(&self, row: usize) -> usize {
        match &self.rows {
            Some(rows) => rows[row] as usize,
            None => row,
        }
    }

    #[inline]
    pub fn get(&self, row: usize, column: usize) -> &Scalar {
        &self.data[column][self.physical(row)]
    }

    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The same columns with only `rows` (indexes into this table), in that order.
    pub fn select(&self, rows: Vec<u32>) -> Table {
        let rows = match &self.rows {
            Some(current) => rows.into_iter().map(|r| current[r as usize]).collect(),
            None => rows,
        };
        Table {
            columns: self.columns.clone(),
            data: self.data.clone(),
            rows: Some(Arc::new(rows)),
            ingested: self.ingested.clone(),
        }
    }

    /// One column's values for the rows of this table.
    pub fn column_values(&self, column: usize) -> Vec<Scalar> {
        match &self.rows {
            None => (*self.data[column]).clone(),
            Some(rows) => rows
                .iter()
                .map(|&r| self.data[column][r as usize].clone())
                .collect(),
        }
    }

    /// Keeps the listed columns, in that order.
    pub fn keep(&self, columns: &[usize]) -> Table {
        Table {
            columns: columns.iter().map(|&c| self.columns[c].clone()).collect(),
            data: columns.iter().map(|&c| self.data[c].clone()).collect(),
            rows: self.rows.clone(),
            ingested: self.ingested.clone(),
        }
    }

    /// Adds or replaces a column whose values follow this table's rows.
    pub fn with_column(&self, def: ColumnDef, values: Vec<Scalar>) -> Table {
        let values = typed_values(def.kind, values);
        let mut table = self.materialized();
        match table.column_index(&def.name) {
            Some(i) => {
                table.columns[i] = def;
                table.data[i] = Arc::new(values);
            }
            None => {
                table.columns.push(def);
                table.data.push(Arc::new(values));
            }
        }
        table
    }

    /// The same rows with the selection applied to the data.
    pub fn materialized(&self) -> Table {
        if self.rows.is_none() {
            return self.clone();
        }
        Table {
            columns: self.columns.clone(),
            data: (0..self.columns.len())
                .map(|c| Arc::new(self.column_values(c)))
                .collect(),
            rows: None,
            ingested: self.ingested.as_ref().map(|times| {
                Arc::new(
                    (0..self.len())
                        .map(|r| times.get(self.physical(r)).copied().unwrap_or(0))
                        .collect(),
                )
            }),
        }
    }

    /// A stored result set (the demo data) as an engine table.
    pub fn from_result_set(result: &ResultSet) -> Table {
        let columns = result
            .columns()
            .iter()
            .map(|c| ColumnDef {
                name: c.name().to_owned(),
                kind: c.kind(),
            })
            .collect();
        let mut interned: std::collections::HashMap<&str, Arc<str>> =
            std::collections::HashMap::new();
        let data = result
            .columns()
            .iter()
            .map(|column| {
                (0..result.row_count())
                    .map(|row| match column.value(row) {
                        // Repeated strings (device names, action types) share one allocation.
                        crate::results::Value::Text(s) => Scalar::String(
                            interned.entry(s).or_insert_with(|| Arc::from(s)).clone(),
                        ),
                        other => Scalar::from_value(other, column.kind()),
                    })
                    .collect()
            })
            .collect();
        Table::new(columns, data)
    }

    /// The columns a hunter sees: names in order with their types, a column of no declared
    /// type typed by its values as [`Table::to_result_set`] serves it.
    pub fn schema(&self) -> Vec<(String, ColumnKind)> {
        (0..self.columns.len())
            .map(|c| (self.columns[c].name.clone(), self.result_kind(c)))
            .collect()
    }

    fn result_kind(&self, column: usize) -> ColumnKind {
        match self.columns[column].kind {
            ColumnKind::Unknown => infer_kind(self, column),
            kind => kind,
        }
    }

    /// The engine's answer as a result set the API layer can serve.
    pub fn to_result_set(&self) -> ResultSet {
        let columns = self
            .columns
            .iter()
            .enumerate()
            .map(|(c, def)| {
                let kind = self.result_kind(c);
                let mut column = Column::new(def.name.clone(), api_type_name(kind));
                for row in 0..self.len() {
                    push_scalar(&mut column, self.get(row, c));
                }
                column
            })
            .collect();
        ResultSet::from_columns(columns).unwrap_or_default()
    }
}

/// A column's values as its type holds them: the string type has no null, so a missing string
/// (the unmatched side of a join, a table of a union without the column, a `parse` that did not
/// match) is the empty string; numbers take the column's numeric type. Every table the engine
/// builds passes here.
pub fn typed_values(kind: ColumnKind, mut values: Vec<Scalar>) -> Vec<Scalar> {
    let fits = |v: &Scalar| match kind {
        ColumnKind::Text => matches!(v, Scalar::String(_)),
        ColumnKind::Dynamic | ColumnKind::Unknown => true,
        // A dynamic value in a column of another type is converted to it (`iff` with a
        // dynamic branch takes the other branch's type).
        _ if matches!(v, Scalar::Dynamic(_)) => false,
        ColumnKind::Real => !matches!(v, Scalar::Long(_) | Scalar::String(_)),
        ColumnKind::Int | ColumnKind::Long => !matches!(v, Scalar::Real(_) | Scalar::String(_)),
        ColumnKind::TimeSpan => !matches!(v, Scalar::Long(_)),
        _ => true,
    };
    if values.iter().all(fits) {
        return values;
    }
    for value in values.iter_mut().filter(|v| !fits(v)) {
        *value = match (kind, &*value) {
            // One shared empty string: a sparse demo table has millions of missing strings.
            (ColumnKind::Text, Scalar::Null) => Scalar::String(empty_string()),
            _ => super::sources::coerce(std::mem::replace(value, Scalar::Null), kind),
        };
    }
    values
}

fn empty_string() -> Arc<str> {
    static EMPTY: std::sync::OnceLock<Arc<str>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Arc::from("")).clone()
}

fn infer_kind(table: &Table, column: usize) -> ColumnKind {
    (0..table.len())
        .map(|r| table.get(r, column))
        .find(|v| !v.is_null())
        .map_or(ColumnKind::Text, Scalar::kind)
}

/// The schema type names the hunting APIs use.
pub fn api_type_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::DateTime => "DateTime",
        ColumnKind::Text | ColumnKind::Unknown => "String",
        ColumnKind::Int => "Int32",
        ColumnKind::Long => "Int64",
        ColumnKind::Real => "Double",
        ColumnKind::Bool => "Boolean",
        ColumnKind::Dynamic => "Object",
        ColumnKind::Guid => "Guid",
        ColumnKind::TimeSpan => "TimeSpan",
    }
}

fn push_scalar(column: &mut Column, value: &Scalar) {
    use crate::results::Value;
    match value {
        Scalar::Null => column.push_value(Value::Null),
        Scalar::Bool(b) => column.push_value(Value::Bool(*b)),
        Scalar::Long(n) => column.push_value(Value::Long(*n)),
        Scalar::Real(x) => column.push_value(Value::Real(*x)),
        Scalar::DateTime(t) => column.push_value(Value::DateTime(*t)),
        Scalar::Timespan(t) => column.push_value(Value::Text(&super::scalar::format_timespan(*t))),
        Scalar::String(s) => column.push_value(Value::Text(s)),
        Scalar::Dynamic(j) => column.push_value(Value::Dynamic(&j.to_string())),
    }
}
