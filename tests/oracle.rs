//! Our parser against Microsoft's own (`tests/kql-oracle/`, run with node): over the public
//! corpus, the two must agree on which queries are valid KQL.

mod support;

use std::path::PathBuf;
use std::process::Command;

use kqlhunt::assist::highlight::{highlight, Class};

fn oracle_dir() -> PathBuf {
    support::analyzer::analyzer_dir()
}

/// Microsoft's parser over the corpus, run once for all tests here: (file, its JSON answer).
fn oracle() -> &'static [(PathBuf, serde_json::Value)] {
    static ANSWERS: std::sync::OnceLock<Vec<(PathBuf, serde_json::Value)>> =
        std::sync::OnceLock::new();
    ANSWERS.get_or_init(|| {
        let files = support::corpus::corpus_files();
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
        let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(answers.len(), files.len());
        files.into_iter().zip(answers).collect()
    })
}

#[test]
fn our_syntax_verdicts_agree_with_microsofts_parser() {
    let files: Vec<&PathBuf> = oracle().iter().map(|(f, _)| f).collect();
    let verdicts: Vec<bool> = oracle()
        .iter()
        .map(|(_, json)| {
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

/// Microsoft's classification kinds, in our classes.
fn oracle_class(kind: &str) -> Option<Class> {
    Some(match kind {
        "Comment" | "Directive" => Class::Comment,
        "StringLiteral" => Class::String,
        "Literal" => Class::Literal,
        "QueryOperator" | "Keyword" | "QueryParameter" | "Type" | "Option" | "Command" => {
            Class::Keyword
        }
        "ScalarOperator" | "MathOperator" => Class::Operator,
        "Function" => Class::Function,
        "Punctuation" => Class::Punctuation,
        "Column" | "Table" | "Identifier" | "Variable" | "Parameter" | "Database"
        | "SchemaMember" | "MaterializedView" | "SignatureParameter" | "ClientParameter"
        | "PlainText" => Class::Identifier,
        _ => return None,
    })
}

/// The editor's colours (syntect with `assets/kql.sublime-syntax`) against Microsoft's classes.
#[test]
fn our_token_classes_agree_with_microsofts_on_95_percent_of_characters() {
    let (mut agree, mut total) = (0usize, 0usize);
    let mut confusions: std::collections::BTreeMap<(String, &str), usize> = Default::default();
    for (path, json) in oracle() {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        // The oracle counts UTF-16 units; map each to its byte.
        let mut byte_of_unit = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            for _ in 0..c.len_utf16() {
                byte_of_unit.push(b);
            }
        }
        byte_of_unit.push(text.len());
        let mut ours = vec![None; text.len()];
        for (span, class) in highlight(&text) {
            for slot in &mut ours[span.start..span.end] {
                *slot = Some(class);
            }
        }
        for token in json["tokens"].as_array().unwrap() {
            let Some(theirs) = oracle_class(token["kind"].as_str().unwrap_or("")) else {
                continue;
            };
            let unit = |k: &str| token[k].as_u64().unwrap_or(0) as usize;
            let (start, end) = (
                byte_of_unit[unit("start").min(byte_of_unit.len() - 1)],
                byte_of_unit[unit("end").min(byte_of_unit.len() - 1)],
            );
            for (b, c) in text[start..end].char_indices() {
                if c.is_whitespace() {
                    continue;
                }
                total += 1;
                let mine = ours[start + b];
                if mine == Some(theirs) {
                    agree += 1;
                } else {
                    let mine = mine.map_or("none".to_owned(), |m| m.name().to_owned());
                    *confusions.entry((mine, theirs.name())).or_default() += 1;
                }
            }
        }
    }
    let share = 100.0 * agree as f64 / total as f64;
    println!("token classes: {agree} of {total} characters agree with Microsoft's ({share:.1}%)");
    let mut worst: Vec<_> = confusions.into_iter().collect();
    worst.sort_by_key(|w| std::cmp::Reverse(w.1));
    for ((mine, theirs), n) in worst.iter().take(8) {
        println!("  we say {mine}, Microsoft says {theirs}: {n} characters");
    }
    assert!(share >= 95.0, "only {share:.1}% of characters agree");
}
