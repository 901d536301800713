//! What runs and what is reached at Contoso: programs, system processes, sites, mail senders.

/// Desktop programs: (file, folder, typical command line, parent).
pub(super) const APPS: &[(&str, &str, &str, &str)] = &[
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
pub(super) const SYSTEM: &[(&str, &str, &str, &str)] = &[
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

pub(super) const SITES: &[(&str, &str)] = &[
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

pub(super) const SENDERS: &[(&str, &str)] = &[
    ("newsletter@fabrikam.com", "Fabrikam Weekly"),
    ("orders@northwindtraders.com", "Northwind Orders"),
    ("noreply@contoso.sharepoint.com", "SharePoint Online"),
    ("hr@contoso.com", "Contoso HR"),
    ("it-support@contoso.com", "IT Support"),
    ("sales@adventure-works.com", "Adventure Works Sales"),
    ("promo@cheap-deals-online.biz", "Best Deals"),
];

pub(super) const SUBJECTS: &[&str] = &[
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
    "RE: Q3 planning deck",
    "FW: Updated travel policy",
];
