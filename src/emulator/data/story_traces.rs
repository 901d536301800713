//! The intrusion's traces beyond the endpoints: the phishing link she also clicked and the
//! attacker-in-the-middle sign-in it gave away, the mailbox read and the inbox rule that hides
//! replies, the directory reconnaissance from the beacon, the remote service on the file server,
//! and the unsigned files. `story.rs` tells the endpoint side; the README tells both.

use serde_json::json;

use super::background::{table, Builders};
use super::cloud_apps::{write_cloud_activity, CloudActivity};
use super::devices::unsigned;
use super::directory::set_asker;
use super::signins::{write_sign_in, SignIn, APPS};
use super::world::{Device, User};
use crate::results::datetime::TICKS_PER_SECOND;

const MINUTE: i64 = 60 * TICKS_PER_SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The attacker's phishing proxy, in the Netherlands.
pub const AITM_IP: &str = "193.29.57.114";
const AITM_AGENT: (&str, &str, &str) = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Chrome 120.0.0",
    "Linux",
);

/// Who and where the story happens.
pub struct Cast<'a> {
    pub victim: &'a User,
    pub admin: &'a User,
    pub workstation: &'a Device,
    pub server: &'a Device,
    pub dc: &'a Device,
    pub message: &'a str,
    pub phish_url: &'a str,
}

/// `start` is when the mail arrives; `beacon` when the beacon first runs; `moved` when the
/// attacker reaches the file server.
pub fn plant(tables: &mut Builders, cast: &Cast, seed: u64, start: i64, beacon: i64, moved: i64) {
    let mut report = 9_500_000;
    let mut next = || {
        report += 11;
        report
    };
    // She clicks the link too: Safe Links lets it through.
    let click = start + 17 * MINUTE;
    let b = table(tables, "UrlClickEvents");
    b.row(click);
    b.text("Url", cast.phish_url)
        .text("ActionType", "ClickAllowed")
        .text("AccountUpn", &cast.victim.upn)
        .text("Workload", "Email")
        .text("NetworkMessageId", cast.message)
        .text("IPAddress", super::signins::OFFICE_IP)
        .flag("IsClickedThrough", true)
        .text("UrlChain", &json!([cast.phish_url]).to_string())
        .long("ReportId", next())
        .text("AppName", "Outlook");
    // The page relays her sign-in; then the attacker replays her session from the proxy.
    for (at, app, session) in [
        (click + MINUTE, APPS[2], "7d1e4f0a-aitm-relay"),
        (click + 41 * MINUTE, APPS[0], "7d1e4f0a-aitm-relay"),
    ] {
        let sign_in = SignIn {
            at,
            user: cast.victim,
            app,
            error: 0,
            ip: AITM_IP,
            country: "NL",
            city: "Amsterdam",
            device: "",
            device_id: "",
            agent: AITM_AGENT,
            risk: "medium",
            session,
        };
        write_sign_in(
            tables,
            &sign_in,
            next(),
            "c0a1f3e2-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
        );
    }
    // With her session: read the mailbox, and hide replies about the invoice.
    for (i, (action, activity, object)) in [
        (
            "MailItemsAccessed",
            "Read",
            ("Mailbox", cast.victim.upn.as_str()),
        ),
        (
            "MailItemsAccessed",
            "Read",
            ("Mailbox", cast.victim.upn.as_str()),
        ),
        (
            "New-InboxRule",
            "Create",
            ("InboxRule", "Invoice follow-up"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let activity = CloudActivity {
            at: click + 45 * MINUTE + i as i64 * 3 * MINUTE,
            user: cast.victim,
            app: ("Microsoft Exchange Online", 20893),
            action,
            activity,
            object,
            ip: AITM_IP,
            country: "NL",
            isp: "Stark Industries Solutions",
            agent: AITM_AGENT.0,
            admin: false,
        };
        write_cloud_activity(tables, &activity, next());
    }
    // Days before, Defender for Identity had seen the path the attacker will take.
    let b = table(tables, "IdentityDirectoryEvents");
    b.row(start - 3 * DAY);
    set_asker(b, cast.admin, &cast.workstation.name, &cast.workstation.ip);
    b.text("ActionType", "Potential lateral movement path identified")
        .text("Application", "Active Directory")
        .long("ReportId", next())
        .json("AdditionalFields", json!({"ACTOR.ACCOUNT": cast.admin.name, "FROM.ACCOUNT": cast.victim.name, "TO.DEVICE": cast.server.name, "Reason": "svc_backup's credentials are cached on the workstation"}));
    // The beacon maps the domain: a burst of LDAP questions for privileged groups and accounts.
    const LDAP: &[(&str, &str)] = &[
        (
            "Domain Admins",
            "(&(objectCategory=group)(cn=Domain Admins))",
        ),
        (
            "Enterprise Admins",
            "(&(objectCategory=group)(cn=Enterprise Admins))",
        ),
        (
            "Backup Operators",
            "(&(objectCategory=group)(cn=Backup Operators))",
        ),
        (
            "Administrators",
            "(&(objectCategory=group)(cn=Administrators))",
        ),
        (
            "Account Operators",
            "(&(objectCategory=group)(cn=Account Operators))",
        ),
        ("", "(&(objectCategory=person)(admincount=1))"),
        ("", "(&(samAccountType=805306368)(servicePrincipalName=*))"),
        (
            "",
            "(&(objectCategory=person)(userAccountControl:1.2.840.113556.1.4.803:=4194304))",
        ),
        (
            "",
            "(&(objectCategory=person)(objectClass=user)(description=*pass*))",
        ),
        ("", "(&(objectCategory=computer)(operatingSystem=*Server*))"),
        ("", "(objectClass=trustedDomain)"),
        ("", "(objectClass=groupPolicyContainer)"),
    ];
    for (i, (target, filter)) in LDAP.iter().enumerate() {
        let b = table(tables, "IdentityQueryEvents");
        b.row(beacon + 25 * MINUTE + i as i64 * 4 * TICKS_PER_SECOND);
        set_asker(b, cast.victim, &cast.workstation.name, &cast.workstation.ip);
        b.text("ActionType", "LDAP query")
            .text("Application", "Active Directory")
            .text("QueryType", if target.is_empty() { "AllObjects" } else { "Group" })
            .text("QueryTarget", target)
            .text("Query", &format!("Search Scope: WholeSubtree, Base Object:DC=contoso,DC=com, Search Filter: {filter}"))
            .text("Protocol", "Ldap")
            .text("DestinationDeviceName", &cast.dc.name)
            .text("DestinationIPAddress", &cast.dc.ip)
            .long("DestinationPort", 389)
            .long("ReportId", next());
    }
    // On the file server: PsExec copies its service over SMB and installs it; then `net group`.
    let b = table(tables, "IdentityDirectoryEvents");
    b.row(moved + 20 * TICKS_PER_SECOND);
    set_asker(b, cast.admin, &cast.workstation.name, &cast.workstation.ip);
    b.text("ActionType", "SMB file copy")
        .text("Application", "Active Directory")
        .text("Protocol", "Smb")
        .text("DestinationDeviceName", &cast.server.name)
        .text("DestinationIPAddress", &cast.server.ip)
        .long("DestinationPort", 445)
        .long("ReportId", next())
        .json("AdditionalFields", json!({"FileName": "PSEXESVC.exe", "FilePath": r"ADMIN$\PSEXESVC.exe", "Count": 1, "Method": "Write"}));
    let b = table(tables, "IdentityDirectoryEvents");
    b.row(moved + 30 * TICKS_PER_SECOND);
    set_asker(b, cast.admin, &cast.workstation.name, &cast.workstation.ip);
    b.text("ActionType", "Service creation")
        .text("Application", "Active Directory")
        .text("TargetDeviceName", &cast.server.name)
        .text("DestinationDeviceName", &cast.server.name)
        .text("DestinationIPAddress", &cast.server.ip)
        .long("ReportId", next())
        .json(
            "AdditionalFields",
            json!({"ServiceName": "PSEXESVC", "ServiceCommand": r"%SystemRoot%\PSEXESVC.exe"}),
        );
    let b = table(tables, "IdentityQueryEvents");
    b.row(moved + MINUTE + 2 * TICKS_PER_SECOND);
    set_asker(b, cast.admin, &cast.server.name, &cast.server.ip);
    b.text("ActionType", "SAMR query")
        .text("Application", "Active Directory")
        .text("QueryType", "QueryGroup")
        .text("QueryTarget", "Domain Admins")
        .text("Query", "QueryGroup")
        .text("Protocol", "Samr")
        .text("DestinationDeviceName", &cast.dc.name)
        .text("DestinationIPAddress", &cast.dc.ip)
        .long("ReportId", next());
    // Neither the beacon nor the copy tool is signed.
    unsigned(
        tables,
        beacon,
        cast.workstation,
        seed,
        "synchost.exe",
        next(),
    );
    unsigned(
        tables,
        moved + 40 * MINUTE,
        cast.server,
        seed,
        "rclone.exe",
        next(),
    );
}
