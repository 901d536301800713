//! The SVG writer on hostile text and every kind: a well-formed document whose text from data
//! can neither open markup nor carry a control character.

use super::*;
use crate::chart::test_data::{hour, rows};
use crate::chart::{spec_of_render, DRAWABLE};
use crate::results::Value;

fn model(render: &str, result: &crate::results::ResultSet) -> ChartModel {
    let every: Vec<usize> = (0..result.row_count()).collect();
    ChartModel::build(&spec_of_render(render), result, &every, 10).unwrap()
}

/// Every `<` starts a tag we wrote, every `&` an entity: no text from data broke out.
fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
    for (i, piece) in svg.split('&').enumerate().skip(1) {
        assert!(
            ["amp;", "lt;", "gt;", "quot;", "apos;"]
                .iter()
                .any(|e| piece.starts_with(e)),
            "a bare & at piece {i}: {}",
            &piece[..piece.len().min(40)]
        );
    }
    let tags = [
        "svg ",
        "/svg>",
        "title>",
        "/title>",
        "rect ",
        "/rect>",
        "text ",
        "/text>",
        "g ",
        "g>",
        "/g>",
        "line ",
        "polyline ",
        "/polyline>",
        "polygon ",
        "/polygon>",
        "circle ",
        "/circle>",
        "path ",
        "/path>",
    ];
    for piece in svg.split('<').skip(1) {
        assert!(
            tags.iter().any(|t| piece.starts_with(t)),
            "a tag we did not write: <{}",
            &piece[..piece.len().min(40)]
        );
    }
    assert!(
        !svg.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in the document"
    );
}

const HOSTILE: &str = "<script>alert(\"x\")</script> & 'quotes' \u{1b}[31mred\u{7}\u{0}\u{9b}2J";

#[test]
fn hostile_names_values_and_titles_are_escaped_and_cut() {
    let long = "A".repeat(5_000);
    let result = rows(
        &[("Name<b>", "string"), ("n&count", "long")],
        &[
            vec![Value::Text(HOSTILE), Value::Long(5)],
            vec![Value::Text(&long), Value::Long(3)],
            vec![Value::Text("\"]]><!--"), Value::Long(1)],
        ],
    );
    for kind in [
        "columnchart",
        "barchart",
        "piechart",
        "linechart",
        "scatterchart",
    ] {
        let render = format!("{kind} with (title=\"<title>&\u{1b}\", xtitle=\"</text>\")");
        let svg = write_svg(&model(&render, &result), &SvgOptions::default());
        assert_well_formed(&svg);
        assert!(!svg.contains("<script"), "{kind}");
        assert!(
            svg.contains("&lt;script&gt;"),
            "{kind}: the name is shown, escaped"
        );
        assert!(
            !svg.contains(&"A".repeat(100)),
            "{kind}: a long name is cut"
        );
    }
    let card = rows(&[("<Count>", "string")], &[vec![Value::Text(HOSTILE)]]);
    assert_well_formed(&write_svg(&model("card", &card), &SvgOptions::default()));
}

#[test]
fn every_drawable_kind_writes_a_document_with_its_series() {
    let result = rows(
        &[
            ("t", "datetime"),
            ("host", "string"),
            ("n", "long"),
            ("flag", "long"),
        ],
        &[
            vec![
                hour(0),
                Value::Text("dc-01"),
                Value::Long(4),
                Value::Long(0),
            ],
            vec![
                hour(1),
                Value::Text("dc-01"),
                Value::Long(9),
                Value::Long(1),
            ],
            vec![hour(0), Value::Text("ws-7"), Value::Long(2), Value::Long(0)],
            vec![hour(2), Value::Text("ws-7"), Value::Long(6), Value::Long(0)],
        ],
    );
    for kind in DRAWABLE {
        let render = match kind {
            crate::chart::Visualization::AnomalyChart => {
                "anomalychart with (anomalycolumns=flag, ycolumns=n)".to_owned()
            }
            _ => format!("{} with (ycolumns=n)", kind.name()),
        };
        let svg = write_svg(&model(&render, &result), &SvgOptions::default());
        assert_well_formed(&svg);
        // A pie slices by its first column (the hours), a card shows the first row.
        if !matches!(
            kind,
            crate::chart::Visualization::Card | crate::chart::Visualization::PieChart
        ) {
            assert!(
                svg.contains("dc-01"),
                "{}: the legend names the series",
                kind.name()
            );
        }
    }
}

#[test]
fn a_spike_among_many_points_is_drawn() {
    let data: Vec<Vec<Value<'_>>> = (0..20_000)
        .map(|i| vec![hour(i), Value::Long(if i == 12_345 { 900 } else { 1 })])
        .collect();
    let result = rows(&[("t", "datetime"), ("n", "long")], &data);
    let svg = write_svg(&model("timechart", &result), &SvgOptions::default());
    // Decimated to the plot's width, and the line still climbs to the spike: its highest
    // point is on the grid line labelled 900.
    assert!(svg.len() < 200_000, "{} bytes", svg.len());
    let grid = svg
        .lines()
        .find(|l| l.ends_with(">900</text>"))
        .expect("a label at 900");
    let top: f64 = grid
        .split("y1=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let line = svg.lines().find(|l| l.starts_with("<polyline")).unwrap();
    let points = line
        .split("points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let highest = points
        .split(' ')
        .map(|p| p.split(',').nth(1).unwrap().parse::<f64>().unwrap())
        .fold(f64::MAX, f64::min);
    assert!((highest - top).abs() < 0.11, "{highest} vs {top}");
}
