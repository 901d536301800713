//! Microsoft Sentinel's own tables in the demo workspace: catalogued with their documented
//! columns, and holding the planted intrusion's traces consistent with the hunting tables (the
//! same people, devices, addresses and times), so a hunter finds it in either.

mod support;

use std::time::Duration;

use kqlhunt::emulator::workspace::DEMO_WORKSPACE;
use kqlhunt::emulator::{Emulator, EmulatorConfig};
use kqlhunt::results::Value;
use tokio_util::sync::CancellationToken;

use support::demo::{count, engine, rows};
use support::log_analytics as la;

/// The adversary-in-the-middle proxy the intrusion's sign-ins came from (story_traces.rs).
const AITM_IP: &str = "193.29.57.114";

#[test]
fn the_intrusion_s_sign_ins_logons_and_processes_are_in_sentinel_s_tables() {
    let (engine, now) = engine();
    // The phished session, replayed from the proxy: the same sign-ins in both tables.
    let signins = rows(
        &engine,
        now,
        &format!("SigninLogs | where IPAddress == '{AITM_IP}' | order by TimeGenerated asc | project UserPrincipalName, tostring(LocationDetails.city), ResultType, RiskLevelDuringSignIn, AppDisplayName"),
    );
    assert_eq!(signins.len(), 2, "{signins:?}");
    assert!(signins[0][0].starts_with("megan.bowen@"), "{signins:?}");
    assert_eq!(signins[0][1..4], ["Amsterdam", "0", "medium"]);
    let times = |table: &str, time: &str| {
        rows(
            &engine,
            now,
            &format!("{table} | where IPAddress == '{AITM_IP}' | order by {time} asc | project tostring({time})"),
        )
    };
    assert_eq!(
        times("SigninLogs", "TimeGenerated"),
        times("EntraIdSignInEvents", "Timestamp")
    );
    assert_eq!(
        count(&engine, now, "SigninLogs | count"),
        count(&engine, now, "EntraIdSignInEvents | count")
    );
    assert!(
        count(
            &engine,
            now,
            "SigninLogs | where ResultType == '50126' | count"
        ) > 0
    );

    // The stolen service account's network logon on the file server, from her workstation.
    let logon = rows(
        &engine,
        now,
        "SecurityEvent | where EventID == 4624 and TargetUserName == 'svc_backup' and LogonType == 3 and Computer startswith 'srv-fs01' | project Account, WorkstationName, IpAddress, LogonTypeName",
    );
    let hunted = rows(
        &engine,
        now,
        "DeviceLogonEvents | where ActionType == 'LogonSuccess' and AccountName == 'svc_backup' and LogonType == 'Network' and DeviceName startswith 'srv-fs01' | project RemoteDeviceName, RemoteIP",
    );
    assert_eq!(logon.len(), hunted.len());
    assert!(!logon.is_empty());
    assert_eq!(logon[0][0], "CONTOSO\\svc_backup");
    assert_eq!(logon[0][1..3], hunted[0][..]);
    assert_eq!(logon[0][3], "3 - Network");

    // Word starting an encoded PowerShell download, as the security log's 4688 says it.
    let launched = count(
        &engine,
        now,
        "SecurityEvent | where EventID == 4688 and ParentProcessName endswith '\\WINWORD.EXE' and Process =~ 'powershell.exe' and CommandLine has '-Enc' | count",
    );
    let hunted = count(
        &engine,
        now,
        "DeviceProcessEvents | where InitiatingProcessFileName =~ 'WINWORD.EXE' and FileName =~ 'powershell.exe' and ProcessCommandLine has '-Enc' | count",
    );
    assert_eq!((launched, hunted), (1, 1));

    // A second administrator joins Domain Admins: Entra ID's audit names who and whom.
    let audit = rows(
        &engine,
        now,
        "AuditLogs | where OperationName == 'Add member to group' | extend Group = tostring(TargetResources[0].modifiedProperties[0].newValue) | where Group == 'Domain Admins' | project tostring(InitiatedBy.user.userPrincipalName), tostring(TargetResources[0].userPrincipalName), Category, Result",
    );
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0][0].starts_with("svc_") || audit[0][0].contains('@'));
    assert_eq!(audit[0][2..], ["GroupManagement", "success"]);
}

#[tokio::test]
async fn the_demo_workspace_catalogues_and_serves_sentinel_s_tables() {
    let emulator = Emulator::start(EmulatorConfig {
        rows_scale: 0.05,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let client = la::workspace_client(
        &emulator.url,
        dir.path(),
        DEMO_WORKSPACE,
        &[],
        la::demo_credential(),
        Duration::from_secs(60),
    );
    let tables = client.metadata(&CancellationToken::new()).await.unwrap();
    let documented = kqlhunt::kql::schema::sentinel_catalog();
    for (name, columns) in &documented {
        let served = tables
            .iter()
            .find(|(t, _)| t == name)
            .unwrap_or_else(|| panic!("{name} not in the workspace's metadata"));
        assert_eq!(
            &served.1, columns,
            "{name}: its documented columns and types"
        );
    }
    let hunt = la::run(
        &client,
        &format!("SigninLogs | where IPAddress == '{AITM_IP}' | summarize Sessions = count() by UserPrincipalName"),
    )
    .await
    .unwrap();
    assert_eq!(hunt.result.row_count(), 1);
    assert_eq!(hunt.result.cell(0, 1), Value::Long(2));
    let stats = hunt.stats.unwrap();
    assert!(stats.rows.scanned.is_some_and(|n| n > 0), "{stats:?}");
}
