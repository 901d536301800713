//! Kusto's semantics as its documentation states them, example by example: the demo engine
//! must answer each documented query with the documented values and column types.

use std::sync::Arc;

use kqlhunt::engine::{ColumnDef, Database, Engine, Limits, Scalar, Table};
use kqlhunt::results::ColumnKind;

const DAY: i64 = 864_000_000_000;
const HOUR: i64 = 36_000_000_000;

fn database() -> Database {
    let mut db = Database::default();
    let table = |name: &str, kind, value| {
        Table::new(
            vec![ColumnDef {
                name: name.into(),
                kind,
            }],
            vec![vec![value]],
        )
    };
    db.insert("Logons", table("x", ColumnKind::Long, Scalar::Long(1)));
    db.insert("Alerts", table("x", ColumnKind::Text, Scalar::str("a")));
    db
}

fn run(query: &str) -> Table {
    let engine = Engine::new(Arc::new(database()));
    match engine.run(query, 0, &Limits::default()) {
        Ok(answer) => answer.table,
        Err(e) => panic!("{query}\n  failed: {}", e.describe(query)),
    }
}

/// `name:type` of every column, as the service would declare them.
fn schema(table: &Table) -> Vec<String> {
    table
        .schema()
        .into_iter()
        .map(|(name, kind)| format!("{name}:{}", kind.kql_name()))
        .collect()
}

fn column(table: &Table, name: &str) -> Vec<Scalar> {
    let c = table
        .column_index(name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", schema(table)));
    (0..table.len()).map(|r| table.get(r, c).clone()).collect()
}

fn s(text: &str) -> Scalar {
    Scalar::str(text)
}

fn date(text: &str) -> Scalar {
    Scalar::DateTime(kqlhunt::results::datetime::parse_ticks(text).unwrap())
}

#[test]
fn a_missing_string_is_the_empty_string_never_null() {
    let t = run("union (datatable(a:string)['x']), (datatable(b:long)[1]) \
                 | extend n = isnull(a), e = isempty(a)");
    assert_eq!(column(&t, "a"), vec![s("x"), s("")]);
    assert_eq!(
        column(&t, "n"),
        vec![Scalar::Bool(false), Scalar::Bool(false)]
    );
    assert_eq!(
        column(&t, "e"),
        vec![Scalar::Bool(false), Scalar::Bool(true)]
    );
    let t = run("datatable(k:long)[1, 2] \
                 | join kind=leftouter (datatable(k:long, Name:string)[1, 'one']) on k");
    assert_eq!(column(&t, "Name"), vec![s("one"), s("")]);
    let t = run("datatable(k:long)[1, 2] | lookup (datatable(k:long, Name:string)[1, 'one']) on k");
    assert_eq!(column(&t, "Name"), vec![s("one"), s("")]);
    let t = run("datatable(Line:string)['user=alice', 'nothing here'] \
                 | parse Line with 'user=' User \
                 | extend Id = extract('id=(\\\\d+)', 1, Line), NoId = isnull(extract('id=(\\\\d+)', 1, Line))");
    assert_eq!(column(&t, "User"), vec![s("alice"), s("")]);
    assert_eq!(column(&t, "Id"), vec![s(""), s("")]);
    assert_eq!(
        column(&t, "NoId"),
        vec![Scalar::Bool(false), Scalar::Bool(false)]
    );
    assert_eq!(schema(&t)[1..], ["User:string", "Id:string", "NoId:bool"]);
}

#[test]
fn isnull_of_the_empty_string_is_false_and_parse_json_of_it_is_null() {
    let t = run(r#"print a = isnull(""), b = isempty(""), c = isnull(parse_json(""))"#);
    assert_eq!(column(&t, "a"), vec![Scalar::Bool(false)]);
    assert_eq!(column(&t, "b"), vec![Scalar::Bool(true)]);
    assert_eq!(column(&t, "c"), vec![Scalar::Bool(true)]);
}

#[test]
fn comparisons_with_null_follow_the_documented_table_and_where_drops_null() {
    let t = run("datatable(val:int)[5, int(null)] \
                 | extend IsBiggerThan3 = val > 3 \
                 | extend IsBiggerThan3OrNull = val > 3 or isnull(val) \
                 | extend IsEqualToNull = val == int(null) \
                 | extend IsNotEqualToNull = val != int(null)");
    let b = |v: bool| Scalar::Bool(v);
    assert_eq!(column(&t, "IsBiggerThan3"), vec![b(true), Scalar::Null]);
    assert_eq!(column(&t, "IsBiggerThan3OrNull"), vec![b(true), b(true)]);
    assert_eq!(column(&t, "IsEqualToNull"), vec![b(false), Scalar::Null]);
    assert_eq!(column(&t, "IsNotEqualToNull"), vec![b(true), Scalar::Null]);
    assert_eq!(
        schema(&t),
        [
            "val:int",
            "IsBiggerThan3:bool",
            "IsBiggerThan3OrNull:bool",
            "IsEqualToNull:bool",
            "IsNotEqualToNull:bool"
        ]
    );
    // `where` keeps a row whose predicate is true: null != 4 is true, null > 3 is null.
    let t = run("datatable(val:int)[5, int(null)] | where val != 4");
    assert_eq!(column(&t, "val"), vec![Scalar::Long(5), Scalar::Null]);
    let t = run("datatable(val:int)[5, int(null)] | where val > 3");
    assert_eq!(column(&t, "val"), vec![Scalar::Long(5)]);
}

#[test]
fn int_and_long_are_different_types() {
    let t = run(r#"datatable(a:int, b:long)[1, 2]
                 | extend c = int(1), d = a + b, e = toint("7"), f = tolong(a),
                          g = extract("id=(\\d+)", 1, "id=42", typeof(int))"#);
    assert_eq!(
        schema(&t),
        ["a:int", "b:long", "c:int", "d:long", "e:int", "f:long", "g:int"]
    );
    assert_eq!(column(&t, "g"), vec![Scalar::Long(42)]);
    let t = run("datatable(a:int, b:long)[1, 2] | getschema");
    assert_eq!(column(&t, "ColumnType"), vec![s("int"), s("long")]);
    assert_eq!(
        column(&t, "DataType"),
        vec![s("System.Int32"), s("System.Int64")]
    );
    assert_eq!(
        schema(&t),
        [
            "ColumnName:string",
            "ColumnOrdinal:long",
            "DataType:string",
            "ColumnType:string"
        ]
    );
}

#[test]
fn modulo_is_never_negative_and_integer_division_truncates() {
    let t = run("print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12");
    let l = Scalar::Long;
    assert_eq!(
        t.data.iter().map(|c| c[0].clone()).collect::<Vec<_>>(),
        vec![l(2), l(10), l(2), l(10)]
    );
    let t = run("print a = 1 / 2, b = 1.0 / 2, c = real(1) / 2, d = 9223372036854775807 + 1");
    assert_eq!(column(&t, "a"), vec![l(0)]);
    assert_eq!(column(&t, "b"), vec![Scalar::Real(0.5)]);
    assert_eq!(column(&t, "c"), vec![Scalar::Real(0.5)]);
    // Overflow wraps around, as .NET's unchecked arithmetic.
    assert_eq!(column(&t, "d"), vec![l(i64::MIN)]);
    assert_eq!(schema(&t), ["a:long", "b:real", "c:real", "d:long"]);
}

#[test]
fn bin_and_bin_at_round_numbers_durations_and_times_down() {
    let t = run("print a = bin(4.5, 1), b = bin(time(16d), 7d), c = bin(datetime(1970-05-11 13:45:07), 1d), \
                 d = bin_at(6.5, 2.5, 7), e = bin_at(time(1h), 1d, 12h), \
                 f = bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0)), \
                 g = bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-05-15 10:20:00.0)), \
                 h = bin(-7, 5)");
    assert_eq!(column(&t, "a"), vec![Scalar::Real(4.0)]);
    assert_eq!(column(&t, "b"), vec![Scalar::Timespan(14 * DAY)]);
    assert_eq!(column(&t, "c"), vec![date("1970-05-11")]);
    assert_eq!(column(&t, "d"), vec![Scalar::Real(4.5)]);
    assert_eq!(column(&t, "e"), vec![Scalar::Timespan(-12 * HOUR)]);
    assert_eq!(column(&t, "f"), vec![date("2017-05-14 12:00:00")]);
    assert_eq!(column(&t, "g"), vec![date("2017-05-15 10:20:00")]);
    assert_eq!(column(&t, "h"), vec![Scalar::Long(-10)]);
    assert_eq!(
        schema(&t),
        [
            "a:real",
            "b:timespan",
            "c:datetime",
            "d:real",
            "e:timespan",
            "f:datetime",
            "g:datetime",
            "h:long"
        ]
    );
}

#[test]
fn datetime_diff_counts_calendar_boundaries_for_every_period() {
    let t = run("print year = datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31)), \
                 quarter = datetime_diff('quarter', datetime(2017-07-01), datetime(2017-03-30)), \
                 month = datetime_diff('month', datetime(2017-01-01), datetime(2015-12-30)), \
                 week = datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)), \
                 day = datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)), \
                 hour = datetime_diff('hour', datetime(2017-10-31 01:00), datetime(2017-10-30 23:59)), \
                 minute = datetime_diff('minute', datetime(2017-10-30 23:05:01), datetime(2017-10-30 23:00:59)), \
                 second = datetime_diff('second', datetime(2017-10-30 23:00:10.100), datetime(2017-10-30 23:00:00.900)), \
                 millisecond = datetime_diff('millisecond', datetime(2017-10-30 23:00:00.200100), datetime(2017-10-30 23:00:00.100900)), \
                 microsecond = datetime_diff('microsecond', datetime(2017-10-30 23:00:00.1009001), datetime(2017-10-30 23:00:00.1008009)), \
                 nanosecond = datetime_diff('nanosecond', datetime(2017-10-30 23:00:00.0000000), datetime(2017-10-30 23:00:00.0000007))");
    let values: Vec<Scalar> = t.data.iter().map(|c| c[0].clone()).collect();
    let expected = [17, 2, 13, 5, 29, 2, 5, 10, 100, 100, -700];
    assert_eq!(values, expected.map(Scalar::Long).to_vec());
    assert!(
        schema(&t).iter().all(|c| c.ends_with(":long")),
        "{:?}",
        schema(&t)
    );
}

#[test]
fn format_datetime_writes_every_documented_specifier() {
    let t = run("let dt = datetime(2017-01-29 09:00:05.1234500); \
                 print v1 = format_datetime(dt, 'yy-MM-dd [HH:mm:ss]'), \
                 v2 = format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'), \
                 v3 = format_datetime(dt, 'yy-MM-dd [hh:mm:ss tt]'), \
                 v4 = format_datetime(dt, 'y d h m s'), \
                 v5 = format_datetime(dt, 'f,ff,fff,ffff,fffff,ffffff,fffffff'), \
                 v6 = format_datetime(dt, 'F,FF,FFF,FFFF,FFFFF,FFFFFF,FFFFFFF'), \
                 v7 = format_datetime(datetime(2017-01-29 15:00:05), 'h tt_hh.HH')");
    let values: Vec<Scalar> = t.data.iter().map(|c| c[0].clone()).collect();
    assert_eq!(
        values,
        vec![
            s("17-01-29 [09:00:05]"),
            s("2017-1-29 [9:00:05]"),
            s("17-01-29 [09:00:05 AM]"),
            s("17 29 9 0 5"),
            s("1,12,123,1234,12345,123450,1234500"),
            s("1,12,123,1234,12345,12345,12345"),
            s("3 PM_03.15"),
        ]
    );
    // A specifier the documentation does not list is refused by name, not guessed.
    let engine = Engine::new(Arc::new(database()));
    let query = "print format_datetime(now(), 'dd MMM yyyy')";
    let err = engine.run(query, 0, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, kqlhunt::engine::ErrorKind::Unsupported);
    assert!(err.message.contains("'dd MMM yyyy'"), "{}", err.message);
}

#[test]
fn between_takes_a_duration_as_its_upper_bound() {
    let t = run("datatable(StartTime:datetime)[datetime(2007-07-27), datetime(2007-07-30), datetime(2007-07-31)] \
                 | where StartTime between (datetime(2007-07-27) .. 3d)");
    assert_eq!(
        column(&t, "StartTime"),
        vec![date("2007-07-27"), date("2007-07-30")]
    );
    let t = run("range x from 1 to 100 step 1 | where x between (50 .. 55) | count");
    assert_eq!(column(&t, "Count"), vec![Scalar::Long(6)]);
}

#[test]
fn aggregates_of_no_rows_are_zero_nan_and_null() {
    let t = run("datatable(x:long, r:real, d:timespan)[] \
                 | summarize s = sum(x), sr = sum(r), sd = sum(d), a = avg(x), m = max(x), c = count(), dc = dcount(x)");
    assert_eq!(
        schema(&t),
        [
            "s:long",
            "sr:real",
            "sd:timespan",
            "a:real",
            "m:long",
            "c:long",
            "dc:long"
        ]
    );
    assert_eq!(column(&t, "s"), vec![Scalar::Long(0)]);
    assert_eq!(column(&t, "sr"), vec![Scalar::Real(0.0)]);
    assert_eq!(column(&t, "sd"), vec![Scalar::Timespan(0)]);
    assert!(matches!(column(&t, "a")[0], Scalar::Real(x) if x.is_nan()));
    assert_eq!(column(&t, "m"), vec![Scalar::Null]);
    assert_eq!(column(&t, "c"), vec![Scalar::Long(0)]);
    let t = run("datatable(x:long, Name:string)[] | summarize c = count(), a = avg(x) by Name");
    assert_eq!(schema(&t), ["Name:string", "c:long", "a:real"]);
    assert_eq!(t.len(), 0);
}

#[test]
fn union_keeps_a_column_per_type_and_withsource_names_the_table() {
    let t = run("union withsource=SourceTable Logons, Alerts");
    assert_eq!(
        schema(&t),
        ["SourceTable:string", "x_long:long", "x_string:string"]
    );
    assert_eq!(column(&t, "SourceTable"), vec![s("Logons"), s("Alerts")]);
    assert_eq!(column(&t, "x_long"), vec![Scalar::Long(1), Scalar::Null]);
    assert_eq!(column(&t, "x_string"), vec![s(""), s("a")]);
    // After a pipe, the piped-in rows join the same typed columns.
    let t = run("Logons | union Logons, Alerts");
    assert_eq!(schema(&t), ["x_long:long", "x_string:string"]);
    assert_eq!(
        column(&t, "x_long"),
        vec![Scalar::Long(1), Scalar::Long(1), Scalar::Null]
    );
}

#[test]
fn mv_expand_keeps_a_row_for_null_none_for_empty_and_numbers_items() {
    let t = run("datatable(Name:string, a:dynamic)['two', dynamic([10, 20]), 'null', dynamic(null), 'empty', dynamic([])] \
                 | mv-expand with_itemindex=Index a");
    assert_eq!(schema(&t), ["Name:string", "a:dynamic", "Index:long"]);
    assert_eq!(column(&t, "Name"), vec![s("two"), s("two"), s("null")]);
    assert_eq!(
        column(&t, "Index"),
        vec![Scalar::Long(0), Scalar::Long(1), Scalar::Long(0)]
    );
    assert_eq!(column(&t, "a")[2], Scalar::Null);
    let t = run("print a = dynamic([1, 'x', 3]) | mv-expand a to typeof(long)");
    assert_eq!(schema(&t), ["a:long"]);
    assert_eq!(
        column(&t, "a"),
        vec![Scalar::Long(1), Scalar::Null, Scalar::Long(3)]
    );
}

#[test]
fn parse_skips_with_star_and_types_its_columns() {
    let t = run(r#"datatable(EventText:string)[
            "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
            "Event: something else"]
        | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices:long * "sliceNumber=" sliceNumber:long * "lockTime=" lockTime ", releaseTime=" releaseTime "," *
        | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime"#);
    assert_eq!(
        schema(&t),
        [
            "resourceName:string",
            "totalSlices:long",
            "sliceNumber:long",
            "lockTime:string",
            "releaseTime:string"
        ]
    );
    assert_eq!(
        column(&t, "resourceName"),
        vec![s("PipelineScheduler"), s("")]
    );
    assert_eq!(
        column(&t, "totalSlices"),
        vec![Scalar::Long(27), Scalar::Null]
    );
    assert_eq!(
        column(&t, "sliceNumber"),
        vec![Scalar::Long(23), Scalar::Null]
    );
    assert_eq!(
        column(&t, "lockTime"),
        vec![s("02/17/2016 08:40:01"), s("")]
    );
}

#[test]
fn no_silent_cap_a_limit_is_an_error_that_names_it() {
    let t = run("range x from 1 to 150000 step 1 | count");
    assert_eq!(column(&t, "Count"), vec![Scalar::Long(150_000)]);
    let t = run("range x from 1 to 10 step 1 | summarize s = make_set(x, 3), l = make_list(x, 4)");
    assert_eq!(column(&t, "s")[0].to_json().as_array().unwrap().len(), 3);
    assert_eq!(column(&t, "l")[0].to_json().as_array().unwrap().len(), 4);
    // The legacy mvexpand's documented default limit is 128 rows from each row; mv-expand has none.
    let list = "range x from 1 to 200 step 1 | summarize a = make_list(x)";
    let t = run(&format!("{list} | mvexpand a | count"));
    assert_eq!(column(&t, "Count"), vec![Scalar::Long(128)]);
    let t = run(&format!("{list} | mv-expand a | count"));
    assert_eq!(column(&t, "Count"), vec![Scalar::Long(200)]);
    let engine = Engine::new(Arc::new(database()));
    let query = "range x from 1 to 100001 step 1";
    let err = engine.run(query, 0, &Limits::default()).unwrap_err();
    assert!(err.message.contains("100000"), "{}", err.message);
}

#[test]
fn binning_and_differences_at_the_ends_of_time_are_null_or_saturate_never_a_crash() {
    let t = run("print a = bin_at(totimespan(-9223372036854775807), 7d, 10d), \
                 b = bin(-9223372036854775807, 1000), \
                 c = datetime_diff('nanosecond', unixtime_seconds_todatetime(9.2e11), unixtime_seconds_todatetime(-9.2e11))");
    assert_eq!(column(&t, "a"), vec![Scalar::Null]);
    assert_eq!(column(&t, "b"), vec![Scalar::Null]);
    assert_eq!(column(&t, "c"), vec![Scalar::Long(i64::MAX)]);
}

#[test]
fn iff_and_case_take_their_type_from_the_branches_as_the_analyzer_does() {
    // A dynamic branch takes the other branch's type, its value converted; two other types
    // that differ make a dynamic; numbers widen.
    let table = run("print a = iff(true, dynamic({'u':'alice'}).u, 'null'), \
         b = iff(false, 'x', dynamic(7)), c = iff(true, dynamic('7'), 2), \
         d = iff(true, 1, 'x'), e = case(false, 'x', dynamic(true)), f = iff(true, 1, 2.5)");
    assert_eq!(
        schema(&table),
        [
            "a:string",
            "b:string",
            "c:long",
            "d:dynamic",
            "e:string",
            "f:real"
        ]
    );
    assert_eq!(column(&table, "a"), [s("alice")]);
    assert_eq!(column(&table, "b"), [s("7")]);
    assert_eq!(column(&table, "c"), [Scalar::Long(7)]);
    assert_eq!(column(&table, "e"), [s("true")]);
}
