//! The demo engine's result schemas against Microsoft's analyzer: for every public corpus query
//! (tests/corpus/) that the analyzer finds valid and the engine runs, the columns a hunter sees
//! (names, order, KQL types) must be the ones the service's own analyzer says the query returns.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn oracle_dir() -> PathBuf {
    support::analyzer::analyzer_dir()
}

fn corpus_files() -> Vec<PathBuf> {
    support::corpus::corpus_files()
}

/// What the analyzer says each file returns: `None` when it finds errors or no table.
fn analyzer_schemas(files: &[PathBuf]) -> Vec<Option<Vec<(String, String)>>> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema.json");
    let output = Command::new("node")
        .arg("oracle.js")
        .arg("--result-schema")
        .arg("--schema")
        .arg(&schema)
        .args(files)
        .current_dir(oracle_dir())
        .output()
        .expect("node runs the analyzer");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Vec<Option<Vec<(String, String)>>> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let json: serde_json::Value = serde_json::from_str(line).unwrap();
            let valid = json["errors"].as_array().is_some_and(Vec::is_empty);
            let columns = json["columns"].as_array()?;
            valid.then(|| {
                columns
                    .iter()
                    .map(|c| {
                        (
                            c["name"].as_str().unwrap_or("").to_owned(),
                            c["type"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
        })
        .collect();
    assert_eq!(answers.len(), files.len());
    answers
}

fn describe(columns: &[(String, String)]) -> String {
    columns
        .iter()
        .map(|(name, kind)| format!("{name}:{kind}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn result_schemas_agree_with_microsofts_analyzer_on_the_corpus_queries_that_run() {
    use kqlhunt::engine::Engine;
    let files = corpus_files();
    let expected = analyzer_schemas(&files);
    let now = kqlhunt::results::datetime::now_ticks();
    let engine = Engine::new(std::sync::Arc::new(kqlhunt::emulator::data::generate(
        1, 1.0, now,
    )));
    let (mut ran, mut agree, mut valid, mut needs_urls) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    let mut refused = Vec::new();
    for (path, expected) in files.iter().zip(&expected) {
        let Some(expected) = expected else { continue };
        valid += 1;
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let limits = kqlhunt::engine::Limits {
            deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(20)),
            ..Default::default()
        };
        let answer = match engine.run(&text, now, &limits) {
            Ok(answer) => answer,
            Err(e) if e.message.contains("externaldata without a local copy") => {
                needs_urls += 1;
                continue;
            }
            Err(e) => {
                refused.push(format!(
                    "{}: {}",
                    path.file_name().unwrap().to_string_lossy(),
                    e.describe(&text)
                ));
                continue;
            }
        };
        ran += 1;
        let ours: Vec<(String, String)> = answer
            .table
            .schema()
            .into_iter()
            .map(|(name, kind)| (name, kind.kql_name().to_owned()))
            .collect();
        // `bag_unpack` and `pivot` make columns from the data, which the analyzer cannot see:
        // there the columns it names must come in the same order among the engine's.
        let from_data = text.contains("bag_unpack") || text.contains("pivot(");
        let in_order = |ours: &[(String, String)]| {
            let mut rest = ours.iter();
            expected.iter().all(|c| rest.any(|o| o == c))
        };
        if &ours == expected || (from_data && in_order(&ours)) {
            agree += 1;
        } else {
            disagreements.push(format!(
                "{}\n    analyzer: {}\n    engine:   {}",
                path.file_name().unwrap().to_string_lossy(),
                describe(expected),
                describe(&ours)
            ));
        }
    }
    println!(
        "schemas agree on {agree} of {ran} queries that run ({:.1}%)",
        100.0 * agree as f64 / ran.max(1) as f64
    );
    for d in &disagreements {
        println!("  {d}");
    }
    // The share that matters to a hunter: of the queries the service accepts, those the demo
    // runs, leaving out the ones that read URLs the demo has no copy of.
    let runnable = valid - needs_urls;
    println!(
        "of {valid} analyzer-valid queries, {needs_urls} read externaldata URLs; of the other {runnable}, {ran} run ({:.1}%); refused:",
        100.0 * ran as f64 / runnable.max(1) as f64
    );
    for r in &refused {
        println!("  {r}");
    }
    assert!(ran >= 400, "only {ran} analyzer-valid corpus queries ran");
    // Every query that runs answers with the columns the service would declare.
    assert_eq!(agree, ran, "schemas disagree on {} queries", ran - agree);
    // The goal: 97% of what the service accepts and the demo can read (521 of 526 measured).
    assert!(
        ran * 100 >= runnable * 97,
        "only {ran} of {runnable} analyzer-valid queries run"
    );
}
