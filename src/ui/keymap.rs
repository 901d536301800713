//! Every command as a flat [`Action`], and the default keys. The help overlay and the hint bar
//! are generated from this one table, so keys are never described twice.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    RunQuery,
    Cancel,
    Quit,
    Help,
    FocusEditor,
    FocusResults,
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
    FocusSide,
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
}

/// Where a key applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Results,
    Side,
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static str,
    pub action: Action,
    pub what: &'static str,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        scope: Scope::Global,
        keys: "F5 / Ctrl+J",
        action: Action::RunQuery,
        what: "run the query under the cursor (or the selection)",
    },
    Binding {
        scope: Scope::Global,
        keys: "Esc",
        action: Action::Cancel,
        what: "cancel the running query, close a popup",
    },
    Binding {
        scope: Scope::Global,
        keys: "F1",
        action: Action::Help,
        what: "this help",
    },
    Binding {
        scope: Scope::Global,
        keys: "F2",
        action: Action::FocusEditor,
        what: "edit the query",
    },
    Binding {
        scope: Scope::Global,
        keys: "F3",
        action: Action::FocusResults,
        what: "browse the results",
    },
    Binding {
        scope: Scope::Side,
        keys: "F4",
        action: Action::FocusSide,
        what: "show / hide the side pane: history, saved queries, schema",
    },
    Binding {
        scope: Scope::Side,
        keys: "Tab",
        action: Action::FocusSide,
        what: "side pane: next list",
    },
    Binding {
        scope: Scope::Side,
        keys: "→ / ←",
        action: Action::FocusSide,
        what: "schema: show / hide a table's columns",
    },
    Binding {
        scope: Scope::Side,
        keys: "Enter",
        action: Action::FocusSide,
        what: "add the query to the editor, or type the name at the cursor",
    },
    Binding {
        scope: Scope::Global,
        keys: "Ctrl+Q",
        action: Action::Quit,
        what: "quit",
    },
    Binding {
        scope: Scope::Results,
        keys: "↑↓ / j k",
        action: Action::Down,
        what: "move between rows",
    },
    Binding {
        scope: Scope::Results,
        keys: "←→ / h l",
        action: Action::Right,
        what: "move between columns",
    },
    Binding {
        scope: Scope::Results,
        keys: "PgUp PgDn",
        action: Action::PageDown,
        what: "a screen of rows",
    },
    Binding {
        scope: Scope::Results,
        keys: "g / G",
        action: Action::LastRow,
        what: "first / last row",
    },
    Binding {
        scope: Scope::Results,
        keys: "Home / End",
        action: Action::LastColumn,
        what: "first / last column",
    },
    Binding {
        scope: Scope::Results,
        keys: "Enter",
        action: Action::OpenRecord,
        what: "the row as field / value pairs",
    },
    Binding {
        scope: Scope::Results,
        keys: "s / S",
        action: Action::SortAscending,
        what: "sort by the column, ascending / descending (again: unsort)",
    },
    Binding {
        scope: Scope::Results,
        keys: "f",
        action: Action::Filter,
        what: "keep rows containing a text (empty: all rows)",
    },
    Binding {
        scope: Scope::Results,
        keys: "/ then n N",
        action: Action::Search,
        what: "find a text in the cells, next / previous",
    },
    Binding {
        scope: Scope::Results,
        keys: "> / <",
        action: Action::Wider,
        what: "widen / narrow the column",
    },
    Binding {
        scope: Scope::Results,
        keys: "- / +",
        action: Action::HideColumn,
        what: "hide the column / show all columns",
    },
    Binding {
        scope: Scope::Results,
        keys: "y / Y",
        action: Action::CopyCell,
        what: "copy the cell / the row (TSV by default) to your own clipboard, over SSH too",
    },
    Binding {
        scope: Scope::Results,
        keys: "V then y",
        action: Action::MarkRows,
        what: "mark rows from here, then copy them",
    },
    Binding {
        scope: Scope::Results,
        keys: "c",
        action: Action::CopyMenu,
        what: "copy menu: format, column, every row, the query, a portal link",
    },
    Binding {
        scope: Scope::Results,
        keys: "e",
        action: Action::Export,
        what: "export every row shown to a file (format from its extension)",
    },
];

/// The action of a key, or `None` when the focused pane should handle the key itself.
pub fn action_for(key: &KeyEvent, results_focused: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let global = match key.code {
        KeyCode::F(5) => Some(Action::RunQuery),
        KeyCode::Char('j') if ctrl => Some(Action::RunQuery),
        KeyCode::Enter if ctrl => Some(Action::RunQuery),
        KeyCode::Char('q') if ctrl => Some(Action::Quit),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::F(1) => Some(Action::Help),
        KeyCode::F(2) => Some(Action::FocusEditor),
        KeyCode::F(3) => Some(Action::FocusResults),
        _ => None,
    };
    if global.is_some() || !results_focused || ctrl {
        return global;
    }
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Left | KeyCode::Char('h') => Some(Action::Left),
        KeyCode::Right | KeyCode::Char('l') => Some(Action::Right),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
        KeyCode::Char('g') => Some(Action::FirstRow),
        KeyCode::Char('G') => Some(Action::LastRow),
        KeyCode::Home | KeyCode::Char('0') => Some(Action::FirstColumn),
        KeyCode::End | KeyCode::Char('$') => Some(Action::LastColumn),
        KeyCode::Enter => Some(Action::OpenRecord),
        KeyCode::Char('y') => Some(Action::CopyCell),
        KeyCode::Char('Y') => Some(Action::CopyRow),
        KeyCode::Char('V') => Some(Action::MarkRows),
        KeyCode::Char('c') => Some(Action::CopyMenu),
        KeyCode::Char('e') => Some(Action::Export),
        KeyCode::Char('>') => Some(Action::Wider),
        KeyCode::Char('<') => Some(Action::Narrower),
        KeyCode::Char('-') => Some(Action::HideColumn),
        KeyCode::Char('+') => Some(Action::ShowColumns),
        KeyCode::Char('s') => Some(Action::SortAscending),
        KeyCode::Char('S') => Some(Action::SortDescending),
        KeyCode::Char('f') => Some(Action::Filter),
        KeyCode::Char('/') => Some(Action::Search),
        KeyCode::Char('n') => Some(Action::NextMatch),
        KeyCode::Char('N') => Some(Action::PreviousMatch),
        KeyCode::Char('?') => Some(Action::Help),
        _ => None,
    }
}

/// The hint bar's text for a pane.
pub fn hints(scope: Scope) -> String {
    BINDINGS
        .iter()
        .filter(|b| {
            b.scope == scope
                || (b.scope == Scope::Global
                    && matches!(b.action, Action::RunQuery | Action::Help | Action::Quit))
        })
        .map(|b| {
            format!(
                "{} {}",
                b.keys,
                b.what.split([',', '(']).next().unwrap_or(b.what).trim()
            )
        })
        .collect::<Vec<_>>()
        .join("  ·  ")
}
