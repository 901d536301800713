//! The commands of the modes that hold the keyboard for a while: the side pane, the record view,
//! the help palette, the copy menu, the completion popup, the one-line prompts and the y / n
//! questions. Each has its own section of `keymap.toml`; a mode's keys are looked up before the
//! global ones, and the letters typed into a prompt or a filter stay text.

use super::actions::{Action, ActionRow, Scope};
use crate::results::writers::Format;
use crate::ui::copy::CopyTarget;

/// How far a selection moves in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    By(isize),
    First,
    Last,
}

impl Step {
    /// The new place in a list of `count` entries, kept inside it.
    pub fn clamped(self, at: usize, count: usize) -> usize {
        let last = count.saturating_sub(1);
        match self {
            Step::First => 0,
            Step::Last => last,
            Step::By(n) => at.saturating_add_signed(n).min(last),
        }
    }

    /// As [`Step::clamped`], but one step past either end comes round to the other.
    pub fn wrapping(self, at: usize, count: usize) -> usize {
        match self {
            Step::By(1) if at + 1 >= count => 0,
            Step::By(-1) if at == 0 => count.saturating_sub(1),
            other => other.clamped(at, count),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideAction {
    Move(isize),
    NextList,
    /// Show (true) or hide a table's columns.
    Columns(bool),
    Insert,
    Search,
    OpenCached,
    Rename,
    Duplicate,
    Delete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordAction {
    /// Choose the field this many places on.
    Field(isize),
    /// Walk to the record this many rows on, the view kept open.
    Walk(isize),
    Copy(CopyTarget),
    ToggleEmpty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteAction {
    Move(Step),
    Run,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionAction {
    Move(Step),
    Accept,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAction {
    Apply,
    Cancel,
}

/// The chart view's commands: the cursor along x, back to the grid at a point, a time range
/// marked and the query narrowed to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartAction {
    Cursor(Step),
    JumpToRow,
    MarkRange,
    NarrowToRange,
}

/// The chart picker's commands: choose a field (kind, x, y, series), change its value, draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerAction {
    Field(isize),
    Change(isize),
    Draw,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyChoice {
    /// The format copies use from now on.
    Format(Format),
    Target(CopyTarget),
}

use Action::{
    Answer, Chart, ChartPicker as Picker, Completion, CopyMenuChoice as Menu, Palette, Prompt,
    Record, Side,
};
use CopyChoice::{Format as F, Target as T};

/// (action, name in keymap.toml, mode, what it does, default keys). A hint names an action by
/// the words before the first colon, comma or parenthesis of what it does.
#[rustfmt::skip]
pub const MODE_ACTIONS: &[ActionRow] = &[
    (Side(SideAction::Move(-1)), "up", Scope::Side, "previous entry", &["Up", "k"]),
    (Side(SideAction::Move(1)), "down", Scope::Side, "next entry", &["Down", "j"]),
    (Side(SideAction::Move(-10)), "page_up", Scope::Side, "ten entries up", &["PgUp"]),
    (Side(SideAction::Move(10)), "page_down", Scope::Side, "ten entries down", &["PgDn"]),
    (Side(SideAction::NextList), "next_list", Scope::Side, "next list: History, Saved, Schema", &["Tab"]),
    (Side(SideAction::Columns(true)), "show_columns", Scope::Side, "columns: show a table's columns under it", &["Right", "l"]),
    (Side(SideAction::Columns(false)), "hide_columns", Scope::Side, "hide a table's columns", &["Left", "h"]),
    (Side(SideAction::Insert), "insert", Scope::Side, "insert: a past or saved query as a new block in the editor, a table or column name at the cursor", &["Enter"]),
    (Side(SideAction::Search), "search", Scope::Side, "search runs: words, profile:NAME, outcome:error, since:7d (History)", &["/"]),
    (Side(SideAction::OpenCached), "open_cached", Scope::Side, "cached result: show the run's kept result, with no API call (History)", &["o"]),
    (Side(SideAction::Rename), "rename", Scope::Side, "rename the saved query (Saved)", &["r"]),
    (Side(SideAction::Duplicate), "duplicate", Scope::Side, "duplicate the saved query (Saved)", &["D"]),
    (Side(SideAction::Delete), "delete", Scope::Side, "delete the saved query, asking first (Saved)", &["d"]),
    (Record(RecordAction::Field(-1)), "up", Scope::Record, "previous field", &["Up", "k"]),
    (Record(RecordAction::Field(1)), "down", Scope::Record, "next field", &["Down", "j"]),
    (Record(RecordAction::Field(-5)), "page_up", Scope::Record, "five fields up", &["PgUp"]),
    (Record(RecordAction::Field(5)), "page_down", Scope::Record, "five fields down", &["PgDn"]),
    (Record(RecordAction::Walk(1)), "next_record", Scope::Record, "next record, the view kept open", &["n", "]"]),
    (Record(RecordAction::Walk(-1)), "previous_record", Scope::Record, "previous record", &["p", "["]),
    (Record(RecordAction::Copy(CopyTarget::Cell)), "copy_field", Scope::Record, "copy the field's value", &["y"]),
    (Record(RecordAction::Copy(CopyTarget::Rows)), "copy_record", Scope::Record, "copy the whole record", &["Y"]),
    (Record(RecordAction::ToggleEmpty), "hide_empty", Scope::Record, "hide / show the fields empty in this record", &["e"]),
    (Palette(PaletteAction::Move(Step::By(-1))), "up", Scope::Help, "previous command", &["Up"]),
    (Palette(PaletteAction::Move(Step::By(1))), "down", Scope::Help, "next command", &["Down"]),
    (Palette(PaletteAction::Move(Step::By(-10))), "page_up", Scope::Help, "ten commands up", &["PgUp"]),
    (Palette(PaletteAction::Move(Step::By(10))), "page_down", Scope::Help, "ten commands down", &["PgDn"]),
    (Palette(PaletteAction::Move(Step::First)), "first", Scope::Help, "first command", &["Home"]),
    (Palette(PaletteAction::Move(Step::Last)), "last", Scope::Help, "last command", &["End"]),
    (Palette(PaletteAction::Run), "run", Scope::Help, "runs the chosen command", &["Enter"]),
    (Palette(PaletteAction::Close), "close", Scope::Help, "closes the help", &["Esc"]),
    (Menu(F(Format::Tsv)), "tsv", Scope::CopyMenu, "copies as TSV from now on", &["t"]),
    (Menu(F(Format::Csv)), "csv", Scope::CopyMenu, "copies as CSV from now on", &["c"]),
    (Menu(F(Format::Json)), "json", Scope::CopyMenu, "copies as JSON from now on", &["j"]),
    (Menu(F(Format::Jsonl)), "jsonl", Scope::CopyMenu, "copies as JSON Lines from now on", &["o"]),
    (Menu(F(Format::Markdown)), "markdown", Scope::CopyMenu, "copies as Markdown from now on", &["m"]),
    (Menu(F(Format::Datatable)), "datatable", Scope::CopyMenu, "copies as a KQL datatable from now on", &["d"]),
    (Menu(T(CopyTarget::Rows)), "row", Scope::CopyMenu, "the row (or the marked rows)", &["r"]),
    (Menu(T(CopyTarget::Column)), "column", Scope::CopyMenu, "the column", &["k"]),
    (Menu(T(CopyTarget::All)), "every_row", Scope::CopyMenu, "every row shown (filtered, sorted), with a header", &["a"]),
    (Menu(T(CopyTarget::Query)), "query", Scope::CopyMenu, "the query", &["q"]),
    (Menu(T(CopyTarget::PortalLink)), "portal_link", Scope::CopyMenu, "a Defender portal link to the query", &["p"]),
    (Completion(CompletionAction::Move(Step::By(-1))), "up", Scope::Completion, "previous completion (from the first: the last)", &["Up"]),
    (Completion(CompletionAction::Move(Step::By(1))), "down", Scope::Completion, "next completion (from the last: the first)", &["Down"]),
    (Completion(CompletionAction::Move(Step::By(-8))), "page_up", Scope::Completion, "eight completions up", &["PgUp"]),
    (Completion(CompletionAction::Move(Step::By(8))), "page_down", Scope::Completion, "eight completions down", &["PgDn"]),
    (Completion(CompletionAction::Accept), "accept", Scope::Completion, "inserts the chosen completion", &["Tab", "Enter"]),
    (Completion(CompletionAction::Close), "close", Scope::Completion, "closes the completion", &["Esc"]),
    (Prompt(PromptAction::Apply), "apply", Scope::Prompt, "applies what was typed", &["Enter"]),
    (Prompt(PromptAction::Cancel), "cancel", Scope::Prompt, "cancels", &["Esc"]),
    (Chart(ChartAction::Cursor(Step::By(-1))), "previous_point", Scope::Chart, "cursor to the previous x: the readout shows the exact values there", &["Left", "h"]),
    (Chart(ChartAction::Cursor(Step::By(1))), "next_point", Scope::Chart, "cursor to the next x", &["Right", "l"]),
    (Chart(ChartAction::Cursor(Step::By(-10))), "page_left", Scope::Chart, "cursor ten x values back", &["PgUp"]),
    (Chart(ChartAction::Cursor(Step::By(10))), "page_right", Scope::Chart, "cursor ten x values on", &["PgDn"]),
    (Chart(ChartAction::Cursor(Step::First)), "first_point", Scope::Chart, "cursor to the first x", &["Home", "0"]),
    (Chart(ChartAction::Cursor(Step::Last)), "last_point", Scope::Chart, "cursor to the last x", &["End", "$"]),
    (Chart(ChartAction::JumpToRow), "jump_to_row", Scope::Chart, "jump: the grid, on the row of the point under the cursor", &["Enter"]),
    (Chart(ChartAction::MarkRange), "mark_range", Scope::Chart, "mark: the start, then the end, of a time range (timechart)", &["m"]),
    (Chart(ChartAction::NarrowToRange), "narrow_to_range", Scope::Chart, "narrow: add `| where X between (start .. end)` for the marked range and run", &["w"]),
    (Picker(PickerAction::Field(-1)), "up", Scope::ChartPicker, "previous choice", &["Up", "k"]),
    (Picker(PickerAction::Field(1)), "down", Scope::ChartPicker, "next choice", &["Down", "j", "Tab"]),
    (Picker(PickerAction::Change(-1)), "previous_value", Scope::ChartPicker, "change: the previous kind or column", &["Left", "h"]),
    (Picker(PickerAction::Change(1)), "next_value", Scope::ChartPicker, "change: the next kind or column", &["Right", "l", "Space"]),
    (Picker(PickerAction::Draw), "draw", Scope::ChartPicker, "draws the chart", &["Enter"]),
    (Picker(PickerAction::Close), "close", Scope::ChartPicker, "closes the picker", &["Esc"]),
    (Answer(true), "yes", Scope::Confirm, "yes: do it", &["y", "Y"]),
    (Answer(false), "no", Scope::Confirm, "no: leave everything as it is", &["n", "N", "Esc"]),
];
