//! Ordinary days at Contoso: people browse, mail, open documents, log on; machines update,
//! scan and talk to Microsoft. The noise a hunter must see through.

use std::collections::HashMap;

use super::activity::{set_created, set_device, set_file, set_initiating, set_report, Proc};
use super::builder::TableBuilder;
use super::rng::Rng;
use super::software::{APPS, SITES, SYSTEM};
use super::world::{Device, World};
use crate::results::datetime::TICKS_PER_SECOND;

pub(super) const MINUTE: i64 = 60 * TICKS_PER_SECOND;
pub(super) const HOUR: i64 = 60 * MINUTE;
pub(super) const DAY: i64 = 24 * HOUR;

pub struct Background<'w> {
    pub world: &'w World,
    pub rng: Rng,
    pub seed: u64,
    pub start: i64,
    pub end: i64,
    pub report: i64,
}

impl Background<'_> {
    pub(super) fn when(&mut self) -> i64 {
        // Working hours are busier: redraw nights and weekends half of the time.
        let span = (self.end - self.start).max(1) as u64;
        let mut t = self.start + self.rng.below(span) as i64;
        let hour = (t.rem_euclid(DAY)) / HOUR;
        if !(7..19).contains(&hour) && self.rng.chance(0.6) {
            t = self.start + self.rng.below(span) as i64;
        }
        t
    }

    pub(super) fn next_report(&mut self) -> i64 {
        self.report += 1 + self.rng.below(40) as i64;
        self.report
    }

    pub(super) fn workstation(&mut self) -> (Device, usize) {
        let workstations: Vec<&Device> =
            self.world.devices.iter().filter(|d| !d.is_server).collect();
        let d = (*self.rng.pick(&workstations)).clone();
        let owner = d.owner.unwrap_or(0);
        (d, owner)
    }

    fn any_device(&mut self) -> Device {
        self.rng.pick(&self.world.devices).clone()
    }

    pub(super) fn app(&mut self, owner: usize, at: i64) -> Proc {
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

    pub(super) fn system(&mut self, at: i64) -> Proc {
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
            // The all-hands recording people download to watch offline.
            "all-hands-recording.mkv",
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
}

/// The working set of table builders, keyed by table name.
pub type Builders = HashMap<String, TableBuilder>;

/// One table of the working set; every schema table has a builder.
pub fn table<'b>(tables: &'b mut Builders, name: &str) -> &'b mut TableBuilder {
    tables
        .get_mut(name)
        .unwrap_or_else(|| panic!("the schema catalog lacks {name}"))
}

pub fn scaled(base: usize, scale: f64) -> usize {
    ((base as f64) * scale).round().max(0.0) as usize
}
