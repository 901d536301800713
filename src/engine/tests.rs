use super::*;
use crate::results::ColumnKind;

fn db() -> Database {
    let mut db = Database::default();
    let col = |name: &str, kind| ColumnDef {
        name: name.into(),
        kind,
    };
    let t = |s: &str| Scalar::str(s);
    let day = 864_000_000_000i64;
    db.insert(
        "Proc",
        Table::new(
            vec![
                col("Timestamp", ColumnKind::DateTime),
                col("DeviceName", ColumnKind::Text),
                col("FileName", ColumnKind::Text),
                col("CommandLine", ColumnKind::Text),
                col("Size", ColumnKind::Long),
            ],
            vec![
                vec![
                    Scalar::DateTime(10 * day),
                    Scalar::DateTime(11 * day),
                    Scalar::DateTime(12 * day),
                    Scalar::DateTime(12 * day + 5),
                ],
                vec![t("ws-1"), t("ws-2"), t("ws-1"), t("ws-3")],
                vec![
                    t("powershell.exe"),
                    t("cmd.exe"),
                    t("PowerShell.EXE"),
                    t("rclone.exe"),
                ],
                vec![
                    t("powershell -enc SQBFAFgA"),
                    t("cmd /c whoami"),
                    t("powershell.exe -nop"),
                    t("rclone copy C:\\data remote:bucket"),
                ],
                vec![
                    Scalar::Long(10),
                    Scalar::Long(20),
                    Scalar::Null,
                    Scalar::Long(40),
                ],
            ],
        ),
    );
    db.insert(
        "Info",
        Table::new(
            vec![
                col("DeviceName", ColumnKind::Text),
                col("OSPlatform", ColumnKind::Text),
            ],
            vec![
                vec![t("ws-1"), t("ws-2"), t("dc-1")],
                vec![t("Windows10"), t("Windows11"), t("WindowsServer2022")],
            ],
        ),
    );
    db
}

fn run(query: &str) -> Table {
    let engine = Engine::new(std::sync::Arc::new(db()));
    engine
        .run(query, 13 * 864_000_000_000, &Limits::default())
        .unwrap_or_else(|e| panic!("{query}: {}", e.describe(query)))
        .table
}

fn cells(table: &Table) -> Vec<Vec<String>> {
    (0..table.len())
        .map(|r| {
            (0..table.columns.len())
                .map(|c| {
                    table
                        .get(r, c)
                        .to_text()
                        .map_or("null".into(), |s| s.into_owned())
                })
                .collect()
        })
        .collect()
}

#[test]
fn where_with_string_operators_ignores_case_unless_cs() {
    assert_eq!(
        run("Proc | where FileName =~ 'powershell.exe' | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where FileName == 'powershell.exe' | count").get(0, 0),
        &Scalar::Long(1)
    );
    assert_eq!(
        run("Proc | where CommandLine has 'ENC' | count").get(0, 0),
        &Scalar::Long(1)
    );
    assert_eq!(
        run("Proc | where CommandLine has_cs 'ENC' | count").get(0, 0),
        &Scalar::Long(0)
    );
    assert_eq!(
        run("Proc | where CommandLine !contains 'power' | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where FileName in~ ('CMD.EXE', 'rclone.exe') | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where CommandLine has_any ('whoami', 'copy') | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where Timestamp > ago(2d) | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where Size between (15 .. 40) | count").get(0, 0),
        &Scalar::Long(2)
    );
    assert_eq!(
        run("Proc | where CommandLine matches regex @'-enc\\s+[A-Za-z0-9]+' | count").get(0, 0),
        &Scalar::Long(1)
    );
}

#[test]
fn summarize_counts_and_sets_by_key_in_first_seen_order() {
    let t = run("Proc | summarize Runs = count(), Files = make_set(FileName), Total = sum(Size), Last = max(Timestamp) by DeviceName");
    assert_eq!(
        t.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["DeviceName", "Runs", "Files", "Total", "Last"]
    );
    assert_eq!(
        cells(&t)[0][..4],
        [
            "ws-1".to_string(),
            "2".into(),
            "[\"powershell.exe\",\"PowerShell.EXE\"]".into(),
            "10".into()
        ]
    );
    let unnamed = run("Proc | summarize count(), dcount(DeviceName)");
    assert_eq!(unnamed.columns[0].name, "count_");
    assert_eq!(unnamed.columns[1].name, "dcount_DeviceName");
    assert_eq!(cells(&unnamed), [["4", "3"]]);
    let binned = run("Proc | summarize count() by bin(Timestamp, 1d) | order by Timestamp asc");
    assert_eq!(binned.columns[0].name, "Timestamp");
    assert_eq!(binned.len(), 3);
}

#[test]
fn arg_max_keeps_the_whole_latest_row() {
    let t =
        run("Proc | summarize arg_max(Timestamp, *) by DeviceName | where DeviceName == 'ws-1'");
    assert_eq!(
        t.columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["DeviceName", "Timestamp", "FileName", "CommandLine", "Size"]
    );
    assert_eq!(t.get(0, 2), &Scalar::str("PowerShell.EXE"));
}

#[test]
fn joins_by_kind() {
    let inner = run("Proc | join kind=inner (Info) on DeviceName");
    assert_eq!(inner.len(), 3);
    assert!(
        inner.column_index("DeviceName1").is_some(),
        "the right key is kept with a suffix"
    );
    assert_eq!(
        run("Proc | join kind=innerunique (Info) on DeviceName").len(),
        2
    );
    assert_eq!(
        run("Proc | join kind=leftouter (Info) on DeviceName").len(),
        4
    );
    assert_eq!(
        cells(&run(
            "Proc | join kind=leftanti (Info) on DeviceName | project DeviceName"
        )),
        [["ws-3"]]
    );
    assert_eq!(
        run("Proc | join kind=leftsemi (Info) on $left.DeviceName == $right.DeviceName")
            .columns
            .len(),
        5
    );
    assert_eq!(
        cells(&run(
            "Info | join kind=rightanti (Proc) on DeviceName | project DeviceName"
        )),
        [["ws-3"]]
    );
    assert_eq!(run("Proc | lookup (Info) on DeviceName").columns.len(), 6);
}

#[test]
fn lets_functions_and_dynamic_values() {
    let t = run(r#"let Bad = dynamic(["rclone.exe"]);
let Recent = (n:int) { Proc | top n by Timestamp };
Recent(2) | where FileName in (Bad) | extend Parsed = parse_json('{"a":{"b":[1,2]}}') | extend B = Parsed.a.b[1], Upper = toupper(DeviceName)
| project DeviceName, B, Upper"#);
    assert_eq!(cells(&t), [["ws-3", "2", "WS-3"]]);
    let m = run("print x = dynamic([1,2,3]) | mv-expand x | summarize s = sum(toint(x))");
    assert_eq!(m.get(0, 0), &Scalar::Long(6));
}

#[test]
fn parse_extract_and_datatable() {
    let t = run(
        r#"datatable(Line:string) ["user=alice id=7", "user=bob id=x"] | parse Line with "user=" User " id=" Id:long | extend First = extract("user=(\\w+)", 1, Line)"#,
    );
    assert_eq!(
        cells(&t),
        [
            ["user=alice id=7", "alice", "7", "alice"],
            // The default (simple) parse is strict: a number that is not one fails the row.
            ["user=bob id=x", "", "null", "bob"]
        ]
    );
    let relaxed = run(
        r#"datatable(Line:string) ["user=bob id=x"] | parse kind=relaxed Line with "user=" User " id=" Id:long"#,
    );
    assert_eq!(cells(&relaxed), [["user=bob id=x", "bob", "null"]]);
}

#[test]
fn sort_top_distinct_and_project_away() {
    let t = run("Proc | top 2 by Size | project Size");
    assert_eq!(cells(&t), [["40"], ["20"]]);
    let t = run("Proc | sort by Size asc | project Size");
    assert_eq!(
        cells(&t),
        [["null"], ["10"], ["20"], ["40"]],
        "nulls first when ascending"
    );
    assert_eq!(run("Proc | distinct DeviceName").len(), 3);
    assert_eq!(run("Proc | project-away File*, Command*").columns.len(), 3);
    assert_eq!(run("union Proc, Info | count").get(0, 0), &Scalar::Long(7));
}

#[test]
fn mistakes_and_unsupported_features_are_named_with_their_place() {
    let engine = Engine::new(std::sync::Arc::new(db()));
    let err = |q: &str| engine.run(q, 0, &Limits::default()).unwrap_err();
    let e = err("Proc\n| where Timestmp > ago(1d)");
    assert_eq!(e.kind, ErrorKind::Semantic);
    assert_eq!(e.describe("Proc\n| where Timestmp > ago(1d)"), "Failed to resolve scalar expression named 'Timestmp' [line 2, column 9]. Fix semantic errors in your query.");
    assert_eq!(err("Procs | take 1").kind, ErrorKind::Semantic);
    let e = err("Proc | evaluate autocluster()");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert!(
        e.message.contains("'evaluate autocluster'"),
        "{}",
        e.message
    );
    // A name that is no function is the query's mistake; a real one the demo lacks is not.
    let e = err("Proc | extend x = frobnicate(1)");
    assert_eq!(e.kind, ErrorKind::Semantic);
    assert_eq!(
        e.message,
        "The name 'frobnicate' does not refer to any known function."
    );
    assert_eq!(
        err("Proc | extend x = zlib_compress_to_base64_string('a')").kind,
        ErrorKind::Unsupported
    );
    assert_eq!(err("Proc | where").kind, ErrorKind::Syntax);
    let limits = Limits {
        max_rows: 2,
        ..Limits::default()
    };
    assert_eq!(
        engine.run("Proc", 0, &limits).unwrap_err().kind,
        ErrorKind::Limits
    );
}

#[test]
fn operators_that_multiply_rows_are_refused_past_the_budget_before_building() {
    let engine = Engine::new(std::sync::Arc::new(db()));
    let limits = Limits {
        max_cells: 50,
        ..Limits::default()
    };
    let run = |q: &str| engine.run(q, 0, &limits);
    // ws-1 twice on each side: 6 rows of 10 columns.
    let err = run("Proc | join kind=inner (Proc) on DeviceName").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limits);
    assert!(
        err.message
            .contains("HashJoin operator has exceeded the memory budget")
            && err.message.contains("6 rows of 10 columns"),
        "{}",
        err.message
    );
    assert_eq!(
        run("Proc | join kind=inner (Proc | project DeviceName) on DeviceName | count")
            .unwrap()
            .table
            .get(0, 0),
        &Scalar::Long(6)
    );
    let err = run("print a = dynamic([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26]) | mv-expand a").unwrap_err();
    assert!(err.message.contains("MvExpand operator"), "{}", err.message);
    assert_eq!(
        run("print a = dynamic([1,2,3]) | mv-expand a | count")
            .unwrap()
            .table
            .get(0, 0),
        &Scalar::Long(3)
    );
    let err = run("range x from 1 to 51 step 1").unwrap_err();
    assert!(
        err.message.contains("Range operator") && err.message.contains("51 rows"),
        "{}",
        err.message
    );
    assert_eq!(
        run("range x from 1 to 50 step 1 | count")
            .unwrap()
            .table
            .get(0, 0),
        &Scalar::Long(50)
    );
    for endless in ["range x from 1 to 2 step 0", "range x from 1 to 2 step -1"] {
        let err = engine.run(endless, 0, &Limits::default()).unwrap_err();
        assert!(
            err.message.contains("E_RUNAWAY_QUERY"),
            "{endless}: {}",
            err.message
        );
    }
}
