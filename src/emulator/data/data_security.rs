//! Purview's view of sensitive data (DataSecurityEvents, DataSecurityBehaviors) and the
//! Copilot agents people built (AgentsInfo, AIAgentsInfo).

use serde_json::json;

use super::background::{table, Background, Builders, DAY, HOUR};
use crate::engine::Scalar;

impl Background<'_> {
    pub fn data_security(&mut self, tables: &mut Builders, count: usize) {
        for i in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let (action, object) = *self.rng.pick(&[
                ("FileCopiedToRemovableMedia", "Q3-forecast.xlsx"),
                ("FileUploadedToCloud", "budget.xlsx"),
                ("FilePrinted", "proposal-v2.docx"),
            ]);
            let b = table(tables, "DataSecurityEvents");
            b.row(at);
            b.text("ApplicationNames", "[\"EXCEL.EXE\"]")
                .text("DeviceId", &device.id)
                .text("DeviceName", &device.name)
                .flag("IsManagedDevice", true)
                .text("AccountUpn", &user.upn)
                .text("AccountObjectId", &user.object_id)
                .text(
                    "Department",
                    super::directory::department_of(&user, owner).0,
                )
                .text("ActionType", action)
                .text("ObjectName", object)
                .text("ObjectType", "File")
                .long("ObjectSize", 40_000 + self.rng.below(900_000) as i64)
                .json(
                    "SensitiveInfoTypeInfo",
                    json!([{"SensitiveInfoTypeName": "Credit Card Number", "Count": 3}]),
                )
                .text("SensitivityLabelId", "defa4170-0d19-0005-0004-bc88714345d2")
                .text("Operation", action)
                .text("IPAddress", &device.ip)
                .long("DlpPolicyEnforcementMode", 1)
                .text(
                    "DlpPolicyMatchInfo",
                    "[{\"PolicyName\":\"Contoso financial data\"}]",
                );
            if i % 5 == 0 {
                let d = table(tables, "DataSecurityBehaviors");
                d.row(at);
                d.text("BehaviorId", &format!("ds{}", self.rng.hex(30)))
                    .text("ActionType", "SensitiveFileExfiltration")
                    .set("StartTime", Scalar::DateTime(at - HOUR))
                    .set("EndTime", Scalar::DateTime(at))
                    .text("Categories", "[\"Exfiltration\"]")
                    .text("ActionCategory", "Exfiltration")
                    .text("Description", "Sensitive files copied to a USB drive")
                    .text("ServiceSource", "Microsoft Purview Insider Risk Management")
                    .text("DetectionSource", "Insider Risk Management")
                    .long("ActivityCount", 1 + self.rng.below(12) as i64)
                    .flag("IsAnomalous", false)
                    .flag("IsContentHidden", false)
                    .text("AccountUpn", &user.upn)
                    .text("AccountEmail", &user.upn)
                    .text("Application", "Endpoint")
                    .json("DeviceInfo", json!({"DeviceName": device.name}));
            }
        }
    }

    pub fn agents(&mut self, tables: &mut Builders) {
        const AGENTS: &[(&str, &str, &str)] = &[
            (
                "HR Policy Helper",
                "Answers questions about Contoso's HR policies",
                "hr@contoso.com",
            ),
            (
                "IT Service Desk",
                "Opens tickets and resets MFA",
                "grady.vance@contoso.com",
            ),
        ];
        for (name, description, owner) in AGENTS {
            let id = self.rng.guid();
            let created = self.start - 60 * DAY;
            let b = table(tables, "AIAgentsInfo");
            b.row(self.end - DAY);
            b.text("AIAgentId", &id)
                .text("AIAgentName", name)
                .set("AgentCreationTime", Scalar::DateTime(created))
                .text("CreatorAccountUpn", owner)
                .text("OwnerAccountUpns", &format!("[\"{owner}\"]"))
                .text("LastModifiedByUpn", owner)
                .set("LastModifiedTime", Scalar::DateTime(self.start))
                .set("LastPublishedTime", Scalar::DateTime(self.start))
                .text("LastPublishedByUpn", owner)
                .text("AgentDescription", description)
                .text("AgentStatus", "Published")
                .text("UserAuthenticationType", "Microsoft")
                .text("AgentUsers", "[\"Contoso employees\"]")
                .text("Platform", "Copilot Studio");
            let a = table(tables, "AgentsInfo");
            a.row(self.end - DAY);
            a.text("AgentId", &id)
                .text("AgentName", name)
                .text("Platform", "Copilot Studio")
                .text("AgentDescription", description)
                .text("Version", "1.3")
                .text("PublishedStatus", "Published")
                .text("LifecycleStatus", "Active")
                .text("Availability", "Organization")
                .set("CreatedDateTime", Scalar::DateTime(created))
                .set("LastPublishedDateTime", Scalar::DateTime(self.start))
                .set("LastUpdatedDateTime", Scalar::DateTime(self.start))
                .json("Owners", json!([owner]))
                .long("InstanceCount", 1)
                .text("Model", "gpt-4o")
                .json("Channels", json!(["Teams"]));
        }
    }
}
