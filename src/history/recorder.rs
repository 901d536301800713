//! Recording runs off the UI loop. Another kqlhunt may hold the database for seconds (a long
//! write, a backup tool): a recording waits for it on a thread of its own, with a connection
//! of its own, and says how it went through a callback, so the workbench never freezes.

use std::sync::mpsc;

use super::cache::PackedResult;
use super::record::RunRecord;
use super::store::{History, HistoryError};

/// What the recorder says when a run is stored (its id) or could not be.
pub type Recorded = Result<i64, HistoryError>;

/// A thread that writes runs into the history, one after another, in order.
pub struct Recorder {
    jobs: Option<mpsc::Sender<(RunRecord, Option<PackedResult>)>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Recorder {
    /// Opens its own connection to the database `history` reads; `done` hears of every run.
    pub fn start(
        history: &History,
        done: impl Fn(Recorded) + Send + 'static,
    ) -> Result<Recorder, HistoryError> {
        let path = history.path().to_owned();
        let history = history.another()?;
        let (jobs, queue) = mpsc::channel::<(RunRecord, Option<PackedResult>)>();
        let thread = std::thread::Builder::new()
            .name("history-recorder".into())
            .spawn(move || {
                let mut history = history;
                // Ends when the workbench drops its recorder.
                for (run, packed) in queue {
                    done(history.record(&run, packed.as_ref()));
                }
            })
            .map_err(|e| HistoryError::Open {
                path: path.display().to_string(),
                reason: format!("cannot start the thread that records runs: {e}"),
            })?;
        Ok(Recorder {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Queues a run; returns at once.
    pub fn record(&self, run: RunRecord, packed: Option<PackedResult>) -> Result<(), String> {
        self.jobs
            .as_ref()
            .and_then(|jobs| jobs.send((run, packed)).ok())
            .ok_or_else(|| "the history recorder has stopped; this run is not kept".to_owned())
    }
}

impl Drop for Recorder {
    /// Runs still queued when the workbench quits are written before it goes.
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
