//! What one tab shows under its editor: its last run, the result it brought and how the hunter
//! is viewing it (the [`TableView`]: sort, filter, columns, widths; the cursor, marks and search),
//! or the error it ended with. Each tab owns one, so a result never lands in a tab other than the
//! one that ran it, and work done for a tab off the UI loop finds it by its [`TabId`].

use std::sync::Arc;
use std::time::SystemTime;

use super::app::{ErrorReport, LastRun, RunState};
use super::grid::Grid;
use crate::results::{ResultSet, TableView};

/// Which run an event is about. Every run gets a new one; an answer for a run that is no longer
/// any tab's current run changes no tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub u64);

impl std::fmt::Display for RunId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "run {}", self.0)
    }
}

/// Which tab work off the UI loop was asked for: the answer finds its tab by it, wherever the
/// tab has moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TabId(pub u64);

impl TabId {
    fn next() -> TabId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        TabId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

#[derive(Clone, Debug)]
pub struct TabView {
    pub id: TabId,
    /// The name the hunter gave the tab, or the saved query it was saved as.
    pub name: Option<String>,
    pub result: Option<Arc<ResultSet>>,
    /// Which rows and columns of the result show, and how.
    pub table: TableView,
    /// The cursor and scrolling over them.
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
    /// A cached result being opened off the UI loop: its ticket and since when.
    pub opening: Option<(u64, std::time::Instant)>,
    /// What the run's `render` asked for (the service's hint, else the query's own).
    pub render: Option<crate::chart::ChartSpec>,
    /// The chart shown in place of the grid.
    pub chart: Option<super::chart::ChartView>,
    /// The picker of a chart for a result without `render`.
    pub picker: Option<super::chart::picker::Picker>,
}

impl Default for TabView {
    fn default() -> TabView {
        TabView {
            id: TabId::next(),
            name: None,
            result: None,
            table: TableView::default(),
            grid: Grid::default(),
            run: RunState::Idle,
            run_id: None,
            last: None,
            error: None,
            search: None,
            visual: None,
            cached_from: None,
            query_line: 0,
            opening: None,
            render: None,
            chart: None,
            picker: None,
        }
    }
}

impl TabView {
    pub fn is_running(&self) -> bool {
        matches!(self.run, RunState::Running { .. })
    }

    /// Moves the grid's selection to a view row and column, keeping it in a grid of `size`
    /// (rows, width).
    pub fn select(&mut self, row: usize, column: usize, size: (usize, usize)) {
        if let Some(result) = &self.result {
            self.grid.move_to((row, column), result, &self.table, size);
        }
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
