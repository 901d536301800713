//! `kqlhunt rules diff` and `push`: a rule file against the tenant's rule of the same id. Push
//! checks the file first, creates a rule the tenant lacks, updates one only with the fields
//! that changed, and never replaces a rule the tenant changed since the file was pulled.

use std::path::PathBuf;

use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::rules::{failed, save};
use super::{fail, Exit};
use crate::assist::diagnose::Severity;
use crate::rules::client::RulesError;
use crate::rules::diff::{field_changes, patch_body, query_diff, QueryLine};
use crate::rules::tenant::Tenant;
use crate::rules::DetectionRule;

/// The tenant's rule with the file's id; `None` when it has none.
async fn tenant_rule(
    tenant: &Tenant,
    rule: &DetectionRule,
    cancel: &CancellationToken,
) -> Result<Option<DetectionRule>, RulesError> {
    match tenant.client.get(&rule.id, cancel).await {
        Ok(r) => Ok(Some(r)),
        Err(RulesError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_all(files: &[PathBuf]) -> Result<Vec<(PathBuf, DetectionRule)>, Exit> {
    if files.is_empty() {
        return Err(fail(
            Exit::Usage,
            "no rule files: name them, or pull the tenant's rules first (`kqlhunt rules pull`)",
        ));
    }
    let mut rules = Vec::new();
    for path in files {
        match crate::rules::file::read(path) {
            Ok(file) => rules.push((path.clone(), file.rule)),
            Err(e) => return Err(fail(Exit::Failed, e)),
        }
    }
    Ok(rules)
}

pub async fn diff(
    tenant: &Tenant,
    files: &[PathBuf],
    json: bool,
    cancel: &CancellationToken,
) -> Exit {
    let rules = match read_all(files) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let mut report = Vec::new();
    for (path, rule) in &rules {
        let theirs = match tenant_rule(tenant, rule, cancel).await {
            Ok(t) => t,
            Err(e) => return failed(e),
        };
        let shown = path.display().to_string();
        let Some(theirs) = theirs else {
            report.push(json!({ "file": shown, "id": rule.id, "action": "create" }));
            if !json {
                crate::console::outln!("{shown}: new rule {}: push creates it", safe(&rule.id));
            }
            continue;
        };
        let fields = field_changes(&theirs, rule);
        let query = query_diff(
            &theirs.query_condition.query_text,
            &rule.query_condition.query_text,
        );
        let action = if fields.is_empty() && query.is_empty() {
            "none"
        } else {
            "update"
        };
        report.push(json!({ "file": shown, "id": rule.id, "action": action, "fields": fields, "query": query }));
        if json {
            continue;
        }
        if action == "none" {
            crate::console::outln!("{shown}: {} is the same in the tenant", safe(&rule.id));
            continue;
        }
        crate::console::outln!("{shown}: push updates {}", safe(&rule.id));
        let value = |v: &Option<serde_json::Value>| {
            v.as_ref()
                .map_or("(not set)".to_owned(), |v| safe(&v.to_string()))
        };
        for change in &fields {
            crate::console::outln!(
                "  {}: {} → {}",
                safe(&change.field),
                value(&change.tenant),
                value(&change.file)
            );
        }
        if !query.is_empty() {
            crate::console::outln!("  queryCondition.queryText:");
            for line in &query {
                let (mark, text) = match line {
                    QueryLine::Same(t) => (' ', t),
                    QueryLine::Removed(t) => ('-', t),
                    QueryLine::Added(t) => ('+', t),
                };
                crate::console::outln!("    {mark} {}", safe(text));
            }
        }
    }
    if json {
        crate::console::outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    }
    Exit::Ok
}

fn safe(text: &str) -> String {
    crate::results::display::safe_text(text).into_owned()
}

pub async fn push(
    tenant: &Tenant,
    files: &[PathBuf],
    json: bool,
    cancel: &CancellationToken,
) -> Exit {
    let rules = match read_all(files) {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    // Nothing goes out while any rule would be refused.
    let knowledge = crate::assist::knowledge::Knowledge::default();
    let mut refused = false;
    for (path, rule) in &rules {
        for finding in crate::rules::check_rule(&knowledge, rule) {
            if finding.severity == Severity::Error {
                crate::console::errln!(
                    "{}: error: {} [{}]",
                    path.display(),
                    safe(&finding.message),
                    finding.code
                );
                refused = true;
            }
        }
    }
    if refused {
        return fail(
            Exit::Failed,
            "nothing pushed: fix the errors above (`kqlhunt check --as-detection` lists them)",
        );
    }
    let mut report = Vec::new();
    for (path, rule) in &rules {
        let theirs = match tenant_rule(tenant, rule, cancel).await {
            Ok(t) => t,
            Err(e) => return failed(e),
        };
        let (action, answer) = match theirs {
            None => ("created", tenant.client.create(rule, cancel).await),
            Some(theirs) if theirs.last_modified_date_time != rule.last_modified_date_time => {
                let by = theirs.last_modified_by.as_deref().unwrap_or("someone");
                let at = theirs
                    .last_modified_date_time
                    .as_deref()
                    .unwrap_or("an unknown time");
                let pulled = match &rule.last_modified_date_time {
                    Some(_) => "since this file was pulled",
                    None => "and this file was never pulled from it",
                };
                return fail(Exit::Failed, format!(
                    "{}: not pushed: the tenant's rule {} was changed by {} at {} {pulled}; pushing would replace that change. Run `kqlhunt rules diff` to see it, `kqlhunt rules pull` to take it, then edit and push again",
                    path.display(), safe(&rule.id), safe(by), safe(at)
                ));
            }
            Some(theirs) => {
                let changes = patch_body(&theirs, rule);
                if changes.as_object().is_none_or(|c| c.is_empty()) {
                    report.push(json!({ "file": path.display().to_string(), "id": rule.id, "action": "unchanged" }));
                    continue;
                }
                (
                    "updated",
                    tenant.client.update(&rule.id, changes, cancel).await,
                )
            }
        };
        let saved = match answer {
            Ok(saved) => saved,
            Err(e) => return failed(e),
        };
        // The file now holds the tenant's version: the next push compares with it.
        if let Err(e) = save(path, &saved) {
            return fail(Exit::Failed, e);
        }
        report
            .push(json!({ "file": path.display().to_string(), "id": saved.id, "action": action }));
    }
    for entry in &report {
        if !json {
            crate::console::errln!(
                "kqlhunt: {} {} ({})",
                entry["action"].as_str().unwrap_or_default(),
                safe(entry["id"].as_str().unwrap_or_default()),
                safe(entry["file"].as_str().unwrap_or_default())
            );
        }
    }
    if json {
        crate::console::outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    }
    Exit::Ok
}
