use super::*;

fn result() -> ResultSet {
    let json = r#"{"schema":[{"name":"N","type":"Int64"},{"name":"S","type":"String"}],
        "results":[{"N":10,"S":"beta"},{"N":null,"S":"Alpha"},{"N":2,"S":"gamma"},{"N":10,"S":"alpha"}]}"#;
    crate::results::load_response(json.as_bytes().to_vec())
        .unwrap()
        .result
}

fn answered(view: &mut TableView, request: Option<OrderRequest>, result: &ResultSet) {
    let request = request.expect("something to compute");
    assert!(view.take_order(request.compute(result)));
}

#[test]
fn sorting_is_stable_typed_and_puts_nulls_last() {
    let r = result();
    let mut view = TableView::for_result(&r);
    let request = view.sort_by(Some((0, false)));
    answered(&mut view, request, &r);
    assert_eq!(
        view.rows(&r),
        vec![2, 0, 3, 1],
        "2 < 10 as numbers; equal keys keep their order; null last"
    );
    let request = view.sort_by(Some((1, true)));
    answered(&mut view, request, &r);
    assert_eq!(
        view.rows(&r),
        vec![2, 0, 1, 3],
        "text ignores case, descending keeps ties stable"
    );
}

#[test]
fn a_filter_keeps_matching_rows_and_search_walks_the_cells() {
    let r = result();
    let mut view = TableView::for_result(&r);
    let request = view.filter_by(Some("ALPHA".into()));
    answered(&mut view, request, &r);
    assert_eq!((view.len(&r), view.source_row(1)), (2, 3));
    assert!(view.filter_by(None).is_none(), "all rows need no work");
    assert_eq!(view.len(&r), 4);
    let find = |view: &mut TableView, needle: &str, from, forward| {
        let found = view.find_from(needle, from, forward).compute(&r);
        view.take_found(&found).expect("the newest search")
    };
    assert_eq!(find(&mut view, "gam", (0, 0), true), Some((2, 1)));
    assert_eq!(
        find(&mut view, "a", (2, 1), true),
        Some((3, 1)),
        "the next match after the selection"
    );
    assert_eq!(find(&mut view, "beta", (2, 1), false), Some((0, 1)));
    assert_eq!(find(&mut view, "zzz", (2, 1), true), None);
}

#[test]
fn an_old_sorts_answer_after_a_newer_filter_is_dropped() {
    let r = result();
    let mut view = TableView::for_result(&r);
    let sort = view.sort_by(Some((0, false))).unwrap();
    let filter = view.filter_by(Some("alpha".into())).unwrap();
    assert_eq!(view.working().map(|w| w.1), Some(Working::Filtering));
    // The filter's answer comes first, then the sort's, late.
    assert!(view.take_order(filter.compute(&r)));
    assert!(
        !view.take_order(sort.compute(&r)),
        "the old sort is dropped"
    );
    assert_eq!(
        view.rows(&r),
        vec![3, 1],
        "sorted by N and filtered: the newest request asked for both"
    );
    assert_eq!(view.working(), None);
}

#[test]
fn a_search_over_rows_since_sorted_is_dropped() {
    let r = result();
    let mut view = TableView::for_result(&r);
    let search = view.find_from("gamma", (0, 0), true);
    let sort = view.sort_by(Some((1, false))).unwrap();
    let found = search.compute(&r);
    assert_eq!(found.at, Some((2, 1)), "row 2 before the sort");
    assert!(view.take_order(sort.compute(&r)));
    assert_eq!(view.take_found(&found), None, "row 2 is another row now");
    assert_eq!(view.finding(), None, "nothing is searched any more");
    let older = view.find_from("beta", (0, 0), true);
    let newer = view.find_from("gamma", (0, 0), true);
    assert_eq!(
        view.take_found(&older.compute(&r)),
        None,
        "a newer search runs"
    );
    assert_eq!(view.take_found(&newer.compute(&r)), Some(Some((3, 1))));
}

#[test]
fn every_row_shown_follows_the_filter_and_sort_and_hidden_columns_stay_out() {
    let r = result();
    let mut view = TableView::for_result(&r);
    let request = view.filter_by(Some("a".into()));
    answered(&mut view, request, &r);
    let request = view.sort_by(Some((1, false)));
    answered(&mut view, request, &r);
    assert_eq!(view.rows(&r), vec![1, 3, 0, 2]);
    assert!(view.hide(0, r.column_count()));
    assert!(!view.hide(1, r.column_count()), "the last column stays");
    assert_eq!(view.shown_columns(&r), vec![1]);
}

#[test]
fn a_sort_of_an_earlier_result_never_passes_for_one_of_the_new_result() {
    let r = result();
    let mut before = TableView::for_result(&r);
    let late = before.sort_by(Some((0, false))).unwrap();
    // A new run's rows arrive: the tab's view starts afresh, and the hunter sorts again.
    let mut now = TableView::for_result(&r);
    let current = now.sort_by(Some((1, false))).unwrap();
    assert!(
        !now.take_order(late.compute(&r)),
        "the earlier result's rows are not this result's"
    );
    assert!(now.take_order(current.compute(&r)));
    assert_eq!(now.rows(&r), vec![1, 3, 0, 2]);
}
