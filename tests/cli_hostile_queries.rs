//! The real `kqlhunt` binary given hostile queries: nesting a million levels deep, chains of
//! ten thousand terms, and a join that would multiply rows into gigabytes. Each gets a clear
//! message and exit code 1; the process never aborts.

use std::process::Output;
use std::time::Duration;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    async fn run(&self, args: &[&str]) -> Output {
        let run = tokio::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .env("KQLHUNT_CONFIG_DIR", self.dir.path().join("config"))
            .env("KQLHUNT_DATA_DIR", self.dir.path().join("data"))
            .env("COLUMNS", "100")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output();
        tokio::time::timeout(Duration::from_secs(300), run)
            .await
            .expect("kqlhunt answered within five minutes")
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code 1 (not a signal: an abort has no code) and the limit named on stderr or stdout.
fn refused(out: &Output, words: &str) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(words) || stdout.contains(words),
        "stdout: {stdout}\nstderr: {stderr}"
    );
}

fn brackets(levels: usize) -> String {
    format!(
        "DeviceInfo\n| where DeviceName == {}'x'{}\n",
        "(".repeat(levels),
        ")".repeat(levels)
    )
}

#[tokio::test]
async fn check_fmt_and_the_demo_refuse_deep_nesting_in_words() {
    let home = Home::new();
    let limit = format!("nests deeper than {} levels", kqlhunt::limits::MAX_NESTING);
    for levels in [1_000, 10_000, 1_000_000] {
        let path = home.file(&format!("deep-{levels}.kql"), &brackets(levels));
        refused(&home.run(&["check", &path]).await, &limit);
        refused(&home.run(&["fmt", &path]).await, &limit);
        let out = home.run(&["query", "--demo", "-f", &path]).await;
        refused(&out, &limit);
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    }
    let calls = format!(
        "print x = {}'A'{}",
        "tolower(".repeat(10_000),
        ")".repeat(10_000)
    );
    let path = home.file("calls.kql", &calls);
    refused(&home.run(&["query", "--demo", "-f", &path]).await, &limit);
}

#[tokio::test]
async fn a_chain_of_ten_thousand_terms_runs_on_the_demo_and_formats() {
    let home = Home::new();
    let terms: Vec<String> = (0..10_000)
        .map(|i| format!("DeviceName == \"ws-{i:04}.contoso.com\""))
        .collect();
    let query = format!(
        "DeviceInfo\n| where {}\n| summarize dcount(DeviceName)\n",
        terms.join(" or ")
    );
    let path = home.file("chain.kql", &query);
    let out = home
        .run(&["query", "--demo", "-f", &path, "--format", "csv", "-q"])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let count: i64 = csv.lines().nth(1).unwrap_or("").trim().parse().unwrap_or(0);
    assert!(count > 0, "the chain finds the demo's devices: {csv}");
    let out = home.run(&["fmt", &path]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = home.run(&["check", &path]).await;
    assert!(
        !text(&out.stdout).contains("syntax"),
        "{}",
        text(&out.stdout)
    );
}

#[tokio::test]
async fn a_self_join_on_a_low_cardinality_key_is_refused_before_it_is_built() {
    let home = Home::new();
    let out = home
        .run(&[
            "query",
            "--demo",
            "DeviceNetworkEvents | join kind=inner (DeviceNetworkEvents) on ActionType",
        ])
        .await;
    refused(&out, "E_RUNAWAY_QUERY");
    refused(&out, "HashJoin operator has exceeded the memory budget");
}
