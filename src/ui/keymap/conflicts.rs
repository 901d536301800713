//! What the hunter's keys take from others, said at start: a default that gives way, two of
//! their own on one key in one section, and a key that a global binding and a pane or mode
//! both hold (panes ask the global keys first; modes ask their own first).

use super::actions::{name_of, Action, Scope};
use super::modes::{CompletionAction, PaletteAction, PickerAction, PromptAction};
use super::Binding;

/// Takes from `defaults` the keys the hunter gave to other actions, and names every conflict.
pub(super) fn settle(defaults: &mut Vec<Binding>, mine: &[Binding]) -> Vec<String> {
    let mut notices = Vec::new();
    // The hunter's keys win over the defaults of their own section.
    for (scope, action, _, spec) in mine {
        defaults.retain(|(s, a, k, other)| {
            let taken = s == scope && other == spec && a != action;
            if taken {
                notices.push(format!(
                    "[{}] {k} now runs {}: {} lost that key",
                    scope.section(),
                    name_of(*action),
                    name_of(*a)
                ));
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
    // Across sections: each pair with one of the hunter's keys in it, once.
    for (i, mine_one) in mine.iter().enumerate() {
        for other in defaults.iter().chain(&mine[..i]) {
            if let Some(notice) = shadowing(mine_one, other) {
                notices.push(notice);
            }
        }
    }
    notices
}

/// What a global key and a pane's or mode's key on the same key do to each other, if anything.
fn shadowing(mine: &Binding, other: &Binding) -> Option<String> {
    let (scope, action, key, spec) = mine;
    let (other_scope, other_action, _, other_spec) = other;
    if other_spec != spec || other_action == action || other_scope == scope {
        return None;
    }
    let (global, (local_scope, local)) = match (scope, other_scope) {
        (Scope::Global, _) => (*action, (*other_scope, *other_action)),
        (_, Scope::Global) => (*other_action, (*scope, *action)),
        _ => return None,
    };
    if local_scope.is_mode() && (!local_scope.lets_through(global) || same_intent(global, local)) {
        return None;
    }
    let section = local_scope.section();
    Some(match (*scope == Scope::Global, local_scope.is_mode()) {
        (true, false) => format!(
            "[global] {key} runs {} everywhere: the {section} pane's {} loses that key",
            name_of(global),
            name_of(local)
        ),
        (false, false) => format!(
            "[{section}] {key} never reaches the {section} pane: the global {} takes it first",
            name_of(global)
        ),
        (true, true) => format!(
            "[global] {key} runs {} except in [{section}], where {} keeps it",
            name_of(global),
            name_of(local)
        ),
        (false, true) => format!(
            "[{section}] {key} runs {} there: the global {} gives it up in [{section}]",
            name_of(local),
            name_of(global)
        ),
    })
}

/// A mode's own way of closing is what the global cancel would do there: no conflict.
fn same_intent(global: Action, local: Action) -> bool {
    global == Action::Cancel
        && matches!(
            local,
            Action::Palette(PaletteAction::Close)
                | Action::Completion(CompletionAction::Close)
                | Action::Prompt(PromptAction::Cancel)
                | Action::ChartPicker(PickerAction::Close)
                | Action::Answer(false)
        )
}

#[cfg(test)]
mod tests {
    use super::super::Keymap;

    fn notices(toml: &str) -> Vec<String> {
        Keymap::from_toml(toml).unwrap().notices().to_vec()
    }

    #[test]
    fn two_actions_on_one_key_in_one_mode_are_named() {
        assert_eq!(
            notices("[side]\ninsert = \"o\"\n"),
            ["[side] o now runs insert: open_cached lost that key"]
        );
        assert_eq!(
            notices("[record]\nnext_record = \"x\"\nhide_empty = \"x\"\n"),
            ["[record] x is bound to both hide_empty and next_record: hide_empty wins"]
        );
    }

    #[test]
    fn a_global_key_a_mode_holds_is_named_whichever_side_is_the_hunters() {
        let found = notices("[global]\nrun_query = [\"F5\", \"Enter\"]\n");
        for expected in [
            "[global] Enter runs run_query everywhere: the results pane's open_record loses that key",
            "[global] Enter runs run_query except in [side], where insert keeps it",
            "[global] Enter runs run_query except in [completion], where accept keeps it",
            "[global] Enter runs run_query except in [chart], where jump_to_row keeps it",
        ] {
            assert!(found.iter().any(|n| n == expected), "{expected}: {found:?}");
        }
        assert_eq!(
            found.len(),
            4,
            "prompts and the help take Enter as their own: {found:?}"
        );
        assert_eq!(
            notices("[record]\ncopy_field = \"F1\"\n"),
            ["[record] F1 runs copy_field there: the global help gives it up in [record]"]
        );
    }

    #[test]
    fn a_modes_own_way_out_is_no_conflict_with_cancel() {
        assert_eq!(
            notices("[global]\ncancel = [\"Esc\", \"Ctrl+G\"]\n"),
            [] as [&str; 0]
        );
        assert_eq!(
            notices("[completion]\nclose = [\"Esc\", \"Ctrl+G\"]\n"),
            [] as [&str; 0]
        );
    }

    #[test]
    fn a_mode_section_takes_only_its_own_names() {
        let error = Keymap::from_toml("[record]\nrun_query = \"F9\"\n").unwrap_err();
        assert!(
            matches!(&error, super::super::KeymapError::NoSuchAction { section, name } if section == "record" && name == "run_query"),
            "{error}"
        );
        assert!(
            Keymap::from_toml("[global]\ncopy_row = \"Y\"\n").is_ok(),
            "as before"
        );
    }
}
