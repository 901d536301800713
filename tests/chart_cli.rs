//! `--chart` on the real binary: a demo query's `render`, a saved response charted by its
//! query text or its service's own hint, as text a script can read (or SVG), and the refusal
//! of a kind kqlhunt does not draw.

use std::path::Path;
use std::process::Output;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// Runs kqlhunt in a fresh home with `args`, stdout a pipe, 100 columns.
fn run(home: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(args)
        .env("KQLHUNT_CONFIG_DIR", home.join("config"))
        .env("KQLHUNT_DATA_DIR", home.join("data"))
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data(name: &str) -> String {
    format!("{DATA}/{name}")
}

#[test]
fn a_demo_query_ending_in_render_columnchart_prints_its_columns() {
    let home = tempfile::tempdir().unwrap();
    let query = "DeviceProcessEvents | summarize Launches = count() by FileName | top 5 by Launches | render columnchart with (title=\"Top launches\")";
    let out = run(home.path(), &["query", "--demo", query, "--chart", "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let chart = text(&out.stdout);
    let lines: Vec<&str> = chart.lines().collect();
    assert_eq!(lines[0], "Top launches", "the title first: {chart}");
    assert!(
        lines.len() <= 25 && lines.iter().all(|l| l.chars().count() <= 100),
        "{chart}"
    );
    assert!(chart.contains('█'), "columns are drawn: {chart}");
    assert!(chart.contains(".exe"), "categories are labelled: {chart}");
    assert!(
        !chart.contains('\u{1b}'),
        "no colour into a pipe: {chart:?}"
    );
    assert!(!chart.contains("Launches,"), "the chart, not the rows");
}

#[test]
fn a_kind_kqlhunt_does_not_draw_is_refused_with_a_failing_exit() {
    let home = tempfile::tempdir().unwrap();
    let query = "DeviceProcessEvents | summarize count() by FileName | render treemap";
    let out = run(home.path(), &["query", "--demo", query, "--chart", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("does not draw a treemap"), "{err}");
    assert!(err.contains("leave out --chart"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn convert_charts_a_saved_response_by_its_query_text_or_its_service_hint() {
    let home = tempfile::tempdir().unwrap();
    let response = data("chart/logons-by-account.json");
    let query = data("chart/logons-by-account.kql");
    let out = run(
        home.path(),
        &[
            "convert",
            &response,
            "--query-text",
            &query,
            "--chart",
            "--width",
            "60",
            "--height",
            "16",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let chart = text(&out.stdout);
    assert_eq!(
        chart.lines().next(),
        Some("Failed logons by account"),
        "{chart}"
    );
    assert!(chart.lines().count() <= 16 && chart.lines().all(|l| l.chars().count() <= 60));
    assert!(
        chart.contains("megan.bowen") || chart.contains("megan.bo…"),
        "{chart}"
    );
    assert!(chart.contains("412"), "each column says its value: {chart}");

    // Log Analytics answers with its own render hint: a timechart, no query text needed.
    let la = data("log-analytics/ok-with-statistics-and-render.json");
    let out = run(home.path(), &["convert", &la, "--chart"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let chart = text(&out.stdout);
    assert_eq!(
        chart.lines().next(),
        Some("Failed sign-ins, last 12h"),
        "{chart}"
    );
    assert!(chart.contains('└'), "an x axis: {chart}");

    // --chart=svg into a file.
    let image = home.path().join("logons.svg");
    let out = run(
        home.path(),
        &[
            "convert",
            &response,
            "--query-text",
            &query,
            "--chart=svg",
            "-o",
            image.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&image).unwrap();
    assert!(svg.starts_with("<svg ") && svg.contains(">Failed logons by account</text>"));
    assert!(svg.contains(">megan.bowen</text>"));
}

#[test]
fn open_with_query_text_charts_headless_and_refuses_what_it_cannot_draw() {
    let home = tempfile::tempdir().unwrap();
    let response = data("chart/logons-by-account.json");
    let query = data("chart/logons-by-account.kql");
    let out = run(
        home.path(),
        &["open", &response, "--query-text", &query, "--chart"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let chart = text(&out.stdout);
    assert!(
        chart.starts_with("Failed logons by account\n") && chart.contains('█'),
        "{chart}"
    );

    // Without a render, the chart is inferred as the workbench's picker does: a columnchart.
    let out = run(home.path(), &["open", &response, "--chart"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains('█'), "{}", text(&out.stdout));

    let pivot = home.path().join("pivot.kql");
    std::fs::write(&pivot, "T | render pivotchart").unwrap();
    let out = run(
        home.path(),
        &[
            "open",
            &response,
            "--query-text",
            pivot.to_str().unwrap(),
            "--chart",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("does not draw a pivotchart"),
        "{}",
        text(&out.stderr)
    );

    // Without --chart and without a terminal, open says how to chart.
    let out = run(home.path(), &["open", &response]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("add --chart"),
        "{}",
        text(&out.stderr)
    );
}
