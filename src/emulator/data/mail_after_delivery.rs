//! What happens to mail after it lands: links clicked (UrlClickEvents), messages moved or
//! purged (EmailPostDeliveryEvents), campaigns the service grouped (CampaignInfo), and
//! malware found in files at rest (FileMaliciousContentInfo).

use serde_json::json;

use super::background::{table, Background, Builders, DAY, MINUTE};
use super::signins::OFFICE_IP;
use super::software::SITES;
use crate::engine::Scalar;

impl Background<'_> {
    /// People clicking links in mail and Teams through Safe Links.
    pub fn link_clicks(&mut self, tables: &mut Builders, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let (site, _) = *self.rng.pick(SITES);
            let teams = self.rng.chance(0.2);
            let blocked = self.rng.chance(0.02);
            let report = self.next_report();
            let b = table(tables, "UrlClickEvents");
            b.row(at);
            b.text("Url", &format!("https://{site}/{}", self.rng.hex(8)))
                .text(
                    "ActionType",
                    if blocked {
                        "ClickBlocked"
                    } else {
                        "ClickAllowed"
                    },
                )
                .text("ThreatTypes", if blocked { "Phish" } else { "" })
                .text("AccountUpn", &user.upn)
                .text("Workload", if teams { "Teams" } else { "Email" })
                .text("NetworkMessageId", &self.rng.guid())
                .text("IPAddress", OFFICE_IP)
                .flag("IsClickedThrough", false)
                .text("UrlChain", &json!([format!("https://{site}/")]).to_string())
                .long("ReportId", report)
                .text("AppName", if teams { "Teams" } else { "Outlook" })
                .text("TenantId", super::signins::TENANT_ID);
        }
    }

    /// Spam the service moved after delivery, and a bulk mail campaign it grouped.
    pub fn mail_follow_up(&mut self, tables: &mut Builders, count: usize) {
        for i in 0..count {
            let at = self.when();
            let (_, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let id = self.rng.guid();
            let report = self.next_report();
            let zap = i % 3 != 0;
            let (threat, method) = match i % 5 {
                0 => ("Phish", "URL detonation reputation"),
                1 => ("Malware", "File detonation"),
                _ => ("Spam", "Spam"),
            };
            let b = table(tables, "EmailPostDeliveryEvents");
            b.row(at + 40 * MINUTE);
            b.text("NetworkMessageId", &id)
                .text(
                    "InternetMessageId",
                    &format!("<{}@cheap-deals-online.biz>", self.rng.hex(12)),
                )
                .text("Action", "Moved to junk folder")
                .text(
                    "ActionType",
                    if zap {
                        "Spam ZAP"
                    } else {
                        "Manual remediation"
                    },
                )
                .text(
                    "ActionTrigger",
                    if zap { "SpecialAction" } else { "AdminAction" },
                )
                .text("ActionResult", "Success")
                .text("RecipientEmailAddress", &user.upn)
                .text("DeliveryLocation", "Junk folder")
                .text("ThreatTypes", threat)
                .text(
                    "DetectionMethods",
                    &format!("{{\"{threat}\":[\"{method}\"]}}"),
                )
                .long("ReportId", report)
                .text("SenderFromAddress", "promo@cheap-deals-online.biz")
                .text("EmailDirection", "Inbound")
                .text("SourceLocation", "Inbox/folder");
            let campaign = table(tables, "CampaignInfo");
            campaign.row(at);
            campaign
                .text("CampaignName", "Best Deals bulk promotion")
                .text("CampaignId", "b3c1d9e2-5a74-4f08-8e63-2d1f7c9a4b50")
                .text("CampaignType", "Spam")
                .text("CampaignSubtype", "Bulk")
                .text("NetworkMessageId", &id)
                .text("RecipientEmailAddress", &user.upn)
                .long("ReportId", report);
        }
        // A file on SharePoint that the malware scan caught: an old macro sample in IT's archive.
        let b = table(tables, "FileMaliciousContentInfo");
        let at = self.start + 4 * DAY;
        b.row(at);
        b.text("Workload", "SharePoint")
            .text("FileName", "old-invoice-sample.xlsm")
            .text(
                "FolderPath",
                "https://contoso.sharepoint.com/sites/IT/Shared Documents/Samples",
            )
            .long("FileSize", 84_211)
            .text(
                "SHA256",
                &super::world::file_hashes(self.seed, "old-invoice-sample.xlsm").1,
            )
            .text("FileOwnerDisplayName", "Grady Vance")
            .text("FileOwnerUpn", "grady.vance@contoso.com")
            .text("DocumentId", &self.rng.guid())
            .json("ThreatTypes", json!(["Malware"]))
            .text("ThreatNames", "TrojanDownloader:O97M/Donoff")
            .text("DetectionMethods", "[\"Antimalware protection\"]")
            .text("LastModifyingAccountUpn", "grady.vance@contoso.com")
            .set("LastModifiedTime", Scalar::DateTime(at - 300 * DAY))
            .set("FileCreationTime", Scalar::DateTime(at - 300 * DAY))
            .long("ReportId", self.report);
    }

    /// Teams chats and calls: messages, their links, and the odd one the service pulled back.
    pub fn teams(&mut self, tables: &mut Builders, count: usize) {
        const SNIPPETS: &[&str] = &[
            "Can you look at the deck before 3?",
            "Lunch?",
            "Pushed the fix, please review",
            "Invoice approved",
            "Joining in 5",
        ];
        for i in 0..count {
            let at = self.when();
            let (_, owner) = self.workstation();
            let sender = self.world.users[owner].clone();
            let recipient = self.rng.pick(&self.world.users).clone();
            let (message, thread) = (
                format!("{}", 1_700_000_000_000u64 + self.rng.below(99_999_999)),
                format!("19:{}@thread.v2", self.rng.hex(24)),
            );
            let report = self.next_report();
            let snippet = *self.rng.pick(SNIPPETS);
            let recipients = json!([{"RecipientObjectId": recipient.object_id, "RecipientSmtpAddress": recipient.upn}]);
            let b = table(tables, "MessageEvents");
            b.row(at);
            b.text("TeamsMessageId", &message)
                .text("SenderEmailAddress", &sender.upn)
                .text("SenderDisplayName", &sender.display)
                .text("SenderObjectId", &sender.object_id)
                .text("SenderType", "User")
                .json("RecipientDetails", recipients.clone())
                .flag("IsOwnedThread", true)
                .text("MessageId", &message)
                .text("ThreadId", &thread)
                .text("ThreadSubtype", "Chat")
                .flag("IsExternalThread", false)
                .text("MessageFormatType", "Text")
                .text("DeliveryAction", "Delivered")
                .text("DeliveryLocation", "Chat")
                .long("ReportId", report);
            let c = table(tables, "MessageContents");
            c.row(at);
            c.text("TeamsMessageId", &message)
                .text("ThreadId", &thread)
                .text("MessageSnippet", snippet)
                .text("ThreadType", "Chat")
                .text("SenderEmailAddress", &sender.upn)
                .text("SenderObjectId", &sender.object_id);
            if i % 10 == 0 {
                let (site, _) = *self.rng.pick(SITES);
                let u = table(tables, "MessageUrlInfo");
                u.row(at);
                u.text("TeamsMessageId", &message)
                    .text("Url", &format!("https://{site}/"))
                    .text("UrlDomain", site)
                    .long("ReportId", report);
            }
            if i % 97 == 0 {
                let p = table(tables, "MessagePostDeliveryEvents");
                p.row(at + 20 * MINUTE);
                p.text("TeamsMessageId", &message)
                    .text("Action", "Blocked")
                    .text("ActionType", "Phish ZAP")
                    .text("ActionTrigger", "SpecialAction")
                    .text("ActionResult", "Success")
                    .text("SenderEmailAddress", &sender.upn)
                    .json("RecipientDetails", recipients)
                    .text("ThreatTypes", "Phish")
                    .text("DetectionMethods", "[\"URL detonation reputation\"]")
                    .text("LatestDeliveryLocation", "Blocked")
                    .long("ReportId", report)
                    .flag("IsExternalThread", false);
            }
            if i % 4 == 0 {
                let call = table(tables, "CallActivityEvents");
                call.row(at);
                call.set("ActivityTimestamp", Scalar::DateTime(at))
                    .text("CallId", &self.rng.guid())
                    .text("ActivityId", &self.rng.guid())
                    .text("ActivityInitiatorId", &sender.object_id)
                    .text("ActivityType", "CallStarted")
                    .text("ThreadId", &thread)
                    .text("ActivityInitiatorUpn", &sender.upn)
                    .text("ActivityInitiatorDisplayName", &sender.display)
                    .text("CallSchedulingType", "AdHoc")
                    .text("OriginatorUserDisplayName", &sender.display)
                    .text("OriginatorUpn", &sender.upn);
            }
        }
    }
}
