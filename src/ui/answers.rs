//! Asking for work off the UI loop (`work.rs`) and taking its answers: each answer is checked
//! against the generation it was computed for and dropped when something newer came since (a
//! sort after which the hunter filtered, a lint of text typed over, a search over rows since
//! sorted), so a late answer never undoes what the hunter did after asking.

use std::sync::Arc;
use std::time::Duration;

use super::app::App;
use super::notices::Level;
use super::view::{TabId, TabView};
use super::work::{Answer, Lane};
use crate::results::view::{FindRequest, OrderRequest};

impl App {
    /// The tab `id`'s view, shown or not.
    fn view_of(&mut self, id: TabId) -> Option<&mut TabView> {
        if self.view.id == id {
            return Some(&mut self.view);
        }
        self.tabs
            .iter_mut()
            .map(|t| &mut t.view)
            .find(|v| v.id == id)
    }

    /// Computes the shown tab's rows for a new sort or filter off the UI loop.
    pub(super) fn ask_rows(&mut self, request: Option<OrderRequest>) {
        self.view.grid.to_top();
        let (Some(request), Some(result)) = (request, self.view.result.clone()) else {
            // Nothing to compute: every row in order, shown at once.
            return;
        };
        let tab = self.view.id;
        self.work.submit(Lane::Rows(tab), "sorting", move || {
            Answer::Rows(tab, request.compute(&result))
        });
    }

    pub(super) fn ask_find(&mut self, request: FindRequest) {
        let Some(result) = self.view.result.clone() else {
            return;
        };
        let tab = self.view.id;
        self.work.submit(Lane::Search(tab), "searching", move || {
            Answer::Found(tab, request.compute(&result))
        });
    }

    /// Takes every answer ready; whether anything on screen may have changed.
    pub fn take_answers(&mut self) -> bool {
        let answers = self.work.take();
        let any = !answers.is_empty();
        for answer in answers {
            self.answer(answer);
        }
        any
    }

    /// Waits for the work asked for so far and takes its answers, as the event loop would when
    /// they arrive: for tools and tests that drive the workbench without one.
    pub fn settle(&mut self) {
        self.work.wait_idle(Duration::from_secs(30));
        self.take_answers();
    }

    /// Whether work asked for is still running (the loop keeps its clock going to show it).
    pub fn working(&self) -> bool {
        self.work.busy()
    }

    /// One answer from the work off the UI loop, applied if it is still wanted.
    pub fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::Rows(tab, order) => {
                let size = self.grid_size();
                let series = self.chart_series;
                if let Some(view) = self.view_of(tab) {
                    if view.table.take_order(order) {
                        if let (Some(chart), Some(result)) = (view.chart.as_mut(), &view.result) {
                            chart.refresh(result, &view.table, series);
                        }
                        // The selection went to the top when the hunter asked; where they moved
                        // it since stays, within the rows now shown.
                        let (row, column) = (view.grid.row, view.grid.column);
                        view.select(row, column, size);
                    }
                }
            }
            Answer::Found(tab, found) => {
                let size = self.grid_size();
                let shown = tab == self.view.id;
                let Some(view) = self.view_of(tab) else {
                    return;
                };
                match view.table.take_found(&found) {
                    Some(Some((row, column))) => view.select(row, column, size),
                    Some(None) if shown => {
                        let needle = found.needle;
                        self.notify(Level::Error, format!("no cell contains '{needle}'"));
                    }
                    _ => {}
                }
            }
            Answer::Linted {
                editor,
                edits,
                query,
                line,
                diagnostics,
            } => {
                if self.editor.id == editor && self.editor.edits == edits {
                    self.assist.diagnostics = diagnostics;
                    self.assist.diagnosed_line = line;
                    self.assist.diagnosed = query;
                }
            }
            Answer::Completed {
                editor,
                edits,
                keys,
                cursor,
                completion,
                always,
            } => {
                let here = self.editor.area.cursor();
                if self.editor.id != editor
                    || self.editor.edits != edits
                    || self.keys != keys
                    || (here.0, here.1) != cursor
                {
                    return;
                }
                self.show_completion(completion, always);
            }
            Answer::Opened {
                tab,
                ticket,
                opened,
                run,
            } => self.opened(tab, ticket, *opened, &run),
            Answer::Broke(lane, what) => {
                match lane {
                    Lane::Rows(tab) | Lane::Search(tab) | Lane::Cache(tab) => {
                        if let Some(view) = self.view_of(tab) {
                            view.table.stop_waiting();
                            view.opening = None;
                        }
                    }
                    Lane::Lint | Lane::Completion => {}
                }
                self.notify(
                    Level::Error,
                    format!("{what} stopped after an internal error; please report it"),
                );
            }
        }
    }

    /// A cached result read back off the UI loop: into the tab that asked, if it still waits
    /// for this one.
    fn opened(
        &mut self,
        tab: TabId,
        ticket: u64,
        opened: Result<Option<super::work::Measured>, String>,
        run: &crate::history::RunRecord,
    ) {
        let shown = tab == self.view.id;
        let Some(view) = self.view_of(tab) else {
            return;
        };
        if view.opening.map(|(t, _)| t) != Some(ticket) {
            return;
        }
        view.opening = None;
        match opened {
            Ok(Some((result, widths))) => {
                Arc::make_mut(&mut self.assist.knowledge).learn(&result);
                let measure = crate::api::ClientMeasure {
                    wall_time: run.wall_time,
                    bytes: run.bytes as usize,
                    ..Default::default()
                };
                let series = self.chart_series;
                let Some(view) = self.view_of(tab) else {
                    return;
                };
                view.show(result, measure, run.stats.clone(), Some(widths));
                view.cached_from = Some(run.started);
                // The history keeps the query, not the service's hint: its render draws.
                let refused = view.show_render(crate::chart::spec_of_query(&run.query), series);
                if let Some(refused) = refused {
                    self.notify(Level::Warning, refused);
                }
                if shown {
                    self.focus = super::app::Focus::Results;
                    let key = self.keymap.first_key(super::keymap::Action::RunQuery);
                    self.notify(
                        Level::Info,
                        format!("cached result: no API call was made; {key} runs it again"),
                    );
                }
            }
            Ok(None) => self.no_cached_result(),
            Err(e) => self.notify(Level::Error, e),
        }
    }
}
