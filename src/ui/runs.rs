//! Starting a run of the query under the cursor, and taking in how it ended: rows into the
//! grid, an error into the popup (with the place it names), and either into the history.

use std::time::{Instant, SystemTime};

use tokio_util::sync::CancellationToken;

use super::app::{App, Command, ErrorReport, Focus, LastRun, Overlay, RunState};
use super::grid::Grid;
use crate::api::{ApiError, ClientMeasure, QueryOutcome, QueryRequest, QuotaSnapshot, ServerStats};
use crate::history::PackedResult;
use crate::results::ResultSet;

impl App {
    pub(super) fn start_run(&mut self) -> Option<Command> {
        if self.is_running() {
            let cancel = self.keymap.first_key(super::keymap::Action::Cancel);
            self.note = Some(format!("a query is running: {cancel} cancels it"));
            self.note_is_error = true;
            return None;
        }
        if self.offline {
            self.error = Some(ErrorReport {
                summary: "offline: this workbench shows a saved response; start kqlhunt with a profile or --demo to run queries".into(),
                detail: String::new(),
                at: None,
            });
            self.run = RunState::Failed;
            return None;
        }
        let (query, line) = self.editor.query_under_cursor();
        if query.trim().is_empty() {
            self.error = Some(ErrorReport {
                summary: "nothing to run: the cursor is not on a query".into(),
                detail: String::new(),
                at: None,
            });
            self.run = RunState::Failed;
            return None;
        }
        self.query_line = line;
        self.running = Some((query.clone(), SystemTime::now()));
        let cancel = CancellationToken::new();
        self.run = RunState::Running {
            started: Instant::now(),
            cancel: cancel.clone(),
        };
        self.error = None;
        Some(Command::Run(
            QueryRequest {
                query,
                timespan: None,
            },
            cancel,
        ))
    }

    /// A query task has ended. The query text stays in the editor whatever happened.
    pub fn finished(
        &mut self,
        outcome: Result<QueryOutcome, ApiError>,
        quota: QuotaSnapshot,
        packed: Option<PackedResult>,
    ) {
        self.quota = quota;
        if let Some((query, at)) = self.running.take() {
            // A call the local quota held back was never sent: it is no run for the history.
            let held_back = matches!(&outcome, Err(ApiError::Throttled { local: true, .. }));
            if !held_back {
                let cancelled = matches!(self.run, RunState::Cancelled);
                self.record_run(query, at, &outcome, cancelled, packed);
            }
        }
        if matches!(self.run, RunState::Cancelled) {
            return;
        }
        match outcome {
            Ok(outcome) => {
                self.quota = outcome.quota.clone();
                self.show(outcome.result, outcome.measure, outcome.stats);
                // Rows that arrive while the hunter types must not turn the next keys into
                // grid commands: the focus stays where the hunter is, unless asked otherwise.
                if self.focus_results_on_run {
                    self.focus = Focus::Results;
                } else if self.focus != Focus::Results {
                    let browse = self.keymap.first_key(super::keymap::Action::FocusResults);
                    self.note = Some(format!(
                        "{} in the grid: {browse} browses them",
                        crate::text::rows(self.result.as_ref().map_or(0, |r| r.row_count()))
                    ));
                }
            }
            Err(ApiError::Cancelled) => self.run = RunState::Cancelled,
            Err(error) => {
                let detail = error.to_string();
                let at = position(&detail).map(|(l, c)| (l + self.query_line, c));
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
                self.overlay = Overlay::Error;
            }
        }
    }

    /// Puts a result in the grid, as after a run. The focus does not move: callers that open a
    /// result on the hunter's request move it themselves.
    pub fn show(&mut self, result: ResultSet, measure: ClientMeasure, stats: Option<ServerStats>) {
        // The time zone chosen stays for the next result; the rest of the view starts afresh.
        let local_time = self.grid.local_time;
        self.grid = Grid::for_result(&result);
        self.grid.local_time = local_time;
        self.cached_from = None;
        self.assist.knowledge.learn(&result);
        let measure = ClientMeasure {
            rows: result.row_count(),
            columns: result.column_count(),
            ..measure
        };
        self.last = Some(LastRun { measure, stats });
        self.result = Some(std::sync::Arc::new(result));
        self.run = RunState::Done;
    }
}

/// `[line 2, column 9]` in an engine message: where the service says the mistake is.
fn position(message: &str) -> Option<(usize, usize)> {
    let at = message.find("[line ")?;
    let rest = &message[at + 6..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((
        line.trim().parse::<usize>().ok()?.saturating_sub(1),
        column.parse().ok()?,
    ))
}
