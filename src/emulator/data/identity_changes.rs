//! The identity team's month as Defender for Identity records it: a service account set so its
//! password never expires, the old backup appliance's computer account switched back to RC4
//! for compatibility, a new administrator added to Domain Admins, and the IT admin signing in
//! a conference-room device with a device code. Each is a change a hunter audits and can
//! explain; none belongs to the intrusion.

use serde_json::json;

use super::background::{table, Background, Builders, DAY, HOUR, MINUTE};
use super::directory::set_asker;
use super::world::DOMAIN;

impl Background<'_> {
    pub fn identity_changes(&mut self, tables: &mut Builders) {
        let admin = self.world.user("grady.vance").clone();
        let lab = self.world.device("lab-emul01").clone();
        let dc = self.world.device("dc-01").clone();
        let it_desk = self.world.workstation_of(
            self.world
                .users
                .iter()
                .position(|u| u.name == admin.name)
                .unwrap_or(0),
        );
        let (desk_name, desk_ip) = (it_desk.name.clone(), it_desk.ip.clone());
        let newcomer = self.world.users[self.world.users.len() / 2].clone();
        // (days before the end, action, target account, target display, fields).
        let changes = [
            (
                24,
                "Account Password Never Expires changed",
                format!("svc_sql@{DOMAIN}"),
                "SQL Service".to_owned(),
                json!({"FROM Account Password Never Expires": false, "TO Account Password Never Expires": true, "TARGET_OBJECT.USER": "SQL Service", "TargetAccountSid": "S-1-5-21-3623811015-3361044348-30300820-1190", "ACTOR.ACCOUNT": admin.display}),
            ),
            (
                17,
                "Account Supported Encryption Types changed",
                String::new(),
                "NAS-BACKUP01$".to_owned(),
                // The old backup appliance only speaks RC4; AES was switched off for it.
                json!({"FROM AccountSupportedEncryptionTypes": "AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96", "TO AccountSupportedEncryptionTypes": "RC4_HMAC_MD5", "TARGET_OBJECT.DEVICE": "NAS-BACKUP01", "ACTOR.DEVICE": desk_name, "ACTOR.ACCOUNT": admin.display}),
            ),
            (
                8,
                "Group Membership changed",
                newcomer.upn.clone(),
                newcomer.display.clone(),
                // A second administrator joins the IT team.
                json!({"TO.GROUP": "Domain Admins", "TARGET_OBJECT.USER": newcomer.display, "ACTOR.ACCOUNT": admin.display}),
            ),
        ];
        for (days, action, upn, display, fields) in changes {
            let report = self.next_report();
            let b = table(tables, "IdentityDirectoryEvents");
            b.row(self.end - days * DAY + 10 * HOUR + 12 * MINUTE);
            set_asker(b, &admin, &desk_name, &desk_ip);
            b.text("ActionType", action)
                .text("Application", "Active Directory")
                .text("TargetAccountUpn", &upn)
                .text("TargetAccountDisplayName", &display)
                .text(
                    "TargetDeviceName",
                    if upn.is_empty() { "NAS-BACKUP01" } else { "" },
                )
                .text("DestinationDeviceName", &dc.name)
                .text("DestinationIPAddress", &dc.ip)
                .text("Protocol", "Ldap")
                .long("ReportId", report)
                .json("AdditionalFields", fields);
        }
        // `az login --use-device-code` from the lab: Entra ID signs in a device code flow.
        for day in [20, 6, 1] {
            let report = self.next_report();
            let b = table(tables, "IdentityLogonEvents");
            b.row(self.end - day * DAY + 9 * HOUR + 40 * MINUTE);
            set_asker(b, &admin, &lab.name, super::signins::OFFICE_IP);
            b.text("ActionType", "LogonSuccess")
                .text("Application", "Microsoft Entra ID")
                .text("LogonType", "Cmsi:Cmsi")
                .text("Protocol", "")
                .text("Location", "US")
                .text("ISP", "Contoso Fiber")
                .long("ReportId", report)
                .json(
                    "AdditionalFields",
                    json!({"ARG.CLOUD_SERVICE": "Microsoft Azure CLI", "Request.ClientId": "04b07795-8ddb-461a-bbee-02f9e1bf7b46"}),
                );
        }
    }
}
