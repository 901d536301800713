//! A hunter on the demo workspace (`--demo --backend log-analytics`) in a real terminal, at
//! 80x24 and 200x50: pastes a hunt of Sentinel's `SigninLogs` for the phishing address, types
//! while it runs, browses the rows, copies one and quits, with nothing typed lost.

mod support;

use std::time::Duration;

use support::tmux::Session;

const HUNT: &str = "SigninLogs\n| where IPAddress == \"193.29.57.114\"\n| project TimeGenerated, UserPrincipalName, IPAddress, Location";

fn hunt_the_phished_sign_ins(width: u16, height: u16) {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo --backend log-analytics; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized(&format!("sentinel-{width}"), &command, width, height);
    session.wait_for("demo · log-analytics │ idle", Duration::from_secs(90));
    session.keys(&["C-t"]);
    session.paste(HUNT);
    session.wait_for("UserPrincipalName, IPAddress", Duration::from_secs(10));
    session.keys(&["F5"]);
    // Typed while the run goes on: it lands in the editor, after the query.
    session.keys(&["Enter"]);
    session.type_text("// phish");
    let screen = session.wait_for("megan.bowen@contoso.com", Duration::from_secs(60));
    assert!(screen.contains("// phish"), "typing was lost:\n{screen}");
    assert!(screen.contains("2 rows"), "{screen}");
    session.keys(&["F3"]);
    session.keys(&["Y"]);
    session.wait_for("copied 1 row", Duration::from_secs(10));
    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(20));
}

#[test]
fn the_phished_sign_ins_at_80x24() {
    hunt_the_phished_sign_ins(80, 24);
}

#[test]
fn the_phished_sign_ins_at_200x50() {
    hunt_the_phished_sign_ins(200, 50);
}
