//! Log Analytics' `tables`: `[{name, columns: [{name, type}], rows: [[...], ...]}, ...]`. The
//! first table is the primary result (the service calls it `PrimaryResult`); the rest are
//! read past. Rows are positional, and dynamic cells arrive as strings holding JSON.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{KeySeed, RowsSeed, SchemaColumn, Table};
use crate::results::column::Column;

/// Reads the `tables` array into the primary table's columns.
pub(super) struct PrimaryTable<'s> {
    pub(super) source: &'s Arc<String>,
}

impl<'de> DeserializeSeed<'de> for PrimaryTable<'_> {
    type Value = Vec<Column>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Column>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PrimaryTable<'_> {
    type Value = Vec<Column>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of tables")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<Column>, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Column>, A::Error> {
        let primary = seq
            .next_element_seed(OneTable {
                source: self.source,
            })?
            .unwrap_or_default();
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(primary)
    }
}

struct OneTable<'s> {
    source: &'s Arc<String>,
}

impl<'de> DeserializeSeed<'de> for OneTable<'_> {
    type Value = Vec<Column>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Column>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OneTable<'_> {
    type Value = Vec<Column>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table with columns and rows")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Column>, A::Error> {
        let mut columns: Option<Vec<Column>> = None;
        let mut filled: Option<Vec<Column>> = None;
        // Rows before the columns: kept as their bytes and read once the columns are known.
        let mut early_rows: Option<&'de RawValue> = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key.eq_ignore_ascii_case("columns") {
                let schema: Vec<SchemaColumn> = map.next_value()?;
                columns = Some(
                    schema
                        .into_iter()
                        .map(|c| Column::new(c.name, c.kind))
                        .collect(),
                );
            } else if key.eq_ignore_ascii_case("rows") {
                match columns.take() {
                    Some(known) => {
                        let mut table = self.table(known);
                        map.next_value_seed(RowsSeed { table: &mut table })?;
                        filled = Some(table.finish());
                    }
                    None => early_rows = Some(map.next_value()?),
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if let Some(done) = filled {
            return Ok(done);
        }
        let mut table = self.table(columns.unwrap_or_default());
        if let Some(raw) = early_rows {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            RowsSeed { table: &mut table }
                .deserialize(&mut de)
                .map_err(de::Error::custom)?;
        }
        Ok(table.finish())
    }
}

impl OneTable<'_> {
    fn table(&self, columns: Vec<Column>) -> Table {
        let mut table = Table::new(columns, self.source);
        table.json_in_strings = true;
        table
    }
}
