//! A rule as a file: a `.kql` file whose header, in comment lines so the file still runs as a
//! query, holds every field of the Graph `detectionRule` in TOML under the service's own names;
//! the query follows the header, byte for byte the rule's `queryCondition.queryText`.
//!
//! ```text
//! // kqlhunt detection rule: the header is the rule as Microsoft Graph holds it.
//! // ---
//! // id = "office-encoded-powershell"
//! // displayName = "Encoded PowerShell started by an Office app"
//! // status = "enabled"
//! // [schedule]
//! // frequency = "PT1H"
//! // [detectionAction.alertTemplate]
//! // title = "Office app launched encoded PowerShell"
//! // severity = "high"
//! // ---
//! DeviceProcessEvents
//! | where ...
//! ```

use std::path::Path;

use super::resource::DetectionRule;

/// The line that opens and closes the header.
const FENCE: &str = "// ---";
const INTRO: &str = "// kqlhunt detection rule: the header is the rule as Microsoft Graph holds it (TOML, field names as the Graph API documents them); the query follows it.";

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleFileError {
    #[error("no rule header: a rule file starts with a `{FENCE}` line, the rule's fields as `// name = value` lines, and another `{FENCE}` line before the query (`kqlhunt rules pull` writes one to copy)")]
    NoHeader,
    #[error("the header opened at line {0} is never closed: end it with a `{FENCE}` line before the query")]
    Unclosed(usize),
    #[error("line {0} is inside the header but is not a `//` comment: start it with `// `, or close the header with `{FENCE}` before it")]
    NotComment(usize),
    #[error("the header is not valid TOML: {0}")]
    Toml(String),
    #[error("the header does not describe a rule: {0}")]
    Shape(String),
}

/// A rule file read: the rule, and the line where its query starts (for findings' positions).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleFile {
    pub rule: DetectionRule,
    /// 1-based line of the query's first line in the file.
    pub query_line: usize,
}

/// Reads a rule file's text.
pub fn parse(text: &str) -> Result<RuleFile, RuleFileError> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_end() == FENCE;
    let open = lines
        .iter()
        .position(|l| is_fence(l))
        .ok_or(RuleFileError::NoHeader)?;
    let close = lines[open + 1..]
        .iter()
        .position(|l| is_fence(l))
        .map(|i| open + 1 + i)
        .ok_or(RuleFileError::Unclosed(open + 1))?;
    let mut header = String::new();
    for (i, line) in lines[open + 1..close].iter().enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let Some(rest) = body.strip_prefix("//") else {
            return Err(RuleFileError::NotComment(open + 2 + i));
        };
        header.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        header.push('\n');
    }
    let toml_value: toml::Table = toml::from_str(&header).map_err(|e| {
        RuleFileError::Toml(crate::results::display::safe_text(e.message()).into_owned())
    })?;
    let json =
        serde_json::to_value(&toml_value).map_err(|e| RuleFileError::Shape(e.to_string()))?;
    let mut rule: DetectionRule =
        serde_json::from_value(json).map_err(|e| RuleFileError::Shape(e.to_string()))?;
    let mut query: String = lines[close + 1..].concat();
    // The file ends with a newline the query does not hold (see `write`).
    if query.ends_with('\n') {
        query.pop();
    }
    rule.query_condition.query_text = query;
    Ok(RuleFile {
        rule,
        query_line: close + 2,
    })
}

/// The file text of `rule`. [`parse`] reads it back equal.
pub fn write(rule: &DetectionRule) -> String {
    let header_rule = rule;
    let query = &rule.query_condition.query_text;
    // Through JSON, so the TOML holds the service's names and no nulls.
    let header = match header_rule.to_json() {
        serde_json::Value::Object(mut map) => {
            // The query is below the header, not in it.
            let condition = map
                .get_mut("queryCondition")
                .and_then(|c| c.as_object_mut());
            if let Some(condition) = condition {
                condition.remove("queryText");
                if condition.is_empty() {
                    map.remove("queryCondition");
                }
            }
            super::header::to_toml(&map)
        }
        _ => String::new(),
    };
    let mut text = format!("{INTRO}\n{FENCE}\n");
    for line in header.lines() {
        if line.is_empty() {
            text.push_str("//\n");
        } else {
            text.push_str("// ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(FENCE);
    text.push('\n');
    text.push_str(query);
    text.push('\n');
    text
}

/// Reads a rule file from disk, in words that name the file.
pub fn read(path: &Path) -> Result<RuleFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{} is not UTF-8 text: save it as UTF-8", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A file name for a rule: its id, with what is not a letter, digit, `-` or `_` as `-`.
pub fn file_name(rule: &DetectionRule) -> String {
    let stem: String = rule
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if stem.is_empty() {
        "rule.kql".into()
    } else {
        format!("{stem}.kql")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> serde_json::Value {
        let path = format!(
            "{}/tests/data/detection-rules/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn every_documented_rule_round_trips_through_a_file_exactly() {
        let list = sample("list.json");
        for json in list["value"].as_array().unwrap() {
            let rule = DetectionRule::from_json(json).unwrap();
            let text = write(&rule);
            let back = parse(&text).unwrap();
            assert_eq!(back.rule, rule, "{text}");
            assert_eq!(back.rule.to_json(), rule.to_json());
            assert_eq!(write(&back.rule), text, "writing again changes nothing");
        }
    }

    #[test]
    fn the_header_uses_the_service_names_and_the_query_follows_it() {
        let rule = DetectionRule::from_json(&sample("create-response.json")).unwrap();
        let text = write(&rule);
        assert!(text.contains("// displayName = \"Encoded PowerShell started by an Office app\""));
        assert!(text.contains("// frequency = \"PT1H\""), "{text}");
        assert!(
            text.contains("\n// ---\nDeviceProcessEvents\n| where"),
            "{text}"
        );
        let read = parse(&text).unwrap();
        assert_eq!(
            text.lines().nth(read.query_line - 1),
            Some("DeviceProcessEvents")
        );
    }

    #[test]
    fn a_query_ending_in_a_newline_keeps_it() {
        let mut rule = DetectionRule {
            id: "x".into(),
            ..Default::default()
        };
        rule.query_condition.query_text = "DeviceInfo\n| take 1\n".into();
        assert_eq!(parse(&write(&rule)).unwrap().rule, rule);
    }

    #[test]
    fn text_that_looks_like_the_header_stays_text() {
        let mut rule = DetectionRule {
            id: "x".into(),
            display_name: "tab\there \"quoted\" // ---".into(),
            description: Some("first\n---\n// ---\r\nlast \u{1b}[31m".into()),
            ..Default::default()
        };
        rule.query_condition.query_text = "DeviceInfo\n// ---\n| take 1".into();
        let text = write(&rule);
        assert_eq!(parse(&text).unwrap().rule, rule, "{text}");
    }

    #[test]
    fn broken_headers_say_what_to_fix() {
        assert_eq!(parse("DeviceInfo"), Err(RuleFileError::NoHeader));
        assert_eq!(
            parse("// ---\n// id = \"a\"\nDeviceInfo\n"),
            Err(RuleFileError::Unclosed(1))
        );
        assert_eq!(
            parse("// ---\nid = \"a\"\n// ---\nDeviceInfo\n"),
            Err(RuleFileError::NotComment(2))
        );
        let bad = parse("// ---\n// id = \"a\n// ---\nx").unwrap_err();
        assert!(matches!(bad, RuleFileError::Toml(_)), "{bad}");
        let shape = parse("// ---\n// id = 3\n// ---\nx").unwrap_err();
        assert!(matches!(shape, RuleFileError::Shape(_)), "{shape}");
    }
}
