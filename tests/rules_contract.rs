//! `kqlhunt rules` on the real binary against request and response shapes as Microsoft
//! documents them (tests/data/detection-rules, sources in SOURCE.md): first a loopback server
//! that answers with the documented samples and records what it was sent, then the same
//! commands against the demo tenant's emulator, which must answer alike.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use kqlhunt::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET};
use kqlhunt::emulator::{Emulator, EmulatorConfig};
use kqlhunt::rules::file;
use kqlhunt::rules::DetectionRule;
use support::rig::{with_sign_in, SECRET};
use support::{Reply, TestServer};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new(url: &str, client_id: &str, secret: &str) -> Home {
        let dir = tempfile::tempdir().unwrap();
        let secret_file = dir.path().join("secret");
        kqlhunt::files::write_atomic(&secret_file, secret.as_bytes(), true).unwrap();
        let config = format!(
            "default_profile = \"lab\"\n[rules]\nfolder = \"{}\"\n[profiles.lab]\ntenant = \"contoso\"\nbase_url = \"{url}\"\nlogin_url = \"{url}\"\n[profiles.lab.auth]\nmethod = \"client-secret\"\nclient_id = \"{client_id}\"\nclient_secret_file = \"{}\"\n",
            dir.path().join("rules").display(),
            secret_file.display()
        );
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::write(dir.path().join("config/config.toml"), config).unwrap();
        Home { dir }
    }

    fn rules(&self) -> PathBuf {
        self.dir.path().join("rules")
    }

    async fn run(&self, args: &[&str]) -> Output {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
            .args(args)
            .env("KQLHUNT_CONFIG_DIR", self.dir.path().join("config"))
            .env("KQLHUNT_DATA_DIR", self.dir.path().join("data"))
            .stdin(std::process::Stdio::null())
            .output()
            .await
            .unwrap()
    }

    /// Writes `rule` as a rule file in the rules folder.
    fn put(&self, rule: &DetectionRule) -> PathBuf {
        let path = self.rules().join(file::file_name(rule));
        std::fs::create_dir_all(self.rules()).unwrap();
        std::fs::write(&path, file::write(rule)).unwrap();
        path
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample(name: &str) -> serde_json::Value {
    serde_json::from_slice(&support::sample(&format!("detection-rules/{name}"))).unwrap()
}

fn rule(name: &str) -> DetectionRule {
    DetectionRule::from_json(&sample(name)).unwrap()
}

const RULES: &str = "/v1.0/security/rules/detectionRules";

#[tokio::test]
async fn push_sends_the_documented_create_request_and_list_reads_the_documented_list() {
    let server = TestServer::start(with_sign_in(|request| {
        match (request.method.as_str(), request.path.as_str()) {
            ("GET", RULES) => Reply::sample(200, "detection-rules/list.json"),
            ("GET", _) => Reply::json(404, r#"{"error":{"code":"NotFound","message":"No rule."}}"#),
            ("POST", RULES) => Reply::sample(201, "detection-rules/create-response.json"),
            _ => Reply::json(500, "{}"),
        }
    }))
    .await;
    let home = Home::new(&server.url(), "app-id", SECRET);
    let path = home.put(&rule("create-request.json"));

    let out = home.run(&["rules", "push"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sent: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == RULES)
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].json(),
        sample("create-request.json"),
        "the body is the documented request"
    );
    // The file now holds the tenant's version, read-only fields included.
    let saved = file::read(&path).unwrap().rule;
    assert_eq!(saved.created_by.as_deref(), Some("megan.bowen@contoso.com"));

    let out = home.run(&["rules", "list"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("contoso-office-encoded-powershell\tenabled\tPT1H"),
        "{listed}"
    );
    assert!(
        listed.contains("contoso-scheduled-task-by-unexpected-account\tautoDisabled\tP1D"),
        "{listed}"
    );
}

#[tokio::test]
async fn push_stops_when_the_tenant_changed_the_rule_since_the_pull() {
    let server = TestServer::start(with_sign_in(|request| {
        let mut changed = sample("create-response.json");
        changed["lastModifiedBy"] = "adele.vance@contoso.com".into();
        changed["lastModifiedDateTime"] = "2026-11-20T10:00:00Z".into();
        match request.method.as_str() {
            "GET" => Reply::json(200, changed.to_string()),
            _ => Reply::json(200, changed.to_string()),
        }
    }))
    .await;
    let home = Home::new(&server.url(), "app-id", SECRET);
    let mut mine = rule("create-response.json");
    mine.display_name.push_str(" (tuned)");
    home.put(&mine);

    let out = home.run(&["rules", "push"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains(
            "changed by adele.vance@contoso.com at 2026-11-20T10:00:00Z since this file was pulled"
        ),
        "{said}"
    );
    assert!(server
        .requests()
        .iter()
        .all(|r| r.method != "PATCH" && r.method != "POST" || r.path.ends_with("/token")));
}

async fn demo() -> Emulator {
    Emulator::start(EmulatorConfig {
        rows_scale: 0.2,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

fn planted_intrusion_rule() -> DetectionRule {
    let mut rule = rule("create-request.json");
    rule.id = "word-encoded-powershell".into();
    rule.display_name = "Encoded PowerShell started by Word".into();
    rule.schedule.frequency = "PT24H".into();
    rule.query_condition.query_text = "DeviceProcessEvents\n| where InitiatingProcessFileName =~ \"winword.exe\" and FileName =~ \"powershell.exe\"\n| where ProcessCommandLine has \"-enc\"\n| project Timestamp, DeviceId, DeviceName, ReportId, AccountName, AccountDomain, AccountSid, FileName, SHA1, SHA256, ProcessCommandLine".into();
    rule.detection_action.alert_template.title =
        "Word launched encoded PowerShell on {{DeviceName}}".into();
    rule
}

#[tokio::test]
async fn the_demo_tenant_takes_a_pushed_rule_updates_it_and_raises_its_alert() {
    let emulator = demo().await;
    let home = Home::new(&emulator.url, DEMO_CLIENT_ID, DEMO_SECRET);
    let path = home.put(&planted_intrusion_rule());
    let out = home.run(&["rules", "push", "--format", "json"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["action"], "created");

    // Its first run read the past 30 days: the planted intrusion raised an alert.
    let out = home
        .run(&[
            "query",
            "AlertInfo | where DetectionSource == 'Custom detection' | project Title, Severity",
            "--format",
            "csv",
            "--no-history",
        ])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = text(&out.stdout);
    assert!(
        rows.contains("Word launched encoded PowerShell on ws-"),
        "{rows}"
    );
    assert!(rows.contains(",High"), "{rows}");

    // Nothing changed: nothing to send. Then an edit: diff names it, push sends it.
    let out = home.run(&["rules", "push"]).await;
    assert!(
        text(&out.stderr).contains("unchanged"),
        "{}",
        text(&out.stderr)
    );
    let mut edited = file::read(&path).unwrap().rule;
    edited.schedule.frequency = "PT3H".into();
    std::fs::write(&path, file::write(&edited)).unwrap();
    let out = home.run(&["rules", "diff"]).await;
    assert!(
        text(&out.stdout).contains("schedule.frequency: \"PT24H\" → \"PT3H\""),
        "{}",
        text(&out.stdout)
    );
    let out = home.run(&["rules", "push"]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("updated word-encoded-powershell"),
        "{}",
        text(&out.stderr)
    );

    // Another rule under the same name: the service's 409, in words.
    let mut twin = planted_intrusion_rule();
    twin.id = "twin".into();
    let twin_path = home.put(&twin);
    let out = home
        .run(&["rules", "push", twin_path.to_str().unwrap()])
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("HTTP 409"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_file(twin_path).unwrap();

    // Disable, pull (the file follows), delete.
    let out = home
        .run(&["rules", "disable", "word-encoded-powershell"])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        file::read(&path).unwrap().rule.status.as_deref(),
        Some("disabled")
    );
    let out = home
        .run(&["rules", "delete", "word-encoded-powershell"])
        .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = home.run(&["rules", "list"]).await;
    assert_eq!(text(&out.stdout), "");
}

#[tokio::test]
async fn the_demo_tenant_refuses_as_the_service_does() {
    let emulator = demo().await;
    let http = kqlhunt::http::client(std::time::Duration::from_secs(30)).unwrap();
    let token = |client: &'static str| {
        let http = http.clone();
        let url = format!("{}/demo/oauth2/v2.0/token", emulator.url);
        async move {
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", client),
                ("client_secret", DEMO_SECRET),
                ("scope", "https://graph.microsoft.com/.default"),
            ];
            let answer = http.post(url).form(&form).send().await.unwrap();
            let answer: serde_json::Value =
                serde_json::from_str(&answer.text().await.unwrap()).unwrap();
            answer["access_token"].as_str().unwrap().to_owned()
        }
    };
    let url = format!("{}{RULES}", emulator.url);
    let mut body = sample("create-request.json");
    body["schedule"]["frequency"] = "PT7M".into();
    let answer = http
        .post(&url)
        .bearer_auth(token(DEMO_CLIENT_ID).await)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let error: serde_json::Value = serde_json::from_str(&answer.text().await.unwrap()).unwrap();
    assert_eq!(error["error"]["code"], "BadRequest");
    assert!(
        error["error"]["message"].as_str().unwrap().contains("PT7M"),
        "{error}"
    );
    assert!(
        error["error"]["innerError"]["request-id"].is_string(),
        "the documented envelope"
    );

    let reader = token(kqlhunt::emulator::identity::RULES_READER_CLIENT_ID).await;
    let listed = http.get(&url).bearer_auth(&reader).send().await.unwrap();
    assert_eq!(listed.status(), 200);
    let refused = http
        .post(&url)
        .bearer_auth(&reader)
        .header("content-type", "application/json")
        .body(sample("create-request.json").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("CustomDetection.ReadWrite.All"));
    let stranger = token(kqlhunt::emulator::identity::NO_ROLES_CLIENT_ID).await;
    assert_eq!(
        http.get(&url)
            .bearer_auth(&stranger)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(http.get(&url).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn check_as_detection_names_the_broken_rule_and_the_line() {
    let home = Home::new("http://127.0.0.1:9", "app-id", SECRET);
    let mut rule = planted_intrusion_rule();
    rule.schedule.frequency = "PT0S".into();
    rule.query_condition.query_text = format!(
        "{}\n| join kind=inner (DeviceInfo | project DeviceId, OSPlatform) on DeviceId",
        rule.query_condition.query_text
    );
    let path = home.put(&rule);
    let out = home
        .run(&["check", "--as-detection", path.to_str().unwrap()])
        .await;
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    let query_line = file::read(&path).unwrap().query_line;
    let join_line = query_line + 4;
    assert!(
        said.contains(&format!(
            "{}:{join_line}:3: error: a near-real-time rule reads one table",
            path.display()
        )),
        "{said}"
    );
    assert!(Path::new(&path).exists());
}
