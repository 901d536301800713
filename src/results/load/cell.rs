//! One cell, pushed into its column as serde_json reads it: typed where the column's type
//! allows, kept as the text that arrived where it does not, raw JSON for dynamic columns.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::results::column::{Column, ColumnKind};

pub(super) struct CellSeed<'c> {
    pub(super) column: &'c mut Column,
    /// A string in a dynamic column holds the JSON (Log Analytics sends `"{\"city\":...}"`).
    pub(super) json_in_strings: bool,
    /// Read from a stream, not from text in memory: a cell's JSON cannot be borrowed from it.
    pub(super) streamed: bool,
}

/// A cell's JSON text, borrowed from the response in memory, or copied from a stream.
fn raw_text<'de, D: Deserializer<'de>, T>(
    d: D,
    streamed: bool,
    then: impl FnOnce(&str) -> Result<T, D::Error>,
) -> Result<T, D::Error> {
    if streamed {
        let raw: Box<RawValue> = serde::Deserialize::deserialize(d)?;
        then(raw.get())
    } else {
        let raw: &RawValue = serde::Deserialize::deserialize(d)?;
        then(raw.get())
    }
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.column.kind() {
            ColumnKind::Dynamic => {
                // Dynamic values are kept as the JSON text that arrived.
                let (column, json_in_strings) = (self.column, self.json_in_strings);
                raw_text(d, self.streamed, |raw| {
                    match raw {
                        "null" => column.push_null(),
                        quoted if json_in_strings && quoted.starts_with('"') => {
                            push_json_from_string(column, quoted)
                        }
                        json => column.push_json(json),
                    }
                    Ok(())
                })
            }
            // Numbers are read from their text, so digits a 64-bit number cannot hold (and
            // numbers beyond a double) are kept as sent rather than rounded.
            ColumnKind::Int | ColumnKind::Long | ColumnKind::Real => {
                let streamed = self.streamed;
                raw_text(d, streamed, |raw| {
                    match raw {
                        "null" => self.column.push_null(),
                        number if number.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
                            self.column.push_number_text(number)
                        }
                        other => {
                            let mut de = serde_json::Deserializer::from_str(other);
                            return de.deserialize_any(self).map_err(de::Error::custom);
                        }
                    }
                    Ok(())
                })
            }
            _ => d.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a cell value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.column.push_null();
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.column.push_bool(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.column.push_long(v);
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        match i64::try_from(v) {
            Ok(n) => self.column.push_long(n),
            // Beyond a long: keep every digit as text.
            Err(_) => self.column.push_odd(v.to_string()),
        }
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.column.push_real(v);
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.column.push_str(v);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.column.push_str(v);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let value: serde_json::Value =
            serde::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        self.column.push_json(&value.to_string());
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value: serde_json::Value =
            serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.column.push_json(&value.to_string());
        Ok(())
    }
}

/// A dynamic cell sent as a string: the JSON it holds, or, when it holds none (or JSON nested
/// deeper than serde_json reads), the string itself as a JSON string.
fn push_json_from_string(column: &mut Column, quoted: &str) {
    let Ok(text) = serde_json::from_str::<String>(quoted) else {
        return column.push_json(quoted);
    };
    match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
        Ok(_) => column.push_json(&text),
        Err(_) => column.push_json(quoted),
    }
}
