//! Dynamic values: parsing JSON, arrays and property bags.

use serde_json::Value as Json;

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "parse_json" | "parsejson" | "todynamic" | "toobject" => (parse_json, 1, 1),
        "array_length" => (
            |a| match arg(a, 0) {
                Scalar::Dynamic(j) => j
                    .as_array()
                    .map_or(Scalar::Null, |v| Scalar::Long(v.len() as i64)),
                _ => Scalar::Null,
            },
            1,
            1,
        ),
        "bag_keys" => (
            |a| match arg(a, 0) {
                Scalar::Dynamic(j) => j.as_object().map_or(Scalar::Null, |o| {
                    Scalar::from_json(Json::Array(
                        o.keys().map(|k| Json::String(k.clone())).collect(),
                    ))
                }),
                _ => Scalar::Null,
            },
            1,
            1,
        ),
        "pack" | "bag_pack" => (pack, 0, 128),
        "pack_array" => (
            |a| Scalar::from_json(Json::Array(a.iter().map(Scalar::to_json).collect())),
            0,
            128,
        ),
        "array_concat" => (
            |a| {
                Scalar::from_json(Json::Array(
                    a.iter()
                        .flat_map(|v| match v.to_json() {
                            Json::Array(items) => items,
                            _ => Vec::new(),
                        })
                        .collect(),
                ))
            },
            1,
            64,
        ),
        "array_index_of" => (
            |a| match (arg(a, 0), arg(a, 1)) {
                (Scalar::Dynamic(j), needle) => j.as_array().map_or(Scalar::Null, |items| {
                    Scalar::Long(
                        items
                            .iter()
                            .position(|i| Scalar::from_json(i.clone()).equals(needle) == Some(true))
                            .map_or(-1, |p| p as i64),
                    )
                }),
                _ => Scalar::Null,
            },
            2,
            2,
        ),
        "set_has_element" => (
            |a| match (arg(a, 0), arg(a, 1)) {
                (Scalar::Dynamic(j), needle) => Scalar::Bool(j.as_array().is_some_and(|items| {
                    items
                        .iter()
                        .any(|i| Scalar::from_json(i.clone()).equals(needle) == Some(true))
                })),
                _ => Scalar::Null,
            },
            2,
            2,
        ),
        "array_sort_asc" => (|a| sorted(a, false), 1, 1),
        "array_sort_desc" => (|a| sorted(a, true), 1, 1),
        "extractjson" | "extract_json" => (extract_json, 2, 3),
        "gettype" => (
            |a| {
                Scalar::str(match arg(a, 0) {
                    Scalar::Null => "null",
                    Scalar::Bool(_) => "bool",
                    Scalar::Long(_) => "long",
                    Scalar::Real(_) => "real",
                    Scalar::DateTime(_) => "datetime",
                    Scalar::Timespan(_) => "timespan",
                    Scalar::String(_) => "string",
                    Scalar::Dynamic(j) => match &**j {
                        Json::Array(_) => "array",
                        Json::Object(_) => "dictionary",
                        Json::String(_) => "string",
                        Json::Number(n) if n.is_i64() => "long",
                        Json::Number(_) => "real",
                        Json::Bool(_) => "bool",
                        Json::Null => "null",
                    },
                })
            },
            1,
            1,
        ),
        "parse_url" => (parse_url, 1, 1),
        "parse_path" => (parse_path, 1, 1),
        _ => return None,
    })
}

fn parse_json(a: &[Scalar]) -> Scalar {
    match arg(a, 0) {
        // The empty string holds no JSON: null.
        Scalar::String(s) if s.trim().is_empty() => Scalar::Null,
        Scalar::String(s) => serde_json::from_str(s).map_or_else(
            |_| Scalar::from_json(Json::String(s.to_string())),
            Scalar::from_json,
        ),
        Scalar::Dynamic(j) => match &**j {
            Json::String(s) => serde_json::from_str(s)
                .map_or_else(|_| Scalar::Dynamic(j.clone()), Scalar::from_json),
            _ => Scalar::Dynamic(j.clone()),
        },
        other => Scalar::from_json(other.to_json()),
    }
}

fn pack(a: &[Scalar]) -> Scalar {
    let mut map = serde_json::Map::new();
    for pair in a.chunks(2) {
        if let [k, v] = pair {
            map.insert(k.to_text().unwrap_or_default().into_owned(), v.to_json());
        }
    }
    Scalar::from_json(Json::Object(map))
}

fn sorted(a: &[Scalar], descending: bool) -> Scalar {
    let Scalar::Dynamic(j) = arg(a, 0) else {
        return Scalar::Null;
    };
    let Some(items) = j.as_array() else {
        return Scalar::Null;
    };
    let mut values: Vec<Scalar> = items.iter().cloned().map(Scalar::from_json).collect();
    values.sort_by(|x, y| {
        if descending {
            y.compare(x)
        } else {
            x.compare(y)
        }
    });
    Scalar::from_json(Json::Array(values.iter().map(Scalar::to_json).collect()))
}

fn extract_json(a: &[Scalar]) -> Scalar {
    let (Some(path), Some(text)) = (arg(a, 0).to_text(), arg(a, 1).to_text()) else {
        return Scalar::Null;
    };
    let Ok(mut json) = serde_json::from_str::<Json>(&text) else {
        return Scalar::Null;
    };
    for step in path
        .trim_start_matches('$')
        .split(['.', '[', ']'])
        .filter(|s| !s.is_empty())
    {
        let step = step.trim_matches(|c| c == '\'' || c == '"');
        json = match step.parse::<usize>() {
            Ok(i) => json.get(i).cloned().unwrap_or(Json::Null),
            Err(_) => json.get(step).cloned().unwrap_or(Json::Null),
        };
    }
    match json {
        Json::String(s) => Scalar::str(&s),
        Json::Null => Scalar::Null,
        other => Scalar::str(&other.to_string()),
    }
}

fn parse_url(a: &[Scalar]) -> Scalar {
    let Some(url) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let (scheme, rest) = url.split_once("://").unwrap_or(("", &url));
    let (authority, path_query) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let (host, port) = authority
        .rsplit('@')
        .next()
        .unwrap_or(authority)
        .split_once(':')
        .unwrap_or((authority, ""));
    let params: serde_json::Map<String, Json> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), Json::String(v.to_owned())))
        .collect();
    Scalar::from_json(serde_json::json!({
        "Scheme": scheme, "Host": host, "Port": port, "Path": path, "Query Parameters": params,
        "Fragment": url.split_once('#').map_or("", |(_, f)| f),
    }))
}

fn parse_path(a: &[Scalar]) -> Scalar {
    let Some(path) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let cut = path.rfind(['\\', '/']).map_or(0, |i| i + 1);
    let filename = &path[cut..];
    Scalar::from_json(serde_json::json!({
        "DirectoryPath": path[..cut.saturating_sub(1)],
        "DirectoryName": path[..cut.saturating_sub(1)].rsplit(['\\', '/']).next().unwrap_or(""),
        "Filename": filename,
        "Extension": filename.rsplit_once('.').map_or("", |(_, e)| e),
    }))
}
