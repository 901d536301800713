//! The demo tenant runs its enabled rules on their schedule, in demo time (the clock the data
//! ends at): a rule just saved reads the past 30 days, then each run reads its lookback. Every
//! row a run returns becomes an alert in `AlertInfo`, with its entities in `AlertEvidence`,
//! as the service raises them; a row already alerted on is not alerted again.

use std::collections::HashMap;
use std::sync::Arc;

use super::state::State;
use crate::engine::{Database, Engine, Limits, Scalar, Table};
use crate::rules::schedule::{due, Frequency};
use crate::rules::DetectionRule;

/// Runs every enabled rule that is due at `now`; returns the alerts raised.
pub fn tick(state: &State, now: i64) -> usize {
    let mut book = state.rule_book();
    let engine = state.engine();
    let mut alerts = Alerts::default();
    let mut switched_off = false;
    for stored in book.rules.values_mut() {
        if !stored.rule.is_enabled() {
            continue;
        }
        let Some(frequency) = Frequency::parse(&stored.rule.schedule.frequency) else {
            continue;
        };
        let Some((from, to)) = due(frequency, stored.last_run, now) else {
            continue;
        };
        stored.last_run = Some(now);
        let Ok(answer) = engine.run(
            &stored.rule.query_condition.query_text,
            now,
            &Limits::default(),
        ) else {
            // The service switches off a rule whose query fails.
            stored.rule.status = Some("autoDisabled".into());
            switched_off = true;
            continue;
        };
        let table = &answer.table;
        let Some(time) = table.column_index("Timestamp") else {
            continue;
        };
        for row in 0..table.len() {
            let Scalar::DateTime(at) = table.get(row, time) else {
                continue;
            };
            if *at < from || *at > to {
                continue;
            }
            let key = row_key(&stored.rule.id, table, row);
            if stored.alerted.insert(key) {
                alerts.raise(&stored.rule, table, row, key, now);
            }
        }
    }
    if switched_off {
        // Kept for the next run of the demo; a store that cannot be written changes nothing here.
        let _ = book.save();
    }
    let raised = alerts.count;
    if raised > 0 {
        state.replace_engine(alerts.written_into(engine.database()));
    }
    raised
}

/// One event of one rule, however often a run returns it.
fn row_key(rule: &str, table: &Table, row: usize) -> u64 {
    let mut text = rule.to_owned();
    for column in 0..table.columns.len() {
        text.push('\u{1f}');
        text.push_str(&table.get(row, column).to_text().unwrap_or_default());
    }
    xxhash_rust::xxh64::xxh64(text.as_bytes(), 0)
}

/// Rows for `AlertInfo` and `AlertEvidence`, by column name.
#[derive(Default)]
struct Alerts {
    info: Vec<HashMap<&'static str, Scalar>>,
    evidence: Vec<HashMap<&'static str, Scalar>>,
    count: usize,
}

/// Which evidence columns an entity mapping's fields fill, by entity collection.
fn evidence_column(kind: &str, field: &str) -> Option<&'static str> {
    Some(match (kind, field) {
        (_, "deviceIdColumn") => "DeviceId",
        ("hosts", "nameColumn") => "DeviceName",
        ("accounts", "nameColumn") => "AccountName",
        ("accounts", "ntDomainColumn") => "AccountDomain",
        (_, "sidColumn") => "AccountSid",
        (_, "upnColumn") => "AccountUpn",
        (_, "aadUserIdColumn") => "AccountObjectId",
        ("files", "nameColumn") => "FileName",
        (_, "sha1Column") => "SHA1",
        (_, "sha256Column") => "SHA256",
        ("ips", "addressColumn") => "RemoteIP",
        ("urls", "urlColumn") => "RemoteUrl",
        _ => return None,
    })
}

fn entity_type(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "hosts" => ("Machine", "Impacted"),
        "accounts" => ("User", "Impacted"),
        "mailboxes" => ("Mailbox", "Impacted"),
        "files" => ("File", "Related"),
        "ips" => ("Ip", "Related"),
        "urls" => ("Url", "Related"),
        "processes" => ("Process", "Related"),
        _ => ("Other", "Related"),
    }
}

impl Alerts {
    fn raise(&mut self, rule: &DetectionRule, table: &Table, row: usize, key: u64, now: i64) {
        let template = &rule.detection_action.alert_template;
        let value = |column: &str| {
            table
                .column_index(column)
                .map_or(Scalar::Null, |i| table.get(row, i).clone())
        };
        let fill = |text: &str| {
            let mut out = text.to_owned();
            for name in crate::rules::checks::alert::placeholders(text) {
                let shown = value(name)
                    .to_text()
                    .map(|t| t.into_owned())
                    .unwrap_or_default();
                out = out.replace(&format!("{{{{{name}}}}}"), &shown);
            }
            out
        };
        let id = format!("cd{key:016x}");
        let title = fill(&template.title);
        let category = template
            .tactics
            .first()
            .map_or("", |t| t.tactic.as_str())
            .to_owned();
        let techniques: Vec<&str> = template
            .tactics
            .iter()
            .flat_map(|t| t.techniques.iter().map(|x| x.technique.as_str()))
            .collect();
        let mut severity = template.severity.clone();
        if let Some(first) = severity.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        let common = [
            ("Timestamp", Scalar::DateTime(now)),
            ("AlertId", Scalar::str(&id)),
            ("Title", Scalar::str(&title)),
            ("Severity", Scalar::str(&severity)),
            ("ServiceSource", Scalar::str("Microsoft Defender XDR")),
            ("DetectionSource", Scalar::str("Custom detection")),
            (
                "AttackTechniques",
                Scalar::str(&serde_json::to_string(&techniques).unwrap_or_default()),
            ),
        ];
        let mut info: HashMap<_, _> = common.iter().cloned().collect();
        info.insert("Category", Scalar::str(&category));
        self.info.push(info);
        let details: serde_json::Map<String, serde_json::Value> = template
            .custom_details
            .iter()
            .flatten()
            .map(|(name, column)| (name.clone(), value(column).to_json()))
            .collect();
        for (kind, entries) in template.entity_mappings.iter().flatten() {
            for entry in entries {
                let (entity, role) = entity_type(kind);
                let mut evidence: HashMap<_, _> = common.iter().cloned().collect();
                evidence.insert("Categories", Scalar::str(&format!("[\"{category}\"]")));
                evidence.insert("EntityType", Scalar::str(entity));
                evidence.insert("EvidenceRole", Scalar::str(role));
                evidence.insert(
                    "AdditionalFields",
                    Scalar::str(&serde_json::Value::Object(details.clone()).to_string()),
                );
                for (field, column) in entry {
                    if let Some(target) = evidence_column(kind, field) {
                        evidence.insert(target, value(column));
                    }
                }
                self.evidence.push(evidence);
            }
        }
        self.count += 1;
    }

    /// The database with the alerts appended to its two alert tables.
    fn written_into(self, database: &Database) -> Engine {
        let mut database = database.clone();
        for (name, rows) in [("AlertInfo", self.info), ("AlertEvidence", self.evidence)] {
            let Some(table) = database.table(name).cloned() else {
                continue;
            };
            database.insert(name, appended(&table, &rows));
        }
        Engine::new(Arc::new(database))
    }
}

fn appended(table: &Table, rows: &[HashMap<&'static str, Scalar>]) -> Table {
    let mut data = Vec::with_capacity(table.columns.len());
    for (i, def) in table.columns.iter().enumerate() {
        let mut values = table.column_values(i);
        values.extend(
            rows.iter()
                .map(|r| r.get(def.name.as_str()).cloned().unwrap_or(Scalar::Null)),
        );
        data.push(values);
    }
    let mut ingested: Vec<i64> = (0..table.len())
        .map(|r| match table.ingestion_time(r) {
            Scalar::DateTime(t) => t,
            _ => 0,
        })
        .collect();
    ingested.extend(rows.iter().map(|r| match r.get("Timestamp") {
        Some(Scalar::DateTime(t)) => *t,
        _ => 0,
    }));
    Table::new(table.columns.clone(), data).with_ingestion_times(ingested)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::datetime::TICKS_PER_SECOND;

    const HOUR: i64 = 3600 * TICKS_PER_SECOND;

    fn demo(end: i64) -> State {
        let data = crate::emulator::data::generate(1, 0.05, end);
        State::new(
            Engine::new(Arc::new(data)),
            Default::default(),
            Default::default(),
            "http://127.0.0.1:9".into(),
        )
    }

    fn rule(id: &str, query: &str, frequency: &str) -> DetectionRule {
        let mut rule = DetectionRule {
            id: id.into(),
            display_name: id.into(),
            status: Some("enabled".into()),
            ..Default::default()
        };
        rule.query_condition.query_text = query.into();
        rule.schedule.frequency = frequency.into();
        rule.detection_action.alert_template.title = "Encoded PowerShell on {{DeviceName}}".into();
        rule.detection_action.alert_template.severity = "high".into();
        rule.detection_action.alert_template.entity_mappings = Some(
            [(
                "hosts".to_owned(),
                vec![[("deviceIdColumn".to_owned(), "DeviceId".to_owned())].into()],
            )]
            .into(),
        );
        rule
    }

    fn custom_alerts(state: &State) -> Vec<String> {
        let engine = state.engine();
        let answer = engine
            .run(
                "AlertInfo | where DetectionSource == 'Custom detection' | project Title",
                0,
                &Limits::default(),
            )
            .unwrap();
        (0..answer.table.len())
            .map(|r| {
                answer
                    .table
                    .get(r, 0)
                    .to_text()
                    .unwrap_or_default()
                    .into_owned()
            })
            .collect()
    }

    const PLANTED: &str = "DeviceProcessEvents | where InitiatingProcessFileName =~ 'winword.exe' and ProcessCommandLine has '-enc' | project Timestamp, DeviceId, DeviceName, ReportId";

    #[test]
    fn a_saved_rule_reads_30_days_then_runs_each_period_without_alerting_twice() {
        let end = crate::results::datetime::now_ticks() / HOUR * HOUR;
        let state = demo(end);
        state.rule_book().put(rule("word", PLANTED, "PT24H"));
        let mut off = rule("off", PLANTED, "PT1H");
        off.status = Some("disabled".into());
        state.rule_book().put(off);

        assert_eq!(tick(&state, end), 1, "the planted intrusion, six days back");
        let alerts = custom_alerts(&state);
        assert_eq!(alerts.len(), 1);
        assert!(
            alerts[0].starts_with("Encoded PowerShell on ws-"),
            "{alerts:?}"
        );
        let evidence = state.engine().run("AlertEvidence | where DetectionSource == 'Custom detection' | project EntityType, DeviceId", 0, &Limits::default()).unwrap();
        assert_eq!(evidence.table.len(), 1);
        assert_eq!(evidence.table.get(0, 0).to_text().unwrap(), "Machine");

        assert_eq!(tick(&state, end + HOUR), 0, "not due for a day");
        assert_eq!(state.rule_book().rules["word"].last_run, Some(end));
        assert_eq!(
            tick(&state, end + 24 * HOUR),
            0,
            "due, but the event was alerted on"
        );
        assert_eq!(
            state.rule_book().rules["word"].last_run,
            Some(end + 24 * HOUR)
        );
        assert_eq!(
            state.rule_book().rules["off"].last_run,
            None,
            "a disabled rule never runs"
        );
    }

    #[test]
    fn a_rule_whose_query_fails_is_switched_off() {
        let end = crate::results::datetime::now_ticks() / HOUR * HOUR;
        let state = demo(end);
        state
            .rule_book()
            .put(rule("broken", "NoSuchTable | project Timestamp", "PT1H"));
        assert_eq!(tick(&state, end), 0);
        assert_eq!(
            state.rule_book().rules["broken"].rule.status.as_deref(),
            Some("autoDisabled")
        );
    }
}
