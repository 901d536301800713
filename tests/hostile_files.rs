//! Hostile files, folders and settings against the real binary: secrets never echoed nor
//! copied, URLs parsed properly, output that leaves devices, pipes and links what they are,
//! folder walks that end, a damaged history noticed, and a quota of 0 that allows nothing.

mod support;

use std::os::unix::fs::{symlink, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::time::Duration;

use support::rig::{with_sign_in, SECRET};
use support::{Reply, TestServer};

/// A secret shaped like an Entra client secret.
const PASTED: &str = "Zx8Q~kT3.vb_9Lm2QpRr7Yw-XcN0aHsUeF4jDgIo";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        Home { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config(&self, text: &str) {
        std::fs::write(self.path("config/config.toml"), text).unwrap();
    }

    /// Runs `kqlhunt ARGS`, killed after `limit` (a walk that never ends fails the test).
    fn run_within(&self, args: &[&str], limit: Duration) -> Output {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .env("KQLHUNT_CONFIG_DIR", self.path("config"))
            .env("KQLHUNT_DATA_DIR", self.path("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > limit {
                let _ = child.kill();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "kqlhunt {args:?} ran for over {limit:?}; stderr: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_within(args, Duration::from_secs(30))
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn profile(auth: &str, urls: &str) -> String {
    format!(
        "[profiles.lab]\ntenant = \"contoso\"\ntimeout_seconds = 2\n{urls}\n[profiles.lab.auth]\n{auth}\n"
    )
}

#[test]
fn a_config_that_cannot_be_read_never_echoes_a_secret() {
    let home = Home::new();
    for auth in [
        format!("method = \"client-secret\"\nclient_id = \"app\"\nclient_secret = {PASTED}"),
        format!("method = \"client-secret\"\nclient_id = \"app\"\nclient_secert = \"{PASTED}\""),
        format!("method = \"{PASTED}\""),
    ] {
        home.config(&profile(&auth, ""));
        for args in [&["profiles"][..], &["query", "DeviceInfo"]] {
            let out = home.run(args);
            assert_eq!(out.status.code(), Some(2), "{auth}");
            let err = stderr(&out);
            assert!(!err.contains("Zx8Q"), "{auth}: {err}");
            assert!(err.contains("line "), "{auth}: where it is: {err}");
        }
    }
}

#[test]
fn a_secret_pasted_as_the_variable_name_is_not_echoed() {
    let home = Home::new();
    home.config(&profile(
        &format!(
            "method = \"client-secret\"\nclient_id = \"app\"\nclient_secret_env = \"{PASTED}\""
        ),
        "base_url = \"http://127.0.0.1:9\"\nlogin_url = \"http://127.0.0.1:9\"",
    ));
    let out = home.run(&["query", "DeviceInfo"]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(!err.contains("Zx8Q"), "{err}");
    assert!(err.contains("client_secret_env"), "{err}");
    let listed = home.run(&["profiles"]);
    assert!(!String::from_utf8_lossy(&listed.stdout).contains("Zx8Q"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secret_never_goes_over_plain_http_to_another_machine() {
    let server = TestServer::start(with_sign_in(|_| Reply::json(200, "{}"))).await;
    let home = Home::new();
    let secret = home.path("config/lab.secret");
    kqlhunt::files::write_atomic(&secret, PASTED.as_bytes(), true).unwrap();
    let auth = format!(
        "method = \"client-secret\"\nclient_id = \"app\"\nclient_secret_file = \"{}\"",
        secret.display()
    );
    let local = server.url();
    let port = server.addr.port();
    for urls in [
        format!("base_url = \"{local}\"\nlogin_url = \"http://192.0.2.2:{port}\""),
        format!("base_url = \"http://localhost@192.0.2.2:{port}\"\nlogin_url = \"{local}\""),
        format!("base_url = \"{local}\"\nlogin_url = \"http://127.0.0.1@192.0.2.2:{port}\""),
    ] {
        home.config(&profile(&auth, &urls));
        let out = tokio::task::block_in_place(|| home.run(&["query", "DeviceInfo"]));
        assert_eq!(out.status.code(), Some(2), "{urls}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("https") || err.contains("user name"), "{err}");
        assert!(!err.contains("Zx8Q"), "{err}");
    }
    assert_eq!(server.requests().len(), 0, "nothing was sent anywhere");
}

#[test]
fn import_and_check_never_follow_a_link_to_secrets() {
    let home = Home::new();
    let secret = home.path("config/lab.secret");
    kqlhunt::files::write_atomic(&secret, PASTED.as_bytes(), true).unwrap();
    let sign_in = home.path("data/sign-in/lab.json");
    kqlhunt::files::write_atomic(
        &sign_in,
        format!("{{\"refresh\":\"{PASTED}\"}}").as_bytes(),
        true,
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("other.kql"), "DeviceInfo").unwrap();
    let source = home.path("community");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(source.join("real.kql"), "DeviceInfo | take 1").unwrap();
    symlink(&secret, source.join("steal.kql")).unwrap();
    symlink(&sign_in, source.join("steal-sign-in.kql")).unwrap();
    symlink(home.path("data"), source.join("data")).unwrap();
    symlink(elsewhere.path(), source.join("elsewhere")).unwrap();
    let out = home.run(&["import", source.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("imported 1 query"), "{err}");
    assert!(err.contains("steal.kql: a link out of the folder"), "{err}");
    assert!(err.contains("steal-sign-in.kql"), "{err}");
    for saved in kqlhunt::saved::list(&home.path("data/saved")) {
        assert!(!saved.query.contains("Zx8Q"), "{saved:?}");
    }
    let out = home.run(&["check", source.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(err.contains("steal.kql: a link out of the folder"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Zx8Q"));
    let out = home.run(&["check", secret.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("kqlhunt's own config or data folder"),
        "{}",
        stderr(&out)
    );
    let out = home.run(&["import", home.path("data").to_str().unwrap()]);
    assert!(
        stderr(&out).contains("kqlhunt's own config or data folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn link_loops_end_import_and_check() {
    let home = Home::new();
    let source = home.path("loops");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(source.join("hunt.kql"), "DeviceInfo | take 1").unwrap();
    symlink(".", source.join("a")).unwrap();
    symlink(".", source.join("b")).unwrap();
    let limit = Duration::from_secs(20);
    let out = home.run_within(&["check", source.to_str().unwrap()], limit);
    assert!(stderr(&out).contains("1 file,"), "{}", stderr(&out));
    let out = home.run_within(&["import", source.to_str().unwrap()], limit);
    assert!(
        stderr(&out).contains("imported 1 query"),
        "{}",
        stderr(&out)
    );
    // The saved list walks the same way (the workbench's side pane).
    symlink(".", home.path("data/saved/loop")).unwrap();
    assert_eq!(kqlhunt::saved::list(&home.path("data/saved")).len(), 1);
}

fn response(home: &Home) -> String {
    let file = home.path("h.json");
    std::fs::write(
        &file,
        r#"{"schema":[{"name":"N","type":"Int64"}],"results":[{"N":1},{"N":2}]}"#,
    )
    .unwrap();
    file.display().to_string()
}

#[test]
fn output_goes_into_a_named_pipe_not_over_it() {
    let home = Home::new();
    let file = response(&home);
    let fifo = home.path("rows.fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // Held open for reading and writing, so neither side waits for the other.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let out = home.run(&["convert", &file, "-o", fifo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let mut got = vec![0u8; 4096];
    let n = std::io::Read::read(&mut &reader, &mut got).unwrap_or(0);
    assert_eq!(&got[..n], b"N\r\n1\r\n2\r\n");
}

#[test]
fn output_through_a_link_writes_its_target_and_keeps_the_link() {
    let home = Home::new();
    let file = response(&home);
    let target = home.path("real.csv");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = home.path("link.csv");
    symlink(&target, &link).unwrap();
    let out = home.run(&["convert", &file, "-o", link.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"N\r\n1\r\n2\r\n");
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn damage_inside_the_history_is_noticed_and_set_aside() {
    let home = Home::new();
    let db = home.path("data/history.db");
    {
        let (mut history, _) =
            kqlhunt::history::History::open(&db, kqlhunt::history::CacheLimits::default()).unwrap();
        for i in 0..300 {
            let run = kqlhunt::history::RunRecord {
                id: 0,
                started: std::time::SystemTime::now(),
                query: format!(
                    "DeviceInfo | where DeviceName == \"{i}\" {}",
                    "x".repeat(2000)
                ),
                profile: "lab".into(),
                flavor: "graph".into(),
                timespan: None,
                wall_time: Duration::from_millis(5),
                stats: None,
                render: None,
                rows: 1,
                columns: 1,
                bytes: 10,
                outcome: kqlhunt::history::Outcome::Ok,
                message: None,
                cached: false,
            };
            history.record(&run, None).unwrap();
        }
    }
    // Garbage over pages in the middle of the file; its head stays whole.
    let mut bytes = std::fs::read(&db).unwrap();
    let (from, to) = (bytes.len() * 2 / 5, bytes.len() * 3 / 5);
    bytes[from..to].fill(0x5a);
    std::fs::write(&db, &bytes).unwrap();
    let out = home.run(&["history"]);
    let err = stderr(&out);
    assert!(err.contains("damaged") && err.contains("moved to"), "{err}");
    assert!(out.status.success(), "the new history lists (empty): {err}");
    let aside = std::fs::read_dir(home.path("data"))
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("history.db.damaged-")
        })
        .count();
    assert!(aside >= 1, "the damaged file was kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_quota_of_zero_calls_allows_none() {
    let server = TestServer::start(with_sign_in(|_| Reply::json(200, "{}"))).await;
    let home = Home::new();
    let url = server.url();
    let secret = home.path("config/lab.secret");
    kqlhunt::files::write_atomic(&secret, SECRET.as_bytes(), true).unwrap();
    home.config(&format!(
        "{}[profiles.lab.quota]\ncalls_per_minute = 0\n",
        profile(
            &format!(
                "method = \"client-secret\"\nclient_id = \"app-id\"\nclient_secret_file = \"{}\"",
                secret.display()
            ),
            &format!("base_url = \"{url}\"\nlogin_url = \"{url}\"")
        )
    ));
    let out = tokio::task::block_in_place(|| home.run(&["query", "DeviceInfo"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("calls_per_minute = 0"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.count("runHuntingQuery"), 0, "nothing was sent");
}
