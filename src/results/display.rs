//! Text from results is written by attackers: before it reaches a terminal every control
//! character becomes a visible, inert symbol and every bidirectional control is marked, so a
//! cell can neither drive the terminal nor disguise `\u{202e}exe.txt` as a text file.

use std::borrow::Cow;

pub use crate::text::safe::{
    editable_text, is_bidi_control, is_line_separator, push_safe, safe_text,
};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The first `max_bytes` of `text` (cut at a character boundary), and whether it was cut. A
/// 47 MB cell is drawn from its start alone, so each key stays quick.
pub fn preview(text: &str, max_bytes: usize) -> (&str, bool) {
    if text.len() <= max_bytes {
        return (text, false);
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// Columns a string takes on screen, after [`safe_text`]: per grapheme cluster, as ratatui
/// places them and terminals draw them (`❤️`, a ZWJ family, `1️⃣` and a flag are two columns
/// each, not the sum of their code points).
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(grapheme: &str) -> usize {
    UnicodeWidthStr::width(grapheme)
}

/// Cuts safe text to at most `width` columns, ending in `…` when it was cut. Whole grapheme
/// clusters only: an emoji sequence is never split.
pub fn fit_width(text: &str, width: usize) -> Cow<'_, str> {
    if display_width(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme_width(grapheme);
        if used + w > width - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_symbols() {
        assert_eq!(safe_text("\x1b[2J\x1b[31mRED"), "␛[2J␛[31mRED");
        assert_eq!(safe_text("\x1b]52;c;ZXZpbA==\x07"), "␛]52;c;ZXZpbA==␇");
        assert_eq!(safe_text("a\tb\r\nc\0"), "a␉b␍␊c␀");
        assert_eq!(safe_text("\u{9b}31m"), "⟨U+009B⟩31m");
    }

    #[test]
    fn bidi_overrides_are_marked() {
        assert_eq!(safe_text("\u{202e}exe.txt"), "⟨U+202E⟩exe.txt");
        assert_eq!(safe_text("a\u{2066}b"), "a⟨U+2066⟩b");
    }

    #[test]
    fn line_and_paragraph_separators_are_shown_not_obeyed() {
        assert_eq!(
            safe_text("row\u{2028}forged\u{2029}"),
            "row⟨U+2028⟩forged⟨U+2029⟩"
        );
    }

    #[test]
    fn text_for_the_editor_keeps_its_lines_and_shows_the_rest() {
        assert_eq!(
            editable_text("a\r\n\tb\x1b]0;x\x07\rc\u{202e}"),
            "a\n\tb␛]0;x␇␍c⟨U+202E⟩"
        );
        assert!(matches!(editable_text("a\n\tb"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(safe_text("powershell.exe -enc"), Cow::Borrowed(_)));
    }

    #[test]
    fn emoji_sequences_are_measured_and_cut_whole() {
        assert_eq!(display_width("❤\u{fe0f}"), 2, "variation selector");
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2, "ZWJ family");
        assert_eq!(display_width("1\u{fe0f}\u{20e3}"), 2, "keycap");
        assert_eq!(display_width("🇫🇷"), 2, "flag");
        assert_eq!(display_width("e\u{301}"), 1, "combining accent");
        assert_eq!(fit_width("👨\u{200d}👩\u{200d}👧x", 2), "…");
        assert_eq!(fit_width("ab👨\u{200d}👩\u{200d}👧x", 4), "ab…");
        assert_eq!(
            fit_width("ab👨\u{200d}👩\u{200d}👧xy", 5),
            "ab👨\u{200d}👩\u{200d}👧…"
        );
    }

    #[test]
    fn wide_text_is_cut_by_columns_not_bytes() {
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(fit_width("日本語のコマンド", 7), "日本語…");
        assert_eq!(fit_width("short", 10), "short");
    }
}
