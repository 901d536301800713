//! The v2 reader on the documented samples, on answers read piece by piece, and on hostile
//! frames.
use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use super::*;
use crate::results::Value;

fn read(json: &str) -> FrameDocument {
    read_frames(json.as_bytes(), &mut |_| {}).unwrap()
}

#[test]
fn the_primary_result_keeps_every_column_type() {
    let doc = read(include_str!("../../../../tests/data/adx/v2-ok.json"));
    let header = doc.header.clone().unwrap();
    assert!(!header.is_progressive && !header.is_fragmented);
    assert_eq!(header.error_placement.as_deref(), Some("InData"));
    let kinds: Vec<&str> = doc.tables.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "QueryProperties",
            "PrimaryResult",
            "QueryCompletionInformation"
        ]
    );
    let r = &doc.primary().unwrap().result;
    assert_eq!((r.row_count(), r.column_count()), (3, 12));
    assert_eq!(r.cell(0, 0).to_plain(), "2026-11-20T07:41:12.5518271Z");
    assert_eq!(r.cell(0, 3), Value::Long(9812));
    assert_eq!(r.cell(0, 4), Value::Long(4688));
    assert_eq!(r.cell(0, 6), Value::Bool(true));
    let Value::Dynamic(json) = r.cell(0, 7) else {
        panic!("{:?}", r.cell(0, 7))
    };
    assert!(!json.contains('\n'), "dynamic kept compact: {json}");
    let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(parsed["RemoteIP"], "203.0.113.44");
    assert_eq!(
        r.cell(0, 8),
        Value::Text("1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b")
    );
    assert_eq!(r.cell(0, 9), Value::Text("00:00:03.2500000"));
    assert_eq!(r.cell(0, 10), Value::Real(0.91));
    assert_eq!(r.cell(0, 11), Value::Real(48213.75));
    // The third row's nulls stay nulls, in every type.
    for c in [3, 7, 8, 9, 10, 11] {
        assert_eq!(r.cell(2, c), Value::Null, "column {c}");
    }
    assert!(!doc.completion.unwrap().has_errors);
    assert!(
        doc.errors.is_empty() && doc.notes.is_empty(),
        "{:?}",
        doc.notes
    );
}

#[test]
fn longs_past_two_to_the_53_and_long_decimals_keep_their_digits() {
    let doc = read(
        r#"[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0"},
        {"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult",
         "Columns":[{"ColumnName":"L","ColumnType":"long"},{"ColumnName":"D","ColumnType":"decimal"}],
         "Rows":[[9007199254740993,"79228162514264337593543950335"],[-9223372036854775808,"0.1"]]},
        {"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]"#,
    );
    let r = &doc.primary().unwrap().result;
    assert_eq!(r.cell(0, 0), Value::Long(9_007_199_254_740_993));
    assert_eq!(r.cell(1, 0), Value::Long(i64::MIN));
    assert_eq!(r.cell(0, 1), Value::Text("79228162514264337593543950335"));
    assert_eq!(
        r.column(1).number_as_sent(0),
        Some("79228162514264337593543950335")
    );
    assert_eq!(r.cell(1, 1), Value::Real(0.1));
}

#[test]
fn progressive_fragments_and_progress_arrive_in_order() {
    let mut seen = Vec::new();
    let doc = read_frames(
        include_str!("../../../../tests/data/adx/v2-progressive.json").as_bytes(),
        &mut |p| seen.push(p),
    )
    .unwrap();
    assert!(doc.header.as_ref().unwrap().is_progressive);
    let primary = doc.primary().unwrap();
    assert!(primary.completed);
    assert_eq!(primary.result.row_count(), 3);
    assert_eq!(primary.result.cell(2, 3), Value::Text("192.0.2.10"));
    let for_primary: Vec<_> = seen
        .iter()
        .filter(|p| {
            matches!(
                p,
                FrameProgress::Rows { table: 1, .. } | FrameProgress::Percent { table: 1, .. }
            )
        })
        .collect();
    assert_eq!(
        for_primary,
        [
            &FrameProgress::Rows { table: 1, rows: 2 },
            &FrameProgress::Percent {
                table: 1,
                percent: 48.5
            },
            &FrameProgress::Rows { table: 1, rows: 3 },
            &FrameProgress::Percent {
                table: 1,
                percent: 100.0
            },
        ]
    );
}

#[test]
fn a_replace_fragment_replaces_the_rows_so_far() {
    let doc = read(
        r#"[{"FrameType":"DataSetHeader","IsProgressive":true},
        {"FrameType":"TableHeader","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":[{"ColumnName":"n","ColumnType":"int"}]},
        {"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":[[1],[2]]},
        {"Rows":[[7]],"TableId":1,"FrameType":"TableFragment","TableFragmentType":"DataReplace"},
        {"FrameType":"TableCompletion","TableId":1,"RowCount":1},
        {"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]"#,
    );
    let r = &doc.primary().unwrap().result;
    assert_eq!(r.row_count(), 1);
    assert_eq!(r.cell(0, 0), Value::Long(7));
}

#[test]
fn an_error_in_the_rows_keeps_the_rows_before_it() {
    let doc = read(include_str!(
        "../../../../tests/data/adx/v2-midstream-error.json"
    ));
    let r = &doc.primary().unwrap().result;
    assert_eq!(r.row_count(), 2);
    assert_eq!(r.cell(1, 2), Value::Long(97));
    let places: Vec<ErrorPlace> = doc.errors.iter().map(|e| e.place).collect();
    assert_eq!(
        places,
        [
            ErrorPlace::InRows { table: 1 },
            ErrorPlace::DataSetCompletion
        ]
    );
    assert!(doc.completion.unwrap().has_errors);
}

#[test]
fn an_end_of_table_error_rides_on_the_completion() {
    let doc = read(include_str!(
        "../../../../tests/data/adx/v2-result-too-large.json"
    ));
    assert!(doc.header.as_ref().unwrap().is_fragmented);
    assert_eq!(doc.primary().unwrap().result.row_count(), 3);
    assert_eq!(
        doc.errors[0].place,
        ErrorPlace::TableCompletion { table: 1 }
    );
    assert_eq!(doc.errors[0].error["error"]["code"], "LimitsExceeded");
}

#[test]
fn a_cut_off_answer_says_how_far_it_got() {
    let text = include_str!("../../../../tests/data/adx/v2-ok.json");
    let cut = &text.as_bytes()[..text.len() / 2];
    match read_frames(cut, &mut |_| {}) {
        Err(LoadError::Truncated { len }) => assert_eq!(len, cut.len()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn something_else_than_frames_is_named() {
    let err = read_frames(&b"{\"error\":{}}"[..], &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("array of frames"), "{err}");
}

#[test]
fn a_cell_nested_past_any_stack_and_a_hostile_table_name_are_survived() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let text = format!(
        r#"[{{"FrameType":"TableHeader","TableId":1,"TableKind":"PrimaryResult","TableName":"\u001b]0;owned\u0007","Columns":[{{"ColumnName":"d","ColumnType":"dynamic"}}]}},
        {{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":[[{deep}]]}}]"#
    );
    // Either read or refused in words; never a crash.
    if let Ok(doc) = read_frames(text.as_bytes(), &mut |_| {}) {
        assert!(
            doc.notes.iter().all(|n| !n.contains('\u{1b}')),
            "{:?}",
            doc.notes
        );
    }
}

/// Hands out `chunks` one read at a time, noting for each how many progress reports the
/// reader had made before the chunk was asked for.
struct Trickle {
    chunks: Vec<Vec<u8>>,
    next: usize,
    offset: usize,
    reports: Rc<RefCell<usize>>,
    reports_before_chunk: Vec<usize>,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(chunk) = self.chunks.get(self.next) else {
            return Ok(0);
        };
        if self.offset == 0 {
            self.reports_before_chunk.push(*self.reports.borrow());
        }
        let n = buf.len().min(chunk.len() - self.offset);
        buf[..n].copy_from_slice(&chunk[self.offset..self.offset + n]);
        self.offset += n;
        if self.offset == chunk.len() {
            self.next += 1;
            self.offset = 0;
        }
        Ok(n)
    }
}

/// A progressive answer of `fragments` fragments of 200 rows each.
pub(crate) fn large_progressive(fragments: usize) -> String {
    let mut out = String::from(
        r#"[{"FrameType":"DataSetHeader","IsProgressive":true,"Version":"v2.0"},{"FrameType":"TableHeader","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":[{"ColumnName":"Device","ColumnType":"string"},{"ColumnName":"Count","ColumnType":"long"}]}"#,
    );
    for f in 0..fragments {
        out.push_str(r#",{"FrameType":"TableFragment","TableFragmentType":"DataAppend","TableId":1,"Rows":["#);
        for r in 0..200 {
            if r > 0 {
                out.push(',');
            }
            out.push_str(&format!("[\"ws-{f:04}-{r:03}.corp.contoso.com\",{r}]"));
        }
        out.push_str("]}");
    }
    out.push_str(r#",{"FrameType":"TableCompletion","TableId":1},{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]"#);
    out
}

#[test]
fn a_large_progressive_answer_is_read_frame_by_frame() {
    let text = large_progressive(50);
    let reports = Rc::new(RefCell::new(0usize));
    let mut trickle = Trickle {
        chunks: text
            .as_bytes()
            .chunks(8 << 10)
            .map(<[u8]>::to_vec)
            .collect(),
        next: 0,
        offset: 0,
        reports: reports.clone(),
        reports_before_chunk: Vec::new(),
    };
    let chunks = trickle.chunks.len();
    let counter = reports.clone();
    let doc = read_frames(&mut trickle, &mut |p| {
        if matches!(p, FrameProgress::Rows { table: 1, .. }) {
            *counter.borrow_mut() += 1;
        }
    })
    .unwrap();
    assert_eq!(doc.primary().unwrap().result.row_count(), 50 * 200);
    // Before the last piece of the body was even asked for, most fragments were in the grid.
    let before_last = trickle.reports_before_chunk[chunks - 1];
    assert!(
        before_last >= 45,
        "{before_last} fragments read before the last chunk"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

    /// Any cut of any sample, and its frames in any order or repeated, never panics.
    #[test]
    fn hostile_frames_never_panic(
        sample in 0usize..5,
        cut in 0.0f64..1.0,
        order in proptest::collection::vec(0usize..12, 0..14),
    ) {
        let samples = [
            include_str!("../../../../tests/data/adx/v2-ok.json"),
            include_str!("../../../../tests/data/adx/v2-progressive.json"),
            include_str!("../../../../tests/data/adx/v2-midstream-error.json"),
            include_str!("../../../../tests/data/adx/v2-result-too-large.json"),
            include_str!("../../../../tests/data/adx/v2-result-too-large-deferred.json"),
        ];
        let text = samples[sample];
        let bytes = &text.as_bytes()[..(text.len() as f64 * cut) as usize];
        let _ = read_frames(bytes, &mut |_| {});
        let frames: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        let shuffled: Vec<&serde_json::Value> =
            order.iter().filter_map(|i| frames.get(*i)).collect();
        // Serialized with sorted keys: `Rows` comes before `TableId` and the fragment type.
        let shuffled = serde_json::to_string(&shuffled).unwrap();
        let _ = read_frames(shuffled.as_bytes(), &mut |_| {});
    }
}

/// `cargo test --lib frames::tests::reading_speed -- --ignored --nocapture` prints how fast a
/// large answer is read (the figure in the README).
#[test]
#[ignore]
fn reading_speed() {
    let text = large_progressive(500);
    let started = std::time::Instant::now();
    let doc = read_frames(text.as_bytes(), &mut |_| {}).unwrap();
    let took = started.elapsed();
    let rows = doc.primary().unwrap().result.row_count();
    println!(
        "{rows} rows, {:.1} MB in {took:?}: {:.0} MB/s",
        text.len() as f64 / 1e6,
        text.len() as f64 / 1e6 / took.as_secs_f64()
    );
}
