//! A cell as the grid, the record view and search show it: safe text (control characters made
//! visible), numbers right-aligned, `null` told apart from an empty string.

use crate::results::display::{preview, safe_text};
use crate::results::{ColumnKind, Value};

/// A cell as the grid shows it: safe text, right-aligned or not, null or not.
pub struct CellText {
    pub text: String,
    pub right: bool,
    pub null: bool,
}

pub fn cell_text(value: Value<'_>, kind: ColumnKind) -> CellText {
    cell_text_at(value, kind, false)
}

/// Bytes of a cell the grid draws from: far more than the widest column shows.
const SHOWN_BYTES: usize = 4096;

/// As [`cell_text_at`], from the start of a very long value only: what the grid draws.
pub fn shown_cell_text(value: Value<'_>, kind: ColumnKind, local: bool) -> CellText {
    let value = match value {
        Value::Text(s) => Value::Text(preview(s, SHOWN_BYTES).0),
        Value::Dynamic(s) => Value::Dynamic(preview(s, SHOWN_BYTES).0),
        other => other,
    };
    cell_text_at(value, kind, local)
}

/// As [`cell_text`], with timestamps in local time when `local`.
pub fn cell_text_at(value: Value<'_>, kind: ColumnKind, local: bool) -> CellText {
    let right = kind.is_numeric();
    match value {
        Value::Null => CellText {
            text: "null".into(),
            right,
            null: true,
        },
        Value::DateTime(t) => {
            let t = if local {
                let offset =
                    crate::results::datetime::local_offset_seconds(t.div_euclid(10_000_000));
                t.saturating_add(offset * 10_000_000)
            } else {
                t
            };
            let mut s = String::with_capacity(27);
            crate::results::datetime::write_ticks(&mut s, t, ' ', false);
            CellText {
                text: s,
                right: false,
                null: false,
            }
        }
        // Dynamic values on one line, whatever whitespace they arrived with, every digit as sent.
        Value::Dynamic(json) => CellText {
            text: safe_text(&crate::results::value::compact_json(json)).into_owned(),
            right: false,
            null: false,
        },
        other => CellText {
            text: safe_text(&other.to_plain()).into_owned(),
            right,
            null: false,
        },
    }
}

/// Whether a cell holds nothing: null, empty text, or an empty dynamic value.
pub fn is_empty(value: Value<'_>) -> bool {
    match value {
        Value::Null => true,
        Value::Text(s) => s.is_empty(),
        Value::Dynamic(s) => matches!(s.trim(), "" | "{}" | "[]" | "null"),
        _ => false,
    }
}
