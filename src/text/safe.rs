//! Text from outside is written by attackers: before it reaches a terminal every control
//! character becomes a visible, inert symbol and every bidirectional control is marked, so it
//! can neither drive the terminal nor disguise `\u{202e}exe.txt` as a text file. Every layer
//! that prints (results, API errors, sign-in answers) uses this one filter.

use std::borrow::Cow;

/// What a terminal may safely show for `text`. Borrowed when nothing needed replacing.
pub fn safe_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_safe(&mut out, c);
    }
    Cow::Owned(out)
}

/// Text entering the editor (a paste, a draft, a past or saved query, a value from results):
/// line ends become `\n`, and every other control or bidirectional character its visible
/// symbol, as the grid shows it. The editor would otherwise draw it as nothing, and what the
/// hunter sees must be what runs.
pub fn editable_text(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && needs_replacing(c))
    {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c => push_safe(&mut out, c),
        }
    }
    Cow::Owned(out)
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_line_separator(c)
}

/// U+2028 and U+2029 break lines in some terminals and editors, so a cell could forge rows.
pub fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// The Unicode bidirectional embedding, override, isolate and mark characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c`, or its visible stand-in when a terminal must not receive it.
pub fn push_safe(out: &mut String, c: char) {
    match c {
        // C0 controls have their own visible pictures: ␀ ␉ ␊ ␛ ...
        '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7F}' => out.push('␡'),
        c if needs_replacing(c) => {
            use std::fmt::Write;
            let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
        }
        c => out.push(c),
    }
}
