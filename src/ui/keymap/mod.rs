//! Every command as a flat [`Action`], its default keys, and the hunter's own keys from
//! `keymap.toml`. The help overlay, the hint bar and every mode's footer are generated from the
//! keymap in force, so keys are never described twice and never described wrong.
//!
//! ```toml
//! [global]
//! run_query = ["F5", "Ctrl+R"]
//! [results]
//! copy_row = "Y"
//! [record]
//! next_record = "J"
//! ```
//! Naming an action in a section replaces its default keys there.

mod actions;
mod conflicts;
mod error;
mod hints;
mod keys;
mod modes;

use std::collections::BTreeMap;

pub use actions::{every_action, name_of, Action, ActionRow, Scope, ACTIONS};
pub use error::{KeymapError, NotAKey};
use keys::matches;
pub use keys::{parse_key, KeySpec};
pub use modes::{
    ChartAction, CompletionAction, CopyChoice, PaletteAction, PickerAction, PromptAction,
    RecordAction, SideAction, Step, MODE_ACTIONS,
};

use ratatui::crossterm::event::KeyEvent;

/// One key bound: where, to what, as the hunter wrote it, and as the terminal sends it.
type Binding = (Scope, Action, String, KeySpec);

/// The keys in force: defaults, with the hunter's overrides.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
    notices: Vec<String>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = every_action()
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

/// The action a name in a section stands for. The panes' sections still take each other's
/// names (`[global] copy_row`), as they always did; a mode's section takes only its own.
fn named(scope: Scope, name: &str) -> Option<Action> {
    let own = every_action().find(|(_, n, s, ..)| *s == scope && *n == name);
    let pane = || {
        ACTIONS
            .iter()
            .find(|(_, n, s, ..)| !scope.is_mode() && !s.is_mode() && *n == name)
    };
    own.or_else(pane).map(|row| row.0)
}

impl Keymap {
    /// The keymap from `keymap.toml` text on top of the defaults.
    pub fn from_toml(text: &str) -> Result<Keymap, KeymapError> {
        let sections: BTreeMap<String, BTreeMap<String, toml::Value>> =
            toml::from_str(text).map_err(|e| KeymapError::NotToml(e.to_string()))?;
        let mut keymap = Keymap::default();
        let mut mine = Vec::new();
        for (section, entries) in &sections {
            let scope = Scope::ALL
                .into_iter()
                .find(|s| s.section() == section)
                .ok_or_else(|| KeymapError::UnknownSection {
                    section: section.clone(),
                    known: Scope::ALL
                        .iter()
                        .map(|s| format!("[{}]", s.section()))
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            for (name, value) in entries {
                let at = || (section.clone(), name.clone());
                let action = named(scope, name).ok_or_else(|| {
                    let (section, name) = at();
                    KeymapError::NoSuchAction { section, name }
                })?;
                // A list with anything but keys in it is refused whole, never half kept.
                let keys: Option<Vec<String>> = match value {
                    toml::Value::String(k) => Some(vec![k.clone()]),
                    toml::Value::Array(ks) => {
                        ks.iter().map(|k| k.as_str().map(str::to_owned)).collect()
                    }
                    _ => None,
                };
                let Some(keys) = keys else {
                    let (section, name) = at();
                    return Err(KeymapError::NotKeys { section, name });
                };
                keymap
                    .bindings
                    .retain(|(s, a, _, _)| !(*s == scope && *a == action));
                for key in keys {
                    let spec = parse_key(&key).map_err(|key| {
                        let (section, name) = at();
                        KeymapError::BadKey { section, name, key }
                    })?;
                    mine.push((scope, action, key, spec));
                }
            }
        }
        keymap.notices = conflicts::settle(&mut keymap.bindings, &mine);
        keymap.bindings.extend(mine);
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

    fn find(&self, key: &KeyEvent, scope: Scope) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(s, _, _, spec)| *s == scope && matches(spec, key))
            .map(|b| b.1)
    }

    /// The action of a key, or `None` when the focused pane should handle the key itself.
    /// `pane` is the scope of the focused pane, if its keys apply now.
    pub fn action(&self, key: &KeyEvent, pane: Option<Scope>) -> Option<Action> {
        self.find(key, Scope::Global)
            .or_else(|| pane.and_then(|p| self.find(key, p)))
    }

    /// The action of a key in a mode (its own keys only), or `None` when the mode has none for
    /// it: the caller then types it as text or asks [`Keymap::action`].
    pub fn in_mode(&self, key: &KeyEvent, mode: Scope) -> Option<Action> {
        self.find(key, mode)
    }

    /// The keys of an action, for help: `F5 / Ctrl+J`. A keymap may bind thousands: the help
    /// names the first few and counts the rest.
    pub fn keys_for(&self, action: Action) -> String {
        const NAMED: usize = 4;
        let keys: Vec<&str> = self.keys(action).collect();
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

    fn keys(&self, action: Action) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .filter(move |(_, a, _, _)| *a == action)
            .map(|(_, _, k, _)| k.as_str())
    }

    /// The first key of an action, for the hint bar, where room is short.
    pub fn first_key(&self, action: Action) -> &str {
        self.keys(action).next().unwrap_or("(none)")
    }

    /// The first two keys of an action, as a footer names them: `Tab/Enter`.
    pub fn two_keys(&self, action: Action) -> String {
        let keys: Vec<&str> = self.keys(action).take(2).collect();
        if keys.is_empty() {
            "(none)".into()
        } else {
            keys.join("/")
        }
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

#[cfg(test)]
mod tests;
