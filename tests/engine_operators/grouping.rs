//! Operators that run per row or per group: mv-apply, partition, top-nested, invoke, and
//! aggregates inside expressions in summarize.

use super::{expect, fails, rows, run, schema};

#[test]
fn mv_apply_runs_the_subquery_on_each_rows_elements() {
    // The documentation's examples of mv-apply.
    let data = "let data = datatable (index: long, Arr: dynamic) [0, dynamic([7]), 1, dynamic([6, 11, 7])]; data";
    let t = run(&format!(
        "{data} | mv-apply Arr2=Arr to typeof(long) on (take 100)"
    ));
    assert_eq!(schema(&t), ["index:long", "Arr:dynamic", "Arr2:long"]);
    assert_eq!(
        rows(&t),
        expect(&["0|[7]|7", "1|[6,11,7]|6", "1|[6,11,7]|11", "1|[6,11,7]|7"])
    );
    let t = run("datatable (index: long, Arr: dynamic) [0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])] | mv-apply topElem=Arr to typeof(long) on (top 1 by topElem)");
    assert_eq!(rows(&t), expect(&["0|[1,5,3]|5", "1|[10,2,5,7]|10"]));
    let t = run("datatable (index: long, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])] | mv-apply Arr2=Arr to typeof(long) on (top 2 by Arr2 | summarize Top2=make_list(Arr2))");
    assert_eq!(schema(&t), ["index:long", "Arr:dynamic", "Top2:dynamic"]);
    assert_eq!(
        rows(&t),
        expect(&["0|[5,1,3]|[5,3]", "1|[4,10,8,7]|[10,8]"])
    );
    let t = run("datatable (row: long, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])] | mv-apply with_itemindex=index value=Arr to typeof(long) on (where index >= 2)");
    assert_eq!(
        schema(&t),
        ["row:long", "Arr:dynamic", "value:long", "index:long"]
    );
    assert_eq!(
        rows(&t),
        expect(&["0|[5,1,3]|3|2", "1|[4,10,8,7]|8|2", "1|[4,10,8,7]|7|3"])
    );
    let t = run(r#"datatable (Val: long, Arr1: dynamic, Arr2: dynamic)
        [1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 5, dynamic(['C1', 'C2']), dynamic(['D1'])]
        | mv-apply T1=Arr1, T2=Arr2 on (extend Out = strcat(T1, "_", T2) | summarize Out= make_list(Out))"#);
    assert_eq!(
        rows(&t),
        expect(&[
            r#"1|["A1","A2"]|["B1","B2","B3"]|["A1_B1","A2_B2","_B3"]"#,
            r#"5|["C1","C2"]|["D1"]|["C1_D1","C2_"]"#,
        ])
    );
}

#[test]
fn mv_apply_moves_an_expanded_column_after_the_others() {
    let t = run("datatable(Id:long, Metric:dynamic, Other:string)[1, dynamic([1.5, 4, 2]), 'a'] | mv-apply Metric to typeof(real) on (top 2 by Metric desc)");
    assert_eq!(schema(&t), ["Id:long", "Other:string", "Metric:real"]);
    assert_eq!(rows(&t), expect(&["1|a|4", "1|a|2"]));
}

#[test]
fn mv_apply_and_partition_over_no_rows_keep_the_subquery_s_columns() {
    let names = |t: &kqlhunt::engine::Table| -> Vec<String> {
        t.columns.iter().map(|c| c.name.clone()).collect()
    };
    let t = run("datatable(a:long, arr:dynamic)[] | mv-apply x=arr on (summarize c=count())");
    assert_eq!(
        (names(&t), t.len()),
        (vec!["a".to_owned(), "arr".to_owned(), "c".to_owned()], 0)
    );
    let t = run("datatable(a:long)[] | partition by a (summarize c=count())");
    assert_eq!((names(&t), t.len()), (vec!["c".to_owned()], 0));
}

#[test]
fn partition_runs_the_operators_on_each_value_s_rows() {
    let t = run("datatable(Report:string, Mount:long)['a', 3, 'b', 1, 'a', 5, 'b', 2] | partition by Report (top 1 by Mount)");
    assert_eq!(schema(&t), ["Report:string", "Mount:long"]);
    assert_eq!(rows(&t), expect(&["a|5", "b|2"]));
    let t = run("datatable(Report:string, Mount:long)['a', 3, 'b', 1, 'a', 5] | partition by Report (summarize count())");
    assert_eq!(schema(&t), ["count_:long"]);
    assert_eq!(rows(&t), expect(&["2", "1"]));
}

#[test]
fn top_nested_picks_the_top_values_within_each_level() {
    // The documentation's "latest records per identity" example; Kusto leaves the row order
    // open, so the rows are compared sorted.
    let t = run(
        r#"datatable(id: string, timestamp: datetime, otherInformation: string)
        ["Barak", datetime(2015-01-01), "1", "Barak", datetime(2016-01-01), "2", "Barak", datetime(2017-01-20), "3",
         "Donald", datetime(2017-01-20), "4", "Donald", datetime(2017-01-18), "5", "Donald", datetime(2017-01-19), "6"]
        | top-nested of id by Ignore0=max(1),
          top-nested 2 of timestamp by Ignore1=max(timestamp),
          top-nested of otherInformation by Ignore2=max(1)
        | project-away Ignore0, Ignore1, Ignore2"#,
    );
    assert_eq!(
        schema(&t),
        ["id:string", "timestamp:datetime", "otherInformation:string"]
    );
    let mut got = rows(&t);
    got.sort();
    assert_eq!(
        got,
        expect(&[
            "Barak|2016-01-01T00:00:00.0000000Z|2",
            "Barak|2017-01-20T00:00:00.0000000Z|3",
            "Donald|2017-01-19T00:00:00.0000000Z|6",
            "Donald|2017-01-20T00:00:00.0000000Z|4",
        ])
    );
    let t = run("datatable(s:string, n:long)['a', 1, 'b', 5, 'a', 2, 'c', 1] | top-nested 1 of s with others='rest' by sum(n)");
    assert_eq!(schema(&t), ["s:string", "aggregated_s:long"]);
    assert_eq!(rows(&t), expect(&["b|5", "rest|4"]));
    let t = run("datatable(s:string, d:string)['a', 'x', 'b', 'x', 'b', 'y'] | top-nested 10 of s by dcount(d) asc");
    assert_eq!(rows(&t), expect(&["a|1", "b|2"]));
}

#[test]
fn invoke_calls_a_let_function_with_the_rows_before_it() {
    let t = run("let Above = (T:(x:long), floor:long) { T | where x > floor }; datatable(x:long)[1, 2, 3] | invoke Above(1)");
    assert_eq!(rows(&t), expect(&["2", "3"]));
    let e = fails("datatable(x:long)[1] | invoke FileProfile()");
    assert!(e.message.contains("FileProfile"), "{}", e.message);
}

#[test]
fn summarize_computes_expressions_over_aggregates() {
    let t = run(r#"datatable(x:string, n:long)["a", 1, "b", 2, "a", 3]
        | summarize tostring(make_set(x)), count()*2, c=count(), strcat("n", tostring(max(n))), m=max(n)+min(n)"#);
    assert_eq!(
        schema(&t),
        [
            "set_x:string",
            "Column1:long",
            "c:long",
            "Column2:string",
            "m:long"
        ]
    );
    assert_eq!(rows(&t), expect(&[r#"["a","b"]|6|3|n3|4"#]));
    let t = run("datatable(x:string, n:long)['a', 1, 'b', 2, 'a', 3] | summarize Share = 100.0 * sum(n) / 6, k = strcat(x, ':', count()) by x");
    assert_eq!(schema(&t), ["x:string", "Share:real", "k:string"]);
    assert_eq!(
        rows(&t),
        expect(&["a|66.66666666666667|a:2", "b|33.333333333333336|b:1"])
    );
    // Named after the first argument's aggregate, as the analyzer names them.
    let t = run(
        "datatable(n:long)[1, 2] | summarize round(avg(n), 2), iff(count() > 1, 'many', 'one')",
    );
    assert_eq!(schema(&t), ["avg_n:real", "Column1:string"]);
    assert_eq!(rows(&t), expect(&["1.5|many"]));
    let e = fails("datatable(x:string)['a'] | summarize strcat(x, 'y')");
    assert!(e.message.contains("aggregation"), "{}", e.message);
}
