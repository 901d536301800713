//! What a broken `config.toml` is told as. The TOML reader's own message quotes the offending
//! line, and that line may be `client_secret = Zx8Q~...`: kqlhunt says where the fault is and
//! what kind it is, never the text of the line. Values quoted in the message are left out too,
//! and under an `auth` table every quoted word but the settings' own names.

/// Settings and methods of `[profiles.NAME.auth]`: names, never secrets.
const AUTH_WORDS: &[&str] = &[
    "method",
    "client_id",
    "client_secret_env",
    "client_secret_file",
    "certificate_file",
    "private_key_file",
    "token_env",
    "az_command",
    "client_secret",
    "client-secret",
    "certificate",
    "device-code",
    "azure-cli",
    "env-token",
];

/// The error of reading `text` as config.toml, in words that hold no value from the file.
pub fn describe(text: &str, error: &toml::de::Error) -> String {
    let at = error.span().map(|s| s.start.min(text.len()));
    let in_auth = at.is_some_and(|at| under_auth_table(text, at));
    let message = redact(error.message(), in_auth);
    match at {
        Some(at) => {
            let before = &text[..floor_char_boundary(text, at)];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let table = if in_auth {
                " (a sign-in table: values are not shown)"
            } else {
                ""
            };
            let setting = setting_on_line(text, at)
                .map(|key| format!(", setting `{key}`"))
                .unwrap_or_default();
            format!("not valid TOML at line {line}, column {column}{setting}{table}: {message}")
        }
        None => message,
    }
}

/// The key set on the line of byte `at`, when it reads as a setting's name (a secret pasted
/// there has characters no name has, `~` in Entra's own).
fn setting_on_line(text: &str, at: usize) -> Option<&str> {
    let start = text[..floor_char_boundary(text, at)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let is_name = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    is_name.then_some(key)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether byte `at` is inside an `auth` table or on a line that sets `auth.` keys.
fn under_auth_table(text: &str, at: usize) -> bool {
    let before = &text[..floor_char_boundary(text, at)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    if line.trim_start().starts_with("auth") || line.contains("secret") {
        return true;
    }
    let header = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['));
    header.is_some_and(|h| {
        h.trim_matches(['[', ']', ' '])
            .split('.')
            .any(|p| p.trim() == "auth")
    })
}

/// The message with quoted values replaced by `…`: "..." always, `...` unless it is a
/// setting's name (under auth, one of its own).
fn redact(message: &str, in_auth: bool) -> String {
    let one_line = message.trim().replace('\n', "; ");
    let mut out = String::with_capacity(one_line.len());
    let mut rest = one_line.as_str();
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            out.push('…');
            rest = "";
            break;
        };
        let word = &after[..close];
        // Syntax the reader expected (`]`, `=`) is no value either.
        let is_syntax = !word.is_empty() && word.chars().all(|c| c.is_ascii_punctuation());
        let is_name = quote == '`'
            && if is_syntax {
                true
            } else if in_auth {
                AUTH_WORDS.contains(&word)
            } else {
                !word.is_empty()
                    && word.len() <= 40
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c))
            };
        out.push(quote);
        out.push_str(if is_name { word } else { "…" });
        out.push(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        describe(text, &toml::from_str::<toml::Value>(text).unwrap_err())
    }

    #[test]
    fn quoted_values_go_and_names_stay() {
        assert_eq!(
            redact(
                "unknown variant `Zx8Q~a`, expected one of `graph`, `graph-beta`",
                false
            ),
            "unknown variant `…`, expected one of `graph`, `graph-beta`"
        );
        assert_eq!(
            redact("invalid type: string \"Zx8Q~a\", expected u64", false),
            "invalid type: string \"…\", expected u64"
        );
        assert_eq!(
            redact("unknown field `clientsecret`, expected `method`", true),
            "unknown field `…`, expected `method`"
        );
    }

    #[test]
    fn a_line_that_cannot_be_read_is_placed_not_quoted() {
        let text =
            "[profiles.lab]\ntenant = \"t\"\n[profiles.lab.auth]\nclient_secret = Zx8Q~abc.DEF\n";
        let said = error_of(text);
        assert!(said.contains("TOML at line 4, column 17"), "{said}");
        assert!(!said.contains("Zx8Q"), "{said}");
    }
}
