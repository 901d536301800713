//! The public hunting queries in `tests/corpus/` (each collection with its licence), in order.

use std::path::{Path, PathBuf};

pub fn corpus_files() -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap()
        .flatten()
        .filter(|c| c.path().is_dir())
        .flat_map(|c| {
            std::fs::read_dir(c.path())
                .unwrap()
                .flatten()
                .map(|f| f.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "kql"))
        .collect();
    files.sort();
    files
}
