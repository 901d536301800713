//! Ordinary days at Contoso: people browse, mail, open documents, log on; machines update,
//! scan and talk to Microsoft. The noise a hunter must see through.

use std::collections::HashMap;

use super::activity::{set_created, set_device, set_file, set_initiating, set_report, Proc};
use super::builder::TableBuilder;
use super::rng::Rng;
use super::world::{Device, World, DOMAIN};
use crate::results::datetime::TICKS_PER_SECOND;

const MINUTE: i64 = 60 * TICKS_PER_SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Desktop programs: (file, folder, typical command line, parent).
const APPS: &[(&str, &str, &str, &str)] = &[
    (
        "chrome.exe",
        r"C:\Program Files\Google\Chrome\Application",
        r#""chrome.exe" --type=renderer --lang=en-US"#,
        "explorer.exe",
    ),
    (
        "msedge.exe",
        r"C:\Program Files (x86)\Microsoft\Edge\Application",
        r#""msedge.exe" --single-argument"#,
        "explorer.exe",
    ),
    (
        "OUTLOOK.EXE",
        r"C:\Program Files\Microsoft Office\root\Office16",
        r#""OUTLOOK.EXE""#,
        "explorer.exe",
    ),
    (
        "ms-teams.exe",
        r"C:\Program Files\WindowsApps\MSTeams_24215.1007.3082.1590_x64__8wekyb3d8bbwe",
        "ms-teams.exe",
        "explorer.exe",
    ),
    (
        "WINWORD.EXE",
        r"C:\Program Files\Microsoft Office\root\Office16",
        r#""WINWORD.EXE" /n"#,
        "explorer.exe",
    ),
    (
        "EXCEL.EXE",
        r"C:\Program Files\Microsoft Office\root\Office16",
        r#""EXCEL.EXE""#,
        "explorer.exe",
    ),
    (
        "OneDrive.exe",
        r"C:\Program Files\Microsoft OneDrive",
        r#""OneDrive.exe" /background"#,
        "explorer.exe",
    ),
    (
        "notepad.exe",
        r"C:\Windows\System32",
        "notepad.exe",
        "explorer.exe",
    ),
    (
        "cmd.exe",
        r"C:\Windows\System32",
        r#"cmd.exe /c "ipconfig /all""#,
        "explorer.exe",
    ),
    (
        "powershell.exe",
        r"C:\Windows\System32\WindowsPowerShell\v1.0",
        "powershell.exe -NoProfile -Command Get-Service",
        "explorer.exe",
    ),
    (
        "Code.exe",
        r"C:\Users\Public\AppData\Local\Programs\Microsoft VS Code",
        r#""Code.exe" --unity-launch"#,
        "explorer.exe",
    ),
    (
        "git.exe",
        r"C:\Program Files\Git\cmd",
        "git.exe fetch --prune origin",
        "Code.exe",
    ),
];

/// System work: (file, folder, command line, parent).
const SYSTEM: &[(&str, &str, &str, &str)] = &[
    (
        "svchost.exe",
        r"C:\Windows\System32",
        "svchost.exe -k netsvcs -p -s Schedule",
        "services.exe",
    ),
    (
        "svchost.exe",
        r"C:\Windows\System32",
        "svchost.exe -k NetworkService -p -s Dnscache",
        "services.exe",
    ),
    (
        "MsMpEng.exe",
        r"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24090.11-0",
        "MsMpEng.exe",
        "services.exe",
    ),
    (
        "MpCmdRun.exe",
        r"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24090.11-0",
        "MpCmdRun.exe -IdleTask -TaskName WdCacheMaintenance",
        "svchost.exe",
    ),
    (
        "taskhostw.exe",
        r"C:\Windows\System32",
        "taskhostw.exe",
        "svchost.exe",
    ),
    (
        "TiWorker.exe",
        r"C:\Windows\WinSxS\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.3720_none",
        "TiWorker.exe -Embedding",
        "svchost.exe",
    ),
    (
        "wuauclt.exe",
        r"C:\Windows\System32",
        "wuauclt.exe /RunHandlerComServer",
        "svchost.exe",
    ),
    (
        "conhost.exe",
        r"C:\Windows\System32",
        r"\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1",
        "cmd.exe",
    ),
    (
        "SearchProtocolHost.exe",
        r"C:\Windows\System32",
        "SearchProtocolHost.exe Global\\UsGthrFltPipeMssGthrPipe1",
        "SearchIndexer.exe",
    ),
    (
        "gpupdate.exe",
        r"C:\Windows\System32",
        "gpupdate.exe /target:computer",
        "svchost.exe",
    ),
];

const SITES: &[(&str, &str)] = &[
    ("www.bing.com", "204.79.197.200"),
    ("outlook.office365.com", "52.96.88.130"),
    ("login.microsoftonline.com", "20.190.151.7"),
    ("teams.microsoft.com", "52.113.194.132"),
    ("contoso.sharepoint.com", "13.107.136.9"),
    ("www.google.com", "142.250.185.68"),
    ("github.com", "140.82.121.4"),
    ("update.googleapis.com", "142.250.186.35"),
    ("www.linkedin.com", "13.107.42.14"),
    ("docs.contoso-partners.com", "91.198.174.192"),
    ("news.ycombinator.com", "209.216.230.207"),
    ("settings-win.data.microsoft.com", "20.42.73.29"),
];

const SENDERS: &[(&str, &str)] = &[
    ("newsletter@fabrikam.com", "Fabrikam Weekly"),
    ("orders@northwindtraders.com", "Northwind Orders"),
    ("noreply@contoso.sharepoint.com", "SharePoint Online"),
    ("hr@contoso.com", "Contoso HR"),
    ("it-support@contoso.com", "IT Support"),
    ("sales@adventure-works.com", "Adventure Works Sales"),
    ("promo@cheap-deals-online.biz", "Best Deals"),
];

const SUBJECTS: &[&str] = &[
    "Weekly sync notes",
    "Q3 planning deck",
    "Your order has shipped",
    "Invoice for October",
    "Team lunch on Friday",
    "Updated travel policy",
    "Reminder: timesheets due",
    "Document shared with you",
    "Password expiry notice",
    "Customer escalation follow-up",
];

pub struct Background<'w> {
    pub world: &'w World,
    pub rng: Rng,
    pub seed: u64,
    pub start: i64,
    pub end: i64,
    pub report: i64,
}

impl Background<'_> {
    fn when(&mut self) -> i64 {
        // Working hours are busier: redraw nights and weekends half of the time.
        let span = (self.end - self.start).max(1) as u64;
        let mut t = self.start + self.rng.below(span) as i64;
        let hour = (t.rem_euclid(DAY)) / HOUR;
        if !(7..19).contains(&hour) && self.rng.chance(0.6) {
            t = self.start + self.rng.below(span) as i64;
        }
        t
    }

    fn next_report(&mut self) -> i64 {
        self.report += 1 + self.rng.below(40) as i64;
        self.report
    }

    fn workstation(&mut self) -> (Device, usize) {
        let workstations: Vec<&Device> =
            self.world.devices.iter().filter(|d| !d.is_server).collect();
        let d = (*self.rng.pick(&workstations)).clone();
        let owner = d.owner.unwrap_or(0);
        (d, owner)
    }

    fn any_device(&mut self) -> Device {
        self.rng.pick(&self.world.devices).clone()
    }

    fn app(&mut self, owner: usize, at: i64) -> Proc {
        let (file, folder, command, parent) = *self.rng.pick(APPS);
        Proc {
            file: file.into(),
            folder: folder.into(),
            command: command.into(),
            pid: 1000 + self.rng.below(60_000) as i64,
            created: at - self.rng.below(4 * HOUR as u64) as i64,
            account: self.world.users[owner].clone(),
            integrity: "Medium",
            parent_file: parent.into(),
            parent_pid: 400 + self.rng.below(9000) as i64,
        }
    }

    fn system(&mut self, at: i64) -> Proc {
        let (file, folder, command, parent) = *self.rng.pick(SYSTEM);
        let system = super::world::User {
            name: "system".into(),
            display: "SYSTEM".into(),
            upn: String::new(),
            sid: "S-1-5-18".into(),
            object_id: String::new(),
        };
        Proc {
            file: file.into(),
            folder: folder.into(),
            command: command.into(),
            pid: 300 + self.rng.below(20_000) as i64,
            created: at - self.rng.below(DAY as u64) as i64,
            account: system,
            integrity: "System",
            parent_file: parent.into(),
            parent_pid: 600 + self.rng.below(400) as i64,
        }
    }

    pub fn processes(&mut self, b: &mut TableBuilder, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = if self.rng.chance(0.15) {
                (self.any_device(), 0)
            } else {
                self.workstation()
            };
            let (child, parent) = if self.rng.chance(0.45) || device.is_server {
                let parent = self.system(at);
                let mut child = self.system(at);
                child.created = at;
                (child, parent)
            } else {
                let parent = self.app(owner, at);
                let mut child = self.app(owner, at);
                child.created = at;
                child.parent_file = parent.file.clone();
                (child, parent)
            };
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            set_created(b, self.seed, &child);
            set_initiating(b, self.seed, &parent);
            set_report(b, report);
        }
    }

    pub fn network(&mut self, b: &mut TableBuilder, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let process = if self.rng.chance(0.3) {
                self.system(at)
            } else {
                self.app(owner, at)
            };
            let (url, ip) = *self.rng.pick(SITES);
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            b.text(
                "ActionType",
                if self.rng.chance(0.97) {
                    "ConnectionSuccess"
                } else {
                    "ConnectionFailed"
                },
            )
            .text("RemoteIP", ip)
            .long("RemotePort", 443)
            .text("RemoteUrl", url)
            .text("LocalIP", &device.ip)
            .long("LocalPort", 49152 + self.rng.below(16000) as i64)
            .text("Protocol", "Tcp")
            .text("LocalIPType", "Private")
            .text("RemoteIPType", "Public");
            set_initiating(b, self.seed, &process);
            set_report(b, report);
        }
    }

    pub fn files(&mut self, b: &mut TableBuilder, count: usize) {
        const DOCS: &[&str] = &[
            "Q3-forecast.xlsx",
            "meeting-notes.docx",
            "architecture.pdf",
            "invoice-2291.pdf",
            "team-photo.jpg",
            "budget.xlsx",
            "proposal-v2.docx",
            "setup.msi",
        ];
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let process = self.app(owner, at);
            let user = &self.world.users[owner].name;
            let folder = match self.rng.below(3) {
                0 => format!(r"C:\Users\{user}\Downloads"),
                1 => format!(r"C:\Users\{user}\OneDrive - Contoso\Documents"),
                _ => format!(r"C:\Users\{user}\AppData\Local\Temp"),
            };
            let file = *self.rng.pick(DOCS);
            let action = *self.rng.pick(&[
                "FileCreated",
                "FileModified",
                "FileModified",
                "FileRenamed",
                "FileDeleted",
            ]);
            let size = 2_000 + self.rng.below(4_000_000) as i64;
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            set_file(b, self.seed, action, &folder, file, size);
            set_initiating(b, self.seed, &process);
            set_report(b, report);
        }
    }

    pub fn registry(&mut self, b: &mut TableBuilder, count: usize) {
        const KEYS: &[(&str, &str, &str)] = &[
            (
                r"HKEY_CURRENT_USER\S-1-5-21\Software\Microsoft\Windows\CurrentVersion\Run",
                "OneDrive",
                r#""C:\Program Files\Microsoft OneDrive\OneDrive.exe" /background"#,
            ),
            (
                r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows Defender\Signature Updates",
                "SignaturesLastUpdated",
                "0x1DB3C2",
            ),
            (
                r"HKEY_CURRENT_USER\S-1-5-21\Software\Microsoft\Office\16.0\Common\Roaming",
                "LastSync",
                "1732300000",
            ),
            (
                r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\bam\State\UserSettings",
                "Sequence",
                "4412",
            ),
        ];
        for _ in 0..count {
            let at = self.when();
            let device = self.any_device();
            let process = self.system(at);
            let (key, name, data) = *self.rng.pick(KEYS);
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            b.text("ActionType", "RegistryValueSet")
                .text("RegistryKey", key)
                .text("RegistryValueName", name)
                .text("RegistryValueData", data)
                .text("RegistryValueType", "String");
            set_initiating(b, self.seed, &process);
            set_report(b, report);
        }
    }

    pub fn logons(&mut self, b: &mut TableBuilder, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (workstation, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            let to_server = self.rng.chance(0.3);
            let device = if to_server {
                self.world
                    .devices
                    .iter()
                    .filter(|d| d.is_server)
                    .nth(self.rng.below(8) as usize)
                    .cloned()
                    .unwrap_or(workstation.clone())
            } else {
                workstation.clone()
            };
            let failed = self.rng.chance(0.04);
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            b.text(
                "ActionType",
                if failed {
                    "LogonFailed"
                } else {
                    "LogonSuccess"
                },
            )
            .text(
                "LogonType",
                if to_server {
                    "Network"
                } else {
                    self.rng
                        .pick::<&str>(&["Interactive", "Unlock", "CachedInteractive"])
                },
            )
            .text("AccountDomain", "contoso")
            .text("AccountName", &user.name)
            .text("AccountSid", &user.sid)
            .text("Protocol", if to_server { "Kerberos" } else { "Negotiate" })
            .flag("IsLocalAdmin", false)
            .long("LogonId", self.rng.below(9_000_000) as i64);
            if failed {
                b.text("FailureReason", "InvalidUserNameOrPassword");
            }
            if to_server {
                b.text("RemoteDeviceName", &workstation.name)
                    .text("RemoteIP", &workstation.ip)
                    .text("RemoteIPType", "Private");
            }
            set_report(b, report);
        }
    }

    pub fn image_loads(&mut self, b: &mut TableBuilder, count: usize) {
        const DLLS: &[&str] = &[
            "kernel32.dll",
            "ntdll.dll",
            "user32.dll",
            "amsi.dll",
            "wininet.dll",
            "clr.dll",
            "mscoree.dll",
            "vaultcli.dll",
        ];
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let process = self.app(owner, at);
            let dll = *self.rng.pick(DLLS);
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            set_file(
                b,
                self.seed,
                "ImageLoaded",
                r"C:\Windows\System32",
                dll,
                100_000 + self.rng.below(2_000_000) as i64,
            );
            set_initiating(b, self.seed, &process);
            set_report(b, report);
        }
    }

    pub fn device_events(&mut self, b: &mut TableBuilder, count: usize) {
        const ACTIONS: &[&str] = &[
            "AntivirusScanCompleted",
            "SmartScreenUrlWarning",
            "UsbDriveMounted",
            "PowerShellCommand",
            "ScheduledTaskCreated",
            "BrowserLaunchedToOpenUrl",
            "DnsQueryResponse",
            "FirewallOutboundConnectionBlocked",
        ];
        for _ in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let process = self.app(owner, at);
            let action = *self.rng.pick(ACTIONS);
            let report = self.next_report();
            b.row(at);
            set_device(b, &device);
            b.text("ActionType", action);
            match action {
                "PowerShellCommand" => {
                    b.json("AdditionalFields", serde_json::json!({"Command": *self.rng.pick(&["Get-Process", "Get-ChildItem", "Import-Module", "Get-NetAdapter"])}));
                }
                "BrowserLaunchedToOpenUrl" | "SmartScreenUrlWarning" => {
                    let (url, _) = *self.rng.pick(SITES);
                    b.text("RemoteUrl", &format!("https://{url}/"));
                }
                "UsbDriveMounted" => {
                    b.json("AdditionalFields", serde_json::json!({"DriveLetter": "E:", "BusType": 7, "ProductName": "SanDisk Ultra"}));
                }
                _ => {}
            }
            set_initiating(b, self.seed, &process);
            set_report(b, report);
        }
    }

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
                .text("Subject", self.rng.pick::<&str>(SUBJECTS))
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
                urls.row(at);
                urls.text("NetworkMessageId", &id)
                    .text("Url", &format!("https://{site}/{}", self.rng.hex(8)))
                    .text("UrlDomain", site)
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
            .text(
                "LogonType",
                if cloud {
                    "Login:login"
                } else {
                    "Resource access"
                },
            )
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

    pub fn device_info(&mut self, b: &mut TableBuilder) {
        let devices = self.world.devices.clone();
        let mut day = self.start - self.start.rem_euclid(DAY);
        while day < self.end {
            for device in &devices {
                let report = self.next_report();
                b.row(day + self.rng.below(HOUR as u64) as i64);
                set_device(b, device);
                let users: Vec<serde_json::Value> = device
                    .owner
                    .map(|o| vec![serde_json::json!({"UserName": self.world.users[o].name, "DomainName": "CONTOSO", "Sid": self.world.users[o].sid})])
                    .unwrap_or_default();
                b.text("OSPlatform", device.os)
                    .text("OSArchitecture", "64-bit")
                    .text("OSBuild", if device.is_server { "20348" } else { "22631" })
                    .text("OSVersion", "10.0")
                    .text("ClientVersion", "10.8760.25932.1000")
                    .text("PublicIP", "203.0.113.24")
                    .flag("IsAzureADJoined", !device.is_server)
                    .text(
                        "JoinType",
                        if device.is_server {
                            "Domain Joined"
                        } else {
                            "Hybrid Azure AD Join"
                        },
                    )
                    .text(
                        "MachineGroup",
                        if device.is_server {
                            "Servers"
                        } else {
                            "Workstations"
                        },
                    )
                    .text("OnboardingStatus", "Onboarded")
                    .text("DeviceCategory", "Endpoint")
                    .text(
                        "DeviceType",
                        if device.is_server {
                            "Server"
                        } else {
                            "Workstation"
                        },
                    )
                    .text("SensorHealthState", "Active")
                    .text(
                        "ExposureLevel",
                        self.rng.pick::<&str>(&["Low", "Medium", "Medium", "High"]),
                    )
                    .json("LoggedOnUsers", serde_json::Value::Array(users));
                set_report(b, report);
            }
            day += 3 * DAY;
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

/// The working set of table builders, keyed by table name.
pub type Builders = HashMap<String, TableBuilder>;

pub fn scaled(base: usize, scale: f64) -> usize {
    ((base as f64) * scale).round().max(0.0) as usize
}
