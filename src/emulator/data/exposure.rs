//! What the service concludes rather than records: behaviours it noticed (BehaviorInfo,
//! BehaviorEntities), attacks it disrupted (DisruptionAndResponseEvents), and the exposure
//! graph of assets and how an attacker could move between them.

use serde_json::json;

use super::background::{table, Background, Builders, HOUR};

/// (action, description, category, technique, source).
const BEHAVIORS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "ImpossibleTravelActivity",
        "Sign-ins from two places too far apart for the time between them",
        "InitialAccess",
        "T1078",
        "Microsoft Defender for Cloud Apps",
    ),
    (
        "MassDownload",
        "A user downloaded many files from SharePoint in a short time",
        "Collection",
        "T1530",
        "Microsoft Defender for Cloud Apps",
    ),
    (
        "UnusualVolumeOfFileDeletion",
        "A user deleted an unusual number of files",
        "Impact",
        "T1485",
        "Microsoft Defender for Cloud Apps",
    ),
];

impl Background<'_> {
    pub fn behaviors(&mut self, tables: &mut Builders, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let (action, description, category, technique, source) = *self.rng.pick(BEHAVIORS);
            let id = format!("ca{}", self.rng.hex(32));
            let b = table(tables, "BehaviorInfo");
            b.row(at);
            b.text("BehaviorId", &id)
                .text("ActionType", action)
                .text("Description", description)
                .text("Categories", &format!("[\"{category}\"]"))
                .text("AttackTechniques", &format!("[\"{technique}\"]"))
                .text("ServiceSource", source)
                .text("DetectionSource", "Cloud App Security")
                .text("DataSources", "[\"Microsoft Defender for Cloud Apps\"]")
                .text("DeviceId", &device.id)
                .text("AccountUpn", &user.upn)
                .text("AccountObjectId", &user.object_id)
                .set("StartTime", crate::engine::Scalar::DateTime(at - HOUR))
                .set("EndTime", crate::engine::Scalar::DateTime(at))
                .text("Title", description);
            for (entity, role) in [("User", "Impacted"), ("Ip", "Related")] {
                let e = table(tables, "BehaviorEntities");
                e.row(at);
                e.text("BehaviorId", &id)
                    .text("ActionType", action)
                    .text("Categories", &format!("[\"{category}\"]"))
                    .text("ServiceSource", source)
                    .text("DetectionSource", "Cloud App Security")
                    .text("DataSources", "[\"Microsoft Defender for Cloud Apps\"]")
                    .text("EntityType", entity)
                    .text("EntityRole", role);
                if entity == "User" {
                    e.text("AccountName", &user.name)
                        .text("AccountDomain", "contoso")
                        .text("AccountSid", &user.sid)
                        .text("AccountObjectId", &user.object_id)
                        .text("AccountUpn", &user.upn);
                } else {
                    e.text("RemoteIP", super::signins::OFFICE_IP);
                }
            }
        }
    }

    /// Automatic attack disruption contained a password spray from the internet once.
    pub fn disruption(&mut self, tables: &mut Builders) {
        let dc = self.world.device("dc-01").clone();
        let at = self.start + 9 * 24 * HOUR + 3 * HOUR;
        for (i, action) in [
            "ContainedUserLogonBlocked",
            "ContainedUserLogonBlocked",
            "PolicyUpdate",
        ]
        .iter()
        .enumerate()
        {
            let b = table(tables, "DisruptionAndResponseEvents");
            b.row(at + i as i64 * 60 * 10_000_000);
            b.text("ActionType", action)
                .text("DeviceId", &dc.id)
                .text("DeviceName", &dc.name)
                .text("TargetDeviceName", &dc.name)
                .text("TargetDomainName", super::world::DOMAIN)
                .text("DomainName", super::world::DOMAIN)
                .text("SourceUserName", "guest")
                .text("SourceUserDomainName", "CONTOSO")
                .text("SourceIPAddress", "45.141.87.12")
                .long("SourcePort", 52_311)
                .text("IPAddress", &dc.ip)
                .long("Port", 445)
                .text("AuthenticationProtocol", "Ntlm")
                .text("Service", "SMB")
                .long("CompromisedAccountCount", 0)
                .text("PolicyName", "Contain user")
                .json("DataSources", json!(["Microsoft Defender for Identity"]))
                .flag("IsPolicyOn", true)
                .text("ReportType", "Disruption");
        }
    }

    /// The exposure graph: people, their machines, and the paths between them.
    pub fn exposure_graph(&mut self, tables: &mut Builders) {
        let devices = self.world.devices.clone();
        let users = self.world.users.clone();
        for device in &devices {
            let b = table(tables, "ExposureGraphNodes");
            b.row(self.end);
            b.text("NodeId", &device.id)
                .text("NodeLabel", "device")
                .text("NodeName", &device.name)
                .json("Categories", json!(["device", "virtual_machine"]))
                .json("NodeProperties", json!({"rawData": {"osPlatformFriendlyName": device.os, "exposureScore": "Medium", "criticalityLevel": {"criticalityLevel": if device.is_server { 1 } else { 3 }}}}))
                .json("EntityIds", json!([{"type": "DeviceInventoryId", "id": device.id}]));
            if let Some(owner) = device.owner {
                let user = &users[owner];
                let e = table(tables, "ExposureGraphEdges");
                e.row(self.end);
                e.text("EdgeId", &self.rng.guid())
                    .text("EdgeLabel", "can authenticate to")
                    .text("SourceNodeId", &user.object_id)
                    .text("SourceNodeName", &user.display)
                    .text("SourceNodeLabel", "user")
                    .json("SourceNodeCategories", json!(["identity"]))
                    .text("TargetNodeId", &device.id)
                    .text("TargetNodeName", &device.name)
                    .text("TargetNodeLabel", "device")
                    .json("TargetNodeCategories", json!(["device"]))
                    .json("EdgeProperties", json!({"rawData": {}}));
            }
        }
        for user in &users {
            let b = table(tables, "ExposureGraphNodes");
            b.row(self.end);
            b.text("NodeId", &user.object_id)
                .text("NodeLabel", "user")
                .text("NodeName", &user.display)
                .json("Categories", json!(["identity"]))
                .json("NodeProperties", json!({"rawData": {"accountUpn": user.upn, "isSensitive": user.name.starts_with("svc_")}}))
                .json("EntityIds", json!([{"type": "AadObjectId", "id": user.object_id}]));
        }
    }
}
