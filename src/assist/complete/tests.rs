use super::*;

fn labels(text: &str) -> Vec<String> {
    let knowledge = Knowledge::default();
    complete(&knowledge, text, text.len())
        .items
        .into_iter()
        .map(|i| i.label)
        .collect()
}

#[test]
fn a_new_query_starts_with_a_table_typed_by_its_letters() {
    let found = labels("DevProc");
    assert_eq!(found[0], "DeviceProcessEvents");
    let found = labels("let badIp = \"1.2.3.4\";\nbad");
    assert_eq!(found[0], "badIp", "let names too");
}

#[test]
fn after_a_pipe_come_tabular_operators() {
    let found = labels("DeviceInfo\n| su");
    assert_eq!(found[0], "summarize");
    let found = labels("DeviceInfo | project-a");
    assert_eq!(found[0], "project-away");
}

#[test]
fn columns_come_from_the_table_and_what_the_pipe_made_of_it() {
    let found = labels("DeviceProcessEvents | where ProcessC");
    assert_eq!(found[0], "ProcessCommandLine");
    let found = labels("DeviceProcessEvents | extend Decoded = base64_decode_tostring(ProcessCommandLine) | where Dec");
    assert_eq!(found[0], "Decoded");
    let found = labels("DeviceLogonEvents | summarize Logons = count() by AccountName | project ");
    assert!(
        found.contains(&"AccountName".to_owned()) && found.contains(&"Logons".to_owned()),
        "the columns summarize made: {found:?}"
    );
    assert!(
        !found.contains(&"ActionType".to_owned()),
        "summarize drops the other columns"
    );
}

#[test]
fn aggregates_are_offered_in_summarize_with_their_signatures() {
    let knowledge = Knowledge::default();
    let text = "DeviceNetworkEvents | summarize dcou";
    let found = complete(&knowledge, text, text.len());
    assert_eq!(found.items[0].label, "dcount");
    assert!(found.items[0].detail.starts_with("dcount(expr"));
    assert_eq!(found.replace, text.len() - 4..text.len());
    assert!(!labels("DeviceNetworkEvents | where dcou").contains(&"dcount".to_owned()));
}

#[test]
fn after_join_comes_a_table() {
    let found = labels("DeviceLogonEvents | join kind=inner (DeviceInf");
    assert_eq!(found[0], "DeviceInfo");
    let found = labels("DeviceLogonEvents | join kind=leftouter DeviceNet");
    assert_eq!(
        found[..2],
        ["DeviceNetworkInfo", "DeviceNetworkEvents"],
        "shortest first"
    );
}

#[test]
fn string_values_seen_in_results_are_offered_inside_quotes() {
    let mut knowledge = Knowledge::default();
    let mut column = crate::results::Column::new("ActionType", "String");
    for value in ["ProcessCreated", "PowerShellCommand", "ProcessCreated"] {
        column.push_value(crate::results::Value::Text(value));
    }
    knowledge.learn(&crate::results::ResultSet::from_columns(vec![column]).unwrap());
    let text = "DeviceEvents | where ActionType == \"Pow";
    let found = complete(&knowledge, text, text.len());
    assert_eq!(found.items[0].label, "PowerShellCommand");
    assert_eq!(&text[found.replace.clone()], "Pow");
}

#[test]
fn after_an_operand_come_the_string_operators() {
    let found = labels("DeviceProcessEvents | where FileName ha");
    assert_eq!(found[0], "has");
}

#[test]
fn odd_characters_at_the_cursor_never_break_completion() {
    let knowledge = Knowledge::default();
    // Found by the fuzzer: a combining mark where a string might start.
    for text in [
        "\u{485}",
        "T | where x == \u{485}",
        "\"\u{485}",
        "@'\u{485}",
        "é|",
        "|\u{10FFFF}",
    ] {
        for cursor in 0..=text.len() {
            let _ = complete(&knowledge, text, cursor);
        }
    }
}

#[test]
fn a_local_query_completes_and_checks_the_columns_of_the_fetched_result() {
    use crate::engine::ColumnDef;
    use crate::results::ColumnKind;
    let columns = vec![
        ColumnDef {
            name: "DeviceName".into(),
            kind: ColumnKind::Text,
        },
        ColumnDef {
            name: "Hits".into(),
            kind: ColumnKind::Long,
        },
    ];
    let knowledge = std::sync::Arc::new(Knowledge::default()).with_fetched(&[
        ("_result".into(), columns.clone()),
        ("_tab(\"hosts\")".into(), columns),
    ]);
    let labels = |text: &str| -> Vec<String> {
        complete(&knowledge, text, text.len())
            .items
            .into_iter()
            .map(|i| i.label)
            .collect()
    };
    assert_eq!(labels("_result | where Dev")[0], "DeviceName");
    assert_eq!(
        labels("_tab(\"hosts\") | summarize count() by Hi")[0],
        "Hits"
    );
    let advice = crate::assist::diagnose::Advice::default();
    let said = |text: &str| -> Vec<String> {
        crate::assist::diagnose::diagnose(&knowledge, text, advice)
            .into_iter()
            .map(|d| d.message)
            .collect()
    };
    assert!(said("_result | summarize count() by DeviceName").is_empty());
    assert!(
        said("_result | where Nope == 1")
            .iter()
            .any(|m| m.contains("'Nope'")),
        "a column the result lacks is named"
    );
    // A run in the history is read when the query runs: nothing to say before.
    assert!(
        said("_run(42) | take 3").is_empty(),
        "{:?}",
        said("_run(42) | take 3")
    );
}
