//! The picker a result without `render` is charted through: the kind, x, y and series
//! columns, first as Kusto would infer them for a timechart (a columnchart when there is no
//! timestamp), each changeable before drawing.

use crate::chart::{roles, ChartSpec, Visualization, DRAWABLE};
use crate::results::{ColumnKind, ResultSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// The choice being changed: 0 kind, 1 x, 2 y, 3 series.
    pub field: usize,
    /// Index into [`DRAWABLE`].
    pub kind: usize,
    pub x: usize,
    pub y: usize,
    pub series: Option<usize>,
}

pub const FIELDS: [&str; 4] = ["kind", "x", "y", "series"];

impl Picker {
    /// What Kusto's inference gives for the result.
    pub fn inferred(result: &ResultSet) -> Picker {
        let timed = result
            .columns()
            .iter()
            .any(|c| c.kind() == ColumnKind::DateTime);
        let kind = if timed {
            Visualization::TimeChart
        } else {
            Visualization::ColumnChart
        };
        let at = DRAWABLE.iter().position(|k| *k == kind).unwrap_or(0);
        match roles(&ChartSpec::of(kind), result) {
            Ok(found) => Picker {
                field: 0,
                kind: at,
                x: found.x,
                y: found.ys.first().copied().unwrap_or(0),
                series: found.series.first().copied(),
            },
            Err(_) => Picker {
                field: 0,
                kind: at,
                x: 0,
                y: result.column_count().saturating_sub(1),
                series: None,
            },
        }
    }

    pub fn kind(&self) -> &Visualization {
        &DRAWABLE[self.kind % DRAWABLE.len()]
    }

    /// The render the choices make.
    pub fn spec(&self, result: &ResultSet) -> ChartSpec {
        let name = |c: usize| result.columns().get(c).map(|c| c.name().to_owned());
        let mut spec = ChartSpec::of(self.kind().clone());
        spec.xcolumn = name(self.x);
        spec.ycolumns = name(self.y).into_iter().collect();
        spec.series = self.series.and_then(name).into_iter().collect();
        spec
    }

    /// The next (`by` 1) or previous value of the field being changed.
    pub fn change(&mut self, by: isize, result: &ResultSet) {
        let step = |at: usize, count: usize| -> usize {
            (at as isize + by).rem_euclid(count.max(1) as isize) as usize
        };
        let columns = result.column_count();
        match self.field {
            0 => self.kind = step(self.kind, DRAWABLE.len()),
            1 => self.x = step(self.x, columns),
            2 => {
                // Numbers only, when there are any.
                let numeric: Vec<usize> = (0..columns)
                    .filter(|&c| result.column(c).kind().is_numeric())
                    .collect();
                let choices = if numeric.is_empty() {
                    (0..columns).collect()
                } else {
                    numeric
                };
                let at = choices.iter().position(|&c| c == self.y).unwrap_or(0);
                self.y = choices.get(step(at, choices.len())).copied().unwrap_or(0);
            }
            _ => {
                // None first, then every text column.
                let mut choices: Vec<Option<usize>> = vec![None];
                choices.extend(
                    (0..columns)
                        .filter(|&c| {
                            matches!(result.column(c).kind(), ColumnKind::Text | ColumnKind::Guid)
                        })
                        .map(Some),
                );
                let at = choices.iter().position(|c| *c == self.series).unwrap_or(0);
                self.series = choices[step(at, choices.len())];
            }
        }
    }

    /// Each choice's name and value, for the picker's lines.
    pub fn lines(&self, result: &ResultSet) -> Vec<(&'static str, String)> {
        let name = |c: usize| {
            result
                .columns()
                .get(c)
                .map_or_else(String::new, |c| c.name().to_owned())
        };
        vec![
            (FIELDS[0], self.kind().name().to_owned()),
            (FIELDS[1], name(self.x)),
            (FIELDS[2], name(self.y)),
            (
                FIELDS[3],
                self.series.map_or_else(|| "(none)".to_owned(), name),
            ),
        ]
    }
}
