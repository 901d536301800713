//! What hunters pull apart in web and process telemetry: URL encoding, command lines as
//! Windows splits them, and user-agent strings.

use serde_json::{json, Map, Value as Json};

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "url_encode" => (|a| encode(a, "+"), 1, 1),
        "url_encode_component" => (|a| encode(a, "%20"), 1, 1),
        "parse_command_line" => (parse_command_line, 2, 2),
        "parse_user_agent" => (super::agents::parse_user_agent, 2, 2),
        _ => return None,
    })
}

/// Percent-encoding as .NET's `HttpUtility.UrlEncode` writes it (lower-case hex), the space
/// as `space`: `+` for `url_encode`, `%20` for `url_encode_component`.
fn encode(a: &[Scalar], space: &str) -> Scalar {
    let Some(text) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'*'
            | b'('
            | b')' => out.push(char::from(byte)),
            b' ' => out.push_str(space),
            other => out.push_str(&format!("%{other:02x}")),
        }
    }
    Scalar::str(&out)
}

/// `parse_command_line(command, "windows")`: the arguments as `CommandLineToArgvW` splits
/// them. Any other parser is not one Kusto knows: null.
fn parse_command_line(a: &[Scalar]) -> Scalar {
    let (Some(command), Some(parser)) = (arg(a, 0).to_text(), arg(a, 1).to_text()) else {
        return Scalar::Null;
    };
    if !parser.eq_ignore_ascii_case("windows") {
        return Scalar::Null;
    }
    let args = windows_args(&command);
    Scalar::from_json(Json::Array(args.into_iter().map(Json::String).collect()))
}

/// The rules of `CommandLineToArgvW`: the program name ends at a space, or inside quotes at
/// the closing quote, with no escapes; after it, 2n backslashes before a quote are n
/// backslashes and the quote opens or closes, 2n+1 are n and a literal quote, and `""`
/// inside quotes is a quote.
pub fn windows_args(command: &str) -> Vec<String> {
    let chars: Vec<char> = command.trim_start().chars().collect();
    let mut args = Vec::new();
    if chars.is_empty() {
        return args;
    }
    let mut i = 0;
    let mut program = String::new();
    if chars[0] == '"' {
        i = 1;
        while i < chars.len() && chars[i] != '"' {
            program.push(chars[i]);
            i += 1;
        }
        i += 1;
    } else {
        while i < chars.len() && !chars[i].is_whitespace() {
            program.push(chars[i]);
            i += 1;
        }
    }
    args.push(program);
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i >= chars.len() {
            return args;
        }
        let mut arg = String::new();
        let mut quoted = false;
        while i < chars.len() && (quoted || !chars[i].is_whitespace()) {
            match chars[i] {
                '\\' => {
                    let run = chars[i..].iter().take_while(|c| **c == '\\').count();
                    i += run;
                    if chars.get(i) == Some(&'"') {
                        arg.extend(std::iter::repeat_n('\\', run / 2));
                        if run % 2 == 1 {
                            arg.push('"');
                            i += 1;
                        }
                    } else {
                        arg.extend(std::iter::repeat_n('\\', run));
                    }
                }
                '"' if quoted && chars.get(i + 1) == Some(&'"') => {
                    arg.push('"');
                    i += 2;
                }
                '"' => {
                    quoted = !quoted;
                    i += 1;
                }
                c => {
                    arg.push(c);
                    i += 1;
                }
            }
        }
        args.push(arg);
    }
}

/// A JSON object of string fields, in the order given.
pub(super) fn fields(pairs: &[(&str, &str)]) -> Json {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.insert((*k).to_owned(), json!(v));
    }
    Json::Object(map)
}
