//! Window functions over serialized rows, and the rule that they need serialized rows.

use super::{expect, fails, rows, run, schema};

#[test]
fn row_cumsum_adds_up_in_order_and_restarts_where_told() {
    // The documentation's examples of row_cumsum().
    let t = run("datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | where a%2==0 | serialize cs=row_cumsum(a)");
    assert_eq!(schema(&t), ["a:long", "cs:long"]);
    assert_eq!(rows(&t), expect(&["2|2", "4|6", "6|12", "8|20", "10|30"]));
    let t = run(r#"datatable (name:string, month:int, salary:long)
        ["Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450]
        | order by name asc, month asc
        | extend total=row_cumsum(salary, name != prev(name))"#);
    assert_eq!(
        rows(&t),
        expect(&[
            "Alice|1|1000|1000",
            "Alice|2|2000|3000",
            "Alice|3|1400|4400",
            "Bob|1|1000|1000",
            "Bob|2|1950|2950",
            "Bob|3|1450|4400",
        ])
    );
}

#[test]
fn row_window_session_starts_a_session_past_either_distance_or_on_restart() {
    // The documentation's example of row_window_session().
    let t = run(r#"datatable (ID:string, Timestamp:datetime) [
            "1", datetime(2024-04-11 10:00:00),
            "2", datetime(2024-04-11 10:18:00),
            "1", datetime(2024-04-11 11:00:00),
            "3", datetime(2024-04-11 11:30:00),
            "2", datetime(2024-04-11 13:30:00),
            "2", datetime(2024-04-11 10:16:00)
        ]
        | sort by ID asc, Timestamp asc
        | extend SessionStarted = row_window_session(Timestamp, 1h, 5m, ID != prev(ID))"#);
    assert_eq!(
        schema(&t),
        ["ID:string", "Timestamp:datetime", "SessionStarted:datetime"]
    );
    let starts: Vec<String> = rows(&t).into_iter().map(|r| r[2].clone()).collect();
    assert_eq!(
        starts,
        [
            "2024-04-11T10:00:00.0000000Z",
            "2024-04-11T11:00:00.0000000Z",
            "2024-04-11T10:16:00.0000000Z",
            "2024-04-11T10:16:00.0000000Z",
            "2024-04-11T13:30:00.0000000Z",
            "2024-04-11T11:30:00.0000000Z",
        ]
    );
}

#[test]
fn row_number_prev_and_next_read_the_serialized_order() {
    let t = run("range a from 1 to 4 step 1 | sort by a desc | extend rn=row_number(), p=prev(a), n=next(a, 2, -1), r=row_number(10, a == 2)");
    assert_eq!(
        schema(&t),
        ["a:long", "rn:long", "p:long", "n:long", "r:long"]
    );
    assert_eq!(
        rows(&t),
        expect(&["4|1|null|2|10", "3|2|4|1|11", "2|3|3|-1|10", "1|4|2|-1|11"])
    );
}

#[test]
fn window_functions_need_serialized_rows_as_kusto_says() {
    // A table as stored, and what summarize gives, are not serialized.
    for query in [
        "datatable (a:long) [1, 2] | extend rn=row_number()",
        "range a from 1 to 3 step 1 | summarize by a | extend p=prev(a)",
        "datatable (a:long) [1, 2] | sort by a | summarize by a | extend c=row_cumsum(a)",
    ] {
        let e = fails(query);
        assert!(
            e.message.contains("the row set must be serialized"),
            "{query}: {}",
            e.message
        );
    }
    // range, sort and serialize serialize; where, project and extend keep it.
    run("range a from 1 to 3 step 1 | extend rn=row_number()");
    run("datatable (a:long) [2, 1] | sort by a | where a > 0 | project a | extend rn=row_number()");
    run("datatable (a:long) [2, 1] | serialize | extend b=a | where b > 0 | extend p=prev(a)");
    run("(datatable (a:long) [2, 1] | sort by a) | extend rn=row_number()");
}
