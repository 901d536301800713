//! `SecurityEvent`: the Windows security log as the workspace keeps it: 4624 and 4625 for the
//! devices' logons (DeviceLogonEvents), 4688 for the processes they start
//! (DeviceProcessEvents), with the columns those events fill.

use super::{windows_account, Rows, TableBuilder, WORKSPACE_ID};

/// Windows' logon type number for the hunting tables' name of it.
fn logon_type(name: &str) -> (i64, &'static str) {
    match name {
        "Interactive" => (2, "2 - Interactive"),
        "Network" => (3, "3 - Network"),
        "Batch" => (4, "4 - Batch"),
        "Service" => (5, "5 - Service"),
        "Unlock" => (7, "7 - Unlock"),
        "RemoteInteractive" => (10, "10 - RemoteInteractive"),
        "CachedInteractive" => (11, "11 - CachedInteractive"),
        _ => (3, "3 - Network"),
    }
}

/// The columns every security event shares.
fn common(b: &mut TableBuilder, at: i64, computer: &str, event: i64, activity: &str) {
    b.row(at);
    b.text("TenantId", WORKSPACE_ID)
        .text("SourceSystem", "OpsManager")
        .text("Type", "SecurityEvent")
        .text("Computer", computer)
        .text("EventSourceName", "Microsoft-Windows-Security-Auditing")
        .text("Channel", "Security")
        .long("EventID", event)
        .text("Activity", activity)
        .text("Level", "8");
}

pub(super) fn logons(from: &Rows<'_>, b: &mut TableBuilder) {
    for r in 0..from.len() {
        let failed = match from.text(r, "ActionType").as_str() {
            "LogonSuccess" => false,
            "LogonFailed" => true,
            _ => continue,
        };
        let (event, activity) = if failed {
            (4625, "4625 - An account failed to log on.")
        } else {
            (4624, "4624 - An account was successfully logged on.")
        };
        let (domain, name) = (from.text(r, "AccountDomain"), from.text(r, "AccountName"));
        let account = windows_account(&domain, &name);
        let (number, type_name) = logon_type(&from.text(r, "LogonType"));
        common(
            b,
            from.time(r),
            &from.text(r, "DeviceName"),
            event,
            activity,
        );
        b.text("Account", &account)
            .text("TargetAccount", &account)
            .text(
                "AccountType",
                if name.ends_with('$') {
                    "Machine"
                } else {
                    "User"
                },
            )
            .text("TargetUserName", &name)
            .text("TargetDomainName", &domain)
            .text("TargetUserSid", &from.text(r, "AccountSid"))
            .long("LogonType", number)
            .text("LogonTypeName", type_name)
            .text("IpAddress", &from.text(r, "RemoteIP"))
            .text("IpPort", &from.long(r, "RemotePort").to_string())
            .text("WorkstationName", &from.text(r, "RemoteDeviceName"))
            .text("LogonProcessName", "NtLmSsp")
            .text("AuthenticationPackageName", &from.text(r, "Protocol"))
            .text("Task", "12544");
        if failed {
            // 0xC000006D: bad user name or password, the usual reason in the demo's failures.
            b.text("Status", "0xc000006d")
                .text("SubStatus", "0xc000006a");
        }
    }
}

pub(super) fn processes(from: &Rows<'_>, b: &mut TableBuilder) {
    for r in 0..from.len() {
        let (domain, name) = (from.text(r, "AccountDomain"), from.text(r, "AccountName"));
        let account = windows_account(&domain, &name);
        let parent = format!(
            "{}{}",
            with_separator(&from.text(r, "InitiatingProcessFolderPath")),
            from.text(r, "InitiatingProcessFileName")
        );
        let path = from.text(r, "FolderPath");
        let new_process = if path.to_ascii_lowercase().ends_with(".exe") {
            path
        } else {
            format!("{}{}", with_separator(&path), from.text(r, "FileName"))
        };
        common(
            b,
            from.time(r),
            &from.text(r, "DeviceName"),
            4688,
            "4688 - A new process has been created.",
        );
        b.text("Account", &account)
            .text("SubjectAccount", &account)
            .text(
                "AccountType",
                if name.ends_with('$') {
                    "Machine"
                } else {
                    "User"
                },
            )
            .text("SubjectUserName", &name)
            .text("SubjectDomainName", &domain)
            .text("NewProcessName", &new_process)
            .text("Process", &from.text(r, "FileName"))
            .text(
                "NewProcessId",
                &format!("0x{:x}", from.long(r, "ProcessId")),
            )
            .text(
                "ProcessId",
                &format!("0x{:x}", from.long(r, "InitiatingProcessId")),
            )
            .text("CommandLine", &from.text(r, "ProcessCommandLine"))
            .text("ParentProcessName", &parent)
            .text("TokenElevationType", "%%1936")
            .text("Task", "13312");
    }
}

/// A folder with its closing backslash, unless it has one or is empty.
fn with_separator(folder: &str) -> String {
    if folder.is_empty() || folder.ends_with('\\') {
        folder.to_owned()
    } else {
        format!("{folder}\\")
    }
}
