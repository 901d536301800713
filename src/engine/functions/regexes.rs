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
        let made = crate::engine::re2::compile(pattern).ok().map(Arc::new);
        let mut seen = seen.borrow_mut();
        if seen.len() >= KEPT {
            seen.clear();
        }
        seen.insert(pattern.to_owned(), made.clone());
        made
    })
}
