//! The directory as Defender for Identity sees it: who the people are (IdentityInfo,
//! IdentityAccountInfo), what the domain controllers were asked (IdentityQueryEvents) and what
//! changed in Active Directory (IdentityDirectoryEvents).

use serde_json::json;

use super::background::{table, Background, Builders};
use super::builder::TableBuilder;
use super::world::{User, DOMAIN};
use crate::results::datetime::TICKS_PER_DAY;

const DEPARTMENTS: &[(&str, &str)] = &[
    ("Sales", "Account Manager"),
    ("Engineering", "Software Engineer"),
    ("Marketing", "Marketing Specialist"),
    ("Finance", "Financial Analyst"),
    ("Operations", "Operations Coordinator"),
    ("HR", "HR Partner"),
    ("IT", "Systems Administrator"),
    ("Legal", "Counsel"),
];

/// A person's department and job title, the same on every run.
pub fn department_of(user: &User, index: usize) -> (&'static str, &'static str) {
    match user.name.as_str() {
        "megan.bowen" => ("Finance", "Accounts Payable Lead"),
        n if n.starts_with("svc_") => ("IT", "Service Account"),
        _ => DEPARTMENTS[index % DEPARTMENTS.len()],
    }
}

/// Groups that matter to an attacker, with who sits in them.
fn groups_of(user: &User, department: &str) -> Vec<&'static str> {
    let mut groups = vec!["Domain Users"];
    if department == "IT" {
        groups.push("Helpdesk");
    }
    if user.name == "svc_backup" {
        groups.extend(["Backup Operators", "Server Operators"]);
    }
    groups
}

impl Background<'_> {
    /// One IdentityInfo and one IdentityAccountInfo row per person, refreshed weekly.
    pub fn people(&mut self, tables: &mut Builders) {
        let users = self.world.users.clone();
        let mut day = self.start;
        while day < self.end {
            for (i, user) in users.iter().enumerate() {
                let (department, title) = department_of(user, i);
                let (given, surname) = user.display.split_once(' ').unwrap_or((&user.display, ""));
                let service = user.name.starts_with("svc_");
                let groups = groups_of(user, department);
                let sensitive = groups.contains(&"Backup Operators");
                let at = day + self.rng.below(6 * 3_600) as i64 * 10_000_000;
                let report = self.next_report();
                let info = table(tables, "IdentityInfo");
                info.row(at);
                info.long("ReportId", report)
                    .text("AccountObjectId", &user.object_id)
                    .text("AccountUpn", &user.upn)
                    .text("OnPremSid", &user.sid)
                    .text("AccountDisplayName", &user.display)
                    .text("AccountName", &user.name)
                    .text("AccountDomain", DOMAIN)
                    .long("CriticalityLevel", if sensitive { 4 } else { 0 })
                    .text("Type", if service { "ServiceAccount" } else { "User" })
                    .text(
                        "DistinguishedName",
                        &format!("CN={},OU={department},DC=contoso,DC=com", user.display),
                    )
                    .text("GivenName", given)
                    .text("Surname", surname)
                    .text("Department", department)
                    .text("JobTitle", title)
                    .text("EmailAddress", &user.upn)
                    .text("City", if i % 3 == 0 { "Seattle" } else { "Redmond" })
                    .text("Country", "US")
                    .flag("IsAccountEnabled", true)
                    .text("CompanyName", "Contoso")
                    .text("RiskLevel", "Low")
                    .text("TenantId", super::signins::TENANT_ID)
                    .text("SourceProvider", "ActiveDirectory")
                    .json(
                        "Tags",
                        json!(if sensitive { vec!["Sensitive"] } else { vec![] }),
                    )
                    .json("GroupMembership", json!(groups))
                    .json(
                        "AssignedRoles",
                        json!(if department == "IT" && !service {
                            vec!["Helpdesk Administrator"]
                        } else {
                            vec![]
                        }),
                    )
                    .json(
                        "SourceProviders",
                        json!(["ActiveDirectory", "AzureActiveDirectory"]),
                    )
                    .set(
                        "CreatedDateTime",
                        crate::engine::Scalar::DateTime(
                            self.start - (400 + i as i64) * TICKS_PER_DAY,
                        ),
                    );
                let account = table(tables, "IdentityAccountInfo");
                account.row(at);
                account
                    .long("ReportId", report)
                    .text("AccountId", &user.object_id)
                    .text("SourceProviderAccountId", &user.sid)
                    .text("IdentityId", &user.object_id)
                    .flag("IsPrimary", true)
                    .text("DisplayName", &user.display)
                    .text("AccountUpn", &user.upn)
                    .text("EmailAddress", &user.upn)
                    .long("CriticalityLevel", if sensitive { 4 } else { 0 })
                    .text("Type", if service { "ServiceAccount" } else { "User" })
                    .text("GivenName", given)
                    .text("Surname", surname)
                    .text("Department", department)
                    .text("JobTitle", title)
                    .text("Sid", &user.sid)
                    .text("AccountStatus", "Enabled")
                    .text("SourceProvider", "ActiveDirectory")
                    .text("TenantId", super::signins::TENANT_ID)
                    .json("GroupMembership", json!(groups));
            }
            day += 7 * TICKS_PER_DAY;
        }
    }

    /// What the workstations ask the domain controllers: names, group policies, groups.
    pub fn directory_queries(&mut self, b: &mut TableBuilder, count: usize) {
        const ASKS: &[(&str, &str, &str, &str)] = &[
            ("DNS query", "A", "Dns", "outlook.office365.com"),
            ("DNS query", "A", "Dns", "contoso.sharepoint.com"),
            ("DNS query", "A", "Dns", "srv-fs01.contoso.com"),
            ("DNS query", "A", "Dns", "api.east.contoso-partners.com"),
            ("LDAP query", "AllGroupPolicies", "Ldap", "Search Scope: WholeSubtree, Base Object:CN=Policies,CN=System,DC=contoso,DC=com, Search Filter: (objectClass=groupPolicyContainer)"),
            ("LDAP query", "AllComputers", "Ldap", "Search Scope: WholeSubtree, Base Object:DC=contoso,DC=com, Search Filter: (&(objectCategory=computer)(operatingSystem=Windows*))"),
            ("SAMR query", "QueryUser", "Samr", "Domain Users"),
        ];
        let dc = self.world.device("dc-01").clone();
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let (action, kind, protocol, target) = *self.rng.pick(ASKS);
            let (query, target) = match protocol {
                "Ldap" => (
                    target,
                    target.rsplit("Search Filter: ").next().unwrap_or(""),
                ),
                _ => (target, target),
            };
            let report = self.next_report();
            b.row(at);
            set_asker(b, &user, &device.name, &device.ip);
            b.text("ActionType", action)
                .text("Application", "Active Directory")
                .text("QueryType", kind)
                .text("QueryTarget", target)
                .text("Query", query)
                .text("Protocol", protocol)
                .text("DestinationDeviceName", &dc.name)
                .text("DestinationIPAddress", &dc.ip)
                .long("DestinationPort", if protocol == "Dns" { 53 } else { 389 })
                .long("ReportId", report);
        }
    }

    /// Changes in Active Directory: password changes, group changes, unlocks.
    pub fn directory_changes(&mut self, b: &mut TableBuilder, count: usize) {
        let dc = self.world.device("dc-01").clone();
        let helpdesk = self.world.user("grady.vance").clone();
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let action = *self.rng.pick(&[
                "Account Password changed",
                "Account Password changed",
                "Account Unlocked",
                "Group Membership changed",
                "SMB session",
            ]);
            let report = self.next_report();
            b.row(at);
            set_asker(b, &user, &device.name, &device.ip);
            b.text("ActionType", action)
                .text("Application", "Active Directory")
                .text("TargetAccountUpn", &user.upn)
                .text("TargetAccountDisplayName", &user.display)
                .text("DestinationDeviceName", &dc.name)
                .text("DestinationIPAddress", &dc.ip)
                .long("ReportId", report);
            match action {
                "Group Membership changed" => {
                    let group = *self
                        .rng
                        .pick(&["Finance-Share-RW", "VPN Users", "Sales Team"]);
                    b.json("AdditionalFields", json!({"TO.GROUP": group, "TARGET_OBJECT.USER": user.display, "ACTOR.ACCOUNT": helpdesk.display}));
                }
                "SMB session" => {
                    b.text("Protocol", "Smb").long("DestinationPort", 445);
                }
                _ => {
                    b.json(
                        "AdditionalFields",
                        json!({"TARGET_OBJECT.USER": user.display, "TargetAccountSid": user.sid}),
                    );
                }
            }
        }
    }
}

/// Who asked, from where: the account and the device columns the identity tables share.
pub fn set_asker(b: &mut TableBuilder, user: &User, device: &str, ip: &str) {
    b.text("AccountName", &user.name)
        .text("AccountDomain", DOMAIN)
        .text("AccountUpn", &user.upn)
        .text("AccountSid", &user.sid)
        .text("AccountObjectId", &user.object_id)
        .text("AccountDisplayName", &user.display)
        .text("DeviceName", device)
        .text("IPAddress", ip);
}
