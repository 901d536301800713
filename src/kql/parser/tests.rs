use super::*;

fn ok(text: &str) -> Query {
    parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.describe(text)))
}

fn pipeline(text: &str) -> Pipeline {
    match ok(text).statements.pop().unwrap() {
        Statement::Tabular(p) => p,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_typical_hunt_parses_into_its_operators() {
    let p = pipeline(
        "DeviceProcessEvents\n| where Timestamp > ago(7d) and FileName =~ \"powershell.exe\" and ProcessCommandLine has_any (\"-enc\", \"-e \")\n| extend Len = strlen(ProcessCommandLine)\n| summarize Count = count(), Devices = dcount(DeviceName) by AccountName, bin(Timestamp, 1h)\n| order by Count desc\n| take 10",
    );
    assert_eq!(p.source.kind, ExprKind::Name("DeviceProcessEvents".into()));
    let names: Vec<_> = p
        .operators
        .iter()
        .map(|o| std::mem::discriminant(&o.kind))
        .collect();
    assert_eq!(names.len(), 5);
    let OperatorKind::Summarize { aggregates, by } = &p.operators[2].kind else {
        panic!()
    };
    assert_eq!(aggregates[0].names, vec!["Count"]);
    assert_eq!(by.len(), 2);
}

#[test]
fn lets_functions_joins_and_dynamic_literals() {
    let q = ok(r#"let lookback = 14d;
let Suspicious = dynamic(["rclone.exe", 'mega.exe']);
let Emails = (T:(NetworkMessageId:string), n:int = 5) { T | take n };
DeviceFileEvents
| where Timestamp > ago(lookback) and FileName in~ (Suspicious)
| join kind=leftouter (EmailAttachmentInfo | project SHA256, SenderFromAddress) on SHA256
| join (DeviceInfo) on $left.DeviceId == $right.DeviceId
| project-rename Sender = SenderFromAddress
| project-away Initiating*
| mv-expand Suspicious to typeof(string)
| parse ProcessCommandLine with * "-enc " Encoded:string " " *
| render timechart"#);
    assert_eq!(q.statements.len(), 4);
    let Statement::Let {
        value: LetValue::Expr(e),
        ..
    } = &q.statements[1]
    else {
        panic!()
    };
    assert_eq!(
        e.kind,
        ExprKind::Literal(Literal::Dynamic(serde_json::json!([
            "rclone.exe",
            "mega.exe"
        ])))
    );
    let Statement::Let {
        value: LetValue::Function(f),
        ..
    } = &q.statements[2]
    else {
        panic!()
    };
    assert!(f.params[0].tabular && f.params[1].default.is_some());
}

#[test]
fn typed_literals_and_member_access() {
    let p = pipeline("print a = datetime(2026-11-20 06:38:35), b = parse_json(x).Field[0].Inner, c = x['key'], d = 1.5h, e = typeof(string)");
    let ExprKind::Print(items) = &p.source.kind else {
        panic!("{:?}", p.source)
    };
    assert!(matches!(
        items[0].expr.kind,
        ExprKind::Literal(Literal::DateTime(_))
    ));
    assert!(matches!(items[1].expr.kind, ExprKind::Member { .. }));
    assert!(matches!(items[2].expr.kind, ExprKind::Index { .. }));
}

#[test]
fn errors_name_the_place() {
    let text = "DeviceInfo\n| where DeviceName == \n| take 5";
    let err = parse(text).unwrap_err();
    assert_eq!(err.span.line_column(text).0, 3, "{}", err.describe(text));
    let err = parse("DeviceInfo | frobnicate 5").unwrap_err();
    assert!(
        err.message
            .contains("'frobnicate' is not a tabular operator"),
        "{}",
        err.message
    );
    assert!(parse("DeviceInfo | where (a == 1").is_err());
    assert!(parse("").is_err());
}

#[test]
fn literals_past_their_range_are_refused_not_read_as_zero() {
    let hex = parse("print x = 0x10000000000000000").unwrap_err();
    assert!(
        hex.message.contains("must fit in a long"),
        "{}",
        hex.message
    );
    assert!(parse("print x = 0x7FFFFFFFFFFFFFFF").is_ok());
    let span = parse("print x = 99999999999999999d").unwrap_err();
    assert!(
        span.message.contains("timespan literal"),
        "{}",
        span.message
    );
    assert!(parse("print x = 10675199d").is_ok());
}
