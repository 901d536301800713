//! Sources beyond one table: find across tables, and externaldata from local copies.

use kqlhunt::engine::{ColumnDef, Database, LocalCopies, Scalar, Table};
use kqlhunt::results::ColumnKind;

use super::{expect, rows, run_in, schema};

/// The documentation's EventsTable1 and EventsTable2.
fn events() -> Database {
    let text = |name: &str| ColumnDef {
        name: name.into(),
        kind: ColumnKind::Text,
    };
    let column = |values: &[&str]| values.iter().map(|v| Scalar::str(v)).collect::<Vec<_>>();
    let (s1, s2, s3, s4) = (
        "acbd207d-51aa-4df7-bfa7-be70eb68f04e",
        "28b8e46e-3c31-43cf-83cb-48921c3986fc",
        "8f057b11-3281-45c3-a856-05ebb18a3c59",
        "f7d5f95f-f580-4ea6-830b-5776c8d64fdd",
    );
    let mut db = Database::default();
    db.insert(
        "EventsTable1",
        Table::new(
            vec![
                text("Session_Id"),
                text("Level"),
                text("EventText"),
                text("Version"),
            ],
            vec![
                column(&[s1, s1, s2, s3]),
                column(&["Information", "Error", "Error", "Information"]),
                column(&["Some Text1", "Some Text2", "Some Text3", "Some Text4"]),
                column(&["v1.0.0", "v1.0.0", "v1.0.1", "v1.1.0"]),
            ],
        ),
    );
    db.insert(
        "EventsTable2",
        Table::new(
            vec![
                text("Session_Id"),
                text("Level"),
                text("EventText"),
                text("EventName"),
            ],
            vec![
                column(&[s4, s1, s1, "15eaeab5-8576-4b58-8fc6-478f75d8fee4"]),
                column(&["Information", "Information", "Error", "Error"]),
                column(&[
                    "Some Other Text1",
                    "Some Other Text2",
                    "Some Other Text3",
                    "Some Other Text4",
                ]),
                column(&["Event1", "Event2", "Event3", "Event4"]),
            ],
        ),
    );
    db
}

#[test]
fn find_reads_each_table_with_the_conditions_it_has_columns_for() {
    // The documentation's "search in common and uncommon columns" example.
    let t = run_in(events(), "find Version == 'v1.0.0' or EventName == 'Event1' project Session_Id, EventText, Version, EventName").unwrap();
    assert_eq!(
        schema(&t),
        [
            "source_:string",
            "Session_Id:string",
            "EventText:string",
            "Version:string",
            "EventName:string"
        ]
    );
    assert_eq!(
        rows(&t),
        expect(&[
            "EventsTable1|acbd207d-51aa-4df7-bfa7-be70eb68f04e|Some Text1|v1.0.0|",
            "EventsTable1|acbd207d-51aa-4df7-bfa7-be70eb68f04e|Some Text2|v1.0.0|",
            "EventsTable2|f7d5f95f-f580-4ea6-830b-5776c8d64fdd|Some Other Text1||Event1",
        ])
    );
}

#[test]
fn find_packs_the_columns_not_shared_into_pack_() {
    // The documentation's "abbreviated notation" example.
    let t = run_in(
        events(),
        "find Session_Id == 'acbd207d-51aa-4df7-bfa7-be70eb68f04e'",
    )
    .unwrap();
    assert_eq!(
        schema(&t),
        [
            "source_:string",
            "Session_Id:string",
            "Level:string",
            "EventText:string",
            "pack_:dynamic"
        ]
    );
    let got: Vec<(String, String)> = rows(&t)
        .into_iter()
        .map(|r| (r[0].clone(), r[4].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "EventsTable1".to_owned(),
                r#"{"Version":"v1.0.0"}"#.to_owned()
            ),
            (
                "EventsTable1".to_owned(),
                r#"{"Version":"v1.0.0"}"#.to_owned()
            ),
            (
                "EventsTable2".to_owned(),
                r#"{"EventName":"Event2"}"#.to_owned()
            ),
            (
                "EventsTable2".to_owned(),
                r#"{"EventName":"Event3"}"#.to_owned()
            ),
        ]
    );
    let t = run_in(
        events(),
        "find withsource=Table in (EventsTable2) where Level == 'Error' | count",
    )
    .unwrap();
    assert_eq!(rows(&t), expect(&["2"]));
}

#[test]
fn externaldata_reads_the_local_copy_a_url_is_mapped_to() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("externaldata.toml"),
        "[urls]\n\"https://example.org/kev.csv\" = \"kev.csv\"\n\"https://example.org/ips.txt\" = \"lists/ips.txt\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kev.csv"),
        "cveID,dateAdded,count\r\nCVE-1,2024-01-02,3\r\n\"CVE-2, \"\"quoted\"\"\",,x\r\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("lists")).unwrap();
    std::fs::write(
        dir.path().join("lists/ips.txt"),
        "# header\n1.2.3.4\n5.6.7.8\n",
    )
    .unwrap();
    let mut db = Database::default();
    db.set_local_copies(LocalCopies::load(dir.path()).unwrap());
    let t = run_in(
        db.clone(),
        r#"externaldata(cveID: string, dateAdded: datetime, count: long)[@"https://example.org/kev.csv"] with (format="csv", ignoreFirstRecord=True)"#,
    )
    .unwrap();
    assert_eq!(
        schema(&t),
        ["cveID:string", "dateAdded:datetime", "count:long"]
    );
    assert_eq!(
        rows(&t),
        expect(&[
            "CVE-1|2024-01-02T00:00:00.0000000Z|3",
            "CVE-2, \"quoted\"|null|null"
        ])
    );
    let t = run_in(
        db.clone(),
        r#"let ips = externaldata(IP: string)[h@"https://example.org/ips.txt"] with (format="txt", ignoreFirstRecord=true); ips | where IP startswith "5""#,
    )
    .unwrap();
    assert_eq!(rows(&t), expect(&["5.6.7.8"]));
    // A URL that is not mapped is named, with where to map it.
    let e = run_in(
        db,
        r#"externaldata(x: string)["https://example.org/missing.txt"]"#,
    )
    .unwrap_err();
    assert!(
        e.message
            .contains("'https://example.org/missing.txt' is not mapped"),
        "{}",
        e.message
    );
    assert!(e.message.contains("externaldata.toml"), "{}", e.message);
}

#[test]
fn externaldata_refuses_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("externaldata.toml"),
        "[urls]\n\"https://example.org/a\" = \"folder\"\n\"https://example.org/b\" = \"gone.txt\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let mut db = Database::default();
    db.set_local_copies(LocalCopies::load(dir.path()).unwrap());
    let e = run_in(
        db.clone(),
        r#"externaldata(x: string)["https://example.org/a"]"#,
    )
    .unwrap_err();
    assert!(e.message.contains("not a regular file"), "{}", e.message);
    assert!(e.message.contains("https://example.org/a"), "{}", e.message);
    let e = run_in(
        db,
        r#"externaldata(x: string)["https://example.org/b"] with (format="txt")"#,
    )
    .unwrap_err();
    assert!(e.message.contains("gone.txt"), "{}", e.message);
    // A map that cannot be read says where and why.
    std::fs::write(dir.path().join("externaldata.toml"), "[urls\n").unwrap();
    let err = LocalCopies::load(dir.path()).unwrap_err();
    assert!(
        err.contains("externaldata.toml") && err.contains("not valid TOML"),
        "{err}"
    );
}
