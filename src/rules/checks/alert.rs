//! The alert a rule raises: its title and severity, the dynamic placeholders (`{{Column}}`) in
//! title and description, custom details, and every field that names a query column (entity
//! mappings, custom details, automated actions) naming one the query returns.

use super::query::QueryShape;
use super::RuleFinding;
use crate::rules::DetectionRule;

/// Documented limits of the alert template.
pub const MAX_PLACEHOLDERS: usize = 3;
pub const MAX_CUSTOM_DETAILS: usize = 20;
pub const SEVERITIES: &[&str] = &["informational", "low", "medium", "high"];

/// The entity collections of the v1.0 `entityMappingConfiguration`.
pub const ENTITY_KINDS: &[&str] = &[
    "accounts",
    "amazonResources",
    "azureResources",
    "cloudApplications",
    "dns",
    "files",
    "googleCloudResources",
    "hosts",
    "ips",
    "mailboxes",
    "mailClusters",
    "mailMessages",
    "oAuthApplications",
    "processes",
    "registryValues",
    "securityGroups",
    "urls",
];

/// The column names inside `{{ }}` in `text`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        found.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    found
}

pub fn check(rule: &DetectionRule, shape: Option<&QueryShape>, findings: &mut Vec<RuleFinding>) {
    let template = &rule.detection_action.alert_template;
    if template.title.trim().is_empty() {
        findings.push(RuleFinding::error("alert-title", "the alert has no title: set detectionAction.alertTemplate.title (it names the alert in the queue)"));
    }
    if !SEVERITIES.contains(&template.severity.as_str()) {
        findings.push(RuleFinding::error(
            "alert-severity",
            format!(
                "alertTemplate.severity \"{}\" is not one of {}: pick one",
                template.severity,
                SEVERITIES.join(", ")
            ),
        ));
    }
    let returned = |column: &str| shape.is_none_or(|s| s.returns(column));
    for (field, text) in [
        ("title", Some(template.title.as_str())),
        ("description", template.description.as_deref()),
    ] {
        let Some(text) = text else { continue };
        let names = placeholders(text);
        if names.len() > MAX_PLACEHOLDERS {
            findings.push(RuleFinding::error("placeholders", format!("the alert {field} has {} dynamic values ({{{{Column}}}}); the service takes at most {MAX_PLACEHOLDERS}: keep the most telling", names.len())));
        }
        for name in names.iter().filter(|n| !returned(n)) {
            findings.push(RuleFinding::error("placeholders", format!("the alert {field} shows {{{{{name}}}}}, a column the query does not return: return it, or name one it does")));
        }
    }
    if let Some(details) = &template.custom_details {
        if details.len() > MAX_CUSTOM_DETAILS {
            findings.push(RuleFinding::error("custom-details", format!("the alert has {} custom details; the service takes at most {MAX_CUSTOM_DETAILS}: keep the ones an analyst reads first", details.len())));
        }
        for (name, column) in details.iter().filter(|(_, c)| !returned(c)) {
            findings.push(RuleFinding::error("custom-details", format!("custom detail \"{name}\" reads column {column}, which the query does not return: return it, or name one it does")));
        }
    }
    let mut mapped_entity = false;
    for (kind, entries) in template.entity_mappings.iter().flatten() {
        if !ENTITY_KINDS.contains(&kind.as_str()) {
            findings.push(RuleFinding::error(
                "entity-mappings",
                format!(
                    "entityMappings.{kind} is not an entity type of the v1.0 API: use one of {}",
                    ENTITY_KINDS.join(", ")
                ),
            ));
            continue;
        }
        for (field, column) in entries.iter().flatten() {
            mapped_entity = true;
            if !returned(column) {
                findings.push(RuleFinding::error("entity-mappings", format!("entityMappings.{kind} maps {field} to {column}, a column the query does not return: return it, or map a column it does")));
            }
        }
    }
    if !mapped_entity {
        findings.push(RuleFinding::warning("entity-mappings", "the alert maps no entity: add detectionAction.alertTemplate.entityMappings (hosts to DeviceId, accounts to AccountSid...) so the alert names what it is about"));
    }
    for (kind, actions) in rule.detection_action.automated_actions.iter().flatten() {
        for (field, value) in actions.iter().flatten() {
            let Some(column) = value.as_str().filter(|_| field.ends_with("Column")) else {
                continue;
            };
            if !returned(column) {
                findings.push(RuleFinding::error("automated-actions", format!("automatedActions.{kind} reads {field} from {column}, a column the query does not return: return it, or the action cannot run")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_the_names_in_double_braces() {
        assert_eq!(
            super::placeholders("Encoded PowerShell on {{DeviceName}} by {{ AccountName }}"),
            vec!["DeviceName", "AccountName"]
        );
        assert!(super::placeholders("no {{ end").is_empty());
    }
}
