//! Kusto's regular expressions are RE2's; the engine runs them on the `regex` crate, whose
//! syntax differs in a few places that would otherwise be silent wrong answers or refusals of
//! valid patterns. Every pattern the engine compiles passes through [`compile`].
//!
//! What differs, and what the translation does:
//! - Octal escapes (`\0` is NUL, `\012` a line feed) become `\x{..}`.
//! - Inside a class, `[` is a literal in RE2 (`[[",\]]` is one class of four characters); the
//!   crate reads it as a nested class. It is escaped, except where it opens `[:alpha:]`.
//! - Inside a class, `&&` and `~~` are set operations in the crate and literals in RE2.
//! - `\Q...\E` quotes literal text in RE2; the crate has no such escape, so the text is
//!   escaped character by character.

use std::borrow::Cow;

use regex::Regex;

/// `pattern`, written in RE2's syntax, compiled.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&translate(pattern))
}

/// `pattern` in the `regex` crate's syntax, meaning what RE2 means by it.
pub fn translate(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains(['\\', '[']) {
        return Cow::Borrowed(pattern);
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            if chars[i + 1] == 'Q' && !in_class {
                i = quoted(&chars, i + 2, &mut out);
                continue;
            }
            i = escape(&chars, i, &mut out);
            continue;
        }
        if !in_class {
            out.push(c);
            i += 1;
            if c == '[' {
                in_class = true;
                // `[]a]` and `[^]a]`: a `]` first in a class is a literal.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            continue;
        }
        match c {
            ']' => {
                in_class = false;
                out.push(']');
                i += 1;
            }
            '[' if chars.get(i + 1) == Some(&':') => {
                // A POSIX class, `[:alpha:]`, copied whole when it closes.
                let close = (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == ':' && chars[j + 1] == ']');
                match close {
                    Some(j) => {
                        out.extend(&chars[i..j + 2]);
                        i = j + 2;
                    }
                    None => {
                        out.push_str("\\[");
                        i += 1;
                    }
                }
            }
            '[' => {
                out.push_str("\\[");
                i += 1;
            }
            '&' | '~' if chars.get(i + 1) == Some(&c) => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Copies the escape at `chars[at]` (a backslash and what follows), octal ones as hex.
fn escape(chars: &[char], at: usize, out: &mut String) -> usize {
    let octal = chars[at + 1..]
        .iter()
        .take(3)
        .take_while(|c| ('0'..='7').contains(*c))
        .count();
    // RE2: `\0` and up to two more digits, or two or three digits from `\1`; a single
    // `\1`..`\7` is a back-reference, which neither supports.
    let digits = match chars[at + 1] {
        '0' => octal.min(3),
        '1'..='7' if octal >= 2 => octal,
        _ => 0,
    };
    if digits == 0 {
        out.push('\\');
        out.push(chars[at + 1]);
        return at + 2;
    }
    let text: String = chars[at + 1..at + 1 + digits].iter().collect();
    let code = u32::from_str_radix(&text, 8).unwrap_or(0);
    out.push_str(&format!("\\x{{{code:x}}}"));
    at + 1 + digits
}

/// Copies `\Q...\E` text from `from` as literals; returns where the pattern goes on.
fn quoted(chars: &[char], from: usize, out: &mut String) -> usize {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'E') {
            return i + 2;
        }
        out.push_str(&regex::escape(&chars[i].to_string()));
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{compile, translate};

    #[test]
    fn octal_escapes_become_hex_and_the_rest_stays() {
        assert_eq!(translate(r"\0"), r"\x{0}");
        assert_eq!(translate(r"a\012b"), r"a\x{a}b");
        assert_eq!(translate(r"\101\d\\0"), r"\x{41}\d\\0");
        assert_eq!(translate(r"(a)\1"), r"(a)\1");
        assert_eq!(translate("plain"), "plain");
    }

    #[test]
    fn a_bracket_inside_a_class_is_a_literal_as_in_re2() {
        let re = compile(r#"[[",\]]"#).unwrap();
        for hit in ["[", "\"", ",", "]"] {
            assert!(re.is_match(hit), "{hit}");
        }
        assert!(!re.is_match("a"));
        assert!(compile("[[:digit:]x]").unwrap().is_match("7"));
        assert!(compile("[]a]").unwrap().is_match("]"));
        assert!(compile("[^]a]").unwrap().is_match("b"));
    }

    #[test]
    fn doubled_ampersands_and_tildes_in_a_class_are_characters_not_set_operations() {
        // In the crate `[a-z&&[^aeiou]]` would be consonants; in RE2 it is a class holding
        // a-z, `&`, `[`, `^`, vowels, then a literal `]`.
        let re = compile("^[a-z&&x]$").unwrap();
        assert!(re.is_match("&"));
        assert!(re.is_match("q"));
        assert!(compile("^[~~]$").unwrap().is_match("~"));
    }

    #[test]
    fn quoted_text_is_literal() {
        let re = compile(r"^\Qa.b*c\E$").unwrap();
        assert!(re.is_match("a.b*c"));
        assert!(!re.is_match("axbbc"));
    }
}
