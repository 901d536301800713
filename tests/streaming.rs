//! Big results headless: `kqlhunt convert` writes rows as the response is parsed. The streamed
//! bytes equal those of loading the whole response and writing it, for every shape and every
//! format that streams; and rows reach the output file before the response has ended.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use kqlhunt::results::stream::stream_response;
use kqlhunt::results::writers::{write_result, BatchWriter, Format};
use kqlhunt::results::{load_response, ResultSet};

const FORMATS: [Format; 4] = [Format::Csv, Format::Tsv, Format::Json, Format::Jsonl];

fn whole(bytes: &[u8], format: Format) -> Vec<u8> {
    let document = load_response(bytes.to_vec()).unwrap();
    let mut out = Vec::new();
    write_result(&document.result, format, 100, &mut out).unwrap();
    out
}

fn streamed(bytes: &[u8], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = BatchWriter::new(format);
    let done = stream_response(bytes, &mut |batch: &ResultSet| {
        writer.write(batch, &mut out)
    })
    .unwrap();
    assert!(done.has_table);
    writer.finish(&ResultSet::default(), &mut out).unwrap();
    out
}

/// `rows` rows of the Graph shape with escapes, nulls, odd types and a column the schema
/// lacks in one row (read as an extra column only when it comes before any batch is out).
fn response(rows: usize) -> String {
    let mut body = String::from(
        r#"{"schema":[{"name":"Timestamp","type":"DateTime"},{"name":"DeviceName","type":"String"},{"name":"ProcessId","type":"Int64"},{"name":"Score","type":"Double"},{"name":"Extra","type":"Object"},{"name":"Flag","type":"Boolean"}],"results":["#,
    );
    for i in 0..rows {
        if i > 0 {
            body.push(',');
        }
        let device = match i % 5 {
            0 => "ws-1.contoso.com".to_owned(),
            1 => "quote \\\" and, comma".to_owned(),
            2 => "line\\nbreak \\u00e9".to_owned(),
            3 => "=cmd|' /C calc'!A0".to_owned(),
            _ => format!("host-{i}"),
        };
        let pid = if i % 7 == 0 {
            "null".to_owned()
        } else {
            (i * 13).to_string()
        };
        let score = if i % 11 == 0 {
            "\"NaN\"".to_owned()
        } else {
            format!("{}.5", i % 100)
        };
        body.push_str(&format!(
            r#"{{"Timestamp":"2026-11-{:02}T06:38:35.7664356Z","DeviceName":"{device}","ProcessId":{pid},"Score":{score},"Extra":{{"n":{i},"l":[1,2]}},"Flag":{}}}"#,
            1 + i % 28,
            i % 2 == 0
        ));
    }
    body.push_str(r#"],"Stats":{"ExecutionTime":0.5}}"#);
    body
}

#[test]
fn streamed_output_equals_the_whole_answer_written_byte_for_byte() {
    let mut cases: Vec<(String, Vec<u8>)> = [
        "graph-ok.json",
        "graph-ok-capitalised.json",
        "mde-ok-sbyte.json",
        "log-analytics/ok-plain.json",
        "log-analytics/ok-with-statistics-and-render.json",
    ]
    .iter()
    .map(|name| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name);
        (name.to_string(), std::fs::read(path).unwrap())
    })
    .collect();
    cases.push(("5,000 rows".into(), response(5_000).into_bytes()));
    cases.push(("no rows".into(), response(0).into_bytes()));
    // Results before their schema: read whole, then written.
    let reordered = r#"{"Results":[{"A":"x","B":1}],"Schema":[{"Name":"A","Type":"String"},{"Name":"B","Type":"Int64"}]}"#;
    cases.push(("rows before schema".into(), reordered.as_bytes().to_vec()));
    for (name, bytes) in &cases {
        for format in FORMATS {
            let (streamed, whole) = (streamed(bytes, format), whole(bytes, format));
            assert!(
                streamed == whole,
                "{name} as {}: streamed\n{}\nwhole\n{}",
                format.name(),
                String::from_utf8_lossy(&streamed[..streamed.len().min(600)]),
                String::from_utf8_lossy(&whole[..whole.len().min(600)])
            );
        }
    }
}

#[test]
fn a_cut_response_is_an_error_that_says_so_and_puts_no_file_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let body = response(5_000);
    let cut = dir.path().join("cut.json");
    std::fs::write(&cut, &body[..body.len() / 2]).unwrap();
    let out = dir.path().join("out.csv");
    let ran = std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args([
            "convert",
            cut.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!ran.status.success());
    let said = String::from_utf8_lossy(&ran.stderr);
    assert!(said.contains("cut off in transfer"), "{said}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().count() == 1,
        "no output, not even a partial one"
    );
}

/// The file being written beside the output until it is complete.
fn partial(dir: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".partial"))
}

#[test]
fn convert_writes_the_first_rows_before_the_response_has_ended() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answer.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("rows.csv");
    let mut convert = std::process::Command::new(env!("CARGO_BIN_EXE_kqlhunt"))
        .args([
            "convert",
            fifo.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let body = response(10_000);
    let half = body.len() / 2;
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all(&body.as_bytes()[..half]).unwrap();
    pipe.flush().unwrap();

    // Half the answer is in; the other half is held back while the output is watched.
    let deadline = Instant::now() + Duration::from_secs(30);
    let first_rows = loop {
        let text = partial(&out_dir).and_then(|p| std::fs::read_to_string(p).ok());
        if let Some(text) = text.filter(|t| t.lines().count() > 1_000) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "no rows written while the answer was half read"
        );
        assert!(convert.try_wait().unwrap().is_none(), "convert ended early");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(first_rows.starts_with("Timestamp,DeviceName,ProcessId,Score,Extra,Flag\r\n"));
    assert!(
        !out.exists(),
        "nothing is in place before the answer is whole"
    );

    pipe.write_all(&body.as_bytes()[half..]).unwrap();
    drop(pipe);
    let ended = convert.wait_with_output().unwrap();
    assert!(
        ended.status.success(),
        "{}",
        String::from_utf8_lossy(&ended.stderr)
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        whole(body.as_bytes(), Format::Csv)
    );
}
