//! The 632 public hunting queries in `tests/corpus/` (each collection with its licence): how many kqlhunt parses, runs against the
//! demo data, and refuses as unsupported. The counts are printed; the floors are the promises.

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn corpus() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for collection in std::fs::read_dir(corpus_dir()).expect("tests/corpus is in the repository") {
        let collection = collection.unwrap().path();
        if !collection.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&collection).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "kql") {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_parser_reads_the_public_hunting_queries() {
    let files = corpus();
    assert!(files.len() >= 600, "found {} corpus files", files.len());
    let mut failures = Vec::new();
    for (path, text) in &files {
        if let Err(e) = kqlhunt::kql::parse(text) {
            failures.push(format!(
                "{}: {}",
                path.file_name().unwrap().to_string_lossy(),
                e.describe(text)
            ));
        }
    }
    let parsed = files.len() - failures.len();
    println!(
        "corpus: parsed {parsed} of {} ({:.1}%)",
        files.len(),
        100.0 * parsed as f64 / files.len() as f64
    );
    for f in failures.iter().take(80) {
        println!("  {f}");
    }
    assert!(
        parsed * 100 >= files.len() * 85,
        "parsed only {parsed} of {}",
        files.len()
    );
}

#[test]
fn the_engine_runs_the_public_hunting_queries_against_the_demo_data() {
    use kqlhunt::engine::{Engine, ErrorKind, Limits};
    use std::collections::BTreeMap;
    let now = kqlhunt::results::datetime::now_ticks();
    let engine = Engine::new(std::sync::Arc::new(kqlhunt::emulator::data::generate(
        1, 1.0, now,
    )));
    let files = corpus();
    let (mut parsed, mut executed, mut unsupported) = (0, 0, 0);
    // Queries that ran but found nothing: a hunt that finds nothing on the demo teaches nothing.
    let mut found_nothing = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut semantic = Vec::new();
    let mut timings = Vec::new();
    for (path, text) in &files {
        let limits = Limits {
            deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(20)),
            ..Limits::default()
        };
        let started = std::time::Instant::now();
        let outcome = engine.run(text, now, &limits);
        timings.push((
            started.elapsed(),
            path.file_name().unwrap().to_string_lossy().into_owned(),
        ));
        match outcome {
            Ok(answer) => {
                parsed += 1;
                executed += 1;
                if answer.table.is_empty() {
                    found_nothing.push(path.file_name().unwrap().to_string_lossy().into_owned());
                }
            }
            Err(e) if e.kind == ErrorKind::Syntax => {}
            Err(e) => {
                parsed += 1;
                if e.kind == ErrorKind::Unsupported {
                    unsupported += 1;
                    let key = e
                        .message
                        .split(" is not supported")
                        .next()
                        .unwrap_or(&e.message)
                        .to_owned();
                    *reasons.entry(key).or_default() += 1;
                } else {
                    semantic.push(format!(
                        "{}: {}",
                        path.file_name().unwrap().to_string_lossy(),
                        e.describe(text)
                    ));
                }
            }
        }
    }
    let n = files.len();
    println!("corpus: {n} queries; parsed {parsed} ({:.1}%), executed {executed} ({:.1}%), refused as unsupported {unsupported}, other errors {}",
        100.0 * parsed as f64 / n as f64, 100.0 * executed as f64 / n as f64, semantic.len());
    let found = executed - found_nothing.len();
    println!(
        "corpus: of the {executed} queries that run, {found} return rows ({:.1}%)",
        100.0 * found as f64 / executed.max(1) as f64
    );
    // `KQLHUNT_CORPUS_EMPTY=1` lists every query that ran and found nothing.
    if std::env::var_os("KQLHUNT_CORPUS_EMPTY").is_some() {
        for name in &found_nothing {
            println!("  found nothing: {name}");
        }
    }
    let mut top: Vec<_> = reasons.into_iter().collect();
    top.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    println!("most common unsupported features:");
    for (reason, count) in top.iter().take(15) {
        println!("  {count:4}  {reason}");
    }
    println!("other errors (first 40):");
    for s in semantic.iter().take(40) {
        println!("  {s}");
    }
    timings.sort();
    println!(
        "slowest: {:?}",
        timings.iter().rev().take(6).collect::<Vec<_>>()
    );
    assert!(executed * 100 >= n * 60, "executed only {executed} of {n}");
    assert!(
        found * 100 >= executed * 48,
        "only {found} of the {executed} queries that run return rows"
    );
}

#[test]
fn every_table_of_the_demo_holds_rows() {
    let data = kqlhunt::emulator::data::generate(1, 1.0, kqlhunt::results::datetime::now_ticks());
    let mut empty: Vec<&String> = data
        .names()
        .filter(|name| data.table(name).is_some_and(|t| t.is_empty()))
        .collect();
    empty.sort();
    println!(
        "demo tables: {} of {} empty; {} rows in all",
        empty.len(),
        data.names().count(),
        data.total_rows()
    );
    for name in &empty {
        println!("  empty: {name}");
    }
    assert!(empty.is_empty(), "tables without rows: {empty:?}");
}

#[test]
fn formatting_the_public_queries_moves_only_whitespace_and_is_idempotent() {
    let texts = |text: &str| -> Vec<String> {
        kqlhunt::kql::lex(text)
            .iter()
            .map(|t| t.text(text).to_owned())
            .collect()
    };
    let (mut formatted, mut refused) = (0, 0);
    for (path, text) in corpus() {
        match kqlhunt::assist::format::format(&text) {
            Ok(once) => {
                formatted += 1;
                assert_eq!(
                    texts(&once),
                    texts(&text),
                    "{} changed meaning",
                    path.display()
                );
                let twice = kqlhunt::assist::format::format(&once)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{once}", path.display()));
                assert_eq!(twice, once, "{} is not stable", path.display());
            }
            Err(_) => refused += 1,
        }
    }
    println!("formatter: {formatted} queries formatted, {refused} left alone (they do not parse)");
    assert!(formatted >= 600);
}
