//! Sign-ins to Microsoft Entra ID: people (AADSignInEventsBeta and its successor
//! EntraIdSignInEvents), apps and managed identities (the Spn tables), and what apps asked of
//! Microsoft Graph (GraphApiAuditEvents).

use serde_json::json;

use super::background::{table, Background, Builders};
use super::world::User;
use crate::engine::Scalar;
use crate::results::datetime::TICKS_PER_DAY;

pub const TENANT_ID: &str = "4f1c3b8e-2d7a-4e55-9c1e-8a0b6d2f7c31";
/// Where Contoso's offices reach the internet from.
pub const OFFICE_IP: &str = "203.0.113.24";

pub const BROWSERS: &[(&str, &str, &str)] = &[
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge 131.0.0", "Windows 10"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131.0.0", "Windows 10"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "Mobile Safari", "Ios"),
];

/// (application, application id, resource).
pub const APPS: &[(&str, &str, &str)] = &[
    (
        "Microsoft Office",
        "d3590ed6-52b3-4102-aeff-aad2292ab01c",
        "Office 365 Exchange Online",
    ),
    (
        "Microsoft Teams",
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        "Microsoft Teams Services",
    ),
    (
        "OfficeHome",
        "4765445b-32c6-49b0-83e6-1d93765276ca",
        "OfficeHome",
    ),
    (
        "Microsoft Edge",
        "ecd6b820-32c2-49b6-98a6-444530e5a77a",
        "Microsoft Graph",
    ),
    (
        "OneDrive SyncEngine",
        "ab9b8c07-8f02-4f72-87fa-80105867a763",
        "Office 365 SharePoint Online",
    ),
    (
        "Azure Portal",
        "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
        "Windows Azure Service Management API",
    ),
];

/// One person's sign-in, written to both the Beta table and its Entra ID successor.
pub struct SignIn<'a> {
    pub at: i64,
    pub user: &'a User,
    pub app: (&'a str, &'a str, &'a str),
    pub error: i64,
    pub ip: &'a str,
    pub country: &'a str,
    pub city: &'a str,
    pub device: &'a str,
    pub device_id: &'a str,
    pub agent: (&'a str, &'a str, &'a str),
    pub risk: &'a str,
    pub session: &'a str,
}

pub fn write_sign_in(tables: &mut Builders, s: &SignIn, report: i64, correlation: &str) {
    for name in ["AADSignInEventsBeta", "EntraIdSignInEvents"] {
        let b = table(tables, name);
        b.row(s.at);
        b.text("Application", s.app.0)
            .text("ApplicationId", s.app.1)
            .text("ResourceDisplayName", s.app.2)
            .text("LogonType", "[\"interactiveUser\"]")
            .long("ErrorCode", s.error)
            .text("CorrelationId", correlation)
            .text("SessionId", s.session)
            .text("AccountDisplayName", &s.user.display)
            .text("AccountObjectId", &s.user.object_id)
            .text("AccountUpn", &s.user.upn)
            .long("IsExternalUser", 0)
            .flag("IsGuestUser", false)
            .set(
                "LastPasswordChangeTimestamp",
                Scalar::DateTime(s.at - (20 + s.user.sid.len() as i64 % 9 * 20) * TICKS_PER_DAY),
            )
            .text("ResourceTenantId", TENANT_ID)
            .text("DeviceName", s.device)
            .text("AadDeviceId", s.device_id)
            .text("EntraIdDeviceId", s.device_id)
            .text("OSPlatform", s.agent.2)
            .text(
                "DeviceTrustType",
                if s.device_id.is_empty() {
                    ""
                } else {
                    "Hybrid Azure AD joined"
                },
            )
            .long("IsManaged", i64::from(!s.device_id.is_empty()))
            .long("IsCompliant", i64::from(!s.device_id.is_empty()))
            .text("AuthenticationRequirement", "singleFactorAuthentication")
            .long("TokenIssuerType", 0)
            .long("RiskLevelAggregated", if s.risk == "none" { 0 } else { 50 })
            .long("RiskState", if s.risk == "none" { 0 } else { 4 })
            .text("UserAgent", s.agent.0)
            .text("ClientAppUsed", "Browser")
            .text("Browser", s.agent.1)
            .long("ConditionalAccessStatus", 0)
            .text("IPAddress", s.ip)
            .text("Country", s.country)
            .text("City", s.city)
            .text("RequestId", correlation)
            .long("ReportId", report)
            .text("EndpointCall", "Login:login");
    }
}

impl Background<'_> {
    /// People signing in through the day from the office, and now and then from a phone.
    pub fn sign_ins(&mut self, tables: &mut Builders, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let phone = self.rng.chance(0.15);
            let agent = if phone {
                BROWSERS[2]
            } else {
                *self.rng.pick(&BROWSERS[..2])
            };
            let app = *self.rng.pick(APPS);
            let error = if self.rng.chance(0.04) { 50126 } else { 0 };
            let (session, correlation) = (self.rng.guid(), self.rng.guid());
            let report = self.next_report();
            let device_id = if phone {
                String::new()
            } else {
                device.id[..36].to_owned()
            };
            let sign_in = SignIn {
                at,
                user: &user,
                app,
                error,
                ip: if phone { "172.56.21.89" } else { OFFICE_IP },
                country: "US",
                city: "Redmond",
                device: if phone { "" } else { &device.name },
                device_id: &device_id,
                agent,
                risk: "none",
                session: &session,
            };
            write_sign_in(tables, &sign_in, report, &correlation);
        }
    }

    /// Apps that sign in as themselves: the backup agent, the HR sync, the web app's identity.
    pub fn app_sign_ins(&mut self, tables: &mut Builders, count: usize) {
        const SPNS: &[(&str, &str, bool, &str)] = &[
            (
                "Contoso HR Sync",
                "5b1a0c4e-7d3f-4b8a-9e21-3c6f0d9a8b17",
                false,
                "Microsoft Graph",
            ),
            (
                "contoso-web-prod",
                "9e3d7a21-4c5b-4f8e-a1d6-2b7c8e0f4a93",
                true,
                "Azure Key Vault",
            ),
            (
                "Veeam Backup for Microsoft 365",
                "2c8f6e1b-9a4d-4c37-b5e2-7f1a3d9c6e08",
                false,
                "Office 365 Exchange Online",
            ),
        ];
        for _ in 0..count {
            let at = self.when();
            let (name, id, managed, resource) = *self.rng.pick(SPNS);
            let correlation = self.rng.guid();
            let report = self.next_report();
            for table_name in ["AADSpnSignInEventsBeta", "EntraIdSpnSignInEvents"] {
                let b = table(tables, table_name);
                b.row(at);
                b.text("Application", name)
                    .text("ApplicationId", id)
                    .flag("IsManagedIdentity", managed)
                    .long("ErrorCode", 0)
                    .text("CorrelationId", &correlation)
                    .text("ServicePrincipalName", name)
                    .text("ServicePrincipalId", id)
                    .text("ResourceDisplayName", resource)
                    .text("ResourceTenantId", TENANT_ID)
                    .text("IPAddress", if managed { "20.42.65.93" } else { OFFICE_IP })
                    .text("Country", "US")
                    .text("City", if managed { "Boydton" } else { "Redmond" })
                    .text("RequestId", &correlation)
                    .long("ReportId", report);
            }
            if name == "Contoso HR Sync" {
                let b = table(tables, "GraphApiAuditEvents");
                b.row(at + 10_000_000);
                b.text("ApplicationId", id)
                    .text("ServicePrincipalId", id)
                    .text("IPAddress", OFFICE_IP)
                    .text("ClientRequestId", &correlation)
                    .text("EntityType", "user")
                    .text(
                        "RequestUri",
                        "https://graph.microsoft.com/v1.0/users?$select=department,jobTitle",
                    )
                    .text("RequestMethod", "GET")
                    .long("ResponseStatusCode", 200)
                    .text("Scopes", "User.Read.All")
                    .text("TargetWorkload", "Microsoft Graph")
                    .text("ApiVersion", "v1.0")
                    .text("IdentityProvider", "AzureAD")
                    .text("Location", "westus2")
                    .text("RequestId", &correlation)
                    .text("OperationId", &correlation)
                    .long("RequestDuration", 180 + self.rng.below(300) as i64)
                    .long("ResponseSize", 20_000 + self.rng.below(80_000) as i64)
                    .json("AdditionalFields", json!({}));
            }
        }
    }

    /// The partner portal signs people in through Okta; its events land in IdentityEvents.
    pub fn partner_portal(&mut self, tables: &mut Builders, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let failed = self.rng.chance(0.05);
            let report = self.next_report();
            let b = table(tables, "IdentityEvents");
            b.row(at);
            b.long("ReportId", report)
                .text("AccountId", &user.object_id)
                .text("AccountType", "User")
                .text("AccountDisplayName", &user.display)
                .text("AccountUpn", &user.upn)
                .text("ActionType", "user.session.start")
                .text("ActionResult", if failed { "FAILURE" } else { "SUCCESS" })
                .text(
                    "ActionFailureReason",
                    if failed { "INVALID_CREDENTIALS" } else { "" },
                )
                .text("IPAddress", OFFICE_IP)
                .text("UserAgent", BROWSERS[0].0)
                .json(
                    "TargetObjects",
                    json!([{"type": "AppInstance", "displayName": "Contoso Partner Portal"}]),
                )
                .text("Application", "Okta")
                .text("ApplicationInstanceId", "0oa1contoso2partner3")
                .text("ApplicationEventId", &self.rng.guid())
                .text("ApplicationSessionId", &self.rng.guid());
        }
    }
}
