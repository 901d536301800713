//! The signature hint: inside a call's parentheses, the called function's parameters and
//! return type, from the language catalogue.

use crate::kql::catalogue;
use crate::kql::lexer::{lex, TokenKind};

/// The signature of the function whose argument list holds byte `cursor` of `text` (one query);
/// overloads apart by ` | `.
pub fn signature_at(text: &str, cursor: usize) -> Option<String> {
    let mut cursor = cursor.min(text.len());
    while !text.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let tokens: Vec<_> = lex(&text[..cursor])
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().rev() {
        match token.text(text) {
            ")" | "]" => depth += 1,
            "[" => depth = depth.checked_sub(1)?,
            "(" if depth > 0 => depth -= 1,
            "(" => {
                let name = tokens.get(i.checked_sub(1)?)?;
                if name.kind != TokenKind::Ident {
                    return None;
                }
                let entry = catalogue::callable(name.text(text))?;
                return Some(entry.signature().replace('\n', " | "));
            }
            "|" | ";" if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::signature_at;

    #[test]
    fn the_call_around_the_cursor_shows_its_signature() {
        let text = "DeviceNetworkEvents | where ipv4_is_in_range(RemoteIP, tostring(x), ";
        assert_eq!(
            signature_at(text, text.len()).as_deref(),
            Some("ipv4_is_in_range(ip: string, ip_range: string) → bool")
        );
        let inner = "DeviceNetworkEvents | where ipv4_is_in_range(tostring(";
        assert_eq!(
            signature_at(inner, inner.len()).as_deref(),
            Some("tostring(value: scalar) → string")
        );
        assert_eq!(signature_at("T | where x > 1", 15), None);
        assert_eq!(signature_at("T | where frobnicate(", 21), None);
        assert_eq!(
            signature_at("T | summarize count(", 20).as_deref(),
            Some("count() → long")
        );
    }
}
