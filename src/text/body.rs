//! The first bytes of a body that was not what was expected (an HTML login page from a proxy,
//! a truncated JSON), shown so the hunter can tell what answered.

use super::safe::safe_text;

/// The start of a body, safe to print: at most 160 characters, control characters visible.
pub fn first_bytes(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".into();
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(480)]);
    let head: String = head.chars().take(160).collect();
    let more = if head.len() < body.len() { "…" } else { "" };
    format!("{}{more}", safe_text(head.trim()))
}
