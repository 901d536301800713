//! The workbench's state and how actions and events change it. Drawing only reads it.

use std::time::{Duration, Instant, SystemTime};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokio_util::sync::CancellationToken;

use super::editor::Editor;
use super::keymap::{Action, Keymap};
use super::side::SidePane;
use crate::api::{ClientMeasure, QueryRequest, QuotaSnapshot, ServerStats};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Results,
    Side,
}

#[derive(Clone, Debug)]
pub enum RunState {
    Idle,
    Running {
        started: Instant,
        cancel: CancellationToken,
    },
    Done,
    Cancelled,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// The keys, one command selected: Enter runs it, so every command is reachable from
    /// here even on a terminal that sends no F-keys.
    Help {
        selected: usize,
        /// Words every listed command must contain.
        filter: String,
    },
    Error,
    Record {
        scroll: u16,
        /// Fields empty in this record are left out.
        hide_empty: bool,
    },
    CopyMenu,
    /// The whole current cell, wrapped in place.
    Cell,
    /// The last run's statistics in full.
    Statistics,
}

/// What the last successful run measured.
#[derive(Clone, Debug)]
pub struct LastRun {
    pub measure: ClientMeasure,
    pub stats: Option<ServerStats>,
    /// What answered when it was not the session's backend (a local query).
    pub by: Option<crate::backend::BackendInfo>,
}

/// The last error, whole, and where in the query it points, if anywhere.
#[derive(Clone, Debug)]
pub struct ErrorReport {
    pub summary: String,
    pub detail: String,
    /// (line, column) in the editor, 1-based, when the service named a place.
    pub at: Option<(usize, usize)>,
}

/// A one-line prompt in the hint bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// What the prompt is about: the saved query to rename or delete.
    pub subject: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    Search,
    Export,
    Overwrite,
    /// Live search of the history list.
    HistorySearch,
    /// The name to save the query under the cursor as.
    SaveAs,
    /// Replace an existing saved query? y / n
    SaveOverwrite,
    Rename,
    /// The name for a copy of a saved query.
    Duplicate,
    ConfirmDelete,
    CloseTab,
    /// A name for the shown tab.
    RenameTab,
    /// The display name of a detection rule made from the query under the cursor.
    DetectionName,
}

/// What the event loop must do after an action.
#[derive(Debug)]
pub enum Command {
    Run(super::view::RunId, QueryRequest, CancellationToken),
    Export(super::export::ExportJob),
    ExportChart(Box<super::export_chart::ChartExport>),
    Copy(super::copy::CopyJob),
}

pub struct App {
    pub profile: String,
    /// What the queries run on: its name, statistics, time filter and quota.
    pub backend: crate::backend::BackendInfo,
    pub focus: Focus,
    /// The buffer shown in the editor pane.
    pub editor: Editor,
    /// Every tab, in order; the shown one's slot holds a placeholder (see `tabs.rs`).
    pub tabs: Vec<super::tabs::Tab>,
    pub active: usize,
    /// History, drafts and saved queries on disk.
    pub keep: super::keeping::Keep,
    /// Completion, diagnostics and what they know of the schema.
    pub assist: super::assist::Assist,
    /// The shown tab's run and result; the other tabs' wait in `tabs`.
    pub view: super::view::TabView,
    /// Runs started and not yet answered, by id: what the history records of each.
    pub pending: std::collections::HashMap<super::view::RunId, super::view::PendingRun>,
    /// The id the next run gets.
    pub next_run: u64,
    pub quota: QuotaSnapshot,
    pub overlay: Overlay,
    /// Terminal size, for paging and keeping the selection in view.
    pub screen: (u16, u16),
    pub quit: bool,
    /// The terminal hung up: the drafts are kept as from a workbench that did not quit.
    pub hung_up: bool,
    pub spinner: usize,
    pub prompt: Option<Prompt>,
    pub side: SidePane,
    pub keymap: Keymap,
    /// Browsing a saved response: there is no tenant to run queries against.
    pub offline: bool,
    /// What the hint bar tells the hunter (copied, no match, a run's warnings, ...).
    pub notices: super::notices::Notices,
    /// An OSC 52 request to write after the next frame.
    pub pending_clipboard: Option<String>,
    /// The format copies use; the last choice stays.
    pub copy_format: crate::results::writers::Format,
    pub copy_limit: usize,
    /// Where the chosen copy format is kept between sessions.
    pub preferences: Option<std::path::PathBuf>,
    /// An export in progress: its cancel flag and the bytes written so far.
    pub exporting: Option<(std::sync::Arc<std::sync::atomic::AtomicBool>, u64)>,
    /// `[workbench] focus_results_on_run`: a finished run takes the focus to the grid.
    pub focus_results_on_run: bool,
    /// `[workbench] pivot_window`: half the time window `w` puts around a timestamp (KQL).
    pub pivot_window: String,
    /// `[chart] series`: series a chart shows before the rest fold into "other".
    pub chart_series: usize,
    /// `[workbench] mouse`: clicks and the wheel are the workbench's.
    pub mouse: bool,
    /// `[editor] wrap`, and Alt+z: long lines wrap in every buffer instead of scrolling sideways.
    pub wrap: bool,
    /// When and where the last click was, to tell a double click.
    pub last_click: Option<(Instant, ratatui::layout::Position)>,
    /// Keys handled so far: completion asked for before the last key (Esc closed the popup,
    /// an arrow moved on) is not shown when it comes.
    pub keys: u64,
    /// Sorting, filtering, searching, linting, completing and opening cached results, off the
    /// UI loop (`work.rs`, `answers.rs`).
    pub work: super::work::Work,
    /// The ticket of the last cached result asked for.
    pub next_opening: u64,
}

impl App {
    pub fn new(
        profile: &str,
        backend: crate::backend::BackendInfo,
        quota: QuotaSnapshot,
        text: &str,
    ) -> App {
        App {
            profile: profile.to_owned(),
            backend,
            focus: Focus::Editor,
            editor: Editor::new(text),
            tabs: Vec::new(),
            active: 0,
            keep: super::keeping::Keep::default(),
            assist: super::assist::Assist::default(),
            view: super::view::TabView::default(),
            pending: std::collections::HashMap::new(),
            next_run: 1,
            quota,
            overlay: Overlay::None,
            screen: (80, 24),
            quit: false,
            hung_up: false,
            spinner: 0,
            prompt: None,
            side: SidePane::new(Vec::new()),
            keymap: Keymap::default(),
            offline: false,
            notices: Default::default(),
            pending_clipboard: None,
            copy_format: crate::results::writers::Format::Tsv,
            copy_limit: crate::clipboard::DEFAULT_LIMIT,
            preferences: None,
            exporting: None,
            focus_results_on_run: false,
            pivot_window: "5m".into(),
            chart_series: crate::chart::DEFAULT_SERIES,
            mouse: true,
            wrap: false,
            last_click: None,
            work: Default::default(),
            next_opening: 0,
            keys: 0,
        }
    }

    /// Whether the shown tab's run is in progress.
    pub fn is_running(&self) -> bool {
        self.view.is_running()
    }

    /// Whether any tab's run is in progress.
    pub fn any_running(&self) -> bool {
        self.view.is_running() || self.tabs.iter().any(|t| t.view.is_running())
    }

    /// A key from the hunter. Whatever it does to the buffer is one step of undo (a run of
    /// typing joins the keys before it).
    pub fn on_key(&mut self, key: KeyEvent) -> Option<Command> {
        // Keys in the grid and cursor moves never edit: the buffer is not copied for them (a
        // moved cursor still ends a run of typing, as the next key's `before` sees).
        let may_edit = (self.focus != Focus::Results || self.overlay != Overlay::None)
            && !super::undo::EditKind::only_moves(&key);
        let kind = super::undo::EditKind::of(&key);
        let editor = self.editor.id;
        let before = may_edit.then(|| self.editor.undo.before(&self.editor.area, kind));
        self.keys += 1;
        let command = self.handle_key(key);
        if let Some(before) = before {
            if self.editor.id == editor {
                self.editor.undo.after(&self.editor.area, before, kind);
            }
        }
        command
    }

    /// Where a key goes: the mode that holds the keyboard asks its own keys first (a prompt,
    /// the completion popup, the side pane, the copy menu, the help, the record view); what it
    /// leaves goes to the global keys and the focused pane's, and in the editor is typed.
    fn handle_key(&mut self, key: KeyEvent) -> Option<Command> {
        use super::keymap::Scope;
        self.notices.dismiss();
        if self.prompt.is_some() {
            return self.prompt_key(key);
        }
        let no_overlay = self.overlay == Overlay::None;
        if self.focus == Focus::Editor && no_overlay && self.popup_key(key) {
            return None;
        }
        if self.focus == Focus::Side && no_overlay && self.side_key(key) {
            return None;
        }
        match &self.overlay {
            Overlay::CopyMenu => {
                if let Some(command) = self.copy_menu_key(key) {
                    return command;
                }
                // The menu's other letters do nothing; Ctrl and Alt keys go to the keymap.
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && matches!(key.code, KeyCode::Char(_))
                {
                    return None;
                }
            }
            Overlay::Help { .. } => return self.help_key(key),
            Overlay::Cell => {
                if self.keymap.action(&key, Some(Scope::Results)) == Some(Action::CopyCell) {
                    return self.copy(super::copy::CopyTarget::Cell);
                }
            }
            Overlay::Record { .. } => {
                if let Some(command) = self.record_key(key) {
                    return command;
                }
            }
            Overlay::None | Overlay::Error | Overlay::Statistics => {}
        }
        if self.focus == Focus::Results && no_overlay {
            if let Some(command) = self.chart_key(&key) {
                return command;
            }
        }
        let scope = match self.focus {
            _ if !no_overlay => None,
            Focus::Results => Some(Scope::Results),
            Focus::Editor => Some(Scope::Editor),
            Focus::Side => None,
        };
        match self.keymap.action(&key, scope) {
            Some(action) => self.apply(action),
            None => {
                if self.focus == Focus::Editor && no_overlay && self.editor.area.input(key) {
                    self.typed(key);
                }
                None
            }
        }
    }

    /// Tells the hunter something in the hint bar.
    pub fn notify(&mut self, level: super::notices::Level, text: String) {
        self.notices.push(level, text);
    }

    /// The notice the hint bar shows, with how many more wait behind it.
    pub fn note(&self) -> Option<String> {
        let notice = self.notices.current()?;
        Some(match self.notices.waiting() {
            0 => notice.text.clone(),
            more => format!("{} (+{more} more: any key shows the next)", notice.text),
        })
    }

    /// The grid's size in rows and columns, from the same layout the drawing uses.
    pub fn grid_size(&self) -> (usize, usize) {
        let screen = ratatui::layout::Rect::new(0, 0, self.screen.0, self.screen.1);
        let layout = super::draw::layout(screen, self.side.visible);
        (layout.grid_rows(), layout.results.width as usize)
    }

    pub fn tick(&mut self) {
        self.spinner = self.spinner.wrapping_add(1);
    }

    /// Whether something on screen changes with time (a spinner, a countdown).
    pub fn animating(&self) -> bool {
        self.any_running()
            || self.working()
            || self
                .quota
                .wait_until()
                .is_some_and(|u| u > SystemTime::now())
    }

    pub fn elapsed(&self) -> Option<Duration> {
        match &self.view.run {
            RunState::Running { started, .. } => Some(started.elapsed()),
            _ => None,
        }
    }
}
