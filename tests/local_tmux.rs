//! A local query on the real binary in a real terminal (tmux) against the demo tenant: a remote
//! query spends one call of the quota, then `_result | summarize ...` over its rows answers
//! locally: the status bar says "local: no quota spent" and the quota left is what it was.

mod support;

use std::time::Duration;

use support::tmux::Session;

const REMOTE: &str = "datatable(DeviceName:string, AccountName:string)['pc-1','alice','pc-1','bob','pc-2','carol','pc-1','dave'] | where AccountName != 'x'";
const LOCAL: &str = "_result | summarize Logons = count() by DeviceName | order by Logons desc";

/// The quota part of the status bar (`quota 44/45 min, ...`), to compare before and after.
fn quota(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains("│ quota "))
        .unwrap_or_else(|| panic!("no quota in the status bar: {screen}"));
    line[line.rfind("│ quota ").unwrap()..]
        .trim_end()
        .to_owned()
}

#[test]
fn a_local_summary_of_the_fetched_result_spends_no_quota() {
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env KQLHUNT_CONFIG_DIR={0}/config KQLHUNT_DATA_DIR={0}/data {1} --demo; echo kqlhunt-exited-$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_kqlhunt")
    );
    let session = Session::start_sized("local", &command, 160, 40);
    session.wait_for("demo · graph │ idle", Duration::from_secs(60));

    // A new tab: its editor starts empty.
    session.keys(&["C-t"]);
    session.type_text(REMOTE);
    session.keys(&["F5"]);
    let screen = session.wait_for("results: 4 rows", Duration::from_secs(30));
    assert!(screen.contains("server: no stats (Graph)"), "{screen}");
    let spent = quota(&screen);
    assert!(
        spent.starts_with("│ quota 44/45 min"),
        "one call spent: {screen}"
    );

    session.keys(&["End", "Enter", "Enter"]);
    session.type_text(LOCAL);
    session.keys(&["F5"]);
    let screen = session.wait_for("results: 2 rows", Duration::from_secs(30));
    assert!(
        screen.contains("local: no quota spent"),
        "the status bar says the answer cost nothing: {screen}"
    );
    assert!(screen.contains("Logons"), "{screen}");
    let grid: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("pc-1") || l.contains("pc-2"))
        .collect();
    assert!(
        grid.iter().any(|l| l.contains("pc-1") && l.contains(" 3"))
            && grid.iter().any(|l| l.contains("pc-2") && l.contains(" 1")),
        "the local answer, counted over the 4 rows fetched: {screen}"
    );
    assert_eq!(
        quota(&screen),
        spent,
        "the quota left is unchanged: {screen}"
    );

    session.keys(&["C-q"]);
    session.wait_for("kqlhunt-exited-0", Duration::from_secs(10));
}
