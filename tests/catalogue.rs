//! The one catalogue of the language against everything that reads it: the engine's function
//! table, aggregates and operators, the editor's colours and completion, the diagnostics, and
//! Microsoft's analyzer (`tests/kql-oracle/`), whose names and argument counts it must have.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use kqlhunt::assist::complete::{complete, ItemKind};
use kqlhunt::assist::diagnose::{diagnose, Advice, Severity};
use kqlhunt::assist::highlight::{highlight, Class};
use kqlhunt::assist::knowledge::Knowledge;
use kqlhunt::engine::{functions, Database, Engine, ErrorKind, Limits};
use kqlhunt::kql::catalogue::{self, Kind, MANY};

fn run(query: &str) -> Result<kqlhunt::engine::Answer, kqlhunt::engine::EngineError> {
    Engine::new(std::sync::Arc::new(Database::default())).run(query, 0, &Limits::default())
}

#[test]
fn every_function_the_engine_runs_is_in_the_catalogue_marked_so_and_the_reverse() {
    let mut wrong = Vec::new();
    for entry in catalogue::of_kind(Kind::Function) {
        if entry.runs != functions::implemented(entry.name) {
            wrong.push(format!(
                "{}: catalogue says runs={}, engine has code={}",
                entry.name,
                entry.runs,
                functions::implemented(entry.name)
            ));
        }
    }
    // Names the engine's family files map to code, read from their `lookup` match arms.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/functions");
    let arm =
        regex::Regex::new(r#"(?m)^\s*((?:"[a-z0-9_]+"\s*\|?\s*)+)=>\s*(return None)?"#).unwrap();
    let name = regex::Regex::new(r#""([a-z0-9_]+)""#).unwrap();
    for file in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap();
        let Some(start) = text.find("pub fn lookup") else {
            continue;
        };
        let end = text[start..]
            .find("\n}\n")
            .map_or(text.len(), |e| start + e);
        for arms in arm.captures_iter(&text[start..end]) {
            if arms.get(2).is_some() {
                continue;
            }
            for n in name.captures_iter(&arms[1]) {
                if catalogue::find(Kind::Function, &n[1]).is_none_or(|e| !e.runs) {
                    wrong.push(format!(
                        "{}: the engine has code in {} but the catalogue does not say it runs",
                        &n[1],
                        file.file_name().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The engine's code handles some of the argument counts the service takes (the catalogue
/// turns the others away first); a call with a count the engine does not handle is refused by
/// name, never answered without the arguments it cannot read.
#[test]
fn the_engine_handles_argument_counts_the_catalogue_allows_and_refuses_the_rest() {
    let mut wrong = Vec::new();
    for entry in catalogue::of_kind(Kind::Function).filter(|e| e.runs) {
        let Some((_, min, max)) = functions::lookup(entry.name) else {
            continue;
        };
        let (low, high) = (usize::from(entry.min_args), usize::from(entry.max_args));
        if max < low || min > high {
            wrong.push(format!(
                "{}: catalogue {low}..{high}, engine {min}..{max}",
                entry.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    let err = run("print array_index_of(dynamic([1, 2, 1]), 1, 1)").unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str()),
        (
            ErrorKind::Unsupported,
            "'array_index_of': the demo tenant does not run this; the service does"
        )
    );
}

#[test]
fn aggregates_the_engine_runs_are_the_ones_the_catalogue_marks() {
    let wrong: Vec<_> = catalogue::of_kind(Kind::Aggregate)
        .filter(|e| e.runs != kqlhunt::engine::runs_aggregate(e.name))
        .map(|e| e.name)
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn each_operator_example_runs_when_marked_and_is_refused_by_name_otherwise() {
    let prefix = "let T = datatable(x: long, s: string) [1, 'a', 2, 'b'];\n";
    let mut wrong = Vec::new();
    for entry in catalogue::of_kind(Kind::Operator) {
        let outcome = run(&format!("{prefix}{}", entry.example));
        match (entry.runs, outcome) {
            (true, Ok(_)) => {}
            (false, Err(e)) if e.kind == ErrorKind::Unsupported => {}
            (false, Err(e))
                if e.kind == ErrorKind::Syntax
                    && entry.backends.adx
                    && !entry.backends.defender => {}
            (runs, outcome) => wrong.push(format!(
                "{} (runs={runs}): {:?}",
                entry.name,
                outcome.map(|_| "ran")
            )),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_editor_colours_every_operator_as_a_keyword_and_offers_each_after_a_pipe() {
    let knowledge = Knowledge::default();
    let offered: BTreeSet<String> = complete(&knowledge, "DeviceInfo | ", 13)
        .items
        .into_iter()
        .filter(|i| i.kind == ItemKind::Operator)
        .map(|i| i.label)
        .collect();
    for entry in catalogue::of_kind(Kind::Operator).filter(|e| !e.hidden) {
        let text = format!("T | {}", entry.name);
        let colours = highlight(&text);
        assert!(
            colours
                .iter()
                .any(|(span, class)| &text[span.start..span.end] == entry.name
                    && *class == Class::Keyword),
            "{} is coloured as an operator: {colours:?}",
            entry.name
        );
        let typed = format!("DeviceInfo | {}", entry.name);
        let found = complete(&knowledge, &typed, typed.len());
        assert_eq!(
            found.items[0].label, entry.name,
            "typed in full, it comes first"
        );
        assert!(
            offered.contains(entry.name) || offered.len() >= 50,
            "{} offered",
            entry.name
        );
    }
}

#[test]
fn completion_shows_a_functions_signature_from_the_catalogue() {
    let knowledge = Knowledge::default();
    let text = "DeviceNetworkEvents | extend g = geo_info_from_ip";
    let found = complete(&knowledge, text, text.len());
    assert_eq!(found.items[0].label, "geo_info_from_ip_address");
    assert_eq!(
        found.items[0].detail,
        "geo_info_from_ip_address(ip: string) → dynamic"
    );
    let text = "DeviceNetworkEvents | extend s = substr";
    let found = complete(&knowledge, text, text.len());
    assert_eq!(
        found.items[0].detail,
        "substring(string: scalar, start: int|long [, length: int|long]) → string"
    );
}

fn findings(text: &str) -> Vec<(String, Severity, &'static str, String)> {
    diagnose(&Knowledge::default(), text, Advice::default())
        .into_iter()
        .map(|d| {
            (
                text[d.span.start..d.span.end].to_owned(),
                d.severity,
                d.code,
                d.message,
            )
        })
        .collect()
}

#[test]
fn a_function_that_does_not_exist_is_an_error_worded_as_the_service_words_it() {
    let found = findings(
        "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where to_lowercase(FileName) == \"x.exe\"",
    );
    assert_eq!(
        found,
        [(
            "to_lowercase".to_owned(),
            Severity::Error,
            "unknown-function",
            "The name 'to_lowercase' does not refer to any known function.".to_owned()
        )]
    );
    // A function the query defines is no unknown name.
    assert!(
        findings("let to_lowercase = (s: string) { tolower(s) };\nprint to_lowercase('A')")
            .is_empty()
    );
    // Nor is a deprecated spelling the service still accepts.
    assert!(findings("print x = iif(true, 1, 2)").is_empty());
    let err = run("print to_lowercase('A')").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Semantic);
    assert_eq!(
        err.message,
        "The name 'to_lowercase' does not refer to any known function."
    );
}

#[test]
fn a_valid_function_the_demo_does_not_run_is_a_hint_never_an_error() {
    let found = findings("print z = zlib_compress_to_base64_string('abc')");
    assert_eq!(
        found,
        [(
            "zlib_compress_to_base64_string".to_owned(),
            Severity::Hint,
            "not-in-demo",
            "'zlib_compress_to_base64_string': the demo tenant does not run this; the service does"
                .to_owned()
        )]
    );
    let err = run("print zlib_compress_to_base64_string('abc')").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
}

#[test]
fn a_string_left_open_across_lines_is_an_error() {
    let found = findings("print x = \"abc\n| take 1");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1),
        ("\"abc", Severity::Error)
    );
    assert!(found[0].3.contains("not closed"), "{found:?}");
    assert_eq!(run("print x = 'abc\n").unwrap_err().kind, ErrorKind::Syntax);
    // Closed strings, escapes, verbatim and multi-line strings are fine.
    for good in [
        "print x = 'a\\'b'",
        "print x = \"a\\\\\"",
        "print x = @'C:\\'",
        "print x = @\"say \"\"hi\"\"\"",
        "print x = ```a\nb```",
    ] {
        assert!(run(good).is_ok(), "{good}");
    }
}

/// The analyzer's functions, aggregates and plug-ins: name, kind, fewest and most arguments.
fn analyzer() -> Vec<(String, String, u32, u32)> {
    let dir = oracle_dir();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kql-oracle/catalogue.js"),
        dir.join("catalogue.js"),
    )
    .unwrap();
    let output = Command::new("node")
        .arg("catalogue.js")
        .current_dir(&dir)
        .output()
        .expect("node runs the analyzer");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                v["name"].as_str().unwrap().to_owned(),
                v["kind"].as_str().unwrap().to_owned(),
                v["min"].as_u64().unwrap() as u32,
                v["max"].as_u64().unwrap() as u32,
            )
        })
        .collect()
}

#[test]
fn the_catalogue_has_every_name_of_microsofts_analyzer_with_its_argument_counts() {
    let known = analyzer();
    assert!(known.len() > 400, "the analyzer lists its functions");
    let mut wrong = Vec::new();
    for (name, kind, min, max) in &known {
        let kind = match kind.as_str() {
            "function" => Kind::Function,
            "aggregate" => Kind::Aggregate,
            _ => Kind::Plugin,
        };
        let Some(entry) = catalogue::find(kind, name) else {
            wrong.push(format!("{name}: missing"));
            continue;
        };
        let max = if *max > 64 { u32::from(MANY) } else { *max };
        if (u32::from(entry.min_args), u32::from(entry.max_args)) != (*min, max) {
            wrong.push(format!(
                "{name}: {}..{} but the analyzer says {min}..{max}",
                entry.min_args, entry.max_args
            ));
        }
    }
    // What the catalogue adds: literal forms, the service's own tabular functions.
    let names: BTreeSet<&str> = known.iter().map(|(n, _, _, _)| n.as_str()).collect();
    let extra: Vec<&str> = catalogue::all()
        .filter(|e| e.kind != Kind::Operator && !names.contains(e.name))
        .map(|e| e.name)
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(
        extra,
        [
            "__search_all",
            "adx",
            "app",
            "AssignedIPAddresses",
            "DeviceFromIP",
            "FileProfile",
            "materialize",
            "resource",
            "SeenBy",
            "toscalar",
            "typeof",
            "view",
            "workspace",
            "datetime",
            "time",
            "timespan",
            "bool",
            "boolean",
            "decimal",
            "double",
            "guid",
            "int",
            "long",
            "real",
            "dynamic"
        ]
    );
}

fn oracle_dir() -> PathBuf {
    support::analyzer::analyzer_dir()
}

#[test]
fn kqlhunt_check_names_a_missing_function_and_an_open_string_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let missing = write(
        "missing.kql",
        "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where to_lowercase(FileName) == \"x\"\n",
    );
    let open = write(
        "open.kql",
        "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FileName == \"x\n| take 1\n",
    );
    let service_only = write(
        "service.kql",
        "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| extend z = zlib_compress_to_base64_string(FileName)\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .arg("check")
        .args([&missing, &open, &service_only])
        .env("KQLHUNT_CONFIG_DIR", dir.path().join("config"))
        .env("KQLHUNT_DATA_DIR", dir.path().join("data"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("missing.kql:3:9: error: The name 'to_lowercase' does not refer to any known function. [unknown-function]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("open.kql:3:21: error: syntax error: a string literal is not closed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("service.kql:3:14: hint: 'zlib_compress_to_base64_string': the demo tenant does not run this; the service does [not-in-demo]"),
        "{stdout}"
    );
}
