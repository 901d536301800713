//! What a rule must be before the service takes it, checked offline: the columns it returns,
//! the near-real-time limits, the schedule and its lookback, the alert's placeholders and
//! custom details, unique names and the fields the v1.0 API no longer takes. Every finding
//! names the rule of the service it breaks and says how to fix it. `kqlhunt check
//! --as-detection` and the editor call [`check_rule`].

pub mod alert;
mod fields;
mod query;

use serde::Serialize;

use super::file::RuleFile;
use crate::assist::diagnose::Severity;
use crate::assist::knowledge::Knowledge;

/// One thing wrong (or worth knowing) about a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleFinding {
    pub severity: Severity,
    /// The service's rule it breaks, as a short code: `required-columns`, `nrt-one-table`.
    pub code: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
    /// Where in the query, when the finding is about the query (byte range of the query text).
    #[serde(skip)]
    pub span: Option<crate::kql::Span>,
}

impl RuleFinding {
    pub(crate) fn error(code: &'static str, message: impl Into<String>) -> RuleFinding {
        RuleFinding {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
        }
    }

    pub(crate) fn warning(code: &'static str, message: impl Into<String>) -> RuleFinding {
        RuleFinding {
            severity: Severity::Warning,
            ..RuleFinding::error(code, message)
        }
    }

    pub(crate) fn at(mut self, span: crate::kql::Span) -> RuleFinding {
        self.span = Some(span);
        self
    }
}

/// Everything wrong with one rule.
pub fn check_rule(knowledge: &Knowledge, rule: &super::DetectionRule) -> Vec<RuleFinding> {
    let mut findings = fields::check(rule);
    let shape = query::check(knowledge, rule, &mut findings);
    alert::check(rule, shape.as_ref(), &mut findings);
    findings
}

/// Rules that share a display name or an id: the service keeps names and ids unique (409).
pub fn check_unique(files: &[(String, &RuleFile)]) -> Vec<(String, RuleFinding)> {
    let mut findings = Vec::new();
    for (i, (name, file)) in files.iter().enumerate() {
        for (other_name, other) in &files[..i] {
            let rule = &file.rule;
            if !rule.display_name.is_empty()
                && rule
                    .display_name
                    .eq_ignore_ascii_case(&other.rule.display_name)
            {
                findings.push((name.clone(), RuleFinding::error("unique-name", format!("the display name \"{}\" is also {other_name}'s: rule names are unique in a tenant (the service answers 409); rename one", rule.display_name))));
            }
            if !rule.id.is_empty() && rule.id == other.rule.id {
                findings.push((name.clone(), RuleFinding::error("unique-id", format!("the id \"{}\" is also {other_name}'s: each rule has its own id; change one", rule.id))));
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests;
