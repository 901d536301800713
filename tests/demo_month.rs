//! An ordinary month's changes in the demo tenant that "new since" and policy hunts find, each seen
//! the way a hunter finds it: a small query and what its answer must show. If the data loses
//! one, the hunt that teaches it finds nothing and this fails.

mod support;

use support::demo::{count, engine, rows};

#[test]
fn the_security_portals_audit_their_own_changes() {
    let (e, now) = engine();
    let disabled = rows(
        &e,
        now,
        "CloudAppEvents | where ActionType == 'SetAdvancedFeatures' \
         | where tobool(RawEventData.SettingsNewValue) == false \
         | project SettingName = tostring(RawEventData.SettingName), AccountDisplayName",
    );
    assert_eq!(disabled.len(), 1, "{disabled:?}");
    assert_eq!(disabled[0][0], "AllowOrBlockFile");
    for action in [
        "DeleteCustomDetection",
        "SensorDeleted",
        "DownloadOffboardingPkg",
        "SentinelDisconnectWorkspace",
        "Hard Delete user.",
    ] {
        let q = format!("CloudAppEvents | where ActionType == '{action}' | count");
        assert_eq!(count(&e, now, &q), 1, "{action}");
    }
    let roles = count(
        &e,
        now,
        "CloudAppEvents | where tostring(RawEventData.Workload) contains 'Defender' \
         | where ActionType endswith 'Role' | count",
    );
    assert_eq!(roles, 2);
}

#[test]
fn delegates_partners_and_copilot_appear_in_cloud_activity() {
    let (e, now) = engine();
    let delegated = rows(
        &e,
        now,
        "CloudAppEvents | where IsImpersonated == true \
         | extend Owner = tostring(RawEventData.MailboxOwnerUPN), By = tostring(RawEventData.UserId) \
         | where Owner != By | summarize dcount(By) by Owner",
    );
    assert_eq!(delegated.len(), 1, "one manager's mailbox: {delegated:?}");
    let partner = count(
        &e,
        now,
        "CloudAppEvents | where IsExternalUser == true and AccountType == 'Admin' | count",
    );
    assert!(partner >= 3, "{partner}");
    let models = count(
        &e,
        now,
        "CloudAppEvents | where ActionType == 'CopilotInteraction' \
         | extend Model = tostring(RawEventData.CopilotEventData.ModelTransparencyDetails[0].ModelName) \
         | summarize dcount(Model)",
    );
    assert!(models >= 2, "{models}");
    let reactions = count(
        &e,
        now,
        "CloudAppEvents | where ActionType == 'ReactedToMessage' \
         | where isnotempty(tostring(RawEventData.MessageReactionType)) | count",
    );
    assert!(reactions > 0);
}

#[test]
fn microsoft_365_reports_the_malware_and_phish_it_caught() {
    let (e, now) = engine();
    for action in ["FileMalwareDetected", "AtpDetection", "TIMailData-Inline"] {
        let q = format!("CloudAppEvents | where ActionType == '{action}' | count");
        assert_eq!(count(&e, now, &q), 4, "one a week: {action}");
    }
    let virus = rows(
        &e,
        now,
        "CloudAppEvents | where ActionType == 'FileMalwareDetected' \
         | distinct tostring(RawEventData.VirusInfo)",
    );
    assert_eq!(virus, vec![vec!["TrojanDownloader:O97M/Donoff".to_owned()]]);
}

#[test]
fn identity_changes_a_hunter_audits() {
    let (e, now) = engine();
    let never = rows(
        &e,
        now,
        "IdentityDirectoryEvents | where ActionType == 'Account Password Never Expires changed' \
         | where tobool(AdditionalFields['TO Account Password Never Expires']) == true \
         | project TargetAccountUpn",
    );
    assert_eq!(never, vec![vec!["svc_sql@contoso.com".to_owned()]]);
    let downgrade = rows(
        &e,
        now,
        "IdentityDirectoryEvents | where ActionType == 'Account Supported Encryption Types changed' \
         | project To = tostring(AdditionalFields['TO AccountSupportedEncryptionTypes'])",
    );
    assert_eq!(downgrade, vec![vec!["RC4_HMAC_MD5".to_owned()]]);
    let admins = count(
        &e,
        now,
        "IdentityDirectoryEvents | where ActionType == 'Group Membership changed' \
         | where tostring(AdditionalFields['TO.GROUP']) == 'Domain Admins' | count",
    );
    assert!(admins >= 1);
    let device_code = rows(
        &e,
        now,
        "IdentityLogonEvents | where LogonType == 'Cmsi:Cmsi' and ActionType == 'LogonSuccess' \
         | summarize count() by AccountName, DeviceName",
    );
    assert_eq!(device_code.len(), 1, "{device_code:?}");
    assert_eq!(device_code[0][0], "grady.vance");
    assert!(device_code[0][1].starts_with("lab-emul01"));
}

#[test]
fn usb_sticks_are_plugged_in_and_written_to() {
    let (e, now) = engine();
    let copies = count(
        &e,
        now,
        "let Plugged = DeviceEvents | where ActionType == 'PnpDeviceConnected' \
           | where tostring(AdditionalFields.DeviceDescription) == 'USB Mass Storage Device' \
           | project DeviceId, Plugged = Timestamp; \
         DeviceFileEvents | where FolderPath startswith 'E:' | join kind=inner Plugged on DeviceId \
         | where Timestamp between (Plugged .. 15m) | count",
    );
    assert!(copies >= 4, "{copies}");
    let worm = rows(
        &e,
        now,
        "DeviceEvents | where ActionType == 'AntivirusDetection' and FolderPath startswith 'E:' \
         | project tostring(AdditionalFields.ThreatName)",
    );
    assert_eq!(worm, vec![vec!["Worm:Win32/Autorun!inf".to_owned()]]);
}

#[test]
fn support_tools_and_admin_downloads_reach_the_internet() {
    let (e, now) = engine();
    let anydesk = rows(
        &e,
        now,
        "DeviceNetworkEvents | where InitiatingProcessFileName == 'AnyDesk.exe' \
         | where RemoteIPType == 'Public' and RemoteUrl != 'boot.net.anydesk.com' \
         | summarize by RemotePort | order by RemotePort asc",
    );
    assert_eq!(
        anydesk,
        vec![vec!["443".to_owned()], vec!["6568".to_owned()]]
    );
    let from_downloads = count(
        &e,
        now,
        "DeviceProcessEvents | where FileName == 'AnyDesk.exe' and FolderPath has 'Downloads' | count",
    );
    assert_eq!(from_downloads, 2);
    let fetch = count(
        &e,
        now,
        "DeviceNetworkEvents | where InitiatingProcessCommandLine has 'Invoke-WebRequest' \
         | where RemoteIPType == 'Public' and Timestamp > ago(1d) | count",
    );
    assert!(fetch >= 2, "{fetch}");
    let kql = count(
        &e,
        now,
        "DeviceNetworkEvents | where RemoteUrl has 'kqlquery.com' or RemoteUrl has 'kqlsearch.com' | count",
    );
    assert!(kql > 0);
    let sites = count(
        &e,
        now,
        "DeviceRegistryEvents | where RegistryKey contains @'\\Common\\Internet\\Server Cache' | count",
    );
    assert!(sites > 10, "{sites}");
}

#[test]
fn a_crash_names_a_process_that_ran_on_the_same_machine() {
    let (e, now) = engine();
    let crashes = count(
        &e,
        now,
        "DeviceProcessEvents | where Timestamp > ago(1d) and FileName =~ 'werfault.exe' \
         | extend Crashed = tolong(extract('-p ([0-9]{1,5})', 1, ProcessCommandLine)) \
         | join kind=inner (DeviceProcessEvents | project DeviceId, Crashed = ProcessId, Started = Timestamp) \
           on DeviceId, Crashed \
         | where Started < Timestamp and Started > Timestamp - 1d | count",
    );
    assert!(crashes >= 1, "{crashes}");
}

#[test]
fn one_laptop_dropped_a_system_guard_level() {
    let (e, now) = engine();
    let dropped = count(
        &e,
        now,
        "let Levels = DeviceEvents | where ActionType == 'DeviceBootAttestationInfo' \
           | project DeviceId, Timestamp, Level = toint(AdditionalFields.SystemGuardSecurityLevel); \
         Levels | summarize arg_max(Timestamp, Level) by DeviceId \
         | join kind=inner (Levels | project DeviceId, Earlier = Level) on DeviceId \
         | where Level < Earlier | summarize dcount(DeviceId)",
    );
    assert_eq!(dropped, 1);
}

#[test]
fn a_smartscreen_warning_and_its_override_share_an_activity() {
    let (e, now) = engine();
    let ignored = count(
        &e,
        now,
        "let Overrides = DeviceEvents | where ActionType == 'SmartScreenUserOverride' \
           | project DeviceName, ActivityId = tostring(AdditionalFields.ActivityId); \
         DeviceEvents | where ActionType == 'SmartScreenAppWarning' \
         | where tostring(AdditionalFields.Experience) == 'Malicious' \
         | extend ActivityId = tostring(AdditionalFields.ActivityId) \
         | join kind=leftsemi Overrides on DeviceName, ActivityId | count",
    );
    assert_eq!(ignored, 2);
}

#[test]
fn newsletter_links_go_through_a_click_tracker() {
    let (e, now) = engine();
    let tracked = count(
        &e,
        now,
        "EmailUrlInfo | where Url matches regex @'s?\\:\\/\\/(?:www\\.)?t\\.(?:[\\w\\-\\.]+\\/+)+(?:r|redirect)\\/?\\?' \
         | join kind=inner EmailEvents on NetworkMessageId \
         | summarize dcount(SenderFromAddress)",
    );
    assert_eq!(tracked, 1);
    let unclustered = count(
        &e,
        now,
        "EmailEvents | where isnull(EmailClusterId) | count",
    );
    assert_eq!(unclustered, 0, "every message has a cluster");
}

#[test]
fn the_last_days_bring_a_new_browser_a_new_app_and_a_traveller() {
    let (e, now) = engine();
    let new_agents = count(
        &e,
        now,
        "let Known = AADSignInEventsBeta | where Timestamp between (ago(30d) .. ago(3d)) | distinct UserAgent; \
         AADSignInEventsBeta | where Timestamp > ago(3d) and UserAgent !in (Known) \
         | summarize dcount(UserAgent)",
    );
    assert_eq!(new_agents, 1, "Edge 132");
    let new_apps = rows(
        &e,
        now,
        "let Known = AADSignInEventsBeta | where Timestamp between (ago(30d) .. ago(2d)) | distinct Application; \
         AADSignInEventsBeta | where Timestamp > ago(2d) and not(Application in~ (Known)) \
         | distinct Application",
    );
    assert_eq!(new_apps, vec![vec!["Microsoft Loop".to_owned()]]);
    let abroad = rows(
        &e,
        now,
        "AADSignInEventsBeta | where Timestamp > ago(3d) and ErrorCode == 0 and Country == 'DE' \
         | summarize by City, Managed = isnotempty(AadDeviceId)",
    );
    assert_eq!(abroad, vec![vec!["Berlin".to_owned(), "true".to_owned()]]);
}

#[test]
fn network_protection_blocks_and_the_admin_works_on_servers_remotely() {
    let (e, now) = engine();
    let blocked = count(
        &e,
        now,
        "DeviceEvents | where ActionType == 'ExploitGuardNetworkProtectionBlocked' \
         | where tostring(AdditionalFields.ResponseCategory) != 'CustomBlockList' | count",
    );
    assert_eq!(blocked, 4);
    let rdp = rows(
        &e,
        now,
        "DeviceLogonEvents | where IsLocalAdmin == true and LogonType == 'RemoteInteractive' \
         | summarize Servers = dcount(DeviceName) by AccountName",
    );
    assert_eq!(rdp.len(), 1, "{rdp:?}");
    assert_eq!(rdp[0][0], "grady.vance");
}
