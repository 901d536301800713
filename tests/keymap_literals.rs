//! Keys are named on screen only through the keymap: a hint, a footer or a title that spells a
//! key out ("Esc closes", "y copies", "Tab/Enter inserts") is wrong the day a hunter remaps it.
//! This scans the string literals of the drawing code and of the hint builders for key names.
//! Backspace is left out on purpose: deleting a typed letter is text entry, never remapped.

use std::path::{Path, PathBuf};

/// Where the words on screen are written.
const SCANNED: &[&str] = &["src/ui/draw", "src/ui/keymap/hints.rs"];

/// Key names a literal must not hold, as whole words.
const NAMED_KEYS: &[&str] = &[
    "Esc", "Enter", "Tab", "PgUp", "PgDn", "Home", "End", "Space", "Up", "Down", "Left", "Right",
];

/// Arrows drawn as keys (a single arrow is a sort mark, two in a row name keys).
const ARROW_PAIRS: &[&str] = &["↑↓", "↓↑", "←→", "→←"];

/// English words of one letter: not keys.
const ONE_LETTER_WORDS: &[&str] = &["a", "A", "I"];

fn files(root: &Path) -> Vec<PathBuf> {
    if root.is_file() {
        return vec![root.to_owned()];
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The string literals of Rust source, with their line numbers; comments and unit tests are
/// skipped, and an escape (`\n`) reads as a space.
fn literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        match chars[i] {
            '\n' => line += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // A char literal ('x', '\n'); a lifetime ('a) has no closing quote two on.
            '\'' if chars.get(i + 1) == Some(&'\\') => i += 3,
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 2,
            '"' => {
                let start = line;
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        if chars.get(i + 1) == Some(&'\n') {
                            line += 1;
                        }
                        text.push(' ');
                        i += 2;
                        continue;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                out.push((start, text));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// What in `literal` names a key, if anything.
fn key_named(literal: &str) -> Option<String> {
    for chord in ["Ctrl+", "Alt+", "Shift+"] {
        if literal.contains(chord) {
            return Some(chord.into());
        }
    }
    if let Some(pair) = ARROW_PAIRS.iter().find(|p| literal.contains(**p)) {
        return Some((*pair).into());
    }
    let is_edge = |c: char| c.is_whitespace() || "()[],;:.·`".contains(c);
    let mut before = "";
    for word in literal.split(is_edge).filter(|w| !w.is_empty()) {
        // After a number or a placeholder, a letter is a unit (`{secs} s`) and a slash a
        // separator (`{} / {}`).
        let after_value = before.ends_with(|c: char| c == '}' || c.is_ascii_digit());
        before = word;
        let function_key = word.len() > 1
            && word.starts_with('F')
            && word[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n));
        if function_key || NAMED_KEYS.contains(&word) {
            return Some(word.into());
        }
        // A lone letter, digit or key symbol (`y`, `/`, `n/p`), not a format placeholder.
        let lone = |w: &str| {
            let mut cs = w.chars();
            matches!((cs.next(), cs.next()), (Some(c), None)
                if (c.is_ascii_alphanumeric() || "/?<>$+-".contains(c))
                    && !ONE_LETTER_WORDS.contains(&w))
        };
        let pair = word
            .split_once('/')
            .is_some_and(|(a, b)| lone(a) && lone(b));
        if (lone(word) && !after_value) || pair {
            return Some(word.into());
        }
    }
    None
}

#[test]
fn no_key_is_spelled_out_where_the_screen_is_drawn() {
    // The crate's folder; set by hand, another tree (an older commit's) can be checked.
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    let root = Path::new(&root);
    let mut found = Vec::new();
    for scanned in SCANNED {
        for file in files(&root.join(scanned)) {
            let source = std::fs::read_to_string(&file).unwrap();
            for (line, literal) in literals(&source) {
                if let Some(key) = key_named(&literal) {
                    let at = file.strip_prefix(root).unwrap().display();
                    found.push(format!("{at}:{line}: {key:?} in {literal:?}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "name these keys through the keymap (first_key, keys_for, the hint builders):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_catches_what_it_is_for_and_passes_prose() {
    for hint in [
        " help: {} commands · type to filter · ↑↓ choose · Enter runs · Esc closes ",
        " record {} of {} · y field · Y record · n/p next/prev ",
        "(Enter applies, Esc cancels)",
        "Enter load · o cached result · / search · ",
        "… {} in all: y copies it whole",
        "press F5 (or Ctrl+J)",
        "every field of this record is empty (e shows them)",
    ] {
        assert!(key_named(hint).is_some(), "missed: {hint}");
    }
    for prose in [
        " {} · {} copies it · {} closes ",
        "save the query as (folder/name)",
        "a saved query is named {}; replace it",
        " results: {} × {} ",
        "· sorted by {} {arrow} ",
        "↓",
        "No rows matched.",
        "{}/{}",
        "the service's row cap",
        "{secs} s",
        "{} / {}",
    ] {
        assert_eq!(key_named(prose), None, "{prose}");
    }
    let source = "// Esc here is a comment\nlet c = '\"'; let s = \"Esc closes\\n\";";
    assert_eq!(literals(source), [(2, "Esc closes ".to_owned())]);
}
