//! Keys as `keymap.toml` writes them (`F5`, `Ctrl+J`, `Alt+x`, `Ctrl+Shift+Z`) and as the
//! terminal sends them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for keys whose character does not say it: `Ctrl+Shift+Z`, `Shift+Home`.
    pub shift: bool,
}

/// `F5`, `Ctrl+J`, `Alt+x`, `Enter`, `PgDn`, `y`, `Y`, `/`.
pub fn parse_key(text: &str) -> Result<KeySpec, super::NotAKey> {
    let mut ctrl = false;
    let mut alt = false;
    let mut shift = false;
    let mut rest = text.trim();
    loop {
        if let Some(r) = rest
            .strip_prefix("Shift+")
            .or_else(|| rest.strip_prefix("shift+"))
            .filter(|r| !r.eq_ignore_ascii_case("tab"))
        {
            shift = true;
            rest = r;
            continue;
        }
        if let Some(r) = rest
            .strip_prefix("Ctrl+")
            .or_else(|| rest.strip_prefix("ctrl+"))
        {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest
            .strip_prefix("Alt+")
            .or_else(|| rest.strip_prefix("alt+"))
        {
            alt = true;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "backspace" => KeyCode::Backspace,
        "shift+tab" | "backtab" => KeyCode::BackTab,
        "delete" | "del" => KeyCode::Delete,
        f if f.len() > 1
            && f.starts_with('f')
            && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
        {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if ctrl || (alt && c.is_ascii_alphabetic()) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                (Some(c), None) => KeyCode::Char(c),
                _ => return Err(super::NotAKey(text.to_owned())),
            }
        }
    };
    Ok(KeySpec {
        code,
        ctrl,
        alt,
        shift,
    })
}

pub fn matches(spec: &KeySpec, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    // With Ctrl or Alt a letter names the key, not its case: terminals send Ctrl+Shift+Z as
    // Ctrl with `Z`, or with `z` and Shift.
    let chord_letter =
        (ctrl || alt) && matches!(key.code, KeyCode::Char(c) if c.is_ascii_alphabetic());
    let shift = key.modifiers.contains(KeyModifiers::SHIFT)
        || (chord_letter && matches!(key.code, KeyCode::Char(c) if c.is_ascii_uppercase()));
    let code = match key.code {
        KeyCode::Char(c) if ctrl || chord_letter => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    // A typed character carries its own case (`Y`, `?`); Shift+Tab is its own key.
    let shift_said = match code {
        KeyCode::Char(_) => chord_letter,
        KeyCode::BackTab => false,
        _ => true,
    };
    spec.code == code
        && spec.ctrl == ctrl
        && spec.alt == alt
        && (!shift_said || spec.shift == shift)
}
