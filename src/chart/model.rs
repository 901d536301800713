//! The chart as data: series of points over an x axis, with no terminal in it. Built from a
//! result, the rows the grid shows (after sort and filter) and a [`ChartSpec`]; the terminal
//! drawing, the SVG writer and `--chart` all draw this.

use super::error::ChartError;
use super::infer::roles;
use super::spec::{ChartSpec, Stacking, Visualization};
use crate::results::{ColumnKind, ResultSet};

/// What the x axis holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XKind {
    /// 100 ns ticks since the Unix epoch, UTC.
    Time,
    Number,
    /// Text (or any value shown as text): `x` is the index into [`ChartModel::categories`].
    Category,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    /// The value as the row holds it (accumulated, with `accumulate=true`).
    pub y: f64,
    /// Where it is drawn: `y`, or the top of its stack on a stacked chart.
    pub top: f64,
    /// The result's row the point came from (the first, for "other").
    pub row: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// In x order.
    pub points: Vec<Point>,
    pub total: f64,
    /// The panel it is drawn in (`ysplit=panels`: one per y column, at most five).
    pub panel: usize,
    /// Anomaly points (anomalychart), drawn as marks over the lines.
    pub anomaly: bool,
}

/// How many series a chart shows before it folds the smallest into "other".
pub const DEFAULT_SERIES: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    pub visualization: Visualization,
    pub stacking: Stacking,
    pub title: Option<String>,
    pub xtitle: String,
    pub ytitle: String,
    pub x_kind: XKind,
    pub x_column: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Series folded into "other" (0: none).
    pub folded: usize,
    pub legend: bool,
    /// Panel names (`ysplit=panels`), else one empty name.
    pub panels: Vec<String>,
    pub ymin: Option<f64>,
    pub ymax: Option<f64>,
    /// A card's fields: (column, value) of the first row.
    pub card: Vec<(String, String)>,
}

impl ChartModel {
    /// The model of `result`'s `rows` (the grid's, in its order) drawn as `spec` asks, with at
    /// most `max_series` series before the rest fold into "other".
    pub fn build(
        spec: &ChartSpec,
        result: &ResultSet,
        rows: &[usize],
        max_series: usize,
    ) -> Result<ChartModel, ChartError> {
        let roles = roles(spec, result)?;
        if rows.is_empty() {
            return Err(ChartError::NoRows);
        }
        let column = |c: usize| result.column(c);
        let name = |c: usize| crate::results::display::safe_text(column(c).name()).into_owned();
        let card = if spec.visualization == Visualization::Card {
            roles
                .ys
                .iter()
                .map(|&c| {
                    let value =
                        crate::results::view::cell_text(column(c).value(rows[0]), column(c).kind());
                    (name(c), value.text)
                })
                .collect()
        } else {
            Vec::new()
        };
        let x_kind = match column(roles.x).kind() {
            ColumnKind::DateTime => XKind::Time,
            k if k.is_numeric() => XKind::Number,
            // make-series arrays: the first element says what they hold.
            ColumnKind::Dynamic => super::series::array_kind(result, roles.x, rows),
            _ => XKind::Category,
        };
        let x_kind = match spec.visualization {
            Visualization::ColumnChart | Visualization::BarChart | Visualization::PieChart => {
                XKind::Category
            }
            _ => x_kind,
        };
        let panels_asked = spec.ysplit == super::spec::YSplit::Panels && roles.ys.len() > 1;
        let pie = spec.visualization == Visualization::PieChart;
        let extracted = super::series::extract(result, &roles, rows, x_kind, panels_asked, pie);
        let stacking = match spec.visualization {
            Visualization::StackedAreaChart if !spec.stacking.stacks() => Stacking::Stacked,
            _ => spec.stacking,
        };
        let (series, folded) = super::fold::top(extracted.series, max_series.max(1), pie);
        let mut series = series;
        if spec.accumulate {
            super::fold::accumulate(&mut series);
        }
        if stacking.stacks() {
            super::fold::stack(&mut series, stacking == Stacking::Stacked100);
        }
        let panels = if panels_asked {
            roles
                .ys
                .iter()
                .take(super::series::MAX_PANELS)
                .map(|&c| name(c))
                .collect()
        } else {
            vec![String::new()]
        };
        Ok(ChartModel {
            visualization: spec.visualization.clone(),
            stacking,
            title: spec
                .title
                .as_deref()
                .map(|t| crate::results::display::safe_text(t).into_owned()),
            xtitle: spec
                .xtitle
                .clone()
                .map(|t| crate::results::display::safe_text(&t).into_owned())
                .unwrap_or_else(|| name(roles.x)),
            ytitle: spec.ytitle.clone().map_or_else(
                || {
                    roles
                        .ys
                        .iter()
                        .map(|&c| name(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                |t| crate::results::display::safe_text(&t).into_owned(),
            ),
            x_kind,
            x_column: column(roles.x).name().to_owned(),
            categories: extracted.categories,
            series,
            folded,
            legend: spec.legend,
            panels,
            ymin: spec.ymin,
            ymax: spec.ymax,
            card,
        })
    }

    /// The smallest and largest x of every point.
    pub fn x_bounds(&self) -> Option<(f64, f64)> {
        bounds(
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.x)),
        )
    }

    /// The y range drawn: the data's (from zero for bars and stacks), `ymin`/`ymax` where set.
    pub fn y_bounds(&self, panel: usize) -> (f64, f64) {
        let data = bounds(
            self.series
                .iter()
                .filter(|s| s.panel == panel)
                .flat_map(|s| s.points.iter().map(|p| p.top)),
        )
        .unwrap_or((0.0, 1.0));
        let from_zero = !matches!(
            self.visualization,
            Visualization::LineChart
                | Visualization::TimeChart
                | Visualization::ScatterChart
                | Visualization::AnomalyChart
        ) || self.stacking.stacks();
        let low = if from_zero { data.0.min(0.0) } else { data.0 };
        let (low, high) = (self.ymin.unwrap_or(low), self.ymax.unwrap_or(data.1));
        if high > low {
            (low, high)
        } else {
            (low - 1.0, low + 1.0)
        }
    }

    /// Every distinct x, in order: the places the cursor stops at.
    pub fn stops(&self) -> Vec<f64> {
        let mut xs: Vec<f64> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.x))
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        xs
    }
}

fn bounds(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}
