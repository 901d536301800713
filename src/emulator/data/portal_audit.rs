//! What the security portals' own audit logs record in CloudAppEvents: the IT team tuning
//! Defender (a feature switched off for a test, a stale detection rule deleted, the lab machine
//! offboarded, roles edited), a leaver's account removed for good, Microsoft 365's own detections
//! of malware and phish, an assistant working in her manager's mailbox, the managed-service
//! partner's admin, and people asking Copilot. Ordinary weeks of a tenant a hunter audits.

use serde_json::{json, Value};

use super::background::{table, Background, Builders, DAY, HOUR, MINUTE};
use super::cloud_apps::{write_cloud_activity_with, CloudActivity};
use super::signins::{BROWSERS, OFFICE_IP, TENANT_ID};
use super::world::User;

const DEFENDER: (&str, i64) = ("Microsoft 365 Defender", 61_007);
const EXCHANGE: (&str, i64) = ("Microsoft Exchange Online", 20_893);
const SHAREPOINT: (&str, i64) = ("Microsoft SharePoint Online", 20_892);

/// (days before the end, action, object, the audit record's own fields).
fn portal_changes() -> Vec<(i64, &'static str, &'static str, Value)> {
    vec![
        (
            26,
            "SetAdvancedFeatures",
            "Allow or block file",
            // Switched off while the lab tested a block list, on again the next day.
            json!({"Workload": "MicrosoftDefenderForEndpoint", "SettingName": "AllowOrBlockFile", "SettingsNewValue": false, "SettingsOldValue": true}),
        ),
        (
            25,
            "SetAdvancedFeatures",
            "Allow or block file",
            json!({"Workload": "MicrosoftDefenderForEndpoint", "SettingName": "AllowOrBlockFile", "SettingsNewValue": true, "SettingsOldValue": false}),
        ),
        (
            21,
            "DeleteCustomDetection",
            "Legacy VPN brute force",
            json!({"Workload": "Microsoft365Defender", "RuleName": "Legacy VPN brute force", "Query": "IdentityLogonEvents | where ActionType == 'LogonFailed' | summarize count() by AccountUpn | where count_ > 50", "AlertDescription": "Many failed VPN logons for one account (replaced by the identity protection policy)"}),
        ),
        (
            18,
            "SensorDeleted",
            "dc-old01",
            // The old domain controller was decommissioned; its identity sensor goes with it.
            json!({"Workload": "MicrosoftDefenderForIdentity", "ResultDescription": "Sensor dc-old01 deleted"}),
        ),
        (
            12,
            "EditRole",
            "Tier 1 analysts",
            json!({"Workload": "MicrosoftDefenderForEndpoint", "RoleName": "Tier 1 analysts", "RolePermissions": "ViewData, AlertsInvestigation, LiveResponseBasic", "AssignedGroups": "SOC-Tier1"}),
        ),
        (
            12,
            "AddRole",
            "Detection engineers",
            json!({"Workload": "MicrosoftDefenderForEndpoint", "RoleName": "Detection engineers", "RolePermissions": "ViewData, ManageSecuritySettings, AdvancedHunting", "AssignedGroups": "SOC-Engineering"}),
        ),
        (
            9,
            "SentinelDisconnectWorkspace",
            "law-contoso-test",
            // The trial workspace is disconnected once the production one takes over.
            json!({"Workload": "Microsoft365Defender", "WorkspaceId": "5d1e7c2a-93b4-4f0e-8a61-2c7f0b9e4d13", "WorkspaceType": "Secondary", "Status": "Disconnected", "SubscriptionId": "b7e2c1d4-5a6f-4e3b-9c8d-0f1a2b3c4d5e", "ResourceGroup": "rg-sentinel-test"}),
        ),
        (
            1,
            "DownloadOffboardingPkg",
            "lab-emul01",
            // The lab machine is rebuilt after the emulation run.
            json!({"Workload": "MicrosoftDefenderForEndpoint", "OSPlatform": "Windows10", "DeviceName": "lab-emul01"}),
        ),
    ]
}

impl Background<'_> {
    pub fn portal_audit(&mut self, tables: &mut Builders) {
        let admin = self.world.user("grady.vance").clone();
        for (days, action, object, mut extra) in portal_changes() {
            let at = self.end - days * DAY + 10 * HOUR + self.rng.below(HOUR as u64) as i64;
            extra["UserId"] = json!(admin.upn);
            extra["ClientIP"] = json!(OFFICE_IP);
            self.audit(tables, at, &admin, DEFENDER, (action, object), extra);
        }
        // A leaver's account is removed for good thirty days after it was disabled.
        let leaver = self.world.users[self.world.users.len() / 3].clone();
        let at = self.end - 6 * DAY + 15 * HOUR;
        let entra = ("Microsoft Entra ID", 12_260);
        let gone = json!({"ObjectId": leaver.upn, "Workload": "AzureActiveDirectory"});
        self.audit(
            tables,
            at,
            &admin,
            entra,
            ("Hard Delete user.", "User"),
            gone,
        );
        self.service_detections(tables);
        self.delegates(tables);
        self.copilot(tables);
    }

    fn audit(
        &mut self,
        tables: &mut Builders,
        at: i64,
        user: &User,
        app: (&str, i64),
        (action, object): (&str, &str),
        extra: Value,
    ) {
        let report = self.next_report();
        let activity = CloudActivity {
            at,
            user,
            app,
            action,
            activity: "Edit",
            object: ("Setting", object),
            ip: OFFICE_IP,
            country: "US",
            isp: "Contoso Fiber",
            agent: BROWSERS[0].0,
            admin: true,
        };
        write_cloud_activity_with(tables, &activity, report, extra);
    }

    /// Microsoft 365's own protection: a macro document in a SharePoint library caught by the
    /// virus engine, a Safe Attachments detonation, a phish verdict on a delivered message.
    fn service_detections(&mut self, tables: &mut Builders) {
        for week in 0..4 {
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let at = self.end - (week * 7 + 2) * DAY + 11 * HOUR;
            let site = "https://contoso.sharepoint.com/sites/Finance";
            let record = json!({"SourceFileName": "invoice-0412.docm", "SiteUrl": site, "VirusVendor": "Microsoft", "VirusInfo": "TrojanDownloader:O97M/Donoff", "Workload": "SharePoint"});
            self.detection(tables, at, &user, SHAREPOINT, "FileMalwareDetected", record);
            let file = json!({"FileName": "invoice-0412.docm", "SHA256": self.rng.hex(64), "MalwareFamily": "Donoff"});
            let record = json!({"DetectionMethod": "File Detonation", "FileData": file, "EventDeepLink": format!("https://security.microsoft.com/emailentity?f=summary&startTime={week}"), "Workload": "ThreatIntelligence"});
            self.detection(tables, at + MINUTE, &user, EXCHANGE, "AtpDetection", record);
            let message = self.rng.guid();
            let record = json!({"Verdict": "Phish", "ThreatsAndDetectionTech": ["Phish: URL detonation reputation"], "PhishConfidenceLevel": "High", "NetworkMessageId": message, "EventDeepLink": "https://security.microsoft.com/emailentity", "Workload": "ThreatIntelligence"});
            self.detection(
                tables,
                at + 2 * MINUTE,
                &user,
                EXCHANGE,
                "TIMailData-Inline",
                record,
            );
        }
    }

    fn detection(
        &mut self,
        tables: &mut Builders,
        at: i64,
        user: &User,
        app: (&str, i64),
        action: &str,
        extra: Value,
    ) {
        let report = self.next_report();
        let activity = CloudActivity {
            at,
            user,
            app,
            action,
            activity: "Detect",
            object: ("File", "invoice-0412.docm"),
            ip: OFFICE_IP,
            country: "US",
            isp: "Microsoft",
            agent: "",
            admin: false,
        };
        write_cloud_activity_with(tables, &activity, report, extra);
    }

    /// An assistant reads and files her manager's mail (delegate access, recorded as
    /// impersonation); the managed-service partner's admin works in Exchange from its office.
    fn delegates(&mut self, tables: &mut Builders) {
        let users = &self.world.users;
        let (manager, assistant) = (users[1].clone(), users[2].clone());
        let mut partner = users[0].clone();
        partner.upn = "ops@fabrikam-msp.com".into();
        partner.display = "Fabrikam MSP Operations".into();
        partner.object_id = "8c2f4e1a-7b3d-4a6c-9e5f-1d0b2a3c4e5f".into();
        for day in 0..20 {
            let at = self.end - day * DAY - 14 * HOUR + self.rng.below(3 * HOUR as u64) as i64;
            let action = *self.rng.pick(&["MailItemsAccessed", "Move", "Send"]);
            let record =
                json!({"MailboxOwnerUPN": manager.upn, "UserId": assistant.upn, "LogonType": 1});
            let report = self.next_report();
            let activity = CloudActivity {
                at,
                user: &assistant,
                app: EXCHANGE,
                action,
                activity: "Edit",
                object: ("Mailbox", &manager.upn),
                ip: OFFICE_IP,
                country: "US",
                isp: "Contoso Fiber",
                agent: BROWSERS[0].0,
                admin: false,
            };
            write_cloud_activity_with(tables, &activity, report, record);
            table(tables, "CloudAppEvents").flag("IsImpersonated", true);
            if day % 4 == 0 {
                let action = *self.rng.pick(&["Set-Mailbox", "Add-MailboxPermission"]);
                let record = json!({"UserId": partner.upn, "ClientIP": "198.51.100.40"});
                let report = self.next_report();
                let activity = CloudActivity {
                    at: at + HOUR,
                    user: &partner,
                    app: EXCHANGE,
                    action,
                    activity: "Edit",
                    object: ("Mailbox", &manager.upn),
                    ip: "198.51.100.40",
                    country: "US",
                    isp: "Fabrikam Networks",
                    agent: BROWSERS[0].0,
                    admin: true,
                };
                write_cloud_activity_with(tables, &activity, report, record);
                table(tables, "CloudAppEvents").flag("IsExternalUser", true);
            }
        }
    }

    /// People asking Microsoft 365 Copilot, with the model that answered.
    fn copilot(&mut self, tables: &mut Builders) {
        for _ in 0..120 {
            let at = self.when();
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let app = *self.rng.pick(&["Word", "Outlook", "Teams", "BizChat"]);
            let model = *self.rng.pick(&["gpt-4o", "gpt-4o", "gpt-4.1", "o3-mini"]);
            let record = json!({"Workload": "Copilot", "AppHost": app, "CopilotEventData": {"AppHost": app, "ModelTransparencyDetails": [{"ModelName": model, "ModelProviderName": "Azure OpenAI"}]}, "OrganizationId": TENANT_ID});
            let report = self.next_report();
            let activity = CloudActivity {
                at,
                user: &user,
                app: ("Microsoft 365 Copilot", 33_190),
                action: "CopilotInteraction",
                activity: "Run",
                object: ("Prompt", app),
                ip: OFFICE_IP,
                country: "US",
                isp: "Contoso Fiber",
                agent: BROWSERS[0].0,
                admin: false,
            };
            write_cloud_activity_with(tables, &activity, report, record);
        }
    }
}
