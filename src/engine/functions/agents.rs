//! `parse_user_agent(agent, look_for)`. The service matches the string against uap-core's
//! thousands of patterns; the demo tenant knows the families hunters meet most (current
//! browsers and scripting clients, Windows, macOS, iOS, Android, Linux), with uap-core's names
//! for them, and calls the rest `Other`, as uap-core does for what it does not know.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{Map, Value as Json};

use super::arg;
use super::web::fields;
use crate::engine::scalar::Scalar;

/// (pattern, family; `$1` takes the first group) — the version is in the next groups.
#[rustfmt::skip]
const BROWSERS: &[(&str, &str)] = &[
    (r"(AdobeAIR)/(\d+)\.(\d+)(?:\.(\d+))?", "$1"),
    (r"Edge?/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Edge"),
    (r"OPR/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Opera"),
    (r"(?:Chrome|CriOS)/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Chrome"),
    (r"(?:Firefox|FxiOS)/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Firefox"),
    (r"Version/(\d+)(?:\.(\d+))?(?:\.(\d+))?.*Mobile.*Safari/", "Mobile Safari"),
    (r"Version/(\d+)(?:\.(\d+))?(?:\.(\d+))?.*Safari/", "Safari"),
    (r"MSIE (\d+)\.(\d+)", "IE"),
    (r"Trident/.*rv:(\d+)\.(\d+)", "IE"),
    (r"^curl/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "curl"),
    (r"^Wget/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Wget"),
    (r"python-requests/(\d+)(?:\.(\d+))?(?:\.(\d+))?", "Python Requests"),
    (r"^Python-urllib/(\d+)(?:\.(\d+))?", "Python-urllib"),
];

/// Windows NT versions by the name uap-core gives them.
const WINDOWS: &[(&str, &str)] = &[
    ("10.0", "10"),
    ("6.3", "8.1"),
    ("6.2", "8"),
    ("6.1", "7"),
    ("6.0", "Vista"),
    ("5.1", "XP"),
];

fn compiled(patterns: &'static [(&'static str, &'static str)]) -> Vec<(Regex, &'static str)> {
    patterns
        .iter()
        .filter_map(|(p, family)| Some((Regex::new(p).ok()?, *family)))
        .collect()
}

fn browsers() -> &'static [(Regex, &'static str)] {
    static CELL: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    CELL.get_or_init(|| compiled(BROWSERS))
}

fn group<'t>(c: &regex::Captures<'t>, i: usize) -> &'t str {
    c.get(i).map_or("", |m| m.as_str())
}

fn browser(agent: &str) -> Json {
    for (re, family) in browsers() {
        if let Some(c) = re.captures(agent) {
            let (name, first) = if *family == "$1" {
                (group(&c, 1), 2)
            } else {
                (*family, 1)
            };
            return fields(&[
                ("Family", name),
                ("MajorVersion", group(&c, first)),
                ("MinorVersion", group(&c, first + 1)),
                ("Patch", group(&c, first + 2)),
            ]);
        }
    }
    fields(&[
        ("Family", "Other"),
        ("MajorVersion", ""),
        ("MinorVersion", ""),
        ("Patch", ""),
    ])
}

fn os_fields(family: &str, version: [&str; 4]) -> Json {
    fields(&[
        ("Family", family),
        ("MajorVersion", version[0]),
        ("MinorVersion", version[1]),
        ("Patch", version[2]),
        ("PatchMinor", version[3]),
    ])
}

fn os(agent: &str) -> Json {
    static CELL: OnceLock<Option<[Regex; 4]>> = OnceLock::new();
    let Some([windows, mac, ios, android]) = CELL
        .get_or_init(|| {
            Some([
                Regex::new(r"Windows NT (\d+\.\d+)").ok()?,
                Regex::new(r"Mac OS X (\d+)[_.](\d+)(?:[_.](\d+))?").ok()?,
                Regex::new(r"(?:iPhone|CPU) OS (\d+)_(\d+)(?:_(\d+))?").ok()?,
                Regex::new(r"Android (\d+)(?:\.(\d+))?(?:\.(\d+))?").ok()?,
            ])
        })
        .as_ref()
    else {
        return os_fields("Other", [""; 4]);
    };
    if let Some(c) = windows.captures(agent) {
        let name = WINDOWS
            .iter()
            .find(|(nt, _)| *nt == group(&c, 1))
            .map_or("", |(_, n)| *n);
        return os_fields("Windows", [name, "", "", ""]);
    }
    for (re, family) in [(ios, "iOS"), (mac, "Mac OS X"), (android, "Android")] {
        if let Some(c) = re.captures(agent) {
            return os_fields(family, [group(&c, 1), group(&c, 2), group(&c, 3), ""]);
        }
    }
    if agent.contains("Ubuntu") {
        return os_fields("Ubuntu", [""; 4]);
    }
    if agent.contains("Linux") {
        return os_fields("Linux", [""; 4]);
    }
    os_fields("Other", [""; 4])
}

fn device(agent: &str) -> Json {
    let (family, brand, model) = if agent.contains("iPhone") {
        ("iPhone", "Apple", "iPhone")
    } else if agent.contains("iPad") {
        ("iPad", "Apple", "iPad")
    } else if agent.contains("Macintosh") {
        ("Mac", "Apple", "Mac")
    } else {
        ("Other", "", "")
    };
    fields(&[("Family", family), ("Brand", brand), ("Model", model)])
}

pub fn parse_user_agent(a: &[Scalar]) -> Scalar {
    let Some(agent) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let wanted: Vec<String> = match arg(a, 1) {
        Scalar::Dynamic(j) if j.is_array() => j
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_ascii_lowercase))
            .collect(),
        other => other
            .to_text()
            .map(|s| s.to_ascii_lowercase())
            .into_iter()
            .collect(),
    };
    let mut out = Map::new();
    for target in wanted {
        match target.as_str() {
            "browser" => out.insert("Browser".into(), browser(&agent)),
            "os" => out.insert("OperatingSystem".into(), os(&agent)),
            "device" => out.insert("Device".into(), device(&agent)),
            _ => return Scalar::Null,
        };
    }
    Scalar::from_json(Json::Object(out))
}
