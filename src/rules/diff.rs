//! What pushing a rule file would change in the tenant: field by field (each leaf of the rule
//! by its path, as the Graph documents the fields), the query as a line diff, and the PATCH
//! body that makes the change.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value as Json;

use super::resource::{DetectionRule, READ_ONLY};

/// One field that differs; `None` where a side does not set it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub tenant: Option<Json>,
    pub file: Option<Json>,
}

/// A line of the query diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "line", rename_all = "lowercase")]
pub enum QueryLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The fields a push would send: what the client may write, without the query (diffed apart).
fn writable_leaves(rule: &DetectionRule) -> BTreeMap<String, Json> {
    let mut json = rule.to_json();
    if let Some(map) = json.as_object_mut() {
        for field in READ_ONLY {
            map.remove(*field);
        }
        map.remove("@odata.type");
        if let Some(condition) = map.get_mut("queryCondition").and_then(Json::as_object_mut) {
            condition.remove("queryText");
        }
    }
    let mut leaves = BTreeMap::new();
    flatten("", &json, &mut leaves);
    leaves
}

fn flatten(path: &str, json: &Json, out: &mut BTreeMap<String, Json>) {
    match json {
        Json::Object(map) if !map.is_empty() => {
            for (key, value) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(&child, value, out);
            }
        }
        Json::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{path}[{i}]"), item, out);
            }
        }
        leaf => {
            out.insert(path.to_owned(), leaf.clone());
        }
    }
}

/// The fields that differ between the tenant's rule and the file's, the query aside.
pub fn field_changes(tenant: &DetectionRule, file: &DetectionRule) -> Vec<FieldChange> {
    let (before, after) = (writable_leaves(tenant), writable_leaves(file));
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| before.get(*f) != after.get(*f))
        .map(|f| FieldChange {
            field: f.clone(),
            tenant: before.get(f).cloned(),
            file: after.get(f).cloned(),
        })
        .collect()
}

/// The query as a line diff (longest common subsequence); empty when they are the same.
pub fn query_diff(tenant: &str, file: &str) -> Vec<QueryLine> {
    if tenant == file {
        return Vec::new();
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (tenant.lines().collect(), file.lines().collect());
    // Queries are short; a quadratic table is fine, but a bound keeps a hostile one cheap.
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        let mut lines: Vec<QueryLine> = a.iter().map(|l| QueryLine::Removed((*l).into())).collect();
        lines.extend(b.iter().map(|l| QueryLine::Added((*l).into())));
        return lines;
    }
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut lines) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(QueryLine::Same(a[i].into()));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            // A changed line reads as the old one removed, then the new one added.
            lines.push(QueryLine::Removed(a[i].into()));
            i += 1;
        } else {
            lines.push(QueryLine::Added(b[j].into()));
            j += 1;
        }
    }
    lines
}

/// The PATCH body that turns the tenant's rule into the file's: each top-level field that
/// differs, whole (the service replaces a complex field as a unit).
pub fn patch_body(tenant: &DetectionRule, file: &DetectionRule) -> Json {
    let (before, after) = (tenant.create_body(), file.create_body());
    let mut patch = serde_json::Map::new();
    for (key, value) in after.as_object().into_iter().flatten() {
        if key == "id" || key == "@odata.type" {
            continue;
        }
        if before.get(key) != Some(value) {
            patch.insert(key.clone(), value.clone());
        }
    }
    Json::Object(patch)
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

    /// The documented update, applied to the documented rule, is what the diff finds.
    fn tenant_and_edited() -> (DetectionRule, DetectionRule) {
        let tenant = DetectionRule::from_json(&sample("create-response.json")).unwrap();
        let mut json = tenant.to_json();
        for (k, v) in sample("update-request.json").as_object().unwrap() {
            json[k] = v.clone();
        }
        (tenant, DetectionRule::from_json(&json).unwrap())
    }

    #[test]
    fn the_documented_update_is_the_patch_a_push_sends() {
        let (tenant, edited) = tenant_and_edited();
        assert_eq!(patch_body(&tenant, &edited), sample("update-request.json"));
    }

    #[test]
    fn changes_are_named_field_by_field_and_the_query_line_by_line() {
        let (tenant, edited) = tenant_and_edited();
        let fields: Vec<_> = field_changes(&tenant, &edited)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["displayName", "schedule.frequency", "status"]);
        let diff = query_diff(
            &tenant.query_condition.query_text,
            &edited.query_condition.query_text,
        );
        let changed: Vec<_> = diff
            .iter()
            .filter(|l| !matches!(l, QueryLine::Same(_)))
            .collect();
        assert_eq!(changed.len(), 2, "{diff:?}");
        assert!(matches!(changed[0], QueryLine::Removed(l) if !l.contains("outlook")));
        assert!(matches!(changed[1], QueryLine::Added(l) if l.contains("outlook.exe")));
        assert!(field_changes(&tenant, &tenant).is_empty());
        assert!(query_diff("a", "a").is_empty());
    }
}
