//! The chart view of a tab's result: the chart a run's `render` asked for (or the one chosen
//! in the picker), over the rows the grid shows, redrawn when a sort or filter changes them.
//! A cursor walks the x values with a readout of the exact values there; Enter goes back to
//! the grid on that point's row; two marks on a timechart narrow the query to their range.

mod actions;
pub mod picker;

use crate::chart::{ChartError, ChartModel, ChartSpec, Crosshair, XKind};
use crate::results::{ResultSet, TableView, Value};

#[derive(Clone, Debug)]
pub struct ChartView {
    pub spec: ChartSpec,
    /// The chart of the rows shown, or why there is none (a filter that hides every row).
    pub model: Result<ChartModel, ChartError>,
    /// The table view's generation the model was built for.
    built_for: u64,
    /// Every distinct x, in order, and the one under the cursor.
    pub stops: Vec<f64>,
    pub cursor: usize,
    /// Marked ends of a time range: where drawn, and the exact timestamp (ticks).
    pub marks: Vec<(f64, i64)>,
}

impl ChartView {
    /// The chart `spec` asks for over the rows `table` shows; a kind kqlhunt does not draw,
    /// or columns the result lacks, come back as the error to say.
    pub fn open(
        spec: ChartSpec,
        result: &ResultSet,
        table: &TableView,
        max_series: usize,
    ) -> Result<ChartView, ChartError> {
        crate::chart::roles(&spec, result)?;
        let mut view = ChartView {
            spec,
            model: Err(ChartError::NoRows),
            built_for: 0,
            stops: Vec::new(),
            cursor: 0,
            marks: Vec::new(),
        };
        view.build(result, table, max_series);
        Ok(view)
    }

    fn build(&mut self, result: &ResultSet, table: &TableView, max_series: usize) {
        let rows = table.rows(result);
        self.model = ChartModel::build(&self.spec, result, &rows, max_series);
        self.built_for = table.shown_generation();
        let x = self.x();
        self.stops = self
            .model
            .as_ref()
            .map(ChartModel::stops)
            .unwrap_or_default();
        // The cursor stays on its x where it is still shown.
        self.cursor = x
            .and_then(|x| self.stops.iter().position(|s| s.to_bits() == x.to_bits()))
            .unwrap_or(0);
        self.marks.clear();
    }

    /// Builds the chart again if the grid's rows changed since (a sort or filter answered).
    pub fn refresh(&mut self, result: &ResultSet, table: &TableView, max_series: usize) {
        if table.shown_generation() != self.built_for {
            self.build(result, table, max_series);
        }
    }

    /// Puts the cursor on the x of the grid's selected row (a source row), when it is drawn:
    /// grid and chart share the selection.
    pub fn follow_row(&mut self, row: usize) {
        let Ok(model) = &self.model else {
            return;
        };
        let x = model
            .series
            .iter()
            .find_map(|s| s.points.iter().find(|p| p.row == row))
            .map(|p| p.x);
        if let Some(at) = x.and_then(|x| self.stops.iter().position(|s| s.to_bits() == x.to_bits()))
        {
            self.cursor = at;
        }
    }

    /// The x under the cursor.
    pub fn x(&self) -> Option<f64> {
        self.stops.get(self.cursor).copied()
    }

    /// The crosshair to draw: where the cursor is, the readout there, the marks.
    pub fn crosshair(&self, result: &ResultSet, local: bool) -> Option<Crosshair> {
        let model = self.model.as_ref().ok()?;
        let x = self.x()?;
        Some(Crosshair {
            x,
            readout: crate::chart::readout(model, result, x, local),
            marks: self.marks.iter().map(|m| m.0).collect(),
        })
    }

    /// The exact timestamp at the cursor: the x cell of the point's row when the x column is
    /// a datetime column (a drawn x is only close to it), else the drawn x.
    pub fn exact_time(&self, result: &ResultSet) -> Option<i64> {
        let model = self.model.as_ref().ok()?;
        if model.x_kind != XKind::Time {
            return None;
        }
        let x = self.x()?;
        let exact = crate::chart::row_at(model, x).and_then(|row| {
            let column = result.column_index(&model.x_column)?;
            match result.cell(row, column) {
                Value::DateTime(t) => Some(t),
                _ => None,
            }
        });
        Some(exact.unwrap_or(x as i64))
    }
}
