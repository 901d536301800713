//! The 632 public hunting queries in `shared/corpus/`: how many kqlhunt parses, runs against the
//! demo data, and refuses as unsupported. The counts are printed; the floors are the promises.

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    std::env::var_os("KQLHUNT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus")
}

fn corpus() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for collection in
        std::fs::read_dir(corpus_dir()).expect("shared/corpus is beside the repository")
    {
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
