//! Which columns play which part, from the render's properties or, where it leaves them out,
//! as Kusto's documentation describes each visualization:
//! - timechart, anomalychart: "the first column is the x-axis, and should be a datetime; other
//!   numeric columns are y-axes; one string column's values group the numeric columns into
//!   lines; other string columns are ignored". kqlhunt takes the first datetime column when
//!   the first is not one (a user agent may guess, the render page says), and a dynamic column
//!   when the rows are `make-series` arrays.
//! - linechart, areachart, stackedareachart, scatterchart: "the first column is the x-axis,
//!   other numeric columns are y-axes"; a string column groups series as for a timechart.
//! - columnchart, barchart: "the first column is the x-axis (text, datetime or numeric), the
//!   other columns are the y-axis"; the first other string column groups series.
//! - piechart: "the first column is the colour axis, other (numeric) columns the size of each
//!   slice": each value of the first column is a slice, sized by the first numeric column.
//! - card: "the first record is treated as a set of scalar values".

use super::error::ChartError;
use super::spec::{ChartSpec, Visualization};
use crate::results::{ColumnKind, ResultSet};

/// The columns (indexes into the result) each part is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roles {
    pub x: usize,
    pub ys: Vec<usize>,
    pub series: Vec<usize>,
    pub anomalies: Vec<usize>,
}

fn is_numeric(kind: ColumnKind) -> bool {
    kind.is_numeric()
}

fn is_text(kind: ColumnKind) -> bool {
    matches!(
        kind,
        ColumnKind::Text | ColumnKind::Guid | ColumnKind::Unknown
    )
}

fn named(result: &ResultSet, name: &str) -> Result<usize, ChartError> {
    result
        .column_index(name)
        .ok_or_else(|| ChartError::NoColumn {
            name: crate::results::display::safe_text(name).into_owned(),
        })
}

fn all_named(result: &ResultSet, names: &[String]) -> Result<Vec<usize>, ChartError> {
    names.iter().map(|n| named(result, n)).collect()
}

/// Every part resolved, or why the result cannot be drawn as asked.
pub fn roles(spec: &ChartSpec, result: &ResultSet) -> Result<Roles, ChartError> {
    let kind = &spec.visualization;
    if !kind.is_drawable() || spec.stacking == super::spec::Stacking::Map {
        let mut name = kind.name().to_owned();
        if spec.stacking == super::spec::Stacking::Map {
            name.push_str(" with kind=map");
        }
        return Err(ChartError::Refused {
            kind: crate::results::display::safe_text(&name).into_owned(),
        });
    }
    let columns = result.columns();
    if columns.is_empty() {
        return Err(ChartError::NoRows);
    }
    let kind_of = |c: usize| columns[c].kind();
    let timeline = matches!(kind, Visualization::TimeChart | Visualization::AnomalyChart);
    let x = match &spec.xcolumn {
        Some(name) => named(result, name)?,
        None if timeline => (kind_of(0) == ColumnKind::DateTime)
            .then_some(0)
            .or_else(|| (0..columns.len()).find(|&c| kind_of(c) == ColumnKind::DateTime))
            .or_else(|| (0..columns.len()).find(|&c| kind_of(c) == ColumnKind::Dynamic))
            .ok_or_else(|| ChartError::NeedsTime {
                kind: kind.name().to_owned(),
            })?,
        None => 0,
    };
    if *kind == Visualization::Card {
        return Ok(Roles {
            x,
            ys: (0..columns.len()).collect(),
            series: Vec::new(),
            anomalies: Vec::new(),
        });
    }
    let anomalies = all_named(result, &spec.anomaly_columns)?;
    let mut series = all_named(result, &spec.series)?;
    if spec.series.is_empty() && *kind != Visualization::PieChart {
        series.extend((0..columns.len()).find(|&c| c != x && is_text(kind_of(c))));
    }
    // make-series rows hold arrays: their y columns are dynamic too.
    let arrays = kind_of(x) == ColumnKind::Dynamic;
    let ys = if spec.ycolumns.is_empty() {
        let candidates = (0..columns.len()).filter(|c| {
            *c != x
                && !series.contains(c)
                && !anomalies.contains(c)
                && (is_numeric(kind_of(*c)) || (arrays && kind_of(*c) == ColumnKind::Dynamic))
        });
        if *kind == Visualization::PieChart {
            candidates.take(1).collect()
        } else {
            candidates.collect()
        }
    } else {
        all_named(result, &spec.ycolumns)?
    };
    if ys.is_empty() {
        return Err(ChartError::NoNumbers {
            kind: kind.name().to_owned(),
        });
    }
    Ok(Roles {
        x,
        ys,
        series,
        anomalies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::read_query::spec_of_render;
    use crate::chart::test_data::table;

    fn names(result: &ResultSet, roles: &Roles) -> (String, Vec<String>, Vec<String>) {
        let name = |c: &usize| result.column(*c).name().to_owned();
        (
            name(&roles.x),
            roles.ys.iter().map(name).collect(),
            roles.series.iter().map(name).collect(),
        )
    }

    #[test]
    fn a_timechart_takes_time_for_x_numbers_for_y_and_one_string_for_series() {
        // StormEvents | summarize count() by bin(StartTime, 1d), State | render timechart
        let result = table(&[
            ("StartTime", "datetime"),
            ("State", "string"),
            ("Source", "string"),
            ("count_", "long"),
        ]);
        let found = roles(&spec_of_render("timechart"), &result).unwrap();
        assert_eq!(
            names(&result, &found),
            (
                "StartTime".into(),
                vec!["count_".into()],
                vec!["State".into()]
            )
        );
        // by State, bin(...): the datetime column is still the x axis.
        let result = table(&[
            ("State", "string"),
            ("StartTime", "datetime"),
            ("n", "long"),
        ]);
        let found = roles(&spec_of_render("timechart"), &result).unwrap();
        assert_eq!(names(&result, &found).0, "StartTime");
    }

    #[test]
    fn properties_override_inference_and_wrong_names_are_said() {
        let result = table(&[
            ("State", "string"),
            ("EventType", "string"),
            ("count_", "long"),
            ("deaths", "long"),
        ]);
        let spec =
            spec_of_render("columnchart with (xcolumn=State, ycolumns=count_, series=EventType)");
        assert_eq!(
            names(&result, &roles(&spec, &result).unwrap()),
            (
                "State".into(),
                vec!["count_".into()],
                vec!["EventType".into()]
            )
        );
        let spec = spec_of_render("columnchart with (ycolumns=injuries)");
        assert_eq!(
            roles(&spec, &result).unwrap_err(),
            ChartError::NoColumn {
                name: "injuries".into()
            }
        );
    }

    #[test]
    fn a_pie_is_the_first_column_sized_by_the_first_number() {
        // StormEvents | summarize statecount=count() by State | render piechart
        let result = table(&[
            ("State", "string"),
            ("statecount", "long"),
            ("other", "long"),
        ]);
        let found = roles(&spec_of_render("piechart"), &result).unwrap();
        assert_eq!(
            names(&result, &found),
            ("State".into(), vec!["statecount".into()], vec![])
        );
    }

    #[test]
    fn what_cannot_be_drawn_says_why() {
        let result = table(&[("State", "string"), ("n", "long")]);
        assert!(matches!(
            roles(&spec_of_render("treemap"), &result),
            Err(ChartError::Refused { kind }) if kind == "treemap"
        ));
        assert!(matches!(
            roles(&spec_of_render("piechart with (kind=map)"), &result),
            Err(ChartError::Refused { .. })
        ));
        assert!(matches!(
            roles(&spec_of_render("timechart"), &result),
            Err(ChartError::NeedsTime { .. })
        ));
        let words = table(&[("State", "string"), ("City", "string")]);
        assert!(matches!(
            roles(&spec_of_render("columnchart"), &words),
            Err(ChartError::NoNumbers { .. })
        ));
    }
}
