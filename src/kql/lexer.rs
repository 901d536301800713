//! Splits KQL into tokens. Never fails: what it cannot read becomes an `Unknown` token, so the
//! parser can name the place.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Names, keywords and word operators (`has`, `!contains`, `in~`, `$left`).
    Ident,
    /// `['Column Name']`: an identifier written as a string.
    BracketIdent,
    Number,
    /// `7d`, `1.5h`, `100ms`.
    Timespan,
    String,
    /// Punctuation and symbolic operators.
    Symbol,
    Comment,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.start..self.span.end]
    }
}

const SYMBOLS: &[&str] = &[
    "==", "!=", "<>", "<=", ">=", "=~", "!~", "..", "=>", "|", "(", ")", "[", "]", "{", "}", ",",
    ";", ".", "=", "<", ">", "+", "-", "*", "/", "%", ":", "?",
];

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The lexer's tokens, comments included, whitespace left out.
pub fn lex(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        // Zero-width spaces and byte-order marks pasted from web pages count as space.
        if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}') {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let rest = &text[i..];
        let kind = if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            TokenKind::Comment
        } else if rest.starts_with("```") || rest.starts_with("~~~") {
            let fence = &rest[..3];
            i += 3 + rest[3..].find(fence).map_or(rest.len() - 3, |e| e + 3);
            TokenKind::String
        } else if c == '"' || c == '\'' {
            i = quoted(text, i + 1, c as u8, true);
            TokenKind::String
        } else if (c == '@' || c == 'h' || c == 'H')
            && matches!(bytes.get(i + 1), Some(b'"' | b'\''))
        {
            let quote = bytes[i + 1];
            i = quoted(text, i + 2, quote, c != '@');
            TokenKind::String
        } else if (c == 'h' || c == 'H')
            && bytes.get(i + 1) == Some(&b'@')
            && matches!(bytes.get(i + 2), Some(b'"' | b'\''))
        {
            i = quoted(text, i + 3, bytes[i + 2], false);
            TokenKind::String
        } else if c.is_ascii_digit()
            || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let (end, kind) = number(text, i);
            i = end;
            kind
        } else if c == '!' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            // `!has`, `!contains_cs`, `!in~`, `!between`.
            i += 1 + word_len(&rest[1..]);
            if text[i..].starts_with('~') {
                i += 1;
            }
            TokenKind::Ident
        } else if is_ident_start(c) {
            i += word_len(rest);
            let word = &text[start..i];
            if text[i..].starts_with('~')
                && (word.eq_ignore_ascii_case("in") || word.eq_ignore_ascii_case("has_any"))
            {
                i += 1;
            }
            TokenKind::Ident
        } else if let Some(symbol) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            i += symbol.len();
            TokenKind::Symbol
        } else {
            i += c.len_utf8();
            TokenKind::Unknown
        };
        tokens.push(Token {
            kind,
            span: Span::new(start, i),
        });
    }
    merge_bracket_identifiers(text, tokens)
}

fn word_len(text: &str) -> usize {
    let first = text.chars().next().map_or(0, char::len_utf8);
    first
        + text[first..]
            .find(|c: char| !is_ident_char(c))
            .unwrap_or(text.len() - first)
}

/// The end of a quoted string starting after its opening quote. With `escapes`, a backslash
/// escapes the next character; without (verbatim `@"..."`), a doubled quote is a quote.
fn quoted(text: &str, mut i: usize, quote: u8, escapes: bool) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 2,
            b if b == quote => {
                if !escapes && bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            b'\n' if escapes => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// Whether a string token lacks its closing quote (or fence): it ran to the end of its line
/// or of the text.
pub fn unterminated(token: &str) -> bool {
    if let Some(fence) = ["```", "~~~"].into_iter().find(|f| token.starts_with(f)) {
        return token.len() < 6 || !token.ends_with(fence);
    }
    let body = token.trim_start_matches(['h', 'H']);
    let (body, escapes) = match body.strip_prefix('@') {
        Some(rest) => (rest, false),
        None => (body, true),
    };
    let Some(quote) = body.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return false;
    };
    // The lexer stops a string at its closing quote, or at a line's end or the text's end.
    let inner = &body[1..];
    let quotes = inner.len() - inner.trim_end_matches(quote).len();
    if quotes == 0 {
        return true;
    }
    if !escapes {
        // In a verbatim string a doubled quote is a quote: the last one closes on an odd run.
        return quotes % 2 == 0;
    }
    // `"abc\"`: the final quote is escaped when an odd run of backslashes comes before it.
    let before = &inner[..inner.len() - 1];
    (before.len() - before.trim_end_matches('\\').len()) % 2 == 1
}

const TIMESPAN_UNITS: &[&str] = &[
    "microseconds",
    "microsecond",
    "milliseconds",
    "millisecond",
    "seconds",
    "second",
    "minutes",
    "minute",
    "hours",
    "hour",
    "days",
    "day",
    "ticks",
    "tick",
    "millis",
    "milli",
    "micros",
    "micro",
    "min",
    "sec",
    "hrs",
    "hr",
    "ms",
    "d",
    "h",
    "m",
    "s",
];

fn number(text: &str, start: usize) -> (usize, TokenKind) {
    let (end, kind) = number_literal(text, start);
    // Digits running into letters or digits (`5Minutebin`, `3rd`, `0x1g`, `1dx`) are one
    // identifier, as the service reads them: a name may start with a digit.
    let rest = &text[end..];
    if rest.starts_with(is_ident_char) {
        return (end + word_len(rest), TokenKind::Ident);
    }
    (end, kind)
}

fn number_literal(text: &str, start: usize) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let mut i = start;
    if text[i..].starts_with("0x") || text[i..].starts_with("0X") {
        i += 2;
        while i < bytes.len() && bytes[i].is_ascii_hexdigit() {
            i += 1;
        }
        return (i, TokenKind::Number);
    }
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            return (j, TokenKind::Number);
        }
    }
    let rest = &text[i..];
    for unit in TIMESPAN_UNITS {
        if rest
            .get(..unit.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(unit))
        {
            let after = rest[unit.len()..].chars().next();
            if !after.is_some_and(is_ident_char) {
                return (i + unit.len(), TokenKind::Timespan);
            }
        }
    }
    (i, TokenKind::Number)
}

/// `[` string `]` is an identifier written as a string; everything else stays as it was.
fn merge_bracket_identifiers(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if i + 2 < tokens.len()
            && tokens[i].text(text) == "["
            && tokens[i + 1].kind == TokenKind::String
            && tokens[i + 2].text(text) == "]"
            && !ends_value(text, out.last())
        {
            out.push(Token {
                kind: TokenKind::BracketIdent,
                span: Span::new(tokens[i].span.start, tokens[i + 2].span.end),
            });
            i += 3;
            continue;
        }
        out.push(tokens[i]);
        i += 1;
    }
    out
}

/// Whether a token ends a value, so that a following `[` indexes it (`x['key']`).
fn ends_value(text: &str, token: Option<&Token>) -> bool {
    match token {
        Some(t) => match t.kind {
            TokenKind::Ident => !is_word_operator(t.text(text)),
            TokenKind::BracketIdent | TokenKind::String | TokenKind::Number => true,
            TokenKind::Symbol => matches!(t.text(text), ")" | "]"),
            _ => false,
        },
        None => false,
    }
}

fn is_word_operator(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "project"
            | "extend"
            | "by"
            | "on"
            | "and"
            | "or"
            | "not"
            | "where"
            | "summarize"
            | "distinct"
            | "sort"
            | "order"
            | "project-away"
            | "project-keep"
            | "project-reorder"
            | "mv-expand"
            | "mvexpand"
            | "let"
            | "top"
            | "with"
    )
}

/// Decodes a string token: quotes removed, escapes applied. Adjacent pieces are joined by the
/// parser.
pub fn string_value(token: &str) -> String {
    let (verbatim, body) = if let Some(rest) = token
        .strip_prefix("```")
        .or_else(|| token.strip_prefix("~~~"))
    {
        return rest
            .get(..rest.len().saturating_sub(3))
            .unwrap_or_default()
            .to_owned();
    } else if let Some(rest) = token
        .strip_prefix('@')
        .or_else(|| token.strip_prefix("h@"))
        .or_else(|| token.strip_prefix("H@"))
    {
        (true, rest)
    } else if let Some(rest) = token.strip_prefix('h').or_else(|| token.strip_prefix('H')) {
        (false, rest)
    } else {
        (false, token)
    };
    let quote = body.chars().next().unwrap_or('"');
    let inner = body.get(1..).unwrap_or_default();
    let inner = inner.strip_suffix(quote).unwrap_or(inner);
    if verbatim {
        return inner.replace(&format!("{quote}{quote}"), &quote.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}'),
                );
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The value of a timespan token in 100 ns ticks.
pub fn timespan_ticks(token: &str) -> Option<i64> {
    let split = token.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = token.split_at(split);
    let n: f64 = number.parse().ok()?;
    let per: f64 = match unit.to_ascii_lowercase().as_str() {
        "d" | "day" | "days" => 864e9,
        "h" | "hr" | "hrs" | "hour" | "hours" => 36e9,
        "m" | "min" | "minute" | "minutes" => 6e8,
        "s" | "sec" | "second" | "seconds" => 1e7,
        "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 1e4,
        "micro" | "micros" | "microsecond" | "microseconds" => 10.0,
        "tick" | "ticks" => 1.0,
        _ => return None,
    };
    // Beyond a 64-bit count of ticks is no timespan: never a silently saturated one.
    let ticks = (n * per).round();
    (ticks.is_finite() && ticks.abs() < i64::MAX as f64).then_some(ticks as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        lex(text)
            .into_iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn operators_strings_and_timespans() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"T | where A !has "x" and B in~ ('a') and C > ago(7d) // note"#),
            vec![
                (Ident, "T"),
                (Symbol, "|"),
                (Ident, "where"),
                (Ident, "A"),
                (Ident, "!has"),
                (String, "\"x\""),
                (Ident, "and"),
                (Ident, "B"),
                (Ident, "in~"),
                (Symbol, "("),
                (String, "'a'"),
                (Symbol, ")"),
                (Ident, "and"),
                (Ident, "C"),
                (Symbol, ">"),
                (Ident, "ago"),
                (Symbol, "("),
                (Timespan, "7d"),
                (Symbol, ")"),
                (Comment, "// note"),
            ]
        );
    }

    #[test]
    fn verbatim_obfuscated_and_fenced_strings() {
        assert_eq!(string_value(r#"@"C:\Windows\""#), r"C:\Windows\");
        assert_eq!(string_value(r#"@'it''s'"#), "it's");
        assert_eq!(string_value(r#"h"secret""#), "secret");
        assert_eq!(string_value(r#""tab\there \"q\"""#), "tab\there \"q\"");
        let fenced = "```\nline one\nline two```";
        assert_eq!(kinds(fenced), vec![(TokenKind::String, fenced)]);
        assert_eq!(string_value(fenced), "\nline one\nline two");
    }

    #[test]
    fn bracket_identifiers_and_indexes() {
        let text = "T | project ['Odd Name'], x['key']";
        let k = kinds(text);
        assert!(k.contains(&(TokenKind::BracketIdent, "['Odd Name']")));
        assert!(
            k.contains(&(TokenKind::String, "'key'")),
            "x['key'] indexes x"
        );
    }

    #[test]
    fn never_panics_on_any_text() {
        for text in [
            "5é",
            "1.5ñs",
            "'unterminated",
            "```open",
            "@\"",
            "!",
            "h",
            "[",
            "['x",
            "0x",
            "1e",
            "\u{202e}7d",
        ] {
            let _ = lex(text);
        }
    }

    #[test]
    fn timespan_values() {
        assert_eq!(timespan_ticks("7d"), Some(7 * 864_000_000_000));
        assert_eq!(timespan_ticks("1.5h"), Some(54_000_000_000));
        assert_eq!(timespan_ticks("100ms"), Some(1_000_000));
        assert_eq!(timespan_ticks("30min"), Some(18_000_000_000));
    }
}
