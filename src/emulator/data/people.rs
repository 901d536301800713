//! Mail, sign-ins to the directory and the cloud, and the day-to-day alerts.

use super::activity::{set_device, set_report};
use super::background::Background;
use super::builder::TableBuilder;
use super::software::{SENDERS, SITES, SUBJECTS};
use super::world::DOMAIN;

impl Background<'_> {
    /// Mail, with its attachments and links; returns nothing but fills three tables.
    pub fn email(
        &mut self,
        events: &mut TableBuilder,
        attachments: &mut TableBuilder,
        urls: &mut TableBuilder,
        count: usize,
    ) {
        for _ in 0..count {
            let at = self.when();
            let recipient = self.rng.pick(&self.world.users).clone();
            let (sender, display) = *self.rng.pick(SENDERS);
            let spam = sender.ends_with(".biz");
            let id = self.rng.guid();
            let has_attachment = self.rng.chance(0.25);
            let has_url = self.rng.chance(0.5);
            let sender_domain = sender.split('@').nth(1).unwrap_or(DOMAIN);
            let inbound = !sender_domain.ends_with(DOMAIN);
            let subject = *self.rng.pick::<&str>(SUBJECTS);
            let report = self.next_report();
            events.row(at);
            events
                .text("NetworkMessageId", &id)
                .text("InternetMessageId", &format!("<{}@{sender_domain}>", self.rng.hex(16)))
                .text("SenderFromAddress", sender)
                .text("SenderMailFromAddress", sender)
                .text("SenderDisplayName", display)
                .text("SenderFromDomain", sender_domain)
                .text("SenderMailFromDomain", sender_domain)
                .text("SenderIPv4", &format!("40.92.{}.{}", self.rng.below(255), self.rng.below(255)))
                .text("RecipientEmailAddress", &recipient.upn)
                .text("RecipientObjectId", &recipient.object_id)
                .text("Subject", subject)
                // Messages of like content share a cluster: the same sender and subject.
                .long("EmailClusterId", cluster_id(sender, subject))
                .text("EmailDirection", if inbound { "Inbound" } else { "Intra-org" })
                .text("DeliveryAction", if spam { "Junked" } else { "Delivered" })
                .text("DeliveryLocation", if spam { "Junk folder" } else { "Inbox/folder" })
                .text("ThreatTypes", if spam { "Spam" } else { "" })
                .long("AttachmentCount", i64::from(has_attachment))
                .long("UrlCount", i64::from(has_url))
                .text("EmailLanguage", "en")
                .json("AuthenticationDetails", serde_json::json!({"SPF": "pass", "DKIM": "pass", "DMARC": "pass", "CompAuth": "pass"}));
            set_report(events, report);
            if has_attachment {
                let file =
                    *self
                        .rng
                        .pick(&["report.pdf", "agenda.docx", "figures.xlsx", "photo.png"]);
                let (_, sha256, _) = super::world::file_hashes(self.seed, file);
                attachments.row(at);
                attachments
                    .text("NetworkMessageId", &id)
                    .text("SenderFromAddress", sender)
                    .text("SenderDisplayName", display)
                    .text("RecipientEmailAddress", &recipient.upn)
                    .text("RecipientObjectId", &recipient.object_id)
                    .text("FileName", file)
                    .text("FileType", file.rsplit('.').next().unwrap_or(""))
                    .text("SHA256", &sha256)
                    .long("FileSize", 20_000 + self.rng.below(3_000_000) as i64);
                set_report(attachments, report);
            }
            if has_url {
                let (site, _) = *self.rng.pick(SITES);
                // The newsletter's links go through its click-tracking redirector.
                let (url, domain) = if sender.starts_with("newsletter@") {
                    let id = self.rng.hex(12);
                    (
                        format!("https://t.{sender_domain}/r/?id={id}&u=https%3A%2F%2F{site}%2F"),
                        format!("t.{sender_domain}"),
                    )
                } else {
                    (
                        format!("https://{site}/{}", self.rng.hex(8)),
                        site.to_owned(),
                    )
                };
                urls.row(at);
                urls.text("NetworkMessageId", &id)
                    .text("Url", &url)
                    .text("UrlDomain", &domain)
                    .text("UrlLocation", "Body");
                set_report(urls, report);
            }
        }
    }

    pub fn identity_logons(&mut self, b: &mut TableBuilder, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let cloud = self.rng.chance(0.4);
            let failed = self.rng.chance(0.05);
            let logon_type = if cloud {
                "Login:login"
            } else {
                *self.rng.pick(&[
                    "Resource access",
                    "Resource access",
                    "Interactive",
                    "Credentials validation",
                ])
            };
            let report = self.next_report();
            b.row(at);
            b.text(
                "ActionType",
                if failed {
                    "LogonFailed"
                } else {
                    "LogonSuccess"
                },
            )
            .text(
                "Application",
                if cloud {
                    "Microsoft 365"
                } else {
                    "Active Directory"
                },
            )
            .text("LogonType", logon_type)
            .text("Protocol", if cloud { "" } else { "Kerberos" })
            .text("AccountName", &user.name)
            .text("AccountDomain", DOMAIN)
            .text("AccountUpn", &user.upn)
            .text("AccountSid", &user.sid)
            .text("AccountObjectId", &user.object_id)
            .text("AccountDisplayName", &user.display)
            .text("DeviceName", &device.name)
            .text("IPAddress", &device.ip)
            .text(
                "DestinationDeviceName",
                if cloud { "" } else { "dc-01.contoso.com" },
            )
            .text("Location", if cloud { "US" } else { "" });
            if failed {
                b.text("FailureReason", "WrongPassword");
            }
            set_report(b, report);
        }
    }

    pub fn alerts(&mut self, info: &mut TableBuilder, evidence: &mut TableBuilder, count: usize) {
        const TITLES: &[(&str, &str, &str)] = &[
            ("Suspicious file dropped", "Execution", "Low"),
            (
                "Possible unwanted software detected",
                "Malware",
                "Informational",
            ),
            ("Anomalous scheduled task creation", "Persistence", "Low"),
            (
                "Email messages containing phish URLs removed after delivery",
                "InitialAccess",
                "Informational",
            ),
            ("Unusual sign-in activity", "SuspiciousActivity", "Low"),
        ];
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let (title, category, severity) = *self.rng.pick(TITLES);
            let id = format!("da{}", &self.rng.hex(36));
            info.row(at);
            info.text("AlertId", &id)
                .text("Title", title)
                .text("Category", category)
                .text("Severity", severity)
                .text("ServiceSource", "Microsoft Defender for Endpoint")
                .text("DetectionSource", "EDR");
            for entity in ["Machine", "User"] {
                evidence.row(at);
                evidence
                    .text("AlertId", &id)
                    .text("Title", title)
                    .text("Categories", &format!("[\"{category}\"]"))
                    .text("ServiceSource", "Microsoft Defender for Endpoint")
                    .text("DetectionSource", "EDR")
                    .text("EntityType", entity)
                    .text("EvidenceRole", "Impacted")
                    .text("Severity", severity);
                if entity == "Machine" {
                    set_device(evidence, &device);
                } else {
                    let user = &self.world.users[owner];
                    evidence
                        .text("AccountName", &user.name)
                        .text("AccountSid", &user.sid)
                        .text("AccountUpn", &user.upn)
                        .text("AccountDomain", "contoso");
                }
            }
        }
    }
}

/// A stable cluster number for mail of like content.
fn cluster_id(sender: &str, subject: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in sender.bytes().chain(subject.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (h >> 33) as i64
}
