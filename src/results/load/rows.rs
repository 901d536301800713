//! The rows of a response, read cell by cell into their table's columns: the row array, one
//! row (positional or keyed by column name), and a cell under a name the schema did not give.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::cell::CellSeed;
use super::Table;

pub(super) struct RowsSeed<'t> {
    pub(super) table: &'t mut Table,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of result rows")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(RowSeed { table: self.table })?
            .is_some()
        {}
        Ok(())
    }
}

pub(super) struct RowSeed<'t> {
    pub(super) table: &'t mut Table,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a result row (an object keyed by column name)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let table = self.table;
        let row = table.rows;
        let (mut expected, mut filled) = (0, 0);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let index = table.column_for(&key, expected);
            expected = index + 1;
            let column = &mut table.columns[index];
            if column.len() > row {
                // The same key twice in one row: the first value stands.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(CellSeed {
                column,
                json_in_strings: false,
                streamed: table.streamed,
            })?;
            filled += 1;
        }
        // Columns the row did not mention get a null.
        table.end_row(filled);
        Ok(())
    }

    /// Rows written as arrays, positionally, as some exports do. Values beyond the schema get
    /// columns of their own, made only when such a value is there.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let table = self.table;
        let mut index = 0;
        loop {
            let more = if index < table.columns.len() {
                let (json_in_strings, streamed) = (table.json_in_strings, table.streamed);
                let column = &mut table.columns[index];
                seq.next_element_seed(CellSeed {
                    column,
                    json_in_strings,
                    streamed,
                })?
            } else {
                seq.next_element_seed(ExtraCellSeed {
                    table: &mut *table,
                    index,
                })?
            };
            if more.is_none() {
                break;
            }
            index += 1;
        }
        table.end_row(index);
        Ok(())
    }
}

/// A positional value past the last column: its column is added once the value is there.
pub(super) struct ExtraCellSeed<'t> {
    pub(super) table: &'t mut Table,
    pub(super) index: usize,
}

impl<'de> DeserializeSeed<'de> for ExtraCellSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let column = self.table.add_positional_column(self.index);
        CellSeed {
            column: &mut self.table.columns[column],
            json_in_strings: self.table.json_in_strings,
            streamed: self.table.streamed,
        }
        .deserialize(d)
    }
}

pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

pub(super) struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_owned()))
    }
}
