//! The security team at work: its actions in the Defender portal as CloudAppEvents records
//! them (scans, isolation drills, custom detections, settings), other admin activity in
//! Microsoft 365, and the alerts the emulation exercise set off on the lab machine.

use serde_json::json;

use super::activity::set_device;
use super::background::{table, Background, Builders, HOUR, MINUTE};
use super::signins::{BROWSERS, OFFICE_IP};

/// (action, what the raw event adds).
const PORTAL: &[(&str, &str, &str)] = &[
    (
        "RunAntiVirusScan",
        "ActionComment",
        "Routine scan after a PUA detection",
    ),
    (
        "IsolateDevice",
        "ActionComment",
        "Isolation drill on the lab machine",
    ),
    ("ReleaseFromIsolation", "ActionComment", "Drill finished"),
    ("LiveResponseGetFile", "FileName", "PDFConverterSetup.exe"),
    (
        "CreateCustomDetection",
        "RuleName",
        "Encoded PowerShell from Office",
    ),
    (
        "EditCustomDetection",
        "RuleName",
        "Encoded PowerShell from Office",
    ),
    (
        "ChangeCustomDetectionRuleStatus",
        "RuleName",
        "USB mass storage on servers",
    ),
    (
        "SetAdvancedFeatures",
        "SettingName",
        "Live Response unsigned script execution",
    ),
    (
        "ExclusionConfigurationAdded",
        "ResultDescription",
        "Exclude the backup agent's cache",
    ),
    (
        "Write AlertsSuppressionRules",
        "RuleName",
        "Suppress PUA alerts on lab-emul01",
    ),
];

const EMULATION_ALERTS: &[(&str, &str, &str, &str)] = &[
    (
        "Event log was cleared",
        "DefenseEvasion",
        "Medium",
        "T1070.001",
    ),
    ("File backups were deleted", "Impact", "High", "T1490"),
    (
        "Ransomware behavior detected in the file system",
        "Ransomware",
        "High",
        "T1486",
    ),
    (
        "Suspicious Lsass Process Access",
        "CredentialAccess",
        "High",
        "T1003.001",
    ),
    (
        "Bloodhound post-exploitation tool",
        "Discovery",
        "Medium",
        "T1087",
    ),
    ("Suspicious decoded content", "Execution", "Medium", "T1027"),
];

impl Background<'_> {
    pub fn soc(&mut self, tables: &mut Builders) {
        let analyst = self.world.user("grady.vance").clone();
        let lab = self.world.device("lab-emul01").clone();
        for (i, (action, key, value)) in PORTAL.iter().enumerate() {
            let at = self.start + (2 + i as i64 * 2) * 24 * HOUR + 10 * HOUR;
            let report = self.next_report();
            let b = table(tables, "CloudAppEvents");
            b.row(at);
            b.text("ActionType", action)
                .text("Application", "Microsoft 365 Defender")
                .long("ApplicationId", 61_500)
                .text("AccountObjectId", &analyst.object_id)
                .text("AccountId", &analyst.object_id)
                .text("AccountDisplayName", &analyst.display)
                .flag("IsAdminOperation", true)
                .text("IPAddress", OFFICE_IP)
                .text("CountryCode", "US")
                .text("UserAgent", BROWSERS[0].0)
                .text("ActivityType", "Edit")
                .text("ObjectName", value)
                .text("AccountType", "Admin")
                .flag("IsExternalUser", false)
                .flag("IsImpersonated", false)
                .long("ReportId", report)
                .json("RawEventData", json!({"Workload": "Microsoft365Defender", "UserId": analyst.upn, "ClientIP": OFFICE_IP, "DeviceName": lab.name, *key: value, "IsEnabled": "false", "SettingsNewValue": true, "ResultStatus": "Success"}));
        }
        for (i, (title, category, severity, technique)) in EMULATION_ALERTS.iter().enumerate() {
            let at = self.end - 20 * HOUR + (10 + i as i64 * 15) * MINUTE;
            let id = format!("da{}", self.rng.hex(36));
            let info = table(tables, "AlertInfo");
            info.row(at);
            info.text("AlertId", &id)
                .text("Title", title)
                .text("Category", category)
                .text("Severity", severity)
                .text("ServiceSource", "Microsoft Defender for Endpoint")
                .text("DetectionSource", "EDR")
                .text("AttackTechniques", &json!([technique]).to_string());
            for entity in ["Machine", "User"] {
                let evidence = table(tables, "AlertEvidence");
                evidence.row(at);
                evidence
                    .text("AlertId", &id)
                    .text("Title", title)
                    .text("Categories", &json!([category]).to_string())
                    .text("AttackTechniques", &json!([technique]).to_string())
                    .text("ServiceSource", "Microsoft Defender for Endpoint")
                    .text("DetectionSource", "EDR")
                    .text("EntityType", entity)
                    .text("EvidenceRole", "Impacted")
                    .text("Severity", severity);
                if entity == "Machine" {
                    set_device(evidence, &lab);
                    evidence.text("LocalIP", &lab.ip);
                } else {
                    evidence
                        .text("AccountName", &analyst.name)
                        .text("AccountSid", &analyst.sid)
                        .text("AccountObjectId", &analyst.object_id)
                        .text("AccountUpn", &analyst.upn)
                        .text("AccountDomain", "contoso");
                }
            }
        }
    }
}
