//! What the chart keys do to the workbench: open and close the chart, walk its cursor, go back
//! to the grid at a point, mark a time range and narrow the query to it.

use super::picker::Picker;
use super::ChartView;
use crate::chart::{ChartSpec, XKind};
use crate::ui::app::{App, Command, Focus};
use crate::ui::keymap::{Action, ChartAction, PickerAction, Scope};
use crate::ui::notices::Level;

impl App {
    /// The chart key: back to the table when the chart shows; else the run's render, or the
    /// picker when the query rendered nothing.
    pub(in crate::ui) fn toggle_chart(&mut self) {
        if self.view.chart.take().is_some() || self.view.picker.take().is_some() {
            return;
        }
        let Some(result) = self.view.result.clone() else {
            self.notify(Level::Error, "no result to chart: run a query first".into());
            return;
        };
        match self.view.render.clone() {
            Some(spec) => self.open_chart(spec),
            None => self.view.picker = Some(Picker::inferred(&result)),
        }
    }

    /// Shows `spec`'s chart of the rows shown, or says why it cannot and keeps the table.
    pub(in crate::ui) fn open_chart(&mut self, spec: ChartSpec) {
        let Some(result) = self.view.result.clone() else {
            return;
        };
        match ChartView::open(spec, &result, &self.view.table, self.chart_series) {
            Ok(mut chart) => {
                chart.follow_row(self.view.table.source_row(self.view.grid.row));
                self.view.chart = Some(chart);
                self.focus = Focus::Results;
            }
            Err(e) => self.notify(Level::Error, e.to_string()),
        }
    }

    /// A key while the chart or its picker holds the results pane: theirs first.
    pub(in crate::ui) fn chart_key(
        &mut self,
        key: &ratatui::crossterm::event::KeyEvent,
    ) -> Option<Option<Command>> {
        let scope = if self.view.picker.is_some() {
            Scope::ChartPicker
        } else if self.view.chart.is_some() {
            Scope::Chart
        } else {
            return None;
        };
        match self.keymap.in_mode(key, scope) {
            Some(action) => Some(self.apply(action)),
            // The picker holds the keyboard; the chart lets the grid's keys (sort, filter) by.
            None if scope == Scope::ChartPicker => match self.keymap.action(key, None) {
                Some(global) if scope.lets_through(global) => Some(self.apply(global)),
                _ => Some(None),
            },
            None => None,
        }
    }

    pub(in crate::ui) fn picker_action(&mut self, action: PickerAction) {
        let (Some(picker), Some(result)) = (self.view.picker.as_mut(), self.view.result.clone())
        else {
            return;
        };
        match action {
            PickerAction::Field(by) => {
                picker.field = (picker.field as isize + by).rem_euclid(4) as usize;
            }
            PickerAction::Change(by) => picker.change(by, &result),
            PickerAction::Draw => {
                let spec = picker.spec(&result);
                self.view.picker = None;
                self.open_chart(spec);
            }
            PickerAction::Close => self.view.picker = None,
        }
    }

    pub(in crate::ui) fn chart_action(&mut self, action: ChartAction) -> Option<Command> {
        let result = self.view.result.clone()?;
        let chart = self.view.chart.as_mut()?;
        match action {
            ChartAction::Cursor(step) => {
                chart.cursor = step.clamped(chart.cursor, chart.stops.len());
            }
            ChartAction::JumpToRow => {
                let model = chart.model.as_ref().ok()?;
                let row = crate::chart::row_at(model, chart.x()?)?;
                let column = result.column_index(&model.x_column).unwrap_or(0);
                let at = self
                    .view
                    .table
                    .rows(&result)
                    .iter()
                    .position(|r| *r == row)?;
                self.view.chart = None;
                let size = self.grid_size();
                self.view.select(at, column, size);
                self.focus = Focus::Results;
            }
            ChartAction::MarkRange => {
                let Some(ticks) = chart.exact_time(&result) else {
                    self.notify(
                        Level::Error,
                        "a time range is marked on a timechart's time axis".into(),
                    );
                    return None;
                };
                if chart.marks.len() == 2 {
                    chart.marks.clear();
                }
                chart.marks.push((chart.x()?, ticks));
                let narrow = self
                    .keymap
                    .first_key(Action::Chart(ChartAction::NarrowToRange));
                let note = if chart.marks.len() == 1 {
                    "range start marked: move to its end and mark again".to_owned()
                } else {
                    format!("range marked: {narrow} narrows the query to it")
                };
                self.notify(Level::Info, note);
            }
            ChartAction::NarrowToRange => return self.narrow_to_range(),
        }
        None
    }

    /// `| where X between (datetime(start) .. datetime(end))` for the marked range, added to
    /// the query under the cursor and run, in one undoable step.
    fn narrow_to_range(&mut self) -> Option<Command> {
        let chart = self.view.chart.as_ref()?;
        let timed = chart.model.as_ref().is_ok_and(|m| m.x_kind == XKind::Time);
        if !timed || chart.marks.len() != 2 {
            let mark = self.keymap.first_key(Action::Chart(ChartAction::MarkRange));
            self.notify(
                Level::Error,
                format!("mark the range's start and end on a timechart first ({mark}, twice)"),
            );
            return None;
        }
        let (a, b) = (chart.marks[0].1, chart.marks[1].1);
        let at = |t: i64| crate::results::Value::DateTime(t).to_plain();
        let column = chart
            .model
            .as_ref()
            .map(|m| m.x_column.clone())
            .unwrap_or_default();
        let clause = format!(
            "{} between (datetime({}) .. datetime({}))",
            crate::ui::pivot::identifier(&column),
            at(a.min(b)),
            at(a.max(b))
        );
        self.add_where(&clause, "narrowing")
    }
}
