//! What one tab shows under its editor: its last run, the result it brought and how the hunter
//! is viewing it (sort, filter, cursor, marks, search), or the error it ended with. Each tab owns
//! one, so a result never lands in a tab other than the one that ran it.

use std::sync::Arc;
use std::time::SystemTime;

use super::app::{ErrorReport, LastRun, RunState};
use super::grid::Grid;
use crate::results::ResultSet;

/// Which run an event is about. Every run gets a new one; an answer for a run that is no longer
/// any tab's current run changes no tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub u64);

impl std::fmt::Display for RunId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "run {}", self.0)
    }
}

#[derive(Clone, Debug)]
pub struct TabView {
    /// The name the hunter gave the tab, or the saved query it was saved as.
    pub name: Option<String>,
    pub result: Option<Arc<ResultSet>>,
    pub grid: Grid,
    pub run: RunState,
    /// The run this tab last started, whose answer it waits for or shows.
    pub run_id: Option<RunId>,
    pub last: Option<LastRun>,
    pub error: Option<ErrorReport>,
    /// The last search, for n and N.
    pub search: Option<String>,
    /// The first row of a range marked with V.
    pub visual: Option<usize>,
    /// The result came from the history's cache: when its run started.
    pub cached_from: Option<SystemTime>,
    /// Line of the editor where the query that ran starts (for error positions).
    pub query_line: usize,
}

impl Default for TabView {
    fn default() -> TabView {
        TabView {
            name: None,
            result: None,
            grid: Grid::default(),
            run: RunState::Idle,
            run_id: None,
            last: None,
            error: None,
            search: None,
            visual: None,
            cached_from: None,
            query_line: 0,
        }
    }
}

impl TabView {
    pub fn is_running(&self) -> bool {
        matches!(self.run, RunState::Running { .. })
    }
}

/// A run on its way: what the history records of it when its answer comes.
#[derive(Clone, Debug)]
pub struct PendingRun {
    pub query: String,
    pub started: SystemTime,
    /// The hunter cancelled it: its answer, whatever it is, is recorded as cancelled.
    pub cancelled: bool,
}
