//! The chart as an SVG image, as the workbench's export and `--chart=svg` write it: snapshots
//! of a timechart, a columnchart and a piechart, so a change to the picture shows in review.

use kqlhunt::chart::{spec_of_render, write_svg, ChartModel, SvgOptions};
use kqlhunt::results::{Column, ResultSet, Value};

fn ticks(hour: i64) -> i64 {
    kqlhunt::results::datetime::parse_ticks("2026-11-20T00:00:00Z").unwrap() + hour * 36_000_000_000
}

fn result(columns: &[(&str, &str)], rows: Vec<Vec<Value<'_>>>) -> ResultSet {
    let mut built: Vec<Column> = columns.iter().map(|(n, t)| Column::new(*n, *t)).collect();
    for row in rows {
        for (column, value) in built.iter_mut().zip(row) {
            column.push_value(value);
        }
    }
    ResultSet::from_columns(built).unwrap()
}

fn svg(render: &str, result: &ResultSet) -> String {
    let rows: Vec<usize> = (0..result.row_count()).collect();
    let model = ChartModel::build(&spec_of_render(render), result, &rows, 10).unwrap();
    write_svg(
        &model,
        &SvgOptions {
            width: 640,
            height: 360,
            local_time: false,
        },
    )
}

fn launches() -> ResultSet {
    let counts = [
        ("powershell.exe", 412),
        ("cmd.exe", 230),
        ("rundll32.exe", 97),
        ("mshta.exe", 12),
    ];
    result(
        &[("FileName", "string"), ("count_", "long")],
        counts
            .iter()
            .map(|(n, c)| vec![Value::Text(n), Value::Long(*c)])
            .collect(),
    )
}

#[test]
fn timechart() {
    let hosts = ["ws-0142", "dc-01"];
    let rows = (0..12)
        .flat_map(|h| {
            hosts.iter().enumerate().map(move |(i, host)| {
                vec![
                    Value::DateTime(ticks(h)),
                    Value::Text(host),
                    Value::Long(if i == 0 && h == 7 {
                        90
                    } else {
                        3 + (h * (i as i64 + 2)) % 7
                    }),
                ]
            })
        })
        .collect();
    let result = result(
        &[
            ("Timestamp", "datetime"),
            ("DeviceName", "string"),
            ("count_", "long"),
        ],
        rows,
    );
    let image = svg("timechart with (title=\"Connections per hour\")", &result);
    assert!(image.contains(">ws-0142</text>") && image.contains(">00:00</text>"));
    insta::assert_snapshot!(image);
}

#[test]
fn columnchart() {
    let image = svg(
        "columnchart with (title=\"Launches by file\", ytitle=\"launches\")",
        &launches(),
    );
    assert_eq!(
        image.matches("<rect x=").count(),
        4 + 1,
        "four columns and the legend's swatch"
    );
    assert!(image.contains(">powershell.exe</text>") && image.contains(">412</text>"));
    insta::assert_snapshot!(image);
}

#[test]
fn piechart() {
    let image = svg("piechart with (title=\"Launches by file\")", &launches());
    assert_eq!(image.matches("<path d=").count(), 4, "a slice per file");
    assert!(
        image.contains(">powershell.exe 55%</text>"),
        "the legend says each share"
    );
    insta::assert_snapshot!(image);
}
