//! SmartScreen warnings people click through: a free PDF converter flagged as malicious that a
//! user ran anyway, and a look-alike download site opened despite the warning. The warning and
//! the override share an activity id, which is how a hunter pairs them. And the connections
//! network protection blocks outright.

use serde_json::json;

use super::activity::{set_device, set_file, set_initiating, Proc};
use super::background::{table, Background, Builders, DAY, HOUR};
use crate::results::datetime::TICKS_PER_SECOND;

impl Background<'_> {
    pub fn smartscreen(&mut self, tables: &mut Builders) {
        for (days, app) in [(5, true), (3, false), (1, true)] {
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let at = self.end - days * DAY - 13 * HOUR;
            let activity = self.rng.guid();
            let edge = Proc {
                file: "msedge.exe".into(),
                folder: r"C:\Program Files (x86)\Microsoft\Edge\Application".into(),
                command: r#""C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe""#.into(),
                pid: 6_100 + days,
                created: at - HOUR,
                account: user.clone(),
                integrity: "Medium",
                parent_file: "explorer.exe".into(),
                parent_pid: 4_100,
            };
            let downloads = format!(r"C:\Users\{}\Downloads", user.name);
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at);
            set_device(b, &device);
            set_initiating(b, self.seed, &edge);
            if app {
                set_file(
                    b,
                    self.seed,
                    "SmartScreenAppWarning",
                    &downloads,
                    "PDFConverterSetup.exe",
                    3_145_728,
                );
                b.json(
                    "AdditionalFields",
                    json!({"Experience": "Malicious", "ActivityId": activity}),
                );
            } else {
                b.text("ActionType", "SmartScreenUrlWarning")
                    .text("RemoteUrl", "https://free-pdf-converter.download/setup")
                    .json("AdditionalFields", json!({"Experience": "Phishing", "Recommendation": "Block", "ActivityId": activity}));
            }
            b.long("ReportId", report);
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at + 9 * TICKS_PER_SECOND);
            set_device(b, &device);
            set_initiating(b, self.seed, &edge);
            b.text("ActionType", "SmartScreenUserOverride")
                .json("AdditionalFields", json!({"ActivityId": activity}))
                .long("ReportId", report);
        }
        // Network protection stops a few connections a week to sites Microsoft knows are bad.
        for week in 0..4 {
            let (device, owner) = self.workstation();
            let at = self.end - week * 7 * DAY - DAY - 10 * HOUR;
            let browser = Proc {
                file: "chrome.exe".into(),
                folder: r"C:\Program Files\Google\Chrome\Application".into(),
                command: r#""C:\Program Files\Google\Chrome\Application\chrome.exe""#.into(),
                pid: 6_400 + week,
                created: at - HOUR,
                account: self.world.users[owner].clone(),
                integrity: "Medium",
                parent_file: "explorer.exe".into(),
                parent_pid: 4_100,
            };
            let (url, category) = [
                ("login-microsoftonline.support", "Phishing"),
                ("free-pdf-converter.download", "Malicious"),
            ][week as usize % 2];
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at);
            set_device(b, &device);
            set_initiating(b, self.seed, &browser);
            b.text("ActionType", "ExploitGuardNetworkProtectionBlocked")
                .text("RemoteUrl", url)
                .json("AdditionalFields", json!({"ResponseCategory": category, "DisplayName": format!("{category} site"), "IsAudit": false}))
                .long("ReportId", report);
        }
    }
}
