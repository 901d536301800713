//! Random KQL nesting (brackets, calls, chains, signs, members, `in` lists, subqueries, dynamic
//! literals, cut anywhere) fed to the parser, formatter, engine, diagnostics, completion and
//! highlighting on a runtime worker's stack: whatever the shape, an answer or an error, never a
//! panic and never a stack overflow.

use std::sync::Arc;

use kqlhunt::assist::{complete, diagnose, format, highlight, knowledge::Knowledge};
use kqlhunt::engine::{ColumnDef, Database, Engine, Limits, Scalar, Table};
use kqlhunt::results::ColumnKind;
use proptest::prelude::*;

const WORKER_STACK: usize = 2 << 20;

/// One wrapping around the expression built so far.
#[derive(Clone, Debug)]
enum Layer {
    Bracket,
    Call,
    Strcat,
    Sign,
    Member,
    Index,
    InList,
    Between,
    Chain(&'static str, usize),
    Subquery,
    Pipe,
    Dynamic,
    Bag,
}

fn layer() -> impl Strategy<Value = Layer> {
    let op = prop::sample::select(vec![
        "or", "and", "+", "-", "*", "==", "!=", "<", "has", "contains",
    ]);
    prop_oneof![
        Just(Layer::Bracket),
        Just(Layer::Call),
        Just(Layer::Strcat),
        Just(Layer::Sign),
        Just(Layer::Member),
        Just(Layer::Index),
        Just(Layer::InList),
        Just(Layer::Between),
        (op, 1usize..200).prop_map(|(op, n)| Layer::Chain(op, n)),
        Just(Layer::Subquery),
        Just(Layer::Pipe),
        Just(Layer::Dynamic),
        Just(Layer::Bag),
    ]
}

fn wrap(inner: String, layer: &Layer) -> String {
    match layer {
        Layer::Bracket => format!("({inner})"),
        Layer::Call => format!("tolower({inner})"),
        Layer::Strcat => format!("strcat({inner}, 'b')"),
        Layer::Sign => format!("- {inner}"),
        Layer::Member => format!("{inner}.a"),
        Layer::Index => format!("{inner}[0]"),
        Layer::InList => format!("{inner} in (1, 2)"),
        Layer::Between => format!("{inner} between (1 .. 2)"),
        Layer::Chain(op, n) => format!("{inner}{}", format!(" {op} 1").repeat(*n)),
        Layer::Subquery => format!("toscalar(Events | where Id in ({inner}) | count)"),
        Layer::Pipe => format!("toscalar(print v = {inner} | where isnotnull(v) | project v)"),
        Layer::Dynamic => format!("dynamic([{inner}])"),
        Layer::Bag => format!("dynamic({{'k': {inner}}})"),
    }
}

/// A query around the nested expression, cut short or not.
fn query() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec!["1", "'a'", "Id", "dynamic([1, 2])", "x"]);
    let frame = prop::sample::select(vec![
        "print x = {}",
        "Events | where {} | count",
        "Events | extend y = {} | project y",
        "let x = 1;\nEvents | summarize count() by tostring({})",
    ]);
    (
        leaf,
        prop::collection::vec(layer(), 0..2_000),
        frame,
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(|(leaf, layers, frame, cut, whole)| {
            let inner = layers.iter().fold(leaf.to_owned(), wrap);
            let text = frame.replace("{}", &inner);
            if whole {
                text
            } else {
                text[..cut.index(text.len() + 1)].to_owned()
            }
        })
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

fn every_walk(text: String) {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let _ = kqlhunt::kql::parse(&text);
            if let Ok(formatted) = format::format(&text) {
                assert!(kqlhunt::kql::parse(&formatted).is_ok(), "{formatted}");
            }
            let _ = engine().run(&text, 0, &Limits::default());
            let knowledge = Knowledge::default();
            let _ = diagnose::diagnose(&knowledge, &text, Default::default());
            let _ = complete::complete(&knowledge, &text, text.len());
            if text.len() < 20_000 {
                let _ = highlight::highlight(&text);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

proptest! {
    #[test]
    fn random_nesting_never_panics_nor_overflows(text in query()) {
        every_walk(text);
    }
}
