//! `kqlhunt check` and `kqlhunt fmt`: the editor's diagnostics and formatter, headless, for a
//! detection engineer's own CI over a folder of queries.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{fail, Exit};
use crate::assist::diagnose::{diagnose, Advice, Severity};
use crate::assist::knowledge::Knowledge;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `file:line:column: severity: message [code]`, as compilers print.
    Text,
    /// One JSON array of findings.
    Json,
}

#[derive(Serialize)]
pub(super) struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

/// Files to read: the ones named, and the `.kql` files below the folders named, never in
/// kqlhunt's own folders nor through a link out of a folder named. What is passed over is said.
pub(super) fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let keep_out = crate::config::Paths::discover()
        .map(|p| crate::files::KeepOut::own_folders(&p))
        .unwrap_or_default();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walk = crate::files::walk(path, &["kql"], &keep_out);
            files.extend(walk.files);
            skipped.extend(walk.skipped);
        } else if path.canonicalize().is_ok_and(|real| keep_out.holds(&real)) {
            skipped.push((
                path.clone(),
                "it is in kqlhunt's own config or data folder, which holds secrets".into(),
            ));
        } else {
            files.push(path.clone());
        }
    }
    for (path, why) in &skipped {
        crate::console::errln!("kqlhunt: skipped {}: {why}", path.display());
    }
    files.sort();
    files
}

pub(super) fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes)
        .map_err(|_| format!("{} is not UTF-8 text: save it as UTF-8", path.display()))
}

pub fn check(paths: &[PathBuf], format: CheckFormat, advice: Advice) -> Exit {
    let knowledge = Knowledge::default();
    let mut findings = Vec::new();
    let mut unreadable = false;
    let files = expand(paths);
    if files.is_empty() {
        return fail(Exit::Usage, "no .kql files to check");
    }
    for path in &files {
        let text = match read(path) {
            Ok(t) => t,
            Err(e) => {
                crate::console::errln!("kqlhunt: {e}");
                unreadable = true;
                continue;
            }
        };
        for d in diagnose(&knowledge, &text, advice) {
            let (line, column) = d.span.line_column(&text);
            let end = crate::kql::Span {
                start: d.span.end,
                end: d.span.end,
            };
            let (end_line, end_column) = end.line_column(&text);
            findings.push(Finding {
                file: path.display().to_string(),
                line,
                column,
                end_line,
                end_column,
                severity: d.severity,
                code: d.code,
                message: d.message,
            });
        }
    }
    report(&findings, files.len(), unreadable, format)
}

/// Prints findings as compilers do (or as JSON) and says how the check ended.
pub(super) fn report(
    findings: &[Finding],
    files: usize,
    unreadable: bool,
    format: CheckFormat,
) -> Exit {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    match format {
        CheckFormat::Json => crate::console::outln!(
            "{}",
            serde_json::to_string_pretty(&findings).unwrap_or_default()
        ),
        CheckFormat::Text => {
            for f in findings {
                let severity = f.severity.name();
                crate::console::outln!(
                    "{}:{}:{}: {severity}: {} [{}]",
                    f.file,
                    f.line,
                    f.column,
                    crate::results::display::safe_text(&f.message),
                    f.code
                );
            }
            crate::console::errln!(
                "kqlhunt: {}, {}, {} and hints",
                crate::text::count(files as u128, "file", "files"),
                crate::text::count(errors as u128, "error", "errors"),
                crate::text::count((findings.len() - errors) as u128, "warning", "warnings")
            );
        }
    }
    if errors > 0 || unreadable {
        Exit::Failed
    } else {
        Exit::Ok
    }
}

/// Formats a file to stdout, or in place with `write`.
pub fn fmt(path: &Path, write: bool) -> Exit {
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return fail(Exit::Failed, e),
    };
    let formatted = match crate::assist::format::format(&text) {
        Ok(f) => f,
        Err(e) => return fail(Exit::Failed, format!("{}: {e}", path.display())),
    };
    if write {
        if formatted != text {
            if let Err(e) = crate::files::write_atomic(path, formatted.as_bytes(), false) {
                return fail(
                    Exit::Failed,
                    format!("cannot write {}: {e}", path.display()),
                );
            }
        }
        Exit::Ok
    } else {
        use std::io::Write as _;
        let _ = crate::console::stdout().write_all(formatted.as_bytes());
        Exit::Ok
    }
}
