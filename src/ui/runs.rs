//! Starting a run of the query under the cursor, and taking in how it ended: rows into the
//! grid, an error into the popup (with the place it names), and either into the history.

use std::time::{Instant, SystemTime};

use tokio_util::sync::CancellationToken;

use super::app::{App, Command, ErrorReport, Focus, LastRun, Overlay, RunState};
use super::notices::Level;
use super::view::{PendingRun, RunId, TabView};
use crate::api::{ApiError, ClientMeasure, QueryOutcome, QueryRequest, QuotaSnapshot, ServerStats};
use crate::history::PackedResult;
use crate::results::{ResultSet, TableView};

impl App {
    pub(super) fn start_run(&mut self) -> Option<Command> {
        if self.is_running() {
            let cancel = self.keymap.first_key(super::keymap::Action::Cancel);
            self.notify(
                Level::Error,
                format!("a query is running: {cancel} cancels it"),
            );
            return None;
        }
        if self.offline {
            self.view.error = Some(ErrorReport {
                summary: "offline: this workbench shows a saved response; start kqlhunt with a profile or --demo to run queries".into(),
                detail: String::new(),
                at: None,
            });
            self.view.run = RunState::Failed;
            return None;
        }
        let (query, line) = self.editor.query_under_cursor();
        if query.trim().is_empty() {
            self.view.error = Some(ErrorReport {
                summary: "nothing to run: the cursor is not on a query".into(),
                detail: String::new(),
                at: None,
            });
            self.view.run = RunState::Failed;
            return None;
        }
        let id = RunId(self.next_run);
        self.next_run += 1;
        self.pending.insert(
            id,
            PendingRun {
                query: query.clone(),
                started: SystemTime::now(),
                cancelled: false,
            },
        );
        self.view.query_line = line;
        self.view.run_id = Some(id);
        let cancel = CancellationToken::new();
        self.view.run = RunState::Running {
            started: Instant::now(),
            cancel: cancel.clone(),
        };
        self.view.error = None;
        Some(Command::Run(
            id,
            QueryRequest {
                query,
                timespan: None,
            },
            cancel,
        ))
    }

    /// The shown tab's run stops; its answer, when it comes, is recorded as cancelled.
    pub(super) fn cancel_shown_run(&mut self) {
        if let RunState::Running { cancel, .. } = &self.view.run {
            cancel.cancel();
            self.view.run = RunState::Cancelled;
        }
        if let Some(pending) = self.view.run_id.and_then(|id| self.pending.get_mut(&id)) {
            pending.cancelled = true;
        }
    }

    /// Every tab's run stops (the workbench is quitting).
    pub(super) fn cancel_every_run(&mut self) {
        let views =
            std::iter::once(&mut self.view).chain(self.tabs.iter_mut().map(|t| &mut t.view));
        for view in views {
            if let RunState::Running { cancel, .. } = &view.run {
                cancel.cancel();
                view.run = RunState::Cancelled;
            }
        }
        for pending in self.pending.values_mut() {
            pending.cancelled = true;
        }
    }

    /// Run `id` has ended. Its answer goes to the tab that ran it, shown or not; an answer for
    /// a run no tab waits for any more (cancelled, then another started) changes nothing on
    /// screen. The query text stays in the editor whatever happened.
    pub fn finished(
        &mut self,
        id: RunId,
        outcome: Result<QueryOutcome, ApiError>,
        quota: QuotaSnapshot,
        packed: Option<PackedResult>,
    ) {
        self.answered(id, outcome, quota, packed, None, None);
    }

    /// As [`App::finished`], with the result's column widths measured off the UI loop, and
    /// what answered when it was not the session's backend (a local query).
    pub fn answered(
        &mut self,
        id: RunId,
        outcome: Result<QueryOutcome, ApiError>,
        quota: QuotaSnapshot,
        packed: Option<PackedResult>,
        widths: Option<Vec<usize>>,
        by: Option<crate::backend::BackendInfo>,
    ) {
        self.quota = quota;
        let mut query = String::new();
        if let Some(pending) = self.pending.remove(&id) {
            query.clone_from(&pending.query);
            // A call the local quota held back was never sent: it is no run for the history.
            let held_back = matches!(&outcome, Err(ApiError::Throttled { local: true, .. }));
            if !held_back {
                self.record_run(
                    pending.query,
                    pending.started,
                    &outcome,
                    pending.cancelled,
                    packed,
                    by.as_ref(),
                );
            }
        }
        if let Ok(done) = &outcome {
            self.quota = done.quota.clone();
        }
        let Some(tab) = self.tab_of_run(id) else {
            return;
        };
        let shown = tab == self.active;
        let view = if shown {
            &mut self.view
        } else {
            &mut self.tabs[tab].view
        };
        if matches!(view.run, RunState::Cancelled) {
            return;
        }
        match outcome {
            Ok(outcome) => {
                let rows = outcome.result.row_count();
                // What the client met on the way (a quota ledger it could not save) is said,
                // as the headless commands say it.
                for warning in &outcome.warnings {
                    self.notices.push(Level::Warning, warning.clone());
                }
                std::sync::Arc::make_mut(&mut self.assist.knowledge).learn(&outcome.result);
                let render = crate::chart::spec_for(outcome.render.as_ref(), &query);
                view.show(outcome.result, outcome.measure, outcome.stats, widths);
                if let Some(last) = &mut view.last {
                    last.by = by;
                }
                if let Some(refused) = view.show_render(render, self.chart_series) {
                    self.notices.push(Level::Warning, refused);
                }
                if !shown {
                    self.notify(
                        Level::Info,
                        format!("tab {}: {} arrived", tab + 1, crate::text::rows(rows)),
                    );
                } else if self.focus_results_on_run {
                    self.focus = Focus::Results;
                } else if self.focus != Focus::Results {
                    // Rows that arrive while the hunter types must not turn the next keys into
                    // grid commands: the focus stays where the hunter is, unless asked otherwise.
                    let browse = self.keymap.first_key(super::keymap::Action::FocusResults);
                    self.notify(
                        Level::Info,
                        format!(
                            "{} in the grid: {browse} browses them",
                            crate::text::rows(rows)
                        ),
                    );
                }
            }
            Err(ApiError::Cancelled) => view.run = RunState::Cancelled,
            Err(error) => {
                view.failed(&error);
                if shown {
                    self.overlay = Overlay::Error;
                } else {
                    self.notify(
                        Level::Error,
                        format!(
                            "tab {}: the query failed; show the tab to read why",
                            tab + 1
                        ),
                    );
                }
            }
        }
    }

    /// Which tab (0-based) waits for run `id`.
    fn tab_of_run(&self, id: RunId) -> Option<usize> {
        if self.view.run_id == Some(id) {
            return Some(self.active);
        }
        self.tabs.iter().position(|t| t.view.run_id == Some(id))
    }

    /// Puts a result in the shown tab's grid, as after a run. The focus does not move: callers
    /// that open a result on the hunter's request move it themselves.
    pub fn show(&mut self, result: ResultSet, measure: ClientMeasure, stats: Option<ServerStats>) {
        std::sync::Arc::make_mut(&mut self.assist.knowledge).learn(&result);
        self.view.show(result, measure, stats, None);
    }

    /// Shows the chart `render` asks for over the shown tab's result, as after a run that
    /// ended in it (a saved response opened with its query); a refusal is said.
    pub fn show_render(&mut self, render: Option<crate::chart::ChartSpec>) {
        if let Some(refused) = self.view.show_render(render, self.chart_series) {
            self.notices.push(Level::Warning, refused);
        }
    }
}

impl TabView {
    pub(super) fn show(
        &mut self,
        result: ResultSet,
        measure: ClientMeasure,
        stats: Option<ServerStats>,
        widths: Option<Vec<usize>>,
    ) {
        // The time zone chosen stays for the next result; the rest of the view starts afresh.
        let local_time = self.grid.local_time;
        self.table = match widths {
            Some(widths) => TableView::with_widths(&result, widths),
            None => TableView::for_result(&result),
        };
        self.grid = super::grid::Grid {
            local_time,
            ..Default::default()
        };
        self.opening = None;
        self.cached_from = None;
        // A chart is of the old result; the run that brought this one says what to draw.
        self.render = None;
        self.chart = None;
        self.picker = None;
        // A mark is a row of the old result.
        self.visual = None;
        let measure = ClientMeasure {
            rows: result.row_count(),
            columns: result.column_count(),
            ..measure
        };
        self.last = Some(LastRun {
            measure,
            stats,
            by: None,
        });
        self.result = Some(std::sync::Arc::new(result));
        self.run = RunState::Done;
    }

    /// Keeps what the run's `render` asked for and shows its chart; a chart that cannot be
    /// drawn leaves the table and comes back as the words to say.
    pub(super) fn show_render(
        &mut self,
        render: Option<crate::chart::ChartSpec>,
        max_series: usize,
    ) -> Option<String> {
        self.render = render.clone();
        let result = self.result.clone()?;
        match super::chart::ChartView::open(render?, &result, &self.table, max_series) {
            Ok(chart) => {
                self.chart = Some(chart);
                None
            }
            Err(e) => Some(e.to_string()),
        }
    }

    /// The run ended in `error`: the tab keeps it whole, with the place in the query it names.
    fn failed(&mut self, error: &ApiError) {
        let detail = error.to_string();
        let at = error
            .position()
            .map(|p| (p.line + self.query_line, p.column));
        let summary = detail
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        self.error = Some(ErrorReport {
            summary,
            detail,
            at,
        });
        self.run = RunState::Failed;
    }
}
