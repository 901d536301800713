//! The real `kqlhunt` binary, headless, against a loopback server: what a hunter sees on stdout
//! and stderr, and the exit codes scripts rely on.

mod support;

use std::path::Path;
use std::process::Output;

use support::rig::{with_sign_in, SECRET, TOKEN};
use support::{Reply, TestServer};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A config and data folder with one client-secret profile pointed at `server`.
    fn new(server: Option<&TestServer>, flavor: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let url = server.map_or("http://127.0.0.1:9".to_owned(), TestServer::url);
        let secret = dir.path().join("secret");
        kqlhunt::files::write_atomic(&secret, SECRET.as_bytes(), true).unwrap();
        let config = format!(
            "default_profile = \"lab\"\n[profiles.lab]\ntenant = \"contoso\"\nflavor = \"{flavor}\"\nbase_url = \"{url}\"\nlogin_url = \"{url}\"\n[profiles.lab.auth]\nmethod = \"client-secret\"\nclient_id = \"app-id\"\nclient_secret_file = \"{}\"\n",
            secret.display()
        );
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), config).unwrap();
        Home { dir }
    }

    async fn run(&self, args: &[&str]) -> Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .env("KQLHUNT_CONFIG_DIR", self.dir.path().join("config"))
            .env("KQLHUNT_DATA_DIR", self.dir.path().join("data"))
            .env("COLUMNS", "100")
            .stdin(std::process::Stdio::null())
            .output()
            .await
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn query_prints_rows_on_stdout_and_stats_and_quota_on_stderr() {
    let server = TestServer::start(with_sign_in(|_| Reply::sample(200, "xdr-ok.json"))).await;
    let home = Home::new(Some(&server), "xdr");
    let out = home
        .run(&["query", "DeviceProcessEvents | take 2", "--format", "csv"])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Timestamp,FileName,InitiatingProcessFileName\r\n2020-08-30T06:38:35.7664356Z,conhost.exe,powershell.exe\r\n2020-08-30T06:38:30.5163363Z,conhost.exe,powershell.exe\r\n"
    );
    let err = text(&out.stderr);
    assert!(err.contains("2 rows × 3 columns"), "{err}");
    assert!(
        err.contains("server: execution 4.62 s, CPU 19.06 s, memory cache 99.4% hits"),
        "{err}"
    );
    assert!(err.contains("quota: 44/45 calls left this minute"), "{err}");
}

#[tokio::test]
async fn the_table_format_fits_the_width_and_shows_hostile_bytes_inertly() {
    let body = r#"{"schema":[{"name":"Cmd","type":"String"},{"name":"N","type":"Int64"}],"results":[{"Cmd":"\u001b]52;c;ZXZpbA==\u0007 \u001b[2J evil","N":7},{"Cmd":"日本語","N":12345}]}"#;
    let server = TestServer::start(with_sign_in(move |_| Reply::json(200, body))).await;
    let home = Home::new(Some(&server), "graph");
    let out = home.run(&["query", "x", "-q"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        !table.contains('\x1b') && !table.contains('\x07'),
        "{table:?}"
    );
    assert!(table.contains("␛]52;c;ZXZpbA==␇ ␛[2J evil"), "{table}");
    assert!(
        table
            .lines()
            .all(|l| kqlhunt::results::display::display_width(l) <= 100),
        "{table}"
    );
    assert!(
        table.lines().nth(3).unwrap().ends_with("12345"),
        "numbers right-aligned: {table}"
    );
    assert!(out.stderr.is_empty(), "-q keeps stderr quiet");
}

#[tokio::test]
async fn a_rejected_query_exits_1_with_the_engine_text_and_nothing_on_stdout() {
    let server = TestServer::start(with_sign_in(|_| {
        Reply::sample(400, "error-graph-400-semantic.json")
    }))
    .await;
    let home = Home::new(Some(&server), "graph");
    let out = home
        .run(&["query", "DeviceProcessEvents | where Timestmp > ago(1d)"])
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("Failed to resolve scalar expression named 'Timestmp'"),
        "{err}"
    );
    assert!(err.contains("quota: 44/45"), "the call still counts: {err}");
}

#[tokio::test]
async fn usage_mistakes_exit_2_with_advice() {
    let home = Home::new(None, "graph");
    let out = home.run(&["query", "x", "--profile", "nope"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no profile named 'nope' (configured: lab)"));

    let file = home.dir.path().join("latin1.kql");
    std::fs::write(&file, b"DeviceInfo | where DeviceName == \"caf\xe9\"").unwrap();
    let out = home.run(&["query", "-f", file.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not UTF-8"),
        "{}",
        text(&out.stderr)
    );

    let empty = tempfile::tempdir().unwrap();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args(["query", "DeviceInfo"])
        .env("KQLHUNT_CONFIG_DIR", empty.path())
        .env("KQLHUNT_DATA_DIR", empty.path())
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no profile is configured"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn convert_turns_every_sample_shape_into_each_format() {
    let home = Home::new(None, "graph");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mde = data.join("mde-ok-sbyte.json");
    let out = home
        .run(&["convert", mde.to_str().unwrap(), "--format", "jsonl"])
        .await;
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "{\"EventTime\":\"2018-07-09T07:16:26.8017265Z\",\"IsAzureInfoProtectionApplied\":false,\"RequestSourcePort\":null,\"FileSize\":123456789012}\n{\"EventTime\":\"2018-07-08T19:00:02.7798905Z\",\"IsAzureInfoProtectionApplied\":true,\"RequestSourcePort\":49152,\"FileSize\":0}\n"
    );
    let graph = data.join("graph-ok.json");
    let out = home
        .run(&["convert", graph.to_str().unwrap(), "--format", "json"])
        .await;
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows[0]["AdditionalFields"]["Depth"],
        serde_json::json!([1, 2])
    );
    assert!(
        text(&out.stdout).contains("\"ProcessId\":9007199254740993"),
        "long digits exact in JSON"
    );
    let target = home.dir.path().join("out.tsv");
    let out = home
        .run(&[
            "convert",
            graph.to_str().unwrap(),
            "--format",
            "tsv",
            "-o",
            target.to_str().unwrap(),
        ])
        .await;
    assert!(out.status.success() && out.stdout.is_empty());
    let tsv = std::fs::read_to_string(&target).unwrap();
    assert!(
        tsv.starts_with(
            "Timestamp\tFileName\tInitiatingProcessFileName\tProcessId\tAdditionalFields\n"
        ),
        "{tsv}"
    );

    let truncated = data.join("xdr-truncated.json");
    let out = home.run(&["convert", truncated.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cut off"),
        "{}",
        text(&out.stderr)
    );
    let html = data.join("error-proxy-502.html");
    let out = home.run(&["convert", html.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(1));
}

#[tokio::test]
async fn profiles_lists_the_default() {
    let home = Home::new(None, "mde");
    let out = home.run(&["profiles"]).await;
    let listing = text(&out.stdout);
    assert!(listing.starts_with("* lab"), "{listing}");
    assert!(
        listing.contains("mde") && listing.contains("client-secret") && listing.contains("contoso"),
        "{listing}"
    );
}

#[tokio::test]
async fn no_secret_or_token_reaches_any_output_or_file() {
    let server = TestServer::start(with_sign_in(|r| {
        if r.path.contains("runHunting") && r.json()["Query"] == "fail" {
            Reply::sample(401, "error-graph-400-semantic.json")
        } else {
            Reply::sample(200, "graph-ok.json")
        }
    }))
    .await;
    let home = Home::new(Some(&server), "graph");
    let mut outputs = Vec::new();
    for args in [
        &["query", "DeviceInfo", "--format", "json"][..],
        &["query", "fail"],
        &["query", "--verbose", "DeviceInfo"],
        &["login"],
        &["profiles"],
    ] {
        let out = home.run(args).await;
        outputs.push(text(&out.stdout) + &text(&out.stderr));
    }
    assert!(outputs[3].contains("Signed in"), "{}", outputs[3]);
    assert!(
        outputs[2].contains("→ POST") && outputs[2].contains("Authorization: Bearer ***"),
        "--verbose describes the call: {}",
        outputs[2]
    );
    for file in walk(&home.dir.path().join("data")) {
        outputs.push(String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned());
    }
    for (i, output) in outputs.iter().enumerate() {
        assert!(
            !output.contains(SECRET),
            "the client secret leaked in output {i}: {output}"
        );
        assert!(
            !output.contains(TOKEN),
            "the access token leaked in output {i}: {output}"
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                vec![e.path()]
            }
        })
        .collect()
}

#[tokio::test]
async fn the_demo_tenant_answers_headless_queries_in_each_api_shape() {
    let home = Home::new(None, "graph");
    let out = home
        .run(&["query", "--demo", "DeviceInfo | take 5", "--format", "csv"])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert_eq!(csv.lines().count(), 6, "a header and five rows: {csv}");
    assert!(csv.starts_with("Timestamp,DeviceId,DeviceName,"), "{csv}");
    assert!(
        text(&out.stderr).contains("server: no statistics"),
        "{}",
        text(&out.stderr)
    );

    let out = home
        .run(&[
            "query",
            "--demo",
            "--flavor",
            "xdr",
            "DeviceProcessEvents | summarize count() by bin(Timestamp, 1d) | count",
            "-q",
            "--format",
            "jsonl",
        ])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let days: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
    assert!(
        days["Count"]
            .as_i64()
            .is_some_and(|n| (30..=32).contains(&n)),
        "a month of data: {days}"
    );

    let out = home
        .run(&[
            "query",
            "--demo",
            "--flavor",
            "mde",
            "DeviceProcessEvents | take 1",
        ])
        .await;
    assert!(
        text(&out.stderr).contains("server: execution"),
        "legacy shapes report Stats: {}",
        text(&out.stderr)
    );

    let out = home.run(&["--demo"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("kqlhunt query --demo"),
        "{err}"
    );
}

#[tokio::test]
async fn query_reads_a_run_kept_in_the_history_locally_without_a_call() {
    let server = TestServer::start(with_sign_in(|_| Reply::sample(200, "xdr-ok.json"))).await;
    let home = Home::new(Some(&server), "xdr");
    let out = home.run(&["query", "DeviceProcessEvents | take 2"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let calls = server.requests().len();

    let out = home
        .run(&[
            "query",
            "_run(1) | summarize n = count() by FileName",
            "--format",
            "csv",
        ])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "FileName,n\r\nconhost.exe,2\r\n");
    assert!(
        text(&out.stderr).contains("local: no quota spent"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(server.requests().len(), calls, "no call for a local query");

    let out = home.run(&["query", "_result | count"]).await;
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("read a run kept in the history with _run(ID)"),
        "{}",
        text(&out.stderr)
    );
    let out = home.run(&["query", "_run(7) | count"]).await;
    assert!(
        text(&out.stderr).contains("no run 7 in the history"),
        "{}",
        text(&out.stderr)
    );
}
