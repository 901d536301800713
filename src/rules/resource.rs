//! The Graph v1.0 `detectionRule` resource (`/security/rules/detectionRules`), field for field
//! as Microsoft documents it. Fields the documentation does not list (beta extras, deprecated
//! ones) are kept in `other` so a rule read from a tenant goes back unchanged, and the checks
//! can name them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

pub const ODATA_TYPE: &str = "#microsoft.graph.security.detectionRule";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DetectionRule {
    #[serde(
        rename = "@odata.type",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `enabled`, `disabled`, `autoDisabled` (the service switched it off), `unknownFutureValue`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<String>,
    #[serde(default)]
    pub query_condition: QueryCondition,
    #[serde(default)]
    pub schedule: RuleSchedule,
    #[serde(default)]
    pub detection_action: DetectionAction,
    /// Whatever else the service sent (or the file holds): kept, never dropped.
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryCondition {
    #[serde(default)]
    pub query_text: String,
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSchedule {
    /// ISO 8601: `PT0S` (near real time), `PT1H`, `PT3H`, `PT12H`, `PT24H` or `P1D`.
    #[serde(default)]
    pub frequency: String,
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DetectionAction {
    #[serde(default)]
    pub alert_template: AlertTemplate,
    /// Collection name (`isolateDevices`, ...) → actions, each naming query columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_actions: Option<BTreeMap<String, Vec<Map<String, Json>>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizational_scope: Option<OrganizationalScope>,
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertTemplate {
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `informational`, `low`, `medium`, `high`.
    #[serde(default)]
    pub severity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended_actions: Option<String>,
    /// Detail name → the query column that fills it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_details: Option<BTreeMap<String, String>>,
    /// Entity collection (`hosts`, `accounts`, `files`, ...) → mappings of entity fields
    /// (`deviceIdColumn`) to query columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_mappings: Option<BTreeMap<String, Vec<BTreeMap<String, String>>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tactics: Vec<Tactic>,
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tactic {
    pub tactic: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<Technique>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Technique {
    pub technique: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_techniques: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationalScope {
    #[serde(default)]
    pub device_groups: Vec<String>,
    #[serde(flatten)]
    pub other: Map<String, Json>,
}

/// The fields the service sets and a client never sends.
pub const READ_ONLY: &[&str] = &[
    "createdBy",
    "createdDateTime",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "@odata.context",
];

impl DetectionRule {
    /// Reads a rule as the service sends it. Nulls mean "not set", as absence does.
    pub fn from_json(json: &Json) -> Result<DetectionRule, serde_json::Error> {
        let mut json = without_nulls(json.clone());
        // The answer's context, not a property of the rule.
        if let Some(map) = json.as_object_mut() {
            map.remove("@odata.context");
        }
        serde_json::from_value(json)
    }

    /// The rule as JSON, without nulls: what [`DetectionRule::from_json`] reads back equal.
    pub fn to_json(&self) -> Json {
        without_nulls(serde_json::to_value(self).unwrap_or(Json::Null))
    }

    /// The body of a create (`POST`): every field a client may send, none the service sets.
    pub fn create_body(&self) -> Json {
        let mut json = self.to_json();
        if let Some(map) = json.as_object_mut() {
            for field in READ_ONLY {
                map.remove(*field);
            }
        }
        json
    }

    pub fn is_enabled(&self) -> bool {
        self.status.as_deref() == Some("enabled")
    }
}

/// `json` with every null member removed, at every depth: the service writes `null` where a
/// block is not set, and a rule file (TOML) cannot hold null.
pub fn without_nulls(json: Json) -> Json {
    match json {
        Json::Object(map) => Json::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Json {
        let path = format!(
            "{}/tests/data/detection-rules/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_documented_list_reads_into_rules_and_back_unchanged() {
        let list = sample("list.json");
        for json in list["value"].as_array().unwrap() {
            let rule = DetectionRule::from_json(json).unwrap();
            let mut expected = without_nulls(json.clone());
            expected.as_object_mut().unwrap().remove("@odata.context");
            assert_eq!(rule.to_json(), expected);
        }
        let second = DetectionRule::from_json(&list["value"][1]).unwrap();
        assert_eq!(second.status.as_deref(), Some("autoDisabled"));
        assert!(second.detection_action.automated_actions.is_none());
    }

    #[test]
    fn a_create_body_is_the_documented_request() {
        let answer = DetectionRule::from_json(&sample("create-response.json")).unwrap();
        assert_eq!(answer.create_body(), sample("create-request.json"));
    }
}
