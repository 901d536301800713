//! The techniques the IT team's emulation exercise leaves on the lab machine, each seen the way a
//! hunter finds it: a small query and what its answer must show. If the data loses one, the hunt
//! that teaches it finds nothing and this fails. `demo_month.rs` does the same for the ordinary
//! month's changes.

mod support;

use support::demo::{count, engine, rows};

#[test]
fn the_emulation_leaves_registry_persistence_and_defender_events_on_the_lab() {
    let (e, now) = engine();
    let registry = rows(
        &e,
        now,
        "DeviceRegistryEvents | where DeviceName startswith 'lab-emul01' \
         | where RegistryKey has 'RunMRU' or RegistryValueName in~ ('Debugger', 'UseLogonCredential') \
            or (RegistryKey startswith 'HKEY_LOCAL_MACHINE' and RegistryKey endswith @'CurrentVersion\\Run') \
         | summarize by RegistryValueName | order by RegistryValueName asc",
    );
    let names: Vec<&str> = registry.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["Atomic Red Team", "Debugger", "UseLogonCredential", "a"]
    );
    for (action, file) in [
        ("SecurityGroupCreated", ""),
        ("CreateRemoteThreadApiCall", "MSBuild.exe"),
        ("AntivirusDetection", "Invoke-Mimikatz.ps1"),
    ] {
        let q = format!(
            "DeviceEvents | where DeviceName startswith 'lab-emul01' and ActionType == '{action}' \
             | where FileName == '{file}' or '{file}' == '' | count"
        );
        assert_eq!(count(&e, now, &q), 1, "{action}");
    }
    let v2 = count(
        &e,
        now,
        "DeviceImageLoadEvents | where InitiatingProcessFileName =~ 'powershell.exe' \
         | where FileName =~ 'System.Management.Automation.dll' \
         | where FolderPath matches regex @'[12]\\.(\\d)+\\.(\\d)+\\.(\\d)+' | count",
    );
    assert_eq!(v2, 1);
}

#[test]
fn the_emulation_fetches_its_scriptlets_from_github() {
    let (e, now) = engine();
    let lolbins = rows(
        &e,
        now,
        "DeviceNetworkEvents | where RemoteIPType == 'Public' and RemoteUrl == 'raw.githubusercontent.com' \
         | where InitiatingProcessFileName in~ ('regsvr32.exe', 'mshta.exe', 'certutil.exe') \
         | summarize by DeviceName, InitiatingProcessFileName | order by InitiatingProcessFileName asc",
    );
    assert_eq!(lolbins.len(), 2, "{lolbins:?}");
    assert!(lolbins.iter().all(|r| r[0].starts_with("lab-emul01")));
    assert_eq!(
        [&lolbins[0][1], &lolbins[1][1]],
        ["mshta.exe", "regsvr32.exe"]
    );
    // The test that names its server by address: the address a hunter pulls from the command line.
    let by_address = count(
        &e,
        now,
        "DeviceNetworkEvents | where InitiatingProcessFileName =~ 'certutil.exe' \
         | where extract(@'[0-9]{1,3}(\\.[0-9]{1,3}){3}', 0, InitiatingProcessCommandLine) == RemoteIP | count",
    );
    assert_eq!(by_address, 1);
    let inspected = rows(
        &e,
        now,
        "DeviceNetworkEvents | where ActionType == 'NetworkSignatureInspected' \
         | where DeviceName startswith 'lab-emul01' \
         | where tostring(AdditionalFields.SignatureName) == 'HTTP_Client' \
         | project tostring(AdditionalFields.SignatureMatchedContent)",
    );
    assert!(
        inspected
            .iter()
            .any(|r| r[0] == "GET /art/tim.exe HTTP/1.1"),
        "{inspected:?}"
    );
}

#[test]
fn the_emulation_plays_ransomware_preparation_in_bursts() {
    let (e, now) = engine();
    let groups = count(
        &e,
        now,
        "DeviceProcessEvents | where FileName == 'net.exe' and ProcessCommandLine has_all ('add', 'group') \
         | summarize dcount(ProcessCommandLine) by DeviceName, bin(Timestamp, 1h) \
         | summarize max(dcount_ProcessCommandLine)",
    );
    assert!(groups >= 3, "{groups}");
    let logs = count(
        &e,
        now,
        "DeviceProcessEvents | where Timestamp > ago(1d) \
         | where ProcessCommandLine has 'WEVTUTIL' and ProcessCommandLine has 'CL' \
         | summarize dcount(ProcessCommandLine) by DeviceId, bin(Timestamp, 5m) \
         | summarize max(dcount_ProcessCommandLine)",
    );
    assert!(logs > 10, "{logs}");
    let killed = count(
        &e,
        now,
        "DeviceProcessEvents | where FileName == 'taskkill.exe' \
         | extend Sql = countof(ProcessCommandLine, 'sql') | summarize max(Sql)",
    );
    assert!(killed >= 10, "{killed}");
    let renamed = rows(
        &e,
        now,
        "DeviceFileEvents | where ActionType == 'FileRenamed' and FileName endswith '.art' \
         | summarize count() by DeviceName",
    );
    assert_eq!(renamed.len(), 1);
    assert!(renamed[0][0].starts_with("lab-emul01"));
    assert!(renamed[0][1].parse::<i64>().unwrap() > 10);
    let ntds = count(
        &e,
        now,
        "DeviceFileEvents | where FileName == 'ntds.dit' and ActionType == 'FileModified' | count",
    );
    assert_eq!(ntds, 1);
}

#[test]
fn the_emulation_scans_its_second_machine_and_opens_cobalt_strike_pipes() {
    let (e, now) = engine();
    let scan = rows(
        &e,
        now,
        "DeviceNetworkEvents | where Timestamp > ago(1d) and RemoteIP startswith '192.168.' \
         | summarize Ports = dcount(RemotePort) by DeviceName, InitiatingProcessFileName",
    );
    assert_eq!(scan.len(), 1, "{scan:?}");
    assert!(scan[0][0].starts_with("lab-emul01"));
    assert_eq!(scan[0][1], "nmap.exe");
    assert!(scan[0][2].parse::<i64>().unwrap() > 10);
    let pipes = count(
        &e,
        now,
        "DeviceEvents | where ActionType == 'NamedPipeEvent' \
         | where tostring(AdditionalFields.PipeName) has_any ('status_', 'postex_', 'msagent_') | count",
    );
    assert!(pipes >= 4, "{pipes}");
}

#[test]
fn the_emulation_replays_office_and_server_process_abuse() {
    let (e, now) = engine();
    let children = rows(
        &e,
        now,
        "DeviceProcessEvents | where DeviceName startswith 'lab-emul01' \
         | where InitiatingProcessFileName in~ ('excel.exe', 'winword.exe', 'sqlservr.exe') \
         | where FileName in~ ('regsvr32.exe', 'msdt.exe', 'cmd.exe') \
         | where ProcessCommandLine has @'..\\' or ProcessCommandLine contains 'msdt.exe' or ProcessCommandLine has 'whoami' \
         | summarize by InitiatingProcessFileName, FileName | order by FileName asc",
    );
    assert_eq!(
        children,
        vec![
            vec!["sqlservr.exe".to_owned(), "cmd.exe".to_owned()],
            vec!["WINWORD.EXE".to_owned(), "msdt.exe".to_owned()],
            vec!["EXCEL.EXE".to_owned(), "regsvr32.exe".to_owned()],
        ]
    );
    let recon = count(
        &e,
        now,
        "DeviceProcessEvents | where DeviceName startswith 'lab-emul01' \
         | where InitiatingProcessFileName == InitiatingProcessCommandLine \
         | where ProcessCommandLine has_any ('whoami /all', 'arp -a', 'ipconfig /all', 'net view /all', 'net share', 'route print', 'netstat -nao', 'net localgroup', 'cmd /c set', 'nslookup -querytype=ALL -timeout=10') \
         | summarize dcount(FileName)",
    );
    assert!(recon >= 8, "{recon}");
    let sweep = count(
        &e,
        now,
        "DeviceNetworkEvents | where RemotePort == 1433 \
         | summarize Hosts = dcount(RemoteIP) by DeviceName, bin(Timestamp, 1h) | summarize max(Hosts)",
    );
    assert!(sweep >= 10, "{sweep}");
}
