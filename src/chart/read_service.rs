//! The render hint a service returns itself: Log Analytics' `render` object (camelCase keys,
//! `yMin: "NaN"` when unset) and Azure Data Explorer's `Visualization` property (PascalCase
//! keys, the same meaning). Both are read by one walk over the keys, case ignored; every key is
//! optional and a value of the wrong shape is skipped, never fatal.

use serde_json::Value as Json;

use super::spec::{ChartSpec, Visualization};

/// The spec a service's hint describes; `None` when it names no visualization or `table`.
pub fn spec_of_service(hint: &Json) -> Option<ChartSpec> {
    let object = hint.as_object()?;
    let named = object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("visualization"))
        .and_then(|(_, v)| v.as_str())?;
    let visualization = Visualization::from_name(named);
    if visualization == Visualization::Table {
        return None;
    }
    let mut spec = ChartSpec::of(visualization);
    for (key, value) in object {
        let text = match value {
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            Json::Bool(b) => b.to_string(),
            Json::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(","),
            Json::Null | Json::Object(_) => continue,
        };
        if !key.eq_ignore_ascii_case("visualization") {
            spec.set(key, &text);
        }
    }
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::spec::{Stacking, YSplit};
    use serde_json::json;

    #[test]
    fn log_analytics_render_reads_with_its_nan_bounds_left_unset() {
        // As tests/data/log-analytics/ok-with-statistics-and-render.json carries it.
        let hint = json!({"visualization": "timechart", "title": "Failed sign-ins, last 12h",
            "accumulate": false, "isQuerySorted": false, "kind": null, "legend": null,
            "series": null, "yMin": "NaN", "yMax": "NaN", "xAxis": null, "xColumn": null,
            "xTitle": null, "yAxis": null, "yColumns": null, "ySplit": null, "yTitle": null,
            "anomalyColumns": null});
        let spec = spec_of_service(&hint).unwrap();
        assert_eq!(spec.visualization, Visualization::TimeChart);
        assert_eq!(spec.title.as_deref(), Some("Failed sign-ins, last 12h"));
        assert_eq!((spec.ymin, spec.ymax), (None, None));
        assert!(spec.legend && !spec.accumulate);
    }

    #[test]
    fn adx_visualization_reads_every_property() {
        let hint = json!({"Visualization": "columnchart", "Title": "By state", "XColumn": "State",
            "Series": "EventType, Source", "YColumns": "count_", "AnomalyColumns": null,
            "XTitle": "state", "YTitle": "events", "Legend": "hidden", "YSplit": "panels",
            "Accumulate": true, "Kind": "stacked100", "Ymin": 0, "Ymax": "NaN"});
        let spec = spec_of_service(&hint).unwrap();
        assert_eq!(spec.xcolumn.as_deref(), Some("State"));
        assert_eq!(spec.series, ["EventType", "Source"]);
        assert_eq!(spec.ycolumns, ["count_"]);
        assert_eq!(spec.stacking, Stacking::Stacked100);
        assert_eq!(spec.ysplit, YSplit::Panels);
        assert_eq!((spec.ymin, spec.ymax), (Some(0.0), None));
        assert!(!spec.legend && spec.accumulate);
    }

    #[test]
    fn a_table_or_no_visualization_is_no_chart() {
        assert!(spec_of_service(&json!({"Visualization": "table"})).is_none());
        assert!(spec_of_service(&json!({"Visualization": null})).is_none());
        assert!(spec_of_service(&json!("timechart")).is_none());
        let spec = spec_of_service(&json!({"visualization": "treemap"})).unwrap();
        assert_eq!(spec.visualization.name(), "treemap");
    }
}
