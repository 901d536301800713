//! Every file kqlhunt writes in its data folder is 0600 and every folder 0700, whatever the
//! umask. One test in its own process: the umask is the whole process's.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::SystemTime;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file and folder below `dir`, with its mode, where it is not private.
fn too_open(dir: &Path) -> Vec<String> {
    let mut open = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let m = mode(&path);
        if path.is_dir() {
            if m != 0o700 {
                open.push(format!("{} {m:o}", path.display()));
            }
            open.extend(too_open(&path));
        } else if m != 0o600 {
            open.push(format!("{} {m:o}", path.display()));
        }
    }
    open
}

#[test]
fn the_data_folder_is_private_under_an_open_umask() {
    unsafe { libc::umask(0) };
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");

    // The history, while open: its journal files hold query text and results too.
    let (mut history, _) = kqlhunt::history::History::open(
        &data.join("history.db"),
        kqlhunt::history::CacheLimits::default(),
    )
    .unwrap();
    let run = kqlhunt::history::RunRecord {
        id: 0,
        started: SystemTime::now(),
        query: "DeviceInfo | where DeviceName has \"ws-0400\"".into(),
        profile: "lab".into(),
        flavor: "graph".into(),
        timespan: None,
        wall_time: std::time::Duration::from_millis(5),
        stats: None,
        render: None,
        rows: 0,
        columns: 0,
        bytes: 0,
        outcome: kqlhunt::history::Outcome::Ok,
        message: None,
        cached: false,
    };
    history.record(&run, None).unwrap();
    assert!(data.join("history.db-wal").exists());

    let (mut ledger, _) = kqlhunt::api::QuotaLedger::open(&data.join("quota.json"));
    let now = SystemTime::now();
    assert!(ledger
        .update(now, |l| l.record_call("t/graph", now))
        .is_none());

    let saved = kqlhunt::saved::SavedQuery {
        path: "lateral/psexec".into(),
        query: "DeviceProcessEvents".into(),
        ..Default::default()
    };
    kqlhunt::saved::save(&data.join("saved"), &saved, false).unwrap();

    let (drafts, _) = kqlhunt::drafts::Drafts::start(&data.join("drafts")).unwrap();
    drafts.save(&kqlhunt::drafts::Session::default()).unwrap();

    assert_eq!(mode(&data), 0o700);
    assert_eq!(too_open(&data), Vec::<String>::new());
    drop(history);
}
