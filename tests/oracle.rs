//! Our parser against Microsoft's own (`shared/kql-oracle/`, run with node): over the public
//! corpus, the two must agree on which queries are valid KQL.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    std::env::var_os("KQLHUNT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// A writable copy of the oracle with its npm package installed (shared/ is read-only).
fn oracle_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/kql-oracle");
    if !dir
        .join("node_modules/@kusto/language-service-next")
        .exists()
    {
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["package.json", "oracle.js"] {
            std::fs::copy(shared().join("kql-oracle").join(file), dir.join(file)).unwrap();
        }
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&dir)
            .status()
            .expect(
                "npm is needed to install Microsoft's KQL parser (.ci/run installs node and npm)",
            );
        assert!(status.success(), "npm install of the KQL oracle failed");
    }
    dir
}

#[test]
fn our_syntax_verdicts_agree_with_microsofts_parser() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared().join("corpus"))
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
    let dir = oracle_dir();
    let output = Command::new("node")
        .arg("oracle.js")
        .arg("--syntax-only")
        .args(&files)
        .current_dir(&dir)
        .output()
        .expect("node runs the oracle");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<bool> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let json: serde_json::Value = serde_json::from_str(line).unwrap();
            json["diagnostics"].as_array().unwrap().iter().all(|d| {
                !d["severity"]
                    .as_str()
                    .unwrap_or("")
                    .eq_ignore_ascii_case("error")
            })
        })
        .collect();
    assert_eq!(verdicts.len(), files.len());
    let (mut agree, mut we_reject, mut we_accept) = (0, Vec::new(), Vec::new());
    for (path, microsoft_valid) in files.iter().zip(&verdicts) {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let ours = kqlhunt::kql::parse(&text).is_ok();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match (ours, *microsoft_valid) {
            (a, b) if a == b => agree += 1,
            (false, true) => we_reject.push(name),
            _ => we_accept.push(name),
        }
    }
    let valid = verdicts.iter().filter(|v| **v).count();
    let accepted_of_valid = valid - we_reject.len();
    println!(
        "oracle: {} files, {valid} valid for Microsoft; verdicts agree on {agree} ({:.1}%); we accept {accepted_of_valid} of Microsoft's valid ({:.1}%)",
        files.len(),
        100.0 * agree as f64 / files.len() as f64,
        100.0 * accepted_of_valid as f64 / valid as f64
    );
    println!("  we reject, Microsoft accepts: {we_reject:?}");
    println!("  we accept, Microsoft rejects: {we_accept:?}");
    assert!(
        agree * 100 >= files.len() * 98,
        "verdicts agree on only {agree} of {}",
        files.len()
    );
}
