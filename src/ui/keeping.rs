//! What the workbench keeps on disk: every run in the history (with its result, compressed),
//! the open buffers as drafts, and the saved queries. A failure to write is told in the hint
//! bar and loses nothing that is on screen or already stored.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use super::app::App;
use super::notices::Level;
use super::work::{Answer, Lane};
use crate::api::ApiError;
use crate::drafts::Drafts;
use crate::history::{Filter, History, Outcome, PackedResult, Recorded, Recorder, RunRecord};

/// A draft is written this long after the last change (and at the latest this long after the
/// first unsaved one, however fast the hunter types).
const DRAFT_QUIET: Duration = Duration::from_millis(400);
const DRAFT_LATEST: Duration = Duration::from_millis(900);
/// How many runs the side pane lists.
const HISTORY_SHOWN: usize = 500;

#[derive(Default)]
pub struct Keep {
    /// The history, read here (listing, search, kept results).
    pub history: Option<History>,
    /// Writes runs into the history off the UI loop; without it they are written here.
    pub recorder: Option<Recorder>,
    pub drafts: Option<Drafts>,
    /// The saved-queries folder.
    pub saved: Option<PathBuf>,
    /// The custom detection rules folder.
    pub rules: Option<PathBuf>,
    /// When the drafts must be written: (first unsaved change, last change).
    pending: Option<(Instant, Instant)>,
}

impl Keep {
    /// Something in a buffer changed.
    pub fn touch(&mut self) {
        let now = Instant::now();
        self.pending = Some(self.pending.map_or((now, now), |(first, _)| (first, now)));
    }

    /// When the event loop must wake to write the drafts.
    pub fn draft_due(&self) -> Option<Instant> {
        self.drafts.as_ref()?;
        let (first, last) = self.pending?;
        Some((last + DRAFT_QUIET).min(first + DRAFT_LATEST))
    }
}

impl App {
    /// A buffer changed: its draft is written, and its diagnostics rerun, once typing pauses.
    pub fn edited(&mut self) {
        self.editor.edits += 1;
        self.keep.touch();
        self.assist.touch();
    }

    /// The largest packed result the history takes (0: no history, so no packing).
    pub fn cache_limit(&self) -> usize {
        self.keep
            .history
            .as_ref()
            .map_or(0, |h| h.limits().per_entry)
    }

    /// Writes the open buffers now. `clean` marks a normal quit.
    pub fn save_drafts(&mut self, clean: bool) {
        self.keep.pending = None;
        let session = self.session(clean);
        if let Some(drafts) = &self.keep.drafts {
            if let Err(e) = drafts.save(&session) {
                self.notify(
                    Level::Error,
                    format!("cannot save the drafts ({e}); your buffers are still open here"),
                );
            }
        }
    }

    /// Writes the drafts if they are due.
    pub fn save_drafts_if_due(&mut self) {
        if self
            .keep
            .draft_due()
            .is_some_and(|due| due <= Instant::now())
        {
            self.save_drafts(false);
        }
    }

    /// Records a finished run in the history and the side pane.
    pub(super) fn record_run(
        &mut self,
        query: String,
        started: SystemTime,
        outcome: &Result<crate::api::QueryOutcome, ApiError>,
        cancelled: bool,
        packed: Option<PackedResult>,
        by: Option<&crate::backend::BackendInfo>,
    ) {
        let by = by.unwrap_or(&self.backend);
        let mut run = crate::run::record(query, &self.profile, by, started, outcome, cancelled);
        let packed = packed.filter(|_| run.outcome == Outcome::Ok);
        if let Some(recorder) = &self.keep.recorder {
            // Listed at once; the list is read again when the recorder says it is stored.
            match recorder.record(run.clone(), packed) {
                Ok(()) => {}
                Err(e) => {
                    self.notify(Level::Error, e);
                }
            }
            self.side.history.insert(0, run);
            return;
        }
        if let Some(history) = &mut self.keep.history {
            match history.record(&run, packed.as_ref()) {
                Ok(id) => {
                    run.id = id;
                    run.cached = packed.is_some();
                    self.refresh_history();
                    return;
                }
                Err(e) => {
                    self.notify(Level::Error, e.to_string());
                }
            }
        }
        self.side.history.insert(0, run);
    }

    /// The recorder stored a run, or could not.
    pub fn recorded(&mut self, outcome: Recorded) {
        match outcome {
            Ok(_) => self.refresh_history(),
            Err(e) => {
                self.notify(Level::Error, e.to_string());
            }
        }
    }

    /// Reads the side pane's history list again, with its search.
    pub fn refresh_history(&mut self) {
        let Some(history) = &self.keep.history else {
            return;
        };
        let mut filter = match Filter::parse(&self.side.history_search, SystemTime::now()) {
            Ok(f) => f,
            Err(e) => {
                self.notify(Level::Error, e);
                return;
            }
        };
        filter.limit = HISTORY_SHOWN;
        match history.runs(&filter) {
            Ok(runs) => {
                self.side.history = runs;
                self.side.select(0);
            }
            Err(e) => {
                self.notify(Level::Error, e.to_string());
            }
        }
    }

    /// Shows the cached result of a past run: no API call, marked with its age. Reading,
    /// decompressing, loading and measuring it run off the UI loop, on a connection of their
    /// own; the grid says it is opening meanwhile.
    pub fn open_cached(&mut self, run: &RunRecord) {
        let place = match &self.keep.history {
            Some(history) if run.id > 0 => history.place(),
            _ => return self.no_cached_result(),
        };
        self.next_opening += 1;
        let ticket = self.next_opening;
        let tab = self.view.id;
        self.view.opening = Some((ticket, Instant::now()));
        let run = Box::new(run.clone());
        self.work
            .submit(Lane::Cache(tab), "opening the cached result", move || {
                let opened = place
                    .open()
                    .and_then(|history| history.cached(run.id))
                    .map(|found| {
                        found.map(|result| {
                            let widths = crate::results::view::measure_widths(&result);
                            (result, widths)
                        })
                    })
                    .map_err(|e| e.to_string());
                Answer::Opened {
                    tab,
                    ticket,
                    opened: Box::new(opened),
                    run,
                }
            });
    }

    pub(super) fn no_cached_result(&mut self) {
        let run = self.keymap.first_key(super::keymap::Action::RunQuery);
        let insert = self.keymap.first_key(super::keymap::Action::Side(
            super::keymap::SideAction::Insert,
        ));
        self.notify(Level::Error, format!("no cached result for this run (it failed, was too large, or was evicted): {insert} loads the query, {run} runs it"));
    }
}
