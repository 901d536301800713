//! One column of a result set: its name, the type the server declared, and its cells stored
//! by type (one vector per column), so 100,000 rows cost a few flat allocations.

use std::sync::Arc;

use super::value::Value;

/// What the server said a column holds, mapped to how kqlhunt stores and shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    DateTime,
    Text,
    /// KQL's 32-bit `int`, a type of its own beside `long` (its values are held as i64).
    Int,
    Long,
    Real,
    Bool,
    Dynamic,
    Guid,
    TimeSpan,
    /// A type kqlhunt does not know: its values are kept and shown as text.
    Unknown,
}

impl ColumnKind {
    /// Maps the API's type names (`Int64`, `SByte`, `Object`, ...) and KQL's own (`long`,
    /// `bool`, `dynamic`, ...) case-insensitively.
    pub fn from_type_name(name: &str) -> ColumnKind {
        match name.to_ascii_lowercase().as_str() {
            "datetime" | "date" | "system.datetime" => ColumnKind::DateTime,
            "string" | "system.string" => ColumnKind::Text,
            "int32" | "int16" | "int" | "system.int32" => ColumnKind::Int,
            "int64" | "long" | "byte" | "system.int64" => ColumnKind::Long,
            "double" | "real" | "single" | "decimal" | "float" | "system.double" => {
                ColumnKind::Real
            }
            "boolean" | "bool" | "sbyte" | "system.boolean" | "system.sbyte" => ColumnKind::Bool,
            "object" | "dynamic" | "system.object" => ColumnKind::Dynamic,
            "guid" | "system.guid" => ColumnKind::Guid,
            "timespan" | "system.timespan" => ColumnKind::TimeSpan,
            _ => ColumnKind::Unknown,
        }
    }

    /// The KQL name of the type, as `datatable` and the schema pane write it.
    pub fn kql_name(self) -> &'static str {
        match self {
            ColumnKind::DateTime => "datetime",
            ColumnKind::Text | ColumnKind::Unknown => "string",
            ColumnKind::Int => "int",
            ColumnKind::Long => "long",
            ColumnKind::Real => "real",
            ColumnKind::Bool => "bool",
            ColumnKind::Dynamic => "dynamic",
            ColumnKind::Guid => "guid",
            ColumnKind::TimeSpan => "timespan",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, ColumnKind::Int | ColumnKind::Long | ColumnKind::Real)
    }
}

/// The strings of one column. A cell is a span either of the response text the column was
/// loaded from (shared by all columns, never copied) or of the column's own buffer, used for
/// strings that had escapes and for columns built in memory.
#[derive(Clone, Debug, Default)]
pub struct TextStore {
    source: Option<Arc<String>>,
    /// Start of each cell; [`OWN`] set means it is in `own`.
    starts: Vec<u64>,
    lens: Vec<u32>,
    own: String,
}

const OWN: u64 = 1 << 63;

impl TextStore {
    pub fn push(&mut self, text: &str) {
        if let Some(source) = &self.source {
            let base = source.as_ptr() as usize;
            let at = (text.as_ptr() as usize).wrapping_sub(base);
            if at <= source.len()
                && text.len() <= source.len() - at
                && text.len() <= u32::MAX as usize
            {
                self.starts.push(at as u64);
                self.lens.push(text.len() as u32);
                return;
            }
        }
        self.push_own(text);
    }

    fn push_own(&mut self, text: &str) {
        // A cell longer than 4 GiB cannot come from a hunting API (results stop at 124 MB).
        let text = &text[..text.len().min(u32::MAX as usize)];
        self.starts.push(self.own.len() as u64 | OWN);
        self.lens.push(text.len() as u32);
        self.own.push_str(text);
    }

    pub fn get(&self, index: usize) -> &str {
        let (start, len) = (self.starts[index], self.lens[index] as usize);
        let (text, at) = if start & OWN != 0 {
            (self.own.as_str(), (start & !OWN) as usize)
        } else {
            (
                self.source.as_deref().map_or("", String::as_str),
                start as usize,
            )
        };
        text.get(at..at + len).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn reserve(&mut self, cells: usize) {
        self.starts.reserve(cells);
        self.lens.reserve(cells);
    }

    /// Bytes held by this column alone (the shared response text is counted once, by the
    /// result set).
    fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 8 + self.lens.capacity() * 4 + self.own.capacity()
    }

    fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.own.shrink_to_fit();
    }
}

/// Typed cell storage. Every vector has one slot per row, nulls included.
#[derive(Clone, Debug)]
pub(crate) enum Cells {
    Long(Vec<i64>),
    Real(Vec<f64>),
    Bool(Vec<bool>),
    /// 100 ns ticks since the Unix epoch.
    Ticks(Vec<i64>),
    /// Text, Guid, TimeSpan and unknown types; raw JSON for dynamic columns.
    Text(TextStore),
}

/// Per-cell state: a null, a value of the column's type, or a value whose JSON type disagreed
/// with the column's declared type, kept verbatim in `Column::odd`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum CellState {
    Null,
    Typed,
    Odd,
    /// A JSON number the column's type cannot hold exactly, its text kept as sent.
    OddNumber,
}

#[derive(Clone, Debug)]
pub struct Column {
    name: String,
    declared_type: String,
    kind: ColumnKind,
    pub(crate) state: Vec<CellState>,
    pub(crate) cells: Cells,
    /// Values that did not fit the declared type, in row order: (row, text as received).
    pub(crate) odd: Vec<(usize, String)>,
}

impl Column {
    pub fn new(name: impl Into<String>, declared_type: impl Into<String>) -> Column {
        let declared_type = declared_type.into();
        let kind = ColumnKind::from_type_name(&declared_type);
        let cells = match kind {
            ColumnKind::Int | ColumnKind::Long => Cells::Long(Vec::new()),
            ColumnKind::Real => Cells::Real(Vec::new()),
            ColumnKind::Bool => Cells::Bool(Vec::new()),
            ColumnKind::DateTime => Cells::Ticks(Vec::new()),
            _ => Cells::Text(TextStore::default()),
        };
        Column {
            name: name.into(),
            declared_type,
            kind,
            state: Vec::new(),
            cells,
            odd: Vec::new(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The type name as the server wrote it (`Int64`, `SByte`, `Object`, ...).
    pub fn declared_type(&self) -> &str {
        &self.declared_type
    }

    pub fn kind(&self) -> ColumnKind {
        self.kind
    }

    pub fn len(&self) -> usize {
        self.state.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.is_empty()
    }

    /// The value of one cell. Panics only on a row index out of range, a caller's bug.
    pub fn value(&self, row: usize) -> Value<'_> {
        match self.state[row] {
            CellState::Null => Value::Null,
            CellState::Odd | CellState::OddNumber => Value::Text(self.odd_text(row)),
            CellState::Typed => match &self.cells {
                Cells::Long(v) => Value::Long(v[row]),
                Cells::Real(v) => Value::Real(v[row]),
                Cells::Bool(v) => Value::Bool(v[row]),
                Cells::Ticks(v) => Value::DateTime(v[row]),
                Cells::Text(t) if self.kind == ColumnKind::Dynamic => Value::Dynamic(t.get(row)),
                Cells::Text(t) => Value::Text(t.get(row)),
            },
        }
    }

    fn odd_text(&self, row: usize) -> &str {
        let at = self.odd.partition_point(|(r, _)| *r < row);
        &self.odd[at].1
    }

    /// The text of a number the column's type could not hold, exactly as the service sent it
    /// (`18446744073709551616` in a long column), for writers that keep numbers as numbers.
    pub fn number_as_sent(&self, row: usize) -> Option<&str> {
        (self.state[row] == CellState::OddNumber).then(|| self.odd_text(row))
    }

    /// A JSON number from its text: typed where the column's type holds it, its digits kept
    /// as sent where not (integers beyond 64 bits, numbers beyond a double, fractions in a
    /// long column).
    pub(crate) fn push_number_text(&mut self, text: &str) {
        let integer = !text.contains(['.', 'e', 'E']);
        let typed = match &mut self.cells {
            Cells::Long(v) => {
                let n = if integer {
                    text.parse::<i64>().ok()
                } else {
                    // `5.0` and `1e3` are whole numbers a long holds exactly.
                    text.parse::<f64>()
                        .ok()
                        .filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15)
                        .map(|x| x as i64)
                };
                n.map(|n| v.push(n)).is_some()
            }
            Cells::Real(v) => {
                let x = if integer {
                    text.parse::<i64>().ok().map(|n| n as f64)
                } else {
                    text.parse::<f64>().ok().filter(|x| x.is_finite())
                };
                x.map(|x| v.push(x)).is_some()
            }
            _ => return self.push_odd(text.to_owned()),
        };
        if typed {
            self.state.push(CellState::Typed);
        } else {
            self.odd.push((self.state.len(), text.to_owned()));
            self.state.push(CellState::OddNumber);
            self.push_default();
        }
    }

    /// A Kusto decimal sent as text: a number while a double holds it exactly (15 significant
    /// digits), its digits kept as sent beyond that, as for a long past 64 bits.
    pub(crate) fn push_decimal(&mut self, text: &str) {
        let digits = text
            .trim_start_matches(['-', '+'])
            .split(['e', 'E'])
            .next()
            .unwrap_or("")
            .replace('.', "");
        let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
        let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if numeric && significant > 15 && matches!(self.cells, Cells::Real(_)) {
            self.odd.push((self.state.len(), text.to_owned()));
            self.state.push(CellState::OddNumber);
            self.push_default();
        } else {
            self.push_str(text);
        }
    }

    pub(crate) fn push_null(&mut self) {
        self.state.push(CellState::Null);
        self.push_default();
    }

    /// Keeps a value of the wrong JSON type as the text that arrived.
    pub(crate) fn push_odd(&mut self, text: String) {
        self.odd.push((self.state.len(), text));
        self.state.push(CellState::Odd);
        self.push_default();
    }

    fn push_default(&mut self) {
        match &mut self.cells {
            Cells::Long(v) | Cells::Ticks(v) => v.push(0),
            Cells::Real(v) => v.push(0.0),
            Cells::Bool(v) => v.push(false),
            Cells::Text(t) => t.push(""),
        }
    }

    pub(crate) fn push_long(&mut self, n: i64) {
        match &mut self.cells {
            Cells::Long(v) => v.push(n),
            Cells::Real(v) => v.push(n as f64),
            // SByte booleans arrive as 0 and 1.
            Cells::Bool(v) if n == 0 || n == 1 => v.push(n == 1),
            Cells::Text(t) => t.push(&n.to_string()),
            _ => return self.push_odd(n.to_string()),
        }
        self.state.push(CellState::Typed);
    }

    pub(crate) fn push_real(&mut self, x: f64) {
        match &mut self.cells {
            Cells::Real(v) => v.push(x),
            Cells::Long(v) if x.fract() == 0.0 && x.abs() < 9.0e15 => v.push(x as i64),
            _ => return self.push_odd(x.to_string()),
        }
        self.state.push(CellState::Typed);
    }

    pub(crate) fn push_bool(&mut self, b: bool) {
        match &mut self.cells {
            Cells::Bool(v) => v.push(b),
            _ => return self.push_odd(b.to_string()),
        }
        self.state.push(CellState::Typed);
    }

    pub(crate) fn push_ticks(&mut self, ticks: i64) {
        match &mut self.cells {
            Cells::Ticks(v) => v.push(ticks),
            _ => return self.push_odd(super::datetime::format_ticks(ticks)),
        }
        self.state.push(CellState::Typed);
    }

    /// A JSON string: parsed into the column's type where it has one (DateTime, numbers sent
    /// as strings), kept as text otherwise.
    pub(crate) fn push_str(&mut self, s: &str) {
        match &mut self.cells {
            Cells::Text(t) if self.kind == ColumnKind::Dynamic => {
                // A dynamic column keeps JSON text; a bare string becomes a JSON string.
                t.push(&serde_json::to_string(s).unwrap_or_default());
            }
            Cells::Text(t) => t.push(s),
            Cells::Ticks(v) => match super::datetime::parse_ticks(s) {
                Some(ticks) => v.push(ticks),
                None => return self.push_odd(s.to_owned()),
            },
            Cells::Long(v) => match s.parse::<i64>() {
                Ok(n) => v.push(n),
                Err(_) => return self.push_odd(s.to_owned()),
            },
            Cells::Real(v) => match s.parse::<f64>() {
                Ok(x) => v.push(x),
                Err(_) => return self.push_odd(s.to_owned()),
            },
            Cells::Bool(v) => match s.to_ascii_lowercase().as_str() {
                "true" | "1" => v.push(true),
                "false" | "0" => v.push(false),
                _ => return self.push_odd(s.to_owned()),
            },
        }
        self.state.push(CellState::Typed);
    }

    /// JSON text of an array or object (or any value of a dynamic column).
    pub(crate) fn push_json(&mut self, json: &str) {
        match &mut self.cells {
            Cells::Text(t) if self.kind == ColumnKind::Dynamic => t.push(json),
            _ => return self.push_odd(json.to_owned()),
        }
        self.state.push(CellState::Typed);
    }

    /// Pushes any value, converting where the column's type allows.
    pub fn push_value(&mut self, value: Value<'_>) {
        match value {
            Value::Null => self.push_null(),
            Value::Bool(b) => self.push_bool(b),
            Value::Long(n) => self.push_long(n),
            Value::Real(x) => self.push_real(x),
            Value::DateTime(t) => self.push_ticks(t),
            Value::Text(s) => self.push_str(s),
            Value::Dynamic(j) => self.push_json(j),
        }
    }

    pub fn heap_bytes(&self) -> usize {
        let cells = match &self.cells {
            Cells::Long(v) | Cells::Ticks(v) => v.capacity() * 8,
            Cells::Real(v) => v.capacity() * 8,
            Cells::Bool(v) => v.capacity(),
            Cells::Text(t) => t.heap_bytes(),
        };
        cells
            + self.state.capacity()
            + self
                .odd
                .iter()
                .map(|(_, s)| s.capacity() + 32)
                .sum::<usize>()
    }

    /// Roughly how many bytes of JSON a cell took, for sizing the columns while loading.
    pub(crate) fn json_len_estimate(&self, row: usize) -> usize {
        match (&self.cells, self.state[row]) {
            (_, CellState::Null) => 4,
            (Cells::Text(t), CellState::Typed) => t.get(row).len() + 2,
            (Cells::Ticks(_), CellState::Typed) => 30,
            _ => 8,
        }
    }

    /// Reserves room for `more` rows like the ones loaded so far.
    pub(crate) fn reserve_like_sample(&mut self, more: usize) {
        self.state.reserve(more);
        match &mut self.cells {
            Cells::Long(v) | Cells::Ticks(v) => v.reserve(more),
            Cells::Real(v) => v.reserve(more),
            Cells::Bool(v) => v.reserve(more),
            Cells::Text(t) => t.reserve(more),
        }
    }

    /// Lets text cells point into the response text instead of copying it.
    pub(crate) fn read_text_from(&mut self, source: &Arc<String>) {
        if let Cells::Text(t) = &mut self.cells {
            t.source = Some(source.clone());
        }
    }

    /// The response text this column's cells point into, if any.
    pub(crate) fn source(&self) -> Option<&Arc<String>> {
        match &self.cells {
            Cells::Text(t) => t.source.as_ref(),
            _ => None,
        }
    }

    /// Drops every cell, keeping the name, the type and the room: the next batch of a streamed
    /// response fills it again.
    pub(crate) fn clear_rows(&mut self) {
        self.state.clear();
        self.odd.clear();
        match &mut self.cells {
            Cells::Long(v) | Cells::Ticks(v) => v.clear(),
            Cells::Real(v) => v.clear(),
            Cells::Bool(v) => v.clear(),
            Cells::Text(t) => {
                t.starts.clear();
                t.lens.clear();
                t.own.clear();
            }
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.state.shrink_to_fit();
        match &mut self.cells {
            Cells::Long(v) | Cells::Ticks(v) => v.shrink_to_fit(),
            Cells::Real(v) => v.shrink_to_fit(),
            Cells::Bool(v) => v.shrink_to_fit(),
            Cells::Text(t) => t.shrink_to_fit(),
        }
    }
}
