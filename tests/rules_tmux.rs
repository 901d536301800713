//! From hunt to detection on the real binary in a real terminal (tmux), on the demo tenant: a
//! hunt of the planted intrusion becomes a rule file (`rules new`), is pushed (`rules push
//! --demo`), and the workbench opened afterwards (a new demo tenant, which keeps pushed rules)
//! finds the alert the rule raised in AlertInfo.

mod support;

use std::time::Duration;

use support::tmux::Session;

const HUNT: &str = "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"winword.exe\" and FileName =~ \"powershell.exe\"\n| where ProcessCommandLine has \"-enc\"\n| project Timestamp, DeviceId, DeviceName, ReportId, AccountName, AccountSid, ProcessCommandLine\n";

#[test]
fn a_hunt_of_the_planted_intrusion_becomes_a_rule_that_raises_an_alert() {
    let home = tempfile::tempdir().unwrap();
    let hunt = home.path().join("hunt.kql");
    std::fs::write(&hunt, HUNT).unwrap();
    let bin = env!("CARGO_BIN_EXE_kqlhunt");
    let command = format!(
        "export KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data; {bin} rules new 'Encoded PowerShell started by Word' -f {1} && {bin} rules push --demo && {bin} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        hunt.display()
    );
    let session = Session::start("rules", &command);
    session.wait_for("demo · graph │ idle", Duration::from_secs(90));

    // The rule file holds the tenant's version now.
    let file = home
        .path()
        .join("data/rules/encoded-powershell-started-by-word.kql");
    let rule = kqlhunt::rules::file::read(&file).unwrap().rule;
    assert_eq!(rule.created_by.as_deref(), Some("kqlhunt-demo"));
    assert_eq!(
        rule.detection_action.alert_template.title,
        "Encoded PowerShell started by Word on {{DeviceName}}"
    );

    session.keys(&["C-t"]);
    session.paste("AlertInfo | where DetectionSource == 'Custom detection' | project Title");
    session.keys(&["F5"]);
    let screen = session.wait_for("results: 1 row", Duration::from_secs(30));
    assert!(
        screen.contains("Encoded PowerShell started by Word on ws-0400.contoso.com"),
        "the alert names the planted intrusion's workstation: {screen}"
    );
    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}
