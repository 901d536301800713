//! The query's side of a rule: the columns it must return, the near-real-time limits, and a
//! time filter that would miss events between runs.

use super::RuleFinding;
use crate::assist::knowledge::Knowledge;
use crate::kql::{Span, TokenKind};
use crate::rules::schedule::{Frequency, ALLOWED};
use crate::rules::DetectionRule;

/// What the query returns and reads, when our analyzer could tell.
pub struct QueryShape {
    pub columns: Vec<String>,
    pub tables: Vec<String>,
}

impl QueryShape {
    pub fn returns(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c == column)
    }
}

/// Columns that name an impacted asset; a rule returns at least one.
pub const ENTITY_COLUMNS: &[&str] = &[
    "DeviceId",
    "DeviceName",
    "RemoteDeviceName",
    "RecipientEmailAddress",
    "SenderFromAddress",
    "SenderMailFromAddress",
    "RecipientObjectId",
    "AccountObjectId",
    "AccountSid",
    "AccountUpn",
    "InitiatingProcessAccountSid",
    "InitiatingProcessAccountUpn",
    "InitiatingProcessAccountObjectId",
];

/// The tables a near-real-time rule may read.
pub const NEAR_REAL_TIME_TABLES: &[&str] = &[
    "AlertEvidence",
    "CloudAppEvents",
    "DeviceEvents",
    "DeviceFileCertificateInfo",
    "DeviceFileEvents",
    "DeviceImageLoadEvents",
    "DeviceLogonEvents",
    "DeviceNetworkEvents",
    "DeviceNetworkInfo",
    "DeviceInfo",
    "DeviceProcessEvents",
    "DeviceRegistryEvents",
    "EmailAttachmentInfo",
    "EmailEvents",
    "EmailPostDeliveryEvents",
    "EmailUrlInfo",
    "IdentityDirectoryEvents",
    "IdentityLogonEvents",
    "IdentityQueryEvents",
    "UrlClickEvents",
];

pub fn check(
    knowledge: &Knowledge,
    rule: &DetectionRule,
    findings: &mut Vec<RuleFinding>,
) -> Option<QueryShape> {
    let query = &rule.query_condition.query_text;
    if query.trim().is_empty() {
        findings.push(RuleFinding::error(
            "query",
            "the rule has no query: write it below the header",
        ));
        return None;
    }
    let frequency = Frequency::parse(&rule.schedule.frequency);
    match frequency {
        None if rule.schedule.frequency.is_empty() => findings.push(RuleFinding::error(
            "frequency",
            format!("the rule has no schedule.frequency: set one of {ALLOWED}"),
        )),
        None => findings.push(RuleFinding::error(
            "frequency",
            format!(
                "schedule.frequency \"{}\" is not one the service takes: use {ALLOWED}",
                rule.schedule.frequency
            ),
        )),
        Some(f) => time_filter(query, f, findings),
    }
    if frequency == Some(Frequency::NearRealTime) {
        near_real_time_text(query, findings);
    }
    let shape = match knowledge.shape_of(query) {
        Ok((columns, tables)) => QueryShape { columns, tables },
        Err(e) => {
            let mut finding = RuleFinding::error(
                "query",
                format!("the query does not run: {}", e.describe(query)),
            );
            finding.span = e.span;
            findings.push(finding);
            return None;
        }
    };
    required_columns(knowledge, &shape, findings);
    if frequency == Some(Frequency::NearRealTime) {
        near_real_time_tables(&shape, findings);
    }
    Some(shape)
}

fn required_columns(knowledge: &Knowledge, shape: &QueryShape, findings: &mut Vec<RuleFinding>) {
    if !shape.returns("Timestamp") {
        findings.push(RuleFinding::error("required-columns", "the query does not return Timestamp: a rule's rows must carry it (the alert's time); keep it in `project` or `summarize Timestamp = arg_max(Timestamp, *)`"));
    }
    let has_report_id = shape.tables.iter().any(|t| {
        knowledge
            .table(t)
            .is_some_and(|cs| cs.iter().any(|(c, _)| c == "ReportId"))
    });
    if has_report_id && !shape.returns("ReportId") {
        findings.push(RuleFinding::error("required-columns", format!("the query does not return ReportId, which {} has: a rule's rows must carry it to find the event again; add it to `project`", shape.tables.join(", "))));
    }
    if !ENTITY_COLUMNS.iter().any(|c| shape.returns(c)) {
        findings.push(RuleFinding::error("required-columns", format!("the query returns no impacted asset: a rule's rows must name a device, mailbox or user in one of {}; add one to `project`", ENTITY_COLUMNS.join(", "))));
    }
}

/// Tokens that are a name (not inside strings), with their text.
fn words(query: &str) -> impl Iterator<Item = (&str, Span)> {
    crate::kql::lex(query)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Ident)
        .map(move |t| (t.text(query), t.span))
}

fn near_real_time_text(query: &str, findings: &mut Vec<RuleFinding>) {
    for token in crate::kql::lex(query) {
        if token.kind == TokenKind::Comment {
            findings.push(RuleFinding::error("nrt-comments", "a near-real-time rule's query holds no comments: delete this one (keep notes in the rule's description), or run the rule on a schedule (PT1H or longer)").at(token.span));
        }
    }
    for (word, span) in words(query) {
        let lower = word.to_ascii_lowercase();
        if matches!(lower.as_str(), "join" | "union" | "lookup") {
            findings.push(RuleFinding::error("nrt-one-table", format!("a near-real-time rule reads one table, with no joins or unions: `{word}` is not allowed; split the rule, or run it on a schedule (PT1H or longer)")).at(span));
        } else if matches!(lower.as_str(), "externaldata" | "external_data") {
            findings.push(RuleFinding::error("nrt-externaldata", "a near-real-time rule cannot read externaldata: put the list in a datatable or `let` in the query, or run the rule on a schedule (PT1H or longer)").at(span));
        }
    }
}

fn near_real_time_tables(shape: &QueryShape, findings: &mut Vec<RuleFinding>) {
    if shape.tables.len() > 1 {
        findings.push(RuleFinding::error("nrt-one-table", format!("a near-real-time rule reads one table; this query reads {}: split it, or run it on a schedule (PT1H or longer)", shape.tables.join(", "))));
    }
    for table in &shape.tables {
        if !NEAR_REAL_TIME_TABLES.contains(&table.as_str()) {
            findings.push(RuleFinding::error("nrt-tables", format!("{table} is not among the tables near-real-time rules read ({}): run the rule on a schedule (PT1H or longer)", NEAR_REAL_TIME_TABLES.join(", "))));
        }
    }
}

/// `ago(1h)` in a rule that runs daily reads one hour of every 24: events between are missed.
fn time_filter(query: &str, frequency: Frequency, findings: &mut Vec<RuleFinding>) {
    if frequency == Frequency::NearRealTime {
        return;
    }
    let tokens = crate::kql::lex(query);
    for window in tokens.windows(3) {
        let [name, open, span] = window else { continue };
        if name.kind == TokenKind::Ident
            && name.text(query).eq_ignore_ascii_case("ago")
            && open.text(query) == "("
            && span.kind == TokenKind::Timespan
        {
            let Some(ticks) = crate::kql::timespan_ticks(span.text(query)) else {
                continue;
            };
            if ticks < frequency.period() {
                findings.push(RuleFinding::warning("lookback", format!("the query reads only ago({}) but the rule runs {}: events between runs are never seen; drop the filter (the service applies the lookback) or widen it to the period", span.text(query), frequency.describe())).at(span.span));
            }
        }
    }
}
