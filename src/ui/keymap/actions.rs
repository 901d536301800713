//! Every command as a flat [`Action`]: its name in `keymap.toml`, the pane it applies in, what
//! it does (the help and hint bar say it from here) and its default keys. The modes' commands
//! carry what they need (a move by N, a copy target) and are listed in `modes.rs`.

use super::modes::{
    ChartAction, CompletionAction, CopyChoice, PaletteAction, PickerAction, PromptAction,
    RecordAction, SideAction,
};

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
    RenameTab,
    SaveQuery,
    CreateDetection,
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
    ShowStatistics,
    ToggleWrap,
    ToggleChart,
    Side(SideAction),
    Record(RecordAction),
    Palette(PaletteAction),
    CopyMenuChoice(CopyChoice),
    Completion(CompletionAction),
    Prompt(PromptAction),
    Chart(ChartAction),
    ChartPicker(PickerAction),
    /// The answer to a y / n question.
    Answer(bool),
}

/// Where a key applies: a pane, or a mode that holds the keyboard for a while.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Editor,
    Results,
    Side,
    Record,
    CopyMenu,
    Help,
    Completion,
    Prompt,
    Confirm,
    Chart,
    ChartPicker,
}

impl Scope {
    pub const ALL: [Scope; 12] = [
        Scope::Global,
        Scope::Editor,
        Scope::Results,
        Scope::Side,
        Scope::Record,
        Scope::CopyMenu,
        Scope::Help,
        Scope::Completion,
        Scope::Prompt,
        Scope::Confirm,
        Scope::Chart,
        Scope::ChartPicker,
    ];

    /// Its section in keymap.toml.
    pub fn section(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Editor => "editor",
            Scope::Results => "results",
            Scope::Side => "side",
            Scope::Record => "record",
            Scope::CopyMenu => "copy_menu",
            Scope::Help => "help",
            Scope::Completion => "completion",
            Scope::Prompt => "prompt",
            Scope::Confirm => "confirm",
            Scope::Chart => "chart",
            Scope::ChartPicker => "chart_picker",
        }
    }

    /// Where it applies, in the help's words.
    pub fn words(self) -> &'static str {
        match self {
            Scope::Global => "anywhere",
            Scope::Editor => "editor",
            Scope::Results => "results",
            Scope::Side => "side pane",
            Scope::Record => "record",
            Scope::CopyMenu => "copy menu",
            Scope::Help => "help",
            Scope::Completion => "completion",
            Scope::Prompt => "prompt",
            Scope::Confirm => "question",
            Scope::Chart => "chart",
            Scope::ChartPicker => "chart picker",
        }
    }

    /// A mode's keys are looked up before the global ones; a pane's after them.
    pub fn is_mode(self) -> bool {
        !matches!(self, Scope::Global | Scope::Editor | Scope::Results)
    }

    /// Whether a global action still reaches the keyboard in this mode: a prompt or a question
    /// takes every key; the help lets only help, quit and cancel through.
    pub fn lets_through(self, global: Action) -> bool {
        match self {
            Scope::Prompt | Scope::Confirm => false,
            Scope::Help | Scope::ChartPicker => {
                matches!(global, Action::Help | Action::Quit | Action::Cancel)
            }
            _ => true,
        }
    }
}

/// One command: (action, name in keymap.toml, where it applies, what it does, default keys).
pub type ActionRow = (
    Action,
    &'static str,
    Scope,
    &'static str,
    &'static [&'static str],
);

/// (action, name in keymap.toml, scope, what it does, default keys)
#[rustfmt::skip]
pub const ACTIONS: &[ActionRow] = &[
    (Action::RunQuery, "run_query", Scope::Global, "run the query under the cursor (or the selection)", &["F5", "Ctrl+J", "Ctrl+Enter"]),
    (Action::Cancel, "cancel", Scope::Global, "cancel the running query or export, close a popup", &["Esc"]),
    (Action::Help, "help", Scope::Global, "this help: choose a command and Enter runs it", &["F1", "Alt+h", "Alt+?"]),
    (Action::FocusEditor, "focus_editor", Scope::Global, "edit the query", &["F2", "Alt+1"]),
    (Action::FocusResults, "focus_results", Scope::Global, "browse the results", &["F3", "Alt+2"]),
    (Action::FocusSide, "toggle_side", Scope::Global, "show / hide the side pane: history, saved queries, schema", &["F4", "Alt+3"]),
    (Action::Quit, "quit", Scope::Global, "quit", &["Ctrl+Q"]),
    (Action::ShowStatistics, "show_statistics", Scope::Global, "the last run's statistics in full: the server's figures, kqlhunt's own measure, where it ran", &["F6"]),
    (Action::NewTab, "new_tab", Scope::Editor, "new buffer (in a tab of its own)", &["Ctrl+T"]),
    (Action::CloseTab, "close_tab", Scope::Editor, "close the buffer (asks when it holds text)", &["Ctrl+W"]),
    (Action::NextTab, "next_tab", Scope::Editor, "next buffer", &["Ctrl+PgDn", "Alt+."]),
    (Action::PreviousTab, "previous_tab", Scope::Editor, "previous buffer", &["Ctrl+PgUp", "Alt+,"]),
    (Action::RenameTab, "rename_tab", Scope::Editor, "name the tab (an empty name: named after its query again)", &["Alt+n"]),
    (Action::SaveQuery, "save_query", Scope::Editor, "save the query (the one under the cursor; asks for folder/name)", &["Ctrl+S"]),
    (Action::CreateDetection, "create_detection", Scope::Editor, "create detection: the query under the cursor as a custom detection rule file (asks for its name)", &["Alt+r"]),
    (Action::ToggleComment, "toggle_comment", Scope::Editor, "comment / uncomment the line or the selected lines", &["Ctrl+/", "Ctrl+7", "Alt+;"]),
    (Action::Complete, "complete", Scope::Editor, "complete: tables, operators, columns, functions, values (at a line's start: indent)", &["Tab", "Ctrl+Space"]),
    (Action::FormatQuery, "format_query", Scope::Editor, "format the query under the cursor: one operator per line", &["Alt+F", "F8"]),
    (Action::Undo, "undo", Scope::Editor, "undo the last edit (a run of typing, a paste, a format, a completion)", &["Ctrl+Z"]),
    (Action::Redo, "redo", Scope::Editor, "redo what undo took back", &["Ctrl+Y", "Ctrl+Shift+Z"]),
    (Action::BufferStart, "buffer_start", Scope::Editor, "go to the start of the buffer", &["Ctrl+Home"]),
    (Action::BufferEnd, "buffer_end", Scope::Editor, "go to the end of the buffer", &["Ctrl+End"]),
    (Action::Indent, "indent", Scope::Editor, "indent the line or the selected lines", &["Alt+]"]),
    (Action::ToggleWrap, "toggle_wrap", Scope::Editor, "soft wrap: long lines wrap at the editor's width (again: one row per line, scrolling sideways)", &["Alt+z"]),
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
    (Action::ToggleChart, "toggle_chart", Scope::Results, "chart: draw the rows shown as the query's render asks (no render: choose a kind and columns); again: the table", &["C"]),
    (Action::HideColumn, "hide_column", Scope::Results, "hide the column", &["-"]),
    (Action::ShowColumns, "show_columns", Scope::Results, "show all columns", &["+"]),
];

/// Every command: the panes' first, in the help's order, then the modes'.
pub fn every_action() -> impl Iterator<Item = &'static ActionRow> {
    ACTIONS.iter().chain(super::modes::MODE_ACTIONS)
}

/// The keymap.toml name of an action.
pub fn name_of(action: Action) -> &'static str {
    every_action()
        .find(|(a, ..)| *a == action)
        .map_or("?", |(_, name, ..)| name)
}
