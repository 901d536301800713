//! The help desk and the admins' ordinary tools: a vendor's support session over AnyDesk run from
//! a user's Downloads, the analysts reading KQL reference sites, an admin fetching an installer
//! with PowerShell, Office remembering the SharePoint sites it opened, and programs that crash
//! and are reported by WerFault. Noise that a technique hunt finds and a hunter explains.

use super::activity::{set_created, set_device, set_initiating, Proc};
use super::background::{table, Background, Builders, DAY, HOUR, MINUTE};
use super::world::Device;
use crate::results::datetime::TICKS_PER_SECOND;

/// (remote name, address, port): where an AnyDesk session goes; a direct link has no name.
const ANYDESK: &[(&str, &str, i64)] = &[
    ("boot.net.anydesk.com", "92.223.88.232", 443),
    ("relay-b3f1c2d9.net.anydesk.com", "37.61.223.15", 443),
    ("", "195.181.174.166", 6568),
];

/// (site, address): the analysts' KQL references.
const KQL_SITES: &[(&str, &str)] = &[
    ("kqlquery.com", "185.199.110.153"),
    ("www.kqlsearch.com", "172.67.182.31"),
    ("learn.microsoft.com", "23.35.227.209"),
];

const SHAREPOINT_SITES: &[&str] = &[
    "https://contoso.sharepoint.com/sites/Finance/",
    "https://contoso.sharepoint.com/sites/Sales/",
    "https://contoso-my.sharepoint.com/personal/",
];

impl Background<'_> {
    pub fn support_tools(&mut self, tables: &mut Builders) {
        let admin = self.world.user("grady.vance").clone();
        let admin_index = self
            .world
            .users
            .iter()
            .position(|u| u.name == admin.name)
            .unwrap_or(0);
        let it_desk = self.world.workstation_of(admin_index).clone();
        // A printer vendor's technician connects to two users' machines.
        for day in [23, 4] {
            let (device, owner) = self.workstation();
            let at = self.end - day * DAY - 15 * HOUR;
            let user = &self.world.users[owner];
            let anydesk = Proc {
                file: "AnyDesk.exe".into(),
                folder: format!(r"C:\Users\{}\Downloads", user.name),
                command: format!(r#""C:\Users\{}\Downloads\AnyDesk.exe""#, user.name),
                pid: 7_000 + day,
                created: at,
                account: user.clone(),
                integrity: "Medium",
                parent_file: "explorer.exe".into(),
                parent_pid: 4_100,
            };
            let report = self.next_report();
            let b = table(tables, "DeviceProcessEvents");
            b.row(at);
            set_device(b, &device);
            set_created(b, self.seed, &anydesk);
            set_initiating(b, self.seed, &self.explorer_of(owner, at));
            b.long("ReportId", report);
            for (i, (url, ip, port)) in ANYDESK.iter().enumerate() {
                self.connect(
                    tables,
                    &device,
                    &anydesk,
                    at + (i as i64 + 1) * MINUTE,
                    (url, ip, *port),
                );
            }
        }
        // The analysts look things up while they hunt, most days.
        for day in 0..((self.end - self.start) / DAY) {
            if !self.rng.chance(0.6) {
                continue;
            }
            let (url, ip) = *self.rng.pick(KQL_SITES);
            let at = self.end - day * DAY - 14 * HOUR + self.rng.below(6 * HOUR as u64) as i64;
            let edge = self.browser(admin_index, at);
            self.connect(tables, &it_desk, &edge, at, (url, ip, 443));
        }
        // An admin fetches the Azure CLI installer.
        let at = self.end - 11 * HOUR;
        let fetch = Proc {
            file: "powershell.exe".into(),
            folder: r"C:\Windows\System32\WindowsPowerShell\v1.0".into(),
            command: r"powershell.exe -Command Invoke-WebRequest -Uri https://aka.ms/installazurecliwindows -OutFile .\AzureCLI.msi".into(),
            pid: 9_120,
            created: at - 2 * TICKS_PER_SECOND,
            account: admin.clone(),
            integrity: "High",
            parent_file: "WindowsTerminal.exe".into(),
            parent_pid: 8_800,
        };
        self.connect(
            tables,
            &it_desk,
            &fetch,
            at,
            ("aka.ms", "23.53.42.185", 443),
        );
        // An engineer fetches an Ubuntu image over BitTorrent from Ubuntu's own tracker.
        let (device, owner) = self.workstation();
        let at = self.end - 2 * DAY - 11 * HOUR;
        let user = self.world.users[owner].clone();
        let client = Proc {
            file: "qbittorrent.exe".into(),
            folder: r"C:\Program Files\qBittorrent".into(),
            command: r#""C:\Program Files\qBittorrent\qbittorrent.exe" ubuntu-24.04-desktop-amd64.iso.torrent"#.into(),
            pid: 11_240,
            created: at - MINUTE,
            account: user,
            integrity: "Medium",
            parent_file: "explorer.exe".into(),
            parent_pid: 4_100,
        };
        self.connect(
            tables,
            &device,
            &client,
            at,
            ("torrent.ubuntu.com", "185.125.190.59", 6969),
        );
        self.admin_sessions(tables, &admin, &it_desk);
        self.office_server_cache(tables);
        self.crashes(tables);
    }

    fn explorer_of(&self, owner: usize, at: i64) -> Proc {
        Proc {
            file: "explorer.exe".into(),
            folder: r"C:\Windows".into(),
            command: r"C:\Windows\Explorer.EXE".into(),
            pid: 4_100,
            created: at - 5 * HOUR,
            account: self.world.users[owner].clone(),
            integrity: "Medium",
            parent_file: "userinit.exe".into(),
            parent_pid: 3_900,
        }
    }

    fn browser(&mut self, owner: usize, at: i64) -> Proc {
        Proc {
            file: "msedge.exe".into(),
            folder: r"C:\Program Files (x86)\Microsoft\Edge\Application".into(),
            command: r#""C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe" --single-argument"#.into(),
            pid: 5_000 + self.rng.below(20_000) as i64,
            created: at - HOUR,
            account: self.world.users[owner].clone(),
            integrity: "Medium",
            parent_file: "explorer.exe".into(),
            parent_pid: 4_100,
        }
    }

    fn connect(
        &mut self,
        tables: &mut Builders,
        device: &Device,
        by: &Proc,
        at: i64,
        (url, ip, port): (&str, &str, i64),
    ) {
        let report = self.next_report();
        let b = table(tables, "DeviceNetworkEvents");
        b.row(at);
        set_device(b, device);
        set_initiating(b, self.seed, by);
        b.text("ActionType", "ConnectionSuccess")
            .text("RemoteIP", ip)
            .long("RemotePort", port)
            .text("RemoteUrl", url)
            .text("LocalIP", &device.ip)
            .long("LocalPort", 49_152 + self.rng.below(16_000) as i64)
            .text("Protocol", "Tcp")
            .text("LocalIPType", "Private")
            .text("RemoteIPType", "Public")
            .long("ReportId", report);
    }

    /// The admin's remote desktop sessions to the servers he looks after, as a local admin.
    fn admin_sessions(&mut self, tables: &mut Builders, admin: &super::world::User, desk: &Device) {
        let servers: Vec<Device> = self
            .world
            .devices
            .iter()
            .filter(|d| d.is_server)
            .cloned()
            .collect();
        for day in (1..30).step_by(3) {
            let server = self.rng.pick(&servers).clone();
            let at = self.end - day * DAY + 9 * HOUR + self.rng.below(8 * HOUR as u64) as i64;
            let report = self.next_report();
            let b = table(tables, "DeviceLogonEvents");
            b.row(at);
            set_device(b, &server);
            b.text("ActionType", "LogonSuccess")
                .text("LogonType", "RemoteInteractive")
                .text("AccountDomain", "contoso")
                .text("AccountName", &admin.name)
                .text("AccountSid", &admin.sid)
                .text("Protocol", "Negotiate")
                .flag("IsLocalAdmin", true)
                .long("LogonId", 7_000_000 + day)
                .text("RemoteDeviceName", &desk.name)
                .text("RemoteIP", &desk.ip)
                .text("RemoteIPType", "Private")
                .long("ReportId", report);
        }
    }

    /// Office keeps a registry key per site it opened a document from.
    fn office_server_cache(&mut self, tables: &mut Builders) {
        for _ in 0..60 {
            let at = self.when();
            let (device, owner) = self.workstation();
            let mut office = self.app(owner, at);
            office.file = (*self.rng.pick(&["WINWORD.EXE", "EXCEL.EXE", "POWERPNT.EXE"])).into();
            office.folder = r"C:\Program Files\Microsoft Office\root\Office16".into();
            let site = *self.rng.pick(SHAREPOINT_SITES);
            let user = &self.world.users[owner];
            let key = format!(
                r"HKEY_CURRENT_USER\{}\SOFTWARE\Microsoft\Office\16.0\Common\Internet\Server Cache\{site}",
                user.sid
            );
            let report = self.next_report();
            let b = table(tables, "DeviceRegistryEvents");
            b.row(at);
            set_device(b, &device);
            set_initiating(b, self.seed, &office);
            b.text("ActionType", "RegistryValueSet")
                .text("RegistryKey", &key)
                .text("RegistryValueName", "Type")
                .text("RegistryValueData", "1")
                .text("RegistryValueType", "Dword")
                .long("ReportId", report);
        }
    }

    /// Teams or Outlook crashes a few times a day; WerFault names the crashed process.
    fn crashes(&mut self, tables: &mut Builders) {
        for day in 0..3 {
            for _ in 0..3 {
                let (device, owner) = self.workstation();
                let at = self.end - day * DAY - 9 * HOUR - self.rng.below(8 * HOUR as u64) as i64;
                let mut app = self.app(owner, at);
                app.created = at - HOUR;
                let report = self.next_report();
                let b = table(tables, "DeviceProcessEvents");
                b.row(app.created);
                set_device(b, &device);
                set_created(b, self.seed, &app);
                set_initiating(b, self.seed, &self.explorer_of(owner, app.created));
                b.long("ReportId", report);
                let wer = Proc {
                    file: "WerFault.exe".into(),
                    folder: r"C:\Windows\System32".into(),
                    command: format!("WerFault.exe -u -p {} -s {}", app.pid, 300 + app.pid % 500),
                    pid: app.pid + 16,
                    created: at,
                    account: app.account.clone(),
                    integrity: "Medium",
                    parent_file: app.file.clone(),
                    parent_pid: app.pid,
                };
                let report = self.next_report();
                let b = table(tables, "DeviceProcessEvents");
                b.row(at);
                set_device(b, &device);
                set_created(b, self.seed, &wer);
                set_initiating(b, self.seed, &app);
                b.long("ReportId", report);
            }
        }
    }
}
