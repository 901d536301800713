//! The `Rows` of a v2 table: arrays of cells in column order, pushed into typed columns as
//! they are read. An object where a row belongs is the service reporting a failure in the data
//! (`{"OneApiErrors": [...]}`); the rows before it stay.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{ErrorPlace, FrameError};
use crate::results::column::{Column, ColumnKind};
use crate::results::load::cell::CellSeed;

/// What reading rows ran into besides cells, counted for one note each at the end.
#[derive(Default)]
pub(super) struct Oddities {
    pub(super) extra_values: usize,
    pub(super) odd_rows: usize,
}

pub(super) struct RowsSeed<'a> {
    pub(super) columns: &'a mut Vec<Column>,
    pub(super) table: i64,
    pub(super) errors: &'a mut Vec<FrameError>,
    pub(super) oddities: &'a mut Oddities,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(RowSeed {
                columns: &mut *self.columns,
                table: self.table,
                errors: &mut *self.errors,
                oddities: &mut *self.oddities,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct RowSeed<'a> {
    columns: &'a mut Vec<Column>,
    table: i64,
    errors: &'a mut Vec<FrameError>,
    oddities: &'a mut Oddities,
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
        f.write_str("a row (an array of cells)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let row = self.columns.first().map_or(0, Column::len);
        let mut index = 0;
        loop {
            let more = match self.columns.get_mut(index) {
                Some(column) => seq.next_element_seed(CellV2 { column })?.is_some(),
                None => {
                    let extra = seq.next_element::<IgnoredAny>()?.is_some();
                    self.oddities.extra_values += usize::from(extra);
                    extra
                }
            };
            if !more {
                break;
            }
            index += 1;
        }
        // A short row: the cells it did not give are nulls.
        for column in self.columns.iter_mut() {
            if column.len() <= row {
                column.push_null();
            }
        }
        Ok(())
    }

    /// An object in place of a row: `{"OneApiErrors": [...]}` is a failure in the data.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key.eq_ignore_ascii_case("OneApiErrors") {
                let list: serde_json::Value = map.next_value()?;
                for error in list.as_array().into_iter().flatten() {
                    self.errors.push(FrameError {
                        place: ErrorPlace::InRows { table: self.table },
                        error: error.clone(),
                    });
                    found = true;
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        self.oddities.odd_rows += usize::from(!found);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.oddities.odd_rows += 1;
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.visit_unit()
    }
}

/// One v2 cell. Dynamic cells are native JSON, kept as their text; decimals come as strings
/// and keep every digit; the rest reads as the Defender loader reads it.
struct CellV2<'c> {
    column: &'c mut Column,
}

impl<'de> DeserializeSeed<'de> for CellV2<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let column = self.column;
        if column.kind() == ColumnKind::Dynamic {
            let raw: Box<RawValue> = serde::Deserialize::deserialize(d)?;
            match raw.get() {
                "null" => column.push_null(),
                // Pretty-printed JSON would show its line breaks in a cell: keep it compact.
                json if json.contains(['\n', '\r']) => {
                    match serde_json::from_str::<serde_json::Value>(json) {
                        Ok(value) => column.push_json(&value.to_string()),
                        Err(_) => column.push_json(json),
                    }
                }
                json => column.push_json(json),
            }
            return Ok(());
        }
        if column.declared_type().eq_ignore_ascii_case("decimal") {
            return d.deserialize_any(Decimal { column });
        }
        d.deserialize_any(CellSeed {
            column,
            json_in_strings: false,
            streamed: false,
        })
    }
}

/// A Kusto decimal: a string of digits, exact to 34 of them; a double holds about 15.
struct Decimal<'c> {
    column: &'c mut Column,
}

impl<'de> Visitor<'de> for Decimal<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.column.push_decimal(v);
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        CellSeed {
            column: self.column,
            json_in_strings: false,
            streamed: false,
        }
        .visit_unit()
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.column.push_decimal(&v.to_string());
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.column.push_decimal(&v.to_string());
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        CellSeed {
            column: self.column,
            json_in_strings: false,
            streamed: false,
        }
        .visit_f64(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        CellSeed {
            column: self.column,
            json_in_strings: false,
            streamed: false,
        }
        .visit_bool(v)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        CellSeed {
            column: self.column,
            json_in_strings: false,
            streamed: false,
        }
        .visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        CellSeed {
            column: self.column,
            json_in_strings: false,
            streamed: false,
        }
        .visit_map(map)
    }
}
