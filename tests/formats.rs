//! Every copy and export format on awkward values: tabs, line breaks, quotes, commas, pipes,
//! Unicode, nulls, dynamic values, long integers, would-be spreadsheet formulas.

use kqlhunt::results::writers::{to_text, Format, Selection};
use kqlhunt::results::{load_response, ResultSet};

fn awkward() -> ResultSet {
    let json = r#"{"schema":[{"name":"Cmd","type":"String"},{"name":"N","type":"Int64"},{"name":"When","type":"DateTime"},{"name":"Extra","type":"Object"},{"name":"Ok","type":"Boolean"}],
      "results":[
        {"Cmd":"a\tb \"q\", c|d\nnext 日本","N":9007199254740993,"When":"2026-11-20T06:38:35.7664356Z","Extra":{"k":[1,"x"]},"Ok":true},
        {"Cmd":"=HYPERLINK(\"http://evil\")","N":null,"When":null,"Extra":null,"Ok":null}
      ]}"#;
    load_response(json.as_bytes().to_vec()).unwrap().result
}

fn text(format: Format) -> String {
    let result = awkward();
    to_text(&Selection::all(&result), format)
}

#[test]
fn tsv_escapes_and_guards_formulas() {
    assert_eq!(
        text(Format::Tsv),
        "Cmd\tN\tWhen\tExtra\tOk\n\
         a\\tb \"q\", c|d\\nnext 日本\t9007199254740993\t2026-11-20T06:38:35.7664356Z\t{\"k\":[1,\"x\"]}\ttrue\n\
         '=HYPERLINK(\"http://evil\")\t\t\t\t\n"
    );
}

#[test]
fn csv_quotes_per_rfc_4180() {
    assert_eq!(
        text(Format::Csv),
        "Cmd,N,When,Extra,Ok\r\n\
         \"a\tb \"\"q\"\", c|d\nnext 日本\",9007199254740993,2026-11-20T06:38:35.7664356Z,\"{\"\"k\"\":[1,\"\"x\"\"]}\",true\r\n\
         \"'=HYPERLINK(\"\"http://evil\"\")\",,,,\r\n"
    );
    let result = awkward();
    let raw = Selection {
        raw: true,
        ..Selection::all(&result)
    };
    assert!(
        to_text(&raw, Format::Csv).contains("\r\n\"=HYPERLINK("),
        "raw output keeps the cell as it is"
    );
}

#[test]
fn json_and_json_lines_keep_types_and_exact_digits() {
    let lines = text(Format::Jsonl);
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["Cmd"], "a\tb \"q\", c|d\nnext 日本");
    assert!(lines.contains("\"N\":9007199254740993"), "{lines}");
    assert_eq!(first["Extra"]["k"][1], "x");
    assert_eq!(first["Ok"], true);
    let all: serde_json::Value = serde_json::from_str(&text(Format::Json)).unwrap();
    assert_eq!(all[1]["N"], serde_json::Value::Null);
    assert_eq!(
        all[1]["Cmd"], "=HYPERLINK(\"http://evil\")",
        "JSON is data, not a spreadsheet: no guard"
    );
}

#[test]
fn markdown_keeps_each_row_on_one_line() {
    assert_eq!(
        text(Format::Markdown),
        "| Cmd | N | When | Extra | Ok |\n\
         | --- | ---: | --- | --- | --- |\n\
         | a\tb \"q\", c\\|d<br>next 日本 | 9007199254740993 | 2026-11-20T06:38:35.7664356Z | {\"k\":[1,\"x\"]} | true |\n\
         | =HYPERLINK(\"http://evil\") |  |  |  |  |\n"
    );
}

#[test]
fn a_datatable_literal_recreates_the_rows_in_a_query() {
    let literal = text(Format::Datatable);
    assert!(
        literal.starts_with(
            "datatable(Cmd:string, N:long, When:datetime, Extra:dynamic, Ok:bool) [\n"
        ),
        "{literal}"
    );
    let engine =
        kqlhunt::engine::Engine::new(std::sync::Arc::new(kqlhunt::engine::Database::default()));
    let answer = engine
        .run(&literal, 0, &kqlhunt::engine::Limits::default())
        .unwrap_or_else(|e| panic!("{}\n{literal}", e.describe(&literal)));
    let back = answer.table.to_result_set();
    let original = awkward();
    for column in 0..original.column_count() {
        assert_eq!(
            back.cell(0, column).to_plain(),
            original.cell(0, column).to_plain().replace(": ", ":"),
            "column {column}"
        );
    }
    assert_eq!(
        back.cell(1, 1),
        kqlhunt::results::Value::Null,
        "a null long stays null"
    );
}

#[test]
fn a_selection_writes_only_its_rows_and_columns() {
    let result = awkward();
    let one = Selection {
        rows: vec![1],
        columns: vec![0, 1],
        header: false,
        ..Selection::all(&result)
    };
    assert_eq!(
        to_text(&one, Format::Tsv),
        "'=HYPERLINK(\"http://evil\")\t\n"
    );
}
