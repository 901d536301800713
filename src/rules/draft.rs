//! A new rule drafted from a hunt: the query as it is, the entities guessed from the columns it
//! returns, and safe defaults (daily, medium severity) for the detection engineer to change.
//! `kqlhunt rules new` and the workbench's "create detection" both start here.

use std::collections::BTreeMap;

use super::resource::DetectionRule;

/// (column, entity collection, entity field): what a returned column says about an entity.
const GUESSES: &[(&str, &str, &str)] = &[
    ("DeviceId", "hosts", "deviceIdColumn"),
    ("DeviceName", "hosts", "nameColumn"),
    ("AccountName", "accounts", "nameColumn"),
    ("AccountDomain", "accounts", "ntDomainColumn"),
    ("AccountSid", "accounts", "sidColumn"),
    ("AccountUpn", "accounts", "upnColumn"),
    ("AccountObjectId", "accounts", "aadUserIdColumn"),
    ("InitiatingProcessAccountUpn", "accounts", "upnColumn"),
    ("InitiatingProcessAccountSid", "accounts", "sidColumn"),
    (
        "InitiatingProcessAccountObjectId",
        "accounts",
        "aadUserIdColumn",
    ),
    ("FileName", "files", "nameColumn"),
    ("SHA1", "files", "sha1Column"),
    ("SHA256", "files", "sha256Column"),
    ("RemoteIP", "ips", "addressColumn"),
    ("RemoteUrl", "urls", "urlColumn"),
];

/// An id from a display name: lower-case letters and digits, dashes between words.
pub fn id_from(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').chars().take(64).collect()
}

/// The entity mappings the columns suggest; one entity of each kind.
pub fn guess_entities(columns: &[String]) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    let mut found: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (column, kind, field) in GUESSES {
        if columns.iter().any(|c| c == column) {
            found
                .entry((*kind).to_owned())
                .or_default()
                .entry((*field).to_owned())
                .or_insert_with(|| (*column).to_owned());
        }
    }
    found.into_iter().map(|(k, v)| (k, vec![v])).collect()
}

/// A rule for `query` named `name`, with the entities its `columns` suggest.
pub fn from_query(name: &str, query: &str, columns: &[String]) -> DetectionRule {
    let mut rule = DetectionRule {
        id: id_from(name),
        display_name: name.to_owned(),
        status: Some("enabled".into()),
        ..Default::default()
    };
    rule.query_condition.query_text = query.trim_end().to_owned();
    rule.schedule.frequency = "PT24H".into();
    let template = &mut rule.detection_action.alert_template;
    template.title = if columns.iter().any(|c| c == "DeviceName") {
        format!("{name} on {{{{DeviceName}}}}")
    } else {
        name.to_owned()
    };
    template.severity = "medium".into();
    let entities = guess_entities(columns);
    template.entity_mappings = (!entities.is_empty()).then_some(entities);
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hunt_becomes_a_rule_with_its_entities_guessed() {
        let columns: Vec<String> = [
            "Timestamp",
            "DeviceId",
            "DeviceName",
            "ReportId",
            "AccountSid",
        ]
        .map(String::from)
        .into();
        let rule = from_query(
            "Encoded PowerShell by Word!",
            "DeviceProcessEvents\n",
            &columns,
        );
        assert_eq!(rule.id, "encoded-powershell-by-word");
        assert_eq!(rule.query_condition.query_text, "DeviceProcessEvents");
        assert_eq!(
            rule.detection_action.alert_template.title,
            "Encoded PowerShell by Word! on {{DeviceName}}"
        );
        let entities = rule
            .detection_action
            .alert_template
            .entity_mappings
            .unwrap();
        assert_eq!(entities["hosts"][0]["deviceIdColumn"], "DeviceId");
        assert_eq!(entities["hosts"][0]["nameColumn"], "DeviceName");
        assert_eq!(entities["accounts"][0]["sidColumn"], "AccountSid");
        assert!(!entities.contains_key("files"));
    }
}
