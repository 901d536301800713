//! Regular expressions beyond one constant pattern: `extract_all` with several groups, and
//! patterns that come from a column (`s matches regex PatternColumn`), compiled once each.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;
use serde_json::Value as Json;

/// Every match of `regex` in `text`: with one group (and no groups named), its text; with
/// several, or with `groups` named, an array of the groups' texts (empty for a group that did
/// not take part).
pub fn extract_all(regex: &Regex, groups: Option<&[usize]>, text: &str) -> Vec<Json> {
    let count = regex.captures_len() - 1;
    regex
        .captures_iter(text)
        .map(|c| {
            let at = |g: usize| Json::String(c.get(g).map_or("", |m| m.as_str()).to_owned());
            match (groups, count) {
                (Some(groups), _) => Json::Array(groups.iter().map(|g| at(*g)).collect()),
                (None, 0) => at(0),
                (None, 1) => at(1),
                (None, n) => Json::Array((1..=n).map(at).collect()),
            }
        })
        .collect()
}

/// A pattern in RE2's syntax, which Kusto uses, in the regex crate's: the same but for octal
/// escapes (`\0` is NUL, `\012` a line feed), which become `\x{..}`.
pub fn from_re2(pattern: &str) -> std::borrow::Cow<'_, str> {
    if !pattern.contains('\\') {
        return std::borrow::Cow::Borrowed(pattern);
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\\' || i + 1 == chars.len() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let octal = chars[i + 1..]
            .iter()
            .take(3)
            .take_while(|c| ('0'..='7').contains(*c))
            .count();
        // RE2: `\0` and up to two more digits, or two or three digits from `\1`; a single
        // `\1`..`\7` is a back-reference, which neither supports.
        let digits = match chars[i + 1] {
            '0' => octal.min(3),
            '1'..='7' if octal >= 2 => octal,
            _ => 0,
        };
        if digits == 0 {
            out.push(chars[i]);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let text: String = chars[i + 1..i + 1 + digits].iter().collect();
        let code = u32::from_str_radix(&text, 8).unwrap_or(0);
        out.push_str(&format!("\\x{{{code:x}}}"));
        i += 1 + digits;
    }
    std::borrow::Cow::Owned(out)
}

/// Most patterns kept compiled per thread: a column of patterns repeats a few.
const KEPT: usize = 256;

/// The compiled `pattern`, or `None` when it is not a valid regular expression.
pub fn compiled(pattern: &str) -> Option<Arc<Regex>> {
    thread_local! {
        static SEEN: RefCell<HashMap<String, Option<Arc<Regex>>>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(found) = seen.borrow().get(pattern) {
            return found.clone();
        }
        let made = Regex::new(&from_re2(pattern)).ok().map(Arc::new);
        let mut seen = seen.borrow_mut();
        if seen.len() >= KEPT {
            seen.clear();
        }
        seen.insert(pattern.to_owned(), made.clone());
        made
    })
}

#[cfg(test)]
mod tests {
    use super::from_re2;

    #[test]
    fn octal_escapes_become_hex_and_the_rest_stays() {
        assert_eq!(from_re2(r"\0"), r"\x{0}");
        assert_eq!(from_re2(r"a\012b"), r"a\x{a}b");
        assert_eq!(from_re2(r"\101\d\\0"), r"\x{41}\d\\0");
        assert_eq!(from_re2(r"(a)\1"), r"(a)\1");
        assert_eq!(from_re2("plain"), "plain");
    }
}
