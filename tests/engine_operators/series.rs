//! make-series and the series functions.

use super::{expect, fails, rows, run, schema};

const EVENTS: &str = r#"datatable(Timestamp:datetime, Device:string, Bytes:long)
    [datetime(2024-01-01 01:00), "a", 10, datetime(2024-01-01 05:00), "a", 5,
     datetime(2024-01-03 00:00), "a", 7, datetime(2024-01-02 12:00), "b", 1,
     datetime(2024-01-05 00:00), "a", 100, datetime(2023-12-31 23:00), "a", 100]"#;

#[test]
fn make_series_fills_each_step_from_the_start_up_to_the_end() {
    // Rows before `from` and at or after `to` fall outside; empty steps get the default.
    let t = run(&format!(
        "{EVENTS} | make-series count(), Total=sum(Bytes) default=-1 on Timestamp from datetime(2024-01-01) to datetime(2024-01-05) step 1d by Device"
    ));
    assert_eq!(
        schema(&t),
        [
            "Device:string",
            "count_:dynamic",
            "Total:dynamic",
            "Timestamp:dynamic"
        ]
    );
    let days = r#"["2024-01-01T00:00:00.0000000Z","2024-01-02T00:00:00.0000000Z","2024-01-03T00:00:00.0000000Z","2024-01-04T00:00:00.0000000Z"]"#;
    assert_eq!(
        rows(&t),
        vec![
            vec![
                "a".to_owned(),
                "[2,0,1,0]".to_owned(),
                "[15,-1,7,-1]".to_owned(),
                days.to_owned()
            ],
            vec![
                "b".to_owned(),
                "[0,1,0,0]".to_owned(),
                "[-1,1,-1,-1]".to_owned(),
                days.to_owned()
            ],
        ]
    );
}

#[test]
fn make_series_without_a_range_is_refused_by_name() {
    let e = fails(&format!(
        "{EVENTS} | make-series count() on Timestamp step 1d"
    ));
    assert!(
        e.message
            .contains("make-series without both 'from' and 'to'"),
        "{}",
        e.message
    );
}

#[test]
fn series_fill_linear_interpolates_as_the_documentation_shows() {
    let t = run(r#"let data = datatable(arr: dynamic)
        [
        dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
        dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
        dynamic([null, null, null, null])
        ];
        data
        | project without_args = series_fill_linear(arr), wo_edges = series_fill_linear(arr, double(null), false),
                  with_const = series_fill_linear(arr, double(null), true, 3.14159)"#);
    let r = rows(&t);
    let rounded = |s: &str| -> Vec<String> {
        serde_json::from_str::<Vec<serde_json::Value>>(s)
            .unwrap()
            .iter()
            .map(|v| match v.as_f64() {
                Some(x) if v.is_f64() => format!("{:.3}", x),
                _ => v.to_string(),
            })
            .collect()
    };
    assert_eq!(
        rounded(&r[0][0]),
        [
            "111.000", "111.000", "73.500", "36.000", "41.000", "32.667", "24.333", "16.000",
            "61.000", "33.000", "33.000", "33.000"
        ]
    );
    assert_eq!(r[0][1].split(',').next(), Some("[null"));
    assert_eq!(r[1][0], "[111,111,73,36,41,32,24,16,61,33,33,33]");
    assert_eq!(r[1][1], "[null,111,73,36,41,32,24,16,61,33,null,null]");
    assert_eq!(r[2][0], "[0.0,0.0,0.0,0.0]");
    assert_eq!(r[2][1], "[0.0,0.0,0.0,0.0]");
    assert_eq!(r[2][2], "[3.14159,3.14159,3.14159,3.14159]");
}

#[test]
fn series_fill_const_forward_and_backward_replace_the_missing() {
    let t = run("print s=dynamic([null, 2, null, 4, null]) | project c=series_fill_const(s, 0), f=series_fill_forward(s), b=series_fill_backward(s), p=series_fill_const(dynamic([1, -1, 3]), 9, -1)");
    assert_eq!(
        rows(&t),
        expect(&["[0,2,0,4,0]|[null,2,2,4,4]|[2,2,4,4,null]|[1,9,3]"])
    );
}

#[test]
fn series_fir_is_a_moving_sum_normalized_unless_told_otherwise() {
    let t = run("print v=dynamic([0, 0, 10, 20, 0]) | project avg=series_fir(v, dynamic([1, 1])), centered=series_fir(v, dynamic([1, 1, 1]), true, true), diff=series_fir(v, dynamic([1, -1]), false, false)");
    assert_eq!(
        rows(&t),
        expect(&["[0.0,0.0,5.0,15.0,10.0]|[0.0,3.3333333333333335,10.0,10.0,6.666666666666667]|[0.0,0.0,10.0,10.0,-20.0]"])
    );
}

#[test]
fn series_stats_gives_seven_columns_named_after_the_series() {
    // The documentation's example of series_stats().
    let t = run("print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)");
    assert_eq!(
        schema(&t),
        [
            "series_stats_x_min:real",
            "series_stats_x_min_idx:long",
            "series_stats_x_max:real",
            "series_stats_x_max_idx:long",
            "series_stats_x_avg:real",
            "series_stats_x_stdev:real",
            "series_stats_x_variance:real",
        ]
    );
    let r = &rows(&t)[0];
    assert_eq!(&r[..5], ["2", "8", "87", "3", "32.8"]);
    assert!(r[5].starts_with("28.50"), "{}", r[5]);
    let t = run("print x=dynamic([1, 3]) | extend (mn, mni, mx, mxi, a, s, v) = series_stats(x) | project a, v");
    assert_eq!(rows(&t), expect(&["2|2"]));
    let t = run("print x=dynamic([1, 3]) | project s=series_stats_dynamic(x)");
    assert_eq!(
        rows(&t),
        expect(&[
            r#"{"avg":2.0,"max":3.0,"max_idx":1,"min":1.0,"min_idx":0,"stdev":1.4142135623730951,"variance":2.0}"#
        ])
    );
}

#[test]
fn anomaly_detection_is_refused_by_name_rather_than_guessed() {
    let e = fails("print x=dynamic([1, 2, 3]) | extend series_decompose_anomalies(x)");
    assert!(
        e.message.contains("series_decompose_anomalies"),
        "{}",
        e.message
    );
}
