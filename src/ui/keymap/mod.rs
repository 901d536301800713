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

mod actions;
mod keys;

use std::collections::BTreeMap;

pub use actions::{name_of, Action, Scope, ACTIONS, FIXED_KEYS};
use keys::matches;
pub use keys::{parse_key, KeySpec};

use ratatui::crossterm::event::KeyEvent;
#[cfg(test)]
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The keys in force: defaults, with the hunter's overrides.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<(Scope, Action, String, KeySpec)>,
    notices: Vec<String>,
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
        // A global key is looked up before any pane's: one of the hunter's that a pane also
        // binds takes the key from that pane, and one of theirs in a pane that a global key
        // holds never reaches the pane. Either way, said.
        for (scope, action, key, spec) in &mine {
            for (other_scope, other, _, other_spec) in &keymap.bindings {
                if other_spec != spec || other == action || other_scope == scope {
                    continue;
                }
                if *scope == Scope::Global {
                    notices.push(format!(
                        "[global] {key} runs {} everywhere: the {} pane's {} loses that key",
                        name_of(*action),
                        other_scope.section(),
                        name_of(*other)
                    ));
                } else if *other_scope == Scope::Global {
                    notices.push(format!(
                        "[{}] {key} never reaches the {} pane: the global {} takes it first",
                        scope.section(),
                        scope.section(),
                        name_of(*other)
                    ));
                }
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
    fn no_default_key_runs_two_commands() {
        let keymap = Keymap::default();
        for (i, (scope, action, name, spec)) in keymap.bindings.iter().enumerate() {
            for (other_scope, other, other_name, other_spec) in &keymap.bindings[i + 1..] {
                let meet = scope == other_scope
                    || *scope == Scope::Global
                    || *other_scope == Scope::Global;
                assert!(
                    !(meet && spec == other_spec && action != other),
                    "{name} runs both {} and {} ({other_name})",
                    name_of(*action),
                    name_of(*other)
                );
            }
        }
        assert_eq!(
            keymap.action(
                &key(KeyCode::Char('z'), KeyModifiers::ALT),
                Some(Scope::Editor)
            ),
            Some(Action::ToggleWrap)
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
    fn a_global_key_that_a_pane_also_binds_is_named_at_start() {
        let keymap = Keymap::from_toml("[global]\nrun_query = [\"F5\", \"Ctrl+Y\"]\n").unwrap();
        assert_eq!(
            keymap.notices(),
            ["[global] Ctrl+Y runs run_query everywhere: the editor pane's redo loses that key"]
        );
        let keymap = Keymap::from_toml("[editor]\nformat_query = \"Ctrl+Q\"\n").unwrap();
        assert_eq!(
            keymap.notices(),
            ["[editor] Ctrl+Q never reaches the editor pane: the global quit takes it first"]
        );
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
