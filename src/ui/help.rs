//! Help as a command palette: every action with its keys and pane, filtered as the hunter
//! types; Enter runs the chosen one, so every command is reachable on a terminal that sends no
//! F-keys. The list comes from the keymap in force, never from text written twice.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Command, Overlay};
use super::keymap::{Action, Keymap, Scope, ACTIONS, FIXED_KEYS};
use super::notices::Level;

/// One line of the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteEntry {
    /// The action Enter runs; keys of the side pane and popups only describe.
    pub action: Option<Action>,
    pub keys: String,
    pub pane: &'static str,
    pub what: &'static str,
}

/// The entries whose text holds every word of `filter`, ignoring case, in the keymap's order.
pub fn palette(keymap: &Keymap, filter: &str) -> Vec<PaletteEntry> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let actions = ACTIONS.iter().map(|(action, name, scope, what, _)| {
        let pane = match scope {
            Scope::Global => "anywhere",
            Scope::Editor => "editor",
            Scope::Results => "results",
            Scope::Side => "side pane",
        };
        (
            name.replace('_', " "),
            PaletteEntry {
                action: Some(*action),
                keys: keymap.keys_for(*action),
                pane,
                what,
            },
        )
    });
    let fixed = FIXED_KEYS.iter().map(|(keys, what)| {
        (
            String::new(),
            PaletteEntry {
                action: None,
                keys: (*keys).to_owned(),
                pane: "",
                what,
            },
        )
    });
    actions
        .chain(fixed)
        .filter(|(name, entry)| {
            let text =
                format!("{name} {} {} {}", entry.keys, entry.pane, entry.what).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|(_, entry)| entry)
        .collect()
}

impl App {
    /// Keys while the palette is open: typing filters, ↑↓ PgUp PgDn Home End choose, Enter
    /// runs, Esc (or the help key again) closes.
    pub(super) fn help_key(&mut self, key: KeyEvent) -> Option<Command> {
        let Overlay::Help { selected, filter } = &mut self.overlay else {
            return None;
        };
        let count = palette(&self.keymap, filter).len();
        let last = count.saturating_sub(1);
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Down => *selected = (*selected + 1).min(last),
            KeyCode::Up => *selected = selected.saturating_sub(1),
            KeyCode::PageDown => *selected = (*selected + 10).min(last),
            KeyCode::PageUp => *selected = selected.saturating_sub(10),
            KeyCode::Home => *selected = 0,
            KeyCode::End => *selected = last,
            KeyCode::Backspace => {
                filter.pop();
                *selected = 0;
            }
            KeyCode::Char(c) if plain => {
                filter.push(c);
                *selected = 0;
            }
            KeyCode::Enter => {
                let chosen = palette(&self.keymap, filter).get(*selected).cloned();
                match chosen {
                    Some(PaletteEntry {
                        action: Some(action),
                        ..
                    }) => {
                        self.overlay = Overlay::None;
                        return self.apply(action);
                    }
                    Some(entry) => {
                        self.notify(
                            Level::Info,
                            format!("{}: press it where it applies", entry.keys),
                        );
                    }
                    None => self.notify(Level::Info, "no command matches: Backspace widens".into()),
                }
            }
            _ => {
                if let Some(action @ (Action::Help | Action::Quit)) = self.keymap.action(&key, None)
                {
                    return self.apply(action);
                }
            }
        }
        None
    }
}
