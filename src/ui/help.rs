//! Help as a command palette: every action with its keys and where it applies, filtered as the
//! hunter types; Enter runs the chosen one, so every command is reachable on a terminal that
//! sends no F-keys. The list comes from the keymap in force, never from text written twice.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Command, Overlay};
use super::keymap::{every_action, Action, Keymap, PaletteAction, Scope};
use super::notices::Level;

/// One line of the palette.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    pub keys: String,
    pub pane: &'static str,
    pub what: &'static str,
    /// Whether Enter can run it from here; a mode's keys (the side pane, the record view, the
    /// prompts) only describe, they work where they apply.
    pub runs: bool,
}

/// The entries whose text holds every word of `filter`, ignoring case, in the keymap's order.
pub fn palette(keymap: &Keymap, filter: &str) -> Vec<PaletteEntry> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    every_action()
        .map(|(action, name, scope, what, _)| {
            let entry = PaletteEntry {
                action: *action,
                keys: keymap.keys_for(*action),
                pane: scope.words(),
                what,
                runs: !scope.is_mode(),
            };
            (name.replace('_', " "), entry)
        })
        .filter(|(name, entry)| {
            let text =
                format!("{name} {} {} {}", entry.keys, entry.pane, entry.what).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|(_, entry)| entry)
        .collect()
}

impl App {
    /// Keys while the palette is open: its own commands first (choose, run, close), then the
    /// letters typed filter it; help, quit and cancel still work from here.
    pub(super) fn help_key(&mut self, key: KeyEvent) -> Option<Command> {
        let Overlay::Help { filter, .. } = &mut self.overlay else {
            return None;
        };
        if let Some(Action::Palette(action)) = self.keymap.in_mode(&key, Scope::Help) {
            return self.palette_action(action);
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => filter.push(c),
            KeyCode::Backspace => {
                filter.pop();
            }
            _ => {
                return match self.keymap.action(&key, None) {
                    Some(global) if Scope::Help.lets_through(global) => self.apply(global),
                    _ => None,
                }
            }
        }
        if let Overlay::Help { selected, .. } = &mut self.overlay {
            *selected = 0;
        }
        None
    }

    /// What a palette command does.
    pub fn palette_action(&mut self, action: PaletteAction) -> Option<Command> {
        let Overlay::Help { selected, filter } = &mut self.overlay else {
            return None;
        };
        let entries = palette(&self.keymap, filter);
        match action {
            PaletteAction::Move(step) => *selected = step.clamped(*selected, entries.len()),
            PaletteAction::Close => self.overlay = Overlay::None,
            PaletteAction::Run => match entries.get(*selected) {
                Some(entry) if entry.runs => {
                    self.overlay = Overlay::None;
                    return self.apply(entry.action);
                }
                Some(entry) => {
                    let note = format!("{}: press it in the {}", entry.keys, entry.pane);
                    self.notify(Level::Info, note);
                }
                None => self.notify(Level::Info, "no command matches: Backspace widens".into()),
            },
        }
        None
    }
}
