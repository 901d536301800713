//! Every drawable kind at 80x24 and 200x50, in the dark, light and sixteen themes and with no
//! colour at all: the text drawn, and the colours its series took (one line), so a theme that
//! lost its series colours or a chart that lost its markers shows in review.

use kqlhunt::chart::{draw_chart, spec_of_render, ChartModel, Visualization, DRAWABLE};
use kqlhunt::results::{Column, ResultSet, Value};
use kqlhunt::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

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

/// A result shaped as each kind's documentation expects, with a render to match.
fn example(kind: &Visualization) -> (ResultSet, String) {
    let hosts = ["ws-0142", "dc-01", "fs-02"];
    match kind {
        Visualization::ColumnChart | Visualization::BarChart | Visualization::PieChart => {
            let counts = [
                ("powershell.exe", 412),
                ("cmd.exe", 230),
                ("rundll32.exe", 97),
                ("mshta.exe", 12),
            ];
            let rows = counts
                .iter()
                .map(|(n, c)| vec![Value::Text(n), Value::Long(*c)])
                .collect();
            (
                result(&[("FileName", "string"), ("count_", "long")], rows),
                format!("{} with (title=\"Launches by file\")", kind.name()),
            )
        }
        Visualization::Card => (
            result(&[("FailedLogons", "long")], vec![vec![Value::Long(1337)]]),
            "card with (title=\"Failed logons today\")".into(),
        ),
        Visualization::LineChart | Visualization::ScatterChart => {
            let rows = (0..40)
                .map(|i| {
                    vec![
                        Value::Long(i),
                        Value::Real(((i * 37) % 23) as f64 * 1.5),
                        Value::Long(i * 2 % 17),
                    ]
                })
                .collect();
            (
                result(
                    &[("Bytes", "long"), ("Latency", "real"), ("Retries", "long")],
                    rows,
                ),
                kind.name().to_owned(),
            )
        }
        _ => {
            let mut rows = Vec::new();
            for hour in 0..48 {
                for (h, host) in hosts.iter().enumerate() {
                    // The beacon: every sixth hour from one host; a spike at hour 30.
                    let n = match (h, hour) {
                        (_, 30) if h == 1 => 90,
                        (0, _) if hour % 6 == 0 => 40,
                        _ => 5 + ((hour * 7 + h as i64 * 3) % 11),
                    };
                    let mut row = vec![
                        Value::DateTime(ticks(hour)),
                        Value::Text(host),
                        Value::Long(n),
                    ];
                    if *kind == Visualization::AnomalyChart {
                        row.push(Value::Long(i64::from(n == 90)));
                    }
                    rows.push(row);
                }
            }
            let render = if *kind == Visualization::AnomalyChart {
                "anomalychart with (anomalycolumns=anomalies, ytitle=\"connections\")".to_owned()
            } else {
                format!("{} with (title=\"Connections per hour\")", kind.name())
            };
            let columns = [
                ("Timestamp", "datetime"),
                ("DeviceName", "string"),
                ("count_", "long"),
                ("anomalies", "long"),
            ];
            let shown = if *kind == Visualization::AnomalyChart {
                4
            } else {
                3
            };
            (result(&columns[..shown], rows), render)
        }
    }
}

fn picture(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut colours: Vec<Color> = Vec::new();
    let mut lines = Vec::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            line.push_str(cell.symbol());
            if cell.fg != Color::Reset && !colours.contains(&cell.fg) {
                colours.push(cell.fg);
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines.push(format!("colours: {colours:?}"));
    lines.join("\n")
}

#[test]
fn every_kind_at_both_sizes_in_every_theme() {
    let themes = [
        ("dark", Theme::built_in("dark").unwrap()),
        ("light", Theme::built_in("light").unwrap()),
        ("sixteen", Theme::built_in("sixteen").unwrap()),
        ("no_color", Theme::plain()),
    ];
    for kind in DRAWABLE {
        let (result, render) = example(&kind);
        let rows: Vec<usize> = (0..result.row_count()).collect();
        let model = ChartModel::build(&spec_of_render(&render), &result, &rows, 10)
            .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        for (width, height) in [(80u16, 24u16), (200, 50)] {
            for (name, theme) in &themes {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                draw_chart(&model, area, &mut buffer, &theme.chart_style(false), None);
                insta::assert_snapshot!(
                    format!("{}_{width}x{height}_{name}", kind.name()),
                    picture(&buffer)
                );
            }
        }
    }
}

#[test]
fn text_from_data_never_reaches_the_terminal_as_control_characters() {
    let hostile = "evil\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}";
    let rows = vec![
        vec![Value::Text(hostile), Value::Long(3)],
        vec![Value::Text("ok"), Value::Long(1)],
    ];
    let result = result(&[(hostile, "string"), ("n\u{1b}[2J", "long")], rows);
    let every = [0, 1];
    for render in [
        format!("piechart with (title=\"{}\")", "t\\u001b[31m"),
        "columnchart".to_owned(),
        "card".to_owned(),
    ] {
        let model = ChartModel::build(&spec_of_render(&render), &result, &every, 10).unwrap();
        let area = Rect::new(0, 0, 80, 24);
        let mut buffer = Buffer::empty(area);
        let crosshair = kqlhunt::chart::Crosshair {
            x: 0.0,
            readout: kqlhunt::chart::readout(&model, &result, 0.0, false),
            marks: Vec::new(),
        };
        draw_chart(
            &model,
            area,
            &mut buffer,
            &Theme::plain().chart_style(false),
            Some(&crosshair),
        );
        for cell in buffer.content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202e}'),
                "{render}: {:?}",
                cell.symbol()
            );
        }
    }
}
