//! Work in Microsoft 365 as Defender for Cloud Apps records it (CloudAppEvents): mail read
//! and sent, files shared, Teams chats, the IT team's admin changes; and the OAuth apps people
//! consented to (OAuthAppInfo).

use serde_json::json;

use super::background::{table, Background, Builders};
use super::signins::{BROWSERS, OFFICE_IP, TENANT_ID};
use super::world::User;

/// (application, application id, action, activity type, object type).
const ACTIVITIES: &[(&str, i64, &str, &str, &str)] = &[
    (
        "Microsoft Exchange Online",
        20893,
        "MailItemsAccessed",
        "Read",
        "Mailbox",
    ),
    (
        "Microsoft Exchange Online",
        20893,
        "MailItemsAccessed",
        "Read",
        "Mailbox",
    ),
    (
        "Microsoft Exchange Online",
        20893,
        "Send",
        "Send",
        "Message",
    ),
    (
        "Microsoft Exchange Online",
        20893,
        "MoveToDeletedItems",
        "Delete",
        "Message",
    ),
    (
        "Microsoft SharePoint Online",
        20892,
        "FileAccessed",
        "Read",
        "File",
    ),
    (
        "Microsoft SharePoint Online",
        20892,
        "FileDownloaded",
        "Download",
        "File",
    ),
    (
        "Microsoft SharePoint Online",
        20892,
        "FilePreviewed",
        "Read",
        "File",
    ),
    (
        "Microsoft SharePoint Online",
        20892,
        "FileUploaded",
        "Upload",
        "File",
    ),
    (
        "Microsoft OneDrive for Business",
        15600,
        "FileModified",
        "Edit",
        "File",
    ),
    ("Microsoft Teams", 11394, "MessageSent", "Send", "Message"),
    (
        "Microsoft Teams",
        11394,
        "ReactedToMessage",
        "Edit",
        "Message",
    ),
    (
        "Microsoft Teams",
        11394,
        "MeetingParticipantDetail",
        "Read",
        "Meeting",
    ),
];

/// What the IT team changes in the directory, now and then.
const ADMIN: &[(&str, &str)] = &[
    ("Add member to group.", "Finance-Share-RW"),
    ("Update user.", "Department"),
    ("Reset user password.", "Password"),
    ("Add user.", "New starter"),
];

/// One CloudAppEvents row with the columns every activity shares.
pub struct CloudActivity<'a> {
    pub at: i64,
    pub user: &'a User,
    pub app: (&'a str, i64),
    pub action: &'a str,
    pub activity: &'a str,
    pub object: (&'a str, &'a str),
    pub ip: &'a str,
    pub country: &'a str,
    pub isp: &'a str,
    pub agent: &'a str,
    pub admin: bool,
}

pub fn write_cloud_activity(tables: &mut Builders, a: &CloudActivity, report: i64) {
    write_cloud_activity_with(tables, a, report, json!({}));
}

/// The same row with the fields the workload adds to its audit record (`RawEventData`).
pub fn write_cloud_activity_with(
    tables: &mut Builders,
    a: &CloudActivity,
    report: i64,
    extra: serde_json::Value,
) {
    let mut raw = json!({
        "CreationTime": "", "Operation": a.action, "OrganizationId": TENANT_ID,
        "UserId": a.user.upn, "ClientIP": a.ip, "Workload": a.app.0,
        "ObjectId": a.object.1, "MailboxOwnerUPN": a.user.upn,
    });
    if let (Some(raw), serde_json::Value::Object(extra)) = (raw.as_object_mut(), extra) {
        raw.extend(extra);
    }
    let b = table(tables, "CloudAppEvents");
    b.row(a.at);
    b.text("ActionType", a.action)
        .text("Application", a.app.0)
        .long("ApplicationId", a.app.1)
        .long("AppInstanceId", 0)
        .text("AccountObjectId", &a.user.object_id)
        .text("AccountId", &a.user.object_id)
        .text("AccountDisplayName", &a.user.display)
        .flag("IsAdminOperation", a.admin)
        .text("DeviceType", "Desktop")
        .text("OSPlatform", "Windows 10")
        .text("IPAddress", a.ip)
        .flag("IsAnonymousProxy", false)
        .text("CountryCode", a.country)
        .text("City", if a.country == "US" { "Redmond" } else { "" })
        .text("Isp", a.isp)
        .text("UserAgent", a.agent)
        .text("ActivityType", a.activity)
        .json(
            "ActivityObjects",
            json!([{"Type": a.object.0, "Name": a.object.1}]),
        )
        .text("ObjectName", a.object.1)
        .text("ObjectType", a.object.0)
        .long("ReportId", report)
        .text("AccountType", if a.admin { "Admin" } else { "Regular" })
        .flag("IsExternalUser", false)
        .flag("IsImpersonated", false)
        .json("RawEventData", raw)
        .text("AuditSource", "Defender for Cloud Apps access control");
}

impl Background<'_> {
    pub fn cloud_activity(&mut self, tables: &mut Builders, count: usize) {
        let it = self.world.user("grady.vance").clone();
        for _ in 0..count {
            let at = self.when();
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let agent = self.rng.pick(&BROWSERS[..2]).0;
            let report = self.next_report();
            if self.rng.chance(0.03) {
                let (action, object) = *self.rng.pick(ADMIN);
                let activity = CloudActivity {
                    at,
                    user: &it,
                    app: ("Microsoft Entra ID", 12260),
                    action,
                    activity: "Edit",
                    object: ("User", object),
                    ip: OFFICE_IP,
                    country: "US",
                    isp: "Contoso Fiber",
                    agent,
                    admin: true,
                };
                write_cloud_activity(tables, &activity, report);
                continue;
            }
            let (app, id, action, activity, object) = *self.rng.pick(ACTIVITIES);
            let name = match object {
                "File" => *self.rng.pick(&[
                    "Q3-forecast.xlsx",
                    "budget.xlsx",
                    "proposal-v2.docx",
                    "architecture.pdf",
                ]),
                "Mailbox" => user.upn.as_str(),
                _ => "",
            }
            .to_owned();
            let activity = CloudActivity {
                at,
                user: &user,
                app: (app, id),
                action,
                activity,
                object: (object, &name),
                ip: OFFICE_IP,
                country: "US",
                isp: "Contoso Fiber",
                agent,
                admin: false,
            };
            // Teams records which reaction a person gave.
            let extra = if action == "ReactedToMessage" {
                json!({"MessageReactionType": *self.rng.pick(&["like", "like", "heart", "laugh", "surprised", "like"])})
            } else {
                json!({})
            };
            write_cloud_activity_with(tables, &activity, report, extra);
        }
    }

    /// The OAuth apps consented in the tenant, as the app governance inventory lists them.
    pub fn oauth_apps(&mut self, tables: &mut Builders) {
        const INVENTORY: &[(&str, &str, &str, i64, bool, &str)] = &[
            (
                "Contoso HR Sync",
                "5b1a0c4e-7d3f-4b8a-9e21-3c6f0d9a8b17",
                "High",
                0,
                true,
                "Internal",
            ),
            (
                "Veeam Backup for Microsoft 365",
                "2c8f6e1b-9a4d-4c37-b5e2-7f1a3d9c6e08",
                "High",
                0,
                true,
                "External",
            ),
            (
                "Zoom for Outlook",
                "0c1f8a3d-6b2e-4d97-8a15-e4f9c7b2d610",
                "Medium",
                41,
                false,
                "External",
            ),
            (
                "Grammarly",
                "7e4a2c9f-1d3b-4a86-b0c5-9f2e6d8a1b74",
                "Low",
                17,
                false,
                "External",
            ),
            (
                "PDF Converter Pro",
                "a93d5e71-2f4c-4b08-9d6a-1c8e3f7b5a20",
                "Medium",
                2,
                false,
                "External",
            ),
        ];
        let mut day = self.start;
        while day < self.end {
            for (name, id, privilege, users, admin, origin) in INVENTORY {
                let report = self.next_report();
                let b = table(tables, "OAuthAppInfo");
                b.row(day);
                b.long("ReportId", report)
                    .text("OAuthAppId", id)
                    .text("ServicePrincipalId", id)
                    .text("AppName", name)
                    .text("AppStatus", "Enabled")
                    .text("VerifiedPublisher", if *origin == "Internal" { "Contoso" } else { name.split(' ').next().unwrap_or("") })
                    .text("PrivilegeLevel", privilege)
                    .json("Permissions", json!([{"PermissionValue": if *privilege == "High" { "Mail.ReadWrite" } else { "User.Read" }, "TargetAppDisplayName": "Microsoft Graph", "PrivilegeLevel": privilege, "UsageStatus": "InUse"}]))
                    .long("ConsentedUsersCount", *users)
                    .flag("IsAdminConsented", *admin)
                    .text("AppOrigin", origin)
                    .text("AppOwnerTenantId", if *origin == "Internal" { TENANT_ID } else { "" })
                    .text("AssignedRoles", "[]");
            }
            day += super::background::DAY;
        }
    }
}
