//! The rule file's header written as TOML by hand, so every string is one line: a value with
//! line breaks (a description in paragraphs) is written with `\n` escapes, never as a
//! multi-line string whose lines could look like the header's end. Strings are written as JSON
//! strings, which are TOML basic strings.

use serde_json::{Map, Value as Json};

/// The TOML text of `table`.
pub fn to_toml(table: &Map<String, Json>) -> String {
    let mut out = String::new();
    emit(table, "", &mut out);
    out
}

fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_owned()
    } else {
        Json::String(name.to_owned()).to_string()
    }
}

fn is_table_array(value: &Json) -> bool {
    matches!(value, Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object))
}

fn emit(table: &Map<String, Json>, path: &str, out: &mut String) {
    let child_path = |name: &str| {
        if path.is_empty() {
            key(name)
        } else {
            format!("{path}.{}", key(name))
        }
    };
    for (name, value) in table {
        if !value.is_object() && !is_table_array(value) {
            out.push_str(&format!("{} = {}\n", key(name), inline(value)));
        }
    }
    for (name, value) in table {
        match value {
            Json::Object(child) => {
                // A table holding only tables is implied by theirs: no header of its own.
                let only_tables =
                    !child.is_empty() && child.values().all(|v| v.is_object() || is_table_array(v));
                if !only_tables {
                    out.push_str(&format!("\n[{}]\n", child_path(name)));
                }
                emit(child, &child_path(name), out);
            }
            Json::Array(items) if is_table_array(value) => {
                for item in items {
                    out.push_str(&format!("\n[[{}]]\n", child_path(name)));
                    if let Json::Object(child) = item {
                        emit(child, &child_path(name), out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn inline(value: &Json) -> String {
    match value {
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Json::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        // Nulls never reach here (the rule's JSON has none); TOML has no null to write.
        Json::Null => "\"\"".into(),
        other => other.to_string(),
    }
}
