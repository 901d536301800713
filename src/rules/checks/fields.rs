//! The rule's own fields: the ones the service requires, and the ones it no longer takes
//! (deprecated beta fields, removed on 2026-10-01) or never took in v1.0.

use serde_json::{Map, Value as Json};

use super::RuleFinding;
use crate::rules::DetectionRule;

/// (where, field, what replaces it) for the fields the v1.0 API does not take.
const DEPRECATED: &[(&str, &str, &str)] = &[
    ("", "isEnabled", "status = \"enabled\" or \"disabled\""),
    (
        "",
        "lastRunDetails",
        "nothing: v1.0 does not expose run details",
    ),
    ("", "detectorId", "nothing: the service sets it"),
    ("", "responseActions", "detectionAction.automatedActions"),
    ("schedule.", "period", "schedule.frequency (PT1H, PT24H...)"),
    (
        "schedule.",
        "nextRunDateTime",
        "nothing: the service sets it",
    ),
    (
        "queryCondition.",
        "lastModifiedDateTime",
        "nothing: the service sets it",
    ),
    (
        "detectionAction.alertTemplate.",
        "category",
        "alertTemplate.tactics",
    ),
    (
        "detectionAction.alertTemplate.",
        "mitreTechniques",
        "alertTemplate.tactics[].techniques",
    ),
    (
        "detectionAction.alertTemplate.",
        "impactedAssets",
        "alertTemplate.entityMappings",
    ),
    (
        "detectionAction.organizationalScope.",
        "scopeType",
        "organizationalScope.deviceGroups",
    ),
    (
        "detectionAction.organizationalScope.",
        "scopeNames",
        "organizationalScope.deviceGroups",
    ),
];

/// Newer beta fields the v1.0 pages do not list.
const BETA_ONLY: &[&str] = &["incidentConfiguration", "lookback", "eventGroupingKind"];

pub fn check(rule: &DetectionRule) -> Vec<RuleFinding> {
    let mut findings = Vec::new();
    if rule.id.trim().is_empty() {
        findings.push(RuleFinding::error("id", "the rule has no id: v1.0 creates a rule under the id the client gives; set `id = \"...\"` (letters, digits and dashes) in the header"));
    }
    if rule.display_name.trim().is_empty() {
        findings.push(RuleFinding::error(
            "display-name",
            "the rule has no displayName: set one; it names the rule in the portal",
        ));
    }
    match rule.status.as_deref() {
        Some("enabled" | "disabled") => {}
        Some("autoDisabled") => findings.push(RuleFinding::warning("status", "the service switched this rule off (autoDisabled), usually because its query failed: fix the query, then set status = \"enabled\"")),
        Some(other) => findings.push(RuleFinding::error("status", format!("status \"{other}\" is not one a rule is set to: use \"enabled\" or \"disabled\""))),
        None => findings.push(RuleFinding::error("status", "the rule has no status: set status = \"enabled\" or \"disabled\"")),
    }
    let action = &rule.detection_action;
    let empty = Map::new();
    let places: [(&str, &Map<String, Json>); 6] = [
        ("", &rule.other),
        ("schedule.", &rule.schedule.other),
        ("queryCondition.", &rule.query_condition.other),
        ("detectionAction.", &action.other),
        (
            "detectionAction.alertTemplate.",
            &action.alert_template.other,
        ),
        (
            "detectionAction.organizationalScope.",
            action
                .organizational_scope
                .as_ref()
                .map_or(&empty, |s| &s.other),
        ),
    ];
    for (place, fields) in places {
        for field in fields.keys() {
            if place.is_empty() && field == "@odata.type" {
                continue;
            }
            if let Some((_, _, instead)) = DEPRECATED
                .iter()
                .find(|(p, f, _)| *p == place && f == field)
            {
                findings.push(RuleFinding::error("deprecated-field", format!("{place}{field} is deprecated and not taken by the v1.0 API (removed 2026-10-01): use {instead}, and delete it")));
            } else if BETA_ONLY.contains(&field.as_str()) {
                findings.push(RuleFinding::warning("beta-field", format!("{place}{field} exists only in the beta API; v1.0 does not take it: delete it, the service derives it")));
            } else {
                findings.push(RuleFinding::warning("unknown-field", format!("{place}{field} is not a field of the v1.0 detectionRule: check its spelling against the Graph documentation, or delete it")));
            }
        }
    }
    findings
}
