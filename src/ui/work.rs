//! Work that can take over a millisecond runs here, never on the UI loop: sorting, filtering
//! and searching a result, checking and completing the query, opening a cached result. Each job
//! is in a lane (one per tab's rows, per tab's search, lint, completion, cache); a lane runs one
//! job at a time on a thread of its own, and a job asked for while another runs waits in the
//! lane's one slot, replacing any job waiting there: only the newest request is worth the CPU.
//! Answers carry the generation they were computed for (see `answers.rs`), so a late one
//! changes nothing.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::view::TabId;
use crate::assist::complete::Completion;
use crate::assist::diagnose::Diagnostic;
use crate::results::view::{Found, RowOrder};
use crate::results::ResultSet;

/// Where a job queues: one at a time in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lane {
    /// A tab's rows: its sort and filter.
    Rows(TabId),
    /// A tab's search.
    Search(TabId),
    Lint,
    Completion,
    /// A cached result read back from the history for a tab.
    Cache(TabId),
}

/// What a job found, and for which generation of what it was asked about.
#[derive(Debug)]
pub enum Answer {
    Rows(TabId, RowOrder),
    Found(TabId, Found),
    /// Diagnostics of the query starting at `line` of the buffer `editor` at edit `edits`.
    Linted {
        editor: u64,
        edits: u64,
        query: String,
        line: usize,
        diagnostics: Vec<Diagnostic>,
    },
    /// Completion at `cursor` of the buffer `editor` at edit `edits`, asked after `keys` keys.
    Completed {
        editor: u64,
        edits: u64,
        keys: u64,
        cursor: (usize, usize),
        completion: Completion,
        /// Say so when there is nothing to offer (Tab asked, rather than typing).
        always: bool,
    },
    /// A cached result, read back with its columns measured (none: not kept), for the tab's
    /// opening `ticket`.
    Opened {
        tab: TabId,
        ticket: u64,
        opened: Box<Result<Option<Measured>, String>>,
        run: Box<crate::history::RunRecord>,
    },
    /// A job stopped with an internal error: its lane waits no more.
    Broke(Lane, &'static str),
}

/// A result with its columns' widths measured.
pub type Measured = (ResultSet, Vec<usize>);

type Job = Box<dyn FnOnce() -> Answer + Send>;

#[derive(Default)]
struct LaneState {
    running: bool,
    next: Option<(&'static str, Job)>,
}

#[derive(Default)]
struct Shared {
    lanes: Mutex<HashMap<Lane, LaneState>>,
    answers: Mutex<Vec<Answer>>,
    /// Signalled when a lane goes idle.
    idle: Condvar,
    /// Tells the event loop an answer is waiting.
    wake: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
}

#[derive(Default)]
pub struct Work {
    shared: Arc<Shared>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic inside a job is caught before it could poison these.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Work {
    /// `wake` is called from a worker each time an answer is ready.
    pub fn on_answer(&self, wake: impl Fn() + Send + Sync + 'static) {
        *lock(&self.shared.wake) = Some(Arc::new(wake));
    }

    /// Runs `job` in `lane` (`what` names it if it breaks).
    pub fn submit(
        &self,
        lane: Lane,
        what: &'static str,
        job: impl FnOnce() -> Answer + Send + 'static,
    ) {
        let mut lanes = lock(&self.shared.lanes);
        let state = lanes.entry(lane).or_default();
        if state.running {
            state.next = Some((what, Box::new(job)));
            return;
        }
        state.running = true;
        drop(lanes);
        let shared = self.shared.clone();
        let started = std::thread::Builder::new()
            .name("kqlhunt-work".into())
            .spawn(move || worker(shared, lane, what, Box::new(job)));
        if started.is_err() {
            // No thread to be had: the lane answers that it broke, so nothing waits forever.
            lock(&self.shared.lanes).remove(&lane);
            self.answer(Answer::Broke(lane, what));
        }
    }

    fn answer(&self, answer: Answer) {
        deliver(&self.shared, answer);
    }

    /// Answers ready, in the order they came.
    pub fn take(&self) -> Vec<Answer> {
        std::mem::take(&mut *lock(&self.shared.answers))
    }

    /// Whether a job runs or waits.
    pub fn busy(&self) -> bool {
        lock(&self.shared.lanes).values().any(|l| l.running)
    }

    /// Waits until every lane is idle, at most `limit`: for tools and tests that take answers
    /// without an event loop. False when work still runs.
    pub fn wait_idle(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut lanes = lock(&self.shared.lanes);
        while lanes.values().any(|l| l.running) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            lanes = self
                .shared
                .idle
                .wait_timeout(lanes, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }
}

fn deliver(shared: &Shared, answer: Answer) {
    lock(&shared.answers).push(answer);
    let wake = lock(&shared.wake).clone();
    if let Some(wake) = wake {
        wake();
    }
}

/// Runs a lane's jobs until none waits. A panic in one is caught here: it loses that answer,
/// never the workbench.
fn worker(shared: Arc<Shared>, lane: Lane, mut what: &'static str, mut job: Job) {
    loop {
        let answer = crate::guard::guarded(job).unwrap_or(Answer::Broke(lane, what));
        // Delivered before the lane says it is idle, so whoever waits for idle finds it.
        deliver(&shared, answer);
        let next = {
            let mut lanes = lock(&shared.lanes);
            let state = lanes.entry(lane).or_default();
            let next = state.next.take();
            if next.is_none() {
                lanes.remove(&lane);
            }
            next
        };
        match next {
            Some((w, j)) => (what, job) = (w, j),
            None => {
                shared.idle.notify_all();
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn broke(answer: &Answer) -> &'static str {
        match answer {
            Answer::Broke(_, what) => what,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_lane_runs_the_newest_waiting_job_and_skips_the_ones_it_replaced() {
        let work = Work::default();
        let (release, gate) = mpsc::channel::<()>();
        let lane = Lane::Lint;
        work.submit(lane, "first", move || {
            let _ = gate.recv_timeout(Duration::from_secs(10));
            Answer::Broke(Lane::Lint, "first")
        });
        work.submit(lane, "second", || Answer::Broke(Lane::Lint, "second"));
        work.submit(lane, "third", || Answer::Broke(Lane::Lint, "third"));
        assert!(work.busy());
        release.send(()).unwrap();
        assert!(work.wait_idle(Duration::from_secs(10)));
        let answers: Vec<_> = work.take().iter().map(broke).collect();
        assert_eq!(answers, ["first", "third"], "the second was replaced");
    }

    #[test]
    fn a_job_that_panics_answers_that_it_broke_and_frees_its_lane() {
        let work = Work::default();
        work.submit(Lane::Cache(TabId(0)), "reading", || {
            panic!("a damaged page")
        });
        assert!(work.wait_idle(Duration::from_secs(10)));
        let answers = work.take();
        assert_eq!(answers.iter().map(broke).collect::<Vec<_>>(), ["reading"]);
        assert!(!work.busy());
    }
}
