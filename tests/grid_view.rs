//! The results grid's view choices: columns frozen at the left while scrolling right, and
//! timestamps in local time or UTC.

mod support;

use kqlhunt::api::ClientMeasure;
use kqlhunt::ui::app::{App, Focus};
use ratatui::crossterm::event::KeyCode;
use support::screen::{key, screen};

fn browsing(sample: &str) -> App {
    let bytes = std::fs::read(format!(
        "{}/tests/data/{sample}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let result = kqlhunt::results::load_response(bytes).unwrap().result;
    let mut app = support::screen::workbench("DeviceInfo");
    app.show(result, ClientMeasure::default(), None);
    app.focus = Focus::Results;
    app
}

#[test]
fn a_frozen_column_stays_in_view_while_the_others_scroll() {
    let mut app = browsing("graph-ok.json");
    app.on_key(key(KeyCode::Char('z')));
    assert_eq!(app.view.table.frozen, 1);
    for _ in 0..4 {
        app.on_key(key(KeyCode::Right));
    }
    let text = screen(&app, 80, 24);
    let header = text
        .lines()
        .skip_while(|l| !l.starts_with(" results"))
        .nth(1)
        .unwrap_or("");
    assert!(
        header.starts_with("Timestamp")
            && header.contains("AdditionalFields")
            && !header.contains("FileName"),
        "the first column stays, the others scrolled: {text}"
    );
    assert!(app.view.grid.left > 1, "the rest scrolled");
    assert!(
        text.contains("datetime ⇤") || text.contains("DateTime ⇤"),
        "{text}"
    );
    insta::assert_snapshot!("frozen_scrolled_80x24", text);
    app.on_key(key(KeyCode::Home));
    app.on_key(key(KeyCode::Char('z')));
    assert_eq!(
        app.view.table.frozen, 0,
        "z again on the same column lets go"
    );
}

#[test]
fn t_shows_timestamps_in_local_time_with_the_zone_in_the_header() {
    let mut app = browsing("graph-ok.json");
    let utc = screen(&app, 120, 24);
    app.on_key(key(KeyCode::Char('t')));
    let local = screen(&app, 120, 24);
    assert!(local.contains(" local"), "{local}");
    // The offset the C library gives is the one `date` prints for the same moment.
    let result = app.view.result.clone().unwrap();
    let kqlhunt::results::Value::DateTime(ticks) = result.cell(0, 0) else {
        panic!("the first column is a timestamp")
    };
    let seconds = ticks.div_euclid(10_000_000);
    let offset = kqlhunt::results::datetime::local_offset_seconds(seconds);
    let date = std::process::Command::new("date")
        .args(["-d", &format!("@{seconds}"), "+%z"])
        .output()
        .unwrap();
    let z = String::from_utf8_lossy(&date.stdout).trim().to_owned();
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let expected =
        sign * (z[1..3].parse::<i64>().unwrap() * 3600 + z[3..5].parse::<i64>().unwrap() * 60);
    assert_eq!(offset, expected);
    let rows = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.starts_with("2026-"))
            .map(|l| l[..27].to_owned())
            .collect()
    };
    let shifted: Vec<String> = rows(&utc)
        .iter()
        .map(|r| {
            let mut ticks = kqlhunt::results::datetime::parse_ticks(&r.replace(' ', "T")).unwrap();
            ticks += offset * 10_000_000;
            kqlhunt::results::datetime::format_ticks(ticks)
                .replace('T', " ")
                .trim_end_matches('Z')
                .to_owned()
        })
        .collect();
    assert_eq!(
        rows(&local),
        shifted,
        "each timestamp moved by the zone's offset"
    );
    app.on_key(key(KeyCode::Char('t')));
    let again = screen(&app, 120, 24);
    assert_eq!(rows(&again), rows(&utc), "t again is UTC again");
    assert!(again.contains("timestamps in UTC") && !again.contains(" local"));
}

#[test]
fn a_wide_value_far_down_the_result_widens_its_column_from_the_start() {
    let mut host = kqlhunt::results::Column::new("DeviceName", "String");
    let mut user = kqlhunt::results::Column::new("AccountName", "String");
    for i in 0..5000 {
        let name = if i == 4321 {
            "fileserver-backup-07.contoso.com".to_owned()
        } else {
            format!("ws-{i:04}")
        };
        host.push_value(kqlhunt::results::Value::Text(&name));
        user.push_value(kqlhunt::results::Value::Text("alice"));
    }
    let result = kqlhunt::results::ResultSet::from_columns(vec![host, user]).unwrap();
    let widths = kqlhunt::results::view::measure_widths(&result);
    assert_eq!(widths[0], "fileserver-backup-07.contoso.com".len());
    let mut app = support::screen::workbench("DeviceInfo");
    app.show(result, ClientMeasure::default(), None);
    app.focus = Focus::Results;
    let text = screen(&app, 80, 24);
    let header = format!("{:<33}AccountName", "DeviceName");
    assert!(
        text.lines().any(|l| l == header),
        "the first screen already leaves room for row 4,322's name: {text}"
    );
}
