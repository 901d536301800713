//! Data shown as it came: emoji sequences that terminals draw as one wide character never shift
//! the next column, column names cannot smuggle spreadsheet formulas, and integers beyond 64
//! bits keep their digits in JSON.

mod support;

use kqlhunt::api::ClientMeasure;
use kqlhunt::results::load_response;
use kqlhunt::results::writers::{to_text, Format, Selection};
use kqlhunt::ui::app::Focus;
use kqlhunt::ui::draw;
use kqlhunt::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Emoji with a variation selector, a ZWJ family, a keycap, a flag, a skin tone, a combining
/// accent, CJK, and plain text: each in a cell followed by a column holding `|`.
const CELLS: &[&str] = &[
    "❤\u{fe0f} love",
    "👨\u{200d}👩\u{200d}👧 family",
    "1\u{fe0f}\u{20e3} keycap",
    "🇫🇷 flag",
    "👍🏽 tone",
    "e\u{301}te\u{301}",
    "日本語",
    "plain",
    "☺\u{fe0f}\u{fe0f}\u{fe0f}",
    "🧑\u{200d}🧑\u{200d}🧒\u{200d}🧒\u{200d}🧑\u{200d}🧑\u{200d}🧒 long",
];

fn emoji_result() -> kqlhunt::results::ResultSet {
    let rows: Vec<String> = CELLS
        .iter()
        .map(|c| serde_json::json!({ "Text": c, "Next": "|" }).to_string())
        .collect();
    let json = format!(
        r#"{{"schema":[{{"name":"Text","type":"String"}},{{"name":"Next","type":"String"}}],"results":[{}]}}"#,
        rows.join(",")
    );
    load_response(json.into_bytes()).unwrap().result
}

#[test]
fn emoji_sequences_never_shift_the_next_column() {
    let mut app = support::screen::workbench("DeviceInfo");
    app.show(emoji_result(), ClientMeasure::default(), None);
    app.focus = Focus::Results;
    let (width, height) = (60, 24);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(&app, frame, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // Where the `|` of each row lands: the same screen column for every row.
    let mut at = Vec::new();
    for y in 0..height {
        let row: Vec<&str> = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(x) = row.iter().position(|s| *s == "|") {
            at.push((y, x));
        }
    }
    assert_eq!(at.len(), CELLS.len(), "every row drawn: {at:?}");
    assert!(
        at.iter().all(|(_, x)| *x == at[0].1),
        "the next column moved: {at:?}\n{}",
        support::screen::screen(&app, width, height)
    );
    insta::assert_snapshot!(
        "emoji_column_alignment_60x24",
        support::screen::screen(&app, width, height)
    );
}

#[test]
fn column_names_that_look_like_formulas_are_defused_like_cells() {
    let json = r#"{"schema":[{"name":"=HYPERLINK(\"http://evil\")","type":"String"},{"name":"+1","type":"String"},{"name":"-2","type":"String"},{"name":"@SUM(A1)","type":"String"},{"name":"Safe","type":"String"}],
        "results":[{"=HYPERLINK(\"http://evil\")":"a","+1":"b","-2":"c","@SUM(A1)":"d","Safe":"e"}]}"#;
    let result = load_response(json.as_bytes().to_vec()).unwrap().result;
    let csv = to_text(&Selection::all(&result), Format::Csv);
    assert_eq!(
        csv.lines().next().unwrap(),
        "\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-2,'@SUM(A1),Safe",
        "{csv}"
    );
    let tsv = to_text(&Selection::all(&result), Format::Tsv);
    assert_eq!(
        tsv.lines().next().unwrap(),
        "'=HYPERLINK(\"http://evil\")\t'+1\t'-2\t'@SUM(A1)\tSafe"
    );
    let raw = Selection {
        raw: true,
        ..Selection::all(&result)
    };
    assert!(to_text(&raw, Format::Csv).starts_with("\"=HYPERLINK("));
}

#[test]
fn integers_beyond_64_bits_keep_their_digits_in_json() {
    let json = r#"{"schema":[{"name":"N","type":"Int64"},{"name":"R","type":"Real"},{"name":"D","type":"Dynamic"},{"name":"U","type":"Int64"}],
        "results":[{"N":18446744073709551616,"R":18446744073709551616,"D":{"id":18446744073709551616},"U":9223372036854775808}]}"#;
    let result = load_response(json.as_bytes().to_vec()).unwrap().result;
    for format in [Format::Json, Format::Jsonl] {
        let out = to_text(&Selection::all(&result), format);
        for expected in [
            r#""N":18446744073709551616"#,
            r#""R":18446744073709551616"#,
            r#""D":{"id":18446744073709551616}"#,
            r#""U":9223372036854775808"#,
        ] {
            assert!(out.contains(expected), "{format:?}: {expected} in {out}");
        }
    }
    // The grid shows the digits too, dynamic values included.
    let mut app = support::screen::workbench("DeviceInfo");
    app.show(result, ClientMeasure::default(), None);
    let screen = support::screen::screen(&app, 160, 24);
    assert!(
        screen.contains(r#"{"id":18446744073709551616}"#),
        "{screen}"
    );
}
