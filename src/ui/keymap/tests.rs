//! The default keys and how a keymap.toml changes them.
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

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
    let said = |text: &str| Keymap::from_toml(text).unwrap_err().to_string();
    assert!(said("[global]\nfly = \"F5\"").contains("no such action"));
    assert!(said("[results]\ncopy_row = \"Hyper+Y\"").contains("is not a key"));
    assert!(said("[grid]\nquit = \"q\"").contains("unknown section"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keymap.toml"), "not toml [").unwrap();
    let (keymap, warning) = Keymap::load(&dir.path().join("keymap.toml"));
    assert!(warning.unwrap().contains("using the default keys"));
    assert_eq!(keymap.keys_for(Action::Quit), "Ctrl+Q");
}

#[test]
fn no_default_key_runs_two_commands() {
    // Within one scope, or between a pane and the global keys, one key is one command (a
    // mode's own keys come before the global ones by design, and the start-up report covers
    // a hunter's file).
    let keymap = Keymap::default();
    for (i, (scope, action, name, spec)) in keymap.bindings.iter().enumerate() {
        for (other_scope, other, other_name, other_spec) in &keymap.bindings[i + 1..] {
            let meet = scope == other_scope
                || (*scope == Scope::Global && !other_scope.is_mode())
                || (*other_scope == Scope::Global && !scope.is_mode());
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
fn a_list_with_something_other_than_keys_is_refused_whole() {
    // `5` is no key: keeping F9 alone would leave the hunter believing both work.
    let error = Keymap::from_toml("[global]\nrun_query = [\"F9\", 5]\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "[global] run_query: give a key or a list of keys"
    );
}
