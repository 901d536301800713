//! The demo tenant's custom detection rules: held as the service holds them, each with when it
//! last ran and which rows it already alerted on, and kept in a file of the data folder so a
//! rule pushed by one command is there for the next (the demo tenant starts in each process).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use crate::rules::DetectionRule;

pub struct StoredRule {
    pub rule: DetectionRule,
    /// Demo time (ticks) of the last run; `None` until the first.
    pub last_run: Option<i64>,
    /// Rows already raised as alerts (the service does not alert twice on one event).
    pub alerted: HashSet<u64>,
}

#[derive(Default)]
pub struct RuleBook {
    pub rules: BTreeMap<String, StoredRule>,
    /// Where the rules are kept between runs of the demo; `None`: in memory only.
    store: Option<PathBuf>,
}

impl RuleBook {
    /// The rules kept in `store`, if it holds any. A damaged file starts an empty book and
    /// says why, rather than stopping the demo.
    pub fn open(store: Option<PathBuf>) -> (RuleBook, Option<String>) {
        let mut book = RuleBook {
            rules: BTreeMap::new(),
            store,
        };
        let Some(path) = book.store.clone() else {
            return (book, None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (book, None),
            Err(e) => {
                return (
                    book,
                    Some(format!(
                        "cannot read the demo tenant's rules ({}): {e}",
                        path.display()
                    )),
                )
            }
        };
        let rules: Vec<DetectionRule> = match serde_json::from_str::<Vec<serde_json::Value>>(&text)
            .map_err(|e| e.to_string())
            .and_then(|list| list.iter().map(|j| DetectionRule::from_json(j).map_err(|e| e.to_string())).collect())
        {
            Ok(rules) => rules,
            Err(e) => return (book, Some(format!("the demo tenant's rules ({}) are damaged and were set aside: {e}; delete the file to start afresh", path.display()))),
        };
        for rule in rules {
            book.put(rule);
        }
        (book, None)
    }

    /// Adds or replaces a rule; it runs afresh (as a saved rule does on the service).
    pub fn put(&mut self, rule: DetectionRule) {
        self.rules.insert(
            rule.id.clone(),
            StoredRule {
                rule,
                last_run: None,
                alerted: HashSet::new(),
            },
        );
    }

    /// Writes the rules to the store; an error is the answer's to report.
    pub fn save(&self) -> Result<(), String> {
        let Some(path) = &self.store else {
            return Ok(());
        };
        let list: Vec<serde_json::Value> = self.rules.values().map(|s| s.rule.to_json()).collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?;
        crate::files::write_atomic(path, text.as_bytes(), false).map_err(|e| {
            format!(
                "cannot keep the demo tenant's rules in {}: {e}",
                path.display()
            )
        })
    }

    /// Another rule (not `except`) with this display name.
    pub fn name_taken(&self, name: &str, except: &str) -> bool {
        self.rules
            .values()
            .any(|s| s.rule.id != except && s.rule.display_name.eq_ignore_ascii_case(name))
    }
}
