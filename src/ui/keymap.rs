//! Every command as a flat [`Action`], its default keys, and the hunter's own keys from
//! `keymap.toml`. The help overlay and the hint bar are generated from the keymap in force, so
//! keys are never described twice and never described wrong.
//!
//! ```toml
//! [global]
//! run_query = ["F5", "Ctrl+R"]
//! [results]
//! copy_row = "Y"
//! ```
//! Naming an action in a section replaces its default keys there.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    RunQuery,
    Cancel,
    Quit,
    Help,
    FocusEditor,
    FocusResults,
    FocusSide,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    FirstRow,
    LastRow,
    FirstColumn,
    LastColumn,
    OpenRecord,
    CopyCell,
    CopyRow,
    MarkRows,
    CopyMenu,
    Export,
    Wider,
    Narrower,
    HideColumn,
    ShowColumns,
    SortAscending,
    SortDescending,
    Filter,
    Search,
    NextMatch,
    PreviousMatch,
    NewTab,
    CloseTab,
    NextTab,
    PreviousTab,
    SaveQuery,
    ToggleComment,
    Indent,
    Dedent,
    Complete,
    FormatQuery,
    FreezeColumns,
    LocalTime,
    Undo,
    Redo,
    BufferStart,
    BufferEnd,
    PivotEquals,
    PivotNotEquals,
    PivotHas,
    PivotNotHas,
    PivotAround,
    HideEmptyColumns,
    ShowCell,
}

/// Where a key applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Editor,
    Results,
    Side,
}

impl Scope {
    fn section(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Editor => "editor",
            Scope::Results => "results",
            Scope::Side => "side",
        }
    }
}

/// (action, name in keymap.toml, scope, what it does, default keys)
#[rustfmt::skip]
pub const ACTIONS: &[(Action, &str, Scope, &str, &[&str])] = &[
    (Action::RunQuery, "run_query", Scope::Global, "run the query under the cursor (or the selection)", &["F5", "Ctrl+J", "Ctrl+Enter"]),
    (Action::Cancel, "cancel", Scope::Global, "cancel the running query or export, close a popup", &["Esc"]),
    (Action::Help, "help", Scope::Global, "this help: choose a command and Enter runs it", &["F1", "Alt+h", "Alt+?"]),
    (Action::FocusEditor, "focus_editor", Scope::Global, "edit the query", &["F2", "Alt+1"]),
    (Action::FocusResults, "focus_results", Scope::Global, "browse the results", &["F3", "Alt+2"]),
    (Action::FocusSide, "toggle_side", Scope::Global, "show / hide the side pane: history, saved queries, schema", &["F4", "Alt+3"]),
    (Action::Quit, "quit", Scope::Global, "quit", &["Ctrl+Q"]),
    (Action::NewTab, "new_tab", Scope::Editor, "new buffer (in a tab of its own)", &["Ctrl+T"]),
    (Action::CloseTab, "close_tab", Scope::Editor, "close the buffer (asks when it holds text)", &["Ctrl+W"]),
    (Action::NextTab, "next_tab", Scope::Editor, "next buffer", &["Ctrl+PgDn", "Alt+."]),
    (Action::PreviousTab, "previous_tab", Scope::Editor, "previous buffer", &["Ctrl+PgUp", "Alt+,"]),
    (Action::SaveQuery, "save_query", Scope::Editor, "save the query (the one under the cursor; asks for folder/name)", &["Ctrl+S"]),
    (Action::ToggleComment, "toggle_comment", Scope::Editor, "comment / uncomment the line or the selected lines", &["Ctrl+/", "Ctrl+7", "Alt+;"]),
    (Action::Complete, "complete", Scope::Editor, "complete: tables, operators, columns, functions, values (at a line's start: indent)", &["Tab", "Ctrl+Space"]),
    (Action::FormatQuery, "format_query", Scope::Editor, "format the query under the cursor: one operator per line", &["Alt+F", "F8"]),
    (Action::Undo, "undo", Scope::Editor, "undo the last edit (a run of typing, a paste, a format, a completion)", &["Ctrl+Z"]),
    (Action::Redo, "redo", Scope::Editor, "redo what undo took back", &["Ctrl+Y", "Ctrl+Shift+Z"]),
    (Action::BufferStart, "buffer_start", Scope::Editor, "go to the start of the buffer", &["Ctrl+Home"]),
    (Action::BufferEnd, "buffer_end", Scope::Editor, "go to the end of the buffer", &["Ctrl+End"]),
    (Action::Indent, "indent", Scope::Editor, "indent the line or the selected lines", &["Alt+]"]),
    (Action::Dedent, "dedent", Scope::Editor, "dedent the line or the selected lines", &["Shift+Tab"]),
    (Action::Up, "up", Scope::Results, "previous row", &["Up", "k"]),
    (Action::Down, "down", Scope::Results, "next row", &["Down", "j"]),
    (Action::Left, "left", Scope::Results, "previous column", &["Left", "h"]),
    (Action::Right, "right", Scope::Results, "next column", &["Right", "l"]),
    (Action::PageUp, "page_up", Scope::Results, "a screen of rows up", &["PgUp"]),
    (Action::PageDown, "page_down", Scope::Results, "a screen of rows down", &["PgDn", "Space"]),
    (Action::FirstRow, "first_row", Scope::Results, "first row", &["g"]),
    (Action::LastRow, "last_row", Scope::Results, "last row", &["G"]),
    (Action::FirstColumn, "first_column", Scope::Results, "first column", &["Home", "0"]),
    (Action::LastColumn, "last_column", Scope::Results, "last column", &["End", "$"]),
    (Action::ShowCell, "show_cell", Scope::Results, "the whole cell, wrapped in place (Esc closes; y copies it)", &["v"]),
    (Action::OpenRecord, "open_record", Scope::Results, "the row as field / value pairs", &["Enter"]),
    (Action::CopyCell, "copy_cell", Scope::Results, "copy the cell (or the marked rows) to your own clipboard, over SSH too; kqlhunt doctor clipboard checks the way", &["y"]),
    (Action::CopyRow, "copy_row", Scope::Results, "copy the row", &["Y"]),
    (Action::MarkRows, "mark_rows", Scope::Results, "mark rows from here; y then copies them", &["V"]),
    (Action::CopyMenu, "copy_menu", Scope::Results, "copy menu: format, column, every row, the query, a portal link", &["c"]),
    (Action::Export, "export", Scope::Results, "export every row shown to a file (format from its extension)", &["e"]),
    (Action::SortAscending, "sort_ascending", Scope::Results, "sort by the column, ascending (again: unsort)", &["s"]),
    (Action::SortDescending, "sort_descending", Scope::Results, "sort by the column, descending", &["S"]),
    (Action::Filter, "filter", Scope::Results, "keep rows containing a text (empty: all rows)", &["f"]),
    (Action::Search, "search", Scope::Results, "find a text in the cells", &["/"]),
    (Action::NextMatch, "next_match", Scope::Results, "next match", &["n"]),
    (Action::PreviousMatch, "previous_match", Scope::Results, "previous match", &["N"]),
    (Action::Wider, "wider", Scope::Results, "widen the column", &[">"]),
    (Action::Narrower, "narrower", Scope::Results, "narrow the column", &["<"]),
    (Action::FreezeColumns, "freeze_columns", Scope::Results, "keep the columns up to this one in view when scrolling right (again: let go)", &["z"]),
    (Action::LocalTime, "local_time", Scope::Results, "timestamps in local time / in UTC", &["t"]),
    (Action::PivotEquals, "pivot_equals", Scope::Results, "include: add `| where Column == value` to the query and run it", &["i"]),
    (Action::PivotNotEquals, "pivot_not_equals", Scope::Results, "exclude: add `| where Column != value` and run", &["x"]),
    (Action::PivotHas, "pivot_has", Scope::Results, "add `| where Column has value` and run", &["I"]),
    (Action::PivotNotHas, "pivot_not_has", Scope::Results, "add `| where Column !has value` and run", &["X"]),
    (Action::PivotAround, "pivot_around", Scope::Results, "a timestamp: add a window around it (`between (t - 5m .. t + 5m)`) and run", &["w"]),
    (Action::HideEmptyColumns, "hide_empty_columns", Scope::Results, "hide the columns empty in every row (again: show them)", &["E"]),
    (Action::HideColumn, "hide_column", Scope::Results, "hide the column", &["-"]),
    (Action::ShowColumns, "show_columns", Scope::Results, "show all columns", &["+"]),
];

/// Keys of the side pane and popups, which are not remapped.
pub const FIXED_KEYS: &[(&str, &str)] = &[
    ("Tab", "side pane: next list"),
    ("→ / ←", "side pane: show / hide a table's columns"),
    (
        "Enter",
        "side pane: add the query to the editor, or type the name at the cursor",
    ),
    (
        "/",
        "side pane, History: search runs (words, profile:NAME, outcome:error, since:7d)",
    ),
    (
        "o",
        "side pane, History: show the run's kept result, with no API call",
    ),
    (
        "r / D / d",
        "side pane, Saved: rename / duplicate / delete (asks first)",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for keys whose character does not say it: `Ctrl+Shift+Z`, `Shift+Home`.
    pub shift: bool,
}

/// `F5`, `Ctrl+J`, `Alt+x`, `Enter`, `PgDn`, `y`, `Y`, `/`.
pub fn parse_key(text: &str) -> Result<KeySpec, String> {
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
                _ => {
                    return Err(format!(
                        "'{text}' is not a key: use F5, Ctrl+J, Alt+x, Enter, PgDn, y, Y, / ..."
                    ))
                }
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

fn matches(spec: &KeySpec, key: &KeyEvent) -> bool {
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

/// The keys in force: defaults, with the hunter's overrides.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<(Scope, Action, String, KeySpec)>,
    notices: Vec<String>,
}

/// The keymap.toml name of an action.
pub fn name_of(action: Action) -> &'static str {
    ACTIONS
        .iter()
        .find(|(a, ..)| *a == action)
        .map_or("?", |(_, name, ..)| name)
}

fn keymap_notices_push(
    notices: &mut Vec<String>,
    scope: &Scope,
    key: &str,
    lost: Action,
    won: Action,
) {
    notices.push(format!(
        "[{}] {key} now runs {}: {} lost that key",
        scope.section(),
        name_of(won),
        name_of(lost)
    ));
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = ACTIONS
            .iter()
            .flat_map(|(action, _, scope, _, keys)| {
                keys.iter().filter_map(move |k| {
                    parse_key(k)
                        .ok()
                        .map(|spec| (*scope, *action, (*k).to_owned(), spec))
                })
            })
            .collect();
        Keymap {
            bindings,
            notices: Vec::new(),
        }
    }
}

impl Keymap {
    /// The keymap from `keymap.toml` text on top of the defaults.
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let sections: BTreeMap<String, BTreeMap<String, toml::Value>> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        let mut keymap = Keymap::default();
        let mut mine = Vec::new();
        let mut notices = Vec::new();
        for (section, entries) in &sections {
            let scope = [Scope::Global, Scope::Editor, Scope::Results, Scope::Side]
                .into_iter()
                .find(|s| s.section() == section)
                .ok_or_else(|| {
                    format!("unknown section [{section}]: use [global], [editor] or [results]")
                })?;
            for (name, value) in entries {
                let (action, _, _, _, _) = ACTIONS
                    .iter()
                    .find(|(_, n, _, _, _)| n == name)
                    .ok_or_else(|| {
                        format!(
                            "[{section}] {name}: no such action (see the help, F1, for the names)"
                        )
                    })?;
                let keys: Vec<String> = match value {
                    toml::Value::String(k) => vec![k.clone()],
                    toml::Value::Array(ks) => ks
                        .iter()
                        .filter_map(|k| k.as_str().map(str::to_owned))
                        .collect(),
                    _ => return Err(format!("[{section}] {name}: give a key or a list of keys")),
                };
                keymap
                    .bindings
                    .retain(|(s, a, _, _)| !(*s == scope && a == action));
                for key in keys {
                    let spec = parse_key(&key).map_err(|e| format!("[{section}] {name}: {e}"))?;
                    mine.push((scope, *action, key, spec));
                }
            }
        }
        // The hunter's keys win over the defaults; two of their own on one key are named.
        for (scope, action, _, spec) in &mine {
            keymap.bindings.retain(|(s, a, k, other)| {
                let taken = s == scope && other == spec && a != action;
                if taken {
                    keymap_notices_push(&mut notices, scope, k, *a, *action);
                }
                !taken
            });
        }
        for (i, (scope, action, key, spec)) in mine.iter().enumerate() {
            if let Some((_, first, _, _)) = mine[..i]
                .iter()
                .find(|(s, a, _, k)| s == scope && k == spec && a != action)
            {
                notices.push(format!(
                    "[{}] {key} is bound to both {} and {}: {} wins",
                    scope.section(),
                    name_of(*first),
                    name_of(*action),
                    name_of(*first)
                ));
            }
        }
        keymap.bindings.extend(mine);
        keymap.notices = notices;
        Ok(keymap)
    }

    /// What loading the hunter's keymap changed or found wrong, for the start-up note.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Loads `keymap.toml` if there is one; a broken file keeps the defaults and says why.
    pub fn load(path: &std::path::Path) -> (Keymap, Option<String>) {
        match std::fs::read_to_string(path) {
            Err(_) => (Keymap::default(), None),
            Ok(text) => match Keymap::from_toml(&text) {
                Ok(keymap) => {
                    let notice = (!keymap.notices.is_empty())
                        .then(|| format!("{}: {}", path.display(), keymap.notices.join("; ")));
                    (keymap, notice)
                }
                Err(e) => (
                    Keymap::default(),
                    Some(format!("{}: {e}; using the default keys", path.display())),
                ),
            },
        }
    }

    /// The action of a key, or `None` when the focused pane should handle the key itself.
    /// `pane` is the scope of the focused pane, if its keys apply now.
    pub fn action(&self, key: &KeyEvent, pane: Option<Scope>) -> Option<Action> {
        let find = |scope: Scope| {
            self.bindings
                .iter()
                .find(|(s, _, _, spec)| *s == scope && matches(spec, key))
                .map(|b| b.1)
        };
        find(Scope::Global).or_else(|| pane.and_then(find))
    }

    /// The keys of an action, for help: `F5 / Ctrl+J`. A keymap may bind thousands: the help
    /// names the first few and counts the rest.
    pub fn keys_for(&self, action: Action) -> String {
        const NAMED: usize = 4;
        let keys: Vec<&str> = self
            .bindings
            .iter()
            .filter(|(_, a, _, _)| *a == action)
            .map(|(_, _, k, _)| k.as_str())
            .collect();
        match keys.len() {
            0 => "(none)".into(),
            n if n <= NAMED => keys.join(" / "),
            n => format!(
                "{} and {} more",
                keys[..NAMED].join(" / "),
                grouped(n - NAMED)
            ),
        }
    }

    /// The first key of an action, for the hint bar, where room is short.
    pub fn first_key(&self, action: Action) -> &str {
        self.bindings
            .iter()
            .find(|(_, a, _, _)| *a == action)
            .map_or("(none)", |(_, _, k, _)| k.as_str())
    }

    /// Help lines: (keys, what).
    pub fn help(&self) -> Vec<(String, &'static str)> {
        let mut lines: Vec<(String, &'static str)> = ACTIONS
            .iter()
            .map(|(action, _, _, what, _)| (self.keys_for(*action), *what))
            .collect();
        lines.extend(FIXED_KEYS.iter().map(|(k, w)| ((*k).to_owned(), *w)));
        lines
    }

    /// The hint bar for a pane: the few keys that matter there.
    pub fn hints(&self, scope: Scope) -> String {
        let picks: &[Action] = match scope {
            Scope::Global => &[
                Action::RunQuery,
                Action::FocusResults,
                Action::FocusSide,
                Action::Help,
                Action::Quit,
            ],
            Scope::Results => &[
                Action::OpenRecord,
                Action::CopyCell,
                Action::CopyRow,
                Action::CopyMenu,
                Action::SortAscending,
                Action::Filter,
                Action::Search,
                Action::Help,
            ],
            Scope::Editor => &[
                Action::RunQuery,
                Action::FocusResults,
                Action::FocusSide,
                Action::Help,
                Action::Quit,
                Action::NewTab,
                Action::SaveQuery,
            ],
            Scope::Side => &[Action::FocusSide, Action::RunQuery, Action::Help],
        };
        let mut parts: Vec<String> = picks
            .iter()
            .filter_map(|a| {
                ACTIONS
                    .iter()
                    .find(|(x, ..)| x == a)
                    .map(|(_, _, _, what, _)| format!("{} {}", self.first_key(*a), short(what)))
            })
            .collect();
        if scope == Scope::Side {
            parts.insert(0, "Tab next list".into());
        }
        parts.join("  ·  ")
    }
}

/// A count with thousands separated: `13,196`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn short(what: &str) -> &str {
    what.split([',', '(', ';', ':'])
        .next()
        .unwrap_or(what)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_map_the_documented_keys() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action(&key(KeyCode::F(5), KeyModifiers::NONE), None),
            Some(Action::RunQuery)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('j'), KeyModifiers::CONTROL), None),
            Some(Action::RunQuery)
        );
        assert_eq!(
            keymap.action(
                &key(KeyCode::Char('j'), KeyModifiers::NONE),
                Some(Scope::Results)
            ),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::Char('j'), KeyModifiers::NONE), None),
            None,
            "in the editor, j is a letter"
        );
        assert_eq!(
            keymap.action(
                &key(KeyCode::Char('Y'), KeyModifiers::SHIFT),
                Some(Scope::Results)
            ),
            Some(Action::CopyRow)
        );
    }

    #[test]
    fn a_keymap_file_replaces_an_actions_keys_and_help_follows() {
        let keymap = Keymap::from_toml(
            "[global]\nrun_query = [\"F9\", \"Ctrl+R\"]\n[results]\ncopy_row = \"x\"\n",
        )
        .unwrap();
        assert_eq!(
            keymap.action(&key(KeyCode::F(9), KeyModifiers::NONE), None),
            Some(Action::RunQuery)
        );
        assert_eq!(
            keymap.action(&key(KeyCode::F(5), KeyModifiers::NONE), None),
            None,
            "the default is replaced"
        );
        assert_eq!(
            keymap.action(
                &key(KeyCode::Char('x'), KeyModifiers::NONE),
                Some(Scope::Results)
            ),
            Some(Action::CopyRow)
        );
        assert_eq!(
            keymap.notices(),
            ["[results] x now runs copy_row: pivot_not_equals lost that key"],
            "the hunter is told which default gave way"
        );
        assert_eq!(keymap.keys_for(Action::RunQuery), "F9 / Ctrl+R");
        assert!(keymap
            .hints(Scope::Global)
            .starts_with("F9 run the query under the cursor"));
    }

    #[test]
    fn mistakes_in_the_file_are_named() {
        assert!(Keymap::from_toml("[global]\nfly = \"F5\"")
            .unwrap_err()
            .contains("no such action"));
        assert!(Keymap::from_toml("[results]\ncopy_row = \"Hyper+Y\"")
            .unwrap_err()
            .contains("is not a key"));
        assert!(Keymap::from_toml("[grid]\nquit = \"q\"")
            .unwrap_err()
            .contains("unknown section"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keymap.toml"), "not toml [").unwrap();
        let (keymap, warning) = Keymap::load(&dir.path().join("keymap.toml"));
        assert!(warning.unwrap().contains("using the default keys"));
        assert_eq!(keymap.keys_for(Action::Quit), "Ctrl+Q");
    }
}
