//! String functions and the term matching behind `has`.

use std::sync::Arc;

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "tostring" => (tostring, 1, 1),
        "tolower" => (tolower, 1, 1),
        "toupper" => (toupper, 1, 1),
        "strcat" => (strcat, 1, 64),
        "strcat_delim" => (strcat_delim, 2, 64),
        "strlen" => (strlen, 1, 1),
        "string_size" => (string_size, 1, 1),
        "substring" => (substring, 2, 3),
        "split" => (split, 2, 3),
        "replace_string" => (replace_string, 3, 3),
        "trim" => (trim, 2, 2),
        "trim_start" => (trim_start, 2, 2),
        "trim_end" => (trim_end, 2, 2),
        "indexof" => (indexof, 2, 5),
        "countof" => (countof, 2, 3),
        "isempty" => (|a| Scalar::Bool(arg(a, 0).is_empty()), 1, 1),
        "isnotempty" | "notempty" => (|a| Scalar::Bool(!arg(a, 0).is_empty()), 1, 1),
        "isnull" => (|a| Scalar::Bool(arg(a, 0).is_null()), 1, 1),
        "isnotnull" | "notnull" => (|a| Scalar::Bool(!arg(a, 0).is_null()), 1, 1),
        "reverse" => (
            |a| {
                text(a, 0).map_or(Scalar::Null, |s| {
                    Scalar::str(&s.chars().rev().collect::<String>())
                })
            },
            1,
            1,
        ),
        "base64_decode_tostring" | "base64_decodestring" => (base64_decode, 1, 1),
        "base64_decode_toarray" => (base64_decode_toarray, 1, 1),
        "base64_encode_tostring" | "base64_encodestring" => (base64_encode, 1, 1),
        "url_decode" => (url_decode, 1, 1),
        "ipv4_is_private" => (ipv4_is_private, 1, 1),
        "has_any_index" => return None,
        _ => return None,
    })
}

pub(crate) fn text(args: &[Scalar], i: usize) -> Option<std::borrow::Cow<'_, str>> {
    arg(args, i).to_text()
}

fn tostring(a: &[Scalar]) -> Scalar {
    match arg(a, 0) {
        Scalar::String(s) => Scalar::String(s.clone()),
        // tostring of null is the empty string in Kusto.
        Scalar::Null => Scalar::str(""),
        other => Scalar::str(&other.to_text().unwrap_or_default()),
    }
}

fn tolower(a: &[Scalar]) -> Scalar {
    text(a, 0).map_or(Scalar::Null, |s| Scalar::str(&s.to_lowercase()))
}

fn toupper(a: &[Scalar]) -> Scalar {
    text(a, 0).map_or(Scalar::Null, |s| Scalar::str(&s.to_uppercase()))
}

fn strcat(a: &[Scalar]) -> Scalar {
    let mut out = String::new();
    for v in a {
        if let Some(s) = v.to_text() {
            out.push_str(&s);
        }
    }
    Scalar::String(Arc::from(out))
}

fn strcat_delim(a: &[Scalar]) -> Scalar {
    let delimiter = text(a, 0).unwrap_or_default().into_owned();
    let parts: Vec<String> = a[1..]
        .iter()
        .map(|v| v.to_text().unwrap_or_default().into_owned())
        .collect();
    Scalar::str(&parts.join(&delimiter))
}

fn strlen(a: &[Scalar]) -> Scalar {
    text(a, 0).map_or(Scalar::Null, |s| Scalar::Long(s.chars().count() as i64))
}

fn string_size(a: &[Scalar]) -> Scalar {
    text(a, 0).map_or(Scalar::Null, |s| Scalar::Long(s.len() as i64))
}

fn substring(a: &[Scalar]) -> Scalar {
    let Some(s) = text(a, 0) else {
        return Scalar::Null;
    };
    let chars: Vec<char> = s.chars().collect();
    let start = arg(a, 1).as_i64().unwrap_or(0).clamp(0, chars.len() as i64) as usize;
    let len = arg(a, 2).as_i64().unwrap_or(chars.len() as i64).max(0) as usize;
    Scalar::str(
        &chars[start..(start + len).min(chars.len())]
            .iter()
            .collect::<String>(),
    )
}

fn split(a: &[Scalar]) -> Scalar {
    let (Some(s), Some(d)) = (text(a, 0), text(a, 1)) else {
        return Scalar::Null;
    };
    let parts: Vec<serde_json::Value> = if d.is_empty() {
        vec![serde_json::Value::String(s.into_owned())]
    } else {
        s.split(&*d)
            .map(|p| serde_json::Value::String(p.to_owned()))
            .collect()
    };
    match arg(a, 2).as_i64() {
        Some(i) => parts.get(i as usize).cloned().map_or(Scalar::Null, |p| {
            Scalar::from_json(serde_json::Value::Array(vec![p]))
        }),
        None => Scalar::from_json(serde_json::Value::Array(parts)),
    }
}

fn replace_string(a: &[Scalar]) -> Scalar {
    let (Some(s), Some(from), Some(to)) = (text(a, 0), text(a, 1), text(a, 2)) else {
        return Scalar::Null;
    };
    if from.is_empty() {
        return Scalar::str(&s);
    }
    Scalar::str(&s.replace(&*from, &to))
}

fn trim_with(a: &[Scalar], start: bool, end: bool) -> Scalar {
    let (Some(pattern), Some(s)) = (text(a, 0), text(a, 1)) else {
        return Scalar::Null;
    };
    let Ok(re) = crate::engine::re2::compile(&format!("^(?:{pattern})+")) else {
        return Scalar::Null;
    };
    let Ok(re_end) = crate::engine::re2::compile(&format!("(?:{pattern})+$")) else {
        return Scalar::Null;
    };
    let mut out: &str = &s;
    if start {
        out = re.find(out).map_or(out, |m| &out[m.end()..]);
    }
    if end {
        out = re_end.find(out).map_or(out, |m| &out[..m.start()]);
    }
    Scalar::str(out)
}

fn trim(a: &[Scalar]) -> Scalar {
    trim_with(a, true, true)
}

fn trim_start(a: &[Scalar]) -> Scalar {
    trim_with(a, true, false)
}

fn trim_end(a: &[Scalar]) -> Scalar {
    trim_with(a, false, true)
}

fn indexof(a: &[Scalar]) -> Scalar {
    let (Some(s), Some(needle)) = (text(a, 0), text(a, 1)) else {
        return Scalar::Null;
    };
    let start = arg(a, 2).as_i64().unwrap_or(0).max(0) as usize;
    let hay: String = s.chars().skip(start).collect();
    match hay.find(&*needle) {
        Some(byte) => Scalar::Long((start + hay[..byte].chars().count()) as i64),
        None => Scalar::Long(-1),
    }
}

fn countof(a: &[Scalar]) -> Scalar {
    let (Some(s), Some(needle)) = (text(a, 0), text(a, 1)) else {
        return Scalar::Null;
    };
    if text(a, 2).is_some_and(|k| k == "regex") {
        return crate::engine::re2::compile(&needle).map_or(Scalar::Null, |re| {
            Scalar::Long(re.find_iter(&s).count() as i64)
        });
    }
    if needle.is_empty() {
        return Scalar::Long(0);
    }
    Scalar::Long(s.matches(&*needle).count() as i64)
}

fn base64_decode(a: &[Scalar]) -> Scalar {
    use base64::Engine;
    let Some(s) = text(a, 0) else {
        return Scalar::Null;
    };
    base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map_or(Scalar::Null, |d| Scalar::str(&d))
}

/// The bytes `base64` holds, as an array of numbers; null when it is not base64.
fn base64_decode_toarray(a: &[Scalar]) -> Scalar {
    use base64::Engine;
    let Some(s) = text(a, 0) else {
        return Scalar::Null;
    };
    base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()
        .map_or(Scalar::Null, |bytes| {
            Scalar::from_json(bytes.into_iter().map(serde_json::Value::from).collect())
        })
}

fn base64_encode(a: &[Scalar]) -> Scalar {
    use base64::Engine;
    text(a, 0).map_or(Scalar::Null, |s| {
        Scalar::str(&base64::engine::general_purpose::STANDARD.encode(s.as_bytes()))
    })
}

fn url_decode(a: &[Scalar]) -> Scalar {
    text(a, 0).map_or(Scalar::Null, |s| {
        Scalar::str(&crate::text::percent_decode(&s))
    })
}

fn ipv4_is_private(a: &[Scalar]) -> Scalar {
    let Some(s) = text(a, 0) else {
        return Scalar::Null;
    };
    let ip = s.split('/').next().unwrap_or_default();
    match ip.parse::<std::net::Ipv4Addr>() {
        Ok(addr) => Scalar::Bool(addr.is_private()),
        Err(_) => Scalar::Null,
    }
}

/// Kusto's terms: runs of letters and digits. `has` matches a whole term (or a run of terms
/// when the needle has separators), ignoring case.
pub fn has_term(haystack: &str, needle: &str, case_sensitive: bool) -> bool {
    if needle.is_empty() {
        return true;
    }
    let eq = |a: &[u8], b: &[u8]| {
        if case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(b)
        }
    };
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return false;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let starts_word = is_word(n[0]);
    let ends_word = is_word(n[n.len() - 1]);
    for i in 0..=h.len() - n.len() {
        if !eq(&h[i..i + n.len()], n) {
            continue;
        }
        let left_ok = !starts_word || i == 0 || !is_word(h[i - 1]);
        let right_ok = !ends_word || i + n.len() == h.len() || !is_word(h[i + n.len()]);
        if left_ok && right_ok {
            return true;
        }
    }
    false
}

/// Substring search ignoring ASCII case without allocating.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if !needle.is_ascii() || !haystack.is_ascii() {
        return haystack.to_lowercase().contains(&needle.to_lowercase());
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

pub fn starts_with_ci(haystack: &str, needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

pub fn ends_with_ci(haystack: &str, needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack.as_bytes()[haystack.len() - needle.len()..]
            .eq_ignore_ascii_case(needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_decode_survives_any_text() {
        assert_eq!(
            url_decode(&[Scalar::str("a%20b%zz%é%")]),
            Scalar::str("a b%zz%é%")
        );
    }

    #[test]
    fn has_matches_whole_terms_ignoring_case() {
        assert!(has_term(
            "powershell.exe -EncodedCommand abc",
            "encodedcommand",
            false
        ));
        assert!(!has_term(
            "powershell.exe -EncodedCommand",
            "encoded",
            false
        ));
        assert!(has_term(
            "C:\\Windows\\System32\\cmd.exe",
            "system32\\cmd",
            false
        ));
        assert!(!has_term("abc", "ABC", true));
        assert!(contains_ci("Invoke-WebRequest", "webrequest"));
    }
}
