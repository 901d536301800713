//! "Create detection" in the workbench, on a TestBackend: Alt+r on a hunt asks for the rule's
//! name and opens the rule file it wrote, its entities guessed from the query's columns.

mod support;

use kqlhunt::api::{QuotaLimits, QuotaSnapshot};
use kqlhunt::backend::Defender;
use kqlhunt::ui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{key, press, screen};

const HUNT: &str = "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"winword.exe\" and ProcessCommandLine has \"-enc\"\n| project Timestamp, DeviceId, DeviceName, ReportId, AccountSid";

#[test]
fn alt_r_turns_the_query_under_the_cursor_into_a_rule_file_opened_in_a_new_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        "demo",
        Defender::info_for(kqlhunt::api::Flavor::Graph, QuotaLimits::default()),
        QuotaSnapshot::default(),
        HUNT,
    );
    app.keep.rules = Some(dir.path().to_owned());
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::ALT),
    );
    assert!(
        screen(&app, 120, 30).contains("create detection: the rule's name"),
        "{}",
        screen(&app, 120, 30)
    );
    for c in "Word runs encoded PowerShell".chars() {
        press(&mut app, key(KeyCode::Char(c)));
    }
    press(&mut app, key(KeyCode::Enter));
    let shown = screen(&app, 120, 30);
    assert!(shown.contains("rule saved to"), "{shown}");
    assert!(
        shown.contains("// displayName = \"Word runs encoded PowerShell\""),
        "the new tab shows the rule: {shown}"
    );

    let rule = kqlhunt::rules::file::read(&dir.path().join("word-runs-encoded-powershell.kql"))
        .unwrap()
        .rule;
    assert_eq!(rule.query_condition.query_text, HUNT);
    let entities = rule
        .detection_action
        .alert_template
        .entity_mappings
        .clone()
        .unwrap();
    assert_eq!(entities["hosts"][0]["deviceIdColumn"], "DeviceId");
    assert_eq!(entities["accounts"][0]["sidColumn"], "AccountSid");
    let findings = kqlhunt::rules::check_rule(&Default::default(), &rule);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != kqlhunt::assist::diagnose::Severity::Error),
        "a drafted rule passes the checks: {findings:?}"
    );
}
