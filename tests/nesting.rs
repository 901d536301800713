//! Hostile nesting and long chains, fed to every walk over a query (lexer, parser, binder,
//! engine, formatter, diagnostics, completion, highlighting) and to the response loader, on a
//! thread with a runtime worker's stack: nesting past the limit is refused with a message that
//! names it, flat chains of 100,000 terms run, and nothing overflows the stack.

use std::sync::Arc;

use kqlhunt::assist::{complete, diagnose, format, highlight, knowledge::Knowledge};
use kqlhunt::engine::{ColumnDef, Database, Engine, Limits, Scalar, Table};
use kqlhunt::limits::MAX_NESTING;
use kqlhunt::results::ColumnKind;

/// A tokio worker's stack (2 MiB by default), where the workbench and the emulator run queries.
const WORKER_STACK: usize = 2 << 20;

fn on_worker_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(work)
        .unwrap()
        .join()
        .unwrap()
}

fn engine() -> Engine {
    let mut db = Database::default();
    db.insert(
        "Events",
        Table::new(
            vec![ColumnDef {
                name: "Id".into(),
                kind: ColumnKind::Long,
            }],
            vec![vec![Scalar::Long(1), Scalar::Long(2)]],
        ),
    );
    Engine::new(Arc::new(db))
}

fn wrapped(open: &str, inner: &str, close: &str, levels: usize) -> String {
    format!("{}{inner}{}", open.repeat(levels), close.repeat(levels))
}

/// Each shape of nesting, `levels` deep: brackets, calls, dynamic values, signs, members,
/// indexes, `in` lists, subqueries and functions defined in functions.
fn nested(levels: usize) -> Vec<(&'static str, String)> {
    let mut lambdas = "print x = 1".to_owned();
    for _ in 0..levels.min(20_000) {
        lambdas = format!("let a = () {{ {lambdas} }};\na");
    }
    vec![
        (
            "brackets",
            format!("print x = {}", wrapped("(", "1", ")", levels)),
        ),
        (
            "calls",
            format!("print x = {}", wrapped("tolower(", "'a'", ")", levels)),
        ),
        (
            "dynamic",
            format!("print x = dynamic({})", wrapped("[", "1", "]", levels)),
        ),
        (
            "bags",
            format!("print x = dynamic({})", wrapped("{'a':", "1", "}", levels)),
        ),
        ("signs", format!("print x = {}1", "- ".repeat(levels))),
        (
            "members",
            format!("print x = dynamic({{}}){}", ".a".repeat(levels)),
        ),
        (
            "indexes",
            format!("print x = dynamic([]){}", "[0]".repeat(levels)),
        ),
        (
            "in lists",
            format!("print x = 1{}", " in (1)".repeat(levels)),
        ),
        (
            "subqueries",
            format!(
                "Events | where Id in ({})",
                wrapped("Events | where Id in (", "Events | project Id", ")", levels)
            ),
        ),
        ("functions in functions", lambdas),
    ]
}

fn assert_names_the_limit(what: &str, message: &str) {
    let limit = format!("nests deeper than {MAX_NESTING} levels");
    assert!(message.contains(&limit), "{what}: {message}");
}

#[test]
fn nesting_past_the_limit_is_refused_by_every_walk_at_any_depth() {
    on_worker_stack(|| {
        let engine = engine();
        let knowledge = Knowledge::default();
        for levels in [MAX_NESTING + 1, 1_000, 10_000, 1_000_000] {
            for (shape, text) in nested(levels) {
                let what = format!("{shape} × {levels}");
                let err = kqlhunt::kql::parse(&text).unwrap_err();
                assert_names_the_limit(&what, &err.describe(&text));
                let err = engine.run(&text, 0, &Limits::default()).unwrap_err();
                assert_names_the_limit(&what, &err.describe(&text));
                assert_names_the_limit(&what, &format::format(&text).unwrap_err());
                let found = diagnose::diagnose(&knowledge, &text, Default::default());
                assert!(found.iter().any(|d| d.code == "syntax"), "{what}");
                assert_names_the_limit(&what, &found[0].message);
                complete::complete(&knowledge, &text, text.len());
                complete::complete(&knowledge, &text, text.len() / 2);
                if levels <= 10_000 {
                    // The grammar's colours for the editor; a million levels is a 2 MB line.
                    highlight::highlight(&text);
                }
            }
        }
    });
}

#[test]
fn nesting_within_the_limit_still_runs() {
    on_worker_stack(|| {
        let engine = engine();
        let levels = MAX_NESTING - 8;
        for (shape, text) in nested(levels) {
            let answer = engine.run(&text, 0, &Limits::default());
            assert!(answer.is_ok(), "{shape} × {levels}: {:?}", answer.err());
            assert!(format::format(&text).is_ok(), "{shape} × {levels}");
        }
    });
}

#[test]
fn functions_that_call_themselves_stop_at_the_limit() {
    on_worker_stack(|| {
        let engine = engine();
        for text in [
            "let f = () { f() };\nf()",
            "let f = () { f };\nf",
            "let f = () { g() };\nlet g = () { f() };\nf()",
            "let f = (x:long) { f(x) + 1 };\nprint y = f(1)",
            "let f = (x:long) { f(x) + 1 };\nEvents | where Id == f(1)",
        ] {
            let err = engine.run(text, 0, &Limits::default()).unwrap_err();
            assert_names_the_limit(text, &err.describe(text));
        }
    });
}

fn chain(first: &str, op: &str, term: &str, terms: usize) -> String {
    let mut text = String::with_capacity(terms * (op.len() + term.len() + 2));
    text.push_str(first);
    for _ in 1..terms {
        text.push_str(op);
        text.push_str(term);
    }
    text
}

fn single(engine: &Engine, text: &str) -> Scalar {
    let answer = engine.run(text, 0, &Limits::default()).unwrap();
    answer.table.get(0, 0).clone()
}

#[test]
fn flat_chains_of_a_hundred_thousand_terms_run_without_recursing() {
    on_worker_stack(|| {
        let engine = engine();
        let terms = 100_000;
        let cases = [
            (
                format!(
                    "print x = {} or 1 == 1",
                    chain("1 == 2", " or ", "1 == 2", terms)
                ),
                Scalar::Bool(true),
            ),
            (
                format!("print x = {}", chain("1 == 1", " and ", "2 > 1", terms)),
                Scalar::Bool(true),
            ),
            (
                format!("print x = {}", chain("1", " + ", "1", terms)),
                Scalar::Long(terms as i64),
            ),
            (
                format!("print x = {}", chain("0", " - ", "1", terms)),
                Scalar::Long(1 - terms as i64),
            ),
            (
                format!("print x = {}", chain("1", " * ", "1", terms)),
                Scalar::Long(1),
            ),
            (
                format!(
                    "print x = 1 {} | count",
                    chain("", "| where ", "x == 1 ", terms)
                ),
                Scalar::Long(1),
            ),
            (
                format!(
                    "Events | where {} | count",
                    chain("Id == 0", " or ", "Id == 0", terms) + " or Id == 2"
                ),
                Scalar::Long(1),
            ),
        ];
        let knowledge = Knowledge::default();
        for (text, expected) in cases {
            let what = &text[..60];
            assert_eq!(single(&engine, &text), expected, "{what}");
            let formatted = format::format(&text).unwrap();
            assert!(formatted.len() >= text.len() / 2, "{what}");
            let found = diagnose::diagnose(&knowledge, &text, Default::default());
            assert!(found.iter().all(|d| d.code != "syntax"), "{what}");
            complete::complete(&knowledge, &text, text.len());
        }
    });
}

#[test]
fn a_response_nested_a_million_levels_deep_loads_and_writes_or_is_refused_in_words() {
    use kqlhunt::results::writers::{to_text, Format, Selection};
    on_worker_stack(|| {
        let deep = wrapped("[", "1", "]", 1_000_000);
        for kind in ["dynamic", "string"] {
            let body = format!(
                r#"{{"Schema":[{{"Name":"x","Type":"{kind}"}}],"Results":[{{"x":{deep}}}]}}"#
            );
            match kqlhunt::results::load_response(body.into_bytes()) {
                // A dynamic cell is kept as the text that came, and written as it came.
                Ok(document) => {
                    let all = Selection::all(&document.result);
                    for format in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
                        assert!(to_text(&all, format).contains("[[[[1]]]]"), "{kind}");
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(
                        message.len() < 500 && message.contains("line 1"),
                        "{kind}: {message}"
                    );
                }
            }
        }
    });
}

#[test]
fn dynamic_values_built_a_level_per_operator_stop_at_their_limit() {
    use kqlhunt::limits::MAX_DYNAMIC_DEPTH;
    on_worker_stack(|| {
        let engine = engine();
        let wraps = |f: &str, n: usize| format!("print a = 1{}", f.repeat(n));
        for f in [
            " | extend a = pack_array(a)",
            " | extend a = bag_pack('k', a)",
        ] {
            let within = single(&engine, &wraps(f, MAX_DYNAMIC_DEPTH));
            assert!(matches!(within, Scalar::Dynamic(_)), "{f}: {within:?}");
            let past = single(&engine, &wraps(f, MAX_DYNAMIC_DEPTH + 1));
            assert_eq!(past, Scalar::Null, "{f}");
            // Null, then packed again: never deeper than the limit, however many operators.
            match single(&engine, &wraps(f, 30_000)) {
                Scalar::Dynamic(json) => {
                    assert!(!kqlhunt::limits::nests_deeper_than(
                        &json,
                        MAX_DYNAMIC_DEPTH
                    ))
                }
                other => assert_eq!(other, Scalar::Null, "{f}"),
            }
        }
    });
}
