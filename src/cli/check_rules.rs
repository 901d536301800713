//! `kqlhunt check --as-detection`: rule files checked as the service would check them, before
//! it sees them.

use std::path::PathBuf;

use super::check::{expand, read, report, CheckFormat, Finding};
use super::{fail, Exit};
use crate::assist::knowledge::Knowledge;
use crate::kql::Span;
use crate::rules::file::parse;
use crate::rules::RuleFinding;

pub fn check(paths: &[PathBuf], format: CheckFormat) -> Exit {
    // The rules folder may sit in the data folder, which `expand` keeps out: it holds no secret.
    let rules_folder = crate::config::Paths::discover()
        .and_then(|p| crate::config::RulesSettings::discover(&p))
        .ok()
        .and_then(|f| f.canonicalize().ok());
    let in_rules_folder = |p: &PathBuf| {
        let real = p.canonicalize().ok();
        rules_folder
            .as_ref()
            .is_some_and(|f| real.is_some_and(|r| r.starts_with(f)))
    };
    let (own, others): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(in_rules_folder);
    let mut files = expand(&others);
    for path in own {
        if path.is_dir() {
            files.extend(crate::files::walk(&path, &["kql"], &Default::default()).files);
        } else {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return fail(Exit::Usage, "no .kql files to check");
    }
    let knowledge = Knowledge::default();
    let mut findings = Vec::new();
    let mut unreadable = false;
    let mut rules = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let text = match read(path) {
            Ok(t) => t,
            Err(e) => {
                crate::console::errln!("kqlhunt: {e}");
                unreadable = true;
                continue;
            }
        };
        let file = match parse(&text) {
            Ok(f) => f,
            Err(e) => {
                findings.push(at_line(
                    &name,
                    1,
                    RuleFinding::error("rule-file", e.to_string()),
                ));
                continue;
            }
        };
        let query = &file.rule.query_condition.query_text;
        for finding in crate::rules::check_rule(&knowledge, &file.rule) {
            findings.push(place(&name, &file, query, finding));
        }
        rules.push((name, file));
    }
    let named: Vec<_> = rules.iter().map(|(n, f)| (n.clone(), f)).collect();
    for (name, finding) in crate::rules::check_unique(&named) {
        findings.push(at_line(&name, 2, finding));
    }
    report(&findings, files.len(), unreadable, format)
}

/// A finding about the query, at its place in the file (the query starts below the header);
/// one about the header, at the header.
fn place(file: &str, rule: &crate::rules::RuleFile, query: &str, finding: RuleFinding) -> Finding {
    let Some(span) = finding.span else {
        return at_line(file, 2, finding);
    };
    let (line, column) = span.line_column(query);
    let (end_line, end_column) = Span::new(span.end, span.end).line_column(query);
    let offset = rule.query_line - 1;
    Finding {
        file: file.to_owned(),
        line: line + offset,
        column,
        end_line: end_line + offset,
        end_column,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
    }
}

fn at_line(file: &str, line: usize, finding: RuleFinding) -> Finding {
    Finding {
        file: file.to_owned(),
        line,
        column: 1,
        end_line: line,
        end_column: 1,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
    }
}
