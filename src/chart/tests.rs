//! The model built from small results, as the documentation's examples shape them.

use super::test_data::{hour, rows};
use super::*;
use crate::results::Value;

fn build(render: &str, result: &crate::results::ResultSet, max: usize) -> ChartModel {
    let every: Vec<usize> = (0..result.row_count()).collect();
    ChartModel::build(&spec_of_render(render), result, &every, max).unwrap()
}

fn names(model: &ChartModel) -> Vec<&str> {
    model.series.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn a_timechart_has_a_line_per_value_of_its_string_column_in_time_order() {
    let result = rows(
        &[
            ("Timestamp", "datetime"),
            ("DeviceName", "string"),
            ("count_", "long"),
        ],
        &[
            vec![hour(1), Value::Text("ws1"), Value::Long(3)],
            vec![hour(0), Value::Text("ws1"), Value::Long(5)],
            vec![hour(0), Value::Text("dc1"), Value::Long(40)],
        ],
    );
    let model = build("timechart", &result, 10);
    assert_eq!(model.x_kind, XKind::Time);
    assert_eq!(names(&model), ["dc1", "ws1"]);
    let ws1: Vec<(f64, usize)> = model.series[1]
        .points
        .iter()
        .map(|p| (p.y, p.row))
        .collect();
    assert_eq!(
        ws1,
        [(5.0, 1), (3.0, 0)],
        "in time order, each point knows its row"
    );
    assert_eq!(model.xtitle, "Timestamp");
    assert_eq!(model.ytitle, "count_");
}

#[test]
fn only_the_rows_the_grid_shows_are_charted_in_its_order() {
    let result = rows(
        &[("State", "string"), ("n", "long")],
        &[
            vec![Value::Text("TEXAS"), Value::Long(9)],
            vec![Value::Text("IOWA"), Value::Long(2)],
            vec![Value::Text("OHIO"), Value::Long(4)],
        ],
    );
    let model = ChartModel::build(&spec_of_render("columnchart"), &result, &[2, 0], 10).unwrap();
    assert_eq!(model.categories, ["OHIO", "TEXAS"]);
    assert_eq!(
        ChartModel::build(&spec_of_render("columnchart"), &result, &[], 10),
        Err(ChartError::NoRows)
    );
}

#[test]
fn beyond_n_series_the_rest_fold_into_other() {
    let mut data = Vec::new();
    for (i, name) in ["a", "b", "c", "d", "e"].iter().enumerate() {
        data.push(vec![hour(0), Value::Text(name), Value::Long(10 - i as i64)]);
        data.push(vec![hour(1), Value::Text(name), Value::Long(1)]);
    }
    let result = rows(
        &[("t", "datetime"), ("who", "string"), ("n", "long")],
        &data,
    );
    let model = build("timechart", &result, 3);
    assert_eq!(names(&model), ["a", "b", "c", "other"]);
    assert_eq!(model.folded, 2);
    let other: Vec<f64> = model.series[3].points.iter().map(|p| p.y).collect();
    assert_eq!(other, [7.0 + 6.0, 2.0]);
}

#[test]
fn a_pie_slices_by_its_first_column() {
    let result = rows(
        &[("State", "string"), ("statecount", "long")],
        &[
            vec![Value::Text("TEXAS"), Value::Long(30)],
            vec![Value::Text("IOWA"), Value::Long(10)],
        ],
    );
    let model = build(
        "piechart with (title=\"Storm Events by State\")",
        &result,
        10,
    );
    assert_eq!(names(&model), ["TEXAS", "IOWA"]);
    assert_eq!(model.title.as_deref(), Some("Storm Events by State"));
}

#[test]
fn a_card_is_the_first_row() {
    let result = rows(
        &[("Count", "long")],
        &[vec![Value::Long(42)], vec![Value::Long(7)]],
    );
    let model = build("card with (title=\"Floods in Virginia\")", &result, 10);
    assert_eq!(model.card, [("Count".to_owned(), "42".to_owned())]);
}

#[test]
fn make_series_arrays_are_points_and_anomalies_are_marks() {
    let result = rows(
        &[
            ("sid", "string"),
            ("TimeStamp", "dynamic"),
            ("num", "dynamic"),
            ("anomalies", "dynamic"),
        ],
        &[vec![
            Value::Text("TS1"),
            Value::Dynamic(
                r#"["2017-01-05T00:00:00Z","2017-01-05T02:00:00Z","2017-01-05T04:00:00Z"]"#,
            ),
            Value::Dynamic("[1, 50, 2]"),
            Value::Dynamic("[0, 1, 0]"),
        ]],
    );
    let model = build("anomalychart with (anomalycolumns=anomalies)", &result, 10);
    assert_eq!(model.x_kind, XKind::Time);
    assert_eq!(names(&model), ["TS1", "anomalies (anomalies)"]);
    assert_eq!(model.series[0].points.len(), 3);
    let mark = &model.series[1];
    assert!(mark.anomaly);
    assert_eq!(mark.points.iter().map(|p| p.y).collect::<Vec<_>>(), [50.0]);
}

#[test]
fn the_readout_names_the_exact_values_and_the_row_at_the_cursor() {
    let result = rows(
        &[("Timestamp", "datetime"), ("n", "real")],
        &[
            vec![hour(0), Value::Real(1.25)],
            vec![hour(3), Value::Real(2.5)],
        ],
    );
    let model = build("timechart", &result, 10);
    let stops = model.stops();
    assert_eq!(stops.len(), 2);
    assert_eq!(
        readout(&model, &result, stops[1], false),
        "Timestamp 2026-01-01 03:00:00.0000000 │ n 2.5"
    );
    assert_eq!(row_at(&model, stops[1]), Some(1));
}

#[test]
fn stacked_area_charts_stack_and_ymin_ymax_bound_the_axis() {
    let result = rows(
        &[("x", "long"), ("a", "long"), ("b", "long")],
        &[vec![Value::Long(1), Value::Long(2), Value::Long(3)]],
    );
    let model = build("stackedareachart with (ymax=10)", &result, 10);
    assert_eq!(model.series[1].points[0].top, 5.0);
    assert_eq!(model.y_bounds(0), (0.0, 10.0));
    let model = build("linechart with (ysplit=panels)", &result, 10);
    assert_eq!(model.panels, ["a", "b"]);
    let b = model.series.iter().find(|s| s.name == "b").unwrap();
    assert_eq!(b.panel, 1);
}
