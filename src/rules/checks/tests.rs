use super::*;
use crate::rules::DetectionRule;

fn sample() -> DetectionRule {
    let path = format!(
        "{}/tests/data/detection-rules/create-request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    DetectionRule::from_json(&json).unwrap()
}

fn codes(rule: &DetectionRule) -> Vec<(&'static str, String)> {
    check_rule(&Knowledge::default(), rule)
        .into_iter()
        .map(|f| (f.code, f.message))
        .collect()
}

fn with_query(query: &str, frequency: &str) -> DetectionRule {
    let mut rule = sample();
    rule.query_condition.query_text = query.into();
    rule.schedule.frequency = frequency.into();
    rule
}

#[test]
fn the_documented_sample_rule_passes() {
    assert_eq!(codes(&sample()), vec![]);
}

#[test]
fn a_rule_must_return_timestamp_report_id_and_an_asset() {
    let rule = with_query(
        "DeviceProcessEvents | project FileName, SHA1, SHA256, AccountName, AccountDomain, ProcessCommandLine",
        "PT1H",
    );
    let found = codes(&rule);
    let required: Vec<_> = found
        .iter()
        .filter(|(c, _)| *c == "required-columns")
        .collect();
    assert_eq!(required.len(), 3, "{found:?}");
    assert!(required[0].1.contains("Timestamp"));
    assert!(required[1].1.contains("ReportId"));
    assert!(required[2].1.contains("DeviceId"));
    // The entity mappings name DeviceId, DeviceName and AccountSid, which are gone.
    assert!(found
        .iter()
        .any(|(c, m)| *c == "entity-mappings" && m.contains("deviceIdColumn to DeviceId")));
}

#[test]
fn near_real_time_rules_read_one_supported_table_without_joins_or_comments() {
    let base = "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName, ReportId, AccountName, AccountDomain, AccountSid, FileName, SHA1, SHA256, ProcessCommandLine";
    assert_eq!(codes(&with_query(base, "PT0S")), vec![]);
    let joined = format!("// who ran it\n{base} | join kind=inner (DeviceInfo | project DeviceId, OSPlatform) on DeviceId");
    let found: Vec<_> = codes(&with_query(&joined, "PT0S"))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(found.contains(&"nrt-comments"), "{found:?}");
    assert_eq!(
        found.iter().filter(|c| **c == "nrt-one-table").count(),
        2,
        "{found:?}"
    );
    // The same query on a schedule is fine.
    assert!(!codes(&with_query(&joined, "PT1H"))
        .iter()
        .any(|(c, _)| c.starts_with("nrt")));
    let identity = "IdentityInfo | project Timestamp, ReportId, AccountUpn";
    let found = codes(&with_query(identity, "PT0S"));
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "nrt-tables" && m.starts_with("IdentityInfo")),
        "{found:?}"
    );
}

#[test]
fn frequency_must_be_a_documented_one_and_filters_must_cover_the_period() {
    let found = codes(&with_query(&sample().query_condition.query_text, "PT7M"));
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "frequency" && m.contains("PT7M")),
        "{found:?}"
    );
    let query = format!(
        "{}\n| where Timestamp > ago(1h)",
        sample().query_condition.query_text
    );
    let found = codes(&with_query(&query, "PT24H"));
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "lookback" && m.contains("ago(1h)")),
        "{found:?}"
    );
    assert!(!codes(&with_query(&query, "PT1H"))
        .iter()
        .any(|(c, _)| *c == "lookback"));
}

#[test]
fn placeholders_and_custom_details_stay_in_their_limits() {
    let mut rule = sample();
    rule.detection_action.alert_template.title =
        "{{DeviceName}} {{AccountName}} {{FileName}} {{SHA1}}".into();
    rule.detection_action.alert_template.description = Some("On {{RemoteIP}}".into());
    rule.detection_action.alert_template.custom_details = Some(
        (0..21)
            .map(|i| (format!("d{i}"), "FileName".to_owned()))
            .collect(),
    );
    let found = codes(&rule);
    let placeholders: Vec<_> = found.iter().filter(|(c, _)| *c == "placeholders").collect();
    assert_eq!(placeholders.len(), 2, "{found:?}");
    assert!(placeholders[0].1.contains("at most 3"));
    assert!(placeholders[1].1.contains("{{RemoteIP}}"));
    assert!(found
        .iter()
        .any(|(c, m)| *c == "custom-details" && m.contains("at most 20")));
}

#[test]
fn deprecated_fields_are_named_with_what_replaces_them() {
    let mut rule = sample();
    rule.other.insert("isEnabled".into(), true.into());
    rule.schedule.other.insert("period".into(), "1H".into());
    let found = codes(&rule);
    assert!(
        found.iter().any(|(c, m)| *c == "deprecated-field"
            && m.starts_with("isEnabled")
            && m.contains("status")),
        "{found:?}"
    );
    assert!(found
        .iter()
        .any(|(c, m)| *c == "deprecated-field" && m.starts_with("schedule.period")));
}

#[test]
fn names_and_ids_are_unique_across_rules() {
    let one = crate::rules::RuleFile {
        rule: sample(),
        query_line: 1,
    };
    let mut two = one.clone();
    two.rule.id = "another".into();
    let found = check_unique(&[("a.kql".into(), &one), ("b.kql".into(), &two)]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "b.kql");
    assert_eq!(found[0].1.code, "unique-name");
}
