//! The words that name keys on screen: the hint bar of each pane and the footers and titles of
//! the modes, all from the keymap in force. Nothing here spells a key out (a test checks).

use super::actions::{every_action, Action, Scope};
use super::modes::{
    ChartAction, CompletionAction, PaletteAction, PickerAction, PromptAction, RecordAction,
    SideAction,
};
use super::Keymap;
use crate::ui::side::SideTab;

/// An action's hint: the words of what it does before the first colon, comma or parenthesis.
fn short(what: &str) -> &str {
    what.split([',', '(', ';', ':'])
        .next()
        .unwrap_or(what)
        .trim()
}

impl Keymap {
    /// `F5 run the query under the cursor`: an action's first key and its hint.
    pub fn hint(&self, action: Action) -> Option<String> {
        every_action()
            .find(|(a, ..)| *a == action)
            .map(|(_, _, _, what, _)| format!("{} {}", self.first_key(action), short(what)))
    }

    fn hint_line(&self, picks: &[Action]) -> String {
        picks
            .iter()
            .filter_map(|a| self.hint(*a))
            .collect::<Vec<_>>()
            .join("  ·  ")
    }

    /// The hint bar for a pane: the few keys that matter there.
    pub fn hints(&self, scope: Scope) -> String {
        let picks: &[Action] = match scope {
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
            Scope::Chart => &[
                Action::Chart(ChartAction::Cursor(super::Step::By(1))),
                Action::Chart(ChartAction::JumpToRow),
                Action::Chart(ChartAction::MarkRange),
                Action::Chart(ChartAction::NarrowToRange),
                Action::ToggleChart,
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
            _ => &[
                Action::RunQuery,
                Action::FocusResults,
                Action::FocusSide,
                Action::Help,
                Action::Quit,
            ],
        };
        self.hint_line(picks)
    }

    /// The hint bar of the side pane: what the shown list's keys do, then the way out.
    pub fn side_hints(&self, tab: SideTab) -> String {
        let side = Action::Side;
        let mut line = self.hint_line(&match tab {
            SideTab::History => vec![
                side(SideAction::Insert),
                side(SideAction::OpenCached),
                side(SideAction::Search),
            ],
            SideTab::Saved => vec![
                side(SideAction::Insert),
                side(SideAction::Rename),
                side(SideAction::Duplicate),
                side(SideAction::Delete),
            ],
            SideTab::Schema => vec![side(SideAction::Insert)],
        });
        if tab == SideTab::Schema {
            line.push_str(&format!(
                "  ·  {}/{} columns",
                self.first_key(side(SideAction::Columns(true))),
                self.first_key(side(SideAction::Columns(false)))
            ));
        }
        let rest = [
            side(SideAction::NextList),
            Action::FocusSide,
            Action::RunQuery,
            Action::Help,
        ];
        format!("{line}  ·  {}", self.hint_line(&rest))
    }

    /// The record view's title: where it is and its keys.
    pub fn record_title(&self, at: usize, count: usize, hide_empty: bool) -> String {
        let key = |a| self.first_key(Action::Record(a));
        format!(
            " record {at} of {count} · {} field · {} record · {}/{} next/prev · {} {} empty ",
            key(RecordAction::Copy(crate::ui::copy::CopyTarget::Cell)),
            key(RecordAction::Copy(crate::ui::copy::CopyTarget::Rows)),
            key(RecordAction::Walk(1)),
            key(RecordAction::Walk(-1)),
            key(RecordAction::ToggleEmpty),
            if hide_empty { "shows" } else { "hides" }
        )
    }

    /// The chart picker's title.
    pub fn picker_title(&self) -> String {
        let key = |a| self.two_keys(Action::ChartPicker(a));
        format!(
            " chart: {} choose · {} change · {} draws · {} closes ",
            key(PickerAction::Field(1)),
            key(PickerAction::Change(1)),
            self.first_key(Action::ChartPicker(PickerAction::Draw)),
            self.first_key(Action::ChartPicker(PickerAction::Close))
        )
    }

    /// The help palette's title.
    pub fn palette_title(&self, commands: usize) -> String {
        let key = |a| self.first_key(Action::Palette(a));
        format!(
            " help: {commands} commands · type to filter · {}/{} choose · {} runs · {} closes ",
            key(PaletteAction::Move(super::Step::By(-1))),
            key(PaletteAction::Move(super::Step::By(1))),
            key(PaletteAction::Run),
            key(PaletteAction::Close)
        )
    }

    /// The completion popup's title.
    pub fn completion_title(&self, selected: usize, count: usize) -> String {
        format!(
            " {selected}/{count} · {} inserts · {} ",
            self.two_keys(Action::Completion(CompletionAction::Accept)),
            self.first_key(Action::Completion(CompletionAction::Close))
        )
    }

    /// After a one-line prompt's text: `(Enter applies, Esc cancels)`.
    pub fn prompt_keys(&self) -> String {
        format!(
            "({} applies, {} cancels)",
            self.first_key(Action::Prompt(PromptAction::Apply)),
            self.first_key(Action::Prompt(PromptAction::Cancel))
        )
    }

    /// The first buffer's opening comment: how to run a query and where the help is.
    pub fn welcome_comment(&self) -> String {
        format!(
            "// {} runs the query under the cursor; queries are separated by blank lines. {}: help.",
            self.first_key(Action::RunQuery),
            self.first_key(Action::Help)
        )
    }

    /// How a question is answered: `y / n`.
    pub fn answer_keys(&self) -> String {
        format!(
            "{} / {}",
            self.first_key(Action::Answer(true)),
            self.first_key(Action::Answer(false))
        )
    }
}
