//! Importing hunting-query collections: `.kql` files, `.md` files with fenced KQL blocks, and
//! `.yaml` files with a `query:` field, as public collections publish them.

use std::fs;
use std::path::Path;

use super::header::SavedQuery;
use super::store::save;

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    /// Already there with the same name: left as it was.
    pub existing: usize,
    /// (file, why) for files that held no query or could not be read.
    pub skipped: Vec<(String, String)>,
}

/// Imports every query found below `source` into `saved/<into>/`, keeping the folder layout.
/// Existing saved queries are never replaced. Links out of `source` and the places in
/// `keep_out` are never read (they are in the report's skipped files).
pub fn import_folder(
    source: &Path,
    saved: &Path,
    into: &str,
    keep_out: &crate::files::KeepOut,
) -> Result<ImportReport, super::SavedQueryError> {
    let into = super::store::valid_name(into)?;
    let mut report = ImportReport::default();
    let walk = crate::files::walk(
        source,
        &["kql", "csl", "kusto", "md", "yaml", "yml"],
        keep_out,
    );
    report.skipped = walk
        .skipped
        .into_iter()
        .map(|(path, why)| (path.display().to_string(), why))
        .collect();
    for file in walk.files {
        let relative = file
            .strip_prefix(source)
            .unwrap_or(&file)
            .with_extension("")
            .components()
            .map(|c| clean(&c.as_os_str().to_string_lossy()))
            .collect::<Vec<_>>()
            .join("/");
        let shown = file.display().to_string();
        let text = match fs::read(&file).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                report.skipped.push((shown, "not UTF-8 text".into()));
                continue;
            }
            Err(e) => {
                report.skipped.push((shown, e.to_string()));
                continue;
            }
        };
        let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        let found = match extension {
            "kql" | "csl" | "kusto" => vec![SavedQuery::parse(&relative, &text)],
            "md" => from_markdown(&relative, &text),
            _ => from_yaml(&relative, &text).into_iter().collect(),
        };
        if found.is_empty() {
            report.skipped.push((shown, "no query in it".into()));
        }
        for mut query in found {
            query.path = format!("{into}/{}", query.path);
            match save(saved, &query, false) {
                Ok(_) => report.imported += 1,
                Err(super::SavedQueryError::Exists(_)) => report.existing += 1,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(report)
}

/// A file or folder name that is also a valid saved-query name part.
fn clean(part: &str) -> String {
    let cleaned: String = part
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\') {
                '_'
            } else {
                c
            }
        })
        .collect();
    cleaned.trim_start_matches('.').to_owned()
}

/// Each fenced block marked `kql` or `kusto` is a query, named after the heading above it.
fn from_markdown(path: &str, text: &str) -> Vec<SavedQuery> {
    let mut found = Vec::new();
    let mut heading = String::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match &mut block {
            Some(query) if trimmed.starts_with("```") => {
                if !query.trim().is_empty() {
                    let n = found.len() + 1;
                    found.push(SavedQuery {
                        path: if n == 1 {
                            path.to_owned()
                        } else {
                            format!("{path}-{n}")
                        },
                        name: if heading.is_empty() {
                            path.rsplit('/').next().unwrap_or(path).to_owned()
                        } else {
                            heading.clone()
                        },
                        query: query.trim_end().to_owned(),
                        ..SavedQuery::default()
                    });
                }
                block = None;
            }
            Some(query) => {
                query.push_str(line);
                query.push('\n');
            }
            None => {
                if let Some(fence) = trimmed.strip_prefix("```") {
                    if matches!(fence.trim().to_ascii_lowercase().as_str(), "kql" | "kusto") {
                        block = Some(String::new());
                    }
                } else if let Some(title) = trimmed.strip_prefix('#') {
                    heading = title.trim_start_matches('#').trim().to_owned();
                }
            }
        }
    }
    found
}

/// The `query:` field of a YAML file (a block scalar `|`/`>` or one line), with `name:` and
/// `description:` when they are there. Only the top-level keys are read.
fn from_yaml(path: &str, text: &str) -> Option<SavedQuery> {
    let field = |key: &str| yaml_field(text, key);
    let query = field("query")?;
    if query.trim().is_empty() {
        return None;
    }
    let tags = field("tactics").map(|t| {
        t.split(['\n', ','])
            .map(|s| s.trim().trim_start_matches('-').trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    });
    Some(SavedQuery {
        path: path.to_owned(),
        name: field("name").unwrap_or_else(|| path.rsplit('/').next().unwrap_or(path).to_owned()),
        description: field("description")
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        tags: tags.unwrap_or_default(),
        query: query.trim_end().to_owned(),
    })
}

fn yaml_field(text: &str, key: &str) -> Option<String> {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let value = rest.trim();
        if value.starts_with('|') || value.starts_with('>') || value.is_empty() {
            let folded = value.starts_with('>');
            let mut block = Vec::new();
            while let Some(next) = lines.peek() {
                if !next.trim().is_empty() && !next.starts_with([' ', '\t']) {
                    break;
                }
                block.push(*next);
                lines.next();
            }
            let indent = block
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0);
            let lines: Vec<&str> = block
                .iter()
                .map(|l| l.get(indent..).unwrap_or(""))
                .collect();
            return Some(if folded {
                lines.join(" ")
            } else {
                lines.join("\n")
            });
        }
        let unquoted = match (value.chars().next(), value.chars().last()) {
            (Some('\''), Some('\'')) if value.len() > 1 => {
                value[1..value.len() - 1].replace("''", "'")
            }
            (Some('"'), Some('"')) if value.len() > 1 => {
                value[1..value.len() - 1].replace("\\\"", "\"")
            }
            _ => value.to_owned(),
        };
        return Some(unquoted);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks_and_yaml_queries_become_saved_queries() {
        let source = tempfile::tempdir().unwrap();
        let saved = tempfile::tempdir().unwrap();
        fs::create_dir_all(source.path().join("Execution")).unwrap();
        fs::write(
            source.path().join("Execution/encoded.md"),
            "# Encoded PowerShell\nText.\n```kql\nDeviceProcessEvents\n| where ProcessCommandLine has \"-enc\"\n```\n## Second\n```python\nprint(1)\n```\n```kusto\nDeviceInfo\n```\n",
        )
        .unwrap();
        fs::write(
            source.path().join("rule.yaml"),
            "id: 1234\nname: Rare parent of cmd\ndescription: |\n  Finds cmd.exe started\n  by unusual parents.\ntactics:\n  - Execution\nquery: |\n  DeviceProcessEvents\n  | where FileName == \"cmd.exe\"\n\n  | summarize count() by InitiatingProcessFileName\nversion: 1.0.0\n",
        )
        .unwrap();
        fs::write(source.path().join("empty.yaml"), "name: nothing\n").unwrap();
        let report = import_folder(
            source.path(),
            saved.path(),
            "community",
            &crate::files::KeepOut::none(),
        )
        .unwrap();
        assert_eq!(report.imported, 3);
        assert_eq!(report.skipped.len(), 1);
        let all = super::super::store::list(saved.path());
        let names: Vec<&str> = all.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "community/Execution/encoded",
                "community/Execution/encoded-2",
                "community/rule"
            ]
        );
        assert_eq!(all[0].name, "Encoded PowerShell");
        assert_eq!(all[1].name, "Second");
        assert_eq!(all[2].name, "Rare parent of cmd");
        assert_eq!(
            all[2].description,
            "Finds cmd.exe started by unusual parents."
        );
        assert_eq!(all[2].tags, ["Execution"]);
        assert!(all[2].query.ends_with("by InitiatingProcessFileName"));
        assert!(
            all[2].query.contains("\n\n| summarize"),
            "blank lines inside the block stay"
        );
        let again = import_folder(
            source.path(),
            saved.path(),
            "community",
            &crate::files::KeepOut::none(),
        )
        .unwrap();
        assert_eq!(
            (again.imported, again.existing),
            (0, 3),
            "nothing is replaced"
        );
    }
    #[test]
    fn a_write_that_fails_is_told_even_when_the_folder_name_reads_like_a_clash() {
        // The folder the queries go to is a file: nothing can be written there, and the
        // import must say so instead of counting the queries as already there.
        let source = tempfile::tempdir().unwrap();
        let saved = tempfile::tempdir().unwrap();
        fs::write(source.path().join("beacon.kql"), "DeviceNetworkEvents").unwrap();
        fs::write(saved.path().join("exists already"), "a file, not a folder").unwrap();
        let outcome = import_folder(
            source.path(),
            saved.path(),
            "exists already",
            &crate::files::KeepOut::none(),
        );
        let said = outcome.expect_err("nothing could be saved").to_string();
        assert!(said.starts_with("cannot save"), "{said}");
    }
}
